// SPDX-License-Identifier: BSL-1.0
// json::write (json/writer.hpp): the reader's inverse. Every struct of the protocol layer is read
// from the bodies of the fuzz corpora (PortOne's examples and the edge cases collected there),
// written, and read again: the writer must give text the reader takes back, unchanged. Then the
// writer's own rules: the JSON text it copies is checked first (raw_json, extra_fields keys),
// empty arrays, and the member types the reader and the writer share (json/member_types.hpp).
#include "fixtures.hpp"

#include <portone/json/reader.hpp>
#include <portone/json/writer.hpp>
#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace portone::literals;
namespace pj = portone::json;
using portone::errc;

namespace writer_test {

std::vector<std::string> corpus_bodies()
{
    std::vector<std::string> bodies;
    const std::filesystem::path root = PORTONE_SOURCE_DIR "/tests/fuzz/corpus";
    for (const char* dir :
         {"api_answers", "api_error", "payment_link", "payment_webhook", "receive_webhook",
          "refund_response", "refund_webhook", "transaction_query"}) {
        for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
            std::ifstream in(entry.path(), std::ios::binary);
            bodies.emplace_back(std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>());
        }
    }
    return bodies;
}

/// For every body that reads as a T: written, it reads back, and writing that gives the same
/// text (and, for a T with ==, an equal value). Returns how many bodies read as a T.
template <class T>
int round_trips(const std::vector<std::string>& bodies)
{
    const pj::read_context context{&portone::komoju::methods};
    int read = 0;
    for (const std::string& body : bodies) {
        // As a body arrives: a view into a larger buffer, not a NUL-terminated string.
        std::string buffer;
        const auto first = pj::read<T>(fixtures::in_response(buffer, body), {}, {}, context);
        if (!first) continue;
        ++read;
        std::string out = "HTTP/1.1 200 OK\r\n\r\n"; // appended to, not replaced
        const auto written = pj::write(out, *first);
        INFO(body);
        REQUIRE(written.has_value());
        CHECK(out.size() == 19 + written->size());
        const auto again = pj::read<T>(*written, {}, {}, context);
        INFO(*written);
        REQUIRE(again.has_value());
        const auto rewritten = pj::write(*again);
        REQUIRE(rewritten.has_value());
        CHECK(*rewritten == *written);
        if constexpr (std::equality_comparable<T>) CHECK(*again == *first);
    }
    return read;
}

struct part {
    std::string name;
    std::optional<std::int32_t> size;
    pj::extra_fields extra_fields;
    friend bool operator==(const part&, const part&) = default;
};
PORTONE_DESCRIBE(part, name, size, extra_fields);

struct bag {
    std::vector<part> parts;
    std::optional<std::vector<std::string>> tags;
    pj::raw_json any;
    std::optional<std::vector<pj::raw_json>> raws;
    std::uint16_t port = 0;
    std::optional<portone::money<portone::currency::usd>> dollars;
    friend bool operator==(const bag&, const bag&) = default;
};
PORTONE_DESCRIBE(bag, parts, tags, any, raws, port, dollars);

bag sample()
{
    return bag{.parts = {part{.name = "a\"b", .size = -3, .extra_fields = {{"x", {"[1,{}]"}}}}},
               .tags = std::vector<std::string>{},
               .any = {"{\"k\":null}"},
               .raws = std::vector<pj::raw_json>{{"1"}, {"\"s\""}},
               .port = 443,
               .dollars = portone::money<portone::currency::usd>::from(250).value()};
}

} // namespace writer_test

using namespace writer_test;

TEST_CASE("json::write: every protocol struct read from the corpora is written back as read",
          "[json][writer]")
{
    const auto bodies = corpus_bodies();
    REQUIRE(bodies.size() > 40);
    // Each struct must have been read from at least one body, or the test says nothing of it.
    CHECK(round_trips<portone::payment_webhook>(bodies) > 3);
    CHECK(round_trips<portone::refund_webhook>(bodies) > 0);
    CHECK(round_trips<portone::transaction_details_response>(bodies) > 2);
    CHECK(round_trips<portone::transaction_status_response>(bodies) > 0);
    CHECK(round_trips<portone::refund_response>(bodies) > 2);
    CHECK(round_trips<portone::payment_link>(bodies) > 0);
    CHECK(round_trips<portone::payment_link_status_response>(bodies) > 0);
    CHECK(round_trips<portone::payments_page_answer>(bodies) > 0);
    CHECK(round_trips<portone::initiate_payment_answer>(bodies) > 1);
    // (Not auth_token_response: it holds a bearer token, which the writers refuse to write;
    // tests/static/credentials.cpp.)
    CHECK(round_trips<portone::api_status_answer>(bodies) > 0);
    CHECK(round_trips<portone::api_error>(bodies) > 0);
}

TEST_CASE("json::write: what it writes, and every member type both ways", "[json][writer]")
{
    const bag b = sample();
    const auto json = pj::write(b);
    REQUIRE(json.has_value());
    CHECK(*json == R"({"parts":[{"name":"a\"b","size":-3,"x":[1,{}]}],"tags":[],"any":{"k":null},)"
                   R"("raws":[1,"s"],"port":443,"dollars":250})");
    const auto back = pj::read<bag>(*json);
    REQUIRE(back.has_value());
    CHECK(*back == b);

    SECTION("an empty required vector is written as [], which the reader requires")
    {
        bag empty = b;
        empty.parts.clear();
        empty.tags.reset();
        const auto e = pj::write(empty);
        REQUIRE(e.has_value());
        CHECK(e->starts_with(R"({"parts":[],"any")"));
        CHECK(pj::read<bag>(*e).value() == empty);
    }
}

TEST_CASE("json::write: JSON text that would not read back is an error at its place",
          "[json][writer]")
{
    std::string out = "kept";
    const auto refused = [&](const bag& b, errc code, std::string_view where) {
        const auto w = pj::write(out, b);
        REQUIRE_FALSE(w.has_value());
        CHECK(w.error().code == code);
        CHECK(w.error().where == where);
        CHECK(out == "kept"); // nothing appended
        return w.error().message;
    };
    bag b = sample();
    b.any.text = R"({"k":)";
    CHECK(refused(b, errc::invalid_json, "/any")
              .starts_with("\"/any\" holds text that is not one JSON value"));
    b = sample();
    b.any.text = "1 2";
    refused(b, errc::invalid_json, "/any");
    b = sample();
    b.any.text = "";
    refused(b, errc::invalid_json, "/any");
    b = sample();
    (*b.raws)[1].text = "'s'";
    refused(b, errc::invalid_json, "/raws/1");
    b = sample();
    b.parts[0].extra_fields[0].value.text = "[1,";
    refused(b, errc::invalid_json, "/parts/0/x");
    b = sample();
    b.parts[0].extra_fields.push_back({"size", {"1"}}); // a member's key
    refused(b, errc::duplicate_key, "/parts/0/size");
    b = sample();
    b.parts[0].extra_fields.push_back({"x", {"2"}}); // twice
    refused(b, errc::duplicate_key, "/parts/0/x");
    b = sample();
    b.parts[0].extra_fields.push_back({"a/b~", {"2"}}); // a key that is not an identifier
    const auto ok = pj::write(b);
    REQUIRE(ok.has_value());
    CHECK(pj::read<bag>(*ok).value() == b);
    b.parts[0].extra_fields.push_back({"a/b~", {"3"}}); // its repeat: the pointer escapes it
    refused(b, errc::duplicate_key, "/parts/0/a~1b~0");

    // Unclosed text deeper than the reader's depth limit: checked to its end all the same.
    b = sample();
    b.any.text = std::string(40, '[');
    refused(b, errc::invalid_json, "/any");
    b.any.text = std::string(40, '[') + std::string(40, ']'); // JSON (the reader limits depth)
    CHECK(pj::write(b).has_value());
}

namespace writer_test {
struct counter {
    std::uint64_t big = 0;
    pj::extra_fields extra_fields;
    friend bool operator==(const counter&, const counter&) = default;
};
PORTONE_DESCRIBE(counter, big, extra_fields);
} // namespace writer_test

TEST_CASE("json::write: an unsigned value the reader would not take back, an extra named like "
          "the extras",
          "[json][writer]")
{
    counter c{.big = 9223372036854775807u, .extra_fields = {}};
    const auto largest = pj::write(c);
    REQUIRE(largest.has_value());
    CHECK(*largest == R"({"big":9223372036854775807})");
    CHECK(pj::read<counter>(*largest).value() == c);
    c.big = 9223372036854775808u;
    std::string out;
    const auto over = pj::write(out, c);
    REQUIRE_FALSE(over.has_value());
    CHECK(over.error().code == errc::invalid_value);
    CHECK(over.error().where == "/big");
    CHECK(out.empty());

    // The reader keeps a key "extra_fields" as an extra (the member's name is no key): so does
    // the writer.
    const auto read = pj::read<counter>(R"({"big":1,"extra_fields":{"a":1}})");
    REQUIRE(read.has_value());
    REQUIRE(read->extra_fields.size() == 1);
    const auto written = pj::write(*read);
    REQUIRE(written.has_value());
    CHECK(*written == R"({"big":1,"extra_fields":{"a":1}})");
}

TEST_CASE("json::read: integer members of every width, amounts of any currency", "[json][reader]")
{
    const auto read = [](std::string_view body) { return pj::read<bag>(body); };
    const std::string head = R"({"parts":[{"name":"n","size":)";
    const std::string tail = R"(}],"any":0,"port":80})";
    CHECK(read(head + "2147483647" + tail).has_value());
    const auto over = read(head + "2147483648" + tail);
    REQUIRE_FALSE(over.has_value());
    CHECK(over.error().code == errc::invalid_value);
    CHECK(over.error().where == "/parts/0/size");
    CHECK(over.error().message ==
          "\"/parts/0/size\" is out of range (-2147483648 to 2147483647): \"2147483648\"");
    const auto negative_port = read(R"({"parts":[],"any":0,"port":-1})");
    REQUIRE_FALSE(negative_port.has_value());
    CHECK(negative_port.error().message == "\"/port\" is out of range (0 to 65535): \"-1\"");
    CHECK(read(R"({"parts":[],"any":0,"port":65536})").error().where == "/port");
    CHECK(read(R"({"parts":[],"any":0,"port":8.0e3})").value().port == 8000);

    const auto zero = read(R"({"parts":[],"any":0,"port":1,"dollars":0})");
    REQUIRE_FALSE(zero.has_value());
    CHECK(zero.error().code == errc::amount_not_positive);
    CHECK(zero.error().message == "\"/dollars\" must be a positive amount of minor units of USD, got \"0\"");
    CHECK(read(R"({"parts":[],"any":0,"port":1,"dollars":"1"})").error().message ==
          "\"/dollars\" must be a number of minor units of USD, not a string");
    CHECK(read(R"({"parts":[],"any":0,"port":1,"dollars":1.5})").error().message ==
          "\"/dollars\" must be a whole number of minor units of USD, got \"1.5\"");
    CHECK(read(R"({"parts":[],"any":0,"port":1,"dollars":99})").value().dollars->minor_units() ==
          99);
}

TEST_CASE("json::write: keys and texts at their worst stay within the bound", "[json][writer]")
{
    // Every byte that needs an escape, in an extra field's key, a string and a kept text; the
    // bound is checked by append_bounded's assertion (active in the sanitized build of these
    // tests) and here by reading the result back.
    std::string worst;
    for (int c = 0; c < 0x20; ++c)
        worst += static_cast<char>(c);
    worst += "\"\\/é緑\x7f";
    for (int i = 0; i < 6; ++i)
        worst += worst;
    bag b = sample();
    b.parts[0].name = worst;
    b.parts[0].extra_fields = {{worst, {"\"" + std::string(300, 'a') + "\""}},
                               {worst + "2", {"[]"}}};
    b.any.text = "[" + std::string(1000, ' ') + "]"; // kept as given: valid, not compact
    std::string out;
    const auto w = pj::write(out, b);
    REQUIRE(w.has_value());
    CHECK(out.size() == w->size());
    const auto back = pj::read<bag>(*w);
    REQUIRE(back.has_value());
    CHECK(back->parts == b.parts);
    CHECK(back->any.text == "[]"); // the reader keeps compact text
}
