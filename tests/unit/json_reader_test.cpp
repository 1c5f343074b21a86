// SPDX-License-Identifier: BSL-1.0
// The JSON reader (json/reader.hpp) on structs described for these tests: every member type, the
// policies (unknown keys, duplicates, limits, null), and every kind of bad input, with the JSON
// Pointer each error must carry.
#include "fixtures.hpp"

#include <portone/json/reader.hpp>

#include <catch2/catch.hpp>

#include <portone/json/detail/whole_number.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <pthread.h>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

using namespace portone::literals;
namespace pj = portone::json;
using portone::errc;

namespace reader_test {

struct item {
    std::string name;
    std::optional<portone::yen> price;
};

struct order {
    portone::yen amount = 1_yen;
    std::string id;
    std::optional<std::string> note;
    bool paid = false;
    std::optional<bool> gift;
    std::int64_t count = 0;
    std::optional<std::int64_t> rank;
    item first;
    std::optional<item> second;
    std::optional<pj::raw_json> any;
};

struct open_order {
    std::string id;
    pj::extra_fields extra_fields;
};

/// A member type with a conversion of its own: "A".."Z" only.
struct letter {
    char value = 0;
    friend bool operator==(letter, letter) = default;
};

struct lettered {
    letter grade;
    std::optional<letter> bonus;
};

/// Arrays: of objects (which hold arrays of objects themselves), of strings and of every other
/// element type.
struct refund_detail {
    std::string id;
    portone::yen amount = 1_yen;
    std::optional<std::vector<item>> parts;
};

struct refund_list {
    std::vector<refund_detail> refundDetails;
    std::vector<std::string> tags;
    std::optional<std::vector<std::int64_t>> counts;
    std::optional<std::vector<bool>> flags;
    std::optional<std::vector<portone::yen>> amounts;
    std::optional<std::vector<letter>> letters;
    std::optional<std::vector<pj::raw_json>> raws;
    std::optional<std::vector<std::vector<item>>> pages;
    std::optional<std::string> note;
};

/// Read from an object whose "kind" may come last (conversion_source::object): a circle needs the
/// parser (an amount), a label is taken from the members as they are.
struct circle {
    std::string kind;
    portone::yen radius = 1_yen;
    std::optional<std::string> label;
    friend bool operator==(const circle&, const circle&) = default;
};

struct label_shape {
    std::string kind;
    std::optional<std::string> text;
    std::optional<bool> bold;
    std::optional<pj::raw_json> style;
    std::optional<letter> grade;
    std::optional<pj::raw_json> note;
    pj::extra_fields extra_fields;
    friend bool operator==(const label_shape&, const label_shape&) = default;
};

struct shape {
    std::variant<circle, label_shape, std::string> value; ///< std::string: another kind, as JSON
};

struct drawing {
    shape main;
    std::optional<shape> extra;
    std::optional<std::vector<shape>> more;
};

/// A shape whose owner says first what it will be (`hint`): its conversion guesses the struct
/// from the hint and has the object streamed into it (conversion `stream` and `streamed`),
/// counting what the reader asks of it.
struct guessed_shape {
    std::variant<circle, label_shape, std::string> value;
    friend bool operator==(const guessed_shape&, const guessed_shape&) = default;
};

struct hinted_drawing {
    std::optional<std::string> hint;
    std::optional<guessed_shape> main;
    std::optional<std::string> after;
};

struct guess_calls {
    int stream = 0, right = 0, wrong = 0, convert = 0;
};
inline guess_calls calls;

} // namespace reader_test

namespace reader_test {
PORTONE_DESCRIBE(item, name, price);
PORTONE_DESCRIBE(order, amount, id, note, paid, gift, count, rank, first, second, any);
PORTONE_DESCRIBE(open_order, id, extra_fields);
PORTONE_DESCRIBE(lettered, grade, bonus);
PORTONE_DESCRIBE(refund_detail, id, amount, parts);
PORTONE_DESCRIBE(refund_list, refundDetails, tags, counts, flags, amounts, letters, raws, pages,
                 note);
PORTONE_DESCRIBE(circle, kind, radius, label);
PORTONE_DESCRIBE(label_shape, kind, text, bold, style, grade, note, extra_fields);
PORTONE_DESCRIBE(drawing, main, extra, more);
PORTONE_DESCRIBE(hinted_drawing, hint, main, after);
} // namespace reader_test

template <>
struct portone::json::conversion<reader_test::shape> {
    static constexpr conversion_source source = conversion_source::object;
    static result<reader_test::shape> convert(const object_view& object, std::string_view where)
    {
        const object_member* kind = object.find("kind");
        if (kind == nullptr || kind->type != json_type::string)
            return error{errc::invalid_value, std::string(where), "no kind"};
        if (kind->text == "circle") {
            auto c = read<reader_test::circle>(object, where);
            if (!c) return c.error();
            return reader_test::shape{std::move(*c)};
        }
        if (kind->text == "label") {
            auto l = read<reader_test::label_shape>(object, where);
            if (!l) return l.error();
            return reader_test::shape{std::move(*l)};
        }
        return reader_test::shape{compact_text(object)};
    }
};

template <>
struct portone::json::conversion<reader_test::guessed_shape> {
    static constexpr conversion_source source = conversion_source::object;
    static result<reader_test::guessed_shape> convert(const object_view& object,
                                                      std::string_view where)
    {
        ++reader_test::calls.convert;
        auto shape = conversion<reader_test::shape>::convert(object, where);
        if (!shape) return shape.error();
        return reader_test::guessed_shape{std::move(shape->value)};
    }
    static streamed_object stream(const reader_test::hinted_drawing& owner,
                                  reader_test::guessed_shape& value)
    {
        ++reader_test::calls.stream;
        if (owner.hint == "circle") return stream_into(value.value.emplace<reader_test::circle>());
        if (owner.hint == "label")
            return stream_into(value.value.emplace<reader_test::label_shape>());
        return {};
    }
    static bool streamed(reader_test::guessed_shape& value)
    {
        const bool right = std::visit(
            [](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, reader_test::circle>)
                    return v.kind == "circle";
                else if constexpr (std::is_same_v<std::decay_t<decltype(v)>,
                                                  reader_test::label_shape>)
                    return v.kind == "label";
                else
                    return false;
            },
            value.value);
        ++(right ? reader_test::calls.right : reader_test::calls.wrong);
        return right;
    }
};

template <>
struct portone::json::conversion<reader_test::letter> {
    static constexpr conversion_source source = conversion_source::string;
    static result<reader_test::letter> convert(std::string_view text, std::string_view where)
    {
        if (text.size() != 1 || text[0] < 'A' || text[0] > 'Z')
            return error{errc::invalid_value, std::string(where), "not a letter"};
        return reader_test::letter{text[0]};
    }
};

namespace {

using reader_test::order;

const std::string minimal =
    R"({"amount":500,"id":"A-1","paid":true,"count":3,"first":{"name":"tea"}})";

/// `minimal` with `member` (a `"key":value` text) added at the end of the top-level object.
std::string with(std::string_view member)
{
    std::string body = minimal;
    body.pop_back();
    body += ',';
    body += member;
    body += '}';
    return body;
}

template <class T = order>
portone::error error_of(std::string_view body, const pj::read_limits& limits = {})
{
    auto r = pj::read<T>(body, limits);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

/// `body` reads as a T, and every prefix of it is invalid_json (never a crash).
template <class T = order>
void check_every_truncation(std::string_view body)
{
    REQUIRE(pj::read<T>(body).has_value());
    for (std::size_t n = 0; n < body.size(); ++n) {
        const auto r = pj::read<T>(body.substr(0, n));
        INFO("prefix of " << n << " bytes");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_json);
    }
}

#define CHECK_ERROR(body, code_, where_)                                                           \
    do {                                                                                           \
        const auto e_ = error_of(body);                                                            \
        INFO("body: " << (body) << "\nmessage: " << e_.message);                                  \
        CHECK(e_.code == (code_));                                                                 \
        CHECK(e_.where == (where_));                                                               \
        CHECK_FALSE(e_.message.empty());                                                           \
    } while (false)

} // namespace

TEST_CASE("reader: every member type")
{
    const auto r = pj::read<order>(
        R"({ "amount" : 5000, "id":"A-1", "note":"緑茶", "paid":false, "gift":true, "count":-7,
             "rank":42, "first":{"name":"tea","price":300}, "second":{"name":"cup"},
             "any":{"a" : [1, 2.50, "x", null, true, {}], "b":{"c":[]}} })");
    REQUIRE(r.has_value());
    CHECK(r->amount == 5000_yen);
    CHECK(r->id == "A-1");
    CHECK(r->note == "緑茶");
    CHECK(r->paid == false);
    CHECK(r->gift == true);
    CHECK(r->count == -7);
    CHECK(r->rank == 42);
    CHECK(r->first.name == "tea");
    CHECK(r->first.price == 300_yen);
    REQUIRE(r->second.has_value());
    CHECK(r->second->name == "cup");
    CHECK_FALSE(r->second->price.has_value());
    REQUIRE(r->any.has_value());
    // Compact: whitespace gone, numbers as written.
    CHECK(r->any->text == R"({"a":[1,2.50,"x",null,true,{}],"b":{"c":[]}})");
}

TEST_CASE("reader: optional members absent or null are empty")
{
    auto r = pj::read<order>(minimal);
    REQUIRE(r.has_value());
    CHECK_FALSE(r->note.has_value());
    CHECK_FALSE(r->gift.has_value());
    CHECK_FALSE(r->rank.has_value());
    CHECK_FALSE(r->second.has_value());
    CHECK_FALSE(r->any.has_value());

    r = pj::read<order>(with(R"("note":null,"gift":null,"rank":null,"second":null)"));
    REQUIRE(r.has_value());
    CHECK_FALSE(r->note.has_value());
    CHECK_FALSE(r->gift.has_value());
    CHECK_FALSE(r->rank.has_value());
    CHECK_FALSE(r->second.has_value());

    // raw_json keeps every value, null included.
    r = pj::read<order>(with(R"("any":null)"));
    REQUIRE(r.has_value());
    REQUIRE(r->any.has_value());
    CHECK(r->any->text == "null");
}

TEST_CASE("reader: raw values of every JSON type are kept as compact text")
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"1", "1"},
        {"-0.5e-3", "-0.5e-3"},
        {"18446744073709551615", "18446744073709551615"},
        {R"("a\"b\\c\n\u00e9\u65e5")", "\"a\\\"b\\\\c\\n\xC3\xA9\xE6\x97\xA5\""},
        {"true", "true"},
        {"false", "false"},
        {"[ ]", "[]"},
        {"{ }", "{}"},
        {R"([ {"k" : [ [ ], { } ] } , 2 ])", R"([{"k":[[],{}]},2])"},
    };
    for (const auto& [in, out] : cases) {
        INFO(in);
        const auto r = pj::read<order>(with("\"any\":" + in));
        REQUIRE(r.has_value());
        REQUIRE(r->any.has_value());
        CHECK(r->any->text == out);
        // The kept text reads back to itself.
        const auto again = pj::read<order>(with("\"any\":" + r->any->text));
        REQUIRE(again.has_value());
        CHECK(again->any->text == out);
    }
}

TEST_CASE("reader: escaped keys and strings (delivered in parts) are read whole")
{
    // Boost.JSON hands escaped strings and keys to the handler in several parts.
    const auto r = pj::read<order>(
        R"({"am\u006Funt":500,"\u0069d":"A\u002D1","no\u0074e":"\u7dd1\u8336 \"x\" \\ / end",)"
        R"("paid":true,"count":3,"first":{"n\u0061me":"t\u0065a"}})");
    REQUIRE(r.has_value());
    CHECK(r->amount == 500_yen);
    CHECK(r->id == "A-1");
    CHECK(r->note == "緑茶 \"x\" \\ / end");
    CHECK(r->first.name == "tea");

    const std::string long_text(5000, 'x');
    const auto l = pj::read<order>(with("\"note\":\"" + long_text + "\\n" + long_text + "\""));
    REQUIRE(l.has_value());
    CHECK(l->note == long_text + "\n" + long_text);
}

TEST_CASE("reader: amounts")
{
    struct good {
        const char* value;
        std::int64_t yen;
    };
    for (const good g : {good{"500", 500}, good{"500.0", 500}, good{"5e2", 500},
                         good{"500.000", 500}, good{"1", 1}, good{"9999999", 9'999'999},
                         good{"50000000000000000000e-17", 500}, good{"0.5e3", 500},
                         good{"5.00E+2", 500}}) {
        INFO(g.value);
        std::string body = minimal;
        body.replace(body.find("500"), 3, g.value);
        const auto r = pj::read<order>(body);
        REQUIRE(r.has_value());
        CHECK(r->amount.minor_units() == g.yen);
        const auto n = pj::read<order>(
            with(std::string(R"("second":{"name":"x","price":)") + g.value + "}"));
        REQUIRE(n.has_value());
        CHECK(n->second->price->minor_units() == g.yen);
    }
    struct bad {
        const char* value;
        errc code;
    };
    // Fractions a double would lose (500.0000000000001 is 500.0 as a double) are still fractions.
    for (const bad b : {bad{"500.5", errc::invalid_value}, bad{"0.1", errc::invalid_value},
                        bad{"500.0000000000001", errc::invalid_value},
                        bad{"499.99999999999999", errc::invalid_value},
                        bad{"50000000000000000001e-17", errc::invalid_value},
                        bad{"1e-400", errc::invalid_value},
                        bad{"-1", errc::amount_not_positive}, bad{"0", errc::amount_not_positive},
                        bad{"-0.0", errc::amount_not_positive},
                        bad{"-1e30", errc::amount_not_positive},
                        bad{"10000000", errc::amount_too_large},
                        bad{"1e30", errc::amount_too_large},
                        bad{"18446744073709551615", errc::amount_too_large},
                        bad{"\"500\"", errc::wrong_type}, bad{"true", errc::wrong_type},
                        bad{"{}", errc::wrong_type}, bad{"[500]", errc::wrong_type}}) {
        std::string body = minimal;
        body.replace(body.find("500"), 3, b.value);
        CHECK_ERROR(body, b.code, "/amount");
        CHECK_ERROR(with(std::string(R"("second":{"name":"x","price":)") + b.value + "}"), b.code,
                    "/second/price");
    }
    std::string body = minimal;
    body.replace(body.find("500"), 3, "500.5");
    CHECK(error_of(body).message == "\"/amount\" must be a whole number of yen, got \"500.5\"");
    body = minimal;
    body.replace(body.find("500"), 3, "\"500\"");
    CHECK(error_of(body).message == "\"/amount\" must be a number of yen, not a string");
}

TEST_CASE("reader: a JSON number's text read as a whole number, exactly")
{
    using portone::json::detail::read_whole_number;
    using kind = portone::json::detail::whole_number::kind;
    struct reading {
        const char* text;
        kind what;
        bool negative;
        std::int64_t value;
    };
    for (const reading r :
         {reading{"0", kind::whole, false, 0}, reading{"-0", kind::whole, true, 0},
          reading{"12.30e1", kind::whole, false, 123}, reading{"12.34e1", kind::fraction, false, 123},
          reading{"1e18", kind::whole, false, 1'000'000'000'000'000'000},
          reading{"1e19", kind::too_large, false, 0},
          reading{"9223372036854775807", kind::whole, false, 9'223'372'036'854'775'807},
          reading{"9223372036854775808", kind::too_large, false, 0},
          reading{"-9223372036854775808", kind::whole, true,
                  std::numeric_limits<std::int64_t>::min()},
          reading{"-9223372036854775809", kind::too_large, true, 0},
          reading{"0e999999999999999999", kind::whole, false, 0},
          reading{"1e999999999999999999", kind::too_large, false, 0},
          reading{"1e-999999999999999999", kind::fraction, false, 0},
          reading{"-0.5", kind::fraction, true, 0}, reading{"-2.5E0", kind::fraction, true, -2},
          reading{"0.000e-5", kind::whole, false, 0}}) {
        INFO(r.text);
        // As a number arrives: a view into a larger buffer, followed by more digits.
        const std::string buffer = std::string(r.text) + "12345";
        const auto n = read_whole_number(std::string_view(buffer).substr(0, std::strlen(r.text)));
        CHECK(n.what == r.what);
        CHECK(n.negative == r.negative);
        if (r.what != kind::too_large) CHECK(n.value == r.value);
    }
}

TEST_CASE("reader: optional amount null is absent, required amount null is a type error")
{
    const auto r = pj::read<order>(with(R"("second":{"name":"x","price":null})"));
    REQUIRE(r.has_value());
    CHECK_FALSE(r->second->price.has_value());
    std::string body = minimal;
    body.replace(body.find("500"), 3, "null");
    CHECK_ERROR(body, errc::wrong_type, "/amount");
}

TEST_CASE("reader: integers")
{
    for (const char* ok : {"0", "-9223372036854775808", "9223372036854775807", "7.0"}) {
        INFO(ok);
        const auto r = pj::read<order>(with(std::string("\"rank\":") + ok));
        REQUIRE(r.has_value());
        CHECK(std::to_string(*r->rank) == (ok == std::string("7.0") ? "7" : ok));
    }
    // Exactly, not through a double (which holds 9007199254740992 for both texts).
    const auto exact = pj::read<order>(with(R"("rank":9007199254740993.0)"));
    REQUIRE(exact.has_value());
    CHECK(*exact->rank == 9'007'199'254'740'993);
    CHECK(pj::read<order>(with(R"("rank":-9.223372036854775808e18)"))->rank ==
          std::numeric_limits<std::int64_t>::min());
    CHECK_ERROR(with(R"("rank":1.00000000000000001)"), errc::invalid_value, "/rank");
    CHECK_ERROR(with(R"("rank":9.223372036854775808e18)"), errc::invalid_value, "/rank");
    CHECK_ERROR(with(R"("rank":7.5)"), errc::invalid_value, "/rank");
    CHECK_ERROR(with(R"("rank":9223372036854775808)"), errc::invalid_value, "/rank");
    CHECK_ERROR(with(R"("rank":1e300)"), errc::invalid_value, "/rank");
    CHECK_ERROR(with(R"("rank":"7")"), errc::wrong_type, "/rank");
}

TEST_CASE("reader: a value of the wrong type names the member and both types")
{
    struct wrong {
        std::string member;
        const char* value;
        const char* path;
    };
    const std::vector<wrong> cases = {
        {"id", "1", "/id"},          {"id", "true", "/id"},          {"id", "null", "/id"},
        {"id", "{}", "/id"},         {"id", "[]", "/id"},            {"note", "1", "/note"},
        {"paid", "\"true\"", "/paid"}, {"paid", "1", "/paid"},       {"paid", "null", "/paid"},
        {"gift", "0", "/gift"},      {"count", "\"3\"", "/count"},   {"count", "[]", "/count"},
        {"first", "\"tea\"", "/first"}, {"first", "[]", "/first"},   {"first", "null", "/first"},
        {"second", "1", "/second"},
    };
    for (const auto& w : cases) {
        // Replace the member's value in `minimal` (or add the member).
        std::string body = minimal;
        const std::string key = "\"" + w.member + "\":";
        if (const auto at = body.find(key); at != std::string::npos) {
            const auto begin = at + key.size();
            auto end = begin;
            int depth = 0;
            while (depth > 0 || (body[end] != ',' && body[end] != '}')) {
                if (body[end] == '{') ++depth;
                if (body[end] == '}') --depth;
                ++end;
            }
            body.replace(begin, end - begin, w.value);
        } else {
            body = with(key + w.value);
        }
        CHECK_ERROR(body, errc::wrong_type, w.path);
    }
    const auto n = error_of(R"({"amount":500,"id":"A","paid":true,"count":3,"first":{"name":5}})");
    CHECK(n.code == errc::wrong_type);
    CHECK(n.where == "/first/name");
    CHECK(n.message == "\"/first/name\" must be a string, not a number");
}

TEST_CASE("reader: the body must be an object")
{
    for (const char* body : {"[]", "[1]", "\"x\"", "1", "true", "null"}) {
        CHECK_ERROR(std::string(body), errc::wrong_type, "");
    }
}

TEST_CASE("reader: required members")
{
    CHECK_ERROR(R"({"id":"A","paid":true,"count":3,"first":{"name":"t"}})", errc::missing_field,
                "/amount");
    CHECK_ERROR(R"({"amount":1,"paid":true,"count":3,"first":{"name":"t"}})", errc::missing_field,
                "/id");
    CHECK_ERROR(R"({"amount":1,"id":"A","count":3,"first":{"name":"t"}})", errc::missing_field,
                "/paid");
    CHECK_ERROR(R"({"amount":1,"id":"A","paid":true,"first":{"name":"t"}})", errc::missing_field,
                "/count");
    CHECK_ERROR(R"({"amount":1,"id":"A","paid":true,"count":3})", errc::missing_field, "/first");
    CHECK_ERROR(R"({"amount":1,"id":"A","paid":true,"count":3,"first":{}})", errc::missing_field,
                "/first/name");
    CHECK_ERROR(with(R"("second":{"price":5})"), errc::missing_field, "/second/name");
    // The first missing member in declaration order.
    CHECK_ERROR(R"({})", errc::missing_field, "/amount");
    const auto e = error_of(R"({"count":3})");
    CHECK(e.message == "\"/amount\" is required but missing from the body");
}

TEST_CASE("reader: unknown keys are skipped at any depth")
{
    const auto r = pj::read<order>(
        R"({"x":1,"amount":500,"y":{"z":[{"id":"no"},{"amount":-1}],"w":null},"id":"A-1",)"
        R"("paid":true,"count":3,"first":{"name":"tea","colour":"green","n":{"a":[[]]}},"v":"s"})");
    REQUIRE(r.has_value());
    CHECK(r->amount == 500_yen);
    CHECK(r->id == "A-1");
    CHECK(r->first.name == "tea");
}

TEST_CASE("reader: an extra_fields member keeps the unknown keys, in order")
{
    const auto r = pj::read<reader_test::open_order>(
        R"({"b":{"x" : [1, "two"]},"id":"A","a":null,"extra_fields":"not special","c":-1.50})");
    REQUIRE(r.has_value());
    CHECK(r->id == "A");
    REQUIRE(r->extra_fields.size() == 4);
    CHECK(r->extra_fields[0] == pj::extra_field{"b", {R"({"x":[1,"two"]})"}});
    CHECK(r->extra_fields[1] == pj::extra_field{"a", {"null"}});
    // The member's own name is not a key: it is kept like any unknown key.
    CHECK(r->extra_fields[2] == pj::extra_field{"extra_fields", {"\"not special\""}});
    CHECK(r->extra_fields[3] == pj::extra_field{"c", {"-1.50"}});
    REQUIRE(r->extra_fields.find("c") != nullptr);
    CHECK(r->extra_fields.find("c")->text == "-1.50");
    CHECK(r->extra_fields.find("d") == nullptr);
}

TEST_CASE("reader: duplicate keys are errors in every object")
{
    CHECK_ERROR(with(R"("id":"B")"), errc::duplicate_key, "/id");
    CHECK_ERROR(with(R"("note":"a","note":"b")"), errc::duplicate_key, "/note");
    CHECK_ERROR(with(R"("x":1,"x":1)"), errc::duplicate_key, "/x");
    CHECK_ERROR(R"({"amount":5,"id":"A","paid":true,"count":3,"first":{"name":"a","name":"b"}})",
                errc::duplicate_key, "/first/name");
    CHECK_ERROR(with(R"("x":{"y":1,"y":2})"), errc::duplicate_key, "/x/y");
    CHECK_ERROR(with(R"("x":[0,{"y":1,"z":{},"y":2}])"), errc::duplicate_key, "/x/1/y");
    CHECK_ERROR(with(R"("any":{"k":1,"k":1})"), errc::duplicate_key, "/any/k");
    // Same key in different objects is fine.
    CHECK(pj::read<order>(with(R"("x":{"id":1},"any":{"id":{"id":2}})")).has_value());
    // Escaped and unescaped spellings are the same key.
    CHECK_ERROR(with(R"("n\u006fte":"a","note":"b")"), errc::duplicate_key, "/note");
    const auto e = error_of(with(R"("x":{"y":1,"y":2})"));
    CHECK(e.message == "the key \"y\" appears twice in the object at \"/x\"");
}

TEST_CASE("reader: JSON Pointer escaping of keys")
{
    CHECK_ERROR(with(R"("a/b":{"c~d":{"e":1,"e":2}})"), errc::duplicate_key, "/a~1b/c~0d/e");
}

TEST_CASE("reader: limits")
{
    pj::read_limits limits;
    limits.max_body_size = minimal.size();
    CHECK(pj::read<order>(minimal, limits).has_value());
    limits.max_body_size = minimal.size() - 1;
    auto e = error_of(minimal, limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "");
    // Default: 64 KiB.
    const std::string big = with("\"note\":\"" + std::string(64 * 1024, 'x') + "\"");
    CHECK(error_of(big).code == errc::limit_exceeded);

    // Depth: the top-level object is depth 1.
    auto nested = [](int levels) {
        std::string v = "1";
        for (int i = 1; i < levels; ++i) v = "[" + v + "]";
        return with("\"any\":" + v);
    };
    CHECK(pj::read<order>(nested(32)).has_value());
    e = error_of(nested(33));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where.rfind("/any/0/0/", 0) == 0);
    limits = {};
    limits.max_depth = 3;
    CHECK(pj::read<order>(nested(3), limits).has_value());
    CHECK(error_of(nested(4), limits).code == errc::limit_exceeded);

    // Keys per object.
    limits = {};
    limits.max_object_members = 7;
    CHECK(pj::read<order>(with(R"("x":1,"y":2)"), limits).has_value()); // 5 + 2 keys
    e = error_of(with(R"("x":1,"y":2,"z":3)"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "");
    e = error_of(with(R"("any":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8})"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/any");
    // Known members count too (they take the reader's shortest path).
    limits.max_object_members = 5;
    CHECK(pj::read<order>(minimal, limits).has_value()); // 5 members
    e = error_of(with(R"("note":"n")"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "");
}

namespace {

/// Runs `f` on a new thread whose stack is `bytes` long (servers commonly give their threads
/// 1 MiB or less; the main thread has 8 MiB).
void on_small_stack(std::size_t bytes, void (*f)(void*), void* arg)
{
    struct call {
        void (*f)(void*);
        void* arg;
    } c{f, arg};
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, bytes) == 0);
    pthread_t thread;
    const auto run = [](void* p) -> void* {
        auto* c = static_cast<call*>(p);
        c->f(c->arg);
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, run, &c) == 0);
    REQUIRE(pthread_join(thread, nullptr) == 0);
    pthread_attr_destroy(&attr);
}

} // namespace

TEST_CASE("reader: depth is capped at max_safe_depth, which a 1 MiB stack holds")
{
    // Bodies nested exactly max_safe_depth deep (the top-level object is depth 1), through each
    // way the reader follows a value: kept as raw_json, skipped under an unknown key, and as an
    // object read whole; one level more is refused. Read on a 1 MiB thread stack with the limit
    // raised as high as it goes: the cap, not the caller's limit, bounds the recursion.
    struct outcome {
        std::vector<std::string> bodies;
        std::vector<std::optional<portone::error>> errors;
    } o;
    const std::size_t cap = pj::max_safe_depth;
    const auto arrays = [](std::size_t n) { return std::string(n, '[') + std::string(n, ']'); };
    const auto objects = [](std::size_t n) {
        std::string v = "1";
        for (std::size_t i = 0; i < n; ++i) v = "{\"k\":" + v + "}";
        return v;
    };
    for (const std::size_t depth : {cap, cap + 1}) {
        // depth - 1 levels inside the top-level object.
        o.bodies.push_back(with("\"any\":" + arrays(depth - 1)));
        o.bodies.push_back(with("\"unknown\":" + objects(depth - 1)));
        o.bodies.push_back(R"({"main":{"kind":"label","text":"x","deep":)" + arrays(depth - 2) +
                           "}}");
    }
    on_small_stack(
        1024 * 1024,
        [](void* p) {
            auto& o = *static_cast<outcome*>(p);
            pj::read_limits limits;
            limits.max_depth = std::size_t(-1);
            for (std::size_t i = 0; i < o.bodies.size(); ++i) {
                std::optional<portone::error> e;
                if (i % 3 == 2) {
                    if (auto r = pj::read<reader_test::drawing>(o.bodies[i], limits); !r) e = r.error();
                } else if (auto r = pj::read<reader_test::order>(o.bodies[i], limits); !r) {
                    e = r.error();
                }
                o.errors.push_back(std::move(e));
            }
        },
        &o);
    REQUIRE(o.errors.size() == 6);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO(i);
        CHECK_FALSE(o.errors[i].has_value());
        REQUIRE(o.errors[i + 3].has_value());
        CHECK(o.errors[i + 3]->code == errc::limit_exceeded);
        CHECK(o.errors[i + 3]->message.find("256 levels") != std::string::npos);
    }
}

TEST_CASE("reader: input that is not JSON")
{
    // Unknown keys ("x") so that no member's type is checked before the syntax error is seen.
    for (const std::string& body :
         {std::string(""), std::string(" "), std::string("nope"), std::string("{"),
          std::string("{\"amount\""), std::string("{\"amount\":}"), std::string("{'x':1}"),
          std::string("{\"x\":\"A\",}"), std::string("{\"x\":[1,]}"), std::string("{\"x\":01}"),
          std::string("{\"x\":\"\\q\"}"), std::string("{\"x\":\"a\nb\"}"),
          std::string("{/*c*/}"), std::string("{\"x\":\"\\ud800\"}"), std::string("{\"x\":NaN}"),
          std::string("{\"x\":Infinity}"), std::string("{\"x\":tru}"), std::string("{\"x\" 1}"),
          minimal + " x", minimal + minimal, minimal + " // c", minimal + ","}) {
        const auto e = error_of(body);
        INFO("body: " << body << "\nmessage: " << e.message);
        CHECK(e.code == errc::invalid_json);
    }
    // Trailing whitespace is fine.
    CHECK(pj::read<order>(minimal + " \n\t").has_value());
}

TEST_CASE("reader: every truncation of a valid body is invalid_json, never a crash")
{
    const std::string body = with(
        R"("note":"緑茶 \"\u00e9\"","rank":-12,"second":{"name":"x","price":5.0},)"
        R"("any":[true,false,null,{"k":[1.5e3]}],"x":{"y":"z"})");
    check_every_truncation(body);
    const auto e = error_of(body.substr(0, body.find("\"rank\":-1") + 9));
    CHECK(e.where == "/rank");
    CHECK(e.message == "the JSON ends early (truncated?) at \"/rank\"");
}

TEST_CASE("reader: invalid UTF-8 is rejected")
{
    for (const char* bad : {"\xFF", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                            "\xE6\x97", "a\x80"}) {
        const auto e = error_of(with(std::string("\"note\":\"") + bad + "\""));
        INFO(e.message);
        CHECK(e.code == errc::invalid_json);
        CHECK(e.message.find("UTF-8") != std::string::npos);
        CHECK(error_of(with(std::string("\"") + bad + "\":1")).code == errc::invalid_json);
    }
}

TEST_CASE("reader: converted members")
{
    auto r = pj::read<reader_test::lettered>(R"({"grade":"B","bonus":null})");
    REQUIRE(r.has_value());
    CHECK(r->grade.value == 'B');
    CHECK_FALSE(r->bonus.has_value());
    r = pj::read<reader_test::lettered>(R"({"grade":"B","bonus":"C"})");
    REQUIRE(r.has_value());
    CHECK(r->bonus->value == 'C');
    auto e = error_of<reader_test::lettered>(R"({"grade":"B","bonus":"cc"})");
    CHECK(e.code == errc::invalid_value);
    CHECK(e.where == "/bonus");
    CHECK(e.message == "not a letter");
    e = error_of<reader_test::lettered>(R"({"grade":7})");
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/grade");
    e = error_of<reader_test::lettered>(R"({"bonus":"C"})");
    CHECK(e.code == errc::missing_field);
    CHECK(e.where == "/grade");
}

TEST_CASE("reader: `at` prefixes every path")
{
    const auto r = pj::read<reader_test::item>(R"({"name":"x","price":0})", {}, "/items/3");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().where == "/items/3/price");
    const auto m = pj::read<reader_test::item>(R"({})", {}, "/items/3");
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error().where == "/items/3/name");
}

namespace {

using reader_test::refund_list;

/// A refund_list body: the required arrays (empty) and `members` (`"key":value` texts).
std::string list_with(std::string_view members)
{
    std::string body = R"({"refundDetails":[],"tags":[])";
    if (!members.empty()) {
        body += ',';
        body += members;
    }
    return body + '}';
}

portone::error list_error(std::string_view body, const pj::read_limits& limits = {})
{
    return error_of<refund_list>(body, limits);
}

} // namespace

TEST_CASE("reader: arrays of objects, with arrays of objects inside")
{
    const auto r = pj::read<refund_list>(
        R"({"refundDetails":[{"id":"r1","amount":500},)"
        R"({"id":"r2","amount":300.0,"parts":[{"name":"tea","price":200},{"name":"cup"}]},)"
        R"({"amount":1,"id":"r3","parts":[]}],"tags":["a"]})");
    REQUIRE(r.has_value());
    REQUIRE(r->refundDetails.size() == 3);
    CHECK(r->refundDetails[0].id == "r1");
    CHECK(r->refundDetails[0].amount == 500_yen);
    CHECK_FALSE(r->refundDetails[0].parts.has_value());
    CHECK(r->refundDetails[1].amount == 300_yen);
    REQUIRE(r->refundDetails[1].parts.has_value());
    REQUIRE(r->refundDetails[1].parts->size() == 2);
    CHECK((*r->refundDetails[1].parts)[0].name == "tea");
    CHECK((*r->refundDetails[1].parts)[0].price == 200_yen);
    CHECK((*r->refundDetails[1].parts)[1].name == "cup");
    CHECK_FALSE((*r->refundDetails[1].parts)[1].price.has_value());
    CHECK(r->refundDetails[2].id == "r3");
    REQUIRE(r->refundDetails[2].parts.has_value());
    CHECK(r->refundDetails[2].parts->empty());

    // Arrays of arrays.
    const auto p = pj::read<refund_list>(list_with(R"("pages":[[{"name":"a"}],[],[{"name":"b"}]])"));
    REQUIRE(p.has_value());
    REQUIRE(p->pages.has_value());
    REQUIRE(p->pages->size() == 3);
    CHECK((*p->pages)[0].size() == 1);
    CHECK((*p->pages)[0][0].name == "a");
    CHECK((*p->pages)[1].empty());
    CHECK((*p->pages)[2][0].name == "b");
}

TEST_CASE("reader: arrays of strings and of every other element type")
{
    const auto r = pj::read<refund_list>(
        R"({"tags" : [ "a" , "\u7dd1\u8336" , "" ], "refundDetails":[],"counts":[-1,0,7.0],)"
        R"("flags":[true,false],"amounts":[1,500.0,9999999],"letters":["A","Z"],)"
        R"("raws":[null,{"k" : [1]},"s",2.50],"note":"n"})");
    REQUIRE(r.has_value());
    CHECK(r->tags == std::vector<std::string>{"a", "緑茶", ""});
    CHECK(r->refundDetails.empty());
    CHECK(r->counts == std::vector<std::int64_t>{-1, 0, 7});
    CHECK(r->flags == std::vector<bool>{true, false});
    CHECK(r->amounts == std::vector<portone::yen>{1_yen, 500_yen, 9'999'999_yen});
    REQUIRE(r->letters.has_value());
    REQUIRE(r->letters->size() == 2);
    CHECK((*r->letters)[1].value == 'Z');
    CHECK(r->raws == std::vector<pj::raw_json>{{"null"}, {R"({"k":[1]})"}, {"\"s\""}, {"2.50"}});
    CHECK(r->note == "n");
}

TEST_CASE("reader: empty arrays, absent and null optional arrays")
{
    auto r = pj::read<refund_list>(list_with(""));
    REQUIRE(r.has_value());
    CHECK(r->refundDetails.empty());
    CHECK(r->tags.empty());
    CHECK_FALSE(r->counts.has_value());
    CHECK_FALSE(r->pages.has_value());

    // null is an absent optional, as for every other optional member; [] is an empty vector.
    r = pj::read<refund_list>(list_with(R"("counts":null,"pages":null,"flags":[ ])"));
    REQUIRE(r.has_value());
    CHECK_FALSE(r->counts.has_value());
    CHECK_FALSE(r->pages.has_value());
    REQUIRE(r->flags.has_value());
    CHECK(r->flags->empty());

    // A required array is required, and null is not an array.
    CHECK(list_error(R"({"refundDetails":[]})").where == "/tags");
    CHECK(list_error(R"({"refundDetails":[]})").code == errc::missing_field);
    const auto e = list_error(R"({"refundDetails":[],"tags":null})");
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/tags");
    CHECK(e.message == "\"/tags\" must be an array, not null");
}

TEST_CASE("reader: errors inside arrays carry the element's index")
{
    struct bad {
        std::string members;
        errc code;
        const char* where;
    };
    const std::vector<bad> cases = {
        {R"("tags":"a")", errc::wrong_type, "/tags"},
        {R"("tags":{"0":"a"})", errc::wrong_type, "/tags"},
        {R"("tags":["a",5])", errc::wrong_type, "/tags/1"},
        {R"("tags":["a",null])", errc::wrong_type, "/tags/1"},
        {R"("tags":[["a"]])", errc::wrong_type, "/tags/0"},
        {R"("refundDetails":[{"id":"a","amount":1},{"id":"b","amount":2},{"id":"c","amount":"3"}])",
         errc::wrong_type, "/refundDetails/2/amount"},
        {R"("refundDetails":[{"id":"a","amount":1},{"amount":2}])", errc::missing_field,
         "/refundDetails/1/id"},
        {R"("refundDetails":[{"id":"a","amount":0}])", errc::amount_not_positive,
         "/refundDetails/0/amount"},
        {R"("refundDetails":[{"id":"a","amount":1,"id":"b"}])", errc::duplicate_key,
         "/refundDetails/0/id"},
        {R"("refundDetails":[{"id":"a","amount":1,"parts":[{"name":"x"},{"name":1}]}])",
         errc::wrong_type, "/refundDetails/0/parts/1/name"},
        {R"("refundDetails":[{"id":"a","amount":1,"parts":[{"name":"x"},{}]}])",
         errc::missing_field, "/refundDetails/0/parts/1/name"},
        {R"("refundDetails":["r1"])", errc::wrong_type, "/refundDetails/0"},
        {R"("counts":[1,2.5])", errc::invalid_value, "/counts/1"},
        {R"("counts":[1,"2"])", errc::wrong_type, "/counts/1"},
        {R"("flags":[true,1])", errc::wrong_type, "/flags/1"},
        {R"("amounts":[1,-5])", errc::amount_not_positive, "/amounts/1"},
        {R"("amounts":[1,10000000])", errc::amount_too_large, "/amounts/1"},
        {R"("letters":["A","bb"])", errc::invalid_value, "/letters/1"},
        {R"("pages":[[],[{"name":"a"},{"name":"b","price":"x"}]])", errc::wrong_type,
         "/pages/1/1/price"},
        {R"("pages":[[],{}])", errc::wrong_type, "/pages/1"},
        {R"("tags":[],"tags":[])", errc::duplicate_key, "/tags"},
    };
    for (const auto& b : cases) {
        // The required arrays first unless the case gives them.
        const std::string body =
            b.members.find("\"tags\"") != std::string::npos
                ? R"({"refundDetails":[],)" + b.members + "}"
            : b.members.find("\"refundDetails\"") != std::string::npos
                ? R"({"tags":[],)" + b.members + "}"
                : list_with(b.members);
        const auto e = list_error(body);
        INFO(body << "\n" << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == b.where);
    }
    CHECK(list_error(R"({"refundDetails":[],"tags":["a",5]})").message ==
          "\"/tags/1\" must be a string, not a number");
    CHECK(list_error(R"({"tags":[],"refundDetails":[{"id":"a","amount":"3"}]})").message ==
          "\"/refundDetails/0/amount\" must be a number of yen, not a string");
    // `at` prefixes the index too.
    const auto at = pj::read<refund_list>(R"({"refundDetails":[],"tags":[1]})", {}, "/body");
    REQUIRE_FALSE(at.has_value());
    CHECK(at.error().where == "/body/tags/0");
}

TEST_CASE("reader: limits on arrays")
{
    pj::read_limits limits;
    CHECK(limits.max_array_elements == 1024);
    limits.max_array_elements = 3;
    CHECK(pj::read<refund_list>(list_with(R"("counts":[1,2,3])"), limits).has_value());
    auto e = list_error(list_with(R"("counts":[1,2,3,4])"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/counts");
    CHECK(e.message == "an array at \"/counts\" has more than 3 elements");
    // Every array counts: objects in a vector, nested vectors, and raw (or skipped) arrays.
    e = list_error(R"({"tags":[],"refundDetails":[{"id":"a","amount":1},{"id":"a","amount":1},)"
                   R"({"id":"a","amount":1},{"id":"a","amount":1}]})",
                   limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/refundDetails");
    e = list_error(list_with(R"("pages":[[],[{"name":"a"},{"name":"a"},{"name":"a"},{}]])"),
                   limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/pages/1");
    e = list_error(list_with(R"("raws":[[1,2,3,4]])"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/raws/0");
    e = list_error(list_with(R"("unknown":{"x":[1,2,3,4]})"), limits);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/unknown/x");

    // Depth counts typed arrays like any other: body, pages, a page, an item is depth 4.
    limits = {};
    limits.max_depth = 4;
    CHECK(pj::read<refund_list>(list_with(R"("pages":[[{"name":"a"}]])"), limits).has_value());
    limits.max_depth = 3;
    e = list_error(list_with(R"("pages":[[{"name":"a"}]])"), limits);
    CHECK(e.code == errc::limit_exceeded);
}

TEST_CASE("reader: every truncation of a body with arrays is invalid_json, never a crash")
{
    const std::string body =
        R"({"refundDetails":[{"id":"r1","amount":5,"parts":[{"name":"x"},{"name":"y"}]}],)"
        R"("tags":["a","\u00e9"],"counts":[1,-2],"flags":[true],"raws":[{"a":[]},null],)"
        R"("pages":[[],[{"name":"z"}]]})";
    check_every_truncation<refund_list>(body);
}

TEST_CASE("reader: objects read whole (conversion_source::object)")
{
    // The kind last; a member that needs the parser (an amount): the object is read again.
    auto r = pj::read<reader_test::drawing>(R"({"main":{"radius":5.0,"label":"c","kind":"circle"}})");
    REQUIRE(r.has_value());
    const auto* c = std::get_if<reader_test::circle>(&r->main.value);
    REQUIRE(c != nullptr);
    CHECK(c->radius == 5_yen);
    CHECK(c->label == "c");
    CHECK_FALSE(r->extra.has_value());

    // Only strings, booleans, nulls, raw values and conversions: read from the members.
    r = pj::read<reader_test::drawing>(
        R"({"main":{"text":"a\"b \u00e9","bold":true,"style":{ "x" : [1, "y"] },"grade":"B",)"
        R"("note":null,"z":"\u00e9","w":{"k":null},"kind":"label"},"extra":null})");
    REQUIRE(r.has_value());
    const auto* l = std::get_if<reader_test::label_shape>(&r->main.value);
    REQUIRE(l != nullptr);
    CHECK(l->kind == "label");
    CHECK(l->text == "a\"b é");
    CHECK(l->bold == true);
    REQUIRE(l->style.has_value());
    CHECK(l->style->text == R"({"x":[1,"y"]})");
    REQUIRE(l->grade.has_value());
    CHECK(l->grade->value == 'B');
    REQUIRE(l->note.has_value()); // raw_json keeps null
    CHECK(l->note->text == "null");
    REQUIRE(l->extra_fields.size() == 2);
    CHECK(l->extra_fields[0] == pj::extra_field{"z", {"\"é\""}});
    CHECK(l->extra_fields[1] == pj::extra_field{"w", {R"({"k":null})"}});
    CHECK_FALSE(r->extra.has_value());

    // Another kind: the whole object, compact.
    r = pj::read<reader_test::drawing>(
        R"({"main":{ "kind" : "star", "n" : [ 1 , {"a":2.50} ], "s" : "x\ny", "t":true }})");
    REQUIRE(r.has_value());
    const auto* text = std::get_if<std::string>(&r->main.value);
    REQUIRE(text != nullptr);
    CHECK(*text == R"({"kind":"star","n":[1,{"a":2.50}],"s":"x\ny","t":true})");
    r = pj::read<reader_test::drawing>(R"({"main":{"kind":"none"},"more":[]})");
    REQUIRE(r.has_value());
    CHECK(std::get<std::string>(r->main.value) == R"({"kind":"none"})");

    // In a vector.
    r = pj::read<reader_test::drawing>(
        R"({"main":{"kind":"x"},"more":[{"kind":"circle","radius":2},{"text":"t","kind":"label"}]})");
    REQUIRE(r.has_value());
    REQUIRE(r->more.has_value());
    REQUIRE(r->more->size() == 2);
    CHECK(std::get<reader_test::circle>((*r->more)[0].value).radius == 2_yen);
    CHECK(std::get<reader_test::label_shape>((*r->more)[1].value).text == "t");
}

TEST_CASE("reader: an object read whole fails exactly as reading its text would")
{
    // Each object is read as a drawing's main (through object_view) and directly (its text at
    // "/main"): same code, same path, same message.
    const std::vector<std::string> objects = {
        R"({"kind":"label","text":5})",
        R"({"text":[],"kind":"label"})",
        R"({"kind":"label","bold":"yes"})",
        R"({"kind":"label","grade":"bb"})",
        R"({"kind":"label","text":"a","grade":7})",
        R"({"kind":"circle"})",
        R"({"kind":"circle","radius":0})",
        R"({"radius":"5","kind":"circle"})",
        R"({"kind":"circle","radius":1,"label":false})",
        R"({"kind":"circle","radius":null})",
    };
    for (const auto& object : objects) {
        INFO(object);
        const auto whole = pj::read<reader_test::drawing>(R"({"main":)" + object + "}");
        REQUIRE_FALSE(whole.has_value());
        const bool circle = object.find("circle") != std::string::npos;
        const auto direct = circle ? pj::read<reader_test::circle>(object, {}, "/main").error()
                                   : pj::read<reader_test::label_shape>(object, {}, "/main").error();
        fixtures::check_same_error(whole.error(), direct);
    }
    // What the reader checks before the conversion sees the object.
    struct bad {
        const char* body;
        errc code;
        const char* where;
    };
    for (const bad b : {bad{R"({"main":[1]})", errc::wrong_type, "/main"},
                        bad{R"({"main":"circle"})", errc::wrong_type, "/main"},
                        bad{R"({"main":null})", errc::wrong_type, "/main"},
                        bad{R"({"main":{"kind":"circle","kind":"label"}})", errc::duplicate_key,
                            "/main/kind"},
                        bad{R"({"main":{"kind":"x","a":{"b":1,"b":2}}})", errc::duplicate_key,
                            "/main/a/b"},
                        bad{R"({"main":{"kind":3}})", errc::invalid_value, "/main"},
                        bad{R"({"main":{"kind":"x"},"more":[{"kind":"label","text":1}]})",
                            errc::wrong_type, "/more/0/text"}}) {
        const auto e = error_of<reader_test::drawing>(b.body);
        INFO(b.body << "\n" << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == b.where);
    }
    CHECK(error_of<reader_test::drawing>(R"({"main":[1]})").message ==
          "\"/main\" must be an object, not an array");
    check_every_truncation<reader_test::drawing>(
        R"({"main":{"kind":"label","text":"t","w":{"k":[1,"\u00e9"]}}})");
}

TEST_CASE("reader: an object conversion's guess is streamed into, then checked")
{
    using reader_test::calls;
    using reader_test::circle;
    using reader_test::hinted_drawing;
    // A right guess: the object streams straight into the struct (its amount too), and the
    // conversion only confirms it.
    calls = {};
    auto r = pj::read<hinted_drawing>(
        R"({"hint":"circle","main":{"radius":5.0,"label":"c","kind":"circle"}})");
    REQUIRE(r.has_value());
    CHECK(calls.stream == 1);
    CHECK(calls.right == 1);
    CHECK(calls.wrong == 0);
    CHECK(calls.convert == 0);
    REQUIRE(r->main.has_value());
    CHECK(std::get<circle>(r->main->value) == circle{"circle", 5_yen, "c"});

    // A wrong guess (a circle streamed into a label, its radius an unknown key there): found at
    // the end of the object, and the body is read again without guessing.
    calls = {};
    r = pj::read<hinted_drawing>(R"({"hint":"label","main":{"radius":2,"kind":"circle"}})");
    REQUIRE(r.has_value());
    CHECK(calls.stream == 1);
    CHECK(calls.right == 0);
    CHECK(calls.wrong == 1);
    CHECK(calls.convert == 1);
    CHECK(std::get<circle>(r->main->value) == circle{"circle", 2_yen, {}});

    // An object that does not fit its guess: read again, the error is reading it whole's.
    calls = {};
    auto e = error_of<hinted_drawing>(R"({"hint":"label","main":{"kind":"label","text":5}})");
    CHECK(calls.stream == 1);
    CHECK(calls.convert == 1);
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/main/text");

    // No guess (the hint comes after the object, or names nothing): read whole, once.
    for (const char* body : {R"({"main":{"kind":"circle","radius":3},"hint":"circle"})",
                             R"({"hint":"star","main":{"kind":"circle","radius":3}})"}) {
        INFO(body);
        calls = {};
        r = pj::read<hinted_drawing>(body);
        REQUIRE(r.has_value());
        CHECK(calls.stream == 1);
        CHECK(calls.right + calls.wrong == 0);
        CHECK(calls.convert == 1);
        CHECK(std::get<circle>(r->main->value).radius == 3_yen);
    }
}

TEST_CASE("reader: an object streamed into a guess reads exactly as the object read whole")
{
    // Each object after a hint (a right guess, a wrong one, or none) and before it (never a
    // guess), followed by a good or a bad member: the same value, or the same error.
    const std::vector<std::string> objects = {
        R"({"kind":"circle","radius":5})",
        R"({"radius":5.0,"label":"c","kind":"circle"})",
        R"({"kind":"circle","radius":1,"more":[1,2,{"x":null}]})",
        R"({"text":"a\"b \u00e9","bold":true,"style":{ "x" : [1, "y"] },"grade":"B",)"
        R"("note":null,"z":"\u00e9","w":{"k":null},"n":-2.50e1,"kind":"label"})",
        R"({"kind":"star","n":[1,{"a":2.50}],"s":"x\ny"})",
        R"({})",
        R"({"text":"t"})",
        R"({"kind":3})",
        R"({"kind":null,"text":"t"})",
        R"({"kind":"label","text":5})",
        R"({"kind":"label","grade":"bb"})",
        R"({"kind":"label","bold":null,"text":null})",
        R"({"kind":"circle"})",
        R"({"kind":"circle","radius":0})",
        R"({"kind":"circle","radius":1,"label":false})",
        R"({"kind":"label","kind":"circle"})",
        R"({"kind":"label","w":{"b":1,"b":2}})",
        R"({"kind":"circle","radius":1,"radius":2})",
    };
    for (const std::string& object : objects) {
        for (const char* hint : {"circle", "label", "star"}) {
            for (const char* after : {R"("x")", "5"}) {
                const std::string h = std::string(R"("hint":")") + hint + '"';
                const std::string m = R"("main":)" + object;
                const std::string a = std::string(R"("after":)") + after;
                const std::string guessed = "{" + h + "," + m + "," + a + "}";
                const std::string whole = "{" + m + "," + h + "," + a + "}";
                INFO(guessed);
                fixtures::check_same_outcome(
                    pj::read<reader_test::hinted_drawing>(guessed),
                    pj::read<reader_test::hinted_drawing>(whole),
                    [](const auto& g, const auto& w) {
                        CHECK(g.main == w.main);
                        CHECK(g.hint == w.hint);
                        CHECK(g.after == w.after);
                    });
            }
        }
    }
    check_every_truncation<reader_test::hinted_drawing>(
        R"({"hint":"label","main":{"kind":"label","text":"t","w":{"k":[1,"\u00e9"]}}})");
    check_every_truncation<reader_test::hinted_drawing>(
        R"({"hint":"label","main":{"kind":"circle","radius":1}})");
}

TEST_CASE("key comparison: every length and every differing byte")
{
    // same_bytes takes 8-byte, 4-byte and 1-byte paths by length, with overlapping loads: a
    // difference at any position of a key of any length must be seen.
    using portone::json::detail::same_bytes;
    const std::string a = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (std::size_t n = 0; n <= a.size(); ++n) {
        std::string b = a.substr(0, n);
        CHECK(same_bytes(a.data(), b.data(), n));
        for (std::size_t i = 0; i < n; ++i) {
            std::string c = b;
            c[i] = '#';
            CHECK_FALSE(same_bytes(a.data(), c.data(), n));
        }
    }
}
