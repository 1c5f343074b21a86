// SPDX-License-Identifier: BSL-1.0
// Internal to the stand-in: what its three translation units share. crypto.cpp (OpenSSL only),
// core.cpp (PortOne's behaviour: Boost.JSON, no Asio), net.cpp (the only one with Asio/Beast).
#pragma once

#include "stand_in.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portone_stand_in {

namespace detail {

using field_list = std::vector<std::pair<std::string, std::string>>;

// crypto.cpp. Every function throws std::runtime_error when OpenSSL fails.

/// HMAC-SHA256 of `message` keyed with `key`, through EVP_MAC: the 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view message);
/// Standard Base64 with '=' padding (what PortOne's signatures use).
std::string base64(std::string_view bytes);
/// Base64url without padding (JWT).
std::string base64url(std::string_view bytes);
/// Decodes base64url without padding; nullopt for anything else.
std::optional<std::string> base64url_decode(std::string_view text);
/// Compares two texts in time that does not depend on where they differ.
bool same_text(std::string_view a, std::string_view b) noexcept;
/// `n` characters drawn uniformly from `alphabet` with RAND_bytes.
std::string random_text(std::size_t n, std::string_view alphabet);
/// Go's url.QueryEscape: A-Z a-z 0-9 - _ . ~ as they are, ' ' as '+', every other byte %XX.
std::string go_query_escape(std::string_view s);
/// Go's url.Values.Encode: sorted by name (stable), name=value joined with '&', both escaped.
std::string go_values_encode(field_list fields);
/// PortOne's signature: Base64(HMAC-SHA256(secret, go_values_encode(fields))).
std::string portone_signature(std::string_view secret, field_list fields);

struct tls_identity {
    std::string certificate_pem;
    std::string private_key_pem;
};
/// A fresh ECDSA P-256 key and a self-signed certificate for 127.0.0.1 and localhost (CN and SAN),
/// valid from five minutes ago for one day.
tls_identity make_tls_identity();

// net.cpp

/// Where a webhook goes: a loopback host only.
struct http_target {
    bool tls = false;
    std::string host;   ///< "127.0.0.1", "localhost" or "::1"
    std::string port;
    std::string target; ///< origin-form, "/" at least
    std::string host_header;
};

struct http_answer {
    int status = 0;     ///< 0: none
    std::string body;
    std::string error;
};

/// POSTs `body` (application/json) and reads the answer, all within `timeout`. For https, the
/// peer must present a certificate that chains to `ca_pem` and names the host.
http_answer post_json(const http_target& to, const std::string& body, const std::string& ca_pem,
                      std::chrono::milliseconds timeout);

// core.cpp

struct request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers; ///< names in lower case
    std::string body;
    std::string peer; ///< the client's address

    const std::string* header(std::string_view lower_name) const noexcept
    {
        for (const auto& h : headers)
            if (h.first == lower_name) return &h.second;
        return nullptr;
    }
};

struct response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// Answer nothing and close the connection (after `hang`).
    bool drop = false;
    std::chrono::milliseconds hang{0};
};

} // namespace detail

/// PortOne's side: every request in, every answer out, the payments, and the webhook deliveries
/// (on a thread of its own). No I/O but the webhook POSTs (detail::post_json).
class core {
public:
    explicit core(config c);
    ~core();
    core(const core&) = delete;
    core& operator=(const core&) = delete;

    /// The stand-in's own address, for the URLs it gives out (redirect_url, payment_link, ...).
    void set_base_url(std::string base_url);
    std::uint16_t listen_port() const;
    std::string certificate_file() const;
    void start_deliveries();
    void stop_deliveries();
    detail::response handle(const detail::request& r);
    void log(std::string_view line);

    void complete_payment(std::string_view ref);
    void expire_payment(std::string_view ref);
    int expire_overdue();
    void release_held(std::string_view ref);
    void set_delivery_options(const delivery_options& options);
    void set_delivery_options(std::string_view ref, const delivery_options& options);
    delivery_options delivery_options_of(std::optional<std::string_view> ref) const;
    void set_multi_refund_allowed(std::string_view ref, bool allowed);
    void set_webhook_urls(std::string payment_webhook_url, std::string refund_webhook_url);
    void inject_fault(endpoint where, fault_kind kind, int count, std::chrono::milliseconds hang);
    void clear_faults();
    void advance_clock(std::chrono::seconds by);
    time_point now() const;
    std::vector<delivery> deliveries() const;
    std::vector<payment_info> payments() const;
    std::optional<payment_info> payment(std::string_view ref) const;
    bool wait_idle(std::chrono::milliseconds timeout) const;

    struct state;

private:
    std::unique_ptr<state> s_;
};

} // namespace portone_stand_in
