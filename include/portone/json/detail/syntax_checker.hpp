// SPDX-License-Identifier: BSL-1.0
// The second opinion the reader asks for when it has refused a value: is the body JSON at all?
// A body that is not JSON must be reported as such (errc::invalid_json), whatever the reader
// found first: `{"amount": 0500}` is not a zero amount, and PortOne never sent it. Used only by
// json/detail/impl/read_into.ipp.
#pragma once

#include <portone/config.hpp>
#include <portone/core/error.hpp>
#include <portone/json/detail/sax_limits.hpp>

#include <boost/json/error.hpp>
#include <boost/json/string_view.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portone::json::detail {

/// A SAX handler that only follows where the parser is (the JSON Pointer of the value being
/// read), to say where a body stops being JSON. See syntax_error.
class syntax_checker : public unlimited_sax_sizes {
public:

    using string_view = boost::json::string_view;
    using error_code = boost::json::error_code;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return value_begins(), push(false), true; }
    bool on_object_end(std::size_t, error_code&) { return frames_.pop_back(), true; }
    bool on_array_begin(error_code&) { return value_begins(), push(true), true; }
    bool on_array_end(std::size_t, error_code&) { return frames_.pop_back(), true; }
    PORTONE_DECL bool on_key_part(string_view s, std::size_t, error_code&);
    PORTONE_DECL bool on_key(string_view s, std::size_t n, error_code& ec);
    bool on_string_part(string_view, std::size_t, error_code&) { return scalar_part(); }
    bool on_string(string_view, std::size_t, error_code&) { return scalar_ends(); }
    bool on_number_part(string_view, error_code&) { return scalar_part(); }
    bool on_int64(std::int64_t, string_view, error_code&) { return scalar_ends(); }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return scalar_ends(); }
    bool on_double(double, string_view, error_code&) { return scalar_ends(); }
    bool on_bool(bool, error_code&) { return value_begins(), true; }
    bool on_null(error_code&) { return value_begins(), true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    PORTONE_DECL std::string path(std::string_view prefix) const;

private:
    struct frame {
        bool array = false;
        bool has_key = false;
        std::size_t count = 0;
        std::string key;
    };

    void push(bool array) { frames_.push_back({array, false, 0, {}}); }
    PORTONE_DECL void value_begins();
    PORTONE_DECL bool scalar_part();
    PORTONE_DECL bool scalar_ends();

    std::vector<frame> frames_;
    bool in_key_ = false;
    bool in_scalar_ = false;
};

/// If `body` is not JSON, the error saying so (errc::invalid_json, at the place it stops being
/// JSON); else nothing. The reader calls it when it has already found another problem (a value
/// it cannot take). Out of line: only failing reads get here (noinline, and so declared without
/// PORTONE_DECL: see read_errors.hpp).
std::optional<error> syntax_error(std::string_view body, std::size_t max_depth,
                                  std::string_view prefix);

} // namespace portone::json::detail

#ifdef PORTONE_HEADER_ONLY
#include <portone/json/detail/impl/syntax_checker.ipp>
#endif
