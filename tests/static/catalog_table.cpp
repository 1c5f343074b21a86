// SPDX-License-Identifier: BSL-1.0
// Every cell of PortOne's KOMOJU method table and every required-customer-data list of its
// "Miscellaneous Details", restated here by hand and checked against the catalog's traits. If the
// catalog drifts from the published page, this file stops compiling.
#include <portone/komoju.hpp>

#include <boost/hana/equal.hpp>
#include <boost/hana/front.hpp>

#include <string_view>

namespace {

using namespace portone;
namespace k = portone::komoju;
using cd = customer_data;

// The seed's table, row by row: payment type, key, integrated, refund, sandbox.
struct row {
    std::string_view payment_type;
    std::string_view key;
    bool integrated;
    bool refund;
    bool sandbox;
};
constexpr row seed_table[] = {
    {"Credit/Debit Card", "KOMOJU_CREDIT_CARD", true, true, false},
    {"Bank transfer", "KOMOJU_BANK_TRANSFER", true, false, true},
    {"PayEasy", "KOMOJU_PAY_EASY", true, false, true},
    {"Konbini Seven-Eleven", "KOMOJU_KONBINI_711", true, false, true},
    {"Konbini Lawson", "KOMOJU_KONBINI_LAWSON", true, false, true},
    {"Konbini FamilyMart", "KOMOJU_KONBINI_FAMILY_MART", true, false, true},
    {"Konbini MiniStop", "KOMOJU_KONBINI_MINISTOP", true, false, true},
    {"Konbini Daily Yamazaki", "KOMOJU_KONBINI_DAILY_YAMAZAKI", true, false, true},
    {"Konbini Seicomart", "KOMOJU_KONBINI_SEICOMART", true, false, true},
    {"WebMoney prepaid", "KOMOJU_WEB_MONEY", true, false, false},
    {"MerPay wallet", "KOMOJU_MERPAY", true, true, true},
    {"LinePay wallet", "KOMOJU_LINEPAY", true, true, true},
    {"PayPay", "KOMOJU_PAYPAY", true, true, true},
    {"Alipay wallet", "KOMOJU_ALIPAY", true, true, true},
    {"Rakuten Pay wallet", "KOMOJU_RAKUTEN_PAY", true, true, true},
    {"Au Pay wallet", "KOMOJU_AU_PAY", true, true, true},
    {"Paidy", "KOMOJU_PAIDY", true, false, false},
};

template <class M, std::size_t Row>
constexpr bool matches_row()
{
    constexpr const row& r = seed_table[Row];
    return M::traits.payment_type == r.payment_type && M::traits.key == r.key &&
           M::traits.integrated == r.integrated && is_refundable_v<M> == r.refund &&
           has_sandbox_v<M> == r.sandbox && k::all_traits[Row] == &M::traits;
}

static_assert(k::method_count == 17);
static_assert(std::size(seed_table) == k::method_count);
static_assert(matches_row<k::credit_card, 0>());
static_assert(matches_row<k::bank_transfer, 1>());
static_assert(matches_row<k::pay_easy, 2>());
static_assert(matches_row<k::konbini_seven_eleven, 3>());
static_assert(matches_row<k::konbini_lawson, 4>());
static_assert(matches_row<k::konbini_family_mart, 5>());
static_assert(matches_row<k::konbini_ministop, 6>());
static_assert(matches_row<k::konbini_daily_yamazaki, 7>());
static_assert(matches_row<k::konbini_seicomart, 8>());
static_assert(matches_row<k::web_money, 9>());
static_assert(matches_row<k::merpay, 10>());
static_assert(matches_row<k::line_pay, 11>());
static_assert(matches_row<k::paypay, 12>());
static_assert(matches_row<k::alipay, 13>());
static_assert(matches_row<k::rakuten_pay, 14>());
static_assert(matches_row<k::au_pay, 15>());
static_assert(matches_row<k::paidy, 16>());

// "Miscellaneous Details": exactly these requirements, nothing more.
template <class M>
constexpr bool requires_exactly(cd expected)
{
    return M::traits.required == expected;
}
static_assert(requires_exactly<k::credit_card>(cd::email | cd::name | cd::surname));
static_assert(requires_exactly<k::bank_transfer>(cd::name | cd::surname | cd::phone));
static_assert(requires_exactly<k::pay_easy>(cd::name | cd::surname));
static_assert(requires_exactly<k::konbini_seven_eleven>(cd::email));
static_assert(requires_exactly<k::konbini_lawson>(cd::email));
static_assert(requires_exactly<k::konbini_family_mart>(cd::email));
static_assert(requires_exactly<k::konbini_ministop>(cd::email));
static_assert(requires_exactly<k::konbini_daily_yamazaki>(cd::email));
static_assert(requires_exactly<k::konbini_seicomart>(cd::email));
static_assert(requires_exactly<k::web_money>(cd::none));
static_assert(requires_exactly<k::merpay>(cd::none));
static_assert(requires_exactly<k::line_pay>(cd::none));
static_assert(requires_exactly<k::paypay>(cd::none));
static_assert(requires_exactly<k::alipay>(cd::none));
static_assert(requires_exactly<k::rakuten_pay>(cd::none));
static_assert(requires_exactly<k::au_pay>(cd::none));
static_assert(requires_exactly<k::paidy>(cd::name | cd::surname | cd::address));

// The same through the field-level query the request builder uses, mapped onto PortOne's fields.
static_assert(requires_field_v<k::konbini_lawson, field::billing_email>);
static_assert(!requires_field_v<k::konbini_lawson, field::billing_name>);
static_assert(requires_field_v<k::bank_transfer, field::billing_phone>);
static_assert(!requires_field_v<k::credit_card, field::billing_phone>);
static_assert(requires_field_v<k::paidy, field::billing_or_shipping_address>);
static_assert(!requires_field_v<k::paypay, field::billing_or_shipping_address>);
static_assert(requires_field_v<k::paypay, field::merchant_order_id>); // PortOne's own

// "WebMoney prepaid card method is currently not available in sandbox and via Checkout".
static_assert(!in_checkout_v<k::web_money>);
static_assert(!has_sandbox_v<k::web_money>);

// Kinds and KOMOJU store codes.
static_assert(k::credit_card::traits.kind == method_kind::card);
static_assert(k::bank_transfer::traits.kind == method_kind::bank_transfer);
static_assert(k::pay_easy::traits.kind == method_kind::pay_easy);
static_assert(k::web_money::traits.kind == method_kind::prepaid);
static_assert(k::paidy::traits.kind == method_kind::bnpl);
static_assert(k::paypay::traits.kind == method_kind::wallet);
static_assert(k::konbini_seven_eleven::traits.store == "seven-eleven");
static_assert(k::konbini_lawson::traits.store == "lawson");
static_assert(k::konbini_family_mart::traits.store == "family-mart");
static_assert(k::konbini_ministop::traits.store == "ministop");
static_assert(k::konbini_daily_yamazaki::traits.store == "daily-yamazaki");
static_assert(k::konbini_seicomart::traits.store == "seicomart");
static_assert(k::find_konbini_store("family-mart") == &k::konbini_family_mart::traits);
static_assert(k::find_konbini_store("paypay") == nullptr);

// KOMOJU's default payment windows: every method's is its kind's (konbini 3 days, bank transfer
// 14, PayEasy 59 and not published; none for methods paid on the spot).
static_assert(k::konbini_lawson::traits.window == payment_window{3, true});
static_assert(k::bank_transfer::traits.window == payment_window{14, true});
static_assert(k::pay_easy::traits.window == payment_window{59, false});
static_assert(k::paypay::traits.window.days == 0 && k::credit_card::traits.window.days == 0);
static_assert([] {
    for (const method_traits* t : k::all_traits)
        if (t->window != (t->kind == method_kind::konbini         ? k::konbini_window
                          : t->kind == method_kind::bank_transfer ? k::bank_transfer_window
                          : t->kind == method_kind::pay_easy      ? k::pay_easy_window
                                                                  : payment_window{}))
            return false;
    return true;
}());

// The catalog as the generic readers see it (komoju::methods), and the one bound it must fit.
static_assert(k::methods.name == "KOMOJU" && k::methods.country == "JP");
static_assert(k::methods.methods.size() == k::method_count);
static_assert(k::methods.find("KOMOJU_PAYPAY") == &k::paypay::traits);
static_assert(k::methods.find("komoju_paypay") == nullptr);
static_assert(k::methods.find_store("lawson") == &k::konbini_lawson::traits);
static_assert(k::method_count <= dynamic_checkout_request::max_methods);
// Every key finds its method; near misses find nothing.
static_assert([] {
    for (const method_traits* t : k::all_traits)
        if (k::methods.find(t->key) != t) return false;
    for (std::string_view key : {"", "KOMOJU_", "KOMOJU_PAYPAYX", "komoju_paypay", "KOMOJU_PAYPA"})
        if (k::methods.find(key) != nullptr) return false;
    return true;
}());

// Channel facts.
static_assert(k::channel::key == "KOMOJU");
static_assert(k::channel::country == "JP");
static_assert(std::is_same_v<k::channel::currency, currency::jpy>);
static_assert(k::paypay::traits.channel == "KOMOJU" && k::paypay::traits.currency == "JPY");

// Queries over the catalog.
namespace hana = boost::hana;
static_assert(hana::length(k::refundable_methods) == hana::size_c<7>);
static_assert(hana::length(k::sandbox_methods) == hana::size_c<14>);
static_assert(hana::length(k::checkout_methods) == hana::size_c<16>);
static_assert(hana::length(k::konbini_methods) == hana::size_c<6>);
static_assert(hana::length(k::methods_requiring<cd::email>) == hana::size_c<7>);
static_assert(hana::length(k::methods_requiring<cd::name>) == hana::size_c<4>);
static_assert(hana::length(k::methods_requiring<cd::phone>) == hana::size_c<1>);
static_assert(hana::length(k::methods_requiring<cd::address>) == hana::size_c<1>);
static_assert(hana::front(k::methods_requiring<cd::phone>) == hana::type_c<k::bank_transfer>);

// Concepts.
static_assert(k::method<k::paypay>);
static_assert(!k::method<int>);
static_assert(payment_method<k::web_money>);

// Dispatch is constexpr: every key finds its own traits.
static_assert([] {
    for (const auto* t : k::all_traits)
        if (k::find_method(t->key) != t) return false;
    return k::find_method("KOMOJU_UNKNOWN") == nullptr && k::find_method("komoju_paypay") == nullptr;
}());

} // namespace

// The KOMOJU dashboard events PortOne needs ("Miscellaneous Details", webhook settings).
static_assert(portone::komoju::required_webhook_events.size() == 5);
static_assert(portone::komoju::required_webhook_events[0] == "payment.captured");
static_assert(portone::komoju::required_webhook_events[1] == "payment.expired");
static_assert(portone::komoju::required_webhook_events[2] == "payment.cancelled");
static_assert(portone::komoju::required_webhook_events[3] == "payment.refunded");
static_assert(portone::komoju::required_webhook_events[4] == "payment.failed");
