// SPDX-License-Identifier: BSL-1.0
// The member types of described structs (json/member_types.hpp): one classification, which the
// reader (json/detail/member_table.hpp) and the writers (json/describe.hpp) both switch on. Here:
// what each type is, and that a type one side takes the other takes too (the views excepted, which
// are written only: see the header). Building this file is the test.
#include <portone/json/describe.hpp>
#include <portone/json/detail/member_table.hpp>
#include <portone/json/member_types.hpp>
#include <portone/komoju.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace pj = portone::json;
using enum pj::member_category;

struct described_one {
    std::string name;
};
PORTONE_DESCRIBE(described_one, name);

template <class T, pj::member_category C>
constexpr bool is = pj::category_of<T>() == C;

static_assert(is<std::string, text>);
static_assert(is<std::string_view, text_view>);
static_assert(is<bool, boolean>);
static_assert(is<std::int64_t, integer> && is<int, integer> && is<std::uint16_t, integer> &&
              is<std::uint64_t, integer> && is<short, integer>);
static_assert(is<char, unsupported> && is<char8_t, unsupported> && is<wchar_t, unsupported>,
              "a character is not a number");
static_assert(is<std::int8_t, integer> && is<std::uint8_t, integer>);
static_assert(is<double, unsupported>, "amounts are integers of minor units; there are no floats");
static_assert(is<portone::yen, amount> && is<portone::money<portone::currency::usd>, amount>);
static_assert(is<pj::raw_json, raw> && is<pj::extra_fields, extras>);
static_assert(is<described_one, described> && is<portone::payment_webhook, described>);
static_assert(is<std::vector<described_one>, sequence> &&
              is<std::vector<std::vector<int>>, sequence>);
static_assert(is<std::span<const described_one>, sequence_view>);
static_assert(is<std::optional<int>, optional>);
static_assert(is<portone::secret_key, secret>);
// Conversions come first: a converted type is never taken for what it is made of.
static_assert(is<portone::payment_details, converted>, "a std::variant, converted");
static_assert(is<const portone::method_traits*, converted>, "a pointer, converted");
static_assert(is<portone::transaction_status, converted> && is<portone::listed_amount, converted> &&
              is<portone::refundable_yen, converted> && is<portone::minutes_text, converted>);

// Every conversion of the library can be written: to_json gives what the reader reads back.
template <class V>
constexpr bool writable_conversion = requires(const V& v)
{
    pj::conversion<V>::to_json(v);
};
static_assert(writable_conversion<portone::payment_details> &&
              writable_conversion<const portone::method_traits*> &&
              writable_conversion<portone::transaction_status> &&
              writable_conversion<portone::transaction_status_code> &&
              writable_conversion<portone::refund_status_text> &&
              writable_conversion<portone::refund_type> &&
              writable_conversion<portone::refundable_yen> &&
              writable_conversion<portone::listed_amount> &&
              writable_conversion<portone::link_status_text> &&
              writable_conversion<portone::minutes_text>);

// Integer ranges: the type's, within int64's.
static_assert(pj::detail::integer_range<std::uint16_t>.first == 0 &&
              pj::detail::integer_range<std::uint16_t>.second == 65535);
static_assert(pj::detail::integer_range<std::uint64_t>.second == INT64_MAX);
static_assert(pj::detail::integer_range<std::int8_t>.first == -128);
static_assert(pj::detail::amount_unit<portone::currency::jpy> == "yen" &&
              pj::detail::amount_unit<portone::currency::usd> == "minor units of USD");

} // namespace

// json::write checks only what may hold JSON text or a too-large unsigned value.
namespace {
struct plain_one {
    std::string name;
    std::optional<std::vector<std::int64_t>> counts;
};
PORTONE_DESCRIBE(plain_one, name, counts);
struct kept_one {
    plain_one plain;
    std::optional<pj::raw_json> raw;
};
PORTONE_DESCRIBE(kept_one, plain, raw);
static_assert(!pj::detail::needs_check<plain_one>);
static_assert(pj::detail::needs_check<kept_one> && pj::detail::needs_check<portone::payment_webhook>);
static_assert(pj::detail::needs_check<std::vector<std::uint64_t>> &&
              !pj::detail::needs_check<std::uint32_t>);
} // namespace

// Whether every member of a struct, and of the structs in it, can be read and written: decided
// before anything else of the struct is compiled, so that a member of no JSON type is one error.
namespace {
struct rate_line {
    double rate;
};
PORTONE_DESCRIBE(rate_line, rate);
struct rate_table {
    std::string name;
    std::optional<std::vector<rate_line>> lines;
};
PORTONE_DESCRIBE(rate_table, name, lines);
struct viewing_one {
    std::vector<plain_one> plain;
    std::string_view view;
};
PORTONE_DESCRIBE(viewing_one, plain, view);
struct holding_view {
    std::optional<viewing_one> inner;
};
PORTONE_DESCRIBE(holding_view, inner);
static_assert(pj::detail::readable<kept_one> && pj::detail::readable<portone::payment_webhook>);
static_assert(!pj::detail::readable<rate_line> && !pj::detail::readable<rate_table>,
              "a member of no JSON type, one struct down, is found");
static_assert(!pj::detail::readable<holding_view> && pj::detail::holds_any<
                  pj::detail::unwritable_struct, holding_view> == false,
              "a view, two structs down: written, not read");
static_assert(pj::detail::holds_any<pj::detail::unwritable_struct, rate_table>);
static_assert(pj::detail::holds_secret<std::vector<std::optional<portone::secret_key>>> &&
              !pj::detail::holds_secret<kept_one>);
} // namespace
