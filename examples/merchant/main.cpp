// SPDX-License-Identifier: BSL-1.0
// The example shop as a program of its own: it serves until SIGINT or SIGTERM.
//
//   merchant --portone https://127.0.0.1:9443 --trust stand-in.pem --key pk --secret sk
//            [--port 8080] [--environment sandbox|live]
#include "shop.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

namespace {

volatile std::sig_atomic_t stopping = 0;
extern "C" void on_signal(int) { stopping = 1; }

} // namespace

int main(int argc, char** argv)
{
    merchant::config c;
    std::string key = "pk_stand_in", secret = "sk_stand_in";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--portone") c.portone_base_url = value;
        else if (flag == "--trust") {
            std::ifstream file(value);
            std::stringstream pem;
            pem << file.rdbuf();
            c.portone_trusted_pem = pem.str();
        } else if (flag == "--key") key = value;
        else if (flag == "--secret") secret = value;
        else if (flag == "--port") c.port = static_cast<unsigned short>(std::stoi(value));
        else if (flag == "--environment")
            c.environment = portone::environment_from_string(value).value_or(c.environment);
        else {
            // Not echoed: with a flag's value missing, the arguments shift and this could be the
            // secret.
            std::fprintf(stderr,
                         "argument %d is not a known flag (--portone, --trust, --key, "
                         "--secret, --port, --environment), or a value is missing\n",
                         i);
            return 2;
        }
    }
    c.key = portone::portone_key(key);
    c.secret = portone::secret_key(secret);
    merchant::shop shop(std::move(c));
    shop.on_log([](const std::string& line) { std::printf("%s\n", line.c_str()); });
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    shop.start();
    std::printf("port %u\n", static_cast<unsigned>(shop.port()));
    std::fflush(stdout);
    while (!stopping) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    shop.stop();
}
