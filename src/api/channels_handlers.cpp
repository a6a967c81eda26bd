#include "api/channels_handlers.hpp"

#include "api/handlers.hpp"
#include "api/messaging_json.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"
#include "messaging/channel_settings.hpp"
#include "messaging/channel_transport.hpp"

namespace voronka::api {
namespace {

using messaging::SmsPreset;

// params: an object of name -> template string.
std::vector<std::pair<std::string, std::string>> ReadParams(JsonBody& body) {
    std::vector<std::pair<std::string, std::string>> params;
    const Json* object = body.Object("params");
    if (!object) return params;
    for (const auto& [name, value] : object->items()) {
        if (!value.is_string()) {
            body.Reject(Error::Validation("params." + name + " must be a string", "params." + name));
            continue;
        }
        params.emplace_back(name, value.get<std::string>());
    }
    return params;
}

Response SendTest(Call& call, messaging::Channel channel) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const auto to = body->String("to", Presence::kRequired);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(messaging::SendTestMessage(call.services.db, call.services.clock, call.who(), channel,
                                             to.value_or("")),
                  DeliveryJson);
}

}  // namespace

Response PostSmtpTest(Call& call) {
    return SendTest(call, messaging::Channel::kEmail);
}

Response PostSmsTest(Call& call) {
    return SendTest(call, messaging::Channel::kSms);
}

Response GetSmtpSettings(Call& call) {
    return Render(call.services.channel_settings.GetSmtp(call.who()), SmtpJson);
}

Response PutSmtpSettings(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    messaging::SmtpSettingsInput input;
    input.host = body->String("host", Presence::kRequired).value_or("");
    const auto port = body->Int("port", Presence::kRequired).value_or(0);
    input.port = port < 0 || port > 65535 ? 0 : static_cast<int>(port);
    input.security = body->Enum<messaging::SmtpSecurity>("security", messaging::ParseSmtpSecurity,
                                                         messaging::kSmtpSecurities, Presence::kRequired)
                         .value_or(messaging::SmtpSecurity::kStartTls);
    input.username = body->String("username").value_or("");
    input.password = body->NullableString("password");
    input.from = body->String("from", Presence::kRequired).value_or("");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.channel_settings.PutSmtp(call.who(), input), SmtpJson);
}

Response GetSmsSettings(Call& call) {
    return Render(call.services.channel_settings.GetSms(call.who()), SmsJson);
}

Response PutSmsSettings(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    messaging::SmsSettingsInput input;
    auto& sms = input.settings;
    sms.preset =
        body->Enum<SmsPreset>("preset", messaging::ParseSmsPreset, "smsru, custom", Presence::kRequired)
            .value_or(SmsPreset::kSmsRu);
    const auto api_key = body->String("api_key");
    input.api_key_given = api_key.has_value();
    sms.api_key = api_key.value_or("");
    sms.sender = body->String("sender").value_or("");
    if (sms.preset == SmsPreset::kSmsRu) {
        sms.base_url = body->String("base_url").value_or(std::string(messaging::kSmsRuDefaultUrl));
    } else {
        sms.url = body->String("url", Presence::kRequired).value_or("");
        sms.method = body->String("method").value_or("POST");
        sms.params = ReadParams(*body);
        sms.body_template = body->String("body_template").value_or("");
        sms.content_type = body->String("content_type").value_or("");
        sms.success_pointer = body->String("success_pointer").value_or("");
        sms.success_value = body->String("success_value").value_or("");
        sms.id_pointer = body->String("id_pointer").value_or("");
    }
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.channel_settings.PutSms(call.who(), input), SmsJson);
}

Response GetOutboundSettings(Call& call) {
    return Render(call.services.channel_settings.GetOutbound(call.who()), OutboundJson);
}

Response PutOutboundSettings(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const auto allowed = body->StringArray("allowed", Presence::kRequired);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(
        call.services.channel_settings.PutOutbound(call.who(), allowed.value_or(std::vector<std::string>{})),
        OutboundJson);
}

}  // namespace voronka::api
