// SPDX-License-Identifier: BSL-1.0
// The merchant's HTTP client for PortOne: sends the library's request descriptors
// (portone::http_request) over HTTPS with Boost.Beast, and returns the HTTP status and body for
// the library's readers. The library itself does no I/O; this is the part a merchant writes (or
// replaces with the client they already have).
#pragma once

#include <portone/protocol/http_request.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace merchant {

/// What came back: an HTTP status and a body, or status 0 and why nothing came back (a refused
/// connection, a TLS failure, a timeout). portone::advise() treats status 0 as "no answer".
struct http_answer {
    int status = 0;
    std::string body;
    std::string failure; ///< empty when an answer came
};

class portone_client {
public:
    /// `base_url`: PortOne's origin, "https://api.portone.cloud" in production, the stand-in's
    /// "https://127.0.0.1:<port>" in tests. `trusted_pem`: the certificates to trust (PEM); empty
    /// for the system's store. Every exchange must finish within `timeout`.
    portone_client(std::string base_url, std::string trusted_pem,
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~portone_client();
    portone_client(const portone_client&) = delete;
    portone_client& operator=(const portone_client&) = delete;

    /// Sends `request` to base_url + request.target.
    http_answer send(const portone::http_request& request);

    const std::string& base_url() const noexcept { return base_url_; }

private:
    struct impl;
    std::string base_url_;
    std::unique_ptr<impl> impl_;
};

} // namespace merchant
