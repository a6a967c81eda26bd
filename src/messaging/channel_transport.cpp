#include "messaging/channel_transport.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "auth/settings_service.hpp"
#include "crm/contact_points.hpp"
#include "messaging/mime.hpp"
#include "messaging/sms_provider.hpp"
#include "messaging/smtp.hpp"
#include "messaging/webhook.hpp"

namespace voronka::messaging {
namespace {

using Outcome = DeliveryResult::Outcome;
using Json = nlohmann::json;

bool IsHeaderToken(std::string_view name) {
    if (name.empty() || name.size() > 100) return false;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

bool IsHeaderValue(std::string_view value) {
    for (const char c : value) {
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) return false;
    }
    return value.size() <= 8192;
}

}  // namespace

ChannelTransport::ChannelTransport(store::Database& db, const Clock& clock, ChannelTimeouts timeouts)
    : settings_service_(db), clock_(clock), timeouts_(timeouts) {}

std::shared_ptr<const ChannelSettingsService::Stored> ChannelTransport::Settings() {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (cached_ && now - cached_at_ < timeouts_.settings_ttl) return cached_;
    }
    auto fresh = std::make_shared<const ChannelSettingsService::Stored>(settings_service_.Load());
    std::lock_guard lock(mutex_);
    cached_ = fresh;
    cached_at_ = now;
    return fresh;
}

DeliveryResult ChannelTransport::Deliver(const Message& message, Language language) {
    std::shared_ptr<const ChannelSettingsService::Stored> settings;
    try {
        settings = Settings();
    } catch (const std::exception&) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliveryChannelSettingsUnreadable)};
    }
    if (message.channel == Channel::kWebhook) return DeliverWebhook(message, *settings, language);
    if (message.channel == Channel::kSms) return DeliverSms(message, *settings, language);
    return DeliverEmail(message, *settings, language);
}

DeliveryResult ChannelTransport::DeliverSms(const Message& message,
                                            const ChannelSettingsService::Stored& settings,
                                            Language language) {
    if (!settings.sms) return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmsNotConfigured)};
    const auto request = BuildSmsRequest(*settings.sms, message.recipient, message.body);
    if (!request) return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmsNotE164)};
    return ClassifySmsAnswer(*settings.sms, HttpSend(*request, timeouts_.http, settings.outbound),
                             message.recipient, language);
}

DeliveryResult ChannelTransport::DeliverEmail(const Message& message,
                                              const ChannelSettingsService::Stored& settings,
                                              Language language) {
    if (!settings.smtp) return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmtpNotConfigured)};
    MailMessage mail;
    mail.to.address = message.recipient;
    mail.subject = message.subject.value_or("");
    mail.text = message.body;
    mail.html = message.html;
    mail.date = clock_.Now();
    return SmtpSend(*settings.smtp, std::move(mail), timeouts_.smtp, language);
}

DeliveryResult ChannelTransport::DeliverWebhook(const Message& message,
                                                const ChannelSettingsService::Stored& settings,
                                                Language language) {
    const std::string webhook(Pattern(language, Text::kDeliveryWebhook));
    if (auto url = CheckWebhookUrl(message.recipient, "recipient"); !url) {
        return {Outcome::kPermanent, {}, Say(language, Text::kDeliveryWebhookBadUrl)};
    }
    HttpRequest request;
    request.method = "POST";
    request.url = message.recipient;
    request.body = message.payload.value_or("{}");
    request.headers.emplace_back("Content-Type", "application/json");
    // The same for every attempt: a receiver drops the repeat of a delivery it already took.
    request.headers.emplace_back(std::string(kWebhookDeliveryHeader), std::to_string(message.id));
    if (message.headers && !message.headers->empty()) {
        const Json headers = Json::parse(*message.headers, nullptr, false);
        if (!headers.is_object())
            return {Outcome::kPermanent, {}, Say(language, Text::kDeliveryWebhookHeadersNotObject)};
        for (const auto& [name, value] : headers.items()) {
            if (!value.is_string() || !IsHeaderToken(name) || !IsHeaderValue(value.get<std::string>())) {
                return {Outcome::kPermanent,
                        {},
                        Say(language, Text::kDeliveryWebhookBadHeader, name.substr(0, 100))};
            }
            request.headers.emplace_back(name, value.get<std::string>());
        }
    }
    const HttpResult answer = HttpSend(request, timeouts_.http, settings.outbound);
    if (const auto* failure = std::get_if<HttpFailure>(&answer)) {
        if (failure->kind == HttpFailure::Kind::kRefused) {
            return {Outcome::kPermanent,
                    {},
                    Say(language, Text::kDeliveryRefusedByPolicy, webhook, failure->message)};
        }
        const bool timeout = failure->kind == HttpFailure::Kind::kTimeout;
        const Outcome outcome =
            failure->kind == HttpFailure::Kind::kRequest ? Outcome::kPermanent : Outcome::kTemporary;
        return {outcome,
                {},
                Say(language, timeout ? Text::kDeliveryTimeout : Text::kDeliveryConnectionFailed, webhook,
                    failure->message)};
    }
    const long status = std::get<HttpResponse>(answer).status;
    if (status >= 200 && status < 300) return {Outcome::kSent, {}, {}};
    const bool temporary = status >= 500 || status == 408 || status == 429;
    return {temporary ? Outcome::kTemporary : Outcome::kPermanent,
            {},
            Say(language, Text::kDeliveryHttpStatus, webhook, status)};
}

Result<DeliveryResult> SendTestMessage(store::Database& db, const Clock& clock,
                                       const auth::Principal& principal, Channel channel, std::string_view to,
                                       ChannelTimeouts timeouts) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may send a test message");
    if (channel == Channel::kWebhook)
        return Error::Validation("only SMS and e-mail can be tested", "channel");
    const auth::Settings settings = auth::SettingsService(db).Get();
    const bool sms = channel == Channel::kSms;
    const std::string recipient(to);
    auto points = sms ? crm::NormalizeContactPoints({recipient}, {}, settings.phone_region)
                      : crm::NormalizeContactPoints({}, {recipient}, settings.phone_region);
    if (!points || (sms ? points->phones.size() : points->emails.size()) != 1) {
        return Error::Validation(sms ? "not a phone number" : "not an e-mail address", "to");
    }
    const Language language = LanguageOf(settings.language);
    const bool english = language == Language::kEnglish;
    Message message;
    message.channel = channel;
    message.recipient = sms ? points->phones.front() : points->emails.front();
    if (sms) {
        message.body = english ? "Voronka: a test SMS. The SMS settings work."
                               : "Voronka: проверка SMS. Настройки SMS работают.";
    } else {
        message.subject = english ? "Voronka: a test e-mail" : "Voronka: проверка почты";
        message.body = english ? "This is a test e-mail from Voronka: the SMTP settings work."
                               : "Это проверочное письмо от Voronka: настройки SMTP работают.";
    }
    // A transport of its own reads the settings now, not the outbox's copy of a second ago.
    return ChannelTransport(db, clock, timeouts).Deliver(message, language);
}

}  // namespace voronka::messaging
