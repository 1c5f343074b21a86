// SPDX-License-Identifier: BSL-1.0
// A typed request whose environment is read at run time (portone::runtime_environment): R6 at
// run time with the compiler's sentence, the value kept by the request, and the same JSON as the
// typed path, byte for byte.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <type_traits>

using namespace portone::literals;
namespace k = portone::komoju;
using portone::errc;

namespace {

/// The signed initiatePayment body of `request`.
template <class Request>
std::string signed_body(const Request& request)
{
    static const portone::secret_key secret("PORTONE_SECRET");
    static const portone::signer sign(secret);
    std::string out;
    portone::write_signed_initiate_payment(out, request, fixtures::key, sign);
    return out;
}

portone::runtime_environment from_config(std::string_view text)
{
    return portone::runtime_environment(*portone::environment_from_string(text));
}

} // namespace

TEST_CASE("run-time environment: the typed path's JSON, byte for byte", "[environment][json]")
{
    int compared = 0;
    const auto compare = [&]<class M>(M, std::string_view text, auto typed_environment) {
        INFO(M::traits.key << " in " << text);
        const auto runtime = fixtures::minimal_request<M>(from_config(text));
        using request = portone::payment_request<M, portone::runtime_environment>;
        static_assert(std::is_same_v<std::remove_cvref_t<decltype(*runtime)>, request>);
        REQUIRE(runtime);
        CHECK(runtime->environment() == decltype(typed_environment)::value);
        const auto typed = fixtures::minimal_request<M>(typed_environment);
        REQUIRE(typed);
        CHECK(signed_body(*runtime) == signed_body(*typed));
        ++compared;
    };
    k::for_each_method([&](auto m) {
        compare(m, "live", portone::live);
        if constexpr (portone::has_sandbox_v<decltype(m)>) compare(m, "sandbox", portone::sandbox);
    });
    CHECK(compared == 17 + 14);
}

TEST_CASE("run-time environment: R6 at run time, never a silently live request", "[environment]")
{
    int refused = 0;
    k::for_each_method([&](auto m) {
        using M = decltype(m);
        if constexpr (!portone::has_sandbox_v<M>) {
            INFO(M::traits.key);
            const auto r = fixtures::minimal_request<M>(from_config("sandbox"));
            REQUIRE_FALSE(r);
            REQUIRE(r.error().size() == 1);
            CHECK(r.error()[0].code == errc::not_available_in_sandbox);
            CHECK(r.error()[0].where == "environment");
            CHECK(r.error()[0].message ==
                  std::string(M::traits.key) + " is not available in the sandbox environment");
            ++refused;
        }
    });
    CHECK(refused == 3);

    // Reported with every malformed value, as build() reports them.
    const auto bad = fixtures::order<k::paidy>(from_config("sandbox"))
                         .billing_name("太郎")
                         .billing_surname("山田")
                         .billing_address(fixtures::tokyo_address())
                         .billing_email("not an email")
                         .build();
    REQUIRE_FALSE(bad);
    CHECK(bad.error().contains(errc::not_available_in_sandbox, "environment"));
    CHECK(bad.error().contains(errc::invalid_value, "billing_details.billing_email"));
}

TEST_CASE("run-time environment: refunds and request descriptors", "[environment][refund]")
{
    const auto request = fixtures::minimal_request<k::paypay>(from_config("sandbox"));
    REQUIRE(request);
    const auto refund = portone::refund(*request, {.order_ref = "2abcDEF",
                                                   .paid = request->amount(),
                                                   .description = "d",
                                                   .reason = "r"});
    REQUIRE(refund);
    CHECK(refund->environment() == portone::environment::sandbox);
    CHECK(&refund->traits() == &k::paypay::traits);

    const portone::secret_key secret("PORTONE_SECRET");
    const portone::signer sign(secret);
    const auto call = portone::api::initiate_payment(*request, fixtures::key, sign);
    REQUIRE(call);
    const auto typed = fixtures::minimal_request<k::paypay>(portone::sandbox);
    REQUIRE(typed);
    CHECK(call->body == signed_body(*typed));
}

TEST_CASE("run-time environment: a configured value as a view into a larger buffer",
          "[environment]")
{
    // As a value arrives from configuration or a form: a view into a larger buffer, followed by
    // more letters that would make it no environment if they were read.
    const std::string buffer = "sandboxes&lives";
    const std::string_view all(buffer);
    CHECK(portone::environment_from_string(all.substr(0, 7)) == portone::environment::sandbox);
    CHECK(portone::environment_from_string(all.substr(10, 4)) == portone::environment::live);
    CHECK_FALSE(portone::environment_from_string(all.substr(0, 9)).has_value());  // "sandboxes"
    CHECK_FALSE(portone::environment_from_string(all.substr(0, 6)).has_value());  // "sandbo"
    CHECK_FALSE(portone::environment_from_string(all.substr(10, 3)).has_value()); // "liv"
    // The same at compile time.
    constexpr std::string_view config = "sandboxed";
    STATIC_REQUIRE(portone::environment_from_string(config.substr(0, 7)) ==
                   portone::environment::sandbox);

    // A request built from that view is a sandbox request.
    const auto request = fixtures::minimal_request<k::paypay>(from_config(all.substr(0, 7)));
    REQUIRE(request);
    CHECK(request->environment() == portone::environment::sandbox);
}
