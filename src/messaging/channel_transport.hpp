// The Transport of the running server: SMS through the configured provider, e-mail through the
// configured SMTP server, webhooks as JSON POSTs. Owned by messaging; constructed by app and
// handed to the outbox workers. Thread-safe: Deliver runs on several worker threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "messaging/channel_settings.hpp"
#include "messaging/http_client.hpp"
#include "messaging/message.hpp"
#include "store/database.hpp"

namespace voronka::messaging {

struct ChannelTimeouts {
    // SMS provider and webhook calls (connect 5 s, whole call 15 s by default).
    HttpTimeouts http;
    // The SMTP exchange (connect 10 s, whole exchange 60 s by default).
    HttpTimeouts smtp{std::chrono::milliseconds(10000), std::chrono::milliseconds(60000)};
    // How long settings read from the database are used before being read again: a change of
    // the settings applies within this time. Default 1 s.
    std::chrono::milliseconds settings_ttl{1000};
};

class ChannelTransport : public Transport {
public:
    ChannelTransport(store::Database& db, const Clock& clock, ChannelTimeouts timeouts = {});

    // sms: the message body to message.recipient (E.164) through the SMS settings;
    // email: subject/body/html to message.recipient through the SMTP settings;
    // webhook: POST message.payload as application/json to message.recipient, with the headers
    //   of message.headers (a JSON object of strings); any 2xx is sent, 5xx/408/429 and
    //   transport failures temporary, anything else permanent.
    // SMS and webhooks go through the outbound policy with the admin's allow-list (HttpSend): a
    //   refused target is kPermanent, its error naming the host and address ("... адрес запрещён
    //   политикой исходящих запросов (...)" in Russian), and no byte reaches it.
    // Missing settings, a malformed recipient or headers: kPermanent with a clear error.
    // Database failures while reading the settings: kTemporary.
    DeliveryResult Deliver(const Message& message, Language language) override;

private:
    std::shared_ptr<const ChannelSettingsService::Stored> Settings();
    DeliveryResult DeliverSms(const Message& message, const ChannelSettingsService::Stored& settings,
                              Language language);
    DeliveryResult DeliverEmail(const Message& message, const ChannelSettingsService::Stored& settings,
                                Language language);
    DeliveryResult DeliverWebhook(const Message& message, const ChannelSettingsService::Stored& settings,
                                  Language language);

    ChannelSettingsService settings_service_;
    const Clock& clock_;
    ChannelTimeouts timeouts_;
    std::mutex mutex_;  // guards the two members below
    std::shared_ptr<const ChannelSettingsService::Stored> cached_;
    std::chrono::steady_clock::time_point cached_at_;
};

// What an admin's "send test" button does: one short message in the organisation's language to
// `to` through the settings of `channel` (kSms or kEmail) as they are now, sent at once rather
// than through the outbox, and the outcome of that one attempt (kSent, or the error a message of
// the log would show). Admin only (Forbidden). Validation naming "to": not a phone number (sms)
// or not an e-mail address (email); naming "channel": kWebhook.
Result<DeliveryResult> SendTestMessage(store::Database& db, const Clock& clock,
                                       const auth::Principal& principal, Channel channel, std::string_view to,
                                       ChannelTimeouts timeouts = {});

}  // namespace voronka::messaging
