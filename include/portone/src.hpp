// SPDX-License-Identifier: BSL-1.0
// The library's compiled part: every function its headers declare PORTONE_DECL, defined once.
//
// For separate compilation (see portone/config.hpp): define PORTONE_SEPARATE_COMPILATION in every
// translation unit and include this header in exactly one of them, or link CMake's
// portone::compiled, which does both. In header-only mode (the default) the headers already
// define everything inline, and including this header adds nothing.
#pragma once

#include <portone/config.hpp>

// core/
#include <portone/core/impl/credentials.ipp>
#include <portone/core/impl/diagnostics.ipp>
#include <portone/core/impl/error.ipp>
#include <portone/core/impl/method_catalog.ipp>
#include <portone/core/impl/rules.ipp>
#include <portone/core/impl/validation.ipp>
// json/
#include <portone/json/impl/checkout.ipp>
#include <portone/json/impl/initiate_payment.ipp>
#include <portone/json/impl/refund.ipp>
#include <portone/json/impl/string_escape.ipp>
#include <portone/json/impl/writer.ipp>
#include <portone/json/detail/impl/json_pointer.ipp>
#include <portone/json/detail/impl/member_table.ipp>
#include <portone/json/detail/impl/raw_text.ipp>
#include <portone/json/detail/impl/read_errors.ipp>
#include <portone/json/detail/impl/read_into.ipp>
#include <portone/json/detail/impl/reader_handler.ipp>
#include <portone/json/detail/impl/reader_handler_errors.ipp>
#include <portone/json/detail/impl/reader_handler_raw.ipp>
#include <portone/json/detail/impl/syntax_checker.ipp>
#include <portone/json/detail/impl/whole_number.ipp>
// protocol/
#include <portone/protocol/impl/api_error.ipp>
#include <portone/protocol/impl/auth_token.ipp>
#include <portone/protocol/impl/crypto.ipp>
#include <portone/protocol/impl/http_request.ipp>
#include <portone/protocol/impl/jwt.ipp>
#include <portone/protocol/impl/payment_answer.ipp>
#include <portone/protocol/impl/payment_deadline.ipp>
#include <portone/protocol/impl/payment_details.ipp>
#include <portone/protocol/impl/payment_lifecycle.ipp>
#include <portone/protocol/impl/payment_link_status.ipp>
#include <portone/protocol/impl/payment_webhook.ipp>
#include <portone/protocol/impl/reconciliation.ipp>
#include <portone/protocol/impl/redirect.ipp>
#include <portone/protocol/impl/refund_ledger.ipp>
#include <portone/protocol/impl/refund_response.ipp>
#include <portone/protocol/impl/refund_webhook.ipp>
#include <portone/protocol/impl/signature.ipp>
#include <portone/protocol/impl/transaction_query.ipp>
#include <portone/protocol/impl/webhook_refund.ipp>
// request/
#include <portone/request/impl/check_fields.ipp>
#include <portone/request/impl/checkout_request.ipp>
#include <portone/request/impl/payment_builder.ipp>
#include <portone/request/impl/payment_form.ipp>
#include <portone/request/impl/payment_request.ipp>
#include <portone/request/impl/refund_request.ipp>
