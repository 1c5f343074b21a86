// SPDX-License-Identifier: BSL-1.0
#include "portone_client.hpp"
#include "browser.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <stdexcept>
#include <utility>

namespace merchant {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct portone_client::impl {
    std::string host;
    std::string port;
    std::chrono::milliseconds timeout;
    asio::ssl::context tls{asio::ssl::context::tls_client};
};

portone_client::portone_client(std::string base_url, std::string trusted_pem,
                               std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), impl_(std::make_unique<impl>())
{
    // Our own configuration, in a std::string: Boost.URL may parse it.
    const auto url = boost::urls::parse_uri(base_url_);
    if (!url || url->scheme() != "https" || url->host().empty())
        throw std::invalid_argument("portone_client: the base URL must be https://host[:port]");
    impl_->host = url->host();
    impl_->port = url->has_port() ? std::string(url->port()) : "443";
    impl_->timeout = timeout;
    impl_->tls.set_verify_mode(asio::ssl::verify_peer);
    if (trusted_pem.empty()) impl_->tls.set_default_verify_paths();
    else impl_->tls.add_certificate_authority(asio::buffer(trusted_pem));
}

portone_client::~portone_client() = default;

http_answer portone_client::send(const portone::http_request& request)
{
    http_answer answer;
    try {
        asio::io_context io;
        asio::ssl::stream<beast::tcp_stream> stream(io, impl_->tls);
        // The certificate must name the host we asked for (a DNS name or an IP address).
        stream.set_verify_callback(asio::ssl::host_name_verification(impl_->host));
        boost::system::error_code ec;
        asio::ip::make_address(impl_->host, ec);
        if (ec && !SSL_set_tlsext_host_name(stream.native_handle(), impl_->host.c_str()))
            throw std::runtime_error("cannot set the TLS server name");
        beast::get_lowest_layer(stream).expires_after(impl_->timeout);
        asio::ip::tcp::resolver resolver(io);
        beast::get_lowest_layer(stream).connect(resolver.resolve(impl_->host, impl_->port));
        stream.handshake(asio::ssl::stream_base::client);

        const http::verb verb = request.method == portone::http_method::get    ? http::verb::get
                                : request.method == portone::http_method::post ? http::verb::post
                                                                               : http::verb::put;
        http::request<http::string_body> req(verb, request.target, 11);
        req.set(http::field::host, impl_->host);
        req.set(http::field::user_agent, "portone-komoju-example-merchant");
        for (const auto& h : request.headers) req.set(h.name, h.value);
        req.body() = request.body;
        req.prepare_payload();
        http::write(stream, req);

        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(1024 * 1024);
        http::read(stream, buffer, parser);
        answer.status = static_cast<int>(parser.get().result_int());
        answer.body = std::move(parser.get().body());
        stream.shutdown(ec); // the peer may close first: not an error worth reporting
    } catch (const std::exception& e) {
        answer = http_answer{0, {}, e.what()};
    }
    return answer;
}

} // namespace merchant

// ---------------------------------------------------------------------------------------------
// The shopper's browser (browser.hpp): in this translation unit too, so that Asio and Beast are
// compiled once for both clients.

namespace merchant {

browser::browser(std::string trusted_pem, std::chrono::milliseconds timeout)
    : trusted_pem_(std::move(trusted_pem)), timeout_(timeout)
{
}

page browser::get(const std::string& url) const { return exchange("GET", url, {}); }

page browser::post(const std::string& url, std::string_view json_body) const
{
    return exchange("POST", url, json_body);
}

page browser::exchange(std::string_view method, const std::string& url, std::string_view body) const
{
    page result;
    try {
        const auto u = boost::urls::parse_uri(url); // our own URL, in a std::string
        if (!u) throw std::invalid_argument("not a URL: " + url);
        const bool tls = u->scheme() == "https";
        const std::string host = u->host();
        const std::string port = u->has_port() ? std::string(u->port()) : (tls ? "443" : "80");
        std::string target = u->encoded_path().empty() ? "/" : std::string(u->encoded_path());
        if (u->has_query()) target += "?" + std::string(u->encoded_query());

        http::request<http::string_body> req(method == "GET" ? http::verb::get : http::verb::post,
                                             target, 11);
        req.set(http::field::host, host);
        req.set(http::field::user_agent, "shopper-browser");
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = std::string(body);
        }
        req.prepare_payload();

        asio::io_context io;
        asio::ip::tcp::resolver resolver(io);
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        if (tls) {
            asio::ssl::context ctx(asio::ssl::context::tls_client);
            ctx.set_verify_mode(asio::ssl::verify_peer);
            ctx.add_certificate_authority(asio::buffer(trusted_pem_));
            asio::ssl::stream<beast::tcp_stream> stream(io, ctx);
            stream.set_verify_callback(asio::ssl::host_name_verification(host));
            beast::get_lowest_layer(stream).expires_after(timeout_);
            beast::get_lowest_layer(stream).connect(resolver.resolve(host, port));
            stream.handshake(asio::ssl::stream_base::client);
            http::write(stream, req);
            http::read(stream, buffer, res);
            boost::system::error_code ignored;
            stream.shutdown(ignored);
        } else {
            beast::tcp_stream stream(io);
            stream.expires_after(timeout_);
            stream.connect(resolver.resolve(host, port));
            http::write(stream, req);
            http::read(stream, buffer, res);
        }
        result.status = static_cast<int>(res.result_int());
        if (const auto it = res.find(http::field::location); it != res.end())
            result.location = std::string(it->value());
        result.body = std::move(res.body());
    } catch (const std::exception& e) {
        result = page{0, {}, {}, e.what()};
    }
    return result;
}

} // namespace merchant
