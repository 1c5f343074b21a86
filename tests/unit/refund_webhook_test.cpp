// SPDX-License-Identifier: BSL-1.0
// The refund webhook: PortOne's KOMOJU example read to exactly its values, every way a body can be
// wrong, the absence of a documented signature, and the confirmation against PortOne's
// authenticated list of refunds that takes its place.
#include "fixtures.hpp"

#include <portone/komoju.hpp>
#include <portone/protocol/refund_webhook.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace portone::literals;
using portone::errc;

// Bodies as lists of fields, and the checks every reader passes (reader_rules::check_all).
using fixtures::body_of;
using fixtures::fields;
using fixtures::replaced;

namespace {

// PortOne's refund webhook example (its KOMOJU one), field for field and in its order.
const fields komoju_example = {
    {"refund_date", "\"2024-09-26 10:42:24.650023 +0000 UTC\""},
    {"refund_id", "\"oKYR4vZ7ddvEAbfm9U9w2c\""},
    {"psp_refund_id", "\"281m16unk3u60obtagljvxhyn\""},
    {"amount", "500"},
    {"currency", "\"JPY\""},
    {"refund_status", "\"SUCCESS\""},
    {"refund_type", "\"full\""},
    {"refund_reason", "\"duplicate\""},
    {"merchant_id", "\"6539\""},
    {"description", "\"Refund for transaction oKYR4vZ7ddvEAbfm9U9w2c\""},
    {"payment_txn_ref", "\"2mbZeehV4ZhkLTwVcL2fHukBg4J\""},
    {"payment_channel", "\"KOMOJU\""},
    {"payment_method", "\"Alipay wallet via KOMOJU\""},
};

const std::vector<std::string> required_keys = {"refund_id",     "amount",      "currency",
                                                "refund_status", "refund_type", "payment_txn_ref"};

portone::refund_webhook parse(const fields& f)
{
    const std::string body = body_of(f);
    auto r = portone::parse_refund_webhook(body);
    INFO(body << "\n" << (r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return std::move(*r);
}

portone::error parse_error(const fields& f)
{
    const std::string body = body_of(f);
    auto r = portone::parse_refund_webhook(body);
    INFO(body);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

/// PortOne's answer to list_refunds for the example's payment: the example's refund, and an
/// earlier partial one.
portone::refund_response listed_refunds()
{
    const auto r = portone::parse_refund_response(200, R"({
        "amountToRefund": 0,
        "refundDetails": [
            {"refund_date": "2024-09-25T08:00:00.000000Z", "refund_id": "p1Earlier",
             "psp_refund_id": "komoju-earlier", "amount": 200, "currency": "JPY",
             "refund_status": "SUCCESS", "refund_type": "partial", "refund_reason": "damaged"},
            {"refund_date": "2024-09-26T10:42:24.650023Z", "refund_id": "oKYR4vZ7ddvEAbfm9U9w2c",
             "psp_refund_id": "281m16unk3u60obtagljvxhyn", "amount": 500, "currency": "JPY",
             "refund_status": "SUCCESS", "refund_type": "full", "refund_reason": "duplicate",
             "merchant_id": "6539"}
        ]})");
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return *r;
}

} // namespace

TEST_CASE("refund webhook: PortOne's KOMOJU example reads to exactly its values")
{
    const auto w = parse(komoju_example);
    CHECK(w.refund_date == "2024-09-26 10:42:24.650023 +0000 UTC");
    CHECK(w.refund_id == "oKYR4vZ7ddvEAbfm9U9w2c");
    CHECK(w.psp_refund_id == "281m16unk3u60obtagljvxhyn");
    CHECK(w.amount == 500_yen);
    CHECK(w.currency == "JPY");
    CHECK(w.refund_status.value == portone::refund_state::success);
    CHECK(w.refund_status.text == "SUCCESS");
    CHECK(w.refund_type == portone::refund_type::full);
    CHECK(w.refund_reason == "duplicate");
    CHECK(w.merchant_id == "6539");
    CHECK(w.description == "Refund for transaction oKYR4vZ7ddvEAbfm9U9w2c");
    CHECK(w.payment_txn_ref == "2mbZeehV4ZhkLTwVcL2fHukBg4J");
    CHECK(w.payment_channel == "KOMOJU");
    CHECK(w.payment_method == "Alipay wallet via KOMOJU");
    CHECK(w.extra_fields.empty());
}

TEST_CASE("refund webhook: only the required fields, and keys PortOne may add")
{
    fields required;
    for (const auto& kv : komoju_example)
        for (const auto& key : required_keys)
            if (kv.first == key) required.push_back(kv);
    auto w = parse(required);
    CHECK(w.amount == 500_yen);
    CHECK_FALSE(w.refund_date.has_value());
    CHECK_FALSE(w.psp_refund_id.has_value());
    CHECK_FALSE(w.payment_method.has_value());

    fields more = komoju_example;
    more.emplace_back("refund_fee", R"({"amount":0,"currency":"JPY"})");
    more.emplace_back("environment", "\"sandbox\"");
    w = parse(more);
    REQUIRE(w.extra_fields.size() == 2);
    CHECK(w.extra_fields[0].key == "refund_fee");
    CHECK(w.extra_fields[0].value.text == R"({"amount":0,"currency":"JPY"})");
    CHECK(w.extra_fields[1].key == "environment");
    CHECK(w.extra_fields[1].value.text == "\"sandbox\"");
}

TEST_CASE("refund webhook: refund_status and refund_type")
{
    for (const char* text : {"PENDING", "FAILED", "success", ""}) {
        const auto w = parse(replaced(komoju_example, "refund_status", '"' + std::string(text) + '"'));
        CHECK(w.refund_status == portone::refund_state::unknown);
        CHECK(w.refund_status.text == text);
    }
    CHECK(parse(replaced(komoju_example, "refund_type", "\"partial\"")).refund_type ==
          portone::refund_type::partial);
    for (const char* text : {"Full", "FULL", "partial ", "refund", ""}) {
        const auto e = parse_error(replaced(komoju_example, "refund_type", '"' + std::string(text) + '"'));
        INFO(text);
        CHECK(e.code == errc::invalid_value);
        CHECK(e.where == "/refund_type");
    }
    CHECK(parse_error(replaced(komoju_example, "refund_type", "\"half\"")).message ==
          "\"/refund_type\" must be \"full\" or \"partial\", got \"half\"");
}

TEST_CASE("refund webhook: amounts")
{
    for (const char* ok : {"500", "500.0", "5e2"})
        CHECK(parse(replaced(komoju_example, "amount", ok)).amount == 500_yen);
    struct bad {
        const char* value;
        errc code;
    };
    for (const bad b : {bad{"500.5", errc::invalid_value}, bad{"0.5", errc::invalid_value},
                        bad{"-500", errc::amount_not_positive},
                        bad{"0", errc::amount_not_positive},
                        bad{"10000000", errc::amount_too_large},
                        bad{"18446744073709551616", errc::amount_too_large},
                        bad{"1e400", errc::amount_too_large},
                        bad{"\"500\"", errc::wrong_type}, bad{"null", errc::wrong_type}}) {
        const auto e = parse_error(replaced(komoju_example, "amount", b.value));
        INFO(b.value << ": " << e.message);
        CHECK(e.code == b.code);
        CHECK(e.where == "/amount");
    }
}

TEST_CASE("refund webhook: read as it arrives, a view into a larger buffer")
{
    // The body as a view into the buffer it arrived in (headers before it, more bytes after it
    // that are not JSON): read to exactly the example's values, and nothing past its end.
    fields f = komoju_example;
    f.emplace_back("environment", "\"sandbox\"");
    std::string buffer;
    const auto r = portone::parse_refund_webhook(fixtures::in_response(buffer, body_of(f)));
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->refund_id == "oKYR4vZ7ddvEAbfm9U9w2c");
    CHECK(r->psp_refund_id == "281m16unk3u60obtagljvxhyn");
    CHECK(r->amount == 500_yen);
    CHECK(r->currency == "JPY");
    CHECK(r->refund_status.value == portone::refund_state::success);
    CHECK(r->refund_status.text == "SUCCESS");
    CHECK(r->refund_type == portone::refund_type::full);
    CHECK(r->payment_txn_ref == "2mbZeehV4ZhkLTwVcL2fHukBg4J");
    CHECK(r->payment_method == "Alipay wallet via KOMOJU");
    REQUIRE(r->extra_fields.size() == 1);
    CHECK(r->extra_fields[0].key == "environment");
    CHECK(r->extra_fields[0].value.text == "\"sandbox\"");
}

TEST_CASE("refund webhook: the reader rules")
{
    reader_rules::check_all(
        [](std::string_view body, const auto& limits) -> std::optional<portone::error> {
            if (auto r = portone::parse_refund_webhook(body, limits); !r) return r.error();
            return std::nullopt;
        },
        komoju_example, "", nullptr, required_keys, {});
}

TEST_CASE("refund webhook signature: PortOne documents none, so none is checked or invented")
{
    // The example carries no signature and is accepted as it is.
    CHECK(parse(komoju_example).extra_fields.find("signature_hash") == nullptr);
    // A signature_hash, whatever it holds (empty, not Base64, or a valid-looking MAC), is kept
    // verbatim as an unknown key: nothing claims to have verified it.
    for (const char* signature :
         {"", "not base64!", "AAAA", "VUmIVSyEkuURjS7KDDfHK1etWIs+KX9kKHRR8FupQ/I="}) {
        fields f = komoju_example;
        f.emplace_back("signature_hash", '"' + std::string(signature) + '"');
        const auto w = parse(f);
        const portone::json::raw_json* kept = w.extra_fields.find("signature_hash");
        REQUIRE(kept != nullptr);
        CHECK(kept->text == '"' + std::string(signature) + '"');
    }
    // Duplicated, it is still a duplicate key.
    fields twice = komoju_example;
    twice.emplace_back("signature_hash", "\"a\"");
    twice.emplace_back("signature_hash", "\"b\"");
    CHECK(parse_error(twice).code == errc::duplicate_key);
}

TEST_CASE("refund webhook: PortOne's list of refunds confirms the example")
{
    const auto listed = listed_refunds();
    CHECK(portone::confirm_refund_webhook(parse(komoju_example), listed).empty());
    // Without refund_id, by psp_refund_id.
    const auto by_psp = parse(replaced(komoju_example, "refund_id", "\"\""));
    CHECK(portone::confirm_refund_webhook(by_psp, listed).empty());
    // Unsigned fields the list does not carry may differ.
    CHECK(portone::confirm_refund_webhook(
              parse(replaced(komoju_example, "description", "\"another text\"")), listed)
              .empty());
}

TEST_CASE("refund webhook: a tampered field is caught by the confirmation")
{
    const auto listed = listed_refunds();
    struct tampered {
        const char* key;
        const char* value;
        const char* where;
    };
    for (const tampered t : {tampered{"amount", "5000", "/amount"},
                             tampered{"currency", "\"USD\"", "/currency"},
                             tampered{"refund_status", "\"SUCCESS \"", "/refund_status"},
                             tampered{"refund_type", "\"partial\"", "/refund_type"},
                             tampered{"refund_id", "\"oKYR4vZ7ddvEAbfm9U9w2d\"", "/refund_id"},
                             tampered{"refund_id", "\"p1Earlier\"", "/amount"}}) {
        INFO(t.key << " = " << t.value);
        const auto problems =
            portone::confirm_refund_webhook(parse(replaced(komoju_example, t.key, t.value)), listed);
        REQUIRE_FALSE(problems.empty());
        CHECK(problems.contains(errc::mismatch, t.where));
    }
    auto problems = portone::confirm_refund_webhook(
        parse(replaced(komoju_example, "amount", "5000")), listed);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "the webhook reports 5000 yen, PortOne lists 500 yen");

    problems = portone::confirm_refund_webhook(
        parse(replaced(komoju_example, "refund_id", "\"forged\"")), listed);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "PortOne lists no refund \"forged\" for payment \"2mbZeehV4ZhkLTwVcL2fHukBg4J\"");

    // No refund_id and an unknown psp_refund_id: not found, said at psp_refund_id.
    fields no_ids = replaced(komoju_example, "refund_id", "\"\"");
    no_ids = replaced(no_ids, "psp_refund_id", "\"komoju-unknown\"");
    problems = portone::confirm_refund_webhook(parse(no_ids), listed);
    CHECK(problems.contains(errc::mismatch, "/psp_refund_id"));
    // An empty list confirms nothing.
    const auto empty = portone::parse_refund_response(200, R"({"amountToRefund":500})");
    REQUIRE(empty.has_value());
    CHECK(portone::confirm_refund_webhook(parse(komoju_example), *empty)
              .contains(errc::mismatch, "/refund_id"));
}
