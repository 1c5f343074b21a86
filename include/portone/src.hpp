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
#include <portone/core/impl/validation.ipp>
// protocol/
#include <portone/protocol/impl/api_error.ipp>
#include <portone/protocol/impl/auth_token.ipp>
#include <portone/protocol/impl/crypto.ipp>
#include <portone/protocol/impl/http_request.ipp>
#include <portone/protocol/impl/payment_answer.ipp>
#include <portone/protocol/impl/payment_link_status.ipp>
#include <portone/protocol/impl/payment_webhook.ipp>
#include <portone/protocol/impl/reconciliation.ipp>
#include <portone/protocol/impl/redirect.ipp>
#include <portone/protocol/impl/refund_response.ipp>
#include <portone/protocol/impl/refund_webhook.ipp>
#include <portone/protocol/impl/signature.ipp>
#include <portone/protocol/impl/transaction_query.ipp>
// request/
#include <portone/request/impl/check_fields.ipp>
#include <portone/request/impl/payment_builder.ipp>
