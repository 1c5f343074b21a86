// SPDX-License-Identifier: BSL-1.0
// What json/detail/reader_handler.hpp declares PORTONE_DECL (see portone/config.hpp): raw mode,
// where a value is not read into a typed member but kept whole as compact JSON text (raw_json, a
// conversion from any value, extra_fields), read whole as an object_view (an object conversion),
// or only checked (an unknown key).
#pragma once

#include <portone/json/detail/reader_handler.hpp>
#include <portone/json/detail/raw_text.hpp>

#include <cstdint>

namespace portone::json::detail {

PORTONE_DECL bool reader_handler::begin_raw(json_type t)
{
    if (target_ == target::member) {
        const value_kind k = member_->kind;
        if (k != value_kind::raw && k != value_kind::raw_conversion &&
            (k != value_kind::object_conversion || t != json_type::object))
            return wrong_type(t);
    } else if (target_ == target::root || target_ == target::none) {
        return wrong_type(t);
    }
    in_raw_ = true;
    keep_ = target_ != target::skip;
    whole_object_ =
        target_ == target::member && member_->kind == value_kind::object_conversion;
    if (whole_object_) {
        records_.clear();
        unescaped_.clear();
        records_.reserve(16);
    }
    raw_base_ = frames_.size();
    raw_target_ = target_;
    raw_member_ = member_;
    raw_.clear();
    return true;
}

PORTONE_DECL bool reader_handler::raw_value_begins(json_type t)
{
    if (frames_.size() == raw_base_) return true; // the raw value itself, not an element
    frame& f = top();
    if (f.array) {
        if (f.count == limits_.max_array_elements) return too_many_elements();
        if (keep_ && f.count > 0) raw_ += ',';
        ++f.count;
    } else if (at_object_member()) {
        member_record& r = records_.back();
        r.type = t;
        r.begin = raw_.size();
    }
    return true;
}

PORTONE_DECL bool reader_handler::raw_value_ends()
{
    if (frames_.size() == raw_base_) return finish_raw(); // the raw value was this scalar
    if (at_object_member()) {
        member_record& r = records_.back();
        if (r.type != json_type::string) r.size = raw_.size() - r.begin;
    }
    return true;
}

PORTONE_DECL bool reader_handler::end_raw_container(char bracket)
{
    if (keep_ && !at_object_member()) raw_ += bracket; // not the object read whole
    if (frames_.size() == raw_base_ + 1) { // the raw value itself
        const bool ok = finish_raw();
        pop();
        return ok;
    }
    pop();
    return raw_value_ends();
}

PORTONE_DECL bool reader_handler::finish_raw()
{
    in_raw_ = false;
    const bool keep = keep_;
    keep_ = false;
    if (!keep) return true;
    const frame& o = frames_[raw_base_ - 1]; // the object or typed array it belongs to
    if (raw_target_ == target::extra) {
        o.info->add_extra(o.object, key_at(o.key), raw_);
        return true;
    }
    switch (raw_member_->kind) {
    case value_kind::raw: raw_member_->store_raw(o.object, raw_); return true;
    case value_kind::raw_conversion:
        return converted(
            raw_member_->store_converted(o.object, raw_, render(raw_base_), context_, error_));
    case value_kind::object_conversion: {
        const object_view whole = whole_object();
        whole_object_ = false;
        return converted(
            raw_member_->store_object(o.object, whole, render(raw_base_), context_, error_));
    }
    default: return true;
    }
}

PORTONE_DECL object_view reader_handler::whole_object()
{
    members_.clear();
    members_.reserve(records_.size());
    for (const member_record& r : records_) {
        const std::string_view in = r.in == source::body        ? body_
                                    : r.in == source::unescaped ? std::string_view(unescaped_)
                                                                : std::string_view(raw_);
        members_.push_back({key_at(r.key), r.type, in.substr(r.begin, r.size)});
    }
    return object_view{{members_.data(), members_.size()}};
}

PORTONE_DECL void reader_handler::record_string(std::string_view text)
{
    member_record& r = records_.back();
    const auto p = reinterpret_cast<std::uintptr_t>(text.data());
    const auto b = reinterpret_cast<std::uintptr_t>(body_.data());
    if (p >= b && p + text.size() <= b + body_.size()) {
        r.in = source::body;
        r.begin = p - b;
    } else {
        r.in = source::unescaped;
        r.begin = unescaped_.size();
        unescaped_.append(text.data(), text.size());
    }
    r.size = text.size();
}

} // namespace portone::json::detail
