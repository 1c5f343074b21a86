// SPDX-License-Identifier: BSL-1.0
// A shopper's browser, for the demo and the tests: plain HTTP to the shop, HTTPS to PortOne's
// pages (the stand-in's KOMOJU page), following nothing by itself so that each step can be shown.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace merchant {

struct page {
    int status = 0;        ///< 0: nothing came back (see failure)
    std::string location;  ///< the Location header of a redirect
    std::string body;
    std::string failure;
};

class browser {
public:
    /// `trusted_pem`: the certificates trusted for https:// (the stand-in's).
    explicit browser(std::string trusted_pem,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10));

    /// GET or POST `url` ("http://127.0.0.1:8080/orders", "https://127.0.0.1:9443/komoju/...").
    page get(const std::string& url) const;
    page post(const std::string& url, std::string_view json_body) const;

private:
    page exchange(std::string_view method, const std::string& url, std::string_view body) const;
    std::string trusted_pem_;
    std::chrono::milliseconds timeout_;
};

} // namespace merchant
