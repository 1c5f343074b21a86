// SPDX-License-Identifier: BSL-1.0
// The tests' HTTPS client and webhook receiver (http_client.hpp). Written apart from the
// stand-in's own network code, so that a test does not lean on what it tests.
#include "http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace http_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Runs what is queued on `io` to completion (the stream's expiry bounds it).
void drain(asio::io_context& io)
{
    io.restart();
    io.run();
}

} // namespace

reply https_call(std::uint16_t port, const std::string& trusted_pem, std::string_view method,
                 std::string_view target, const header_list& headers, std::string_view body,
                 std::chrono::milliseconds timeout, std::string_view host)
{
    reply out;
    try {
        asio::io_context io;
        ssl::context tls(ssl::context::tls_client);
        tls.set_verify_mode(ssl::verify_peer);
        tls.add_certificate_authority(asio::buffer(trusted_pem));
        beast::ssl_stream<beast::tcp_stream> stream(io, tls);
        // The name checked in the certificate: an IP address in the SAN, or a DNS name.
        const std::string h(host);
        X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
        if (h == "127.0.0.1") X509_VERIFY_PARAM_set1_ip_asc(param, h.c_str());
        else {
            X509_VERIFY_PARAM_set1_host(param, h.c_str(), h.size());
            SSL_set_tlsext_host_name(stream.native_handle(), h.c_str());
        }

        beast::error_code ec;
        auto& lowest = beast::get_lowest_layer(stream);
        lowest.expires_after(timeout);
        lowest.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                             [&](beast::error_code e) { ec = e; });
        drain(io);
        if (ec) return out.error = "connect: " + ec.message(), out;
        stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
        drain(io);
        if (ec) return out.error = "handshake: " + ec.message(), out;

        http::request<http::string_body> req(http::string_to_verb(method), target, 11);
        req.set(http::field::host, h + ":" + std::to_string(port));
        req.set(http::field::user_agent, "stand-in-test");
        for (const auto& [name, value] : headers) req.set(name, value);
        req.body() = std::string(body);
        if (!body.empty() || method == "POST" || method == "PUT") req.prepare_payload();
        http::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
        drain(io);
        if (ec) return out.error = "write: " + ec.message(), out;

        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(8 * 1024 * 1024);
        http::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
        drain(io);
        if (ec) return out.error = "read: " + ec.message(), out;
        const auto& res = parser.get();
        out.status = static_cast<int>(res.result_int());
        for (const auto& f : res) out.headers.emplace_back(lower(f.name_string()), f.value());
        out.body = res.body();
        lowest.socket().shutdown(tcp::socket::shutdown_both, ec);
    } catch (const std::exception& e) {
        out.status = 0;
        out.error = e.what();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------

struct webhook_receiver::impl {
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    std::thread thread;
    mutable std::mutex m;
    mutable std::condition_variable cv;
    std::vector<received> got;
    std::deque<int> statuses;

    void accept()
    {
        acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec) return;
            serve(std::make_shared<beast::tcp_stream>(std::move(socket)));
            accept();
        });
    }

    void serve(std::shared_ptr<beast::tcp_stream> stream)
    {
        auto buffer = std::make_shared<beast::flat_buffer>();
        auto req = std::make_shared<http::request<http::string_body>>();
        stream->expires_after(std::chrono::seconds(10));
        http::async_read(*stream, *buffer, *req,
                         [this, stream, buffer, req](beast::error_code ec, std::size_t) {
                             if (ec) return;
                             int status = 200;
                             {
                                 const std::lock_guard<std::mutex> lock(m);
                                 received r{std::string(req->method_string()),
                                            std::string(req->target()), {}, req->body()};
                                 for (const auto& f : *req)
                                     r.headers.emplace_back(lower(f.name_string()), f.value());
                                 got.push_back(std::move(r));
                                 if (!statuses.empty()) {
                                     status = statuses.front();
                                     statuses.pop_front();
                                 }
                                 cv.notify_all();
                             }
                             auto res = std::make_shared<http::response<http::string_body>>(
                                 static_cast<http::status>(status), 11);
                             res->set(http::field::content_type, "text/plain");
                             res->body() = status == 200 ? "ok" : "no";
                             res->keep_alive(false);
                             res->prepare_payload();
                             http::async_write(*stream, *res,
                                               [stream, res](beast::error_code, std::size_t) {
                                                   beast::error_code ignored;
                                                   stream->socket().shutdown(
                                                       tcp::socket::shutdown_both, ignored);
                                               });
                         });
    }
};

webhook_receiver::webhook_receiver() : impl_(std::make_unique<impl>())
{
    const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(at.protocol());
    impl_->acceptor.bind(at);
    impl_->acceptor.listen();
    impl_->accept();
    impl_->thread = std::thread([this] { impl_->io.run(); });
}

webhook_receiver::~webhook_receiver()
{
    impl_->io.stop();
    impl_->thread.join();
}

std::uint16_t webhook_receiver::port() const
{
    return impl_->acceptor.local_endpoint().port();
}

std::string webhook_receiver::url(std::string_view path) const
{
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
}

void webhook_receiver::answer_with(std::vector<int> statuses)
{
    const std::lock_guard<std::mutex> lock(impl_->m);
    impl_->statuses.assign(statuses.begin(), statuses.end());
}

std::vector<received> webhook_receiver::requests() const
{
    const std::lock_guard<std::mutex> lock(impl_->m);
    return impl_->got;
}

bool webhook_receiver::wait_for(std::size_t n, std::chrono::milliseconds timeout) const
{
    std::unique_lock<std::mutex> lock(impl_->m);
    return impl_->cv.wait_for(lock, timeout, [&] { return impl_->got.size() >= n; });
}

} // namespace http_test
