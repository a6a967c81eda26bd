// Webhooks: the signature of a webhook's body and the check of a webhook's URL. Owned by
// messaging; the signature is computed where the webhook is queued (automation) and verified by
// its receiver. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace voronka::messaging {

// The header that carries WebhookSignature(secret, body) on every signed webhook.
inline constexpr std::string_view kWebhookSignatureHeader = "X-Voronka-Signature";
// The header that carries the message id of a webhook delivery, equal on every attempt.
inline constexpr std::string_view kWebhookDeliveryHeader = "X-Voronka-Delivery";

// "sha256=" followed by the lowercase hex HMAC-SHA256 of `body` keyed with `secret` (any length;
// RFC 2104 hashes keys longer than the block). A receiver recomputes it over the raw body and
// compares in constant time.
std::string WebhookSignature(std::string_view secret, std::string_view body);

// The form of a URL a webhook may be sent to, as ParseOutboundUrl reads it: http or https (any
// case), an ASCII host (a name, an IPv4 address in any spelling libcurl reads, or an IPv6 literal
// in brackets), an optional port 1-65535, no user:password@, no spaces or control characters, at
// most 2048 bytes. Validation error naming `field` otherwise. Where it points is the outbound
// policy's business (CheckOutboundUrl, with the admin's allow-list).
Status CheckWebhookUrl(std::string_view url, std::string_view field);

}  // namespace voronka::messaging
