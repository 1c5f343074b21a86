// SPDX-License-Identifier: BSL-1.0
// What json/detail/reader_handler.hpp declares PORTONE_DECL (see portone/config.hpp): the typed
// path, each token into the member it belongs to. Values kept or read whole are in
// reader_handler_raw.ipp, the errors in reader_handler_errors.ipp.
#pragma once

#include <portone/core/money.hpp>
#include <portone/json/detail/reader_handler.hpp>
#include <portone/json/detail/raw_text.hpp>
#include <portone/json/detail/whole_number.hpp>

#include <cstdint>

namespace portone::json::detail {

PORTONE_DECL reader_handler::reader_handler(const read_limits& limits,
                                            const read_context& context, const object_info& root,
                                            void* object, std::string_view body,
                                            std::string_view prefix, bool may_guess)
    : limits_(limits), context_(context), root_(root), root_object_(object), body_(body),
      prefix_(prefix), may_guess_(may_guess)
{
    // Room for a webhook's body, from the buffer: growing would waste it (monotonic).
    frames_.reserve(8);
    key_spans_.reserve(16);
    key_chars_.reserve(256);
}

PORTONE_DECL bool reader_handler::on_object_end(std::size_t, error_code& ec)
{
    const frame& f = top();
    if (f.info == nullptr) return end_raw_container('}') || stop(ec);
    const std::uint64_t* required = f.info->required;
    if ((f.seen[0] & required[0]) != required[0] || (f.seen[1] & required[1]) != required[1]) {
        missing();
        return stop(ec);
    }
    const member_info* guessed = f.guessed_for;
    pop();
    // An object streamed into a guess: the conversion says whether it was the right one.
    // If not, reading stops here, and the caller reads the body again without guessing.
    if (guessed != nullptr && !guessed->confirm(owner(), context_)) return stop(ec);
    return true;
}

PORTONE_DECL bool reader_handler::on_array_end(std::size_t, error_code& ec)
{
    if (!in_raw_) { // a typed array (raw ones end in raw mode)
        pop();
        return true;
    }
    return end_raw_container(']') || stop(ec);
}

PORTONE_DECL bool reader_handler::on_key(string_view s, std::size_t, error_code& ec)
{
    // The common case first, in as little code as possible (every key of a body comes here):
    // the whole key at once, a member of the struct being read, not seen yet. Anything else
    // goes the general way, which checks it all again.
    if (key_.empty()) {
        frame& f = top();
        if (f.info != nullptr && f.count < limits_.max_object_members) {
            if (const member_info* m = f.info->find({s.data(), s.size()})) {
                const auto i = static_cast<std::size_t>(m - f.info->members);
                if (!f.has_seen(i)) {
                    ++f.count;
                    f.see(i);
                    f.key_member = m;
                    target_ = target::member;
                    member_ = m;
                    return true;
                }
            }
        }
    }
    return any_key(s, ec);
}

[[gnu::noinline]] PORTONE_DECL bool reader_handler::any_key(string_view s, error_code& ec)
{
    bool ok = false;
    if (key_.empty()) { // the whole key at once: no copy
        ok = on_full_key({s.data(), s.size()});
    } else {
        key_.append(s.data(), s.size());
        ok = on_full_key({key_.data(), key_.size()});
        key_.clear();
    }
    return ok || stop(ec);
}

PORTONE_DECL bool reader_handler::on_string_part(string_view s, std::size_t, error_code& ec)
{
    if (!in_scalar_) {
        if (!begin_scalar(json_type::string)) return stop(ec);
        in_scalar_ = true;
    }
    text_.append(s.data(), s.size());
    return true;
}

PORTONE_DECL bool reader_handler::on_string(string_view s, std::size_t, error_code& ec)
{
    std::string_view text(s.data(), s.size());
    // The common case first: a string member of a struct, in one piece.
    if (target_ == target::member && member_->kind == value_kind::string && !in_scalar_ &&
        !in_raw_ && top().element == nullptr) {
        member_->store_string(owner(), text);
        return true;
    }
    if (in_scalar_) { // the end of a string given in parts
        in_scalar_ = false;
        text_.append(text);
        text = {text_.data(), text_.size()};
    } else if (!begin_scalar(json_type::string)) {
        return stop(ec);
    }
    const bool ok = string_value(text);
    text_.clear();
    return ok || stop(ec);
}

PORTONE_DECL bool reader_handler::on_number_part(string_view s, error_code& ec)
{
    if (!in_scalar_) {
        if (!begin_scalar(json_type::number)) return stop(ec);
        in_scalar_ = true;
    }
    text_.append(s.data(), s.size());
    return true;
}

template <class Store>
bool reader_handler::number(string_view last, Store store)
{
    if (in_scalar_) { // the end of a number given in parts
        in_scalar_ = false;
        text_.append(last.data(), last.size());
        number_ = {text_.data(), text_.size()};
    } else {
        if (!begin_scalar(json_type::number)) return false;
        number_ = {last.data(), last.size()};
    }
    bool ok = true;
    if (in_raw_) {
        if (keep_) raw_ += number_;
        ok = raw_value_ends();
    } else {
        ok = store();
    }
    text_.clear();
    return ok;
}

PORTONE_DECL bool reader_handler::on_int64(std::int64_t v, string_view s, error_code& ec)
{
    return number(s, [&] { return store_int64(v); }) || stop(ec);
}

PORTONE_DECL bool reader_handler::on_uint64(std::uint64_t v, string_view s, error_code& ec)
{
    return number(s, [&] {
               if (v <= static_cast<std::uint64_t>(INT64_MAX))
                   return store_int64(static_cast<std::int64_t>(v));
               return out_of_range(true);
           }) ||
           stop(ec);
}

PORTONE_DECL bool reader_handler::on_double(double, string_view s, error_code& ec)
{
    // Not the parser's double: the number is read again from its text (store_decimal).
    return number(s, [&] { return store_decimal(); }) || stop(ec);
}

PORTONE_DECL bool reader_handler::on_bool(bool v, error_code& ec)
{
    if (!begin_scalar(json_type::boolean)) return stop(ec);
    if (in_raw_) {
        if (keep_) raw_ += v ? "true" : "false";
        return raw_value_ends() || stop(ec);
    }
    member_->store_bool(owner(), v);
    return true;
}

PORTONE_DECL bool reader_handler::on_null(error_code& ec)
{
    if (in_raw_) {
        if (!raw_value_begins(json_type::null)) return stop(ec);
    } else {
        if (!enter_value()) return stop(ec);
        // null is an absent optional, except for raw_json, which keeps every value. (Vector
        // elements are never optional: null there is a wrong type.)
        if (target_ == target::member && member_->optional &&
            member_->kind != value_kind::raw)
            return true;
        if (!begin_raw(json_type::null)) return stop(ec);
    }
    if (keep_) raw_ += "null";
    return raw_value_ends() || stop(ec);
}

PORTONE_DECL void reader_handler::push(frame f)
{
    f.keys_begin = key_spans_.size();
    frames_.push_back(f);
}

PORTONE_DECL void reader_handler::push_object(const object_info* info, void* object)
{
    frame f;
    f.info = info;
    f.object = object;
    push(f);
}

PORTONE_DECL void reader_handler::push_array(const member_info* element, void* vector)
{
    frame f;
    f.element = element;
    f.object = vector;
    f.array = true;
    push(f);
}

PORTONE_DECL void reader_handler::push_raw(bool array)
{
    frame f;
    f.array = array;
    push(f);
}

PORTONE_DECL void reader_handler::pop()
{
    const std::size_t keys = frames_.back().keys_begin;
    if (keys < key_spans_.size()) {
        key_chars_.resize(key_spans_[keys].begin);
        key_spans_.resize(keys);
    }
    frames_.pop_back();
}

PORTONE_DECL bool reader_handler::on_full_key(std::string_view key)
{
    frame& f = top();
    if (++f.count > limits_.max_object_members) return too_many_keys();
    if (f.info != nullptr) {
        if (const member_info* m = f.info->find(key)) {
            f.key_member = m;
            const auto i = static_cast<std::size_t>(m - f.info->members);
            if (f.has_seen(i)) return duplicate(key);
            f.see(i);
            target_ = target::member;
            member_ = m;
            return true;
        }
    }
    // An unknown key, or a key inside a raw value: kept, to detect its duplicates.
    f.key_member = nullptr;
    for (std::size_t i = f.keys_begin; i < key_spans_.size(); ++i) {
        const key_span k = key_spans_[i];
        if (k.size == key.size() &&
            same_bytes(key_chars_.data() + k.begin, key.data(), k.size)) {
            f.key = i;
            return duplicate(key);
        }
    }
    f.key = key_spans_.size();
    key_spans_.push_back({key_chars_.size(), key.size()});
    key_chars_.append(key.data(), key.size());
    if (f.info == nullptr) { // inside a raw value
        if (at_object_member()) {
            records_.push_back({f.key});
        } else if (keep_) {
            if (f.count > 1) raw_ += ',';
            append_json_string(raw_, key);
            raw_ += ':';
        }
        return true;
    }
    target_ = f.info->add_extra != nullptr ? target::extra : target::skip;
    return true;
}

PORTONE_DECL bool reader_handler::begin_container(bool array)
{
    const json_type t = array ? json_type::array : json_type::object;
    if (in_raw_) {
        if (!raw_value_begins(t)) return false;
    } else {
        if (!enter_value()) return false;
        if (!array && target_ == target::root) {
            target_ = target::none;
            push_object(&root_, root_object_);
            return true;
        }
        if (target_ == target::member && !array && member_->kind == value_kind::object) {
            push_object(member_->nested, member_->enter(owner()));
            return true;
        }
        if (target_ == target::member && array && member_->kind == value_kind::array) {
            push_array(member_->element, member_->enter(owner()));
            return true;
        }
        if (target_ == target::member && !array && member_->stream != nullptr && may_guess_) {
            const streamed_object guess = member_->stream(owner());
            if (guess.info != nullptr) {
                guessed_ = true;
                push_object(guess.info, guess.object);
                top().guessed_for = member_;
                return true;
            }
        }
        if (!begin_raw(t)) return false;
    }
    // Copied unless it is the object read whole (its members are recorded instead).
    if (keep_ && !(whole_object_ && frames_.size() == raw_base_)) raw_ += array ? '[' : '{';
    push_raw(array);
    return true;
}

PORTONE_DECL bool reader_handler::enter_value()
{
    if (frames_.empty() || top().element == nullptr) return true;
    frame& f = top();
    if (f.count == limits_.max_array_elements) return too_many_elements();
    ++f.count;
    target_ = target::member;
    member_ = f.element;
    return true;
}

PORTONE_DECL bool reader_handler::begin_scalar(json_type t)
{
    if (in_raw_) return raw_value_begins(t);
    if (!enter_value()) return false;
    if (target_ == target::member) {
        switch (member_->kind) {
        case value_kind::string:
        case value_kind::text_conversion:
            if (t == json_type::string) return true;
            break;
        case value_kind::boolean:
            if (t == json_type::boolean) return true;
            break;
        case value_kind::integer:
        case value_kind::amount:
            if (t == json_type::number) return true;
            break;
        default: break;
        }
    }
    return begin_raw(t);
}

PORTONE_DECL bool reader_handler::string_value(std::string_view text)
{
    if (in_raw_) {
        if (at_object_member()) {
            record_string(text);
        } else if (keep_) {
            append_json_string(raw_, text);
        }
        return raw_value_ends();
    }
    if (member_->kind == value_kind::string) {
        member_->store_string(owner(), text);
        return true;
    }
    return converted(
        member_->store_converted(owner(), text, render(frames_.size()), context_, error_));
}

PORTONE_DECL bool reader_handler::store_int64(std::int64_t v)
{
    if (member_->kind == value_kind::integer) {
        if (v < member_->range->min || v > member_->range->max)
            return out_of_range(v > member_->range->max);
        member_->store_integer(owner(), v);
        return true;
    }
    if (v < member_->range->min) return bad_amount(errc::amount_not_positive);
    if (v > member_->range->max) return bad_amount(errc::amount_too_large);
    member_->store_amount(owner(), v);
    return true;
}

PORTONE_DECL bool reader_handler::store_decimal()
{
    // A JSON number with a zero fraction (500.0, 5e2) is a whole number: PortOne documents
    // `amount` as a float64 and may print it either way. Read from its text, exactly (a double
    // would make 5000.0000000000001 whole).
    const whole_number n = read_whole_number(number_);
    if (n.what == whole_number::kind::fraction) return not_whole();
    if (n.what == whole_number::kind::too_large) return out_of_range(!n.negative);
    return store_int64(n.value);
}

} // namespace portone::json::detail
