// SPDX-License-Identifier: BSL-1.0
// What protocol/redirect.hpp declares PORTONE_DECL (see portone/config.hpp).
#pragma once

#include <portone/protocol/redirect.hpp>

#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

namespace portone::detail {

PORTONE_DECL error redirect_error(errc code, std::string_view where,
                                  std::initializer_list<message_part> parts)
{
    return {code, std::string(where), compose(parts)};
}

PORTONE_DECL error redirect_over_limit(std::string_view what, std::size_t count,
                                       std::string_view unit, std::size_t limit)
{
    return redirect_error(errc::limit_exceeded, "",
                          {what, decimal(static_cast<long long>(count)), unit,
                           ", more than the limit of ", decimal(static_cast<long long>(limit))});
}


PORTONE_DECL result<std::string_view> redirect_query(std::string_view text)
{
    const std::size_t hash = text.find('#');
    const std::string_view fragment =
        hash == text.npos ? std::string_view() : text.substr(hash + 1);
    text = text.substr(0, hash);
    // A URL ("https://...") or request target ("/paid?...") has its query after the first '?'
    // (none: no parameters); anything else is the query itself, with or without its '?'. (Not
    // "contains a '?'": a query may contain '?' unencoded.)
    using validation::detail::uri_part;
    using validation::detail::well_formed;
    if (text.starts_with('/') || validation::detail::has_scheme(text)) {
        const std::size_t question = text.find('?');
        if (!well_formed(text, uri_part::uri) || !well_formed(fragment, uri_part::query))
            return redirect_error(errc::invalid_value, "",
                                  {"the redirect is not a valid URL: ", input(text)});
        return question == text.npos ? std::string_view() : text.substr(question + 1);
    }
    if (text.starts_with('?')) text.remove_prefix(1);
    if (!well_formed(text, uri_part::query) || !well_formed(fragment, uri_part::query))
        return redirect_error(errc::invalid_value, "",
                              {"the redirect is not a valid query string: ", input(text)});
    return text;
}

PORTONE_DECL std::string form_decoded(std::string_view encoded)
{
    const auto view = boost::urls::make_pct_string_view(encoded);
    if (!view) return std::string(); // not reached: checked by redirect_query
    return view->decode(boost::urls::encoding_opts(/*space_as_plus=*/true));
}

} // namespace portone::detail

namespace portone {

PORTONE_DECL result<redirect_result> parse_redirect(std::string_view url_or_query,
                                                   const method_catalog& methods,
                                                   const redirect_limits& limits)
{
    if (url_or_query.size() > limits.max_bytes)
        return detail::redirect_over_limit("the redirect URL is ", url_or_query.size(), " bytes",
                                           limits.max_bytes);
    const result<std::string_view> query = detail::redirect_query(url_or_query);
    if (!query) return query.error();

    // The parameters this struct has members for; the first five are required.
    constexpr std::string_view known[] = {
        "channel_order_ref", "merchant_order_ref", "order_ref", "status", "signature_hash",
        "amount", "currency", "link_order_ref", "status_code", "status_reason", "method_key"};
    constexpr std::size_t known_count = sizeof known / sizeof known[0];
    constexpr std::size_t required_count = 5;

    std::size_t count = 0;
    detail::for_each_param(*query, [&](std::string_view, std::string_view, bool) {
        ++count;
        return true;
    });
    if (count > limits.max_params)
        return detail::redirect_over_limit("the redirect has ", count, " parameters",
                                           limits.max_params);

    redirect_result out;
    bool seen[known_count] = {};
    const auto read = [&](std::string_view encoded_key,
                          std::string_view encoded_value) -> std::optional<error> {
        std::string key = detail::form_decoded(encoded_key);
        std::string value = detail::form_decoded(encoded_value);
        // Percent-encoding can carry any byte; like the JSON reader, accept only text.
        if (!validation::is_valid_utf8(key))
            return detail::redirect_error(errc::invalid_value, "",
                                          {"a redirect parameter name is not valid UTF-8 once "
                                           "decoded: ",
                                           input(key)});
        if (!validation::is_valid_utf8(value))
            return detail::redirect_error(errc::invalid_value, key,
                                          {"the redirect parameter ", input(key),
                                           " is not valid UTF-8 once decoded: ", input(value)});
        std::size_t i = 0;
        while (i < known_count && key != known[i]) ++i;
        if (i == known_count) {
            out.other_params.push_back({std::move(key), std::move(value)});
            return std::nullopt;
        }
        // A repeated signed parameter could be read one way here and another way by whatever
        // computed the signature; refuse it.
        if (seen[i])
            return detail::redirect_error(errc::duplicate_key, key,
                                          {"the parameter ", input(key), " appears twice"});
        seen[i] = true;
        switch (i) {
        case 0: out.channel_order_ref = std::move(value); break;
        case 1: out.merchant_order_ref = std::move(value); break;
        case 2: out.order_ref = std::move(value); break;
        case 3: out.status = transaction_status::from_text(value); break;
        case 4: out.signature_hash = std::move(value); break;
        case 5: {
            auto amount = yen::parse_whole(value);
            if (!amount) return amount.error();
            out.amount = *amount;
            break;
        }
        case 6: out.currency = std::move(value); break;
        case 7: out.link_order_ref = std::move(value); break;
        case 8: out.status_code = transaction_status_code::from_text(value); break;
        case 9: out.status_reason = std::move(value); break;
        default: {
            auto method = methods.by_key(value, "method_key");
            if (!method) return method.error();
            out.method_key = *method;
            break;
        }
        }
        return std::nullopt;
    };
    std::optional<error> failure;
    detail::for_each_param(*query, [&](std::string_view key, std::string_view value, bool) {
        failure = read(key, value);
        return !failure;
    });
    if (failure) return std::move(*failure);
    // `amount` is read as yen: an amount in another currency would be misread.
    if (out.amount && out.currency && *out.currency != currency::jpy::code)
        return detail::redirect_error(errc::unsupported_currency, "currency",
                                      {"the redirect's amount is in ", input(*out.currency),
                                       ", and amounts are read as JPY"});
    for (std::size_t i = 0; i < required_count; ++i)
        if (!seen[i])
            return detail::redirect_error(errc::missing_field, known[i],
                                          {"the redirect has no ", known[i], " parameter"});
    return out;
}

PORTONE_DECL result<void> verify_redirect(const redirect_result& r, const signer& sign)
{
    const signed_field fields[] = {{"channel_order_ref", r.channel_order_ref},
                                   {"merchant_order_ref", r.merchant_order_ref},
                                   {"order_ref", r.order_ref},
                                   {"status", r.status.text}};
    return detail::check_signature(sign, fields, r.signature_hash, "signature_hash");
}

} // namespace portone
