// SPDX-License-Identifier: BSL-1.0
// PortOne's side of the KOMOJU channel, as PortOne documents it (the project's digest of its API,
// notes/issue11-spec.md): what each endpoint accepts, what it answers, which refusal it gives
// for what, the shopper's visit to KOMOJU, and the webhooks that follow. No Asio here: requests
// come in as detail::request, webhooks go out through detail::post_json (net.cpp).
//
// Where PortOne documents nothing (retries, ordering, which code for which field, ...), the
// choice made here is stated in a comment and in README.md, and it is the strict one.
#include "detail.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <initializer_list>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace portone_stand_in {

namespace json = boost::json;
using namespace std::chrono_literals;
using detail::request;
using detail::response;

// ---------------------------------------------------------------------------------------------
// Names

std::string_view to_string(endpoint e) noexcept
{
    switch (e) {
    case endpoint::any: return "*";
    case endpoint::initiate_payment: return "initiatePayment";
    case endpoint::auth_token: return "auth-token";
    case endpoint::refund: return "refund";
    case endpoint::refund_list: return "refund-list";
    case endpoint::transaction_status: return "transaction-status";
    case endpoint::transaction_details: return "transaction-details";
    case endpoint::fetch_all_payments: return "fetch-all-payments";
    case endpoint::payment_link: return "paymentLink";
    case endpoint::payment_link_status: return "paymentLink-status";
    case endpoint::payment_link_cancel: return "paymentLink-cancel";
    case endpoint::komoju_page: return "komoju-pay";
    }
    return "*";
}

std::optional<endpoint> endpoint_from_string(std::string_view name) noexcept
{
    for (endpoint e : {endpoint::any, endpoint::initiate_payment, endpoint::auth_token,
                       endpoint::refund, endpoint::refund_list, endpoint::transaction_status,
                       endpoint::transaction_details, endpoint::fetch_all_payments,
                       endpoint::payment_link, endpoint::payment_link_status,
                       endpoint::payment_link_cancel, endpoint::komoju_page})
        if (to_string(e) == name) return e;
    return std::nullopt;
}

std::string_view to_string(fault_kind k) noexcept
{
    switch (k) {
    case fault_kind::bad_gateway: return "bad_gateway";
    case fault_kind::expired_jwt: return "expired_jwt";
    case fault_kind::drop: return "drop";
    }
    return "drop";
}

std::optional<fault_kind> fault_kind_from_string(std::string_view name) noexcept
{
    for (fault_kind k : {fault_kind::bad_gateway, fault_kind::expired_jwt, fault_kind::drop})
        if (to_string(k) == name) return k;
    return std::nullopt;
}

namespace {

// ---------------------------------------------------------------------------------------------
// The KOMOJU methods, restated from PortOne's KOMOJU page rather than read from the library's
// catalog: if the catalog were wrong, a request built from it would be refused here.

enum class kind { card, bank_transfer, pay_easy, konbini, prepaid, wallet, bnpl };

enum need : unsigned { email = 1, name = 2, surname = 4, phone = 8, address = 16 };

struct method {
    std::string_view key;
    std::string_view name; ///< PortOne's "Payment Type": the webhook's method_name
    kind k;
    bool refundable;
    bool sandbox;
    unsigned required;
    std::string_view store;     ///< konbini: KOMOJU's `store`
    std::string_view deep_link; ///< wallets: the app's URL scheme
    bool checkout = true;       ///< offered on PortOne's hosted Checkout
};

constexpr method methods[] = {
    {"KOMOJU_CREDIT_CARD", "Credit/Debit Card", kind::card, true, false, email | name | surname,
     "", ""},
    {"KOMOJU_BANK_TRANSFER", "Bank transfer", kind::bank_transfer, false, true,
     name | surname | phone, "", ""},
    {"KOMOJU_PAY_EASY", "PayEasy", kind::pay_easy, false, true, name | surname, "", ""},
    {"KOMOJU_KONBINI_711", "Konbini Seven-Eleven", kind::konbini, false, true, email,
     "seven-eleven", ""},
    {"KOMOJU_KONBINI_LAWSON", "Konbini Lawson", kind::konbini, false, true, email, "lawson", ""},
    {"KOMOJU_KONBINI_FAMILY_MART", "Konbini FamilyMart", kind::konbini, false, true, email,
     "family-mart", ""},
    {"KOMOJU_KONBINI_MINISTOP", "Konbini MiniStop", kind::konbini, false, true, email, "ministop",
     ""},
    {"KOMOJU_KONBINI_DAILY_YAMAZAKI", "Konbini Daily Yamazaki", kind::konbini, false, true, email,
     "daily-yamazaki", ""},
    {"KOMOJU_KONBINI_SEICOMART", "Konbini Seicomart", kind::konbini, false, true, email,
     "seicomart", ""},
    {"KOMOJU_WEB_MONEY", "WebMoney prepaid", kind::prepaid, false, false, 0, "", "", false},
    {"KOMOJU_MERPAY", "MerPay wallet", kind::wallet, true, true, 0, "", "merpay://"},
    {"KOMOJU_LINEPAY", "LinePay wallet", kind::wallet, true, true, 0, "", "line://pay/"},
    {"KOMOJU_PAYPAY", "PayPay", kind::wallet, true, true, 0, "", "paypay://"},
    {"KOMOJU_ALIPAY", "Alipay wallet", kind::wallet, true, true, 0, "", "alipays://"},
    {"KOMOJU_RAKUTEN_PAY", "Rakuten Pay wallet", kind::wallet, true, true, 0, "", "rakutenpay://"},
    {"KOMOJU_AU_PAY", "Au Pay wallet", kind::wallet, true, true, 0, "", "aupay://"},
    {"KOMOJU_PAIDY", "Paidy", kind::bnpl, false, false, name | surname | address, "", ""},
};

const method* method_by_key(std::string_view key) noexcept
{
    for (const method& m : methods)
        if (m.key == key) return &m;
    return nullptr;
}

/// Methods whose payment waits for the shopper to pay elsewhere (a store, a bank).
bool deferred(const method& m) noexcept
{
    return m.k == kind::konbini || m.k == kind::pay_easy || m.k == kind::bank_transfer;
}

std::string_view sub_type(kind k) noexcept
{
    switch (k) {
    case kind::card: return "CARD";
    case kind::bank_transfer: return "BANK_TRANSFER";
    case kind::pay_easy: return "PAY_EASY";
    case kind::konbini: return "KONBINI";
    case kind::prepaid: return "PREPAID";
    case kind::wallet: return "WALLET";
    case kind::bnpl: return "BNPL";
    }
    return "";
}

/// KOMOJU's default payment windows, counted in days from the order to 23:59:59 Japan time of
/// the last day: konbini 3, bank transfer 14 (KOMOJU's help centre). KOMOJU publishes none for
/// PayEasy; 7 is this stand-in's own choice.
int window_days(kind k) noexcept
{
    switch (k) {
    case kind::konbini: return 3;
    case kind::bank_transfer: return 14;
    default: return 7;
    }
}

// ---------------------------------------------------------------------------------------------
// Statuses: PortOne's Title-case texts, and the status_code / status_reason sent with each.

struct status_text {
    std::string_view status, code, reason, channel_reason, user_message;
};

// Success and Pending use the 2000 and 1000 series; a failure, an order cancelled and an expired
// one use the table's codes whose names say so (PortOne does not say which it sends).
constexpr status_text statuses[] = {
    {"Initiated", "", "", "", ""},
    {"Pending", "1000", "PENDING", "PENDING | Awaiting payment", "The transaction is pending."},
    {"Success", "2000", "SUCCESS", "SUCCESS | Transaction is success",
     "The transaction is successful."},
    {"Failed", "8001", "PAYMENT_AUTHORIZATION_ERROR", "FAILED | Payment was declined",
     "The transaction has failed."},
    {"Cancelled", "4071", "INVALID_TRANSACTION_ORDER_CANCELLED_ERROR",
     "CANCELLED | Cancelled by the customer", "The transaction was cancelled."},
    {"Expired", "4072", "TRANSACTION_EXPIRED", "EXPIRED | Payment deadline passed",
     "The transaction has expired."},
};

const status_text& status_of(std::string_view status) noexcept
{
    for (const auto& s : statuses)
        if (s.status == status) return s;
    return statuses[0];
}

bool is_final(std::string_view status) noexcept
{
    return status == "Success" || status == "Failed" || status == "Expired" ||
           status == "Cancelled";
}

// ---------------------------------------------------------------------------------------------
// Time

/// Times read from requests: microseconds reach far beyond system_clock's nanoseconds (year 2262),
/// so "2999-12-31T23:59:59Z" is a time and not an overflow.
using sys_us = std::chrono::sys_time<std::chrono::microseconds>;

sys_us to_us(time_point t)
{
    return std::chrono::floor<std::chrono::microseconds>(t);
}

struct civil {
    int y;
    unsigned mo, d;
    long h, mi, s;
    long long sub; ///< the fraction of the second, in `sub_digits` digits
};

civil civil_of(time_point t, std::chrono::seconds offset, int sub_digits)
{
    using namespace std::chrono;
    const auto local = t + offset;
    const auto day = floor<days>(local);
    const year_month_day ymd(day);
    const auto in_day = local - day;
    const auto secs = duration_cast<seconds>(in_day);
    const auto rest = duration_cast<nanoseconds>(in_day - secs).count();
    long long sub = rest;
    for (int i = 9; i > sub_digits; --i) sub /= 10;
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day()), static_cast<long>(secs.count() / 3600),
            static_cast<long>(secs.count() / 60 % 60), static_cast<long>(secs.count() % 60), sub};
}

/// "2024-12-11T09:00:13.466197Z": RFC 3339 in UTC with microseconds, as PortOne's lists write.
std::string rfc3339_utc(time_point t)
{
    const civil c = civil_of(t, std::chrono::seconds(0), 6);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06lldZ", c.y, c.mo, c.d,
                  c.h, c.mi, c.s, c.sub);
    return text;
}

/// "2024-09-26 10:55:14.573735 +0000 UTC": Go's time.Time.String() in UTC (the webhooks'
/// created_at and refund_date): nanoseconds with the trailing zeros cut, no dot when zero.
std::string go_time_string(time_point t)
{
    const civil c = civil_of(t, std::chrono::seconds(0), 9);
    std::string fraction;
    if (c.sub != 0) {
        char digits9[16];
        std::snprintf(digits9, sizeof digits9, "%09lld", c.sub);
        fraction = std::string(".") + digits9;
        while (fraction.back() == '0') fraction.pop_back();
    }
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld:%02ld%s +0000 UTC", c.y, c.mo,
                  c.d, c.h, c.mi, c.s, fraction.c_str());
    return text;
}

constexpr std::chrono::hours jst_offset{9};

/// The end (23:59:59.999) of the Japanese day `days` after `t`, and its text with +09:00 as in
/// PortOne's bank-transfer `payment_deadline`.
std::pair<time_point, std::string> jst_deadline(time_point t, int days)
{
    using namespace std::chrono;
    const auto local_day = floor<std::chrono::days>(t + jst_offset) + std::chrono::days(days);
    const time_point end = time_point(local_day + hours(23) + minutes(59) + seconds(59) +
                                      milliseconds(999) - jst_offset);
    const civil c = civil_of(end, jst_offset, 3);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03lld+09:00", c.y, c.mo,
                  c.d, c.h, c.mi, c.s, c.sub);
    return {end, text};
}

/// RFC 3339: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); 't' and 'z' too.
std::optional<sys_us> parse_rfc3339(std::string_view s)
{
    using namespace std::chrono;
    const auto num = [&](std::size_t at, std::size_t n, int& out) {
        if (at + n > s.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!num(0, 4, y) || s.size() < 20 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' ||
        !num(8, 2, d) || (s[10] != 'T' && s[10] != 't') || !num(11, 2, h) || s[13] != ':' ||
        !num(14, 2, mi) || s[16] != ':' || !num(17, 2, sec))
        return std::nullopt;
    const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)),
                             day(static_cast<unsigned>(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    std::size_t i = 19;
    nanoseconds fraction(0);
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t start = i;
        long long ns = 0;
        int digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (digits < 9) {
                ns = ns * 10 + (s[i] - '0');
                ++digits;
            }
            ++i;
        }
        if (i == start) return std::nullopt;
        for (; digits < 9; ++digits) ns *= 10;
        fraction = nanoseconds(ns);
    }
    minutes offset(0);
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) ++i;
    else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!num(i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !num(i + 4, 2, om) ||
            oh > 23 || om > 59)
            return std::nullopt;
        offset = hours(oh) + minutes(om);
        if (s[i] == '-') offset = -offset;
        i += 6;
    } else return std::nullopt;
    if (i != s.size()) return std::nullopt;
    const auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) - offset;
    return sys_us(duration_cast<microseconds>(t.time_since_epoch()) +
                  duration_cast<microseconds>(fraction));
}

// ---------------------------------------------------------------------------------------------
// Identifiers, shaped like PortOne's and KOMOJU's.

constexpr std::string_view base62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view lower36 = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view digits = "0123456789";

/// PortOne's references (order_ref, payment_link_ref): 27 characters of base62, as
/// "2mbbExY77pp8iC0AQ1ucWymnd3c".
std::string portone_ref()
{
    return "2" + detail::random_text(26, base62);
}

// ---------------------------------------------------------------------------------------------
// JSON in

/// Strict where JSON is concerned (no comments, no trailing commas, valid UTF-8, depth 32);
/// unknown keys are PortOne's business to ignore, and it does.
std::optional<json::object> parse_object(std::string_view body, std::string& problem)
{
    json::parse_options options;
    options.max_depth = 32;
    options.allow_comments = false;
    options.allow_trailing_commas = false;
    options.allow_invalid_utf8 = false;
    boost::system::error_code ec;
    json::value v = json::parse(body, ec, json::storage_ptr(), options);
    if (ec) {
        problem = "the body is not valid JSON: " + ec.message();
        return std::nullopt;
    }
    if (!v.is_object()) {
        problem = "the body must be a JSON object";
        return std::nullopt;
    }
    return std::move(v.as_object());
}

/// A positive whole number from a JSON number (integer or double with no fraction), up to 2^53.
std::optional<std::int64_t> whole_positive(const json::value& v)
{
    constexpr std::int64_t max = std::int64_t(1) << 53;
    if (v.is_int64()) {
        const auto n = v.get_int64();
        if (n > 0 && n <= max) return n;
    } else if (v.is_uint64()) {
        const auto n = v.get_uint64();
        if (n > 0 && n <= static_cast<std::uint64_t>(max)) return static_cast<std::int64_t>(n);
    } else if (v.is_double()) {
        const double d = v.get_double();
        if (d > 0 && d <= static_cast<double>(max) && std::floor(d) == d)
            return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

/// Reads the fields of one object and keeps the first problem, worded as PortOne's validator
/// words it ("signature_hash is a required field"). As with Go's validator, `required` refuses
/// an absent key, null, "" and 0.
class reader {
public:
    explicit reader(const json::object& o, std::string path = {}) : o_(o), path_(std::move(path))
    {}

    std::optional<std::string> problem;

    std::string name(std::string_view key) const
    {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }
    void fail(std::string message)
    {
        if (!problem) problem = std::move(message);
    }
    const json::value* find(std::string_view key) const
    {
        const auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) return nullptr;
        return &it->value();
    }

    std::string required_string(std::string_view key)
    {
        const json::value* v = find(key);
        if (!v) return fail(name(key) + " is a required field"), std::string();
        if (!v->is_string()) return fail(name(key) + " must be a string"), std::string();
        if (v->get_string().empty())
            return fail(name(key) + " is a required field"), std::string();
        return std::string(v->get_string());
    }
    std::optional<std::string> optional_string(std::string_view key)
    {
        const json::value* v = find(key);
        if (!v) return std::nullopt;
        if (!v->is_string()) return fail(name(key) + " must be a string"), std::nullopt;
        return std::string(v->get_string());
    }
    std::string required_enum(std::string_view key, std::initializer_list<std::string_view> allowed)
    {
        std::string s = required_string(key);
        if (problem) return s;
        for (auto a : allowed)
            if (a == s) return s;
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : " ") + std::string(a);
        fail(name(key) + " must be one of [" + list + "]");
        return s;
    }
    std::optional<bool> optional_bool(std::string_view key)
    {
        const json::value* v = find(key);
        if (!v) return std::nullopt;
        if (!v->is_bool()) return fail(name(key) + " must be a boolean"), std::nullopt;
        return v->get_bool();
    }
    /// A required amount: a number (else "must be a number"), positive and whole (else
    /// `not_whole` is set and the problem says so).
    std::int64_t required_amount(std::string_view key, bool& not_whole)
    {
        const json::value* v = find(key);
        if (!v || (v->is_number() && v->to_number<double>() == 0))
            return fail(name(key) + " is a required field"), 0;
        if (!v->is_number()) return fail(name(key) + " must be a number"), 0;
        const auto n = whole_positive(*v);
        if (!n) {
            not_whole = true;
            fail(name(key) + " must be a positive whole number of yen");
            return 0;
        }
        return *n;
    }
    std::optional<double> optional_number(std::string_view key, bool required = false)
    {
        const json::value* v = find(key);
        if (!v) {
            if (required) fail(name(key) + " is a required field");
            return std::nullopt;
        }
        if (!v->is_number()) return fail(name(key) + " must be a number"), std::nullopt;
        return v->to_number<double>();
    }
    /// An integer >= `min` (a double without fraction counts: JSON has one number type).
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min)
    {
        const json::value* v = find(key);
        if (!v) {
            if (required) fail(name(key) + " is a required field");
            return std::nullopt;
        }
        std::optional<std::int64_t> n;
        if (v->is_int64()) n = v->get_int64();
        else if (v->is_uint64() && v->get_uint64() <= (std::uint64_t(1) << 53))
            n = static_cast<std::int64_t>(v->get_uint64());
        else if (v->is_double() && std::floor(v->get_double()) == v->get_double() &&
                 std::fabs(v->get_double()) <= 9007199254740992.0)
            n = static_cast<std::int64_t>(v->get_double());
        if (!n) return fail(name(key) + " must be an integer"), std::nullopt;
        if (*n < min) {
            fail(name(key) + " must be " + std::to_string(min) + " or greater");
            return std::nullopt;
        }
        return n;
    }
    const json::object* object(std::string_view key, bool required = false)
    {
        const json::value* v = find(key);
        if (!v) {
            if (required) fail(name(key) + " is a required field");
            return nullptr;
        }
        if (!v->is_object()) return fail(name(key) + " must be an object"), nullptr;
        return &v->get_object();
    }
    const json::array* array(std::string_view key)
    {
        const json::value* v = find(key);
        if (!v) return nullptr;
        if (!v->is_array()) return fail(name(key) + " must be an array"), nullptr;
        return &v->get_array();
    }
    void strings(std::initializer_list<std::string_view> keys)
    {
        for (auto k : keys) optional_string(k);
    }
    void take(const reader& inner)
    {
        if (inner.problem) fail(*inner.problem);
    }

private:
    const json::object& o_;
    std::string path_;
};

/// success_url and its kind: an absolute http(s) URL with a host, nothing PortOne could not
/// append a query to.
bool plausible_url(std::string_view url)
{
    std::string_view rest;
    if (url.rfind("https://", 0) == 0) rest = url.substr(8);
    else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
    else return false;
    if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#')
        return false;
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space)
{
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
            out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
            i += 2;
        } else if (s[i] == '+' && plus_is_space) out.push_back(' ');
        else out.push_back(s[i]);
    }
    return out;
}

using query_params = std::vector<std::pair<std::string, std::string>>;

std::optional<query_params> parse_query(std::string_view q)
{
    query_params out;
    while (!q.empty()) {
        const auto amp = q.find('&');
        const auto part = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
        if (part.empty()) continue;
        const auto eq = part.find('=');
        auto k = percent_decode(part.substr(0, eq), true);
        auto v = percent_decode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
        if (!k || !v) return std::nullopt;
        out.emplace_back(std::move(*k), std::move(*v));
    }
    return out;
}

const std::string* param(const query_params& q, std::string_view key)
{
    for (const auto& [k, v] : q)
        if (k == key) return &v;
    return nullptr;
}

/// A header value and a log line must stay one line of printable text.
std::string printable(std::string_view s, std::size_t max = 300)
{
    std::string out;
    for (char c : s.substr(0, max)) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u < 0x20 || u == 0x7F ? ' ' : c);
    }
    if (s.size() > max) out += "...";
    return out;
}

std::string html_escape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Answers

response json_answer(unsigned status, const json::value& v)
{
    response r;
    r.status = status;
    r.body = json::serialize(v);
    return r;
}

/// PortOne's error body: {"message", "status_code", "status_reason"}, with "is_success": false
/// first where PortOne's example of that endpoint has it. `detail` (why, in this stand-in's
/// words) goes into the X-Stand-In-Reason header when the documented message says less.
response refusal(unsigned http_status, std::string_view code, std::string_view reason,
                 std::string_view message, bool is_success = false, std::string_view detail = {})
{
    json::object o;
    if (is_success) o["is_success"] = false;
    o["message"] = message;
    o["status_code"] = code;
    o["status_reason"] = reason;
    response r = json_answer(http_status, o);
    r.headers.emplace_back("X-Stand-In-Reason", printable(detail.empty() ? message : detail));
    return r;
}

/// PortOne's success envelope: {<key>: payload, "message": message, "status_code": "2000",
/// "status_reason": "SUCCESS"}, without the payload when `key` is empty and without the message
/// when it is empty (as PortOne's example of each endpoint has it).
response success(std::string_view key, json::value payload, std::string_view message = {})
{
    json::object o;
    if (!key.empty()) o[key] = std::move(payload);
    if (!message.empty()) o["message"] = message;
    o["status_code"] = "2000";
    o["status_reason"] = "SUCCESS";
    return json_answer(200, o);
}

response html(unsigned status, std::string_view title, std::string_view body_html)
{
    response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" +
             html_escape(title) + "</title></head><body><h1>" + html_escape(title) + "</h1>" +
             std::string(body_html) + "</body></html>\n";
    return r;
}

response not_found()
{
    // Go's net/http answer for an unknown route.
    response r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "404 page not found\n";
    return r;
}

response method_not_allowed(std::string_view allow)
{
    response r;
    r.status = 405;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "405 method not allowed\n";
    r.headers.emplace_back("Allow", std::string(allow));
    return r;
}

const std::string_view jwt_message = "The JWT Token or header is invalid or expired!";

response jwt_refusal(std::string_view why)
{
    return refusal(401, "4054", "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR", jwt_message, false, why);
}

response bad_gateway()
{
    response r;
    r.status = 502;
    r.content_type = "text/html";
    r.body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
             "Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";
    return r;
}

// ---------------------------------------------------------------------------------------------
// State

struct refund_record {
    refund_info info;
    std::string date_go; ///< the refund webhook's refund_date
};

struct job {
    std::uint64_t id = 0;
    std::string kind;
    std::string url;
    std::string order_ref;
    std::string status;
    std::string refund_id;
    std::string body;
    int copy = 1;
    int attempt = 1;
    bool forged = false;
    delivery_options options;
    std::chrono::steady_clock::time_point not_before{};
};

struct buyer {
    std::string name, surname, email, phone, address1, address2, city, country;
};

struct stored_payment {
    std::uint64_t seq = 0;
    std::string order_ref, channel_order_ref, merchant_order_ref;
    const method* m = nullptr;
    std::string environment;
    std::int64_t amount = 0;
    std::string description;
    std::string success_url, failure_url, pending_url;
    buyer b;
    std::string user_configured[5];
    json::array order_items; ///< transaction-details' order_details.data
    time_point created{};
    std::string status = "Initiated";
    std::optional<time_point> deadline;
    std::string deadline_text;
    json::object details; ///< additional_payment_details ({} for other methods)
    std::vector<refund_record> refunds;
    bool multi_refund = true;
    std::optional<delivery_options> delivery;
    std::vector<job> held;
    std::string user_agent, ip_address;
    std::string link_ref, link_order_ref; ///< paid through a payment link
    std::string source = "api";

    std::int64_t refunded() const
    {
        std::int64_t n = 0;
        for (const auto& r : refunds) n += r.info.amount;
        return n;
    }
};

struct payment_link {
    std::string ref, merchant_order_id, environment, description;
    std::int64_t amount = 0;
    std::string success_url, failure_url, pending_url;
    std::string status = "Created";
    std::optional<sys_us> expires;
    std::vector<std::string> chosen; ///< method keys; empty: every method
    std::vector<std::string> payments; ///< order_refs
    time_point created{};
};

struct fault {
    endpoint where;
    fault_kind kind;
    int remaining;
    std::chrono::milliseconds hang;
};

} // namespace

struct core::state {
    config cfg;
    std::string base_url;
    std::atomic<std::int64_t> clock_offset{0}; // seconds

    mutable std::mutex m;
    std::map<std::string, stored_payment, std::less<>> payments; // by order_ref
    std::map<std::string, std::string, std::less<>> by_merchant_ref;
    std::map<std::string, payment_link, std::less<>> links; // by payment_link_ref
    std::map<std::string, std::string, std::less<>> link_by_merchant_ref;
    std::uint64_t next_seq = 1;
    std::vector<fault> faults;

    // Deliveries.
    std::deque<job> jobs;
    bool in_flight = false;
    bool stopping = false;
    std::uint64_t next_delivery_id = 1;
    std::vector<delivery> done;
    mutable std::condition_variable work_cv; // the worker waits for jobs
    mutable std::condition_variable idle_cv; // wait_idle waits for none
    std::thread worker;

    std::mutex log_m;

    time_point now() const
    {
        const time_point t = cfg.clock ? cfg.clock() : std::chrono::system_clock::now();
        return t + std::chrono::seconds(clock_offset.load());
    }

    void log(std::string_view line)
    {
        if (!cfg.log) return;
        const std::lock_guard<std::mutex> lock(log_m);
        cfg.log(line);
    }

    // -- lookups (lock held)

    stored_payment* find(std::string_view ref)
    {
        if (auto it = payments.find(ref); it != payments.end()) return &it->second;
        if (auto it = by_merchant_ref.find(ref); it != by_merchant_ref.end())
            return &payments.find(it->second)->second;
        return nullptr;
    }

    stored_payment& find_or_throw(std::string_view ref)
    {
        stored_payment* p = find(ref);
        if (!p) throw control_error(404, "no payment " + printable(ref, 80));
        return *p;
    }

    // -- auth

    /// X-Portone-Client-Key: present and ours.
    std::optional<response> check_key_header(const request& r) const
    {
        const std::string* key = r.header("x-portone-client-key");
        if (!key || key->empty())
            return refusal(401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                           "key is a required field");
        if (!detail::same_text(*key, cfg.portone_key))
            return refusal(401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                           "Invalid PortOne key: " + printable(*key, 64));
        return std::nullopt;
    }

    /// Why the JWT is not acceptable, or nullopt: HS256 signed with the secret key, iss PORTONE,
    /// sub our key, iat not in the future and exp not in the past (with the leeway).
    std::optional<std::string> jwt_problem(std::string_view token) const
    {
        const auto d1 = token.find('.');
        const auto d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
        if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos)
            return "not a JWS compact serialization (three parts)";
        const auto h64 = token.substr(0, d1), p64 = token.substr(d1 + 1, d2 - d1 - 1),
                   s64 = token.substr(d2 + 1);
        const auto header_text = detail::base64url_decode(h64);
        const auto payload_text = detail::base64url_decode(p64);
        if (!header_text || !payload_text || !detail::base64url_decode(s64))
            return "a part is not base64url without padding";
        std::string problem;
        const auto header = parse_object(*header_text, problem);
        if (!header) return "header: " + problem;
        const auto* alg = header->if_contains("alg");
        if (!alg || !alg->is_string() || alg->get_string() != "HS256")
            return "header: alg must be HS256";
        if (const auto* typ = header->if_contains("typ");
            typ && (!typ->is_string() || lower(typ->get_string()) != "jwt"))
            return "header: typ must be JWT";
        // The signature before the claims: nothing unsigned is believed.
        const std::string expected = detail::base64url(detail::hmac_sha256(
            cfg.secret_key, token.substr(0, d2)));
        if (!detail::same_text(expected, s64)) return "signature does not verify";
        const auto claims = parse_object(*payload_text, problem);
        if (!claims) return "claims: " + problem;
        const auto* iss = claims->if_contains("iss");
        if (!iss || !iss->is_string() || iss->get_string() != "PORTONE")
            return "claims: iss must be \"PORTONE\"";
        const auto* sub = claims->if_contains("sub");
        if (!sub || !sub->is_string() || sub->get_string() != cfg.portone_key)
            return "claims: sub must be the PortOne key";
        const auto seconds_of = [&](const char* name) -> std::optional<std::int64_t> {
            const auto* v = claims->if_contains(name);
            if (!v || !v->is_number()) return std::nullopt;
            return static_cast<std::int64_t>(std::floor(v->to_number<double>()));
        };
        const auto iat = seconds_of("iat");
        const auto exp = seconds_of("exp");
        if (!iat || !exp) return "claims: iat and exp must be numbers (seconds)";
        const std::int64_t t =
            std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
        const std::int64_t leeway = cfg.jwt_leeway.count();
        if (*exp <= *iat) return "claims: exp is not after iat";
        if (*exp + leeway <= t) return "expired (exp " + std::to_string(*exp) + ", now " +
                                       std::to_string(t) + ")";
        if (*iat - leeway > t) return "issued in the future (iat " + std::to_string(*iat) +
                                      ", now " + std::to_string(t) + ")";
        if (claims->contains("nbf")) {
            const auto nbf = seconds_of("nbf");
            if (!nbf || *nbf - leeway > t) return "claims: not valid yet (nbf)";
        }
        return std::nullopt;
    }

    /// Server APIs: the key header, then `Authorization: Bearer <JWT>`.
    std::optional<response> check_server_auth(const request& r) const
    {
        if (auto bad = check_key_header(r)) return bad;
        const std::string* auth = r.header("authorization");
        if (!auth) return jwt_refusal("no Authorization header");
        if (auth->size() < 7 || lower(auth->substr(0, 7)) != "bearer ")
            return jwt_refusal("Authorization is not \"Bearer <token>\"");
        if (auto why = jwt_problem(std::string_view(*auth).substr(7)))
            return jwt_refusal(*why);
        return std::nullopt;
    }

    /// The path's merchant key must be the one of the headers.
    std::optional<response> check_path_key(std::string_view key) const
    {
        if (key == cfg.portone_key) return std::nullopt;
        return refusal(400, "4016", "MERCHANT_NOT_FOUND",
                       "Merchants not found with this PortOne Key : " + printable(key, 64));
    }

    std::string make_jwt(std::int64_t iat, std::int64_t exp) const
    {
        json::object header;
        header["alg"] = "HS256";
        header["typ"] = "JWT";
        json::object claims;
        claims["exp"] = exp;
        claims["iat"] = iat;
        claims["iss"] = "PORTONE";
        claims["sub"] = cfg.portone_key;
        std::string t = detail::base64url(json::serialize(header)) + "." +
                        detail::base64url(json::serialize(claims));
        return t + "." + detail::base64url(detail::hmac_sha256(cfg.secret_key, t));
    }

    // -- payments (lock held)

    delivery_options& options_for(stored_payment& p)
    {
        return p.delivery ? *p.delivery : cfg.delivery;
    }

    json::object webhook_object(const stored_payment& p, bool forged) const
    {
        const status_text& st = status_of(p.status);
        const std::string amount = std::to_string(p.amount); // FormatFloat(f, 'f', -1, 64)
        detail::field_list signed_fields = {
            {"amount", amount},
            {"channel_key", "KOMOJU"},
            {"channel_order_ref", p.channel_order_ref},
            {"country_code", "JP"},
            {"currency", "JPY"},
            {"merchant_order_ref", p.merchant_order_ref},
            {"method_name", std::string(p.m->name)},
            {"order_ref", p.order_ref},
            {"status", p.status},
        };
        // A forgery looks like a signature (Base64 of 32 bytes) but is keyed with another secret.
        const std::string signature = detail::portone_signature(
            forged ? "forged:" + cfg.secret_key : cfg.secret_key, signed_fields);
        json::object o;
        o["currency"] = "JPY";
        o["amount"] = p.amount;
        o["order_ref"] = p.order_ref;
        o["channel_order_ref"] = p.channel_order_ref;
        o["merchant_order_ref"] = p.merchant_order_ref;
        o["country_code"] = "JP";
        o["status"] = p.status;
        o["channel_key"] = "KOMOJU";
        o["method_name"] = p.m->name;
        o["method_key"] = p.m->key;
        o["method_sub_type"] = sub_type(p.m->k);
        o["buyer_name"] = buyer_name(p);
        o["buyer_email"] = p.b.email;
        o["buyer_phone"] = p.b.phone;
        o["buyer_address1"] = p.b.address1;
        o["buyer_address2"] = p.b.address2;
        o["buyer_city"] = p.b.city;
        o["buyer_country"] = p.b.country;
        o["signature_hash"] = signature;
        o["status_code"] = st.code;
        o["status_reason"] = st.reason;
        o["status_channel_reason"] = st.channel_reason;
        o["created_at"] = go_time_string(p.created);
        o["is_refund_allowed"] = p.m->refundable;
        o["is_multi_refund_allowed"] = p.multi_refund;
        o["user_agent"] = p.user_agent;
        o["description"] = p.description;
        o["ip_address"] = p.ip_address;
        o["link_order_ref"] = p.link_order_ref;
        o["payment_link_ref"] = p.link_ref;
        o["source"] = p.source;
        o["payment_method_used"] = p.m->name;
        o["merchant_name"] = cfg.merchant_name;
        o["merchant_key"] = cfg.portone_key;
        o["merchant_email_address"] = cfg.merchant_email;
        o["channel_name"] = "KOMOJU";
        o["environment"] = p.environment;
        o["user_message"] = st.user_message;
        o["receipt_url"] = p.status == "Success" ? base_url + "/komoju/receipt/" +
                                                       p.channel_order_ref
                                                 : std::string();
        o["masked_card_number"] = p.m->k == kind::card ? "************4242" : "";
        o["cross_border_data"] = json::object();
        o["additional_payment_details"] = p.details;
        o["installment_details"] = json::object();
        o["is_cross_border_transaction"] = false;
        return o;
    }

    static std::string buyer_name(const stored_payment& p)
    {
        if (p.b.name.empty()) return p.b.surname;
        if (p.b.surname.empty()) return p.b.name;
        return p.b.name + " " + p.b.surname;
    }

    void enqueue(job j)
    {
        const bool twice = j.options.twice;
        jobs.push_back(j);
        if (twice) {
            j.copy = 2;
            jobs.push_back(std::move(j));
        }
        work_cv.notify_all();
    }

    void release_held_locked(stored_payment& p)
    {
        for (auto it = p.held.rbegin(); it != p.held.rend(); ++it) enqueue(std::move(*it));
        p.held.clear();
    }

    /// The payment webhook for the payment's current status.
    void emit_payment_webhook(stored_payment& p)
    {
        delivery_options& options = options_for(p);
        const bool forged = options.forged_signatures > 0;
        if (forged) --options.forged_signatures;
        job j;
        j.id = next_delivery_id++;
        j.kind = "payment_status";
        j.url = cfg.webhook_url;
        j.order_ref = p.order_ref;
        j.status = p.status;
        j.body = json::serialize(webhook_object(p, forged));
        j.forged = forged;
        j.options = options;
        j.not_before = std::chrono::steady_clock::now();
        if (options.reverse_order) {
            p.held.push_back(std::move(j));
            if (is_final(p.status)) release_held_locked(p);
            return;
        }
        enqueue(std::move(j));
    }

    void set_status(stored_payment& p, std::string_view status)
    {
        p.status = std::string(status);
        emit_payment_webhook(p);
        if (status == "Success" && !p.link_ref.empty())
            if (auto it = links.find(p.link_ref); it != links.end()) it->second.status = "Success";
    }

    json::object details_for(const stored_payment& p, const std::string& instructions)
    {
        json::object d;
        switch (p.m->k) {
        case kind::konbini: {
            const std::string receipt = detail::random_text(10, lower36);
            const std::string code = detail::random_text(5, lower36);
            d["confirmation_code"] = code;
            d["email"] = p.b.email;
            d["instructions_url"] = instructions;
            d["receipt"] = receipt;
            d["store"] = p.m->store;
            d["type"] = "konbini";
            d["wellnet_wallet_url"] = base_url + "/komoju/wellnet?payment-number=" + receipt +
                                      "&confirm-number=" + code;
            break;
        }
        case kind::pay_easy:
            d["bank_id"] = detail::random_text(5, lower36);
            d["confirmation_id"] = detail::random_text(10, lower36);
            d["customer_id"] = detail::random_text(10, lower36);
            d["email"] = p.b.email;
            d["instructions_url"] = instructions;
            d["payment_url"] = instructions;
            d["type"] = "pay_easy";
            break;
        case kind::bank_transfer:
            d["account_branch_name"] = "TEST BRANCH";
            d["account_name"] = "株式会社スタンドイン（カブシキガイシャ スタンドイン）";
            d["account_number"] = detail::random_text(7, digits);
            d["account_type"] = "普通預金";
            d["bank_name"] = "三井住友銀行";
            d["email"] = p.b.email;
            d["instructions_url"] = instructions;
            d["order_id"] = "Y" + detail::random_text(10, digits);
            d["payment_deadline"] = p.deadline_text;
            d["type"] = "bank_transfer";
            break;
        default: break;
        }
        return d;
    }

    stored_payment& add_payment(stored_payment p)
    {
        p.seq = next_seq++;
        p.order_ref = portone_ref();
        p.channel_order_ref = detail::random_text(25, lower36);
        p.created = now();
        if (deferred(*p.m)) {
            auto [end, text] = jst_deadline(p.created, window_days(p.m->k));
            p.deadline = end;
            p.deadline_text = text;
        }
        p.details = details_for(p, base_url + "/komoju/instructions/" + p.channel_order_ref);
        by_merchant_ref[p.merchant_order_ref] = p.order_ref;
        const std::string ref = p.order_ref;
        return payments.emplace(ref, std::move(p)).first->second;
    }

    payment_info info(const stored_payment& p) const
    {
        payment_info i;
        const status_text& st = status_of(p.status);
        i.order_ref = p.order_ref;
        i.channel_order_ref = p.channel_order_ref;
        i.merchant_order_ref = p.merchant_order_ref;
        i.method_key = p.m->key;
        i.environment = p.environment;
        i.amount = p.amount;
        i.status = p.status;
        i.status_code = st.code;
        i.status_reason = st.reason;
        i.created_at = rfc3339_utc(p.created);
        if (p.deadline) i.deadline = p.deadline_text;
        i.additional_payment_details = json::serialize(p.details);
        i.refunded = p.refunded();
        for (const auto& r : p.refunds) i.refunds.push_back(r.info);
        i.is_multi_refund_allowed = p.multi_refund;
        i.payment_link_ref = p.link_ref;
        i.redirect_url = base_url + "/komoju/pay/" + p.order_ref;
        return i;
    }

    // -- endpoints (lock held)

    response initiate_payment(const request& r);
    response visit(stored_payment& p, const request& r, const query_params& q);
    response komoju_page(const request& r, std::string_view ref, const query_params& q);
    response refund(const request& r, std::string_view ref);
    response refund_list(std::string_view ref);
    response transaction_status(std::string_view merchant_ref);
    response transaction_details(const request& r);
    response fetch_all(const request& r);
    response auth_token(const request& r);
    response create_link(const request& r);
    response link_status(const payment_link* link, std::string_view ref);
    response cancel_link(std::string_view ref, std::string_view status);
    response checkout_page(const query_params& q);
    response checkout_pay(const request& r, const query_params& q);

    json::object refund_list_object(const stored_payment& p) const
    {
        json::array list;
        for (const auto& rr : p.refunds) {
            json::object o;
            o["refund_date"] = rr.info.refund_date;
            o["refund_id"] = rr.info.refund_id;
            o["psp_refund_id"] = rr.info.psp_refund_id;
            o["amount"] = rr.info.amount;
            o["currency"] = "JPY";
            o["refund_status"] = "SUCCESS";
            o["refund_type"] = rr.info.refund_type;
            o["refund_reason"] = rr.info.refund_reason;
            o["merchant_id"] = cfg.merchant_id;
            list.push_back(std::move(o));
        }
        json::object o;
        o["amountToRefund"] = p.amount - p.refunded();
        o["refundDetails"] = std::move(list);
        return o;
    }

    std::optional<response> take_fault(endpoint e)
    {
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            const bool api = e != endpoint::komoju_page;
            if (it->where != e && !(it->where == endpoint::any && api)) continue;
            const fault f = *it;
            if (--it->remaining <= 0) faults.erase(it);
            switch (f.kind) {
            case fault_kind::bad_gateway: return bad_gateway();
            case fault_kind::expired_jwt: return jwt_refusal("injected fault: expired_jwt");
            case fault_kind::drop: {
                response r;
                r.drop = true;
                r.hang = f.hang;
                return r;
            }
            }
        }
        return std::nullopt;
    }
};

namespace {

/// Content-Type must say JSON for a body PortOne parses.
bool json_content_type(const request& r)
{
    const std::string* ct = r.header("content-type");
    if (!ct) return false;
    const std::string v = lower(*ct);
    return v == "application/json" || v.rfind("application/json;", 0) == 0;
}

/// billing_details / shipping_details: the documented members, each a string; addresses are
/// objects of strings.
void check_person(reader& parent, const json::object* o, std::string_view prefix,
                  std::string_view object_name)
{
    if (!o) return;
    reader in(*o, std::string(object_name));
    const std::string p(prefix);
    in.strings({p + "_name", p + "_surname", p + "_email", p + "_phone"});
    if (const json::object* a = in.object(p + "_address")) {
        reader addr(*a, std::string(object_name) + "." + p + "_address");
        addr.strings({"city", "country_code", "country_name", "locale", "line_1", "line_2",
                      "postal_code", "state"});
        in.take(addr);
    }
    parent.take(in);
}

std::string string_at(const json::object* o, std::string_view key)
{
    if (!o) return {};
    const auto* v = o->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// POST /api/initiatePayment

response core::state::initiate_payment(const request& r)
{
    // Every refusal of this endpoint is HTTP 401 with "is_success": false: the only failure
    // PortOne documents for it (a missing field, 4001 INVALID_PAYMENT_REQUEST).
    const auto refuse = [](std::string_view code, std::string_view reason, std::string message) {
        return refusal(401, code, reason, message, true);
    };
    const auto invalid = [&](std::string message) {
        return refuse("4001", "INVALID_PAYMENT_REQUEST", std::move(message));
    };
    if (auto bad = check_key_header(r)) {
        const std::string* key = r.header("x-portone-client-key");
        return refuse("4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                      key && !key->empty() ? "Invalid PortOne key" : "key is a required field");
    }
    if (!json_content_type(r)) return invalid("Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return invalid(problem);

    // The schema (payment_openapispec.yaml): required members, types and enums.
    reader in(*body);
    const std::string key = in.required_string("key");
    const std::string merchant_order_id = in.required_string("merchant_order_id");
    const std::string channel = in.required_string("pmt_channel");
    const std::string method_key = in.required_string("pmt_method");
    const std::string description = in.required_string("description");
    const std::string environment = in.required_enum("environment", {"live", "sandbox"});
    bool not_whole = false;
    const std::int64_t amount = in.required_amount("amount", not_whole);
    const std::string currency = in.required_string("currency");
    const std::string signature = in.required_string("signature_hash");
    const std::string success_url = in.required_string("success_url");
    const std::string failure_url = in.required_string("failure_url");
    const std::optional<std::string> pending_url = in.optional_string("pending_url");
    const json::object* billing = in.object("billing_details");
    const json::object* shipping = in.object("shipping_details");
    check_person(in, billing, "billing", "billing_details");
    check_person(in, shipping, "shipping", "shipping_details");
    if (const json::object* t = in.object("token_params")) {
        reader tp(*t, "token_params");
        tp.strings({"token", "partial_card_number", "expiry_month", "expiry_year", "type"});
        tp.optional_bool("save_card");
        tp.optional_bool("is_channel_token");
        in.take(tp);
    }
    json::array items;
    if (const json::array* list = in.array("order_details")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = "order_details[" + std::to_string(i) + "]";
            if (!(*list)[i].is_object()) {
                in.fail(path + " must be an object");
                break;
            }
            reader item((*list)[i].get_object(), path);
            item.strings({"id", "name", "image"});
            const auto price = item.optional_number("price");
            const auto quantity = item.integer("quantity", false, 0);
            item.object("additional_details");
            in.take(item);
            json::object o;
            o["item_id"] = string_at(&(*list)[i].get_object(), "id");
            o["product_name"] = string_at(&(*list)[i].get_object(), "name");
            o["price"] = price.value_or(0);
            o["quantity"] = quantity.value_or(0);
            o["image"] = string_at(&(*list)[i].get_object(), "image");
            items.push_back(std::move(o));
        }
    }
    in.optional_bool("routing_enabled");
    if (const json::object* rp = in.object("routing_params")) {
        reader routing(*rp, "routing_params");
        routing.strings({"type", "routing_ref"});
        routing.array("data");
        in.take(routing);
    }
    if (in.find("transaction_type")) in.required_enum("transaction_type", {"PREAUTH", "PURCHASE"});
    std::string user_fields[5];
    for (int i = 0; i < 5; ++i)
        user_fields[i] =
            in.optional_string("user_configured_field" + std::to_string(i + 1)).value_or("");
    in.optional_bool("override_auto_redirect");
    if (in.problem) return invalid(*in.problem);

    // Who is asking: the body's key is the header's, and the signature is made with our secret
    // over PortOne's six fields, amount printed as Go's FormatFloat(amount, 'f', -1, 64).
    if (key != cfg.portone_key)
        return refuse("4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR",
                      "key does not match X-Portone-Client-Key");
    if (!not_whole) {
        const std::string expected = detail::portone_signature(
            cfg.secret_key, {{"amount", std::to_string(amount)},
                             {"client_key", key},
                             {"currency", currency},
                             {"failure_url", failure_url},
                             {"merchant_order_id", merchant_order_id},
                             {"success_url", success_url}});
        if (!detail::same_text(expected, signature))
            return refuse("4011", "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR",
                          "signature_hash does not match the request");
    }

    // The channel's rules (PortOne's KOMOJU page).
    if (channel != "KOMOJU") return invalid("pmt_channel must be KOMOJU");
    const method* m = method_by_key(method_key);
    if (!m) return invalid("pmt_method " + printable(method_key, 64) + " is not a KOMOJU method");
    if (currency != "JPY") return invalid("currency must be JPY for KOMOJU");
    if (not_whole) return invalid(*in.problem);
    for (const auto* url : {&success_url, &failure_url})
        if (!plausible_url(*url))
            return invalid((url == &success_url ? "success_url" : "failure_url") +
                           std::string(" must be an absolute http(s) URL"));
    if (pending_url && !pending_url->empty() && !plausible_url(*pending_url))
        return invalid("pending_url must be an absolute http(s) URL");
    if (environment == "sandbox" && !m->sandbox)
        return invalid(std::string(m->key) + " is not available in the sandbox environment");

    // The customer data the method requires, in billing_details (the address may be the
    // shipping one): present and not empty.
    buyer b;
    b.name = string_at(billing, "billing_name");
    b.surname = string_at(billing, "billing_surname");
    b.email = string_at(billing, "billing_email");
    b.phone = string_at(billing, "billing_phone");
    const json::object* billing_address =
        billing ? (billing->if_contains("billing_address") &&
                           billing->at("billing_address").is_object()
                       ? &billing->at("billing_address").get_object()
                       : nullptr)
                : nullptr;
    const json::object* shipping_address =
        shipping ? (shipping->if_contains("shipping_address") &&
                            shipping->at("shipping_address").is_object()
                        ? &shipping->at("shipping_address").get_object()
                        : nullptr)
                 : nullptr;
    const auto usable = [](const json::object* a) {
        return a && !string_at(a, "line_1").empty();
    };
    const json::object* address = usable(billing_address) ? billing_address : shipping_address;
    const struct {
        unsigned need;
        bool present;
        const char* what;
    } required[] = {
        {email, !b.email.empty(), "the customer's email (billing_details.billing_email)"},
        {name, !b.name.empty(), "the customer's name (billing_details.billing_name)"},
        {surname, !b.surname.empty(), "the customer's surname (billing_details.billing_surname)"},
        {phone, !b.phone.empty(), "the customer's phone (billing_details.billing_phone)"},
        {need::address, usable(address),
         "a billing or shipping address with line_1 (billing_details.billing_address or "
         "shipping_details.shipping_address)"},
    };
    for (const auto& req : required)
        if ((m->required & req.need) && !req.present)
            return invalid(std::string(m->key) + " requires " + req.what);
    if (!b.email.empty() && (b.email.find('@') == std::string::npos ||
                             b.email.front() == '@' || b.email.back() == '@'))
        return invalid("billing_details.billing_email must be an email address");
    if (b.email.empty()) b.email = string_at(shipping, "shipping_email");
    if (b.phone.empty()) b.phone = string_at(shipping, "shipping_phone");
    if (b.name.empty() && b.surname.empty()) {
        b.name = string_at(shipping, "shipping_name");
        b.surname = string_at(shipping, "shipping_surname");
    }
    b.address1 = string_at(address, "line_1");
    b.address2 = string_at(address, "line_2");
    b.city = string_at(address, "city");
    b.country = string_at(address, "country_code");

    // merchant_order_id is "the unique merchant order reference": once per merchant, whatever
    // became of the first payment (PortOne documents no reuse).
    if (by_merchant_ref.count(merchant_order_id) || link_by_merchant_ref.count(merchant_order_id))
        return refuse("4002", "DUPLICATE_TRANSACTION_ERROR",
                      "merchant_order_id " + printable(merchant_order_id, 64) +
                          " was already used");

    stored_payment p;
    p.m = m;
    p.merchant_order_ref = merchant_order_id;
    p.environment = environment;
    p.amount = amount;
    p.description = description;
    p.success_url = success_url;
    p.failure_url = failure_url;
    p.pending_url = pending_url.value_or("");
    p.b = std::move(b);
    for (int i = 0; i < 5; ++i) p.user_configured[i] = user_fields[i];
    p.order_items = std::move(items);
    stored_payment& added = add_payment(std::move(p));

    json::object o;
    o["is_success"] = true;
    o["redirect_url"] = base_url + "/komoju/pay/" + added.order_ref;
    o["channel_order_ref"] = added.channel_order_ref;
    o["merchant_order_ref"] = added.merchant_order_ref;
    o["order_ref"] = added.order_ref;
    o["message"] = "";
    o["deep_link"] = m->deep_link.empty()
                         ? std::string()
                         : std::string(m->deep_link) + "komoju?payment=" + added.channel_order_ref;
    o["additional_data"] = nullptr;
    const bool qr = m->key == "KOMOJU_PAYPAY";
    o["qrcode_url"] = qr ? base_url + "/komoju/qr/" + added.order_ref + ".svg" : std::string();
    o["expiry_in_minutes"] = qr ? "20" : "";
    return json_answer(200, o);
}

// ---------------------------------------------------------------------------------------------
// The shopper at KOMOJU: GET /komoju/pay/{order_ref}?outcome=paid|failed|pending|cancelled

response core::state::visit(stored_payment& p, const request& r, const query_params& q)
{
    if (p.status != "Initiated" && p.status != "Failed")
        return html(409, "This payment is " + p.status,
                    "<p>Nothing to pay: the payment is already " + html_escape(p.status) + ".</p>");
    std::string outcome = deferred(*p.m) ? "pending" : "paid";
    if (const std::string* o = param(q, "outcome")) outcome = *o;
    if (outcome != "paid" && outcome != "failed" && outcome != "pending" && outcome != "cancelled")
        return html(400, "Unknown outcome",
                    "<p>outcome must be paid, failed, pending or cancelled.</p>");
    if (const std::string* ua = r.header("user-agent")) p.user_agent = *ua;
    p.ip_address = r.peer;

    // What the shopper is sent back with: a store or bank payment leaves KOMOJU as Pending
    // (instructions in hand) even when it is paid at once.
    std::string redirect_status;
    if (outcome == "paid" && !deferred(*p.m)) redirect_status = "Success";
    else if (outcome == "paid" || outcome == "pending") redirect_status = "Pending";
    else if (outcome == "failed") redirect_status = "Failed";
    else redirect_status = "Cancelled";

    set_status(p, redirect_status);
    if (outcome == "paid" && deferred(*p.m)) set_status(p, "Success");

    const status_text& st = status_of(redirect_status);
    detail::field_list fields = {
        {"channel_order_ref", p.channel_order_ref},
        {"merchant_order_ref", p.merchant_order_ref},
        {"order_ref", p.order_ref},
        {"status", redirect_status},
    };
    const std::string signature = detail::portone_signature(cfg.secret_key, fields);
    fields.emplace_back("signature_hash", signature);
    fields.emplace_back("amount", std::to_string(p.amount));
    fields.emplace_back("currency", "JPY");
    fields.emplace_back("status_code", std::string(st.code));
    fields.emplace_back("status_reason", std::string(st.reason));
    fields.emplace_back("method_key", std::string(p.m->key));
    fields.emplace_back("lang", "ja");
    fields.emplace_back("message", std::string(st.user_message));
    if (!p.link_order_ref.empty()) fields.emplace_back("link_order_ref", p.link_order_ref);

    std::string url;
    if (redirect_status == "Success") url = p.success_url;
    else if (redirect_status == "Pending")
        url = p.pending_url.empty() ? p.success_url : p.pending_url;
    else url = p.failure_url;
    // The query goes before any fragment, after any query the merchant's URL already has.
    std::string fragment;
    if (const auto hash = url.find('#'); hash != std::string::npos) {
        fragment = url.substr(hash);
        url.resize(hash);
    }
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += detail::go_values_encode(std::move(fields));
    url += fragment;

    response out = html(303, "Redirecting", "<p><a href=\"" + html_escape(url) +
                                                "\">Back to the shop</a></p>");
    out.headers.emplace_back("Location", url);
    return out;
}

response core::state::komoju_page(const request& r, std::string_view ref, const query_params& q)
{
    stored_payment* p = nullptr;
    if (auto it = payments.find(ref); it != payments.end()) p = &it->second;
    if (!p)
        return html(404, "No such payment", "<p>KOMOJU has no payment with this reference.</p>");
    return visit(*p, r, q);
}

// ---------------------------------------------------------------------------------------------
// Refunds: POST and GET /api/refund/{order_ref}

response core::state::refund(const request& r, std::string_view ref)
{
    const auto invalid = [](std::string message) {
        return refusal(400, "4001", "INVALID_REQUEST", message);
    };
    auto it = payments.find(ref);
    if (it == payments.end())
        return refusal(400, "4096", "INVALID_REFERENCE",
                       "Transaction record with given reference not found");
    stored_payment& p = it->second;
    if (!json_content_type(r)) return invalid("Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return invalid(problem);
    // refund_openapispec.yaml: all six members required.
    reader in(*body);
    bool not_whole = false;
    const std::int64_t amount = in.required_amount("amount", not_whole);
    const std::string channel = in.required_string("channel");
    const std::string description = in.required_string("description");
    const std::string environment = in.required_enum("environment", {"live", "sandbox"});
    const std::string type = in.required_enum("refund_type", {"full", "partial"});
    const std::string reason = in.required_string("refund_reason");
    if (in.problem && !not_whole) return invalid(*in.problem);
    if (channel != "KOMOJU") return invalid("channel must be KOMOJU, the payment's channel");
    if (environment != p.environment)
        return refusal(400, "4034", "INVALID_ENVIRONMENT",
                       "the payment was made in " + p.environment + ", not " + environment);

    const std::int64_t left = p.amount - p.refunded();
    const auto not_allowed = [](std::string message) {
        return refusal(400, "4070", "INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED", message);
    };
    if (!p.m->refundable)
        return not_allowed(std::string(p.m->key) + " does not support refunds through PortOne");
    if (p.status != "Success")
        return not_allowed("only a successful payment can be refunded; this one is " + p.status);
    const auto invalid_amount = [](std::string message) {
        return refusal(400, "4041", "INVALID_AMOUNT", message);
    };
    if (not_whole) return invalid_amount(*in.problem);
    if (left == 0) return invalid_amount("nothing is left to refund");
    // is_multi_refund_allowed false: "only a single refund or no partial refunds" (PortOne's
    // words); read strictly, both: one refund, of the whole amount.
    if (!p.multi_refund && type == "partial")
        return refusal(400, "4081", "PARTIAL_REFUND_NOT_ALLOWED",
                       "this payment does not allow partial refunds");
    // `amount` is ignored for a full refund (PortOne's schema), which refunds the whole payment;
    // after a partial refund there is no whole payment left to refund.
    if (type == "full" && !p.refunds.empty())
        return invalid_amount("a full refund of a payment already partly refunded: refund the " +
                              std::to_string(left) + " yen left as a partial refund");
    if (type == "partial" && amount > left)
        return invalid_amount("refund amount " + std::to_string(amount) + " is more than the " +
                              std::to_string(left) + " left to refund");

    refund_record rr;
    const time_point t = now();
    rr.info.refund_id = detail::random_text(22, base62);
    rr.info.psp_refund_id = detail::random_text(25, lower36);
    rr.info.amount = type == "full" ? p.amount : amount;
    rr.info.refund_type = type;
    rr.info.refund_reason = reason;
    rr.info.description = description;
    rr.info.refund_date = rfc3339_utc(t);
    rr.date_go = go_time_string(t);
    p.refunds.push_back(rr);

    // The refund webhook (refund-webhook.md): unsigned.
    json::object hook;
    hook["refund_date"] = rr.date_go;
    hook["refund_id"] = rr.info.refund_id;
    hook["psp_refund_id"] = rr.info.psp_refund_id;
    hook["amount"] = rr.info.amount;
    hook["currency"] = "JPY";
    hook["refund_status"] = "SUCCESS";
    hook["refund_type"] = rr.info.refund_type;
    hook["refund_reason"] = rr.info.refund_reason;
    hook["merchant_id"] = cfg.merchant_id;
    hook["description"] = rr.info.description;
    hook["payment_txn_ref"] = p.order_ref;
    hook["payment_channel"] = "KOMOJU";
    hook["payment_method"] = std::string(p.m->name) + " via KOMOJU";
    job j;
    j.id = next_delivery_id++;
    j.kind = "refund_status";
    j.url = cfg.refund_webhook_url;
    j.order_ref = p.order_ref;
    j.status = "SUCCESS";
    j.refund_id = rr.info.refund_id;
    j.body = json::serialize(hook);
    j.options = options_for(p);
    j.not_before = std::chrono::steady_clock::now();
    enqueue(std::move(j));

    return json_answer(200, refund_list_object(p));
}

response core::state::refund_list(std::string_view ref)
{
    auto it = payments.find(ref);
    if (it == payments.end())
        return refusal(400, "4096", "INVALID_REFERENCE",
                       "Transaction record with given reference not found");
    return json_answer(200, refund_list_object(it->second));
}

// ---------------------------------------------------------------------------------------------
// Queries

response core::state::transaction_status(std::string_view merchant_ref)
{
    const auto it = by_merchant_ref.find(merchant_ref);
    if (it == by_merchant_ref.end())
        return refusal(400, "4096", "INVALID_REFERENCE",
                       "Transaction record with given reference not found");
    const stored_payment& p = payments.at(it->second);
    json::object content;
    content["channel_order_ref"] = p.channel_order_ref;
    content["order_ref"] = p.order_ref;
    content["status"] = p.status;
    return success("content", std::move(content));
}

response core::state::transaction_details(const request& r)
{
    if (!json_content_type(r))
        return refusal(400, "4001", "INVALID_REQUEST", "Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return refusal(400, "4001", "INVALID_REQUEST", problem);
    reader in(*body);
    const std::string ref = in.required_string("order_ref");
    if (in.problem) return refusal(400, "4001", "INVALID_REQUEST", *in.problem);
    const auto it = payments.find(ref);
    if (it == payments.end())
        return refusal(400, "4096", "INVALID_REFERENCE",
                       "Transaction record with given reference not found");
    const stored_payment& p = it->second;
    const status_text& st = status_of(p.status);
    // The webhook's fields, then those of TransactionDetailsContent. The schema spells the
    // codes statusCode / statusReason, its example status_code / status_reason: both are sent.
    json::object c = webhook_object(p, false);
    c["statusCode"] = st.code;
    c["statusReason"] = st.reason;
    c["date"] = rfc3339_utc(p.created);
    c["refund_completed"] = p.refunded() == p.amount;
    c["refund_status"] = p.refunds.empty() ? "" : "SUCCESS";
    c["channel_logo"] = "";
    c["payment_link_merchant_order_ref"] = p.link_order_ref;
    c["payment_page_ref"] = "";
    c["customer_name"] = buyer_name(p);
    c["customer_email_address"] = p.b.email;
    c["customer_phone_number"] = p.b.phone;
    c["created_by"] = "";
    c["routing_enabled"] = false;
    c["subscription_order_ref"] = "";
    json::object items;
    items["data"] = p.order_items;
    c["order_details"] = std::move(items);
    for (int i = 0; i < 5; ++i)
        c["user_configured_field" + std::to_string(i + 1)] = p.user_configured[i];
    c["user_uuid"] = "";
    c["auto_refund"] = false;
    return success("content", std::move(c), "Transaction details fetched successfully");
}

response core::state::fetch_all(const request& r)
{
    const auto invalid = [](std::string message) {
        return refusal(400, "4001", "INVALID_REQUEST", message);
    };
    if (!json_content_type(r)) return invalid("Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return invalid(problem);
    reader in(*body);
    const auto page = in.integer("page", true, 1);
    const auto size = in.integer("size", true, 1);
    const std::string from_text = in.required_string("from");
    const std::string to_text = in.required_string("to");
    const std::string environment = in.required_enum("environment", {"live", "sandbox"});
    if (in.problem) return invalid(*in.problem);
    const auto from = parse_rfc3339(from_text);
    const auto to = parse_rfc3339(to_text);
    if (!from) return invalid("from must be an RFC 3339 date-time");
    if (!to) return invalid("to must be an RFC 3339 date-time");
    if (*from > *to) return invalid("from must not be after to");

    // Payments created in [from, to] (both included) in that environment, newest first.
    std::vector<const stored_payment*> found;
    for (const auto& [ref, p] : payments)
        if (p.environment == environment && to_us(p.created) >= *from && to_us(p.created) <= *to)
            found.push_back(&p);
    std::sort(found.begin(), found.end(), [](const stored_payment* a, const stored_payment* b) {
        return a->created != b->created ? a->created > b->created : a->seq > b->seq;
    });
    const auto total = static_cast<std::int64_t>(found.size());
    const std::int64_t pages = (total + *size - 1) / *size;
    json::array content;
    const std::int64_t first = (*page - 1) * *size;
    for (std::int64_t i = first; i < total && i < first + *size; ++i) {
        const stored_payment& p = *found[static_cast<std::size_t>(i)];
        const json::object hook = webhook_object(p, false);
        json::object o;
        for (const char* k : {"currency", "amount", "order_ref", "channel_order_ref",
                              "merchant_order_ref", "status", "channel_key", "method_name",
                              "method_key", "method_sub_type", "status_code", "status_reason",
                              "status_channel_reason"})
            o[k] = hook.at(k);
        o["channel_logo"] = "";
        o["created_at"] = rfc3339_utc(p.created);
        o["is_refund_allowed"] = p.m->refundable;
        o["is_multi_refund_allowed"] = p.multi_refund;
        o["remit_status"] = "UNSETTLED";
        o["created_by"] = cfg.merchant_email;
        o["is_cross_border_transaction"] = false;
        o["country_code"] = "JP";
        for (const char* k : {"buyer_name", "buyer_email", "buyer_phone", "buyer_address1",
                              "buyer_address2", "buyer_city", "buyer_country", "signature_hash",
                              "source", "payment_method_used", "merchant_key",
                              "merchant_email_address", "channel_name", "user_agent",
                              "ip_address", "description", "link_order_ref", "payment_link_ref",
                              "merchant_name"})
            o[k] = hook.at(k);
        o["refund_completed"] = p.refunded() == p.amount;
        o["recon_status"] = "";
        o["subscription_order_ref"] = "";
        o["payment_link_merchant_order_ref"] = p.link_order_ref;
        for (int k = 0; k < 5; ++k)
            o["user_configured_field" + std::to_string(k + 1)] = p.user_configured[k];
        content.push_back(std::move(o));
    }
    json::object page_object;
    const auto count = static_cast<std::int64_t>(content.size());
    page_object["content"] = std::move(content);
    page_object["total_elements"] = total;
    page_object["total_pages"] = pages;
    page_object["size"] = *size;
    page_object["page"] = *page;
    page_object["number_of_elements"] = count;
    return success("body", std::move(page_object), "Transactions fetched successfully");
}

// ---------------------------------------------------------------------------------------------
// POST /api/merchant/auth-token

response core::state::auth_token(const request& r)
{
    const auto invalid = [](std::string message) {
        return refusal(400, "4001", "INVALID_REQUEST", "Invalid Request, err : " + message);
    };
    if (!json_content_type(r)) return invalid("Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return invalid(problem);
    reader in(*body);
    const std::string key = in.required_string("portone_key");
    const std::string secret = in.required_string("portone_secret");
    if (in.problem) return invalid(*in.problem);
    if (key != cfg.portone_key)
        return refusal(400, "4016", "MERCHANT_NOT_FOUND",
                       "Merchant not found for this key : " + printable(key, 64));
    if (!detail::same_text(secret, cfg.secret_key))
        return refusal(401, "4099", "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR",
                       "Invalid PortOne secret");
    const std::int64_t iat =
        std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
    json::object content;
    content["expires_in"] = 21600;
    content["token"] = make_jwt(iat, iat + 21600);
    return success("content", std::move(content), "Auth Token generated successfully!");
}

// ---------------------------------------------------------------------------------------------
// Payment links

response core::state::create_link(const request& r)
{
    // PortOne's example of a refused link (a missing signature_hash) is HTTP 401 with 4010.
    const auto invalid = [](std::string message) {
        return refusal(401, "4010", "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR", message,
                       true);
    };
    if (!json_content_type(r)) return invalid("Content-Type must be application/json");
    std::string problem;
    const auto body = parse_object(r.body, problem);
    if (!body) return invalid(problem);
    reader in(*body);
    const std::string key = in.required_string("portone_key");
    const std::string merchant_order_id = in.required_string("merchant_order_id");
    bool not_whole = false;
    const std::int64_t amount = in.required_amount("amount", not_whole);
    const std::string currency = in.required_string("currency");
    const std::string signature = in.required_string("signature_hash");
    const std::string country = in.required_string("country_code");
    const json::object* merchant = in.object("merchant_details", true);
    if (merchant) {
        reader md(*merchant, "merchant_details");
        md.required_string("name");
        md.strings({"back_url", "promo_code", "logo"});
        md.optional_number("promo_discount", true);
        md.optional_number("shipping_charges", true);
        in.take(md);
    }
    const std::string success_url = in.required_string("success_url");
    const std::string failure_url = in.required_string("failure_url");
    in.required_enum("source", {"default", "api", "checkout"});
    const std::string environment = in.required_enum("environment", {"live", "sandbox"});
    const std::string description = in.optional_string("description").value_or("");
    const std::string pending_url = in.optional_string("pending_url").value_or("");
    const auto expiry = in.optional_string("expiry_date");
    check_person(in, in.object("billing_details"), "billing", "billing_details");
    check_person(in, in.object("shipping_details"), "shipping", "shipping_details");
    for (const char* flag : {"show_shipping_details", "show_back_button", "is_checkout_embed",
                             "notify_by_email", "notify_by_phone", "default_guest_checkout",
                             "use_merchant_configured_dcc_rate", "override_auto_redirect"})
        in.optional_bool(flag);
    std::vector<std::string> chosen;
    if (const json::array* list = in.array("chosen_payment_methods")) {
        for (const auto& v : *list) {
            if (!v.is_object()) {
                in.fail("chosen_payment_methods must be an array of objects");
                break;
            }
            reader c(v.get_object(), "chosen_payment_methods[]");
            const std::string ch = c.required_string("payment_channel");
            const std::string mk = c.required_string("payment_method");
            in.take(c);
            if (!in.problem && ch == "KOMOJU") chosen.push_back(mk);
        }
    }
    double items_total = 0;
    bool has_items = false;
    if (const json::array* list = in.array("order_details")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = "order_details[" + std::to_string(i) + "]";
            if (!(*list)[i].is_object()) {
                in.fail(path + " must be an object");
                break;
            }
            reader item((*list)[i].get_object(), path);
            item.strings({"id", "name", "image"});
            const auto price = item.optional_number("price", true);
            const auto quantity = item.integer("quantity", true, 1);
            in.take(item);
            if (price && quantity) {
                items_total += *price * static_cast<double>(*quantity);
                has_items = true;
            }
        }
    }
    if (in.problem && !not_whole) return invalid(*in.problem);
    if (key != cfg.portone_key) return invalid("portone_key does not match X-Portone-Client-Key");
    if (!not_whole) {
        const std::string expected = detail::portone_signature(
            cfg.secret_key, {{"amount", std::to_string(amount)},
                             {"client_key", key},
                             {"currency", currency},
                             {"failure_url", failure_url},
                             {"merchant_order_id", merchant_order_id},
                             {"success_url", success_url}});
        if (!detail::same_text(expected, signature))
            return refusal(401, "4011", "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR",
                           "signature_hash does not match the request", true);
    }
    if (not_whole) return invalid(*in.problem);
    if (currency != "JPY") return invalid("currency must be JPY for KOMOJU");
    if (country != "JP") return invalid("country_code must be JP for KOMOJU");
    if (!plausible_url(success_url) || !plausible_url(failure_url) ||
        (!pending_url.empty() && !plausible_url(pending_url)))
        return invalid("success_url, failure_url and pending_url must be absolute http(s) URLs");
    for (const auto& mk : chosen) {
        const method* m = method_by_key(mk);
        if (!m) return invalid("chosen_payment_methods: " + printable(mk, 64) +
                               " is not a KOMOJU method");
        if (!m->checkout) return invalid(mk + " is not available through Checkout");
        if (environment == "sandbox" && !m->sandbox)
            return invalid(mk + " is not available in the sandbox environment");
    }
    // PortOne's Checkout rule: items (price x quantity) + shipping - discount = amount.
    if (has_items) {
        const double shipping = merchant->at("shipping_charges").to_number<double>();
        const double discount = merchant->at("promo_discount").to_number<double>();
        if (std::fabs(items_total + shipping - discount - static_cast<double>(amount)) > 0.001)
            return invalid("Summation of order value, shipping and discount is not equal to "
                           "amount");
    }
    std::optional<sys_us> expires;
    if (expiry) {
        expires = parse_rfc3339(*expiry);
        if (!expires) return invalid("expiry_date must be an RFC 3339 date-time in UTC");
    }
    if (by_merchant_ref.count(merchant_order_id) || link_by_merchant_ref.count(merchant_order_id))
        return refusal(401, "4002", "DUPLICATE_TRANSACTION_ERROR",
                       "merchant_order_id " + printable(merchant_order_id, 64) +
                           " was already used",
                       true);

    payment_link link;
    link.ref = portone_ref();
    link.merchant_order_id = merchant_order_id;
    link.environment = environment;
    link.description = description;
    link.amount = amount;
    link.success_url = success_url;
    link.failure_url = failure_url;
    link.pending_url = pending_url;
    link.expires = expires;
    link.chosen = std::move(chosen);
    link.created = now();
    link_by_merchant_ref[merchant_order_id] = link.ref;
    const std::string ref = link.ref;
    links.emplace(ref, std::move(link));

    json::object o;
    o["payment_link_ref"] = ref;
    o["payment_link"] = base_url + "/checkout?ref=" + ref;
    return json_answer(200, o);
}

response core::state::link_status(const payment_link* link, std::string_view ref)
{
    if (!link)
        return refusal(400, "4083", "INVALID_PAYMENT_LINK_REF",
                       "Payment link not found: " + printable(ref, 64));
    std::string status = link->status;
    if (status == "Created" && link->expires && *link->expires < to_us(now())) status = "Expired";
    json::array list;
    for (const auto& order_ref : link->payments) {
        const stored_payment& p = payments.at(order_ref);
        const status_text& st = status_of(p.status);
        json::object t;
        t["channelOrderRef"] = p.channel_order_ref;
        t["createdAt"] = rfc3339_utc(p.created);
        t["merchantOrderRef"] = p.merchant_order_ref;
        t["status"] = p.status;
        t["statusCode"] = st.code;
        t["statusReason"] = st.reason;
        list.push_back(std::move(t));
    }
    json::object content;
    content["merchantOrderRef"] = link->merchant_order_id;
    content["paymentLinkRef"] = link->ref;
    content["status"] = status;
    content["transactionsList"] = std::move(list);
    return success("content", std::move(content), "Payment link status fetched successfully");
}

response core::state::cancel_link(std::string_view ref, std::string_view status)
{
    if (status != "cancelled")
        return refusal(401, "4001", "INVALID_PAYMENT_REQUEST",
                       "Invalid status! Only cancelled status is allowed");
    const auto it = links.find(ref);
    if (it == links.end())
        return refusal(400, "4083", "INVALID_PAYMENT_LINK_REF",
                       "Payment link not found: " + printable(ref, 64));
    if (it->second.status == "Success")
        return refusal(400, "4001", "INVALID_PAYMENT_REQUEST",
                       "The payment link was already paid and cannot be cancelled");
    it->second.status = "Cancelled";
    return success({}, {}, "Payment link status updated successfully to cancelled");
}

/// PortOne's hosted Checkout page, reduced to a list of the methods the link offers.
response core::state::checkout_page(const query_params& q)
{
    const std::string* ref = param(q, "ref");
    const auto it = ref ? links.find(*ref) : links.end();
    if (it == links.end()) return html(404, "No such payment link", "");
    const payment_link& link = it->second;
    if (link.status != "Created") return html(410, "This payment link is " + link.status, "");
    std::string list = "<ul>";
    for (const method& m : methods) {
        const bool offered = link.chosen.empty()
                                 ? m.checkout
                                 : std::find(link.chosen.begin(), link.chosen.end(), m.key) !=
                                       link.chosen.end();
        if (!offered || (link.environment == "sandbox" && !m.sandbox)) continue;
        list += "<li><a href=\"/checkout/pay?ref=" + link.ref + "&amp;method=" +
                std::string(m.key) + "\">" + html_escape(m.name) + "</a></li>";
    }
    return html(200, "Pay " + std::to_string(link.amount) + " JPY", list + "</ul>");
}

/// The shopper picks a method on the Checkout page: a payment of the link, then KOMOJU.
response core::state::checkout_pay(const request& r, const query_params& q)
{
    const std::string* ref = param(q, "ref");
    const std::string* key = param(q, "method");
    const auto it = ref ? links.find(*ref) : links.end();
    if (it == links.end()) return html(404, "No such payment link", "");
    payment_link& link = it->second;
    if (link.status != "Created" || (link.expires && *link.expires < to_us(now())))
        return html(410, "This payment link is no longer open", "");
    const method* m = key ? method_by_key(*key) : nullptr;
    if (!m) return html(400, "Unknown method", "");
    const bool offered =
        link.chosen.empty() ? m->checkout
                            : std::find(link.chosen.begin(), link.chosen.end(), m->key) !=
                                  link.chosen.end();
    if (!offered || (link.environment == "sandbox" && !m->sandbox))
        return html(400, "This method is not offered", "");
    stored_payment p;
    p.m = m;
    // In link flows PortOne puts its own reference, with the attempt's number, in
    // merchant_order_ref, and the merchant's id in link_order_ref.
    p.merchant_order_ref = link.ref + "_" + std::to_string(link.payments.size() + 1);
    p.environment = link.environment;
    p.amount = link.amount;
    p.description = link.description;
    p.success_url = link.success_url;
    p.failure_url = link.failure_url;
    p.pending_url = link.pending_url;
    p.link_ref = link.ref;
    p.link_order_ref = link.merchant_order_id;
    p.source = "checkout";
    stored_payment& added = add_payment(std::move(p));
    link.payments.push_back(added.order_ref);
    return visit(added, r, q);
}

// ---------------------------------------------------------------------------------------------
// Control over HTTP: /_control/...

namespace {

json::object to_json(const payment_info& i)
{
    json::object o;
    o["order_ref"] = i.order_ref;
    o["channel_order_ref"] = i.channel_order_ref;
    o["merchant_order_ref"] = i.merchant_order_ref;
    o["method_key"] = i.method_key;
    o["environment"] = i.environment;
    o["amount"] = i.amount;
    o["status"] = i.status;
    o["status_code"] = i.status_code;
    o["status_reason"] = i.status_reason;
    o["created_at"] = i.created_at;
    o["deadline"] = i.deadline ? json::value(*i.deadline) : json::value(nullptr);
    boost::system::error_code ec;
    o["additional_payment_details"] = json::parse(i.additional_payment_details, ec);
    o["refunded"] = i.refunded;
    json::array refunds;
    for (const auto& r : i.refunds) {
        json::object x;
        x["refund_id"] = r.refund_id;
        x["psp_refund_id"] = r.psp_refund_id;
        x["amount"] = r.amount;
        x["refund_type"] = r.refund_type;
        x["refund_reason"] = r.refund_reason;
        x["description"] = r.description;
        x["refund_date"] = r.refund_date;
        refunds.push_back(std::move(x));
    }
    o["refunds"] = std::move(refunds);
    o["is_multi_refund_allowed"] = i.is_multi_refund_allowed;
    o["payment_link_ref"] = i.payment_link_ref;
    o["redirect_url"] = i.redirect_url;
    return o;
}

json::object to_json(const delivery& d)
{
    json::object o;
    o["id"] = d.id;
    o["kind"] = d.kind;
    o["url"] = d.url;
    o["order_ref"] = d.order_ref;
    o["status"] = d.status;
    o["refund_id"] = d.refund_id;
    o["copy"] = d.copy;
    o["attempt"] = d.attempt;
    o["forged"] = d.forged;
    o["http_status"] = d.http_status;
    o["response_body"] = d.response_body;
    o["error"] = d.error;
    o["at"] = rfc3339_utc(d.at);
    boost::system::error_code ec;
    json::value body = json::parse(d.body, ec);
    o["body"] = ec ? json::value(d.body) : std::move(body);
    return o;
}

json::object to_json(const delivery_options& d)
{
    json::object o;
    o["twice"] = d.twice;
    o["reverse_order"] = d.reverse_order;
    o["forged_signatures"] = d.forged_signatures;
    o["max_attempts"] = d.max_attempts;
    o["retry_delay_ms"] = d.retry_delay.count();
    o["timeout_ms"] = d.timeout.count();
    return o;
}

/// Members absent from `o` keep their values in `base`.
delivery_options options_from(const json::object& o, delivery_options base)
{
    reader in(o);
    if (auto v = in.optional_bool("twice")) base.twice = *v;
    if (auto v = in.optional_bool("reverse_order")) base.reverse_order = *v;
    if (auto v = in.integer("forged_signatures", false, 0)) base.forged_signatures = int(*v);
    if (auto v = in.integer("max_attempts", false, 1)) base.max_attempts = int(*v);
    if (auto v = in.integer("retry_delay_ms", false, 0))
        base.retry_delay = std::chrono::milliseconds(*v);
    if (auto v = in.integer("timeout_ms", false, 1)) base.timeout = std::chrono::milliseconds(*v);
    if (in.problem) throw control_error(400, *in.problem);
    return base;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// core

core::core(config c) : s_(std::make_unique<state>())
{
    s_->cfg = std::move(c);
}

core::~core()
{
    stop_deliveries();
}

void core::set_base_url(std::string base_url)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->base_url = std::move(base_url);
}

std::uint16_t core::listen_port() const
{
    return s_->cfg.port;
}

std::string core::certificate_file() const
{
    return s_->cfg.cert_file;
}

void core::log(std::string_view line)
{
    s_->log(line);
}

time_point core::now() const
{
    return s_->now();
}

namespace {

/// A webhook URL: http(s) on a loopback host; the stand-in posts nowhere else.
std::optional<detail::http_target> webhook_target(std::string_view url, std::string& why)
{
    detail::http_target t;
    std::string_view rest;
    if (url.rfind("https://", 0) == 0) {
        t.tls = true;
        rest = url.substr(8);
    } else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
    else {
        why = "the webhook URL must start with http:// or https://";
        return std::nullopt;
    }
    const auto slash = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
    if (const auto hash = path.find('#'); hash != std::string_view::npos)
        path = path.substr(0, hash);
    t.target = path.empty() || path.front() != '/' ? "/" + std::string(path) : std::string(path);
    t.host_header = std::string(authority);
    std::string_view host = authority, port = t.tls ? "443" : "80";
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            why = "bad IPv6 host in the webhook URL";
            return std::nullopt;
        }
        host = authority.substr(1, close - 1);
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') {
                why = "bad port in the webhook URL";
                return std::nullopt;
            }
            port = authority.substr(close + 2);
        }
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host != "127.0.0.1" && host != "localhost" && host != "::1") {
        why = "the stand-in delivers webhooks to loopback hosts only (127.0.0.1, localhost, "
              "[::1])";
        return std::nullopt;
    }
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        why = "bad port in the webhook URL";
        return std::nullopt;
    }
    t.host = std::string(host);
    t.port = std::string(port);
    return t;
}

} // namespace

void core::start_deliveries()
{
    state& s = *s_;
    s.worker = std::thread([&s] {
        std::unique_lock<std::mutex> lock(s.m);
        while (!s.stopping) {
            const auto now = std::chrono::steady_clock::now();
            auto ready = std::find_if(s.jobs.begin(), s.jobs.end(),
                                      [&](const job& j) { return j.not_before <= now; });
            if (ready == s.jobs.end()) {
                if (s.jobs.empty()) s.work_cv.wait(lock);
                else {
                    auto next = std::min_element(s.jobs.begin(), s.jobs.end(),
                                                 [](const job& a, const job& b) {
                                                     return a.not_before < b.not_before;
                                                 })->not_before;
                    s.work_cv.wait_until(lock, next);
                }
                continue;
            }
            job j = std::move(*ready);
            s.jobs.erase(ready);
            s.in_flight = true;
            const std::string ca = s.cfg.merchant_ca_pem;
            lock.unlock();

            detail::http_answer a;
            bool retry_useful = true;
            std::string why;
            if (j.url.empty()) {
                a.error = "no webhook URL configured";
                retry_useful = false;
            } else if (auto target = webhook_target(j.url, why)) {
                a = detail::post_json(*target, j.body, ca, j.options.timeout);
            } else {
                a.error = why;
                retry_useful = false;
            }
            delivery d;
            d.kind = j.kind;
            d.url = j.url;
            d.order_ref = j.order_ref;
            d.status = j.status;
            d.refund_id = j.refund_id;
            d.copy = j.copy;
            d.attempt = j.attempt;
            d.forged = j.forged;
            d.body = j.body;
            d.http_status = a.status;
            d.response_body = a.body;
            d.error = a.error;
            d.at = s.now();
            d.id = j.id;
            const bool ok = a.status >= 200 && a.status < 300;
            s.log("webhook " + j.kind + " " + j.status + " #" + std::to_string(j.id) +
                  (j.copy > 1 ? " copy 2" : "") + " attempt " + std::to_string(j.attempt) +
                  (j.forged ? " (forged signature)" : "") + " -> " + printable(j.url, 200) +
                  ": " + (a.status ? std::to_string(a.status) : "no answer (" + a.error + ")"));

            lock.lock();
            s.done.push_back(std::move(d));
            if (!ok && retry_useful && j.attempt < j.options.max_attempts && !s.stopping) {
                ++j.attempt;
                j.not_before = std::chrono::steady_clock::now() + j.options.retry_delay;
                s.jobs.push_back(std::move(j));
            }
            s.in_flight = false;
            s.idle_cv.notify_all();
        }
    });
}

void core::stop_deliveries()
{
    {
        const std::lock_guard<std::mutex> lock(s_->m);
        s_->stopping = true;
        s_->work_cv.notify_all();
    }
    if (s_->worker.joinable()) s_->worker.join();
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->jobs.clear();
    s_->idle_cv.notify_all();
}

bool core::wait_idle(std::chrono::milliseconds timeout) const
{
    std::unique_lock<std::mutex> lock(s_->m);
    return s_->idle_cv.wait_for(lock, timeout,
                                [&] { return s_->jobs.empty() && !s_->in_flight; });
}

void core::complete_payment(std::string_view ref)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    stored_payment& p = s_->find_or_throw(ref);
    if (p.status != "Pending")
        throw control_error(409, "payment " + p.order_ref + " is " + p.status + ", not Pending");
    s_->set_status(p, "Success");
}

void core::expire_payment(std::string_view ref)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    stored_payment& p = s_->find_or_throw(ref);
    if (p.status != "Pending" && p.status != "Initiated")
        throw control_error(409, "payment " + p.order_ref + " is " + p.status +
                                     ", not Pending or Initiated");
    s_->set_status(p, "Expired");
}

int core::expire_overdue()
{
    const std::lock_guard<std::mutex> lock(s_->m);
    const time_point t = s_->now();
    int n = 0;
    for (auto& [ref, p] : s_->payments)
        if (p.status == "Pending" && p.deadline && *p.deadline < t) {
            s_->set_status(p, "Expired");
            ++n;
        }
    return n;
}

void core::release_held(std::string_view ref)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->release_held_locked(s_->find_or_throw(ref));
}

void core::set_delivery_options(const delivery_options& options)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->cfg.delivery = options;
}

void core::set_delivery_options(std::string_view ref, const delivery_options& options)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->find_or_throw(ref).delivery = options;
}

delivery_options core::delivery_options_of(std::optional<std::string_view> ref) const
{
    const std::lock_guard<std::mutex> lock(s_->m);
    if (!ref) return s_->cfg.delivery;
    return s_->options_for(s_->find_or_throw(*ref));
}

void core::set_multi_refund_allowed(std::string_view ref, bool allowed)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->find_or_throw(ref).multi_refund = allowed;
}

void core::set_webhook_urls(std::string payment_webhook_url, std::string refund_webhook_url)
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->cfg.webhook_url = std::move(payment_webhook_url);
    s_->cfg.refund_webhook_url = std::move(refund_webhook_url);
}

void core::inject_fault(endpoint where, fault_kind kind, int count,
                        std::chrono::milliseconds hang)
{
    if (count <= 0) throw control_error(400, "count must be 1 or more");
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->faults.push_back({where, kind, count, hang});
}

void core::clear_faults()
{
    const std::lock_guard<std::mutex> lock(s_->m);
    s_->faults.clear();
}

void core::advance_clock(std::chrono::seconds by)
{
    s_->clock_offset += by.count();
}

std::vector<delivery> core::deliveries() const
{
    const std::lock_guard<std::mutex> lock(s_->m);
    return s_->done;
}

std::vector<payment_info> core::payments() const
{
    const std::lock_guard<std::mutex> lock(s_->m);
    std::vector<const stored_payment*> list;
    for (const auto& [ref, p] : s_->payments) list.push_back(&p);
    std::sort(list.begin(), list.end(),
              [](const stored_payment* a, const stored_payment* b) { return a->seq < b->seq; });
    std::vector<payment_info> out;
    for (const stored_payment* p : list) out.push_back(s_->info(*p));
    return out;
}

std::optional<payment_info> core::payment(std::string_view ref) const
{
    const std::lock_guard<std::mutex> lock(s_->m);
    if (const auto* p = s_->find(ref)) return s_->info(*p);
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Routing

namespace {

struct route_result {
    response r;
    std::string note; ///< for the log: the refusal's code and reason
};

std::string log_note(const response& r)
{
    if (r.drop) return "dropped (no answer)";
    std::string note = std::to_string(r.status);
    if (r.content_type == "application/json" && r.status >= 400) {
        boost::system::error_code ec;
        const json::value v = json::parse(r.body, ec);
        if (!ec && v.is_object()) {
            const auto& o = v.get_object();
            if (const auto* c = o.if_contains("status_code"); c && c->is_string())
                note += " " + std::string(c->get_string());
            if (const auto* c = o.if_contains("status_reason"); c && c->is_string())
                note += " " + std::string(c->get_string());
        }
        for (const auto& [name, value] : r.headers)
            if (name == "X-Stand-In-Reason") note += ": " + value;
    }
    return note;
}

} // namespace

namespace {

/// /_control/...: the in-process control API over HTTPS, for a process of its own (the demo).
response control_http(core& c, const request& r, const std::vector<std::string>& seg,
                      const query_params& q)
{
    (void)q;
    const std::string& method = r.method;
    const auto body_object = [&]() -> json::object {
        if (r.body.empty()) return {};
        std::string problem;
        auto o = parse_object(r.body, problem);
        if (!o) throw control_error(400, problem);
        return std::move(*o);
    };
    const auto ok = [](json::object o = {}) {
        if (o.empty()) o["ok"] = true;
        return json_answer(200, o);
    };
    const auto is = [&](std::initializer_list<std::string_view> shape) {
        if (seg.size() != shape.size()) return false;
        std::size_t i = 0;
        for (auto part : shape) {
            if (part != "*" && seg[i] != part) return false;
            ++i;
        }
        return true;
    };
    if (is({"_control", "payments"}) && method == "GET") {
        json::array list;
        for (const auto& p : c.payments()) list.push_back(to_json(p));
        json::object o;
        o["payments"] = std::move(list);
        return ok(std::move(o));
    }
    if (is({"_control", "payments", "*"}) && method == "GET") {
        const auto p = c.payment(seg[2]);
        if (!p) throw control_error(404, "no payment " + printable(seg[2], 80));
        return ok(to_json(*p));
    }
    if (seg.size() == 4 && seg[0] == "_control" && seg[1] == "payments" && method == "POST") {
        const std::string& ref = seg[2];
        const std::string& action = seg[3];
        if (action == "complete") c.complete_payment(ref);
        else if (action == "expire") c.expire_payment(ref);
        else if (action == "release") c.release_held(ref);
        else if (action == "delivery")
            c.set_delivery_options(ref, options_from(body_object(), c.delivery_options_of(ref)));
        else if (action == "multi-refund") {
            const json::object o = body_object();
            reader in(o);
            const auto allowed = in.optional_bool("allowed");
            if (!allowed) throw control_error(400, "allowed (a boolean) is a required field");
            c.set_multi_refund_allowed(ref, *allowed);
        } else return not_found();
        const auto p = c.payment(ref);
        return ok(to_json(*p));
    }
    if (is({"_control", "expire-overdue"}) && method == "POST") {
        json::object o;
        o["expired"] = c.expire_overdue();
        return ok(std::move(o));
    }
    if (is({"_control", "delivery"})) {
        if (method == "POST")
            c.set_delivery_options(
                options_from(body_object(), c.delivery_options_of(std::nullopt)));
        else if (method != "GET") return method_not_allowed("GET, POST");
        return ok(to_json(c.delivery_options_of(std::nullopt)));
    }
    if (is({"_control", "faults"})) {
        if (method == "DELETE") {
            c.clear_faults();
            return ok();
        }
        if (method != "POST") return method_not_allowed("POST, DELETE");
        const json::object o = body_object();
        reader in(o);
        const std::string where = in.required_string("endpoint");
        const std::string kind = in.required_string("kind");
        const auto count = in.integer("count", false, 1);
        const auto hang = in.integer("hang_ms", false, 0);
        if (in.problem) throw control_error(400, *in.problem);
        const auto e = endpoint_from_string(where);
        if (!e) throw control_error(400, "unknown endpoint " + printable(where, 64));
        const auto k = fault_kind_from_string(kind);
        if (!k) throw control_error(400, "kind must be bad_gateway, expired_jwt or drop");
        c.inject_fault(*e, *k, static_cast<int>(count.value_or(1)),
                       std::chrono::milliseconds(hang.value_or(0)));
        return ok();
    }
    if (is({"_control", "deliveries"}) && method == "GET") {
        json::array list;
        for (const auto& d : c.deliveries()) list.push_back(to_json(d));
        json::object o;
        o["idle"] = c.wait_idle(std::chrono::milliseconds(0));
        o["deliveries"] = std::move(list);
        return ok(std::move(o));
    }
    if (is({"_control", "clock"}) && method == "POST") {
        const json::object o = body_object();
        reader in(o);
        const auto by =
            in.integer("advance_seconds", true, std::numeric_limits<std::int64_t>::min());
        if (in.problem) throw control_error(400, *in.problem);
        c.advance_clock(std::chrono::seconds(*by));
        json::object out;
        out["now"] = rfc3339_utc(c.now());
        return ok(std::move(out));
    }
    if (is({"_control", "webhook-urls"}) && method == "POST") {
        const json::object o = body_object();
        reader in(o);
        const auto payment_url = in.optional_string("webhook_url");
        const auto refund_url = in.optional_string("refund_webhook_url");
        if (in.problem) throw control_error(400, *in.problem);
        c.set_webhook_urls(payment_url.value_or(""), refund_url.value_or(""));
        return ok();
    }
    return not_found();
}

} // namespace

response core::handle(const request& r)
{
    state& s = *s_;
    std::string_view target = r.target;
    const auto qmark = target.find('?');
    const std::string_view path = target.substr(0, qmark);
    const std::string_view query_text =
        qmark == std::string_view::npos ? std::string_view() : target.substr(qmark + 1);

    std::vector<std::string> seg;
    bool bad_path = path.empty() || path.front() != '/';
    if (!bad_path) {
        std::string_view rest = path.substr(1);
        while (true) {
            const auto slash = rest.find('/');
            auto decoded = percent_decode(rest.substr(0, slash), false);
            if (!decoded) {
                bad_path = true;
                break;
            }
            seg.push_back(std::move(*decoded));
            if (slash == std::string_view::npos) break;
            rest = rest.substr(slash + 1);
        }
    }
    const auto query = parse_query(query_text);

    const auto finish = [&](response out) {
        s.log(r.method + " " + printable(r.target, 200) + " -> " + log_note(out));
        return out;
    };
    if (bad_path || !query) {
        response out;
        out.status = 400;
        out.content_type = "text/plain; charset=utf-8";
        out.body = "400 bad request\n";
        return finish(std::move(out));
    }

    const auto is = [&](std::initializer_list<std::string_view> shape) {
        if (seg.size() != shape.size()) return false;
        std::size_t i = 0;
        for (auto part : shape) {
            if (part != "*" && seg[i] != part) return false;
            ++i;
        }
        return true;
    };

    if (!seg.empty() && seg[0] == "_control") {
        try {
            return finish(control_http(*this, r, seg, *query));
        } catch (const control_error& e) {
            json::object o;
            o["error"] = e.what();
            return finish(json_answer(static_cast<unsigned>(e.http_status()), o));
        }
    }

    // Which endpoint, with its method; then faults; then the endpoint itself under the lock.
    struct match {
        endpoint e;
        std::string_view method;
    };
    std::optional<match> m;
    const std::string& method = r.method;
    if (is({"api", "initiatePayment"})) m = match{endpoint::initiate_payment, "POST"};
    else if (is({"api", "merchant", "auth-token"})) m = match{endpoint::auth_token, "POST"};
    else if (is({"api", "refund", "*"}))
        m = method == "GET" ? match{endpoint::refund_list, "GET"} : match{endpoint::refund, "POST"};
    else if (is({"api", "transaction", "*", "status"}))
        m = match{endpoint::transaction_status, "GET"};
    else if (is({"api", "*", "transaction-details"}))
        m = match{endpoint::transaction_details, "POST"};
    else if (is({"api", "merchant", "*", "fetch-all-payments"}))
        m = match{endpoint::fetch_all_payments, "POST"};
    else if (is({"api", "paymentLink"})) m = match{endpoint::payment_link, "POST"};
    else if (is({"api", "merchant", "*", "paymentLink", "*", "status"}) ||
             is({"api", "paymentLink", "*", "fetch-status"}) ||
             is({"api", "paymentLink", "*", "status"}))
        m = match{endpoint::payment_link_status, "GET"};
    else if (is({"api", "paymentLink", "*", "status", "*"}))
        m = match{endpoint::payment_link_cancel, "PUT"};
    else if (is({"komoju", "pay", "*"})) m = match{endpoint::komoju_page, "GET"};

    if (!m) {
        // The shopper-facing pages that have no fault to inject.
        const std::lock_guard<std::mutex> lock(s.m);
        if (method == "GET" && is({"checkout"})) return finish(s.checkout_page(*query));
        if (method == "GET" && is({"checkout", "pay"})) return finish(s.checkout_pay(r, *query));
        if (method == "GET" && seg.size() == 3 && seg[0] == "komoju" &&
            (seg[1] == "instructions" || seg[1] == "receipt"))
            return finish(html(200, seg[1] == "receipt" ? "Receipt" : "How to pay",
                               "<p>KOMOJU payment " + html_escape(seg[2]) + "</p>"));
        if (method == "GET" && is({"komoju", "wellnet"}))
            return finish(html(200, "Wellnet", "<p>Pay at the store with this number.</p>"));
        if (method == "GET" && is({"komoju", "qr", "*"})) {
            response out;
            out.content_type = "image/svg+xml";
            out.body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
                       "<rect width=\"100\" height=\"100\" fill=\"#000\"/></svg>";
            return finish(std::move(out));
        }
        return finish(not_found());
    }
    if (method != m->method) return finish(method_not_allowed(m->method));

    const std::lock_guard<std::mutex> lock(s.m);
    if (auto f = s.take_fault(m->e)) return finish(std::move(*f));

    switch (m->e) {
    case endpoint::initiate_payment: return finish(s.initiate_payment(r));
    case endpoint::auth_token: return finish(s.auth_token(r));
    case endpoint::komoju_page: return finish(s.komoju_page(r, seg[2], *query));
    default: break;
    }
    // The server APIs: X-Portone-Client-Key and a JWT.
    if (auto bad = s.check_server_auth(r)) return finish(std::move(*bad));
    switch (m->e) {
    case endpoint::refund: return finish(s.refund(r, seg[2]));
    case endpoint::refund_list: return finish(s.refund_list(seg[2]));
    case endpoint::transaction_status: return finish(s.transaction_status(seg[2]));
    case endpoint::transaction_details:
        if (auto bad = s.check_path_key(seg[1])) return finish(std::move(*bad));
        return finish(s.transaction_details(r));
    case endpoint::fetch_all_payments:
        if (auto bad = s.check_path_key(seg[2])) return finish(std::move(*bad));
        return finish(s.fetch_all(r));
    case endpoint::payment_link: return finish(s.create_link(r));
    case endpoint::payment_link_status: {
        if (seg.size() == 6) { // /api/merchant/{key}/paymentLink/{merchant_order_id}/status
            if (auto bad = s.check_path_key(seg[2])) return finish(std::move(*bad));
            const auto it = s.link_by_merchant_ref.find(seg[4]);
            return finish(s.link_status(
                it == s.link_by_merchant_ref.end() ? nullptr : &s.links.at(it->second), seg[4]));
        }
        if (seg[3] == "fetch-status") { // /api/paymentLink/{payment_link_ref}/fetch-status
            const auto it = s.links.find(seg[2]);
            return finish(s.link_status(it == s.links.end() ? nullptr : &it->second, seg[2]));
        }
        // (Deprecated) /api/paymentLink/{merchant order id of the link}/status
        const auto it = s.link_by_merchant_ref.find(seg[2]);
        return finish(s.link_status(
            it == s.link_by_merchant_ref.end() ? nullptr : &s.links.at(it->second), seg[2]));
    }
    case endpoint::payment_link_cancel: return finish(s.cancel_link(seg[2], seg[4]));
    default: return finish(not_found());
    }
}

// ---------------------------------------------------------------------------------------------
// server: the control calls (start, stop and the rest are in net.cpp)

void server::complete_payment(std::string_view ref) { core_->complete_payment(ref); }
void server::expire_payment(std::string_view ref) { core_->expire_payment(ref); }
int server::expire_overdue() { return core_->expire_overdue(); }
void server::release_held(std::string_view ref) { core_->release_held(ref); }
void server::set_delivery_options(const delivery_options& options)
{
    core_->set_delivery_options(options);
}
void server::set_delivery_options(std::string_view ref, const delivery_options& options)
{
    core_->set_delivery_options(ref, options);
}
void server::set_multi_refund_allowed(std::string_view ref, bool allowed)
{
    core_->set_multi_refund_allowed(ref, allowed);
}
void server::set_webhook_urls(std::string payment_webhook_url, std::string refund_webhook_url)
{
    core_->set_webhook_urls(std::move(payment_webhook_url), std::move(refund_webhook_url));
}
void server::inject_fault(endpoint where, fault_kind kind, int count,
                          std::chrono::milliseconds hang)
{
    core_->inject_fault(where, kind, count, hang);
}
void server::clear_faults() { core_->clear_faults(); }
void server::advance_clock(std::chrono::seconds by) { core_->advance_clock(by); }
time_point server::now() const { return core_->now(); }
std::vector<delivery> server::deliveries() const { return core_->deliveries(); }
std::vector<payment_info> server::payments() const { return core_->payments(); }
std::optional<payment_info> server::payment(std::string_view ref) const
{
    return core_->payment(ref);
}
bool server::wait_idle(std::chrono::milliseconds timeout) const
{
    return core_->wait_idle(timeout);
}

} // namespace portone_stand_in
