// The signatures cloud PBXs put on the requests they send, as pure functions, for the adapters of
// issue 9 (telephony-protocols.md). Owned by telephony. Pure, thread-safe.
//
// Voronka's own webhook signs with messaging::WebhookSignature (HMAC-SHA256 of the body).
// Zadarma/Novofon's `Signature` (base64 of the hex HMAC-SHA1) is not here yet: libsodium has no
// SHA-1, and the adapter that needs it will bring it.
#pragma once

#include <string>
#include <string_view>

namespace voronka::telephony {

// Mango Office's `sign` of a request: the lowercase hex SHA-256 of vpbx_api_key + json + salt,
// over the exact `json` text as received (Mango signs both directions).
std::string MangoSign(std::string_view api_key, std::string_view json, std::string_view salt);

// Whether `sign` is MangoSign(api_key, json, salt), compared in constant time (hex case as sent:
// Mango sends lowercase).
bool MangoSignMatches(std::string_view api_key, std::string_view json, std::string_view salt,
                      std::string_view sign);

}  // namespace voronka::telephony
