// SPDX-License-Identifier: BSL-1.0
// The run-time path: a payment whose method, environment and fields arrive at run time (a web
// form, a queue message). It is checked against the same method traits and rules as the
// compile-time builder, with the same sentences, and every problem is reported at once.
//
//   portone::payment_form form{.method = "KOMOJU_BANK_TRANSFER", .environment = "sandbox", ...};
//   auto request = portone::check_form(form, portone::komoju::methods);
//   if (!request) show(request.error());   // every problem, e.g.
//       // "KOMOJU_BANK_TRANSFER requires the customer's phone (billing_details.billing_phone)"
//       // "email \"taro@\" is not valid: ..."
#pragma once

#include <portone/config.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/request/check_fields.hpp>
#include <portone/request/payment_request.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace portone {

/// One order line as a form sends it: every value text.
struct form_item {
    std::string id{};
    std::string name{};
    std::string price{};    ///< whole yen, digits only
    std::string quantity{}; ///< digits only, at least 1
    std::string image{};    ///< optional URL
};

/// A payment as a form sends it: every value text, an empty string meaning "not given".
struct payment_form {
    std::string method{};      ///< pmt_method key, e.g. "KOMOJU_PAYPAY"
    std::string environment{}; ///< "sandbox" or "live"
    std::string merchant_order_id{};
    std::string amount{}; ///< whole yen, digits only
    std::string description{};
    std::string success_url{};
    std::string failure_url{};
    std::string pending_url{};
    std::string billing_name{};
    std::string billing_surname{};
    std::string billing_email{};
    std::string billing_phone{};
    address billing_address{};
    std::string shipping_name{};
    std::string shipping_surname{};
    std::string shipping_email{};
    std::string shipping_phone{};
    address shipping_address{};
    std::vector<form_item> items{};
};

/// Checks `fields` against the method `t` in environment `env`: every required field present
/// (same rules and sentences as the compile-time builder), the method usable in `env` (R6) and
/// paid in yen, the currency of payment_fields (R8, errc::unsupported_currency at "amount"), every
/// value well-formed. Returns the request or every problem.
PORTONE_DECL checked<dynamic_payment_request> check_payment(const method_traits& t, environment env,
                                                            payment_fields fields);

/// Checks a form against the method its `method` key names in `methods` (komoju::methods).
/// Returns the request or every problem found.
PORTONE_DECL checked<dynamic_payment_request> check_form(const payment_form& form,
                                                         const method_catalog& methods);

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/request/impl/payment_form.ipp>
#endif
