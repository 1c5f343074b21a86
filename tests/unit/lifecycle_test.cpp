// SPDX-License-Identifier: BSL-1.0
// The payment lifecycle (protocol/payment_lifecycle.hpp): the transition table's rules, webhooks
// arriving twice and out of order, the delivery key, deadlines and KOMOJU's default windows, and
// the state diagram in docs/lifecycle.md, which must be the table's.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using portone::lifecycle_verdict;
using portone::order_action;
using portone::payment_state;
using portone::payment_status;
using namespace std::chrono_literals;

namespace {

constexpr payment_state all_states[] = {payment_state::created, payment_state::initiated,
                                        payment_state::pending, payment_state::failed,
                                        payment_state::paid,    payment_state::expired,
                                        payment_state::cancelled};

/// Applies reported statuses in order to a new order; the state after each.
payment_state play(std::initializer_list<payment_status> reported,
                   std::vector<lifecycle_verdict>* verdicts = nullptr)
{
    payment_state s = payment_state::created;
    for (const payment_status r : reported) {
        const auto d = portone::decide(s, r);
        if (verdicts) verdicts->push_back(d.verdict);
        if (d.verdict == lifecycle_verdict::new_information) s = d.next;
    }
    return s;
}

} // namespace

TEST_CASE("lifecycle: every state and status has a decision, and only new information moves")
{
    for (const payment_state s : all_states) {
        for (const payment_status r : portone::lifecycle_statuses) {
            const auto d = portone::decide(s, r);
            INFO(portone::to_string(s) << " + " << portone::to_string(r));
            if (d.verdict != lifecycle_verdict::new_information) CHECK(d.next == s);
            else CHECK(d.next != s);
            // A status the order already has is a duplicate, whatever the state.
            if ((s == payment_state::initiated && r == payment_status::initiated) ||
                (s == payment_state::pending && r == payment_status::pending) ||
                (s == payment_state::failed && r == payment_status::failed) ||
                (s == payment_state::paid && r == payment_status::success) ||
                (s == payment_state::expired && r == payment_status::expired) ||
                (s == payment_state::cancelled && r == payment_status::cancelled))
                CHECK(d.verdict == lifecycle_verdict::duplicate);
            // A status the library does not know keeps the state and asks PortOne: none may
            // follow.
            if (r == payment_status::unknown) {
                CHECK(d.verdict == lifecycle_verdict::unrecognised);
                CHECK(d.action == order_action::query_status);
            }
            // Final states are never left; a Success after one is a conflict, not dropped.
            if (portone::is_final(s)) {
                CHECK(d.verdict != lifecycle_verdict::new_information);
                if (r == payment_status::success && s != payment_state::paid) {
                    CHECK(d.verdict == lifecycle_verdict::conflict);
                    CHECK(d.action == order_action::review);
                }
            }
        }
    }
}

TEST_CASE("lifecycle: a paid order is never downgraded, whatever arrives after")
{
    for (const payment_status late : {payment_status::initiated, payment_status::pending,
                                      payment_status::failed, payment_status::expired,
                                      payment_status::success}) {
        INFO(portone::to_string(late));
        CHECK(play({payment_status::pending, payment_status::success, late}) ==
              payment_state::paid);
    }
    std::vector<lifecycle_verdict> v;
    CHECK(play({payment_status::success, payment_status::pending}, &v) == payment_state::paid);
    CHECK(v.back() == lifecycle_verdict::stale);
}

TEST_CASE("lifecycle: Failed is not final, Expired and Cancelled are")
{
    // KOMOJU: "payment may be re-attempted". Failed, failed again, then paid.
    std::vector<lifecycle_verdict> v;
    CHECK(play({payment_status::failed, payment_status::failed, payment_status::success}, &v) ==
          payment_state::paid);
    CHECK(v == std::vector{lifecycle_verdict::new_information, lifecycle_verdict::duplicate,
                           lifecycle_verdict::new_information});
    CHECK(portone::decide(payment_state::failed, payment_status::success).action ==
          order_action::fulfil);
    CHECK(portone::decide(payment_state::created, payment_status::failed).action ==
          order_action::allow_retry);
    // A new attempt after a failure waits for payment again (new konbini instructions).
    CHECK(play({payment_status::failed, payment_status::pending}) == payment_state::pending);
    // Expired: released, and a late Pending does not reopen it.
    CHECK(play({payment_status::pending, payment_status::expired, payment_status::pending}) ==
          payment_state::expired);
    CHECK(portone::decide(payment_state::pending, payment_status::expired).action ==
          order_action::release);
    CHECK(portone::decide(payment_state::pending, payment_status::cancelled).action ==
          order_action::release);
    // Money after the order was released: flagged for a person.
    const auto d = portone::decide(payment_state::expired, payment_status::success);
    CHECK(d.verdict == lifecycle_verdict::conflict);
    CHECK(d.next == payment_state::expired);
}

TEST_CASE("lifecycle: webhooks delivered twice and in any order end in the same state")
{
    // Every order of delivery of one konbini payment's webhooks (Pending, then Success), each
    // possibly twice: the order ends paid, fulfilled exactly once.
    std::vector<payment_status> events = {payment_status::pending, payment_status::pending,
                                          payment_status::success, payment_status::success};
    std::sort(events.begin(), events.end());
    do {
        payment_state s = payment_state::created;
        int fulfilled = 0;
        for (const payment_status e : events) {
            const auto d = portone::decide(s, e);
            if (d.verdict == lifecycle_verdict::new_information) s = d.next;
            if (d.action == order_action::fulfil) ++fulfilled;
        }
        CHECK(s == payment_state::paid);
        CHECK(fulfilled == 1);
    } while (std::next_permutation(events.begin(), events.end()));
}

TEST_CASE("lifecycle: the delivery key tells redeliveries from new reports")
{
    portone::payment_webhook a;
    a.order_ref = "2abcDEF";
    a.status = portone::transaction_status::from_text("Failed");
    a.status_code = portone::transaction_status_code::from_text("6001");
    portone::payment_webhook same = a;
    same.buyer_name = "other unsigned fields do not matter";
    CHECK(portone::delivery_key(a) == portone::delivery_key(same));
    portone::payment_webhook again = a;
    again.status_code = portone::transaction_status_code::from_text("6014");
    CHECK(portone::delivery_key(a) != portone::delivery_key(again));
    portone::payment_webhook paid = a;
    paid.status = portone::transaction_status::from_text("Success");
    CHECK(portone::delivery_key(a) != portone::delivery_key(paid));
}

TEST_CASE("lifecycle: docs/lifecycle.md shows the table's diagram")
{
    std::ifstream file(PORTONE_SOURCE_DIR "/docs/lifecycle.md");
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    const std::string expected = "```mermaid\n" + portone::lifecycle_mermaid() + "```\n";
    INFO("regenerate the diagram: it is portone::lifecycle_mermaid()\n" << expected);
    CHECK(text.str().find(expected) != std::string::npos);
}

TEST_CASE("deadlines: PortOne's timestamps")
{
    using portone::parse_timestamp;
    using std::chrono::milliseconds;
    const auto ms = [](const char* t) { return parse_timestamp(t)->time_since_epoch().count(); };
    CHECK(ms("2024-10-24T23:59:59.999+09:00") == 1729781999999); // bank transfer deadline (JST)
    CHECK(ms("2024-10-24T14:59:59.999Z") == 1729781999999);
    CHECK(ms("2024-12-11T09:00:13.466197Z") == 1733907613466);   // six fraction digits
    CHECK(ms("2024-09-26 10:55:14.573735 +0000 UTC") == 1727348114573); // Go's time.String()
    CHECK(ms("2021-07-08T23:58:05.190121+05:30") == 1625768885190);
    CHECK(ms("2020-02-27T14:30:00Z") == 1582813800000);
    for (const char* bad : {"", "2024-10-24", "2024-10-24T23:59:59", "2024-02-30T00:00:00Z",
                            "2024-10-24T24:00:00Z", "2024-10-24T23:59:59.+09:00",
                            "2024-10-24T23:59:59+0900", "2024-10-24 10:00:00 +0000",
                            "2024-10-24T23:59:59Zjunk", "x"}) {
        INFO(bad);
        CHECK_FALSE(parse_timestamp(bad).has_value());
    }
    // As it arrives: a view into a larger body.
    const std::string body = R"({"payment_deadline":"2024-10-24T23:59:59.999+09:00"})";
    CHECK(parse_timestamp(std::string_view(body).substr(21, 29)).has_value());
}

TEST_CASE("deadlines: the stated deadline, or KOMOJU's default window")
{
    namespace k = portone::komoju;
    const auto at = [](const char* t) { return *portone::parse_timestamp(t); };
    // KOMOJU's example: ordered 1 January 10:00 with 3 days, due 4 January 23:59:59 (Japan).
    CHECK(portone::end_of_day_in_japan(at("2025-01-01T10:00:00+09:00"), std::chrono::days(3)) ==
          at("2025-01-04T23:59:59.999+09:00"));
    // The day is Japan's: 23:30 UTC is already the next day in Japan.
    CHECK(portone::end_of_day_in_japan(at("2025-01-01T23:30:00Z"), std::chrono::days(3)) ==
          at("2025-01-05T23:59:59.999+09:00"));

    const auto ordered = at("2025-01-01T10:00:00+09:00");
    std::optional<portone::payment_details> none;
    auto d = portone::deadline_of(&k::konbini_lawson::traits, none, ordered);
    REQUIRE(d.has_value());
    CHECK(d->estimated);
    CHECK(d->at == at("2025-01-04T23:59:59.999+09:00"));
    d = portone::deadline_of(&k::bank_transfer::traits, none, ordered);
    CHECK(d->at == at("2025-01-15T23:59:59.999+09:00"));
    d = portone::deadline_of(&k::pay_easy::traits, none, ordered);
    CHECK(d->at == at("2025-03-01T23:59:59.999+09:00")); // 59 days: KOMOJU publishes none
    CHECK_FALSE(k::pay_easy::traits.window.published);
    CHECK_FALSE(portone::deadline_of(&k::paypay::traits, none, ordered).has_value());
    CHECK_FALSE(portone::deadline_of(nullptr, none, ordered).has_value());

    // A bank transfer's own deadline wins, its text kept.
    portone::bank_transfer_details b;
    b.payment_deadline = "2024-10-24T23:59:59.999+09:00";
    const std::optional<portone::payment_details> details = portone::payment_details(b);
    d = portone::deadline_of(&k::bank_transfer::traits, details, ordered);
    CHECK_FALSE(d->estimated);
    CHECK(d->text == "2024-10-24T23:59:59.999+09:00");
    CHECK(d->at == at("2024-10-24T14:59:59.999Z"));
    // An unreadable one falls back to the window.
    b.payment_deadline = "next Thursday";
    d = portone::deadline_of(&k::bank_transfer::traits, portone::payment_details(b), ordered);
    CHECK(d->estimated);

    // Overdue: past the deadline by more than the grace for a last webhook.
    const portone::payment_deadline due{at("2025-01-04T23:59:59.999+09:00"), {}, true};
    CHECK_FALSE(portone::overdue(due, at("2025-01-05T00:30:00+09:00")));
    CHECK(portone::overdue(due, at("2025-01-05T01:30:00+09:00")));
    CHECK(portone::overdue(due, at("2025-01-05T00:30:00+09:00"), 10min));
}
