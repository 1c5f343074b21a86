// SPDX-License-Identifier: BSL-1.0
// portone_stand_in: the stand-in for PortOne as a process of its own (for the demo, or by hand).
//
//   portone_stand_in [--port N] [--key K] [--secret S] [--webhook-url URL]
//                    [--refund-webhook-url URL] [--merchant-ca FILE] [--cert-out FILE]
//
// Prints "port <N>" on the first line once it listens, then one line per request answered and
// per webhook delivery attempt. Runs until SIGINT or SIGTERM. It is driven over HTTPS: PortOne's
// API under /api/, the shopper's KOMOJU page under /komoju/, the test controls under /_control/
// (README.md next to this file).
#include "stand_in.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>

namespace {

void usage(std::FILE* to)
{
    std::fputs("usage: portone_stand_in [--port N] [--key PORTONE_KEY] [--secret SECRET_KEY]\n"
               "                        [--webhook-url URL] [--refund-webhook-url URL]\n"
               "                        [--merchant-ca PEM_FILE] [--cert-out PEM_FILE]\n",
               to);
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char** argv)
{
    portone_stand_in::config cfg;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (arg == "--help" || arg == "-h") {
                usage(stdout);
                return 0;
            }
            if (i + 1 >= argc) {
                usage(stderr);
                return 2;
            }
            const std::string value = argv[++i];
            if (arg == "--port") {
                const long p = std::strtol(value.c_str(), nullptr, 10);
                if (p < 0 || p > 65535) throw std::runtime_error("--port: 0 to 65535");
                cfg.port = static_cast<std::uint16_t>(p);
            } else if (arg == "--key") cfg.portone_key = value;
            else if (arg == "--secret") cfg.secret_key = value;
            else if (arg == "--webhook-url") cfg.webhook_url = value;
            else if (arg == "--refund-webhook-url") cfg.refund_webhook_url = value;
            else if (arg == "--merchant-ca") cfg.merchant_ca_pem = read_file(value);
            else if (arg == "--cert-out") cfg.cert_file = value;
            else {
                usage(stderr);
                return 2;
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "portone_stand_in: %s\n", e.what());
        return 2;
    }
    // "port N" is the first line: log lines wait for it (with --port a client may call early).
    static std::mutex out;
    std::unique_lock<std::mutex> port_first(out);
    cfg.log = [](std::string_view line) {
        const std::lock_guard<std::mutex> lock(out);
        std::fprintf(stdout, "%.*s\n", static_cast<int>(line.size()), line.data());
        std::fflush(stdout);
    };

    // Block the signals before any thread starts, so that only sigwait below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    portone_stand_in::server server(cfg);
    try {
        server.start();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "portone_stand_in: %s\n", e.what());
        return 1;
    }
    std::printf("port %u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    port_first.unlock();

    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}
