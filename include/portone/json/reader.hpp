// Reading JSON into described structs (core/describe.hpp), for untrusted input such as webhooks.
//
//   struct address { std::optional<std::string> city; std::string country_code; };
//   PORTONE_DESCRIBE(address, city, country_code)
//
//   portone::result<address> a = portone::json::read<address>(body);   // never throws
//
// The reader is a SAX handler for Boost.JSON's basic_parser that writes each value straight into
// its member: there is no boost::json::value in between (no DOM, no second walk, no allocation
// per value beyond the strings that end up in the struct). The same PORTONE_DESCRIBE line drives
// the writer (json/describe.hpp), so a member's JSON key is its name in both directions.
//
// Member types and the JSON they accept:
//
//   std::string            a string
//   bool                   true or false
//   std::int64_t           an integer (also a number with a zero fraction: 7.0)
//   portone::yen           a number of yen: 500 and 500.0 are accepted; 500.5, 0, negative amounts
//                          and amounts above portone::max_minor_units are typed errors
//                          (invalid_value, amount_not_positive, amount_too_large)
//   a described struct     an object, read with its own description
//   raw_json               any value, kept as compact JSON text (read_types.hpp)
//   extra_fields           not a key: collects the object's unknown keys (read_types.hpp)
//   V with conversion<V>   a string or any value, converted by your function (read_types.hpp)
//   std::optional<V>       V, or absent; `null` also means absent (except for raw_json, which
//                          keeps any value, null included)
//
// Policies (also in docs/webhooks.md):
//   - Every member that is not a std::optional (nor extra_fields) is required: absent, it is an
//     errc::missing_field error at its path. The first missing member in declaration order is
//     reported.
//   - Unknown keys are skipped, at any depth, unless the object has an extra_fields member, which
//     keeps them.
//   - A key repeated in the same object is an errc::duplicate_key error, in every object, known
//     or not: two parsers that keep different copies of a duplicate could otherwise disagree about
//     what a signed message says.
//   - Limits (read_limits): body size, nesting depth and keys per object; over one is
//     errc::limit_exceeded.
//   - Not JSON, truncated JSON, data after the document, comments, trailing commas, invalid
//     escapes and invalid UTF-8 are errc::invalid_json; a value of the wrong JSON type is
//     errc::wrong_type.
//   - Every error carries the JSON Pointer (RFC 6901) of the value in error::where
//     ("/additional_payment_details/store"; "" is the whole body) and a sentence in
//     error::message. Reading stops at the first error.
//
// The target type must be default-constructible (a required yen member therefore needs a default
// member initializer; the reader overwrites it or fails). Nothing here throws except
// std::bad_alloc.
#pragma once

#include <portone/core/describe.hpp>
#include <portone/core/error.hpp>
#include <portone/core/money.hpp>
#include <portone/core/validation.hpp>
#include <portone/json/describe.hpp>
#include <portone/json/read_types.hpp>
#include <portone/json/string_escape.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace portone::json {

namespace detail {

/// How the reader treats a member, decided at compile time from its type.
enum class value_kind : unsigned char {
    string,
    boolean,
    integer,
    amount,
    object,
    raw,
    text_conversion,
    raw_conversion,
    extras,
};

struct object_info;

/// One member of a described struct, as the reader sees it: its key, its kind and the functions
/// that store a value into it. Type-erased (void* owner) so that one non-template handler, and one
/// basic_parser instantiation, serve every described struct; each table is a constant.
struct member_info {
    std::string_view name;
    value_kind kind{};
    bool optional = false;
    const object_info* nested = nullptr;
    /// object: the nested struct inside `owner` (emplaced first if optional).
    void* (*enter)(void* owner) = nullptr;
    /// string, raw, conversions: stores `text` (which it may move from); false and `out` set if
    /// a conversion fails.
    bool (*store_text)(void* owner, std::string& text, std::string_view where,
                       error& out) = nullptr;
    void (*store_bool)(void* owner, bool value) = nullptr;
    void (*store_integer)(void* owner, std::int64_t value) = nullptr;
    void (*store_amount)(void* owner, yen value) = nullptr;
};

/// A described struct, as the reader sees it.
struct object_info {
    const member_info* members = nullptr;
    std::size_t size = 0;
    /// Appends an unknown key to the struct's extra_fields member; nullptr if it has none.
    void (*add_extra)(void* owner, std::string_view key, std::string& json) = nullptr;
};

template <class T>
struct optional_value {
    using type = T;
};
template <class T>
struct optional_value<std::optional<T>> {
    using type = T;
};

template <class Owner, class Field>
Field member_field(Field Owner::*);

/// The member's storage, engaged if it is an optional.
template <class Field>
auto& engaged(Field& field)
{
    if constexpr (is_optional<Field>) {
        if (!field) field.emplace();
        return *field;
    } else {
        return field;
    }
}

template <class Owner, auto Pointer>
auto& field_of(void* owner) noexcept
{
    return static_cast<Owner*>(owner)->*Pointer;
}

template <class Owner, auto Pointer>
bool store_string(void* owner, std::string& text, std::string_view, error&)
{
    engaged(field_of<Owner, Pointer>(owner)).assign(text); // a copy: `text` keeps its capacity
    return true;
}

template <class Owner, auto Pointer>
bool store_raw(void* owner, std::string& text, std::string_view, error&)
{
    engaged(field_of<Owner, Pointer>(owner)).text = std::move(text);
    return true;
}

template <class Owner, auto Pointer, class V>
bool store_converted(void* owner, std::string& text, std::string_view where, error& out)
{
    auto converted = conversion<V>::convert(std::string_view(text), where);
    if (!converted) {
        out = converted.error();
        return false;
    }
    field_of<Owner, Pointer>(owner) = std::move(*converted);
    return true;
}

template <class Owner, auto Pointer>
void store_bool(void* owner, bool value)
{
    field_of<Owner, Pointer>(owner) = value;
}

template <class Owner, auto Pointer>
void store_integer(void* owner, std::int64_t value)
{
    field_of<Owner, Pointer>(owner) = value;
}

template <class Owner, auto Pointer>
void store_amount(void* owner, yen value)
{
    field_of<Owner, Pointer>(owner) = value;
}

template <class Owner, auto Pointer>
void* enter_object(void* owner)
{
    return &engaged(field_of<Owner, Pointer>(owner));
}

template <class Owner, auto Pointer>
void add_extra(void* owner, std::string_view key, std::string& json)
{
    field_of<Owner, Pointer>(owner).push_back({std::string(key), raw_json{std::move(json)}});
}

template <class T>
inline constexpr bool unsupported_member = false;

template <class T>
struct object_table;

template <class Owner, class Member>
constexpr member_info make_member_info()
{
    constexpr auto pointer = Member::pointer;
    using Field = decltype(member_field(pointer));
    using V = typename optional_value<Field>::type;
    member_info m;
    m.name = Member::name;
    m.optional = is_optional<Field>;
    if constexpr (std::is_same_v<Field, extra_fields>) {
        m.kind = value_kind::extras;
    } else if constexpr (converted<V>) {
        m.kind = conversion<V>::source == conversion_source::string ? value_kind::text_conversion
                                                                     : value_kind::raw_conversion;
        m.store_text = &store_converted<Owner, pointer, V>;
    } else if constexpr (std::is_same_v<V, std::string>) {
        m.kind = value_kind::string;
        m.store_text = &store_string<Owner, pointer>;
    } else if constexpr (std::is_same_v<V, raw_json>) {
        m.kind = value_kind::raw;
        m.store_text = &store_raw<Owner, pointer>;
    } else if constexpr (std::is_same_v<V, bool>) {
        m.kind = value_kind::boolean;
        m.store_bool = &store_bool<Owner, pointer>;
    } else if constexpr (std::is_same_v<V, std::int64_t>) {
        m.kind = value_kind::integer;
        m.store_integer = &store_integer<Owner, pointer>;
    } else if constexpr (std::is_same_v<V, yen>) {
        m.kind = value_kind::amount;
        m.store_amount = &store_amount<Owner, pointer>;
    } else if constexpr (describe::described<V>) {
        m.kind = value_kind::object;
        m.nested = &object_table<V>::info;
        m.enter = &enter_object<Owner, pointer>;
    } else {
        static_assert(unsupported_member<V>,
                      "portone::json::read cannot read this member type: use std::string, bool, "
                      "std::int64_t, portone::yen, raw_json, extra_fields, a described struct, a "
                      "type with a json::conversion, or std::optional of one of these");
    }
    return m;
}

template <class Owner, class... Members>
constexpr std::array<member_info, sizeof...(Members)>
make_members(describe::member_list<Members...>)
{
    return {make_member_info<Owner, Members>()...};
}

template <class Owner, class... Members>
constexpr auto find_extras(describe::member_list<Members...>)
{
    using extras_fn = void (*)(void*, std::string_view, std::string&);
    extras_fn f = nullptr;
    int count = 0;
    (
        [&] {
            if constexpr (std::is_same_v<decltype(member_field(Members::pointer)), extra_fields>) {
                f = &add_extra<Owner, Members::pointer>;
                ++count;
            }
        }(),
        ...);
    return std::pair{f, count};
}

/// The reader's table for a described struct: a constant, built once per type.
template <class T>
struct object_table {
    static constexpr auto members = make_members<T>(describe::members_of<T>{});
    static constexpr auto extras = find_extras<T>(describe::members_of<T>{});
    static_assert(members.size() <= 128, "portone::json::read supports at most 128 members");
    static_assert(extras.second <= 1,
                  "a described struct may have at most one extra_fields member");
    static constexpr object_info info{members.data(), members.size(), extras.first};
};

/// Appends `key` to a JSON Pointer as one reference token ('~' is "~0", '/' is "~1").
inline void append_pointer_token(std::string& path, std::string_view key)
{
    path += '/';
    for (char c : key) {
        if (c == '~') path += "~0";
        else if (c == '/') path += "~1";
        else path += c;
    }
}

/// Appends `s` as a JSON string (quoted, escaped) to `out`.
inline void append_json_string(std::string& out, std::string_view s)
{
    const std::size_t old = out.size();
    out.resize(old + string_bound(s));
    out[old] = '"';
    char* end = write_string_tail(out.data() + old + 1, s);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

/// The SAX handler: Boost.JSON's parser calls it for each token, it writes into the target
/// struct through the member tables. One error (the first) stops the parse.
class reader_handler {
public:
    // No per-token limits of Boost's own: the body size bounds them all (read_limits).
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    reader_handler(const read_limits& limits, const object_info& root, void* object,
                   std::string_view prefix)
        : limits_(limits), root_(root), root_object_(object), path_(prefix)
    {
    }

    using string_view = boost::json::string_view;
    using error_code = boost::json::error_code;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec)
    {
        if (!in_raw_) {
            if (target_ == target::root) {
                push({&root_, root_object_, false});
                target_ = target::none;
                return true;
            }
            if (target_ == target::member && member_->kind == value_kind::object) {
                push({member_->nested, member_->enter(top().object), false});
                return true;
            }
            if (!begin_raw(token::object)) return stop(ec);
        } else {
            raw_element();
        }
        if (keep_) raw_ += '{';
        push({nullptr, nullptr, false});
        return true;
    }

    bool on_object_end(std::size_t, error_code& ec)
    {
        const frame& f = top();
        if (f.info == nullptr) {
            if (keep_) raw_ += '}';
            pop();
            return end_raw_value() || stop(ec);
        }
        for (std::size_t i = 0; i < f.info->size; ++i) {
            const member_info& m = f.info->members[i];
            if (!m.optional && m.kind != value_kind::extras && !f.has_seen(i)) {
                path_.resize(f.path_size);
                missing(m.name);
                return stop(ec);
            }
        }
        pop();
        return true;
    }

    bool on_array_begin(error_code& ec)
    {
        if (!in_raw_) {
            if (!begin_raw(token::array)) return stop(ec);
        } else {
            raw_element();
        }
        if (keep_) raw_ += '[';
        push({nullptr, nullptr, true});
        return true;
    }

    bool on_array_end(std::size_t, error_code& ec)
    {
        if (keep_) raw_ += ']';
        pop();
        return end_raw_value() || stop(ec);
    }

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(string_view s, std::size_t, error_code& ec)
    {
        key_.append(s.data(), s.size());
        const bool ok = on_full_key();
        key_.clear();
        return ok || stop(ec);
    }

    bool on_string_part(string_view s, std::size_t, error_code& ec)
    {
        if (!in_scalar_) {
            if (!begin_scalar(token::string)) return stop(ec);
            in_scalar_ = true;
        }
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_string(string_view s, std::size_t, error_code& ec)
    {
        if (!in_scalar_ && !begin_scalar(token::string)) return stop(ec);
        in_scalar_ = false;
        text_.append(s.data(), s.size());
        bool ok = true;
        if (in_raw_) {
            if (keep_) append_json_string(raw_, text_);
            ok = end_raw_value();
        } else {
            ok = member_->store_text(top().object, text_, path_, error_);
            failed_ = !ok;
        }
        text_.clear();
        return ok || stop(ec);
    }

    bool on_number_part(string_view s, error_code& ec)
    {
        if (!in_scalar_) {
            if (!begin_scalar(token::number)) return stop(ec);
            in_scalar_ = true;
        }
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_int64(std::int64_t v, string_view s, error_code& ec)
    {
        return number(s, [&] { return store_int64(v); }) || stop(ec);
    }

    bool on_uint64(std::uint64_t v, string_view s, error_code& ec)
    {
        return number(s, [&] {
                   if (v <= static_cast<std::uint64_t>(INT64_MAX))
                       return store_int64(static_cast<std::int64_t>(v));
                   return out_of_range(true);
               }) ||
               stop(ec);
    }

    bool on_double(double v, string_view s, error_code& ec)
    {
        return number(s, [&] { return store_double(v); }) || stop(ec);
    }

    bool on_bool(bool v, error_code& ec)
    {
        if (!begin_scalar(token::boolean)) return stop(ec);
        if (in_raw_) {
            if (keep_) raw_ += v ? "true" : "false";
            return end_raw_value() || stop(ec);
        }
        member_->store_bool(top().object, v);
        return true;
    }

    bool on_null(error_code& ec)
    {
        // null is an absent optional, except for raw_json, which keeps every value.
        if (!in_raw_ && target_ == target::member && member_->optional &&
            member_->kind != value_kind::raw)
            return true;
        if (!begin_scalar(token::null)) return stop(ec);
        if (keep_) raw_ += "null";
        return end_raw_value() || stop(ec);
    }

    // Comments are rejected by the parser (parse_options::allow_comments is false).
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    /// The first error, if reading failed in the handler (not in the parser).
    bool failed() const noexcept { return failed_; }
    error& failure() noexcept { return error_; }
    /// The JSON Pointer of the value being read.
    const std::string& path() const noexcept { return path_; }

private:
    enum class target : unsigned char { none, root, member, extra, skip };
    enum class token : unsigned char { object, array, string, number, boolean, null };

    struct frame {
        const object_info* info = nullptr; ///< nullptr: inside a value kept or skipped as raw
        void* object = nullptr;
        bool array = false;
        std::size_t path_size = 0;  ///< length of path_ for this object or array itself
        std::size_t keys_begin = 0; ///< its keys in keys_ (unknown ones, for described objects)
        std::size_t count = 0;      ///< keys or elements so far
        std::uint64_t seen[2] = {0, 0};

        bool has_seen(std::size_t i) const noexcept { return (seen[i / 64] >> (i % 64)) & 1u; }
        void see(std::size_t i) noexcept { seen[i / 64] |= std::uint64_t(1) << (i % 64); }
    };

    frame& top() noexcept { return frames_.back(); }

    void push(frame f)
    {
        f.path_size = path_.size();
        f.keys_begin = keys_.size();
        frames_.push_back(f);
    }

    void pop()
    {
        const frame& f = frames_.back();
        path_.resize(f.path_size);
        keys_.resize(f.keys_begin);
        frames_.pop_back();
    }

    bool stop(error_code& ec)
    {
        ec = boost::json::error::exception; // any error: read_into reports error_ instead
        return false;
    }

    /// A key has been read in full (key_).
    bool on_full_key()
    {
        frame& f = top();
        if (++f.count > limits_.max_object_members) {
            path_.resize(f.path_size);
            return fail(errc::limit_exceeded,
                        {"an object at ", shown_path(), " has more than ",
                         decimal(static_cast<long long>(limits_.max_object_members)), " keys"});
        }
        path_.resize(f.path_size);
        append_pointer_token(path_, key_);
        if (f.info != nullptr) {
            for (std::size_t i = 0; i < f.info->size; ++i) {
                const member_info& m = f.info->members[i];
                if (m.kind == value_kind::extras || m.name != key_) continue;
                if (f.has_seen(i)) return duplicate();
                f.see(i);
                target_ = target::member;
                member_ = &m;
                return true;
            }
        }
        for (std::size_t i = f.keys_begin; i < keys_.size(); ++i)
            if (keys_[i] == key_) return duplicate();
        keys_.push_back(key_);
        if (f.info == nullptr) { // inside a raw value: copy the key
            if (keep_) {
                if (f.count > 1) raw_ += ',';
                append_json_string(raw_, key_);
                raw_ += ':';
            }
            return true;
        }
        if (f.info->add_extra != nullptr) {
            target_ = target::extra;
            extra_key_.assign(key_);
        } else {
            target_ = target::skip;
        }
        return true;
    }

    /// The first token of a scalar value (string, number, true, false, null).
    bool begin_scalar(token t)
    {
        if (in_raw_) {
            raw_element();
            return true;
        }
        if (target_ == target::member) {
            switch (member_->kind) {
            case value_kind::string:
            case value_kind::text_conversion:
                if (t == token::string) return true;
                break;
            case value_kind::boolean:
                if (t == token::boolean) return true;
                break;
            case value_kind::integer:
            case value_kind::amount:
                if (t == token::number) return true;
                break;
            default: break;
            }
        }
        return begin_raw(t);
    }

    /// A value that the current target keeps whole as JSON text (raw_json, a conversion from any
    /// value, an unknown key), or skips: from here on, tokens are copied to raw_ (or only
    /// checked, when skipping) until the value ends.
    bool begin_raw(token t)
    {
        if (target_ == target::member && member_->kind != value_kind::raw &&
            member_->kind != value_kind::raw_conversion)
            return wrong_type(t);
        if (target_ == target::root || target_ == target::none) return wrong_type(t);
        in_raw_ = true;
        keep_ = target_ != target::skip;
        raw_base_ = frames_.size();
        raw_path_size_ = path_.size();
        raw_target_ = target_;
        raw_member_ = member_;
        raw_.clear();
        return true;
    }

    /// A value starts inside a raw array: its separator and its path.
    void raw_element()
    {
        if (frames_.size() == raw_base_) return; // the raw value itself, not an element
        frame& f = top();
        if (!f.array) return; // object members are handled with their key
        if (keep_ && f.count > 0) raw_ += ',';
        path_.resize(f.path_size);
        path_ += '/';
        path_ += std::to_string(f.count);
        ++f.count;
    }

    /// A value inside raw mode has ended; if it was the raw value itself, hand it over.
    bool end_raw_value()
    {
        if (frames_.size() != raw_base_) return true;
        in_raw_ = false;
        keep_ = false;
        path_.resize(raw_path_size_);
        if (raw_target_ == target::member) {
            failed_ = !raw_member_->store_text(top().object, raw_, path_, error_);
        } else if (raw_target_ == target::extra) {
            top().info->add_extra(top().object, extra_key_, raw_);
        }
        raw_.clear();
        return !failed_;
    }

    template <class Store>
    bool number(string_view last, Store store)
    {
        if (!in_scalar_ && !begin_scalar(token::number)) return false;
        in_scalar_ = false;
        text_.append(last.data(), last.size());
        bool ok = true;
        if (in_raw_) {
            if (keep_) raw_ += text_;
            ok = end_raw_value();
        } else {
            ok = store();
        }
        text_.clear();
        return ok;
    }

    bool store_int64(std::int64_t v)
    {
        if (member_->kind == value_kind::integer) {
            member_->store_integer(top().object, v);
            return true;
        }
        auto amount = yen::from(v);
        if (!amount) return bad_amount(amount.error().code);
        member_->store_amount(top().object, *amount);
        return true;
    }

    bool store_double(double v)
    {
        // A JSON number with a zero fraction (500.0, 5e2) is a whole number: PortOne documents
        // `amount` as a float64 and may print it either way.
        if (v != std::floor(v)) return not_whole();
        constexpr double limit = 9.0e18; // well inside int64, far above every maximum
        if (v >= limit) return out_of_range(true);
        if (v <= -limit) return out_of_range(false);
        return store_int64(static_cast<std::int64_t>(v));
    }

    // Error paths: out of line, they are rare and their code need not sit in the hot handlers.

    /// The path for a message: quoted like any input (keys come from the input), or "the body".
    message_part shown_path() const noexcept
    {
        return path_.empty() ? message_part("the body") : input(path_);
    }

    [[gnu::noinline]] bool fail(errc code, std::initializer_list<message_part> parts)
    {
        error_ = error{code, path_, compose(parts)};
        failed_ = true;
        return false;
    }

    [[gnu::noinline]] bool duplicate()
    {
        const std::string_view object = std::string_view(path_).substr(0, top().path_size);
        return fail(errc::duplicate_key,
                    {"the key ", input(key_), " appears twice in the object at ",
                     object.empty() ? message_part("the body") : input(object)});
    }

    [[gnu::noinline]] void missing(std::string_view name)
    {
        const std::string where = path_;
        append_pointer_token(path_, name);
        fail(errc::missing_field, {input(path_), " is required but missing from ",
                                   where.empty() ? message_part("the body") : input(where)});
    }

    static std::string_view expected(value_kind k) noexcept
    {
        switch (k) {
        case value_kind::string:
        case value_kind::text_conversion: return "a string";
        case value_kind::boolean: return "true or false";
        case value_kind::integer: return "an integer";
        case value_kind::amount: return "a number of yen";
        case value_kind::object: return "an object";
        default: return "a JSON value";
        }
    }

    static std::string_view got(token t) noexcept
    {
        switch (t) {
        case token::object: return "an object";
        case token::array: return "an array";
        case token::string: return "a string";
        case token::number: return "a number";
        case token::boolean: return "a boolean";
        case token::null: return "null";
        }
        return "a value";
    }

    [[gnu::noinline]] bool wrong_type(token t)
    {
        if (target_ == target::root || target_ == target::none)
            return fail(errc::wrong_type, {"the body must be a JSON object, not ", got(t)});
        return fail(errc::wrong_type,
                    {shown_path(), " must be ", expected(member_->kind), ", not ", got(t)});
    }

    [[gnu::noinline]] bool bad_amount(errc code)
    {
        if (code == errc::amount_not_positive)
            return fail(code, {shown_path(), " must be a positive amount of yen, got ",
                               input(text_)});
        return fail(code, {shown_path(), " is above the maximum of ",
                           decimal(max_minor_units<currency::jpy>), " yen, got ", input(text_)});
    }

    [[gnu::noinline]] bool not_whole()
    {
        return fail(errc::invalid_value,
                    {shown_path(), " must be a whole number",
                     member_->kind == value_kind::amount ? std::string_view(" of yen") : "",
                     ", got ", input(text_)});
    }

    [[gnu::noinline]] bool out_of_range(bool positive)
    {
        if (member_->kind == value_kind::amount)
            return bad_amount(positive ? errc::amount_too_large : errc::amount_not_positive);
        return fail(errc::invalid_value,
                    {shown_path(), " is out of the range of a 64-bit integer: ", input(text_)});
    }

    const read_limits& limits_;
    const object_info& root_;
    void* root_object_;
    std::string path_;
    std::vector<frame> frames_;
    std::vector<std::string> keys_;
    std::string key_;
    std::string text_; ///< the string or number being read (parts accumulate here)
    std::string raw_;  ///< the raw value being copied
    std::string extra_key_;
    target target_ = target::root;
    const member_info* member_ = nullptr;
    bool in_scalar_ = false;
    bool in_raw_ = false; ///< inside a value kept (or skipped) as raw JSON
    bool keep_ = false;
    std::size_t raw_base_ = 0;
    std::size_t raw_path_size_ = 0;
    target raw_target_ = target::none;
    const member_info* raw_member_ = nullptr;
    bool failed_ = false;
    error error_;
};

[[gnu::noinline]] inline error parser_error(const boost::json::error_code& ec,
                                            std::string_view body, std::string where)
{
    namespace bj = boost::json;
    const message_part at = where.empty() ? message_part("the body") : input(where);
    std::string message;
    errc code = errc::invalid_json;
    if (ec == bj::error::too_deep) {
        code = errc::limit_exceeded;
        message = compose({"the JSON is nested too deeply at ", at});
    } else if (ec == bj::error::incomplete) {
        message = compose({"the JSON ends early (truncated?) at ", at});
    } else if (ec == bj::error::syntax && !validation::is_valid_utf8(body)) {
        // Boost.JSON reports bad UTF-8 as a syntax error; say which it was.
        message = compose({"the body is not valid UTF-8 (at ", at, ")"});
    } else {
        const std::string what = ec.message();
        message = compose({"the body is not valid JSON (", std::string_view(what), ") at ", at});
    }
    return {code, std::move(where), std::move(message)};
}

/// Reads `body` into `object` (described by `info`). A template only so that Boost.JSON's parser
/// is instantiated in the translation units that read JSON, not in every one that includes this
/// header.
template <class Handler = reader_handler>
std::optional<error> read_into(std::string_view body, const read_limits& limits,
                               const object_info& info, void* object, std::string_view prefix)
{
    if (body.size() > limits.max_body_size)
        return error{errc::limit_exceeded, std::string(prefix),
                     compose({"the body is ", decimal(static_cast<long long>(body.size())),
                              " bytes, more than the limit of ",
                              decimal(static_cast<long long>(limits.max_body_size))})};
    boost::json::parse_options options;
    options.max_depth = limits.max_depth;
    boost::json::basic_parser<Handler> parser(options, limits, info, object, prefix);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    Handler& h = parser.handler();
    if (h.failed()) return std::move(h.failure());
    if (ec) return parser_error(ec, body, h.path());
    if (used != body.size())
        return error{errc::invalid_json, std::string(prefix),
                     compose({"the body has data after the JSON value, at byte ",
                              decimal(static_cast<long long>(used))})};
    return std::nullopt;
}

} // namespace detail

/// Reads `body`, a JSON object, into a new T (a described struct; see the top of this file for
/// the member types and policies). `at` is the JSON Pointer of `body` inside a larger document,
/// used as the prefix of every error's `where`.
template <describe::described T>
result<T> read(std::string_view body, const read_limits& limits = {}, std::string_view at = {})
{
    static_assert(std::is_default_constructible_v<T>,
                  "portone::json::read needs a default-constructible struct (give required "
                  "portone::yen members a default member initializer)");
    T out{};
    if (auto e = detail::read_into(body, limits, detail::object_table<T>::info, &out, at))
        return std::move(*e);
    return out;
}

} // namespace portone::json
