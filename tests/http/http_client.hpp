// SPDX-License-Identifier: BSL-1.0
// The tests' own HTTP tools (http_client.cpp, the tests' only translation unit with Asio and
// Beast): an HTTPS client that trusts exactly one certificate and checks the peer's name, and a
// plain-HTTP merchant that receives webhooks. Loopback only; every call is bounded in time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http_test {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct reply {
    int status = 0;           ///< 0: no answer (see error)
    header_list headers;      ///< names in lower case
    std::string body;
    std::string error;

    const std::string* header(std::string_view lower_name) const
    {
        for (const auto& h : headers)
            if (h.first == lower_name) return &h.second;
        return nullptr;
    }
};

/// One request over a new TLS connection to `host`:`port` (host "127.0.0.1" or "localhost"),
/// verifying the peer against `trusted_pem` only, and its name against `host`.
reply https_call(std::uint16_t port, const std::string& trusted_pem, std::string_view method,
                 std::string_view target, const header_list& headers = {},
                 std::string_view body = {},
                 std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                 std::string_view host = "127.0.0.1");

struct received {
    std::string method;
    std::string target;
    header_list headers;
    std::string body;
};

/// A merchant's webhook endpoint: plain HTTP on 127.0.0.1, an ephemeral port, its own thread.
/// Answers 200 "ok", or the statuses given to answer_with, one per request, in order.
class webhook_receiver {
public:
    webhook_receiver();
    ~webhook_receiver();
    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:<port><path>"
    std::string url(std::string_view path) const;
    void answer_with(std::vector<int> statuses);
    std::vector<received> requests() const;
    /// Waits until at least `n` requests arrived; false on timeout.
    bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace http_test
