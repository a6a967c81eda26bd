#include "messaging/webhook.hpp"

#include <sodium.h>

#include <stdexcept>

#include "messaging/outbound_policy.hpp"

namespace voronka::messaging {

std::string WebhookSignature(std::string_view secret, std::string_view body) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return "sha256=" + std::string(hex);
}

Status CheckWebhookUrl(std::string_view url, std::string_view field) {
    if (auto parsed = ParseOutboundUrl(url, field); !parsed) return std::move(parsed).error();
    return Ok{};
}

}  // namespace voronka::messaging
