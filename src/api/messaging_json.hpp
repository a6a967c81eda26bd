// JSON of the messaging module's objects: outbox messages, templates and their previews, the
// channels' settings and a test delivery. Owned by api. Pure, thread-safe.
#pragma once

#include "api/json.hpp"
#include "messaging/channel_settings.hpp"
#include "messaging/channel_transport.hpp"
#include "messaging/message.hpp"
#include "messaging/template_service.hpp"

namespace voronka::api {

// Every column of the message but claimed_until; times in ISO 8601, absent values null.
Json MessageJson(const messaging::Message& message);
Json TemplateJson(const messaging::MessageTemplate& t);
// SMS: {kind, text, encoding, parts, characters}; e-mail: {kind, subject, text, html}.
Json PreviewJson(const messaging::TemplatePreview& preview);
// Secrets never leave: only whether they are set.
Json SmtpJson(const messaging::SmtpSettingsView& view);
Json SmsJson(const messaging::SmsSettingsView& view);
Json OutboundJson(const messaging::OutboundSettingsView& view);
// {delivered, error}: error null when delivered.
Json DeliveryJson(const messaging::DeliveryResult& result);

}  // namespace voronka::api
