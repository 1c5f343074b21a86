// SPDX-License-Identifier: BSL-1.0
// The demo.
//
//   demo                      the merchant's whole loop over real HTTP, against PortOne's local
//                             stand-in (loop_demo.cpp)
//   demo --catalog            the KOMOJU catalog as the library sees it, and for each of the 17
//                             methods an initiatePayment request built through the compile-time
//                             path with exactly the customer data the method requires, as JSON
//   demo --catalog-markdown   the catalog as the Markdown page docs/catalog.md
#include "loop_demo.hpp"

#include <portone/komoju.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace k = portone::komoju;
using namespace portone::literals;

namespace {

const char* yes_no(bool b) { return b ? "yes" : "no"; }

std::string required_data(const portone::method_traits& t)
{
    using cd = portone::customer_data;
    std::string s;
    const auto add = [&](cd d, const char* what) {
        if (!portone::contains(t.required, d)) return;
        if (!s.empty()) s += ", ";
        s += what;
    };
    add(cd::email, "email");
    add(cd::name, "name");
    add(cd::surname, "surname");
    add(cd::phone, "phone");
    add(cd::address, "billing or shipping address");
    return s.empty() ? "-" : s;
}

void print_catalog_markdown()
{
    std::printf("<!-- SPDX-License-Identifier: BSL-1.0 -->\n"
                "# The KOMOJU catalog\n\n"
                "Generated from the traits in `include/portone/komoju/catalog.hpp` by\n"
                "`demo --catalog-markdown`; the `docs.catalog_table` test fails when this page and "
                "the code disagree.\n"
                "Channel `%.*s`, currency `%.*s`, country `%.*s`.\n\n",
                int(k::channel::key.size()), k::channel::key.data(),
                int(k::currency_code.size()), k::currency_code.data(),
                int(k::country_code.size()), k::country_code.data());
    std::printf("| Type (`portone::komoju::`) | `pmt_method` | Payment type | Kind | Integrated "
                "| Refund | Sandbox | Checkout | Required customer data | KOMOJU store |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto* t : k::all_traits) {
        const auto kind = portone::to_string(t->kind);
        std::string store = "-";
        if (!t->store.empty()) store.assign("`").append(t->store).append("`");
        std::printf("| `%.*s` | `%.*s` | %.*s | %.*s | %s | %s | %s | %s | %s | %s |\n",
                    int(t->name.size()), t->name.data(), int(t->key.size()), t->key.data(),
                    int(t->payment_type.size()), t->payment_type.data(), int(kind.size()),
                    kind.data(), yes_no(t->integrated), yes_no(t->refundable), yes_no(t->sandbox),
                    yes_no(t->checkout),
                    required_data(*t).c_str(), store.c_str());
    }
}

void print_catalog()
{
    std::printf("The KOMOJU catalog: %zu methods, generated from their traits\n\n", k::method_count);
    std::printf("%-24s %-30s %-14s %-6s %-7s %-8s %s\n", "type", "pmt_method", "kind", "refund",
                "sandbox", "checkout", "requires");
    for (const auto* t : k::all_traits) {
        const auto kind = portone::to_string(t->kind);
        std::printf("%-24.*s %-30.*s %-14.*s %-6s %-7s %-8s %s\n", int(t->name.size()),
                    t->name.data(), int(t->key.size()), t->key.data(), int(kind.size()),
                    kind.data(), yes_no(t->refundable), yes_no(t->sandbox), yes_no(t->checkout),
                    required_data(*t).c_str());
    }
}

/// A shopper with everything a method could ask for; each request takes only what it requires.
portone::customer shopper()
{
    return {.email = "taro.yamada@example.jp",
            .name = "太郎",
            .surname = "山田",
            .phone = "090-1234-5678",
            .shipping_address = portone::address{.city = "千代田区",
                                                 .country_code = "JP",
                                                 .line_1 = "千代田1-1",
                                                 .postal_code = "100-0001",
                                                 .state = "東京都"}};
}

// Demo credentials. A real merchant reads these from its secret store, never from source code.
const portone::portone_key demo_key("pk_demo_key");
const portone::secret_key demo_secret("demo_secret_do_not_use");

template <class M, class Env>
bool print_request(Env env, const portone::signer& sign)
{
    auto request = portone::initiate_payment<M>()
                       .environment(env)
                       .merchant_order_id("ORDER-0001")
                       .amount(5000_yen)
                       .description("Green tea, 2 boxes")
                       .success_url("https://shop.example/portone/success")
                       .failure_url("https://shop.example/portone/failure")
                       .required_customer_data(shopper())
                       .build();
    if (!request) {
        std::printf("%s\n", request.error().to_string().c_str());
        return false;
    }
    std::string body;
    portone::write_signed_initiate_payment(body, *request, demo_key, sign);
    std::printf("\n%.*s (%s)\n%s\n", int(M::traits.key.size()), M::traits.key.data(),
                Env::value == portone::environment::sandbox ? "sandbox" : "live", body.c_str());
    return true;
}

/// A konbini webhook as PortOne would send it, signed here with the demo secret, then read back:
/// parsed into its typed form, verified, and compared with the order it is about.
bool verify_sample_webhook(const portone::signer& sign)
{
    const portone::signed_field signed_fields[] = {
        {"amount", "5000"},          {"channel_key", "KOMOJU"},
        {"channel_order_ref", "8c0r4kq2m9x1b7v3"}, {"country_code", "JP"},
        {"currency", "JPY"},         {"merchant_order_ref", "ORDER-0001"},
        {"method_name", "Konbini FamilyMart"},     {"order_ref", "2mbbExY77pp8iC0AQ1ucWymnd3c"},
        {"status", "Success"}};
    const std::string body =
        R"({"amount":5000,"currency":"JPY","order_ref":"2mbbExY77pp8iC0AQ1ucWymnd3c",)"
        R"("channel_order_ref":"8c0r4kq2m9x1b7v3","merchant_order_ref":"ORDER-0001",)"
        R"("country_code":"JP","status":"Success","channel_key":"KOMOJU",)"
        R"("method_name":"Konbini FamilyMart","method_key":"KOMOJU_KONBINI_FAMILY_MART",)"
        R"("status_code":"2000","status_reason":"SUCCESS","signature_hash":")" +
        sign.sign(signed_fields) +
        R"(","additional_payment_details":{"type":"konbini","store":"family-mart",)"
        R"("receipt":"zaixaa0qlh","confirmation_code":"c9oc7",)"
        R"("instructions_url":"https://komoju.com/en/instructions/dl3oshvcayxlvu6tj8ygi30sc"}})";

    std::printf("\nA signed sample webhook, received (signature first, then the rest):\n");
    auto received = portone::receive_payment_webhook(body, sign, portone::komoju::methods);
    if (!received) {
        std::printf("  refused with HTTP %d: %s\n",
                    portone::webhook_response_status(received.error()),
                    received.error().message.c_str());
        return false;
    }
    for (const auto& warning : received->warnings)
        std::printf("  warning: %s\n", warning.message.c_str());
    const portone::payment_webhook* hook = &received->webhook;
    const auto problems = portone::check_against_order(
        *hook, {.merchant_order_ref = "ORDER-0001", .amount = 5000_yen});
    if (!problems.empty()) {
        std::printf("  not our order: %s\n", problems.to_string().c_str());
        return false;
    }
    const auto method = hook->method_key ? hook->method_key->key : std::string_view("?");
    const auto status = portone::to_string(hook->status.value);
    std::printf("  signature verified; order ORDER-0001, %lld yen, %.*s via %.*s\n",
                static_cast<long long>(hook->amount.minor_units()), int(status.size()),
                status.data(), int(method.size()), method.data());
    if (const auto* konbini = hook->konbini())
        std::printf("  konbini instructions: receipt %s, confirmation code %s, %s\n",
                    konbini->receipt ? konbini->receipt->c_str() : "-",
                    konbini->confirmation_code ? konbini->confirmation_code->c_str() : "-",
                    konbini->instructions_url ? konbini->instructions_url->c_str() : "-");
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "--catalog-markdown") {
        print_catalog_markdown();
        return 0;
    }
    if (argc == 1) return run_loop_demo();
    if (std::string_view(argv[1]) != "--catalog") {
        std::fprintf(stderr, "usage: demo [--catalog | --catalog-markdown]\n");
        return 2;
    }
    print_catalog();
    std::printf("\ninitiatePayment bodies, each with exactly the customer data its method requires\n"
                "(sandbox where the method has one), signed with a demo secret key:\n");
    const portone::signer sign(demo_secret);
    bool ok = true;
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        if constexpr (M::traits.sandbox) ok = print_request<M>(portone::sandbox, sign) && ok;
        else ok = print_request<M>(portone::live, sign) && ok;
    });
    ok = verify_sample_webhook(sign) && ok;
    return ok ? 0 : 1;
}
