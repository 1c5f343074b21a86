// SPDX-License-Identifier: BSL-1.0
// The run-time path: a payment form whose every value comes from the shopper or the shop's page
// (komoju::check_form), and the method-key dispatch it relies on (komoju/dispatch.hpp).
//
// The input is the form, one value per line in payment_form's order (see `form_from`); an empty
// line is a value left empty, and lines past the address blocks are order items, five lines each.
// (A value therefore cannot hold a line feed; every other byte reaches the checks.)
//
// Properties, besides the error rules: checking is deterministic; an unknown method key is
// reported as such; a form that passes names a catalog method and environment, its amount is the
// form's, and its initiatePayment JSON is valid JSON with those values, and can be signed; the
// three ways to look a key up agree.
#include "harness.hpp"

#include <portone/json/initiate_payment.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/protocol/signature.hpp>
#include <portone/request/payment_form.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// At most this many order items: more only repeats the same checks.
constexpr std::size_t max_items = 16;

class lines {
public:
    explicit lines(std::string_view text) : rest_(text) {}
    bool empty() const noexcept { return !more_; }
    std::string next()
    {
        if (!more_) return {};
        const auto end = rest_.find('\n');
        const std::string_view line = rest_.substr(0, end);
        if (end == std::string_view::npos) more_ = false;
        else rest_.remove_prefix(end + 1);
        return std::string(line);
    }

private:
    std::string_view rest_;
    bool more_ = true;
};

std::optional<std::string> optional_line(lines& in)
{
    if (in.empty()) return std::nullopt;
    return in.next();
}

portone::address address_from(lines& in)
{
    portone::address a;
    a.city = optional_line(in);
    a.country_code = optional_line(in);
    a.country_name = optional_line(in);
    a.locale = optional_line(in);
    a.line_1 = optional_line(in);
    a.line_2 = optional_line(in);
    a.postal_code = optional_line(in);
    a.state = optional_line(in);
    return a;
}

portone::payment_form form_from(std::string_view text)
{
    lines in(text);
    portone::payment_form f;
    f.method = in.next();
    f.environment = in.next();
    f.merchant_order_id = in.next();
    f.amount = in.next();
    f.description = in.next();
    f.success_url = in.next();
    f.failure_url = in.next();
    f.pending_url = in.next();
    f.billing_name = in.next();
    f.billing_surname = in.next();
    f.billing_email = in.next();
    f.billing_phone = in.next();
    f.billing_address = address_from(in);
    f.shipping_name = in.next();
    f.shipping_surname = in.next();
    f.shipping_email = in.next();
    f.shipping_phone = in.next();
    f.shipping_address = address_from(in);
    while (!in.empty() && f.items.size() < max_items) {
        portone::form_item item;
        item.id = in.next();
        item.name = in.next();
        item.price = in.next();
        item.quantity = in.next();
        item.image = in.next();
        f.items.push_back(std::move(item));
    }
    return f;
}

void check_dispatch(std::string_view key)
{
    namespace komoju = portone::komoju;
    const portone::method_traits* found = komoju::find_method(key);
    if (found != nullptr) FUZZ_CHECK(found->key == key);

    const auto by_key = komoju::method_by_key(key, "/method_key");
    FUZZ_CHECK(by_key.has_value() == (found != nullptr));
    if (by_key) {
        FUZZ_CHECK(*by_key == found);
    } else {
        fuzz::check_error(by_key.error());
        FUZZ_CHECK(by_key.error().code == portone::errc::unknown_method &&
                   by_key.error().where == "/method_key");
    }

    const auto visited =
        komoju::visit_method(key, [](auto method) -> const portone::method_traits* {
            return &decltype(method)::traits;
        });
    FUZZ_CHECK(visited.has_value() == (found != nullptr));
    if (visited) FUZZ_CHECK(*visited == found);
    else fuzz::check_error(visited.error());

    if (const portone::method_traits* store = komoju::find_konbini_store(key))
        FUZZ_CHECK(store->kind == portone::method_kind::konbini && store->store == key);
}

bool has_string(const boost::json::object& o, std::string_view key, std::string_view value)
{
    const boost::json::value* v = o.if_contains(key);
    return v != nullptr && v->is_string() && v->get_string() == value;
}

void check_request(const portone::payment_form& form, const portone::dynamic_payment_request& r)
{
    static const portone::secret_key secret("PORTONE_SECRET");
    static const portone::signer sign(secret);
    static const portone::portone_key key("pk_test_portone");

    FUZZ_CHECK(r.traits().key == form.method);
    FUZZ_CHECK(portone::environment_from_string(form.environment) == r.environment());
    const auto amount = portone::yen::parse(form.amount);
    FUZZ_CHECK(amount && *amount == r.amount());

    const std::string signature = sign.sign_request(r, key);
    std::string body;
    const std::string_view json = portone::json::write_initiate_payment(body, r, key, signature);
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(json, ec);
    FUZZ_CHECK_DETAIL(!ec && parsed.is_object(), json);
    const boost::json::object& o = parsed.get_object();
    FUZZ_CHECK(has_string(o, "pmt_method", r.traits().key));
    FUZZ_CHECK(has_string(o, "merchant_order_id", form.merchant_order_id));
    FUZZ_CHECK(has_string(o, "signature_hash", signature));
    const boost::json::value* amount_value = o.if_contains("amount");
    FUZZ_CHECK(amount_value != nullptr && amount_value->is_int64() &&
               amount_value->get_int64() == r.amount().minor_units());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy input(data, size);
    const portone::payment_form form = form_from(input.view());
    // The key as the lookups get it from a request: a view that ends where it ends.
    const fuzz::exact_copy key(form.method.data(), form.method.size());
    check_dispatch(key.view());

    const auto checked = portone::check_form(form, portone::komoju::methods);
    const auto again = portone::check_form(form, portone::komoju::methods);
    FUZZ_CHECK(checked.has_value() == again.has_value());
    if (checked) {
        check_request(form, *checked);
        return 0;
    }
    const portone::errors& problems = checked.error();
    fuzz::check_errors(problems);
    FUZZ_CHECK(problems == again.error());
    if (portone::komoju::find_method(form.method) == nullptr)
        FUZZ_CHECK(problems.contains(portone::errc::unknown_method, "pmt_method"));
    return 0;
}
