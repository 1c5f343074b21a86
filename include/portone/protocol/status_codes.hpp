// SPDX-License-Identifier: BSL-1.0
// PortOne's documented status codes (docs.portone.cloud, "Error Codes") as named constants, and
// what a retry loop should do when a call fails with one:
//
//   auto r = portone::parse_refund_response(http_status, body);
//   if (!r) switch (portone::advise(r.error(), portone::api_call::create_refund)) {
//       case portone::retry_advice::retry_with_backoff:         schedule_retry(); break;
//       case portone::retry_advice::refresh_jwt_and_retry_once: resign_and_retry(); break;
//       case portone::retry_advice::check_state_first:          list_refunds_then_decide(); break;
//       case portone::retry_advice::wait_for_outcome:           wait_for_webhook(); break;
//       case portone::retry_advice::never_retry:                report(r.error()); break;
//   }
//
// PortOne documents the codes and their names only: no meanings beyond the names, no retry
// policy and no idempotency key. The advice is therefore the library's reading of each name
// (docs/errors.md says why for each class), with one rule above all: a call that creates
// something (a payment, a refund, a payment link) is never simply sent again after a failure
// that may have happened after PortOne acted on it. PortOne has no idempotency key;
// `merchant_order_id` is the only one a merchant has, and PortOne refuses a second payment with
// the same id (4002 DUPLICATE_TRANSACTION_ERROR): ask for the payment's state instead.
#pragma once

#include <portone/protocol/api_error.hpp>
#include <portone/protocol/payment_details.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace portone {

/// What to do after a failed call.
enum class retry_advice {
    /// Send the same request again later, waiting longer each time: the failure was PortOne's or
    /// the network's, and the call changes nothing (or failed before it could).
    retry_with_backoff,
    /// The JWT was refused (expired, or signed with a clock that is off): sign a new one
    /// (make_jwt) and send the request once more. If that fails too, do not loop.
    refresh_jwt_and_retry_once,
    /// The call may have taken effect (a payment or refund created before the failure, a
    /// duplicate merchant_order_id): ask PortOne for the state first (transaction status,
    /// refund list), and retry only what it does not have.
    check_state_first,
    /// Not a failure yet: the outcome is pending (1xxx, 4097 TRANSACTION_UNDER_REVIEW). Wait for
    /// the webhook, or poll the status API.
    wait_for_outcome,
    /// Retrying cannot help: the request or the configuration is wrong (4xxx), or the payment
    /// got its answer (6xxx bank or card refusals, 8xxx PSP refusals).
    never_retry,
};

constexpr std::string_view to_string(retry_advice a) noexcept
{
    switch (a) {
    case retry_advice::retry_with_backoff: return "retry with back-off";
    case retry_advice::refresh_jwt_and_retry_once: return "refresh the JWT and retry once";
    case retry_advice::check_state_first: return "check the state before retrying";
    case retry_advice::wait_for_outcome: return "wait for the outcome";
    case retry_advice::never_retry: return "never retry";
    }
    return "never retry";
}

/// The kind of call that failed: whether sending it twice could do something twice.
enum class api_call {
    create_payment,      ///< initiatePayment
    create_refund,       ///< POST /api/refund/{order_ref}
    create_payment_link, ///< POST /api/paymentLink
    change,              ///< a change that is the same when done twice (cancel a payment link)
    query,               ///< anything that only reads (status, details, lists, auth-token)
};

/// Whether sending `call` twice can create two things.
constexpr bool creates(api_call call) noexcept
{
    return call == api_call::create_payment || call == api_call::create_refund ||
           call == api_call::create_payment_link;
}

/// One of PortOne's documented codes: its number, its name as PortOne spells it, and the
/// advice for a call refused with it.
struct documented_code {
    int number;
    std::string_view name;
    retry_advice advice;
};

/// PortOne's codes by name, e.g. codes::invalid_unauthorized_jwt_token_error (4054). PortOne
/// lists 4081 twice, as PARTIAL_REFUND_NOT_ALLOWED and as ROLE_NOT_ALLOWED; both are here.
namespace codes {
inline constexpr int invalid_request_data = 4001;
inline constexpr int duplicate_transaction_error = 4002;
inline constexpr int transaction_not_exist_on_psp = 4003;
inline constexpr int invalid_unauthorised_transaction_iamportkey_error = 4010;
inline constexpr int invalid_unauthorised_transaction_signature_error = 4011;
inline constexpr int invalid_unauthorised_transaction_error = 4012;
inline constexpr int invalid_merchant_type = 4013;
inline constexpr int invalid_email = 4014;
inline constexpr int master_merchant_not_found = 4015;
inline constexpr int merchant_not_found = 4016;
inline constexpr int merchant_not_associated_with_master_merchant = 4017;
inline constexpr int merchant_associated_with_another_master_merchant = 4018;
inline constexpr int invalid_merchant_status = 4019;
inline constexpr int invalid_action_type = 4020;
inline constexpr int merchant_login_not_allowed = 4021;
inline constexpr int merchant_login_disabled_by_master_merchant = 4022;
inline constexpr int master_merchant_donot_have_this_access = 4023;
inline constexpr int merchant_is_inactive = 4024;
inline constexpr int invalid_request = 4025;
inline constexpr int recon_mapping_not_found = 4026;
inline constexpr int recon_mapping_not_updated = 4027;
inline constexpr int recon_mapping_not_created = 4028;
inline constexpr int refund_system_error = 4029;
inline constexpr int payout_system_error = 4030;
inline constexpr int payoutvendor_system_error = 4031;
inline constexpr int recon_system_error = 4032;
inline constexpr int invalid_portal_request = 4033;
inline constexpr int invalid_environment = 4034;
inline constexpr int kyc_record_not_found = 4035;
inline constexpr int kyc_record_not_created = 4036;
inline constexpr int kyc_record_not_updated = 4037;
inline constexpr int kyc_submission_not_created = 4038;
inline constexpr int kyc_submission_not_updated = 4039;
inline constexpr int missing_kyc_submission_link = 4040;
inline constexpr int invalid_amount = 4041;
inline constexpr int merchant_already_exists = 4042;
inline constexpr int merchant_invite_error = 4043;
inline constexpr int creds_not_found = 4044;
inline constexpr int virtual_account_not_supported = 4045;
inline constexpr int invalid_payment_channel_key = 4046;
inline constexpr int invalid_settlement_ref = 4047;
inline constexpr int invalid_settlement_status = 4048;
inline constexpr int missing_kyc_submission_value = 4049;
inline constexpr int invalid_link_merchant_order_ref = 4050;
inline constexpr int merchant_already_registered_on_psp = 4051;
inline constexpr int invalid_email_address = 4052;
inline constexpr int invalid_password = 4053;
inline constexpr int invalid_unauthorized_jwt_token_error = 4054;
inline constexpr int master_merchant_registration_error = 4055;
inline constexpr int otp_expired = 4056;
inline constexpr int invalid_payment_method = 4057;
inline constexpr int payment_method_configuration_error = 4058;
inline constexpr int invalid_payment_page_stock = 4059;
inline constexpr int payment_page_invalid_owner = 4060;
inline constexpr int invalid_virtual_account = 4061;
inline constexpr int invalid_page_field = 4062;
inline constexpr int invalid_page_field_value = 4063;
inline constexpr int missing_mandatory_field = 4064;
inline constexpr int invalid_page_ref = 4065;
inline constexpr int invalid_merchant_payment_data = 4066;
inline constexpr int limited_payment_channel_record_not_found = 4067;
inline constexpr int invalid_page_type = 4068;
inline constexpr int inactive_payment_page = 4069;
inline constexpr int invalid_payment_request_refund_not_allowed = 4070;
inline constexpr int invalid_transaction_order_cancelled_error = 4071;
inline constexpr int transaction_expired = 4072;
inline constexpr int otp_verification_error = 4073;
inline constexpr int invalid_currency = 4075;
inline constexpr int invalid_amount_currency_error = 4076;
inline constexpr int invalid_minimum_amount_limit = 4077;
inline constexpr int invalid_maximum_amount_limit = 4078;
inline constexpr int invalid_status_type = 4079;
inline constexpr int payment_service_provider_error = 4080;
inline constexpr int partial_refund_not_allowed = 4081;
inline constexpr int role_not_allowed = 4081;
inline constexpr int transaction_expired_by_chaiport = 4082;
inline constexpr int invalid_payment_link_ref = 4083;
inline constexpr int invalid_unauthorised_portonekey_error = 4084;
inline constexpr int invalid_price_ref = 4085;
inline constexpr int invalid_quantity = 4086;
inline constexpr int invalid_recurrance_count = 4087;
inline constexpr int max_retry_limit_exceed = 4088;
inline constexpr int invalid_subscription_order_ref = 4089;
inline constexpr int invalid_total_additional_cost = 4090;
inline constexpr int invalid_period = 4091;
inline constexpr int recon_invalid_owner = 4092;
inline constexpr int voided = 4093;
inline constexpr int psp_cancelled_subscription = 4095;
inline constexpr int invalid_reference = 4096;
inline constexpr int invalid_frequency = 4094;
inline constexpr int transaction_under_review = 4097;
inline constexpr int invalid_account = 4098;
inline constexpr int invalid_unauthorised_portone_secret_error = 4099;
inline constexpr int suspected_fraudulent_transaction_error = 4100;
inline constexpr int merchant_subuser_not_found = 4101;
inline constexpr int verify_account_not_supported = 4102;
inline constexpr int payment_system_error = 5000;
inline constexpr int record_not_found_error = 5001;
inline constexpr int duplicate_found_error = 5002;
inline constexpr int merchant_update_failed = 5011;
inline constexpr int failed_to_send_email = 5012;
inline constexpr int merchant_payment_method_update_failed = 5013;
inline constexpr int error_in_fetching_records = 5014;
inline constexpr int record_not_created = 5015;
inline constexpr int merchant_creation_failed = 5016;
inline constexpr int sub_user_creation_failed = 5017;
inline constexpr int payment_txn_not_created = 5018;
inline constexpr int record_update_failed = 5019;
inline constexpr int merchant_kyc_creation_failed = 5020;
inline constexpr int tokenization_key_creation_failed = 5021;
inline constexpr int payment_channel_not_supported = 5022;
inline constexpr int invalid_payment_channel = 5023;
inline constexpr int psp_communication_error = 5024;
inline constexpr int error_parsing_response = 5025;
inline constexpr int invalid_redirect_url = 5030;
inline constexpr int bank_refused_transaction = 6001;
inline constexpr int funds_limit_error = 6002;
inline constexpr int payment_method_issuer_refused_transaction = 6003;
inline constexpr int invalid_card_info_error = 6011;
inline constexpr int invalid_card_not_supported_error = 6012;
inline constexpr int invalid_card_expired_error = 6013;
inline constexpr int invalid_card_declined_error = 6014;
inline constexpr int invalid_card_blocked_error = 6015;
inline constexpr int invalid_card_3ds_error = 6016;
inline constexpr int invalid_card_processing_error = 6017;
inline constexpr int declined_by_bank = 6018;
inline constexpr int exceeded_max_limit = 6019;
inline constexpr int invalid_bank_code = 6020;
inline constexpr int invalid_card_blacklisted_error = 6021;
inline constexpr int invalid_card_lost_error = 6022;
inline constexpr int error_creating_customer = 7000;
inline constexpr int payment_authorization_error = 8001;
inline constexpr int payment_authentication_error = 8002;
inline constexpr int payment_processing_error = 8003;
inline constexpr int risk_validation_error = 8004;
} // namespace codes

/// Every code of PortOne's table, in its order (the 1000 and 2000 series are series only).
inline constexpr documented_code documented_codes[] = {
    {4001, "INVALID_REQUEST_DATA", retry_advice::never_retry},
    {4002, "DUPLICATE_TRANSACTION_ERROR", retry_advice::check_state_first},
    {4003, "TRANSACTION_NOT_EXIST_ON_PSP", retry_advice::check_state_first},
    {4010, "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR", retry_advice::never_retry},
    {4011, "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", retry_advice::never_retry},
    {4012, "INVALID_UNAUTHORISED_TRANSACTION_ERROR", retry_advice::never_retry},
    {4013, "INVALID_MERCHANT_TYPE", retry_advice::never_retry},
    {4014, "INVALID_EMAIL", retry_advice::never_retry},
    {4015, "MASTER_MERCHANT_NOT_FOUND", retry_advice::never_retry},
    {4016, "MERCHANT_NOT_FOUND", retry_advice::never_retry},
    {4017, "MERCHANT_NOT_ASSOCIATED_WITH_MASTER_MERCHANT", retry_advice::never_retry},
    {4018, "MERCHANT_ASSOCIATED_WITH_ANOTHER_MASTER_MERCHANT", retry_advice::never_retry},
    {4019, "INVALID_MERCHANT_STATUS", retry_advice::never_retry},
    {4020, "INVALID_ACTION_TYPE", retry_advice::never_retry},
    {4021, "MERCHANT_LOGIN_NOT_ALLOWED", retry_advice::never_retry},
    {4022, "MERCHANT_LOGIN_DISABLED_BY_MASTER_MERCHANT", retry_advice::never_retry},
    {4023, "MASTER_MERCHANT_DONOT_HAVE_THIS_ACCESS", retry_advice::never_retry},
    {4024, "MERCHANT_IS_INACTIVE", retry_advice::never_retry},
    {4025, "INVALID_REQUEST", retry_advice::never_retry},
    {4026, "RECON_MAPPING_NOT_FOUND", retry_advice::never_retry},
    {4027, "RECON_MAPPING_NOT_UPDATED", retry_advice::retry_with_backoff},
    {4028, "RECON_MAPPING_NOT_CREATED", retry_advice::retry_with_backoff},
    {4029, "REFUND_SYSTEM_ERROR", retry_advice::check_state_first},
    {4030, "PAYOUT_SYSTEM_ERROR", retry_advice::retry_with_backoff},
    {4031, "PAYOUTVENDOR_SYSTEM_ERROR", retry_advice::retry_with_backoff},
    {4032, "RECON_SYSTEM_ERROR", retry_advice::retry_with_backoff},
    {4033, "INVALID_PORTAL_REQUEST", retry_advice::never_retry},
    {4034, "INVALID_ENVIRONMENT", retry_advice::never_retry},
    {4035, "KYC_RECORD_NOT_FOUND", retry_advice::never_retry},
    {4036, "KYC_RECORD_NOT_CREATED", retry_advice::retry_with_backoff},
    {4037, "KYC_RECORD_NOT_UPDATED", retry_advice::retry_with_backoff},
    {4038, "KYC_SUBMISSION_NOT_CREATED", retry_advice::retry_with_backoff},
    {4039, "KYC_SUBMISSION_NOT_UPDATED", retry_advice::retry_with_backoff},
    {4040, "MISSING_KYC_SUBMISSION_LINK", retry_advice::never_retry},
    {4041, "INVALID_AMOUNT", retry_advice::never_retry},
    {4042, "MERCHANT_ALREADY_EXISTS", retry_advice::never_retry},
    {4043, "MERCHANT_INVITE_ERROR", retry_advice::never_retry},
    {4044, "CREDS_NOT_FOUND", retry_advice::never_retry},
    {4045, "VIRTUAL_ACCOUNT_NOT_SUPPORTED", retry_advice::never_retry},
    {4046, "INVALID_PAYMENT_CHANNEL_KEY", retry_advice::never_retry},
    {4047, "INVALID_SETTLEMENT_REF", retry_advice::never_retry},
    {4048, "INVALID_SETTLEMENT_STATUS", retry_advice::never_retry},
    {4049, "MISSING_KYC_SUBMISSION_VALUE", retry_advice::never_retry},
    {4050, "INVALID_LINK_MERCHANT_ORDER_REF", retry_advice::never_retry},
    {4051, "MERCHANT_ALREADY_REGISTERED_ON_PSP", retry_advice::never_retry},
    {4052, "INVALID_EMAIL_ADDRESS", retry_advice::never_retry},
    {4053, "INVALID_PASSWORD", retry_advice::never_retry},
    {4054, "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR", retry_advice::refresh_jwt_and_retry_once},
    {4055, "MASTER_MERCHANT_REGISTRATION_ERROR", retry_advice::never_retry},
    {4056, "OTP_EXPIRED", retry_advice::never_retry},
    {4057, "INVALID_PAYMENT_METHOD", retry_advice::never_retry},
    {4058, "PAYMENT_METHOD_CONFIGURATION_ERROR", retry_advice::never_retry},
    {4059, "INVALID_PAYMENT_PAGE_STOCK", retry_advice::never_retry},
    {4060, "PAYMENT_PAGE_INVALID_OWNER", retry_advice::never_retry},
    {4061, "INVALID_VIRTUAL_ACCOUNT", retry_advice::never_retry},
    {4062, "INVALID_PAGE_FIELD", retry_advice::never_retry},
    {4063, "INVALID_PAGE_FIELD_VALUE", retry_advice::never_retry},
    {4064, "MISSING_MANDATORY_FIELD", retry_advice::never_retry},
    {4065, "INVALID_PAGE_REF", retry_advice::never_retry},
    {4066, "INVALID_MERCHANT_PAYMENT_DATA", retry_advice::never_retry},
    {4067, "LIMITED_PAYMENT_CHANNEL_RECORD_NOT_FOUND", retry_advice::never_retry},
    {4068, "INVALID_PAGE_TYPE", retry_advice::never_retry},
    {4069, "INACTIVE_PAYMENT_PAGE", retry_advice::never_retry},
    {4070, "INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED", retry_advice::never_retry},
    {4071, "INVALID_TRANSACTION_ORDER_CANCELLED_ERROR", retry_advice::never_retry},
    {4072, "TRANSACTION_EXPIRED", retry_advice::never_retry},
    {4073, "OTP_VERIFICATION_ERROR", retry_advice::never_retry},
    {4075, "INVALID_CURRENCY", retry_advice::never_retry},
    {4076, "INVALID_AMOUNT_CURRENCY_ERROR", retry_advice::never_retry},
    {4077, "INVALID_MINIMUM_AMOUNT_LIMIT", retry_advice::never_retry},
    {4078, "INVALID_MAXIMUM_AMOUNT_LIMIT", retry_advice::never_retry},
    {4079, "INVALID_STATUS_TYPE", retry_advice::never_retry},
    {4080, "PAYMENT_SERVICE_PROVIDER_ERROR", retry_advice::check_state_first},
    {4081, "PARTIAL_REFUND_NOT_ALLOWED", retry_advice::never_retry},
    {4081, "ROLE_NOT_ALLOWED", retry_advice::never_retry},
    {4082, "TRANSACTION_EXPIRED_BY_CHAIPORT", retry_advice::never_retry},
    {4083, "INVALID_PAYMENT_LINK_REF", retry_advice::never_retry},
    {4084, "INVALID_UNAUTHORISED_PORTONEKEY_ERROR", retry_advice::never_retry},
    {4085, "INVALID_PRICE_REF", retry_advice::never_retry},
    {4086, "INVALID_QUANTITY", retry_advice::never_retry},
    {4087, "INVALID_RECURRANCE_COUNT", retry_advice::never_retry},
    {4088, "MAX_RETRY_LIMIT_EXCEED", retry_advice::never_retry},
    {4089, "INVALID_SUBSCRIPTION_ORDER_REF", retry_advice::never_retry},
    {4090, "INVALID_TOTAL_ADDITIONAL_COST", retry_advice::never_retry},
    {4091, "INVALID_PERIOD", retry_advice::never_retry},
    {4092, "RECON_INVALID_OWNER", retry_advice::never_retry},
    {4093, "VOIDED", retry_advice::never_retry},
    {4095, "PSP_CANCELLED_SUBSCRIPTION", retry_advice::never_retry},
    {4096, "INVALID_REFERENCE", retry_advice::never_retry},
    {4094, "INVALID_FREQUENCY", retry_advice::never_retry},
    {4097, "TRANSACTION_UNDER_REVIEW", retry_advice::wait_for_outcome},
    {4098, "INVALID_ACCOUNT", retry_advice::never_retry},
    {4099, "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR", retry_advice::never_retry},
    {4100, "SUSPECTED_FRAUDULENT_TRANSACTION_ERROR", retry_advice::never_retry},
    {4101, "MERCHANT_SUBUSER_NOT_FOUND", retry_advice::never_retry},
    {4102, "VERIFY_ACCOUNT_NOT_SUPPORTED", retry_advice::never_retry},
    {5000, "PAYMENT_SYSTEM_ERROR", retry_advice::retry_with_backoff},
    {5001, "RECORD_NOT_FOUND_ERROR", retry_advice::never_retry},
    {5002, "DUPLICATE_FOUND_ERROR", retry_advice::check_state_first},
    {5011, "MERCHANT_UPDATE_FAILED", retry_advice::retry_with_backoff},
    {5012, "FAILED_TO_SEND_EMAIL", retry_advice::retry_with_backoff},
    {5013, "MERCHANT_PAYMENT_METHOD_UPDATE_FAILED", retry_advice::retry_with_backoff},
    {5014, "ERROR_IN_FETCHING_RECORDS", retry_advice::retry_with_backoff},
    {5015, "RECORD_NOT_CREATED", retry_advice::check_state_first},
    {5016, "MERCHANT_CREATION_FAILED", retry_advice::retry_with_backoff},
    {5017, "SUB_USER_CREATION_FAILED", retry_advice::retry_with_backoff},
    {5018, "PAYMENT_TXN_NOT_CREATED", retry_advice::check_state_first},
    {5019, "RECORD_UPDATE_FAILED", retry_advice::check_state_first},
    {5020, "MERCHANT_KYC_CREATION_FAILED", retry_advice::retry_with_backoff},
    {5021, "TOKENIZATION_KEY_CREATION_FAILED", retry_advice::retry_with_backoff},
    {5022, "PAYMENT_CHANNEL_NOT_SUPPORTED", retry_advice::never_retry},
    {5023, "INVALID_PAYMENT_CHANNEL", retry_advice::never_retry},
    {5024, "PSP_COMMUNICATION_ERROR", retry_advice::check_state_first},
    {5025, "ERROR_PARSING_RESPONSE", retry_advice::check_state_first},
    {5030, "INVALID_REDIRECT_URL", retry_advice::never_retry},
    {6001, "BANK_REFUSED_TRANSACTION", retry_advice::never_retry},
    {6002, "FUNDS_LIMIT_ERROR", retry_advice::never_retry},
    {6003, "PAYMENT_METHOD_ISSUER_REFUSED_TRANSACTION", retry_advice::never_retry},
    {6011, "INVALID_CARD_INFO_ERROR", retry_advice::never_retry},
    {6012, "INVALID_CARD_NOT_SUPPORTED_ERROR", retry_advice::never_retry},
    {6013, "INVALID_CARD_EXPIRED_ERROR", retry_advice::never_retry},
    {6014, "INVALID_CARD_DECLINED_ERROR", retry_advice::never_retry},
    {6015, "INVALID_CARD_BLOCKED_ERROR", retry_advice::never_retry},
    {6016, "INVALID_CARD_3DS_ERROR", retry_advice::never_retry},
    {6017, "INVALID_CARD_PROCESSING_ERROR", retry_advice::never_retry},
    {6018, "DECLINED_BY_BANK", retry_advice::never_retry},
    {6019, "EXCEEDED_MAX_LIMIT", retry_advice::never_retry},
    {6020, "INVALID_BANK_CODE", retry_advice::never_retry},
    {6021, "INVALID_CARD_BLACKLISTED_ERROR", retry_advice::never_retry},
    {6022, "INVALID_CARD_LOST_ERROR", retry_advice::never_retry},
    {7000, "ERROR_CREATING_CUSTOMER", retry_advice::retry_with_backoff},
    {8001, "PAYMENT_AUTHORIZATION_ERROR", retry_advice::never_retry},
    {8002, "PAYMENT_AUTHENTICATION_ERROR", retry_advice::never_retry},
    {8003, "PAYMENT_PROCESSING_ERROR", retry_advice::never_retry},
    {8004, "RISK_VALIDATION_ERROR", retry_advice::never_retry},
};

/// The documented code `number`, or nullptr. For 4081, the first of its two names.
constexpr const documented_code* find_documented_code(int number) noexcept
{
    for (const documented_code& c : documented_codes)
        if (c.number == number) return &c;
    return nullptr;
}

namespace detail {

/// The advice for a status code, before the kind of call is taken into account.
constexpr retry_advice advice_for_code(const transaction_status_code& code,
                                       std::string_view reason) noexcept
{
    // One of PortOne's own examples answers an expired JWT with 4010 and this reason, instead
    // of 4054.
    if (reason == "INVALID_JWT_TOKEN") return retry_advice::refresh_jwt_and_retry_once;
    if (code.number)
        if (const documented_code* c = find_documented_code(*code.number)) return c->advice;
    switch (code.series) {
    case status_series::pending: return retry_advice::wait_for_outcome;
    case status_series::system: return retry_advice::retry_with_backoff;
    default: return retry_advice::never_retry;
    }
}

} // namespace detail

/// What to do after `failure`, a failed call of kind `call`:
///   - PortOne refused it with a status code: the code's advice (documented_codes; an
///     undocumented code by its series: 1xxx wait, 5xxx back-off, others never);
///   - the answer could not be read: by HTTP status. 5xx, 408, 429, or no HTTP status at all
///     (0: the connection failed or timed out), back-off; 401, refresh the JWT once; any other
///     status, never (a 2xx body that cannot be read will not read better the second time;
///     after a call that creates something, check the state).
/// Then, for a call that creates something, "retry with back-off" becomes "check the state
/// first": the request may have reached PortOne before the failure, and sending it again could
/// create a second payment or refund.
constexpr retry_advice advise(const api_failure& failure, api_call call) noexcept
{
    retry_advice a = retry_advice::never_retry;
    if (failure.refusal) {
        a = detail::advice_for_code(failure.refusal->status_code, failure.refusal->reason());
    } else {
        const int s = failure.http_status;
        if (s == 0 || s >= 500 || s == 408 || s == 429) a = retry_advice::retry_with_backoff;
        else if (s == 401) a = retry_advice::refresh_jwt_and_retry_once;
        else if (s >= 200 && s < 300 && creates(call)) a = retry_advice::check_state_first;
    }
    if (a == retry_advice::retry_with_backoff && creates(call))
        a = retry_advice::check_state_first;
    return a;
}

} // namespace portone
