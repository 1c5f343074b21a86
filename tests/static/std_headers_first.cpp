// SPDX-License-Identifier: BSL-1.0
// Header hygiene: the library compiles after every standard header, <boost/json.hpp> and
// <boost/url.hpp>, and its templates instantiate there too. A call of one of the library's own
// helpers that argument-dependent lookup can also resolve to a standard function (quoted(s) with
// a std::string finds std::quoted once <iomanip> is in) is ambiguous here. Building this
// translation unit is the test; its functions are never run.

// Every header of the C++20 standard library that libstdc++ 12 and libc++ 14 ship.
#include <algorithm>
#include <any>
#include <array>
#include <atomic>
#include <barrier>
#include <bit>
#include <bitset>
#include <cassert>
#include <cctype>
#include <cerrno>
#include <cfenv>
#include <cfloat>
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <climits>
#include <clocale>
#include <cmath>
#include <codecvt>
#include <compare>
#include <complex>
#include <concepts>
#include <condition_variable>
#include <coroutine>
#include <csetjmp>
#include <csignal>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <cuchar>
#include <cwchar>
#include <cwctype>
#include <deque>
#include <exception>
#include <filesystem>
#include <forward_list>
#include <fstream>
#include <functional>
#include <future>
#include <initializer_list>
#include <iomanip>
#include <ios>
#include <iosfwd>
#include <iostream>
#include <istream>
#include <iterator>
#include <latch>
#include <limits>
#include <list>
#include <locale>
#include <map>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <new>
#include <numbers>
#include <numeric>
#include <optional>
#include <ostream>
#include <queue>
#include <random>
#include <ranges>
#include <ratio>
#include <regex>
#include <scoped_allocator>
#include <semaphore>
#include <set>
#include <shared_mutex>
#include <source_location>
#include <span>
#include <sstream>
#include <stack>
#include <stdexcept>
#include <stop_token>
#include <streambuf>
#include <string>
#include <string_view>
#include <syncstream>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <valarray>
#include <variant>
#include <vector>
#include <version>
#if __has_include(<format>)
#include <format>
#endif

#include <boost/json.hpp>
#include <boost/url.hpp>

#include <portone/komoju.hpp>

using namespace std;                 // the worst a user's code can do: every std name visible
using namespace portone::literals;
namespace k = portone::komoju;

namespace std_headers_first {

// Each reader, writer and check, instantiated.
[[maybe_unused]] void everything(std::string_view body, const portone::signer& sign,
                                 const portone::portone_key& key)
{
    auto request = portone::initiate_payment<k::bank_transfer>()
                       .environment(portone::sandbox)
                       .merchant_order_id("ORDER-0001")
                       .amount(5000_yen)
                       .description("Green tea")
                       .success_url("https://shop.example/paid")
                       .failure_url("https://shop.example/failed")
                       .billing_name("Taro")
                       .billing_surname("Yamada")
                       .billing_phone("090-1234-5678")
                       .build();
    std::string out;
    if (request) portone::write_signed_initiate_payment(out, *request, key, sign);

    const portone::payment_form form{.method = std::string(body)};
    if (auto r = portone::check_form(form, portone::komoju::methods))
        portone::write_signed_initiate_payment(out, *r, key, sign);

    if (auto hook = portone::parse_payment_webhook(body, portone::komoju::methods)) {
        (void)portone::verify_payment_webhook(*hook, sign);
        (void)portone::check_against_order(*hook, {"ORDER-0001", 5000_yen});
    }
    if (auto back = portone::parse_redirect(body, portone::komoju::methods))
        (void)portone::verify_redirect(*back, sign);
    (void)portone::parse_refund_webhook(body);
    (void)portone::parse_refund_response(200, body);
    (void)portone::parse_transaction_status(200, body);
    (void)portone::parse_transaction_details(200, body, portone::komoju::methods);
    (void)portone::parse_api_error(body);
    (void)portone::parse_response<portone::payment_link>(200, body);

    auto refund = portone::refund<k::paypay>(portone::live, {.order_ref = "2abcDEF",
                                                             .paid = 5000_yen,
                                                             .description = "refund",
                                                             .reason = "damaged"});
    if (refund) portone::json::write_refund(out, *refund);

    auto link = portone::checkout<k::paypay, k::konbini_lawson>(
        portone::sandbox, {.merchant_order_id = "ORDER-0001",
                           .amount = 5000_yen,
                           .description = "Green tea",
                           .success_url = "https://shop.example/paid",
                           .failure_url = "https://shop.example/failed",
                           .merchant_details = {.name = "Tea Shop"}});
    if (link) {
        const auto signature = portone::api::checkout_signature(*link, key, sign);
        portone::json::write_checkout(out, *link, key, signature);
    }
}

} // namespace std_headers_first
