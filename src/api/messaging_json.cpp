#include "api/messaging_json.hpp"

#include "core/time.hpp"

namespace voronka::api {

Json MessageJson(const messaging::Message& m) {
    return {{"id", m.id},
            {"channel", messaging::ChannelName(m.channel)},
            {"record_type", m.record_type ? Json(crm::RecordTypeName(*m.record_type)) : Json(nullptr)},
            {"record_id", OrNull(m.record_id)},
            {"owner_id", OrNull(m.owner_id)},
            {"rule_id", OrNull(m.rule_id)},
            {"run_id", OrNull(m.run_id)},
            {"template_id", OrNull(m.template_id)},
            {"recipient", m.recipient},
            {"subject", OrNull(m.subject)},
            {"body", m.body},
            {"html", OrNull(m.html)},
            {"payload", OrNull(m.payload)},
            {"headers", OrNull(m.headers)},
            {"state", messaging::MessageStateName(m.state)},
            {"attempts", m.attempts},
            {"next_attempt_at", FormatIso8601(m.next_attempt_at)},
            {"last_error", OrNull(m.last_error)},
            {"provider_id", OrNull(m.provider_id)},
            {"created_at", FormatIso8601(m.created_at)},
            {"updated_at", FormatIso8601(m.updated_at)},
            {"sent_at", TimeOrNull(m.sent_at)}};
}

Json TemplateJson(const messaging::MessageTemplate& t) {
    return {{"id", t.id},
            {"kind", messaging::TemplateKindName(t.kind)},
            {"name", t.name},
            {"subject", OrNull(t.subject)},
            {"body", t.body},
            {"html", OrNull(t.html)},
            {"department_id", OrNull(t.department_id)},
            {"created_at", FormatIso8601(t.created_at)},
            {"updated_at", FormatIso8601(t.updated_at)}};
}

// SMS: {kind, text, encoding, parts, characters}; e-mail: {kind, subject, text, html}.
Json PreviewJson(const messaging::TemplatePreview& preview) {
    Json out{{"kind", messaging::TemplateKindName(preview.kind)}, {"text", preview.message.text}};
    if (preview.kind == messaging::TemplateKind::kSms) {
        out["encoding"] = messaging::SmsEncodingName(preview.sms.encoding);
        out["parts"] = preview.sms.parts;
        out["characters"] = preview.sms.characters;
    } else {
        out["subject"] = OrNull(preview.message.subject);
        out["html"] = OrNull(preview.message.html);
    }
    return out;
}

Json SmtpJson(const messaging::SmtpSettingsView& view) {
    return {{"configured", view.configured},
            {"host", view.host},
            {"port", view.port},
            {"security", messaging::SmtpSecurityName(view.security)},
            {"username", view.username},
            {"from", view.from},
            {"password_set", view.password_set}};
}

Json SmsJson(const messaging::SmsSettingsView& view) {
    const auto& sms = view.settings;
    Json out{{"configured", view.configured},
             {"preset", messaging::SmsPresetName(sms.preset)},
             {"sender", sms.sender},
             {"api_key_set", view.api_key_set}};
    if (sms.preset == messaging::SmsPreset::kSmsRu) {
        out["base_url"] = sms.base_url;
        return out;
    }
    Json params = Json::object();
    for (const auto& [name, value] : sms.params) params[name] = value;
    out.update({{"url", sms.url},
                {"method", sms.method},
                {"params", std::move(params)},
                {"body_template", sms.body_template},
                {"content_type", sms.content_type},
                {"success_pointer", sms.success_pointer},
                {"success_value", sms.success_value},
                {"id_pointer", sms.id_pointer}});
    return out;
}

Json OutboundJson(const messaging::OutboundSettingsView& view) {
    return {{"allowed", view.allowed}};
}

Json DeliveryJson(const messaging::DeliveryResult& result) {
    const bool sent = result.outcome == messaging::DeliveryResult::Outcome::kSent;
    return {{"delivered", sent}, {"error", sent ? Json(nullptr) : Json(result.error)}};
}

}  // namespace voronka::api
