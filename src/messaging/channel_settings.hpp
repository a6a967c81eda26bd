// The settings of the delivery channels (SMTP server, SMS provider), kept as rows of the
// `settings` key/value table under the keys `smtp.*` and `sms.*`. Owned by messaging; changed
// by an admin through the API, read by ChannelTransport. Thread-safe.
//
// Secrets (the SMTP password, the SMS API key) are stored as given, because they must be sent
// to the peers; they are never answered back: views only say whether one is set.
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "messaging/outbound_policy.hpp"
#include "messaging/sms_provider.hpp"
#include "messaging/smtp.hpp"
#include "store/database.hpp"

namespace voronka::messaging {

// PUT /api/v1/settings/smtp: replaces the SMTP settings.
struct SmtpSettingsInput {
    std::string host;
    int port = 587;
    SmtpSecurity security = SmtpSecurity::kStartTls;
    std::string username;  // empty: no AUTH
    // Absent: keep the stored password; null: remove it; a value: replace it.
    std::optional<std::optional<std::string>> password;
    std::string from;  // "address" or "Name <address>"
};

// What GET /api/v1/settings/smtp shows.
struct SmtpSettingsView {
    bool configured = false;
    std::string host;
    int port = 587;
    SmtpSecurity security = SmtpSecurity::kStartTls;
    std::string username;
    std::string from;
    bool password_set = false;
};

// PUT /api/v1/settings/sms: replaces the SMS settings. `settings.api_key` is used only when
// `api_key_given`; otherwise the stored key is kept.
struct SmsSettingsInput {
    SmsSettings settings;
    bool api_key_given = false;
};

// What GET /api/v1/settings/sms shows; settings.api_key is always empty.
struct SmsSettingsView {
    bool configured = false;
    SmsSettings settings;
    bool api_key_set = false;
};

// What GET and PUT /api/v1/settings/outbound show and take: the admin's exceptions to the outbound
// policy, each a host name, an IP address or a CIDR range (ParseOutboundAllowList), as stored.
struct OutboundSettingsView {
    std::vector<std::string> allowed;
};

// The admin's allow-list as stored (empty when none): for checks at save time in other modules
// (automation's webhook actions) and for delivery.
OutboundAllowList LoadOutboundAllowList(store::Transaction& tx);

class ChannelSettingsService {
public:
    explicit ChannelSettingsService(store::Database& db) : db_(db) {}

    // Admin only (Forbidden otherwise).
    Result<SmtpSettingsView> GetSmtp(const auth::Principal& principal);
    Result<SmsSettingsView> GetSms(const auth::Principal& principal);
    Result<OutboundSettingsView> GetOutbound(const auth::Principal& principal);

    // Admin only (Forbidden). Validation names the field: host (a host name or IP address),
    // port (1-65535), username/password (at most 256 characters, no control characters), from
    // (an e-mail address, optionally "Name <address>"). Nothing is stored on a refusal.
    Result<SmtpSettingsView> PutSmtp(const auth::Principal& principal, const SmtpSettingsInput& input);

    // Admin only (Forbidden). Validation names the field: api_key (required for smsru when none
    // is stored), sender (at most 64 characters), base_url / url (http or https), method
    // (GET or POST), params.NAME and body_template (balanced braces, known placeholders),
    // body_template only with POST and with content_type, success_pointer / id_pointer (JSON
    // pointers), success_value (required with success_pointer); base_url / url must also pass the
    // outbound policy with the stored allow-list (CheckOutboundUrl: no loopback, private, ...
    // address and no localhost unless allowed). Nothing is stored on a refusal.
    Result<SmsSettingsView> PutSms(const auth::Principal& principal, const SmsSettingsInput& input);

    // Admin only (Forbidden). Replaces the allow-list; validation names allowed[i]. It applies to
    // URLs saved from now on and to deliveries within ChannelTimeouts::settings_ttl; URLs saved
    // under an older list are checked again when delivered.
    Result<OutboundSettingsView> PutOutbound(const auth::Principal& principal,
                                             const std::vector<std::string>& allowed);

    // The settings to deliver with, for the transport; nullopt when not configured. Not
    // access-checked: never expose them through the API.
    struct Stored {
        std::optional<SmtpSettings> smtp;
        std::optional<SmsSettings> sms;
        OutboundAllowList outbound;
    };
    Stored Load();

private:
    store::Database& db_;
};

}  // namespace voronka::messaging
