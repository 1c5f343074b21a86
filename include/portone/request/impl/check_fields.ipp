// SPDX-License-Identifier: BSL-1.0
// What request/check_fields.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/request/check_fields.hpp>

#include <charconv>

namespace portone {

PORTONE_DECL field_mask present_fields(const payment_fields& f) noexcept
{
    field_mask m = 0;
    const auto set = [&m](bool present, field_mask bit) {
        if (present) m |= bit;
    };
    set(!f.merchant_order_id.empty(), field::merchant_order_id::bit);
    set(f.amount.has_value(), field::amount::bit);
    set(!f.description.empty(), field::description::bit);
    set(!f.success_url.empty(), field::success_url::bit);
    set(!f.failure_url.empty(), field::failure_url::bit);
    set(f.pending_url.has_value(), field::pending_url::bit);
    if (const auto& b = f.billing_details) {
        set(b->billing_email.has_value(), field::billing_email::bit);
        set(b->billing_name.has_value(), field::billing_name::bit);
        set(b->billing_surname.has_value(), field::billing_surname::bit);
        set(b->billing_phone.has_value(), field::billing_phone::bit);
        set(b->billing_address.has_value(), field::billing_address::bit);
    }
    if (const auto& s = f.shipping_details)
        set(s->shipping_address.has_value(), field::shipping_address::bit);
    set(!f.order_details.empty(), field::order_details::bit);
    return m;
}

} // namespace portone

namespace portone::detail {

PORTONE_DECL void member_paths::under(std::string_view base)
{
    path_.assign(base);
    path_ += '.';
    base_size_ = path_.size();
}

PORTONE_DECL void member_paths::under(std::string_view array, std::size_t index)
{
    char digits[20];
    const auto written = std::to_chars(digits, digits + sizeof digits, index);
    path_.assign(array);
    path_ += '[';
    path_.append(digits, static_cast<std::size_t>(written.ptr - digits));
    path_ += "].";
    base_size_ = path_.size();
}

PORTONE_DECL const std::string& member_paths::operator()(std::string_view leaf)
{
    return path_.replace(base_size_, std::string::npos, leaf.data(), leaf.size());
}

PORTONE_DECL void check_optional_text(const std::optional<std::string>& v, std::string_view path,
                                      std::string_view what, errors& out)
{
    if (v) validation::check_text(*v, path, what, out);
}

PORTONE_DECL void check_address(const address& a, std::string_view path, errors& out)
{
    struct line {
        const std::optional<std::string>& value;
        std::string_view leaf, what;
        bool required;
    };
    const line lines[] = {{a.line_1, "line_1", "address line 1", true},
                          {a.city, "city", "city", true},
                          {a.postal_code, "postal_code", "postal code", true},
                          {a.country_code, "country_code", "country code", true},
                          {a.line_2, "line_2", "address line 2", false},
                          {a.state, "state", "state", false},
                          {a.country_name, "country_name", "country name", false},
                          {a.locale, "locale", "locale", false}};
    member_paths path_of(path);
    for (const auto& l : lines) {
        if (l.value) validation::check_text(*l.value, path_of(l.leaf), l.what, out);
        else if (l.required)
            out.add(errc::missing_field, path_of(l.leaf), {l.what, " is missing from ", path});
    }
    if (a.country_code && !a.country_code->empty())
        validation::check_country_code(*a.country_code, path_of("country_code"), out);
    if (a.country_code == "JP" && a.postal_code)
        validation::check_jp_postal_code(*a.postal_code, path_of("postal_code"), out);
}

PORTONE_DECL bool add_product(std::int64_t& acc, std::int64_t a, std::int64_t b) noexcept
{
    std::int64_t product = 0;
    if (__builtin_mul_overflow(a, b, &product)) return false;
    return !__builtin_add_overflow(acc, product, &acc);
}

PORTONE_DECL void check_order_details(const payment_fields& f, errors& out)
{
    std::int64_t total = 0;
    bool total_ok = true;
    member_paths path_of;
    for (std::size_t i = 0; i < f.order_details.size(); ++i) {
        const auto& item = f.order_details[i];
        path_of.under("order_details", i);
        validation::check_text(item.id, path_of("id"), "item id", out);
        validation::check_text(item.name, path_of("name"), "item name", out);
        if (item.image) validation::check_url(*item.image, path_of("image"), out);
        if (item.quantity < 1) {
            out.add(errc::invalid_value, path_of("quantity"),
                    {"item quantity must be at least 1, got ", decimal(item.quantity)});
            total_ok = false;
        } else if (!add_product(total, item.price.minor_units(), item.quantity)) {
            out.add(errc::amount_too_large, path_of("quantity"),
                    {"order items overflow when multiplied out"});
            total_ok = false;
        }
    }
    // PortOne: "Summation of order value ... is equal to amount".
    if (total_ok && !f.order_details.empty() && f.amount && total != f.amount->minor_units())
        out.add(errc::amount_mismatch, "order_details",
                {"order items add up to ", decimal(total), " JPY but the amount is ",
                 decimal(f.amount->minor_units()), " JPY"});
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL void check_values(const payment_fields& f, errors& out)
{
    namespace v = validation;
    if (!f.merchant_order_id.empty())
        v::check_merchant_order_id(f.merchant_order_id, "merchant_order_id", out);
    if (!f.description.empty()) v::check_text(f.description, "description", "description", out);
    if (!f.success_url.empty()) v::check_url(f.success_url, "success_url", out);
    if (!f.failure_url.empty()) v::check_url(f.failure_url, "failure_url", out);
    if (f.pending_url) v::check_url(*f.pending_url, "pending_url", out);

    if (const auto& b = f.billing_details) {
        detail::check_optional_text(b->billing_name, field::billing_name::path, "name", out);
        detail::check_optional_text(b->billing_surname, field::billing_surname::path, "surname",
                                    out);
        if (b->billing_email) v::check_email(*b->billing_email, field::billing_email::path, out);
        if (b->billing_phone) v::check_phone(*b->billing_phone, field::billing_phone::path, out);
        if (b->billing_address)
            detail::check_address(*b->billing_address, field::billing_address::path, out);
    }
    if (const auto& s = f.shipping_details) {
        detail::check_optional_text(s->shipping_name, "shipping_details.shipping_name", "name",
                                    out);
        detail::check_optional_text(s->shipping_surname, "shipping_details.shipping_surname",
                                    "surname", out);
        if (s->shipping_email)
            v::check_email(*s->shipping_email, "shipping_details.shipping_email", out);
        if (s->shipping_phone)
            v::check_phone(*s->shipping_phone, "shipping_details.shipping_phone", out);
        if (s->shipping_address)
            detail::check_address(*s->shipping_address, field::shipping_address::path, out);
    }
    detail::check_order_details(f, out);

    constexpr std::string_view user_field_names[] = {
        "user_configured_field1", "user_configured_field2", "user_configured_field3",
        "user_configured_field4", "user_configured_field5"};
    const std::optional<std::string>* user_fields[] = {
        &f.user_configured_field1, &f.user_configured_field2, &f.user_configured_field3,
        &f.user_configured_field4, &f.user_configured_field5};
    for (int i = 0; i < 5; ++i)
        detail::check_optional_text(*user_fields[i], user_field_names[i], user_field_names[i], out);
}

} // namespace portone
