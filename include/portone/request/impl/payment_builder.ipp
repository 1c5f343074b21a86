// SPDX-License-Identifier: BSL-1.0
// What request/payment_builder.hpp declares PORTONE_DECL (see portone/config.hpp): the draft's
// work that does not depend on the method, compiled once.
#pragma once

#include <portone/request/payment_builder.hpp>

namespace portone::detail {

PORTONE_DECL void payment_draft::set_in(payment_fields& f, text member, std::string_view v)
{
    f.*member = v;
}

PORTONE_DECL void payment_draft::set_in(payment_fields& f,
                                        std::optional<std::string> payment_fields::*member,
                                        std::string_view v)
{
    f.*member = std::string(v);
}

PORTONE_DECL void payment_draft::set_in(payment_fields& f, billing_text member, std::string_view v)
{
    billing_of(f).*member = std::string(v);
}

PORTONE_DECL void payment_draft::set_in(payment_fields& f, shipping_text member,
                                        std::string_view v)
{
    shipping_of(f).*member = std::string(v);
}

PORTONE_DECL void payment_draft::set_billing_address_in(payment_fields& f, address v)
{
    billing_of(f).billing_address = std::move(v);
}

PORTONE_DECL void payment_draft::set_shipping_address_in(payment_fields& f, address v)
{
    shipping_of(f).shipping_address = std::move(v);
}

PORTONE_DECL void payment_draft::add_item_in(payment_fields& f, order_item item)
{
    f.order_details.push_back(std::move(item));
}

PORTONE_DECL void payment_draft::set_customer_data_in(payment_fields& f, const customer& c,
                                                      customer_data need)
{
    if (contains(need, customer_data::email)) billing_of(f).billing_email = c.email;
    if (contains(need, customer_data::name)) billing_of(f).billing_name = c.name;
    if (contains(need, customer_data::surname)) billing_of(f).billing_surname = c.surname;
    if (contains(need, customer_data::phone)) billing_of(f).billing_phone = c.phone;
    if (contains(need, customer_data::address)) {
        if (c.billing_address || !c.shipping_address)
            billing_of(f).billing_address = c.billing_address.value_or(address{});
        else
            shipping_of(f).shipping_address = *c.shipping_address;
    }
}

PORTONE_DECL errors payment_draft::problems_in(const payment_fields& f)
{
    errors out;
    check_values(f, out);
    return out;
}

PORTONE_DECL errors payment_draft::problems_in(const payment_fields& f, const method_traits& t,
                                               environment e)
{
    errors out;
    rule_checks::collect<rule::sandbox_not_available>(t, e, "environment", out);
    check_values(f, out);
    return out;
}

} // namespace portone::detail
