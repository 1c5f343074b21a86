// SPDX-License-Identifier: BSL-1.0
// What json/detail/reader_handler.hpp declares PORTONE_DECL (see portone/config.hpp): the JSON
// Pointer of the value being read, rendered from the handler's frames only when it is needed, and
// the errors that carry it.
#pragma once

#include <portone/core/money.hpp>
#include <portone/json/detail/json_pointer.hpp>
#include <portone/json/detail/read_errors.hpp>
#include <portone/json/detail/reader_handler.hpp>

#include <limits>
#include <utility>

namespace portone::json::detail {

PORTONE_DECL void reader_handler::append_component(const frame& f)
{
    if (f.array) {
        if (f.count > 0) append_pointer_index(where_, f.count - 1);
    } else if (f.key_member != nullptr) {
        // A member's name is a C++ identifier: nothing to escape.
        where_ += '/';
        where_.append(f.key_member->name.data(), f.key_member->name.size());
    } else if (f.key != no_key) {
        append_pointer_token(where_, key_at(f.key));
    }
}

PORTONE_DECL std::string_view reader_handler::build(std::size_t n)
{
    where_.assign(prefix_.data(), prefix_.size());
    for (std::size_t i = 0; i < n; ++i) append_component(frames_[i]);
    return {where_.data(), where_.size()};
}

PORTONE_DECL std::string_view reader_handler::render(std::size_t n)
{
    if (n == 1 && prefix_.empty() && frames_[0].key_member != nullptr)
        return frames_[0].key_member->pointer;
    return build(n);
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::fail(error e)
{
    error_ = std::move(e);
    failed_ = true;
    return false;
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::fail(errc code,
                                                       std::initializer_list<message_part> parts)
{
    return fail(error{code, std::string(where_.data(), where_.size()), compose(parts)});
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::too_many_keys()
{
    build(frames_.size() - 1);
    return fail(errc::limit_exceeded,
                {"an object at ", shown_path(where()), " has more than ",
                 decimal(static_cast<long long>(limits_.max_object_members)), " keys"});
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::too_many_elements()
{
    build(frames_.size() - 1);
    return fail(errc::limit_exceeded,
                {"an array at ", shown_path(where()), " has more than ",
                 decimal(static_cast<long long>(limits_.max_array_elements)), " elements"});
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::duplicate(std::string_view key)
{
    const std::string object(build(frames_.size() - 1));
    append_component(top());
    return fail(errc::duplicate_key, {"the key ", input(key),
                                      " appears twice in the object at ", shown_path(object)});
}

[[gnu::noinline]] PORTONE_DECL void reader_handler::missing()
{
    const frame& f = top();
    for (std::size_t i = 0; i < f.info->size; ++i) {
        const member_info& m = f.info->members[i];
        if (!m.optional && m.kind != value_kind::extras && !f.has_seen(i)) {
            const std::size_t object_size = build(frames_.size() - 1).size();
            append_pointer_token(where_, m.name);
            fail(missing_error(std::string(where()), object_size));
            return;
        }
    }
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::wrong_type(json_type t)
{
    build(frames_.size());
    if (target_ == target::root || target_ == target::none)
        return fail(errc::wrong_type,
                    {"the body must be a JSON object, not ", json_type_name(t)});
    return fail(wrong_type_error(std::string(where()), *member_, t));
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::bad_amount(errc code)
{
    build(frames_.size());
    if (code == errc::amount_not_positive)
        return fail(code, {shown_path(where()), " must be a positive amount of ",
                           member_->range->unit, ", got ", input(number_)});
    return fail(code, {shown_path(where()), " is above the maximum of ",
                       decimal(member_->range->max), " ", member_->range->unit, ", got ",
                       input(number_)});
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::not_whole()
{
    build(frames_.size());
    return fail(errc::invalid_value,
                {shown_path(where()), " must be a whole number",
                 member_->kind == value_kind::amount ? std::string_view(" of ") : "",
                 member_->kind == value_kind::amount ? member_->range->unit : "", ", got ",
                 input(number_)});
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::out_of_range(bool positive)
{
    if (member_->kind == value_kind::amount)
        return bad_amount(positive ? errc::amount_too_large : errc::amount_not_positive);
    build(frames_.size());
    if (member_->kind == value_kind::integer &&
        (member_->range->min != std::numeric_limits<std::int64_t>::min() ||
         member_->range->max != std::numeric_limits<std::int64_t>::max()))
        return fail(errc::invalid_value,
                    {shown_path(where()), " is out of range (", decimal(member_->range->min),
                     " to ", decimal(member_->range->max), "): ", input(number_)});
    return fail(errc::invalid_value, {shown_path(where()),
                                      " is out of the range of a 64-bit integer: ",
                                      input(number_)});
}

} // namespace portone::json::detail
