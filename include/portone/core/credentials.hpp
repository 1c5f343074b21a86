// The merchant's PortOne credentials. The key is public (it travels in request bodies as `key`);
// the secret key signs requests and verifies webhooks and must never be printed or serialized.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace portone {

/// The PortOne Key ("client key"): identifies the merchant. Not a secret, but a distinct type so
/// that it cannot be passed where the secret key is expected, or the other way round.
class portone_key {
public:
    explicit portone_key(std::string value) : value_(std::move(value)) {}
    std::string_view value() const noexcept { return value_; }
    friend bool operator==(const portone_key&, const portone_key&) = default;

private:
    std::string value_;
};

} // namespace portone
