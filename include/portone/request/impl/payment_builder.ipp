// SPDX-License-Identifier: BSL-1.0
// What request/payment_builder.hpp declares PORTONE_DECL (see portone/config.hpp): the draft's
// work that does not depend on the method, compiled once.
#pragma once

#include <portone/request/payment_builder.hpp>

namespace portone::detail {

PORTONE_DECL void payment_draft::set(text member, std::string_view v)
{
    (*fields_).*member = v;
}

PORTONE_DECL void payment_draft::set(std::optional<std::string> payment_fields::*member,
                                     std::string_view v)
{
    (*fields_).*member = std::string(v);
}

PORTONE_DECL void payment_draft::set(billing_text member, std::string_view v)
{
    billing().*member = std::string(v);
}

PORTONE_DECL void payment_draft::set(shipping_text member, std::string_view v)
{
    shipping().*member = std::string(v);
}

PORTONE_DECL void payment_draft::set_billing_address(address v)
{
    billing().billing_address = std::move(v);
}

PORTONE_DECL void payment_draft::set_shipping_address(address v)
{
    shipping().shipping_address = std::move(v);
}

PORTONE_DECL void payment_draft::add_item(order_item item)
{
    fields_->order_details.push_back(std::move(item));
}

PORTONE_DECL void payment_draft::set_customer_data(const customer& c, customer_data need)
{
    if (contains(need, customer_data::email)) billing().billing_email = c.email;
    if (contains(need, customer_data::name)) billing().billing_name = c.name;
    if (contains(need, customer_data::surname)) billing().billing_surname = c.surname;
    if (contains(need, customer_data::phone)) billing().billing_phone = c.phone;
    if (contains(need, customer_data::address)) {
        if (c.billing_address || !c.shipping_address)
            billing().billing_address = c.billing_address.value_or(address{});
        else
            shipping().shipping_address = *c.shipping_address;
    }
}

PORTONE_DECL errors payment_draft::problems() const
{
    errors out;
    check_values(*fields_, out);
    return out;
}

PORTONE_DECL errors payment_draft::problems(const method_traits& t) const
{
    errors out;
    rule_checks::collect<rule::sandbox_not_available>(t, environment_, "environment", out);
    check_values(*fields_, out);
    return out;
}

} // namespace portone::detail
