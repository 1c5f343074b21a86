// SPDX-License-Identifier: BSL-1.0
// portone-komoju: PortOne's KOMOJU channel for C++20, with misuse caught at compile time.
//
// The umbrella header. The layers, each including only those below it:
//   portone/core/     vocabulary: money, currencies, environments, fields, method traits, rules,
//                     diagnostics, value validation, errors          (namespace portone)
//   portone/komoju/   the KOMOJU catalog: 17 method types, queries, dispatch (portone::komoju)
//   portone/request/  the request model: compile-time builder, run-time form path, refunds
//   portone/json/     JSON writers generated from field descriptions
#pragma once

#include <portone/core/credentials.hpp>
#include <portone/core/currency.hpp>
#include <portone/core/diagnostics.hpp>
#include <portone/core/environment.hpp>
#include <portone/core/error.hpp>
#include <portone/core/fields.hpp>
#include <portone/core/method_catalog.hpp>
#include <portone/core/method_traits.hpp>
#include <portone/core/money.hpp>
#include <portone/core/rules.hpp>
#include <portone/core/validation.hpp>

#include <portone/komoju/catalog.hpp>
#include <portone/komoju/channel.hpp>
#include <portone/komoju/dispatch.hpp>
#include <portone/komoju/payment_windows.hpp>
#include <portone/komoju/queries.hpp>

#include <portone/request/check_fields.hpp>
#include <portone/request/customer.hpp>
#include <portone/request/payment_builder.hpp>
#include <portone/request/payment_fields.hpp>
#include <portone/request/payment_form.hpp>
#include <portone/request/payment_request.hpp>
#include <portone/request/refund_request.hpp>

#include <portone/json/describe.hpp>
#include <portone/json/initiate_payment.hpp>
#include <portone/json/output.hpp>
#include <portone/json/string_escape.hpp>

#include <portone/protocol/crypto.hpp>
#include <portone/protocol/signature.hpp>
#include <portone/protocol/signed_request.hpp>

// protocol: reading what PortOne sends back (the JSON reader, the payment webhook, the redirect)
#include <portone/json/read_types.hpp>
#include <portone/json/reader.hpp>
#include <portone/json/writer.hpp>
#include <portone/protocol/payment_details.hpp>
#include <portone/protocol/payment_webhook.hpp>
#include <portone/protocol/redirect.hpp>

// protocol: calling PortOne's server APIs (JWT, request descriptors) and hosted Checkout
#include <portone/request/checkout_request.hpp>
#include <portone/json/checkout.hpp>
#include <portone/json/refund.hpp>
#include <portone/protocol/jwt.hpp>
#include <portone/protocol/http_request.hpp>
#include <portone/protocol/api_error.hpp>
#include <portone/protocol/transaction_query.hpp>
#include <portone/protocol/payment_link.hpp>
#include <portone/protocol/refund_response.hpp>
#include <portone/protocol/webhook_refund.hpp>
#include <portone/protocol/refund_webhook.hpp>

// protocol: the rest of the merchant's loop (PortOne's answer to initiatePayment, the payment's
// lifecycle and deadlines, refunds that follow it, reconciliation, payment-link status, the
// token endpoint, status codes and retries)
#include <portone/protocol/payment_answer.hpp>
#include <portone/protocol/payment_lifecycle.hpp>
#include <portone/protocol/payment_deadline.hpp>
#include <portone/protocol/refund_ledger.hpp>
#include <portone/protocol/reconciliation.hpp>
#include <portone/protocol/payment_link_status.hpp>
#include <portone/protocol/auth_token.hpp>
#include <portone/protocol/status_codes.hpp>
