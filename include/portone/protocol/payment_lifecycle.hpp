// SPDX-License-Identifier: BSL-1.0
// A payment's lifecycle as the merchant's order sees it: given the state the order has stored and
// a status PortOne reports (a verified webhook, or a status query's answer), is it new, a
// duplicate, stale, or a contradiction, and what should the order do?
//
//   const portone::lifecycle_decision d = portone::decide(order.state, hook.status.value);
//   if (d.verdict == portone::lifecycle_verdict::new_information) order.state = d.next;
//   switch (d.action) { case portone::order_action::fulfil: ship(order); break; ... }
//
// PortOne documents no state machine, no ordering and no de-duplication of webhooks; KOMOJU says
// a failed payment "may be re-attempted" (its payment.failed event). The table below is the
// library's: forward only, so that a late or repeated webhook never undoes what a newer one did.
//   - Success is final: a later Pending, Failed or Expired is stale; nothing downgrades a paid
//     order.
//   - Failed is not final: the shopper may try again, so Pending and Success may follow.
//   - Expired and Cancelled are final: the order is released. A Success after them is not
//     dropped but flagged (lifecycle_verdict::conflict): money may have been taken for an order
//     that was released, and a person must look.
//   - A status the library does not know is not "wait for the next webhook": none may come. The
//     state is kept and the order asks PortOne (order_action::query_status).
// docs/lifecycle.md shows the table as a diagram, generated from lifecycle_table (a test checks
// that the two agree).
#pragma once

#include <portone/config.hpp>
#include <portone/protocol/payment_details.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace portone {

/// What an order knows about its payment: the last status it took in.
enum class payment_state : unsigned char {
    created,   ///< initiatePayment was accepted; PortOne has reported nothing yet
    initiated, ///< PortOne's "Initiated"
    pending,   ///< waiting for the shopper (a konbini or bank-transfer payment not made yet)
    failed,    ///< an attempt failed; the shopper may try again
    paid,      ///< "Success": final
    expired,   ///< the shopper did not pay in time: final
    cancelled, ///< cancelled (KOMOJU's payment.cancelled): final
};

inline constexpr std::size_t payment_state_count = 7;

constexpr std::string_view to_string(payment_state s) noexcept
{
    switch (s) {
    case payment_state::created: return "created";
    case payment_state::initiated: return "initiated";
    case payment_state::pending: return "pending";
    case payment_state::failed: return "failed";
    case payment_state::paid: return "paid";
    case payment_state::expired: return "expired";
    case payment_state::cancelled: return "cancelled";
    }
    return "created";
}

/// Whether nothing but a contradiction can follow `s` (paid, expired, cancelled).
constexpr bool is_final(payment_state s) noexcept
{
    return s == payment_state::paid || s == payment_state::expired ||
           s == payment_state::cancelled;
}

/// What a reported status is, next to the stored state.
enum class lifecycle_verdict : unsigned char {
    new_information, ///< move to `next` and act
    duplicate,       ///< the same status again: nothing to do (answer the webhook 2xx)
    stale,           ///< older than what the order knows (delivered late): ignore it
    conflict,        ///< contradicts a final state (Success after Expired): keep the state, flag it
    unrecognised,    ///< a status the library does not know: keep the state, ask PortOne
};

constexpr std::string_view to_string(lifecycle_verdict v) noexcept
{
    switch (v) {
    case lifecycle_verdict::new_information: return "new";
    case lifecycle_verdict::duplicate: return "duplicate";
    case lifecycle_verdict::stale: return "stale";
    case lifecycle_verdict::conflict: return "conflict";
    case lifecycle_verdict::unrecognised: return "unrecognised";
    }
    return "new";
}

/// What the order should do.
enum class order_action : unsigned char {
    none,          ///< nothing
    await_payment, ///< keep it open; show the payment instructions (konbini, bank transfer, ...)
    allow_retry,   ///< keep it open; let the shopper try again (or choose another method)
    fulfil,        ///< paid: ship, grant, confirm
    release,       ///< final without payment: cancel the order, release what it reserved
    review,        ///< a contradiction: a person must look (and likely refund)
    query_status,  ///< ask PortOne (api::transaction_status) and decide from its answer
};

constexpr std::string_view to_string(order_action a) noexcept
{
    switch (a) {
    case order_action::none: return "none";
    case order_action::await_payment: return "await payment";
    case order_action::allow_retry: return "allow retry";
    case order_action::fulfil: return "fulfil";
    case order_action::release: return "release";
    case order_action::review: return "review";
    case order_action::query_status: return "query status";
    }
    return "none";
}

/// The answer of decide().
struct lifecycle_decision {
    lifecycle_verdict verdict = lifecycle_verdict::duplicate;
    payment_state next = payment_state::created; ///< the state to store: unchanged unless new
    order_action action = order_action::none;

    friend bool operator==(const lifecycle_decision&, const lifecycle_decision&) = default;
};

/// The statuses decide() distinguishes, in the table's column order.
inline constexpr std::array<payment_status, 7> lifecycle_statuses = {
    payment_status::initiated, payment_status::pending, payment_status::success,
    payment_status::failed,    payment_status::expired, payment_status::cancelled,
    payment_status::unknown};

namespace detail {

constexpr lifecycle_decision to(payment_state next, order_action action) noexcept
{
    return {lifecycle_verdict::new_information, next, action};
}
constexpr lifecycle_decision keep(lifecycle_verdict v, payment_state s,
                                  order_action action = order_action::none) noexcept
{
    return {v, s, action};
}

} // namespace detail

/// The transition table: lifecycle_table[stored state][reported status] (columns in the order
/// of lifecycle_statuses). The one place the lifecycle is written down: decide() reads it,
/// docs/lifecycle.md draws it (lifecycle_mermaid), tests check it.
inline constexpr auto lifecycle_table = [] {
    using S = payment_state;
    using A = order_action;
    using V = lifecycle_verdict;
    using detail::keep;
    using detail::to;
    std::array<std::array<lifecycle_decision, 7>, payment_state_count> t{};
    // Reported:          Initiated                  Pending                   Success
    //                    Failed                     Expired                   Cancelled
    //                    (unknown)
    t[std::size_t(S::created)] = {
        to(S::initiated, A::await_payment), to(S::pending, A::await_payment), to(S::paid, A::fulfil),
        to(S::failed, A::allow_retry),      to(S::expired, A::release),       to(S::cancelled, A::release),
        keep(V::unrecognised, S::created, A::query_status)};
    t[std::size_t(S::initiated)] = {
        keep(V::duplicate, S::initiated),   to(S::pending, A::await_payment), to(S::paid, A::fulfil),
        to(S::failed, A::allow_retry),      to(S::expired, A::release),       to(S::cancelled, A::release),
        keep(V::unrecognised, S::initiated, A::query_status)};
    t[std::size_t(S::pending)] = {
        keep(V::stale, S::pending),         keep(V::duplicate, S::pending),   to(S::paid, A::fulfil),
        to(S::failed, A::allow_retry),      to(S::expired, A::release),       to(S::cancelled, A::release),
        keep(V::unrecognised, S::pending, A::query_status)};
    // After a failed attempt the shopper may try again: a Pending is the new attempt waiting for
    // payment (its instructions are new), an Initiated is older than the failure.
    t[std::size_t(S::failed)] = {
        keep(V::stale, S::failed),          to(S::pending, A::await_payment), to(S::paid, A::fulfil),
        keep(V::duplicate, S::failed),      to(S::expired, A::release),       to(S::cancelled, A::release),
        keep(V::unrecognised, S::failed, A::query_status)};
    // Paid is final. Cancelled after paid is KOMOJU cancelling a captured payment: money moved.
    t[std::size_t(S::paid)] = {
        keep(V::stale, S::paid),            keep(V::stale, S::paid),          keep(V::duplicate, S::paid),
        keep(V::stale, S::paid),            keep(V::stale, S::paid),          keep(V::conflict, S::paid, A::review),
        keep(V::unrecognised, S::paid, A::query_status)};
    t[std::size_t(S::expired)] = {
        keep(V::stale, S::expired),         keep(V::stale, S::expired),       keep(V::conflict, S::expired, A::review),
        keep(V::stale, S::expired),         keep(V::duplicate, S::expired),   keep(V::stale, S::expired),
        keep(V::unrecognised, S::expired, A::query_status)};
    t[std::size_t(S::cancelled)] = {
        keep(V::stale, S::cancelled),       keep(V::stale, S::cancelled),     keep(V::conflict, S::cancelled, A::review),
        keep(V::stale, S::cancelled),       keep(V::stale, S::cancelled),     keep(V::duplicate, S::cancelled),
        keep(V::unrecognised, S::cancelled, A::query_status)};
    return t;
}();

/// The column of `status` in lifecycle_table.
constexpr std::size_t lifecycle_column(payment_status status) noexcept
{
    for (std::size_t i = 0; i < lifecycle_statuses.size(); ++i)
        if (lifecycle_statuses[i] == status) return i;
    return lifecycle_statuses.size() - 1; // unknown
}

/// What `reported` means for an order in state `stored` (see the top of this file).
constexpr lifecycle_decision decide(payment_state stored, payment_status reported) noexcept
{
    return lifecycle_table[static_cast<std::size_t>(stored)][lifecycle_column(reported)];
}

/// A key that is the same for two deliveries of the same webhook and differs between webhooks
/// that report different things about a payment: PortOne's order reference, the status and the
/// status code, as sent. PortOne sends no delivery id; store the keys of the webhooks an order
/// has taken in (or just compare with the last one) to answer a redelivery 2xx without acting
/// twice. decide() alone already makes a repeated status a duplicate; the key also catches a
/// repeated Failed with the same code.
template <class Webhook>
std::string delivery_key(const Webhook& hook)
{
    std::string key = hook.order_ref;
    key += '\n';
    key += hook.status.text;
    key += '\n';
    if (hook.status_code) key += hook.status_code->text;
    return key;
}

/// The lifecycle table as a Mermaid state diagram (docs/lifecycle.md): one arrow per transition
/// that moves the order, labelled with the status and the action; duplicates, stale statuses
/// and unknown ones (which keep the state) are left out, conflicts are dotted arrows to a
/// "review" note.
PORTONE_DECL std::string lifecycle_mermaid();

} // namespace portone

#ifdef PORTONE_HEADER_ONLY
#include <portone/protocol/impl/payment_lifecycle.ipp>
#endif
