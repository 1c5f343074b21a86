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

PORTONE_DECL result<yen> redirect_amount(std::string_view text)
{
    std::string_view digits = text;
    if (const auto dot = text.find('.'); dot != text.npos) {
        const std::string_view fraction = text.substr(dot + 1);
        if (fraction.empty() || fraction.find_first_not_of('0') != fraction.npos)
            return redirect_error(errc::invalid_value, "amount",
                                  {"amount must be a whole number of yen, got ", input(text)});
        digits = text.substr(0, dot);
    }
    return yen::parse(digits);
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
