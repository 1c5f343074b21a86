// SPDX-License-Identifier: BSL-1.0
// The reader's SAX handler for Boost.JSON's basic_parser. Only json/detail/impl/read_into.ipp
// uses it (it instantiates the parser), so with portone::compiled a user's translation unit
// never sees this class: it is compiled once, with the parser, in <portone/src.hpp>.
//
// Its member functions are defined in three files by concern: impl/reader_handler.ipp (tokens
// into typed members: structs, arrays, scalars, keys), impl/reader_handler_raw.ipp (values kept
// whole as JSON text, skipped, or read whole for an object conversion) and
// impl/reader_handler_errors.ipp (rendering the JSON Pointer, and the errors).
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/json/detail/member_table.hpp>
#include <portone/json/detail/sax_limits.hpp>
#include <portone/json/read_types.hpp>

#include <boost/json/error.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/string_view.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace portone::json::detail {

/// The SAX handler: Boost.JSON's parser calls it for each token, it writes into the target
/// struct through the member tables. One error (the first) stops the parse.
///
/// The JSON Pointer of the current value is not kept as a string: each frame (object or array
/// being read) remembers its current key (a member, or an unknown key it stored anyway to detect
/// duplicates) or its element count, and the pointer is rendered from them only when it is
/// needed, for an error or for a conversion's `where`.
///
/// Its working memory (frames, keys, records) comes from a buffer inside the handler, so that a
/// typical body is read without any heap allocation besides the values stored.
///
/// Not a template: the member tables are type-erased, so one handler, and one instantiation of
/// the parser, serve every described struct.
class reader_handler : public unlimited_sax_sizes {
public:

    /// `may_guess`: object conversions may have their object streamed into the struct they
    /// guess (member_info::stream); the caller reads the body again, without, if that fails.
    PORTONE_DECL reader_handler(const read_limits& limits, const read_context& context,
                                const object_info& root, void* object,
                                std::string_view body, std::string_view prefix,
                                bool may_guess = false);

    using string_view = boost::json::string_view;
    using error_code = boost::json::error_code;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec) { return begin_container(false) || stop(ec); }

    PORTONE_DECL bool on_object_end(std::size_t, error_code& ec);

    /// Whether an object was streamed into a conversion's guess: then any failure (a wrong
    /// guess, or an error that reading the object whole might report differently) means the
    /// body must be read again without guessing.
    bool guessed() const noexcept { return guessed_; }

    bool on_array_begin(error_code& ec) { return begin_container(true) || stop(ec); }

    PORTONE_DECL bool on_array_end(std::size_t, error_code& ec);

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        key_.append(s.data(), s.size());
        return true;
    }

    PORTONE_DECL bool on_key(string_view s, std::size_t, error_code& ec);

    /// Any key: given in parts, unknown, repeated, over the limit, or inside a raw value. Out of
    /// line (noinline), to keep on_key's common case small; declared without PORTONE_DECL for
    /// that reason (see read_errors.hpp).
    bool any_key(string_view s, error_code& ec);

    PORTONE_DECL bool on_string_part(string_view s, std::size_t, error_code& ec);
    PORTONE_DECL bool on_string(string_view s, std::size_t, error_code& ec);
    PORTONE_DECL bool on_number_part(string_view s, error_code& ec);
    PORTONE_DECL bool on_int64(std::int64_t v, string_view s, error_code& ec);
    PORTONE_DECL bool on_uint64(std::uint64_t v, string_view s, error_code& ec);
    PORTONE_DECL bool on_double(double v, string_view s, error_code& ec);
    PORTONE_DECL bool on_bool(bool v, error_code& ec);
    PORTONE_DECL bool on_null(error_code& ec);

    // Comments are rejected by the parser (parse_options::allow_comments is false).
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    /// The first error, if reading failed in the handler (not in the parser).
    bool failed() const noexcept { return failed_; }
    error& failure() noexcept { return error_; }
    /// The JSON Pointer of the value being read.
    std::string path() { return std::string(build(frames_.size())); }

private:
    enum class target : unsigned char { none, root, member, extra, skip };

    static constexpr std::size_t no_key = std::size_t(-1);

    template <class T>
    using scratch_vector = std::vector<T, boost::json::polymorphic_allocator<T>>;
    using scratch_string =
        std::basic_string<char, std::char_traits<char>, boost::json::polymorphic_allocator<char>>;

    struct frame {
        /// The described struct; nullptr for a typed array, and inside a value kept or skipped
        /// as raw JSON.
        const object_info* info = nullptr;
        const member_info* element = nullptr; ///< a typed array's elements, else nullptr
        void* object = nullptr; ///< the struct, or the std::vector of a typed array
        bool array = false;
        std::size_t count = 0;      ///< keys or elements so far
        std::size_t keys_begin = 0; ///< its keys in key_spans_ (unknown ones, for a struct)
        /// The key of the value being read in this object, for its JSON Pointer: a member
        /// (`key_member`), an unknown key (key_spans_[key]), or none yet.
        const member_info* key_member = nullptr;
        std::size_t key = no_key;
        std::uint64_t seen[2] = {0, 0}; ///< the members read so far (bit i: info->members[i])
        /// The object conversion member whose guess this struct is (member_info::stream).
        const member_info* guessed_for = nullptr;

        bool has_seen(std::size_t i) const noexcept { return (seen[i / 64] >> (i % 64)) & 1u; }
        void see(std::size_t i) noexcept { seen[i / 64] |= std::uint64_t(1) << (i % 64); }
    };

    struct key_span {
        std::size_t begin, size; ///< in key_chars_
    };

    /// Where the value of a member of an object read whole is (offsets: the buffers grow).
    enum class source : unsigned char { body, unescaped, raw };
    struct member_record {
        std::size_t key = 0; ///< in key_spans_
        json_type type = json_type::null;
        source in = source::raw;
        std::size_t begin = 0, size = 0;
    };

    frame& top() noexcept { return frames_.back(); }
    void* owner() noexcept { return frames_.back().object; }

    PORTONE_DECL void push(frame f);
    PORTONE_DECL void push_object(const object_info* info, void* object);
    PORTONE_DECL void push_array(const member_info* element, void* vector);
    PORTONE_DECL void push_raw(bool array);

    PORTONE_DECL void pop();

    std::string_view key_at(std::size_t i) const noexcept
    {
        return std::string_view(key_chars_).substr(key_spans_[i].begin, key_spans_[i].size);
    }

    bool stop(error_code& ec)
    {
        ec = boost::json::error::exception; // any error: read_into reports error_ instead
        return false;
    }

    /// A key has been read in full.
    PORTONE_DECL bool on_full_key(std::string_view key);

    /// An object or an array starts: the root, a described struct, a typed array, or a raw value
    /// (or a part of one).
    PORTONE_DECL bool begin_container(bool array);

    /// A value starts outside raw mode: if it is directly inside a typed array, it is the next
    /// element, read as the array's element description says.
    PORTONE_DECL bool enter_value();

    /// The first token of a scalar value (string, number, true, false).
    PORTONE_DECL bool begin_scalar(json_type t);

    /// A value that the current target keeps whole as JSON text (raw_json, a conversion from any
    /// value, an unknown key), reads whole (an object conversion), or skips: from here on,
    /// tokens are copied to raw_ (or only checked, when skipping) until the value ends.
    PORTONE_DECL bool begin_raw(json_type t);

    /// Reading an object whole (object conversion), directly inside it: its members are
    /// recorded rather than copied.
    bool at_object_member() const noexcept
    {
        return whole_object_ && frames_.size() == raw_base_ + 1;
    }

    /// A value starts inside a raw value: its separator, its index, its record.
    PORTONE_DECL bool raw_value_begins(json_type t);

    /// A scalar inside raw mode has ended, or a container inside it (already popped).
    PORTONE_DECL bool raw_value_ends();

    /// An object or array inside raw mode ends with `bracket`.
    PORTONE_DECL bool end_raw_container(char bracket);

    /// The raw value has ended: hand it over to its member or to extra_fields.
    PORTONE_DECL bool finish_raw();

    /// The object read whole for an object conversion, as views into the buffers and the body.
    PORTONE_DECL object_view whole_object();

    PORTONE_DECL bool string_value(std::string_view text);

    /// A string member of an object read whole: a view into the body if the parser gave one
    /// (unescaped, in one piece), else a copy.
    PORTONE_DECL void record_string(std::string_view text);

    template <class Store>
    bool number(string_view last, Store store);

    PORTONE_DECL bool store_int64(std::int64_t v);
    /// A number with a fraction or an exponent, from its text (number_).
    PORTONE_DECL bool store_decimal();

    bool converted(bool ok) noexcept
    {
        failed_ = !ok;
        return ok;
    }

    // The JSON Pointer, rendered on demand.

    PORTONE_DECL void append_component(const frame& f);

    /// The JSON Pointer of the value being read in the first `n` frames, in where_.
    PORTONE_DECL std::string_view build(std::size_t n);

    /// The same, for a conversion: a constant for a member of the body.
    PORTONE_DECL std::string_view render(std::size_t n);

    // Error paths: out of line (noinline, and so declared without PORTONE_DECL: see
    // read_errors.hpp), they are rare and their code need not sit in the hot handlers.

    bool fail(error e);
    bool fail(errc code, std::initializer_list<message_part> parts);

    std::string_view where() const noexcept { return {where_.data(), where_.size()}; }

    bool too_many_keys();
    bool too_many_elements();
    bool duplicate(std::string_view key);

    /// Reports the first required member that the object at the top does not have.
    void missing();

    bool wrong_type(json_type t);
    bool bad_amount(errc code);
    bool not_whole();
    bool out_of_range(bool positive);

    const read_limits& limits_;
    const read_context& context_;
    const object_info& root_;
    void* root_object_;
    std::string_view body_;
    std::string_view prefix_;
    // The working memory below comes from scratch_: from buffer_ first (enough for a webhook),
    // then from the heap. Nothing is freed before the read ends (monotonic), which is fine for
    // a bounded body.
    unsigned char buffer_[3072];
    boost::json::monotonic_resource scratch_{buffer_};
    scratch_vector<frame> frames_{&scratch_};
    scratch_vector<key_span> key_spans_{&scratch_}; ///< unknown keys, keys in raw values
    scratch_string key_chars_{&scratch_};
    scratch_string key_{&scratch_};  ///< a key given in parts
    scratch_string text_{&scratch_}; ///< a string or number given in parts
    scratch_string where_{&scratch_}; ///< the last JSON Pointer rendered
    // An object read whole (object conversion): its members, the strings the body does not hold
    // as they are (escaped), and the views handed to the conversion.
    scratch_vector<member_record> records_{&scratch_};
    scratch_string unescaped_{&scratch_};
    scratch_vector<object_member> members_{&scratch_};
    std::string raw_; ///< the raw value being copied (moved into raw_json members: not scratch)
    std::string_view number_; ///< the number being stored, as written (for messages)
    target target_ = target::root;
    const member_info* member_ = nullptr;
    bool in_scalar_ = false;
    bool in_raw_ = false; ///< inside a value kept (or skipped) as raw JSON
    bool keep_ = false;
    bool whole_object_ = false; ///< the raw value is an object read whole
    std::size_t raw_base_ = 0;  ///< frames_.size() when the raw value began
    target raw_target_ = target::none;
    const member_info* raw_member_ = nullptr;
    bool failed_ = false;
    error error_;
    bool may_guess_ = false;
    bool guessed_ = false;};

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/reader_handler.ipp>
#include <portone/json/detail/impl/reader_handler_errors.ipp>
#include <portone/json/detail/impl/reader_handler_raw.ipp>
#endif
