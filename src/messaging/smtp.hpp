// E-mail over SMTP through libcurl: one message to one recipient per call. Owned by messaging.
// Thread-safe: each calling thread uses its own libcurl handle, kept for connection reuse.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/catalogue.hpp"
#include "messaging/http_client.hpp"
#include "messaging/message.hpp"
#include "messaging/mime.hpp"

namespace voronka::messaging {

enum class SmtpSecurity {
    kNone,      // plain SMTP (a relay on the same host or network)
    kStartTls,  // SMTP upgraded with STARTTLS, required (usually port 587)
    kSsl,       // SMTP inside TLS from the first byte, "smtps" (usually port 465)
};

std::string_view SmtpSecurityName(SmtpSecurity security);  // "none", "starttls", "ssl"
std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view name);
inline constexpr std::string_view kSmtpSecurities = "none, starttls, ssl";

struct SmtpSettings {
    std::string host;
    int port = 587;
    SmtpSecurity security = SmtpSecurity::kStartTls;
    std::string username;  // empty: no AUTH
    std::string password;
    Mailbox from;  // the sender of every message
};

// The outcome of an SMTP exchange, from libcurl's result and the server's last reply code:
// a 4xx reply, a timeout or a lost connection -> kTemporary; a 5xx reply (a refused recipient,
// a refused login, ...) -> kPermanent; a TLS or protocol failure without a reply -> kTemporary.
// `curl_code` is a CURLcode (0 = success); `reply` is 0 when the server said nothing. The error
// is written in `language` (the organisation's), curl's own words kept.
DeliveryResult ClassifySmtpOutcome(int curl_code, long reply, std::string_view curl_message,
                                   Language language);

// Sends `message` (its From is replaced by settings.from). The result's provider_id is the
// Message-ID. Timeouts: `timeouts.connect` for the connection, `timeouts.total` for the whole
// exchange. The error is written in `language`.
DeliveryResult SmtpSend(const SmtpSettings& settings, MailMessage message, const HttpTimeouts& timeouts,
                        Language language);

}  // namespace voronka::messaging
