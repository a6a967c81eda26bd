// The outbox's unit: one SMS, e-mail or webhook call, and what a transport answers for one
// attempt to deliver it. Owned by messaging; written by automation, delivered by the workers of
// outbox.hpp through a Transport.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/catalogue.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"

namespace voronka::messaging {

enum class Channel { kSms, kEmail, kWebhook };
enum class MessageState { kQueued, kSending, kSent, kRetrying, kFailed };

std::string_view ChannelName(Channel channel);  // "sms", "email", "webhook"
std::optional<Channel> ParseChannel(std::string_view name);
std::string_view MessageStateName(MessageState state);  // "queued", "sending", ...
std::optional<MessageState> ParseMessageState(std::string_view name);

struct Message {
    std::int64_t id = 0;
    Channel channel = Channel::kSms;
    std::optional<crm::RecordType> record_type;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> owner_id;  // the record's owner when queued (visibility)
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> run_id;
    std::optional<std::int64_t> template_id;
    std::string recipient;               // phone (E.164), e-mail address, or the webhook URL
    std::optional<std::string> subject;  // e-mail
    std::string body;                    // SMS or e-mail plain text; empty for webhooks
    std::optional<std::string> html;     // e-mail
    std::optional<std::string> payload;  // webhook JSON body
    std::optional<std::string> headers;  // webhook: JSON object of extra headers
    MessageState state = MessageState::kQueued;
    int attempts = 0;
    UnixTime next_attempt_at = 0;
    std::optional<std::string> last_error;
    std::optional<std::string> provider_id;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::optional<UnixTime> sent_at;
};

// The outcome of one delivery attempt. kTemporary is retried with backoff (timeouts, dropped
// connections, 5xx, a provider's "try later"); kPermanent fails the message at once (a bad
// number, a refused address, a provider's permanent error code).
struct DeliveryResult {
    enum class Outcome { kSent, kTemporary, kPermanent };
    Outcome outcome = Outcome::kSent;
    std::string provider_id;  // the peer's id of the message, when it gives one
    std::string error;        // for the log and `last_error`; never holds credentials
};

// Delivers one message over its channel. Implementations are thread-safe: the outbox workers
// call Deliver from several threads at once. The result's error is written in `language`, the
// organisation's (auth::Settings::language), read by the caller.
class Transport {
public:
    virtual ~Transport() = default;
    virtual DeliveryResult Deliver(const Message& message, Language language) = 0;
};

}  // namespace voronka::messaging
