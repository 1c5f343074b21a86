// SPDX-License-Identifier: BSL-1.0
// PortOne's error bodies and parse_response: refusals (with HTTP 4xx/5xx, and with HTTP 200),
// unreadable answers, status-code series, and the envelope of query answers.
//
// Also defines reader_rules::check_all, the checks every reader of PortOne's JSON must pass (not
// JSON, truncated, wrong types, missing fields, invalid UTF-8, limits, duplicate keys), which the
// refund and transaction-query tests run on their readers too.
#include "fixtures.hpp"

#include <portone/komoju.hpp>
#include <portone/protocol/api_error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using portone::errc;

namespace reader_rules {

// fields, parser and check_all are declared in fixtures.hpp.
using fixtures::body_of;
using fixtures::replaced;

namespace {

using fixtures::without;

bool contains(const std::vector<std::string>& list, std::string_view s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

portone::error rejected(const parser& parse, std::string_view body,
                        const portone::json::read_limits& limits = {})
{
    const auto e = parse(body, limits);
    INFO(body);
    REQUIRE(e.has_value());
    return *e;
}

/// JSON values of another type than `value` (a JSON text): the wrong types to try for its key.
std::vector<std::string> other_types(const std::string& value)
{
    const char c = value.front();
    std::vector<std::string> out;
    if (c != '"') out.push_back("\"42\"");
    if (c != '-' && (c < '0' || c > '9')) out.push_back("42");
    if (c != 't' && c != 'f') out.push_back("true");
    if (c != '[') out.push_back("[1]");
    if (c != '{') out.push_back("{\"a\":1}");
    return out;
}

} // namespace

void check_all(const parser& parse, const fields& valid, std::string_view at,
               const std::function<std::string(const std::string&)>& wrap,
               const std::vector<std::string>& required, const std::vector<std::string>& any_type)
{
    const std::string at_key = std::string(at) + '/';
    const auto body_with = [&](const fields& f) { return wrap ? wrap(body_of(f)) : body_of(f); };
    const std::string body = body_with(valid);
    {
        INFO(body);
        REQUIRE_FALSE(parse(body, {}).has_value());
        // And as it arrives: a view into the response's buffer, with more bytes after it.
        std::string buffer;
        REQUIRE_FALSE(parse(fixtures::in_response(buffer, body), {}).has_value());
    }

    // Not JSON, and not an object.
    for (const char* text : {"", "   ", "refund_status=SUCCESS", "{", "{\"a\":1,}", "{'a':1}",
                             "{\"a\":1 /* note */}", "<html>502</html>"})
        CHECK(rejected(parse, text).code == errc::invalid_json);
    for (const char* text : {"[]", "null", "42", "\"x\"", "true"}) {
        const auto e = rejected(parse, text);
        CHECK(e.code == errc::wrong_type);
        CHECK(e.where == "");
    }
    // Truncated anywhere, or followed by more data.
    for (std::size_t n = 0; n < body.size(); ++n)
        CHECK(rejected(parse, std::string_view(body).substr(0, n)).code == errc::invalid_json);
    CHECK(rejected(parse, body + "{}").code == errc::invalid_json);

    // A wrong type for each field.
    for (const auto& [key, value] : valid) {
        if (contains(any_type, key)) continue;
        for (const std::string& wrong : other_types(value)) {
            INFO(key << " = " << wrong);
            const auto e = rejected(parse, body_with(replaced(valid, key, wrong)));
            CHECK(e.code == errc::wrong_type);
            CHECK(e.where == at_key + key);
        }
    }
    // Each required field missing, with its path in the message; nothing else is required.
    for (const auto& [key, value] : valid) {
        INFO(key);
        const std::string without_key = body_with(without(valid, key));
        if (!contains(required, key)) {
            CHECK_FALSE(parse(without_key, {}).has_value());
            continue;
        }
        const auto e = rejected(parse, without_key);
        CHECK(e.code == errc::missing_field);
        CHECK(e.where == at_key + key);
        CHECK(e.message.find('"' + at_key + key + '"') != std::string::npos);
    }
    for (const std::string& key : required) {
        bool listed = false;
        for (const auto& kv : valid) listed = listed || kv.first == key;
        CHECK(listed); // the fixture has every required field
    }
    // A key twice, whichever it is.
    for (const auto& [key, value] : valid) {
        fields twice = valid;
        twice.emplace_back(key, value);
        const auto e = rejected(parse, body_with(twice));
        INFO(key);
        CHECK(e.code == errc::duplicate_key);
        CHECK(e.where == at_key + key);
    }
    // Invalid UTF-8, in a known string field and in an unknown key.
    for (const auto& [key, value] : valid) {
        if (value.front() != '"' || contains(any_type, key)) continue;
        const auto e = rejected(parse, body_with(replaced(valid, key, "\"bad \xC3\x28 byte\"")));
        CHECK(e.code == errc::invalid_json);
        CHECK(e.where == at_key + key);
        break;
    }
    fields more = valid;
    more.emplace_back("note", "\"\xFF\"");
    auto e = rejected(parse, body_with(more));
    CHECK(e.code == errc::invalid_json);
    CHECK(e.where == at_key + "note");
    // Over the size limit: a small one, and the default 64 KiB.
    portone::json::read_limits tiny;
    tiny.max_body_size = 10;
    CHECK(rejected(parse, body, tiny).code == errc::limit_exceeded);
    more = valid;
    more.emplace_back("note", '"' + std::string(64 * 1024, 'x') + '"');
    CHECK(rejected(parse, body_with(more)).code == errc::limit_exceeded);
    // Nested too deeply (inside an unknown key: depth is limited everywhere).
    std::string deep = "1";
    for (int i = 0; i < 40; ++i) deep = "[" + deep + "]";
    more = valid;
    more.emplace_back("deep", deep);
    e = rejected(parse, body_with(more));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where.rfind(at_key + "deep/0/0", 0) == 0);
    // Unknown keys are accepted (each reader's own tests check that they are kept).
    more = valid;
    more.emplace_back("added_later", "{\"a\":[1,{\"b\":null}]}");
    CHECK_FALSE(parse(body_with(more), {}).has_value());

    // Deeper than the reader ever goes, even when the caller raises the limit: an error, never a
    // stack overflow (json::max_safe_depth).
    portone::json::read_limits unbounded;
    unbounded.max_depth = std::size_t(-1);
    unbounded.max_body_size = std::size_t(-1);
    more = valid;
    more.emplace_back("deep", std::string(100'000, '[') + std::string(100'000, ']'));
    e = rejected(parse, body_with(more), unbounded);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.message.find("256 levels") != std::string::npos);

    // Numbers that are not JSON numbers, in every field: the body is not JSON, whatever the
    // field would have made of the digits read before the parser stopped (0500 is not zero).
    for (const auto& [key, value] : valid) {
        for (const char* number : {"0500", "0x1F4", "-05", "00", "1.", ".5", "1e", "1e+", "+1",
                                   "NaN", "Infinity", "-", "5000abc", "0500.0"}) {
            INFO(key << " = " << number);
            const auto bad = rejected(parse, body_with(replaced(valid, key, number)));
            CHECK(bad.code == errc::invalid_json);
            CHECK(bad.where == at_key + key);
            fixtures::check_safe_message(bad);
        }
    }
    // A body that stops being JSON after a value the reader refused is reported as not JSON.
    for (const auto& [key, value] : valid) {
        const std::string broken = body_with(replaced(valid, key, "[true]")) + "x";
        INFO(broken);
        CHECK(rejected(parse, broken).code == errc::invalid_json);
    }

    // Hostile text in every field, and as a repeated unknown key: whatever the reader makes of
    // it, an error's message is safe to log (fixtures::check_safe_message).
    const auto json_string = [](std::string_view text) {
        std::string out = "\"";
        for (const char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c; // bytes that are not UTF-8 stay as they are: the body is not JSON
            }
        }
        return out + '"';
    };
    for (const std::string& text : fixtures::hostile_texts()) {
        INFO(portone::quoted(text));
        const std::string hostile = json_string(text);
        for (const auto& [key, value] : valid) {
            if (const auto bad = parse(body_with(replaced(valid, key, hostile)), {}))
                fixtures::check_safe_message(*bad);
        }
        fields twice = valid;
        twice.emplace_back(text, "1");
        twice.emplace_back(text, "2");
        for (auto& kv : twice)
            if (kv.first == text) kv.first = hostile.substr(1, hostile.size() - 2);
        const auto bad = rejected(parse, body_with(twice));
        fixtures::check_safe_message(bad);
    }
}

} // namespace reader_rules

void fixtures::check_same_error(const portone::error& a, const portone::error& b)
{
    CHECK(a.code == b.code);
    CHECK(a.where == b.where);
    CHECK(a.message == b.message);
}

using fixtures::body_of;
using fixtures::fields;
using fixtures::replaced;

namespace {

// PortOne's documented error bodies: the JWT page's HTTP 401, transaction-details' HTTP 400.
constexpr std::string_view jwt_error =
    R"({"message":"The JWT Token or header is invalid or expired!","status_code":"4054",)"
    R"("status_reason":"INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR"})";
constexpr std::string_view not_found_error =
    R"({"message":"Transaction record with given reference not found","status_code":"4096",)"
    R"("status_reason":"INVALID_REFERENCE"})";

/// A value read by parse_response in these tests.
struct order_status {
    std::string order_ref;
    std::string status;
};

const fields error_fields = {
    {"message", "\"The JWT Token or header is invalid or expired!\""},
    {"status_code", "\"4054\""},
    {"status_reason", "\"INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR\""},
    {"status_message", "\"INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR\""},
};

using envelope = portone::api_envelope<order_status>;

portone::api_result<envelope> parse_envelope(int http_status, std::string_view body)
{
    return portone::parse_response<envelope>(http_status, body);
}

PORTONE_DESCRIBE(order_status, order_ref, status);

} // namespace

TEST_CASE("api error: the JWT error body, read on its own")
{
    const auto r = portone::parse_api_error(jwt_error);
    REQUIRE(r.has_value());
    CHECK(r->status_code.text == "4054");
    CHECK(r->status_code.number == 4054);
    CHECK(r->status_code.series == portone::status_series::validation);
    CHECK(r->status_reason == "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(r->message == "The JWT Token or header is invalid or expired!");
    CHECK_FALSE(r->status_message.has_value());
    CHECK(r->reason() == "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(r->extra_fields.empty());
}

TEST_CASE("api error: read as it arrives, a view into the HTTP response's buffer")
{
    // The body as a view into the response's buffer (headers before it, more bytes after it
    // that are not JSON): read to exactly its values, and nothing past its end.
    std::string buffer;
    const auto r = portone::parse_api_error(fixtures::in_response(buffer, body_of(error_fields)));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    // The same values as the body read on its own, which are these.
    const auto exact = portone::parse_api_error(body_of(error_fields));
    REQUIRE(exact.has_value());
    CHECK(*r == *exact);
    CHECK(r->status_code.number == 4054);
    CHECK(r->status_message == "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(r->message == "The JWT Token or header is invalid or expired!");

    // The same body read by parse_response: a refusal with those values.
    const auto refused =
        parse_envelope(401, fixtures::in_response(buffer, std::string(not_found_error)));
    REQUIRE_FALSE(refused.has_value());
    REQUIRE(refused.error().refusal.has_value());
    CHECK(refused.error().refusal->status_code.number == 4096);
    CHECK(refused.error().refusal->reason() == "INVALID_REFERENCE");
    CHECK(refused.error().refusal->message == "Transaction record with given reference not found");
}

TEST_CASE("api error: a refusal keeps PortOne's body, its HTTP status and a sentence")
{
    const auto r = parse_envelope(401, jwt_error);
    REQUIRE_FALSE(r.has_value());
    const portone::api_failure& f = r.error();
    CHECK(f.http_status == 401);
    REQUIRE(f.refusal.has_value());
    CHECK(f.refusal->status_code.number == 4054);
    CHECK(f.refusal->reason() == "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR");
    CHECK(f.code == errc::api_error);
    CHECK(f.where == "/status_code");
    CHECK(f.message ==
          "PortOne refused the request (HTTP 401, status_code \"4054\", validation error, "
          "\"INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR\"): \"The JWT Token or header is invalid or "
          "expired!\"");
    // It is a portone::error too.
    const portone::error& as_error = f;
    CHECK(as_error.code == errc::api_error);
    // value() throws error_exception with that error.
    try {
        (void)r.value();
        FAIL("value() did not throw");
    } catch (const portone::error_exception& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0] == as_error);
    }
}

TEST_CASE("api error: the not-found body, with HTTP 400 and with HTTP 200")
{
    for (const int http : {400, 200}) {
        INFO(http);
        const auto r = parse_envelope(http, not_found_error);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == http);
        REQUIRE(r.error().refusal.has_value());
        CHECK(r.error().refusal->status_code.number == 4096);
        CHECK(r.error().refusal->reason() == "INVALID_REFERENCE");
        CHECK(r.error().refusal->message == "Transaction record with given reference not found");
        CHECK(r.error().code == errc::api_error);
    }
}

TEST_CASE("api error: status_message instead of status_reason, and unknown keys, are kept")
{
    // The refund API's own HTTP 400 example spells the reason status_message.
    const auto r = parse_envelope(
        400, R"({"message":"Merchant already exists","status_code":"4042",)"
             R"("status_message":"MERCHANT_ALREADY_EXISTS","is_success":false,"hint":{"a":[1]}})");
    REQUIRE_FALSE(r.has_value());
    const auto& no = r.error().refusal;
    REQUIRE(no.has_value());
    CHECK_FALSE(no->status_reason.has_value());
    CHECK(no->status_message == "MERCHANT_ALREADY_EXISTS");
    CHECK(no->reason() == "MERCHANT_ALREADY_EXISTS");
    REQUIRE(no->extra_fields.size() == 2);
    CHECK(no->extra_fields[0].key == "is_success");
    CHECK(no->extra_fields[0].value.text == "false");
    CHECK(no->extra_fields[1].key == "hint");
    CHECK(no->extra_fields[1].value.text == R"({"a":[1]})");
    // Only status_code is needed to be an error body; the message then has no reason part.
    const auto bare = parse_envelope(500, R"({"status_code":"5000"})");
    REQUIRE(bare.error().refusal.has_value());
    CHECK(bare.error().refusal->reason().empty());
    CHECK(bare.error().message ==
          "PortOne refused the request (HTTP 500, status_code \"5000\", system error)");
}

TEST_CASE("api error: each status_code series")
{
    using portone::status_series;
    struct code {
        const char* text;
        status_series series;
    };
    for (const code c : {code{"1000", status_series::pending},
                         code{"4001", status_series::validation},
                         code{"4070", status_series::validation},
                         code{"4081", status_series::validation},
                         code{"5024", status_series::system},
                         code{"6001", status_series::bank_or_card},
                         code{"7000", status_series::customer},
                         code{"8001", status_series::psp},
                         code{"9999", status_series::unknown},
                         code{"E42", status_series::unknown}}) {
        INFO(c.text);
        const auto r = parse_envelope(
            422, R"({"status_code":")" + std::string(c.text) + R"(","status_reason":"X"})");
        REQUIRE(r.error().refusal.has_value());
        CHECK(r.error().refusal->status_code.series == c.series);
        CHECK(r.error().message.find(to_string(c.series)) != std::string::npos);
    }
}

TEST_CASE("api response: success values, and which HTTP statuses are successes")
{
    const std::string ok = R"({"content":{"order_ref":"2abcDEF","status":"Success"},)"
                           R"("status_code":"2000","status_reason":"SUCCESS","message":"",)"
                           R"("trace":"t-1"})";
    for (const int http : {200, 201, 204, 299}) {
        const auto r = parse_envelope(http, ok);
        REQUIRE(r.has_value());
        CHECK(r->content.order_ref == "2abcDEF");
        CHECK(r->content.status == "Success");
        CHECK(r->status_code->series == portone::status_series::success);
        CHECK(r->status_reason == "SUCCESS");
        CHECK(r->message == "");
        REQUIRE(r->extra_fields.size() == 1);
        CHECK(r->extra_fields[0].key == "trace");
    }
    // Any other status is a failure, even with a success body: the HTTP status decides. The body
    // is then read as PortOne's error body; this one has a status_code, so it is a refusal, and
    // its content is kept in extra_fields.
    for (const int http : {0, 100, 199, 301, 304, 400, 401, 404, 429, 500, 502, 503, 600, -1}) {
        INFO(http);
        const auto r = parse_envelope(http, ok);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == http);
        REQUIRE(r.error().refusal.has_value());
        CHECK(r.error().refusal->status_code.text == "2000");
        REQUIRE(r.error().refusal->extra_fields.find("content") != nullptr);
    }
    // The envelope's own fields are optional; content is required.
    const auto minimal = parse_envelope(200, R"({"content":{"order_ref":"r","status":"s"}})");
    REQUIRE(minimal.has_value());
    CHECK_FALSE(minimal->status_code.has_value());
}

TEST_CASE("api response: unreadable answers say why, and where")
{
    // HTTP 200 whose body is neither the value nor a refusal.
    auto r = parse_envelope(200, R"({"status_code":"2000","status_reason":"SUCCESS"})");
    REQUIRE_FALSE(r.has_value());
    CHECK_FALSE(r.error().refusal.has_value());
    CHECK(r.error().code == errc::missing_field);
    CHECK(r.error().where == "/content");
    CHECK(r.error().http_status == 200);
    r = parse_envelope(200, R"({"content":{"order_ref":"r","status":7},"status_code":"2000"})");
    CHECK(r.error().code == errc::wrong_type);
    CHECK(r.error().where == "/content/status");
    CHECK(r.error().message == "\"/content/status\" must be a string, not a number");
    // A status_code that is not a failure does not make a refusal out of a broken body.
    r = parse_envelope(200, R"({"status_code":"1000"})");
    CHECK(r.error().code == errc::missing_field);
    r = parse_envelope(200, R"({"status_code":"abc"})");
    CHECK(r.error().code == errc::missing_field);
    r = parse_envelope(204, "");
    CHECK(r.error().code == errc::invalid_json);

    // A failure whose body is not PortOne's error body: a proxy's page, or JSON without a code.
    r = parse_envelope(502, "<html><body>Bad Gateway</body></html>");
    CHECK_FALSE(r.error().refusal.has_value());
    CHECK(r.error().http_status == 502);
    CHECK(r.error().code == errc::invalid_json);
    CHECK(r.error().message.rfind("PortOne answered HTTP 502 without a readable error body: ", 0) ==
          0);
    r = parse_envelope(404, R"({"message":"Not Found"})");
    CHECK_FALSE(r.error().refusal.has_value());
    CHECK(r.error().code == errc::missing_field);
    CHECK(r.error().where == "/status_code");
    r = parse_envelope(401, R"({"status_code":4054})");
    CHECK(r.error().code == errc::wrong_type);
    CHECK(r.error().where == "/status_code");
}

TEST_CASE("api response: PortOne's text in messages is quoted and cut")
{
    const std::string long_message(500, 'x');
    const auto r = parse_envelope(
        400, R"({"status_code":"4001","status_reason":"A\nB","message":")" + long_message + "\"}");
    REQUIRE(r.error().refusal.has_value());
    CHECK(r.error().refusal->message == long_message); // kept whole in the body
    CHECK(r.error().message.find("\"A\\u{0A}B\"") != std::string::npos); // escaped, one line
    CHECK(r.error().message.size() < 200);
}

TEST_CASE("api error body: the reader rules")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r = portone::parse_api_error(body, limits); !r) return r.error();
            return std::nullopt;
        },
        error_fields, "", nullptr, {"status_code"}, {});
}

TEST_CASE("api envelope: the reader rules for the envelope's own fields")
{
    const fields envelope_fields = {
        {"content", R"({"order_ref":"2abcDEF","status":"Success"})"},
        {"status_code", "\"2000\""},
        {"status_reason", "\"SUCCESS\""},
        {"message", "\"\""},
    };
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            auto r = portone::parse_response<envelope>(200, body, limits);
            if (r) return std::nullopt;
            CHECK_FALSE(r.error().refusal.has_value());
            return r.error();
        },
        envelope_fields, "", nullptr, {"content"}, {});
}
