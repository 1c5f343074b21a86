// SPDX-License-Identifier: BSL-1.0
// What protocol/signature.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/signature.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace portone::detail {

PORTONE_DECL void form_writer::escaped(std::string_view text)
{
    const boost::urls::encoding_opts opts(/*space_as_plus=*/true, /*lower_case=*/false,
                                          /*disallow_null=*/false);
    while (!text.empty()) {
        const std::size_t room = (capacity - used_) / 3;
        if (room == 0) {
            flush();
            continue;
        }
        const std::string_view piece = text.substr(0, room);
        used_ += boost::urls::encode(buffer_ + used_, capacity - used_, piece,
                                     boost::urls::unreserved_chars, opts);
        text.remove_prefix(piece.size());
    }
}

PORTONE_DECL void flush_to_mac(void* mac, std::string_view chunk)
{
    static_cast<crypto::hmac_sha256::stream*>(mac)->update(chunk);
}

PORTONE_DECL void flush_to_string(void* text, std::string_view chunk)
{
    static_cast<std::string*>(text)->append(chunk);
}

PORTONE_DECL bool signs_before(const signed_field& a, const signed_field& b) noexcept
{
    return a.name != b.name ? a.name < b.name : a.value < b.value;
}

PORTONE_DECL void write_fields(form_writer& out, std::span<const signed_field> fields)
{
    auto put = [&out, first = true](const signed_field& f) mutable {
        if (!first) out.raw("&");
        first = false;
        out.encoded(f.name);
        out.raw("=");
        out.encoded(f.value);
    };
    bool in_order = true;
    for (std::size_t i = 1; i < fields.size() && in_order; ++i)
        in_order = !signs_before(fields[i], fields[i - 1]);
    if (in_order) {
        for (const signed_field& f : fields) put(f);
        return;
    }
    const signed_field* last = nullptr; // the last field written: everything up to it is done
    for (std::size_t written = 0; written < fields.size();) {
        const signed_field* next = nullptr;
        std::size_t copies = 0; // fields equal to *next, written together
        for (const signed_field& f : fields) {
            if (last && !signs_before(*last, f)) continue;
            if (!next || signs_before(f, *next)) {
                next = &f;
                copies = 1;
            } else if (!signs_before(*next, f)) {
                ++copies;
            }
        }
        for (; copies != 0; --copies, ++written) put(*next);
        last = next;
    }
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL void append_form_encoded(std::string& out, std::string_view text)
{
    detail::form_writer w(detail::flush_to_string, &out);
    w.encoded(text);
    w.flush();
}

PORTONE_DECL std::string form_encode(std::span<const signed_field> fields)
{
    std::string out;
    detail::form_writer w(detail::flush_to_string, &out);
    detail::write_fields(w, fields);
    w.flush();
    return out;
}

} // namespace portone
