// SPDX-License-Identifier: BSL-1.0
// What json/detail/raw_text.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/json/detail/raw_text.hpp>

namespace portone::json {

PORTONE_DECL std::string compact_text(const object_member& m)
{
    if (m.type != json_type::string) return std::string(m.text);
    std::string json;
    detail::append_json_string(json, m.text);
    return json;
}

PORTONE_DECL std::string compact_text(const object_view& object)
{
    std::string json = "{";
    for (const object_member& m : object.members) {
        if (json.size() > 1) json += ',';
        detail::append_json_string(json, m.key);
        json += ':';
        if (m.type == json_type::string) detail::append_json_string(json, m.text);
        else json += m.text;
    }
    json += '}';
    return json;
}

} // namespace portone::json
