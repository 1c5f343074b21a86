// SPDX-License-Identifier: BSL-1.0
// What json/detail/read_into.hpp declares PORTONE_DECL (see portone/config.hpp): the one
// instantiation of Boost.JSON's parser for the reader's SAX handler.
#pragma once

#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/raw_text.hpp>
#include <portone/json/detail/read_errors.hpp>
#include <portone/json/detail/read_into.hpp>
#include <portone/json/detail/reader_handler.hpp>
#include <portone/json/detail/syntax_checker.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace portone::json::detail {

PORTONE_DECL std::optional<error> read_into(std::string_view body, const read_limits& limits,
                                            const read_context& context,
                                            const object_info& info, void* object,
                                            std::string_view prefix, bool* read_again)
{
    if (body.size() > limits.max_body_size)
        return error{errc::limit_exceeded, std::string(prefix),
                     compose({"the body is ", decimal(static_cast<long long>(body.size())),
                              " bytes, more than the limit of ",
                              decimal(static_cast<long long>(limits.max_body_size))})};
    boost::json::parse_options options;
    options.max_depth = effective_depth(limits);
    boost::json::basic_parser<reader_handler> parser(options, limits, context, info, object, body,
                                                     prefix, read_again != nullptr);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    reader_handler& h = parser.handler();
    if (h.guessed() && (h.failed() || ec || used != body.size())) {
        *read_again = true;
        return std::nullopt;
    }
    if (h.failed()) {
        // The first problem in the body, unless the body is not JSON at all (found further on,
        // or inside the value the handler refused, as in 0500).
        if (auto not_json = syntax_error(body, options.max_depth, prefix)) return not_json;
        return std::move(h.failure());
    }
    if (ec) return parser_error(ec, body, h.path(), options.max_depth);
    if (used != body.size())
        return error{errc::invalid_json, std::string(prefix),
                     compose({"the body has data after the JSON value, at byte ",
                              decimal(static_cast<long long>(used))})};
    return std::nullopt;
}

PORTONE_DECL std::optional<error> read_members(const object_view& object, const object_info& info,
                                               void* out, std::string_view at,
                                               const read_context& context)
{
    if (info.needs_parser) {
        for (const object_member& m : object.members) {
            const member_info* d = info.find(m.key);
            if (d != nullptr && m.type != json_type::null && needs_parser(d->kind)) {
                // The reader already checked this text against the caller's limits, deeper
                // inside the body than it is now.
                const read_limits unlimited{std::size_t(-1), std::size_t(-1), std::size_t(-1),
                                            std::size_t(-1)};
                return read_into(compact_text(object), unlimited, context, info, out, at);
            }
        }
    }
    std::uint64_t seen[2] = {0, 0};
    std::string where;
    const auto where_of = [&](std::string_view key) -> const std::string& {
        where.assign(at);
        append_pointer_token(where, key);
        return where;
    };
    error e;
    for (const object_member& m : object.members) {
        const member_info* d = info.find(m.key);
        if (d == nullptr) {
            if (info.add_extra != nullptr) {
                std::string json = compact_text(m);
                info.add_extra(out, m.key, json);
            }
            continue;
        }
        const auto i = static_cast<std::size_t>(d - info.members);
        seen[i / 64] |= std::uint64_t(1) << (i % 64);
        if (m.type == json_type::null && d->optional && d->kind != value_kind::raw) continue;
        switch (d->kind) {
        case value_kind::string:
            if (m.type != json_type::string) break;
            d->store_string(out, m.text);
            continue;
        case value_kind::text_conversion:
            if (m.type != json_type::string) break;
            if (!d->store_converted(out, m.text, where_of(m.key), context, e)) return e;
            continue;
        case value_kind::boolean:
            if (m.type != json_type::boolean) break;
            d->store_bool(out, m.text == "true");
            continue;
        case value_kind::raw: {
            std::string json = compact_text(m);
            d->store_raw(out, json);
            continue;
        }
        case value_kind::raw_conversion:
            if (!d->store_converted(out, compact_text(m), where_of(m.key), context, e)) return e;
            continue;
        default: // needs the parser, so it is null here: a required member set to null
            break;
        }
        return wrong_type_error(where_of(m.key), *d, m.type);
    }
    for (std::size_t i = 0; i < info.size; ++i) {
        if (!((info.required[i / 64] >> (i % 64)) & 1u) || ((seen[i / 64] >> (i % 64)) & 1u))
            continue;
        where.assign(at);
        append_pointer_token(where, info.members[i].name);
        return missing_error(std::move(where), at.size());
    }
    return std::nullopt;
}

} // namespace portone::json::detail
