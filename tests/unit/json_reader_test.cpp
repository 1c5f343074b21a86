// The JSON reader (json/reader.hpp) on structs described for these tests: every member type, the
// policies (unknown keys, duplicates, limits, null), and every kind of bad input, with the JSON
// Pointer each error must carry.
#include <portone/json/reader.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
};

struct lettered {
    letter grade;
    std::optional<letter> bonus;
};

} // namespace reader_test

PORTONE_DESCRIBE(reader_test::item, name, price);
PORTONE_DESCRIBE(reader_test::order, amount, id, note, paid, gift, count, rank, first, second, any);
PORTONE_DESCRIBE(reader_test::open_order, id, extra_fields);
PORTONE_DESCRIBE(reader_test::lettered, grade, bonus);

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
                         good{"500.000", 500}, good{"1", 1}, good{"9999999", 9'999'999}}) {
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
    for (const bad b : {bad{"500.5", errc::invalid_value}, bad{"0.1", errc::invalid_value},
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
    REQUIRE(pj::read<order>(body).has_value());
    for (std::size_t n = 0; n < body.size(); ++n) {
        const auto r = pj::read<order>(std::string_view(body).substr(0, n));
        INFO("prefix of " << n << " bytes");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_json);
    }
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
