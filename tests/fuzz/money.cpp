// SPDX-License-Identifier: BSL-1.0
// Amounts as forms send them: yen::parse (and money<C>::parse for a currency with a larger
// maximum), against a model written here the plain way, digit by digit; parse_whole and
// try_parse_whole (amounts PortOne prints with a fraction of zeros) against the same model after
// the fraction; and money<C>::from on the input's first eight bytes as an integer.
#include "harness.hpp"

#include <portone/core/currency.hpp>
#include <portone/core/money.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace {

/// What parse must make of `text`: the number if it is 1 to max written with ASCII digits
/// (leading zeros allowed), else which error.
struct expected {
    std::optional<std::int64_t> value;
    portone::errc error{};
};

expected model(std::string_view text, std::int64_t max)
{
    if (text.empty()) return {std::nullopt, portone::errc::invalid_value};
    std::int64_t v = 0;
    bool too_large = false;
    for (const char c : text) {
        if (c < '0' || c > '9') return {std::nullopt, portone::errc::invalid_value};
        if (!too_large) {
            v = v * 10 + (c - '0');
            too_large = v > max;
        }
    }
    if (too_large) return {std::nullopt, portone::errc::amount_too_large};
    if (v == 0) return {std::nullopt, portone::errc::amount_not_positive};
    return {v, {}};
}

template <class C>
void check_parse(std::string_view text)
{
    using money = portone::money<C>;
    const auto parsed = money::parse(text);
    const expected want = model(text, portone::max_minor_units<C>);
    FUZZ_CHECK_DETAIL(parsed.has_value() == want.value.has_value(), text);
    if (parsed) {
        FUZZ_CHECK_DETAIL(parsed->minor_units() == *want.value, text);
        return;
    }
    const portone::error e = parsed.error();
    fuzz::check_error(e);
    FUZZ_CHECK_DETAIL(e.code == want.error, e.message);
    FUZZ_CHECK(e.where == "amount");
}

/// What parse_whole must make of `text`: the model of parse for the part before a fraction of
/// zeros; errc::invalid_value for any other fraction.
expected whole_model(std::string_view text, std::int64_t max)
{
    const std::size_t dot = text.find('.');
    if (dot == text.npos) return model(text, max);
    if (dot + 1 == text.size()) return {std::nullopt, portone::errc::invalid_value};
    for (const char c : text.substr(dot + 1))
        if (c != '0') return {std::nullopt, portone::errc::invalid_value};
    return model(text.substr(0, dot), max);
}

template <class C>
void check_parse_whole(std::string_view text)
{
    using money = portone::money<C>;
    const auto parsed = money::parse_whole(text);
    const auto quiet = money::try_parse_whole(text);
    const expected want = whole_model(text, portone::max_minor_units<C>);
    FUZZ_CHECK_DETAIL(parsed.has_value() == want.value.has_value(), text);
    FUZZ_CHECK_DETAIL(quiet.has_value() == want.value.has_value(), text);
    if (parsed) {
        FUZZ_CHECK_DETAIL(parsed->minor_units() == *want.value, text);
        FUZZ_CHECK_DETAIL(quiet->minor_units() == *want.value, text);
        return;
    }
    const portone::error e = parsed.error();
    fuzz::check_error(e);
    FUZZ_CHECK_DETAIL(e.code == want.error, e.message);
}

template <class C>
void check_from(std::int64_t units)
{
    const auto made = portone::money<C>::from(units);
    FUZZ_CHECK(made.has_value() == (units > 0 && units <= portone::max_minor_units<C>));
    if (made) FUZZ_CHECK(made->minor_units() == units);
    else fuzz::check_error(made.error());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy input(data, size);
    check_parse<portone::currency::jpy>(input.view());
    check_parse<portone::currency::usd>(input.view());
    check_parse_whole<portone::currency::jpy>(input.view());
    check_parse_whole<portone::currency::usd>(input.view());

    if (size >= sizeof(std::int64_t)) {
        std::int64_t units;
        std::memcpy(&units, data, sizeof units);
        check_from<portone::currency::jpy>(units);
        check_from<portone::currency::usd>(units);
    }
    return 0;
}
