// SPDX-License-Identifier: BSL-1.0
// What the reader's two SAX handlers (reader_handler, syntax_checker) tell Boost.JSON's
// basic_parser about its per-token limits.
#pragma once

#include <cstddef>

namespace portone::json::detail {

/// No per-token limits of the parser's own: the body's size bounds them all (read_limits), and
/// the reader counts keys, elements and depth itself, with typed errors.
struct unlimited_sax_sizes {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
};

} // namespace portone::json::detail
