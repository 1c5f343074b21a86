// SPDX-License-Identifier: BSL-1.0
// json::read<T> itself, on a struct with every member type the reader supports (see the top of
// json/reader.hpp): strings, booleans, integers, yen, nested structs, raw_json, extra_fields, the
// three kinds of conversion, vectors of each, optionals of each.
//
// Properties, besides the error rules:
//   - an `at` prefix changes nothing but the place of an error;
//   - a body one byte over max_body_size is refused before it is read;
//   - kept JSON (raw_json, extra_fields) is valid, compact JSON that reads back the same;
//   - an object conversion that guesses (streaming into a struct) gives exactly what reading the
//     object whole gives, value or error: the reader's promise for guesses;
//   - what reads into a struct of the types the writer supports (json/describe.hpp) is written
//     within its computed bound as valid JSON that reads back equal;
//   - json::write (json/writer.hpp) writes whatever reads into `record` (every member type, the
//     conversions' to_json included) as valid JSON that reads back equal.
#include "harness.hpp"

#include <portone/core/describe.hpp>
#include <portone/core/money.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/output.hpp>
#include <portone/json/reader.hpp>
#include <portone/json/writer.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace fuzz_json {

namespace pj = portone::json;
using portone::yen;
using namespace portone::literals;

/// A text conversion: one capital letter.
struct grade {
    char value = 0;
    friend bool operator==(grade, grade) = default;
};

/// An any-value conversion: any JSON but an array, kept as its compact text.
struct scalar_or_object {
    std::string json;
    friend bool operator==(const scalar_or_object&, const scalar_or_object&) = default;
};

struct part {
    std::string name;
    std::optional<yen> price;
    std::optional<std::int64_t> quantity;
    friend bool operator==(const part&, const part&) = default;
};

// The structs an object conversion chooses between, by a "kind" that may come last.
struct circle {
    std::string kind;
    yen radius = 1_yen;
    std::optional<std::string> label;
    friend bool operator==(const circle&, const circle&) = default;
};
struct label {
    std::string kind;
    std::optional<std::string> text;
    std::optional<bool> bold;
    std::optional<pj::raw_json> style;
    std::optional<grade> mark;
    pj::extra_fields extra_fields;
    friend bool operator==(const label&, const label&) = default;
};
using any_shape = std::variant<circle, label, std::string>; // std::string: another kind, as JSON

/// Read whole, then converted.
struct whole_shape {
    any_shape value;
    friend bool operator==(const whole_shape&, const whole_shape&) = default;
};
/// The same conversion, which also guesses from its owner's `hint` and streams into the guess.
struct guessed_shape {
    any_shape value;
    friend bool operator==(const guessed_shape&, const guessed_shape&) = default;
};

struct record {
    std::string text;
    bool flag = false;
    std::int64_t count = 0;
    yen amount = 1_yen;
    part first;
    pj::raw_json any;
    grade letter;
    scalar_or_object tag;
    std::vector<std::string> tags;
    std::optional<std::string> note;
    std::optional<bool> gift;
    std::optional<std::int64_t> rank;
    std::optional<yen> tip;
    std::optional<part> second;
    std::optional<pj::raw_json> maybe_any;
    std::optional<grade> bonus;
    std::optional<scalar_or_object> maybe_tag;
    std::optional<whole_shape> shape;
    std::optional<std::vector<std::int64_t>> counts;
    std::optional<std::vector<bool>> flags;
    std::optional<std::vector<yen>> amounts;
    std::optional<std::vector<part>> parts;
    std::optional<std::vector<pj::raw_json>> raws;
    std::optional<std::vector<grade>> grades;
    std::optional<std::vector<scalar_or_object>> scalars;
    std::optional<std::vector<std::vector<part>>> pages;
    std::optional<std::vector<whole_shape>> shapes;
    pj::extra_fields extra_fields;
    friend bool operator==(const record&, const record&) = default;
};

/// The same members around a whole or a guessed shape.
template <class Shape>
struct drawing {
    std::optional<std::string> hint;
    std::optional<Shape> main;
    std::optional<std::vector<Shape>> more;
    std::optional<std::string> after;
    friend bool operator==(const drawing&, const drawing&) = default;
};

/// Only what json/describe.hpp writes, under the keys `record` uses.
struct written_part {
    std::string name;
    std::optional<yen> price;
    std::optional<std::int64_t> quantity;
    friend bool operator==(const written_part&, const written_part&) = default;
};
struct written {
    std::string text;
    bool flag = false;
    std::int64_t count = 0;
    yen amount = 1_yen;
    written_part first;
    std::optional<std::string> note;
    std::optional<bool> gift;
    std::optional<std::int64_t> rank;
    std::optional<yen> tip;
    std::optional<written_part> second;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::vector<std::int64_t>> counts;
    std::optional<std::vector<bool>> flags;
    std::optional<std::vector<yen>> amounts;
    std::optional<std::vector<written_part>> parts;
    friend bool operator==(const written&, const written&) = default;
};

/// Holds one kept value, to read its text back.
struct kept {
    pj::raw_json value;
};

} // namespace fuzz_json

namespace fuzz_json {
PORTONE_DESCRIBE(part, name, price, quantity);
PORTONE_DESCRIBE(circle, kind, radius, label);
PORTONE_DESCRIBE(label, kind, text, bold, style, mark, extra_fields);
PORTONE_DESCRIBE(record, text, flag, count, amount, first, any, letter, tag, tags, note, gift, rank,
                 tip, second, maybe_any, bonus, maybe_tag, shape, counts, flags, amounts, parts,
                 raws, grades, scalars, pages, shapes, extra_fields);
PORTONE_DESCRIBE(drawing<whole_shape>, hint, main, more, after);
PORTONE_DESCRIBE(drawing<guessed_shape>, hint, main, more, after);
PORTONE_DESCRIBE(written_part, name, price, quantity);
PORTONE_DESCRIBE(written, text, flag, count, amount, first, note, gift, rank, tip, second, tags,
                 counts, flags, amounts, parts);
PORTONE_DESCRIBE(kept, value);
} // namespace fuzz_json

template <>
struct portone::json::conversion<fuzz_json::grade> {
    static constexpr conversion_source source = conversion_source::string;
    static result<fuzz_json::grade> convert(std::string_view text, std::string_view where)
    {
        if (text.size() != 1 || text[0] < 'A' || text[0] > 'Z')
            return error{errc::invalid_value, std::string(where),
                         compose({input(text), " is not one capital letter"})};
        return fuzz_json::grade{text[0]};
    }
    static std::string_view to_json(const fuzz_json::grade& g) { return {&g.value, 1}; }
};

template <>
struct portone::json::conversion<fuzz_json::scalar_or_object> {
    static constexpr conversion_source source = conversion_source::any_value;
    static result<fuzz_json::scalar_or_object> convert(std::string_view json,
                                                       std::string_view where)
    {
        if (json.starts_with('['))
            return error{errc::wrong_type, std::string(where),
                         compose({"an array is not accepted here: ", input(json)})};
        return fuzz_json::scalar_or_object{std::string(json)};
    }
    static raw_json_view to_json(const fuzz_json::scalar_or_object& s) { return {s.json}; }
};

namespace fuzz_json {

portone::result<any_shape> convert_shape(const pj::object_view& object, std::string_view where)
{
    const pj::object_member* kind = object.find("kind");
    if (kind == nullptr || kind->type != pj::json_type::string)
        return portone::error{portone::errc::invalid_value, std::string(where),
                              "a shape needs a kind"};
    if (kind->text == "circle") {
        auto c = pj::read<circle>(object, where);
        if (!c) return c.error();
        return any_shape(std::move(*c));
    }
    if (kind->text == "label") {
        auto l = pj::read<label>(object, where);
        if (!l) return l.error();
        return any_shape(std::move(*l));
    }
    return any_shape(pj::compact_text(object));
}

/// What a shape is written as: the struct it was read into, or the object kept as JSON.
using written_shape = std::variant<const circle*, const label*, pj::raw_json_view>;
inline written_shape shape_json(const any_shape& shape)
{
    return std::visit(
        []<class S>(const S& s) -> written_shape {
            if constexpr (std::is_same_v<S, std::string>) return pj::raw_json_view{s};
            else return &s;
        },
        shape);
}

} // namespace fuzz_json

template <>
struct portone::json::conversion<fuzz_json::whole_shape> {
    static constexpr conversion_source source = conversion_source::object;
    static result<fuzz_json::whole_shape> convert(const object_view& object,
                                                  std::string_view where)
    {
        auto shape = fuzz_json::convert_shape(object, where);
        if (!shape) return shape.error();
        return fuzz_json::whole_shape{std::move(*shape)};
    }
    static auto to_json(const fuzz_json::whole_shape& s) { return fuzz_json::shape_json(s.value); }
};

template <>
struct portone::json::conversion<fuzz_json::guessed_shape> {
    static constexpr conversion_source source = conversion_source::object;
    static result<fuzz_json::guessed_shape> convert(const object_view& object,
                                                    std::string_view where)
    {
        auto shape = fuzz_json::convert_shape(object, where);
        if (!shape) return shape.error();
        return fuzz_json::guessed_shape{std::move(*shape)};
    }
    static auto to_json(const fuzz_json::guessed_shape& s)
    {
        return fuzz_json::shape_json(s.value);
    }
    template <class Owner>
    static streamed_object stream(const Owner& owner, fuzz_json::guessed_shape& value)
    {
        if (owner.hint == "circle") return stream_into(value.value.emplace<fuzz_json::circle>());
        if (owner.hint == "label") return stream_into(value.value.emplace<fuzz_json::label>());
        return {};
    }
    static bool streamed(fuzz_json::guessed_shape& value)
    {
        if (const auto* c = std::get_if<fuzz_json::circle>(&value.value)) return c->kind == "circle";
        if (const auto* l = std::get_if<fuzz_json::label>(&value.value)) return l->kind == "label";
        return false;
    }
};

namespace {

namespace pj = portone::json;
using namespace fuzz_json;

/// Kept JSON is valid, compact (what raw_json promises) and reads back as the same text.
void check_kept(const pj::raw_json& value)
{
    boost::system::error_code ec;
    (void)boost::json::parse(value.text, ec);
    FUZZ_CHECK_DETAIL(!ec, value.text);
    const std::string again = R"({"value":)" + value.text + "}";
    const auto back = pj::read<kept>(again);
    FUZZ_CHECK_DETAIL(back && back->value == value, value.text);
}

void check_extra_fields(const pj::extra_fields& extras)
{
    std::set<std::string_view> keys;
    for (const auto& extra : extras) {
        FUZZ_CHECK_DETAIL(keys.insert(extra.key).second, extra.key); // duplicates are errors
        check_kept(extra.value);
    }
}

void check_record(const record& r)
{
    check_kept(r.any);
    if (r.maybe_any) check_kept(*r.maybe_any);
    if (r.raws)
        for (const auto& raw : *r.raws) check_kept(raw);
    check_extra_fields(r.extra_fields);
    if (r.shape)
        if (const auto* l = std::get_if<label>(&r.shape->value)) check_extra_fields(l->extra_fields);
    FUZZ_CHECK(r.amount.minor_units() > 0);
}

/// A prefix is only a place: the same value, or the same error further down.
void check_prefix(std::string_view body, const portone::result<record>& plain)
{
    constexpr std::string_view at = "/envelope/0";
    const auto prefixed = pj::read<record>(body, {}, at);
    FUZZ_CHECK(prefixed.has_value() == plain.has_value());
    if (plain) return;
    const portone::error a = plain.error(), b = prefixed.error();
    fuzz::check_error(b);
    FUZZ_CHECK(a.code == b.code);
    FUZZ_CHECK_DETAIL(b.where == std::string(at) + a.where, b.where);
}

void check_size_limit(std::string_view body)
{
    if (body.empty()) return;
    pj::read_limits limits;
    limits.max_body_size = body.size() - 1;
    const auto refused = pj::read<record>(body, limits);
    FUZZ_CHECK(!refused);
    const portone::error e = refused.error();
    fuzz::check_error(e);
    FUZZ_CHECK(e.code == portone::errc::limit_exceeded && e.where.empty());
}

/// A guess changes how fast, never what: the reader reads again whenever a guess was wrong.
void check_guesses(std::string_view body)
{
    const auto whole = pj::read<drawing<whole_shape>>(body);
    const auto guessed = pj::read<drawing<guessed_shape>>(body);
    FUZZ_CHECK(whole.has_value() == guessed.has_value());
    if (!whole) {
        fuzz::check_error(whole.error());
        fuzz::check_same_error(whole.error(), guessed.error());
        return;
    }
    FUZZ_CHECK(whole->hint == guessed->hint && whole->after == guessed->after);
    FUZZ_CHECK(whole->main.has_value() == guessed->main.has_value());
    if (whole->main) FUZZ_CHECK(whole->main->value == guessed->main->value);
    FUZZ_CHECK(whole->more.has_value() == guessed->more.has_value());
    if (whole->more) {
        FUZZ_CHECK(whole->more->size() == guessed->more->size());
        for (std::size_t i = 0; i < whole->more->size(); ++i)
            FUZZ_CHECK((*whole->more)[i].value == (*guessed->more)[i].value);
    }
}

/// Written by write_object, which omits an empty array unless it is an optional's value:
/// absent and empty read back alike here.
template <class T>
void forget_empty(std::optional<std::vector<T>>& v)
{
    if (v && v->empty()) v.reset();
}
void normalize(written& w)
{
    forget_empty(w.tags);
    forget_empty(w.counts);
    forget_empty(w.flags);
    forget_empty(w.amounts);
    forget_empty(w.parts);
}

void check_written(std::string_view body)
{
    auto value = pj::read<written>(body);
    if (!value) {
        fuzz::check_error(value.error());
        return;
    }
    normalize(*value);
    std::string out = "prefix";
    const std::size_t bound = pj::detail::object_bound(*value);
    const std::string_view json = pj::append_bounded(
        out, bound, [&](char* p) { return pj::detail::write_object(p, *value); });
    FUZZ_CHECK(json.size() <= bound);
    FUZZ_CHECK(out.starts_with("prefix") && out.size() == 6 + json.size());

    boost::system::error_code ec;
    (void)boost::json::parse(json, ec);
    FUZZ_CHECK_DETAIL(!ec, json);
    auto back = pj::read<written>(json);
    FUZZ_CHECK_DETAIL(back.has_value(), json);
    normalize(*back);
    FUZZ_CHECK_DETAIL(*back == *value, json);
}

void check_write_back(const portone::result<record>& value)
{
    if (!value) return;
    std::string out = "prefix";
    const auto json = pj::write(out, *value);
    FUZZ_CHECK(json.has_value()); // what the reader kept is JSON the writer takes
    if (!json) return;
    FUZZ_CHECK(out.size() == 6 + json->size());
    boost::system::error_code ec;
    (void)boost::json::parse(*json, ec);
    FUZZ_CHECK_DETAIL(!ec, *json);
    const auto back = pj::read<record>(*json);
    FUZZ_CHECK_DETAIL(back.has_value(), *json);
    if (back) FUZZ_CHECK_DETAIL(*back == *value, *json);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::exact_copy input(data, size);
    const std::string_view body = input.view();

    const auto value = pj::read<record>(body);
    if (value) check_record(*value);
    else fuzz::check_error(value.error());
    check_prefix(body, value);
    check_size_limit(body);
    check_guesses(body);
    check_written(body);
    check_write_back(value);
    return 0;
}
