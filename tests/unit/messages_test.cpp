// SPDX-License-Identifier: BSL-1.0
// Error messages are safe to log: whatever the input, a message is valid UTF-8, on one line, and
// every value quoted from the input is escaped so that a reader can tell where it ends and what
// it was. compose() and quoted() here; the readers, the redirect, the form path and the amount
// parsers run fixtures::check_safe_message over every error they produce for hostile input.
#include "fixtures.hpp"

#include <portone/komoju.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

using portone::errc;

namespace {

/// The quoted value that starts at `message[*at]` (a '"'), unescaped, with *at moved past its
/// closing quote (and the "..." of a cut value); nullopt if it is not well formed.
std::optional<std::string> unquote(std::string_view message, std::size_t* at)
{
    std::size_t i = *at;
    if (i >= message.size() || message[i] != '"') return std::nullopt;
    std::string out;
    const auto hex_digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (++i; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '"') {
            *at = i + 1;
            if (message.substr(*at).starts_with("...")) *at += 3;
            return out;
        }
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i == message.size()) return std::nullopt;
        const char e = message[i];
        if (e == '"' || e == '\\') {
            out += e;
        } else if (e == 'x') { // \xNN: a byte that is not UTF-8
            if (i + 2 >= message.size() || hex_digit(message[i + 1]) < 0 ||
                hex_digit(message[i + 2]) < 0)
                return std::nullopt;
            out += static_cast<char>(hex_digit(message[i + 1]) * 16 + hex_digit(message[i + 2]));
            i += 2;
        } else if (e == 'u') { // \u{XXXX}: a character that could break or disguise a log line
            const std::size_t close = message.find('}', i);
            if (i + 1 >= message.size() || message[i + 1] != '{' || close == message.npos)
                return std::nullopt;
            char32_t cp = 0;
            for (std::size_t k = i + 2; k < close; ++k) {
                if (hex_digit(message[k]) < 0) return std::nullopt;
                cp = cp * 16 + static_cast<char32_t>(hex_digit(message[k]));
            }
            // Back to UTF-8.
            if (cp < 0x80) {
                out += static_cast<char>(cp);
            } else if (cp < 0x800) {
                out += static_cast<char>(0xC0 | (cp >> 6));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            i = close;
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

/// What quoted(text) shows of `text`, read back.
std::string shown(std::string_view text)
{
    const std::string q = portone::quoted(text);
    std::size_t at = 0;
    const auto value = unquote(q, &at);
    INFO(q);
    REQUIRE(value.has_value());
    CHECK(at == q.size());
    return *value;
}

} // namespace

void fixtures::check_safe_message(const portone::error& e)
{
    INFO("where: " << portone::quoted(e.where) << "\nmessage: " << portone::quoted(e.message));
    CHECK(portone::validation::is_valid_utf8(e.where));
    REQUIRE(portone::validation::is_valid_utf8(e.message));
    CHECK_FALSE(e.message.empty());
    // Nothing that breaks or disguises a log line: no C0 or C1 control, no DEL, no line or
    // paragraph separator, no bidirectional formatting character.
    std::string_view rest = e.message;
    while (!rest.empty()) {
        const std::size_t len = portone::detail::utf8_length(rest);
        REQUIRE(len > 0);
        CHECK_FALSE(portone::detail::unsafe_in_log(portone::detail::utf8_code_point(rest, len)));
        rest.remove_prefix(len);
    }
    // Every quoted value is well formed: escaped, and closed.
    for (std::size_t at = 0; at < e.message.size();) {
        if (e.message[at] != '"') {
            ++at;
            continue;
        }
        REQUIRE(unquote(e.message, &at).has_value());
    }
}

std::vector<std::string> fixtures::hostile_texts()
{
    return {"\"",
            "\\",
            "a\"b\\c",
            "line\nbreak\r\n",
            std::string("nul\0byte", 8),
            "\x1b[31mred\x1b[0m",
            "tab\tand\x7f" "del",
            "\xC2\x85" "next line (U+0085)",
            "\xE2\x80\xA8" "line separator",
            "\xE2\x80\xAE" "right-to-left override",
            "\xFF\xFE not UTF-8",
            "cut \xE5\xB1",
            "\xED\xA0\x80 surrogate",
            "\xC0\xAF overlong",
            std::string(63, 'a') + "\xE5\xB1\xB1",
            std::string(62, 'a') + "\xF0\x9F\x98\x80",
            std::string(64, 'a'),
            std::string(65, 'a'),
            std::string(300, '"'),
            std::string(300, '\xFF')};
}

TEST_CASE("messages: a quoted value is escaped, and reads back as what it was")
{
    CHECK(portone::quoted("ORDER-0001") == "\"ORDER-0001\"");
    CHECK(portone::quoted("山田") == "\"山田\"");
    CHECK(portone::quoted("a\"b") == "\"a\\\"b\"");
    CHECK(portone::quoted("a\\b") == "\"a\\\\b\"");
    CHECK(portone::quoted("a\nb") == "\"a\\u{0A}b\"");
    CHECK(portone::quoted(std::string_view("\0", 1)) == "\"\\u{00}\"");
    CHECK(portone::quoted("\x7f") == "\"\\u{7F}\"");
    CHECK(portone::quoted("\xE2\x80\xA8") == "\"\\u{2028}\"");
    CHECK(portone::quoted("\xE2\x80\xAE") == "\"\\u{202E}\"");
    CHECK(portone::quoted("\xFF") == "\"\\xFF\"");
    CHECK(portone::quoted("a\xE5\xB1") == "\"a\\xE5\\xB1\""); // a cut character: its bytes
    for (const std::string& text : fixtures::hostile_texts()) {
        INFO(portone::quoted(text));
        const std::string back = shown(text);
        CHECK(std::string_view(text).starts_with(back));
        CHECK(portone::validation::is_valid_utf8(portone::quoted(text)));
    }
}

TEST_CASE("messages: a long value is cut at 64 bytes, never inside a character")
{
    // 63 ASCII bytes, then a 3-byte character: the character does not fit, so it is left out
    // whole and the value is marked as cut.
    const std::string text = std::string(63, 'a') + "山";
    CHECK(portone::quoted(text) == '"' + std::string(63, 'a') + "\"...");
    CHECK(portone::quoted(std::string(64, 'a')) == '"' + std::string(64, 'a') + '"');
    CHECK(portone::quoted(std::string(65, 'a')) == '"' + std::string(64, 'a') + "\"...");
    // The longest quoted forms (the quoting writes into a buffer sized for six characters per
    // byte): 64 one-byte controls, 64 bytes that are not UTF-8, 32 two-byte C1 controls, 21
    // three-byte separators, each then cut.
    const auto repeat = [](std::string_view s, int n) {
        std::string r;
        for (int i = 0; i < n; ++i) r += s;
        return r;
    };
    const std::string controls = repeat("\\u{01}", 64);
    CHECK(portone::quoted(std::string(64, '\x01')) == '"' + controls + '"');
    CHECK(portone::quoted(std::string(65, '\x01')) == '"' + controls + "\"...");
    CHECK(portone::quoted(std::string(100, '\x80')) == '"' + repeat("\\x80", 64) + "\"...");
    const std::string c1 = repeat("\\u{85}", 32), c1_text = repeat("\xC2\x85", 32);
    const std::string separators = repeat("\\u{2028}", 21);
    const std::string separator_text = repeat("\xE2\x80\xA8", 22);
    CHECK(portone::quoted(c1_text) == '"' + c1 + '"');
    CHECK(portone::quoted(c1_text + "\xC2\x85") == '"' + c1 + "\"...");
    CHECK(portone::quoted(separator_text) == '"' + separators + "\"...");
    // Every cut position for characters of each length.
    for (const std::string ch : {"é", "山", "😀"}) {
        for (std::size_t pad = 0; pad < 8; ++pad) {
            std::string s(pad, 'x');
            while (s.size() < 80) s += ch;
            const std::string q = portone::quoted(s);
            INFO(q);
            CHECK(portone::validation::is_valid_utf8(q));
            CHECK(q.ends_with("\"..."));
            const std::string back = shown(s);
            CHECK(back.size() <= portone::max_quoted_input);
            CHECK(back.size() > portone::max_quoted_input - ch.size());
            CHECK(std::string_view(s).starts_with(back));
        }
    }
}

TEST_CASE("messages: composed messages quote only the input parts")
{
    const std::string m = portone::compose(
        {"the key ", portone::input("a\"b"), " appears twice in ", portone::input("/x\n")});
    CHECK(m == "the key \"a\\\"b\" appears twice in \"/x\\u{0A}\"");
    fixtures::check_safe_message({errc::duplicate_key, "/x", m});
}

TEST_CASE("messages: amounts, method keys and form values from hostile input")
{
    for (const std::string& text : fixtures::hostile_texts()) {
        INFO(portone::quoted(text));
        const auto amount = portone::yen::parse(text);
        REQUIRE_FALSE(amount.has_value());
        fixtures::check_safe_message(amount.error());
        const auto method = portone::komoju::method_by_key(text, "method");
        REQUIRE_FALSE(method.has_value());
        fixtures::check_safe_message(method.error());
    }
}

TEST_CASE("messages: every problem of a hostile form is safe to log")
{
    for (const std::string& text : fixtures::hostile_texts()) {
        INFO(portone::quoted(text));
        // Every text field of the form set to the hostile text, then each one alone in an
        // otherwise valid form.
        portone::payment_form all{.method = text, .environment = text, .merchant_order_id = text,
                                  .amount = text, .description = text, .success_url = text,
                                  .failure_url = text, .pending_url = text,
                                  .billing_name = text, .billing_surname = text,
                                  .billing_email = text, .billing_phone = text,
                                  .billing_address = {.city = text, .country_code = text,
                                                      .line_1 = text, .postal_code = text},
                                  .shipping_name = text, .items = {{.id = text, .name = text,
                                                                    .price = text,
                                                                    .quantity = text,
                                                                    .image = text}}};
        const auto r = portone::check_form(all, portone::komoju::methods);
        REQUIRE_FALSE(r.has_value());
        for (const auto& e : r.error()) fixtures::check_safe_message(e);
        for (auto member : {&portone::payment_form::merchant_order_id,
                            &portone::payment_form::description,
                            &portone::payment_form::success_url,
                            &portone::payment_form::billing_email,
                            &portone::payment_form::billing_phone}) {
            portone::payment_form one{.method = "KOMOJU_PAYPAY", .environment = "sandbox",
                                      .merchant_order_id = "ORDER-0001", .amount = "5000",
                                      .description = "Green tea",
                                      .success_url = "https://shop.example/paid",
                                      .failure_url = "https://shop.example/failed"};
            one.*member = text;
            const auto checked = portone::check_form(one, portone::komoju::methods);
            if (!checked)
                for (const auto& e : checked.error()) fixtures::check_safe_message(e);
        }
    }
}
