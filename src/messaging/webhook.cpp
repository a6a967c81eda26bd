#include "messaging/webhook.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace voronka::messaging {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
           });
}

bool IsHostChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
}

bool IsPort(std::string_view text) {
    if (text.empty() || text.size() > 5) return false;
    int port = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        port = port * 10 + (c - '0');
    }
    return port >= 1 && port <= 65535;
}

}  // namespace

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
    const auto bad = [&](std::string_view why) {
        return Error::Validation(fmt::format("{} {}", field, why), std::string(field));
    };
    if (url.size() > 2048) return bad("must be at most 2048 characters");
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) return bad("must not contain spaces or control characters");
    }
    std::string_view rest;
    if (StartsWithNoCase(url, "https://")) {
        rest = url.substr(8);
    } else if (StartsWithNoCase(url, "http://")) {
        rest = url.substr(7);
    } else {
        return bad("must be an http:// or https:// URL");
    }
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) return bad("must not contain a user name or password");
    std::string_view host = authority;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos || close == 1) return bad("has a malformed IPv6 address");
        const std::string_view literal = host.substr(1, close - 1);
        if (!std::all_of(literal.begin(), literal.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
                       c == '.';
            })) {
            return bad("has a malformed IPv6 address");
        }
        const std::string_view after = host.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return bad("has a malformed host");
            port = after.substr(1);
            if (!IsPort(port)) return bad("has a port outside 1-65535");
        }
        return Ok{};
    }
    if (const auto colon = host.find(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
        if (!IsPort(port)) return bad("has a port outside 1-65535");
    }
    if (host.empty()) return bad("must name a host");
    if (host.size() > 253 || !std::all_of(host.begin(), host.end(), IsHostChar) || host.front() == '.' ||
        host.front() == '-' || host.find("..") != std::string_view::npos) {
        return bad("has a malformed host");
    }
    return Ok{};
}

}  // namespace voronka::messaging
