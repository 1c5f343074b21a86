// SPDX-License-Identifier: BSL-1.0
// The stand-in's network: the HTTPS server (Beast over Asio, one I/O thread) and the webhook
// client. The only translation unit of the stand-in that includes Asio and Beast, which are most
// of its compile time.
#include "detail.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace portone_stand_in {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// Server

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket&& socket, ssl::context& tls, core& c)
        : stream_(std::move(socket), tls), core_(c), timer_(stream_.get_executor())
    {
        beast::error_code ec;
        const auto peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
        if (!ec) peer_ = peer.address().to_string();
    }

    void run()
    {
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&session::on_run, shared_from_this()));
    }

private:
    void on_run()
    {
        beast::get_lowest_layer(stream_).expires_after(10s);
        stream_.async_handshake(ssl::stream_base::server,
                                beast::bind_front_handler(&session::on_handshake,
                                                          shared_from_this()));
    }

    void on_handshake(beast::error_code ec)
    {
        if (!ec) read();
    }

    void read()
    {
        parser_.emplace();
        parser_->body_limit(1024 * 1024);
        parser_->header_limit(16 * 1024);
        // A client that keeps a connection open without a request is let go after a minute.
        beast::get_lowest_layer(stream_).expires_after(60s);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t)
    {
        if (ec) {
            if (ec == http::error::end_of_stream) close();
            return; // timeouts, resets, malformed requests: the connection just ends
        }
        const auto& req = parser_->get();
        detail::request in;
        in.method = std::string(req.method_string());
        in.target = std::string(req.target());
        for (const auto& field : req) {
            std::string name(field.name_string());
            for (char& c : name)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            in.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        in.body = req.body();
        in.peer = peer_;

        detail::response out;
        try {
            out = core_.handle(in);
        } catch (const std::exception& e) {
            out = {};
            out.status = 500;
            out.content_type = "text/plain; charset=utf-8";
            out.body = std::string("500 internal error: ") + e.what() + "\n";
            core_.log(std::string("internal error: ") + e.what());
        }
        if (out.drop) {
            // The fault "time out": nothing is answered, the connection is closed (after a while
            // when asked, so that the client's own timeout fires first).
            if (out.hang.count() > 0) {
                beast::get_lowest_layer(stream_).expires_never();
                timer_.expires_after(out.hang);
                timer_.async_wait([self = shared_from_this()](beast::error_code) {
                    self->abort();
                });
            } else abort();
            return;
        }
        res_ = {};
        res_.version(req.version());
        res_.result(static_cast<http::status>(out.status));
        res_.set(http::field::server, "PortOne stand-in");
        res_.set(http::field::content_type, out.content_type);
        for (const auto& [name, value] : out.headers) res_.set(name, value);
        res_.keep_alive(req.keep_alive());
        res_.body() = std::move(out.body);
        res_.prepare_payload();
        beast::get_lowest_layer(stream_).expires_after(30s);
        http::async_write(stream_, res_,
                          beast::bind_front_handler(&session::on_write, shared_from_this(),
                                                    res_.keep_alive()));
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t)
    {
        if (ec) return;
        if (!keep_alive) return close();
        read();
    }

    void close()
    {
        beast::get_lowest_layer(stream_).expires_after(5s);
        stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
    }

    void abort()
    {
        beast::error_code ec;
        auto& socket = beast::get_lowest_layer(stream_).socket();
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

    beast::ssl_stream<beast::tcp_stream> stream_;
    core& core_;
    asio::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    std::string peer_;
};

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(asio::io_context& io, ssl::context& tls, core& c, tcp::endpoint at)
        : io_(io), tls_(tls), core_(c), acceptor_(io)
    {
        acceptor_.open(at.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(at);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

    void accept()
    {
        acceptor_.async_accept(asio::make_strand(io_),
                               beast::bind_front_handler(&listener::on_accept,
                                                         shared_from_this()));
    }

    void close()
    {
        beast::error_code ec;
        acceptor_.close(ec);
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket)
    {
        if (!acceptor_.is_open()) return;
        if (!ec) std::make_shared<session>(std::move(socket), tls_, core_)->run();
        accept();
    }

    asio::io_context& io_;
    ssl::context& tls_;
    core& core_;
    tcp::acceptor acceptor_;
};

/// The peer must name `host` (an IP address in the SAN for 127.0.0.1 and ::1, a DNS name
/// otherwise): OpenSSL checks it during the handshake.
void expect_peer_name(SSL* ssl, const std::string& host)
{
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    beast::error_code ec;
    asio::ip::make_address(host, ec);
    const int ok = ec ? X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size())
                      : X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    if (ok != 1) throw std::runtime_error("cannot set the expected peer name " + host);
    if (ec) SSL_set_tlsext_host_name(ssl, host.c_str());
}

/// Runs the queued operations of `io` until none is left.
void run(asio::io_context& io)
{
    io.restart();
    io.run();
}

template <class Stream>
detail::http_answer exchange(Stream& stream, asio::io_context& io, const detail::http_target& to,
                             const std::string& body)
{
    detail::http_answer a;
    http::request<http::string_body> req(http::verb::post, to.target, 11);
    req.set(http::field::host, to.host_header);
    req.set(http::field::user_agent, "PortOne stand-in");
    req.set(http::field::content_type, "application/json");
    req.set(http::field::connection, "close");
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
    run(io);
    if (ec) {
        a.error = "sending: " + ec.message();
        return a;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);
    http::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
    run(io);
    if (ec) {
        a.error = "reading the answer: " + ec.message();
        return a;
    }
    a.status = static_cast<int>(parser.get().result_int());
    a.body = parser.get().body();
    return a;
}

} // namespace

namespace detail {

http_answer post_json(const http_target& to, const std::string& body, const std::string& ca_pem,
                      std::chrono::milliseconds timeout)
{
    // Asynchronous operations run to completion one at a time, so that one deadline
    // (tcp_stream's expiry) bounds the whole exchange.
    http_answer a;
    try {
        asio::io_context io;
        tcp::resolver resolver(io);
        beast::error_code ec;
        const auto addresses = resolver.resolve(to.host, to.port, ec);
        if (ec) {
            a.error = "resolving " + to.host + ": " + ec.message();
            return a;
        }
        const auto connect = [&](beast::tcp_stream& s) {
            s.expires_after(timeout);
            s.async_connect(addresses, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
            run(io);
            if (ec) a.error = "connecting: " + ec.message();
            return !ec;
        };
        if (!to.tls) {
            beast::tcp_stream stream(io);
            if (!connect(stream)) return a;
            a = exchange(stream, io, to, body);
            stream.socket().shutdown(tcp::socket::shutdown_both, ec);
            return a;
        }
        if (ca_pem.empty()) {
            a.error = "an https webhook URL needs the merchant's certificate (merchant_ca_pem)";
            return a;
        }
        ssl::context tls(ssl::context::tls_client);
        tls.set_verify_mode(ssl::verify_peer);
        tls.add_certificate_authority(asio::buffer(ca_pem));
        beast::ssl_stream<beast::tcp_stream> stream(io, tls);
        expect_peer_name(stream.native_handle(), to.host);
        if (!connect(beast::get_lowest_layer(stream))) return a;
        stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
        run(io);
        if (ec) {
            a.error = "TLS handshake: " + ec.message();
            return a;
        }
        a = exchange(stream, io, to, body);
        return a;
    } catch (const std::exception& e) {
        a.status = 0;
        a.error = e.what();
        return a;
    }
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// server

class network {
public:
    explicit network(core& c) : core_(c), tls_(ssl::context::tls_server) {}

    void start(std::uint16_t port, const std::string& cert_file)
    {
        identity_ = detail::make_tls_identity();
        tls_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
        tls_.use_certificate_chain(asio::buffer(identity_.certificate_pem));
        tls_.use_private_key(asio::buffer(identity_.private_key_pem), ssl::context::pem);
        if (!cert_file.empty()) {
            std::ofstream out(cert_file, std::ios::binary | std::ios::trunc);
            out << identity_.certificate_pem;
            if (!out) throw std::runtime_error("cannot write the certificate to " + cert_file);
        }
        listener_ = std::make_shared<listener>(io_, tls_, core_,
                                               tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                                             port));
        port_ = listener_->port();
    }

    /// Accepts connections, on a thread of its own.
    void run()
    {
        listener_->accept();
        thread_ = std::thread([this] { io_.run(); });
    }

    void stop()
    {
        if (!thread_.joinable()) return;
        asio::dispatch(io_, [l = listener_] { l->close(); });
        io_.stop();
        thread_.join();
    }

    ~network() { stop(); }

    std::uint16_t port() const { return port_; }
    const std::string& certificate_pem() const { return identity_.certificate_pem; }

private:
    core& core_;
    ssl::context tls_;          // before io_: sessions that io_ destroys refer to it
    asio::io_context io_{1};
    std::shared_ptr<listener> listener_;
    std::thread thread_;
    std::uint16_t port_ = 0;
    detail::tls_identity identity_;
};

server::server(config c) : core_(std::make_unique<core>(std::move(c))) {}

server::~server()
{
    stop();
}

void server::start()
{
    if (net_) throw std::logic_error("the stand-in was already started");
    auto net = std::make_unique<network>(*core_);
    net->start(core_->listen_port(), core_->certificate_file());
    // The URLs it gives out name the port: known before the first request is accepted.
    core_->set_base_url("https://127.0.0.1:" + std::to_string(net->port()));
    core_->start_deliveries();
    net->run();
    net_ = std::move(net);
}

void server::stop()
{
    if (net_) net_->stop();
    core_->stop_deliveries();
}

std::uint16_t server::port() const
{
    return net_ ? net_->port() : 0;
}

std::string server::base_url() const
{
    return "https://127.0.0.1:" + std::to_string(port());
}

std::string server::certificate_pem() const
{
    return net_ ? net_->certificate_pem() : std::string();
}

} // namespace portone_stand_in
