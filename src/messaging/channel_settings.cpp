#include "messaging/channel_settings.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "core/validation.hpp"
#include "messaging_sql.hpp"

namespace voronka::messaging {
namespace {

using store::Param;
using Json = nlohmann::json;
using Values = std::map<std::string, std::string, std::less<>>;

// Setting keys as stored. When adding one, also add it to the Read*/Write* functions below.
constexpr std::string_view kSmtpPrefix = "smtp.%";
constexpr std::string_view kSmtpHost = "smtp.host";
constexpr std::string_view kSmtpPort = "smtp.port";
constexpr std::string_view kSmtpSecurity = "smtp.security";
constexpr std::string_view kSmtpUsername = "smtp.username";
constexpr std::string_view kSmtpPassword = "smtp.password";
constexpr std::string_view kSmtpFrom = "smtp.from";
constexpr std::string_view kSmsPrefix = "sms.%";
constexpr std::string_view kSmsPreset = "sms.preset";
constexpr std::string_view kSmsApiKey = "sms.api_key";
constexpr std::string_view kSmsSender = "sms.sender";
constexpr std::string_view kSmsBaseUrl = "sms.base_url";
constexpr std::string_view kSmsUrl = "sms.url";
constexpr std::string_view kSmsMethod = "sms.method";
constexpr std::string_view kSmsParams = "sms.params";  // JSON array of [name, value] pairs
constexpr std::string_view kSmsBodyTemplate = "sms.body_template";
constexpr std::string_view kSmsContentType = "sms.content_type";
constexpr std::string_view kSmsSuccessPointer = "sms.success_pointer";
constexpr std::string_view kSmsSuccessValue = "sms.success_value";
constexpr std::string_view kSmsIdPointer = "sms.id_pointer";
constexpr std::string_view kOutboundAllowed = "outbound.allowed";  // JSON array of allow-list entries

constexpr std::size_t kMaxSecret = 256;

Values ReadValues(store::Transaction& tx) {
    Values values;
    for (const auto& row : tx.Fetch(sql::kChannelSettingsAll)) {
        store::ReadRow(row, [&](store::RowReader& r) {
            std::string key = r.Text();
            values.emplace(std::move(key), r.Text());
        });
    }
    return values;
}

std::string ValueOr(const Values& values, std::string_view key, std::string fallback = {}) {
    const auto it = values.find(key);
    return it == values.end() ? std::move(fallback) : it->second;
}

std::optional<SmtpSettings> SmtpOf(const Values& values) {
    if (!values.contains(kSmtpHost)) return std::nullopt;
    SmtpSettings smtp;
    smtp.host = ValueOr(values, kSmtpHost);
    const std::string port = ValueOr(values, kSmtpPort, "587");
    std::from_chars(port.data(), port.data() + port.size(), smtp.port);
    smtp.security = ParseSmtpSecurity(ValueOr(values, kSmtpSecurity)).value_or(SmtpSecurity::kStartTls);
    smtp.username = ValueOr(values, kSmtpUsername);
    smtp.password = ValueOr(values, kSmtpPassword);
    auto from = ParseMailbox(ValueOr(values, kSmtpFrom), "from");
    if (from) smtp.from = *from;
    return smtp;
}

std::optional<SmsSettings> SmsOf(const Values& values) {
    const auto preset = ParseSmsPreset(ValueOr(values, kSmsPreset));
    if (!preset) return std::nullopt;
    SmsSettings sms;
    sms.preset = *preset;
    sms.api_key = ValueOr(values, kSmsApiKey);
    sms.sender = ValueOr(values, kSmsSender);
    sms.base_url = ValueOr(values, kSmsBaseUrl, std::string(kSmsRuDefaultUrl));
    sms.url = ValueOr(values, kSmsUrl);
    sms.method = ValueOr(values, kSmsMethod, "POST");
    const Json params = Json::parse(ValueOr(values, kSmsParams, "[]"), nullptr, false);
    if (params.is_array()) {
        for (const auto& pair : params) {
            if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
                sms.params.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
            }
        }
    }
    sms.body_template = ValueOr(values, kSmsBodyTemplate);
    sms.content_type = ValueOr(values, kSmsContentType);
    sms.success_pointer = ValueOr(values, kSmsSuccessPointer);
    sms.success_value = ValueOr(values, kSmsSuccessValue);
    sms.id_pointer = ValueOr(values, kSmsIdPointer);
    return sms;
}

SmtpSettingsView SmtpViewOf(const Values& values) {
    SmtpSettingsView view;
    const auto smtp = SmtpOf(values);
    if (!smtp) return view;
    view.configured = true;
    view.host = smtp->host;
    view.port = smtp->port;
    view.security = smtp->security;
    view.username = smtp->username;
    view.from = ValueOr(values, kSmtpFrom);
    view.password_set = !smtp->password.empty();
    return view;
}

SmsSettingsView SmsViewOf(const Values& values) {
    SmsSettingsView view;
    auto sms = SmsOf(values);
    if (!sms) return view;
    view.configured = true;
    view.api_key_set = !sms->api_key.empty();
    sms->api_key.clear();
    view.settings = std::move(*sms);
    return view;
}

bool HasControl(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
    }
    return false;
}

// Optional one-line text: no control characters, at most `max` bytes.
Status CheckOptionalText(std::string_view text, std::string_view field, std::size_t max) {
    if (text.size() > max || HasControl(text)) {
        return Error::Validation(
            fmt::format("{} must be at most {} characters without control characters", field, max),
            std::string(field));
    }
    return Ok{};
}

Status CheckHost(std::string_view host) {
    const bool ok =
        !host.empty() && host.size() <= 253 &&
        host.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:[]") ==
            std::string_view::npos &&
        host.front() != '.' && host.front() != '-';
    if (!ok) return Error::Validation("host must be a host name or an IP address", "host");
    return Ok{};
}

Status CheckSmtp(const SmtpSettingsInput& input) {
    if (auto s = CheckHost(input.host); !s) return s;
    if (input.port < 1 || input.port > 65535)
        return Error::Validation("port must be from 1 to 65535", "port");
    if (auto s = CheckOptionalText(input.username, "username", kMaxSecret); !s) return s;
    if (input.password && *input.password) {
        if (auto s = CheckOptionalText(**input.password, "password", kMaxSecret); !s) return s;
    }
    if (auto from = ParseMailbox(input.from, "from"); !from) return std::move(from).error();
    return Ok{};
}

Status CheckSms(const SmsSettings& sms, const OutboundAllowList& allow) {
    if (auto s = CheckOptionalText(sms.api_key, "api_key", kMaxSecret); !s) return s;
    if (auto s = CheckOptionalText(sms.sender, "sender", 64); !s) return s;
    if (sms.preset == SmsPreset::kSmsRu) return CheckOutboundUrl(sms.base_url, allow, "base_url");
    if (auto s = CheckOutboundUrl(sms.url, allow, "url"); !s) return s;
    if (auto s = CheckSmsTemplate(sms.url, "url"); !s) return s;
    if (sms.method != "GET" && sms.method != "POST") return NotOneOf("method", "GET, POST");
    for (const auto& [name, value] : sms.params) {
        const std::string field = "params." + name;
        if (name.empty() || name.size() > 100 || HasControl(name)) {
            return Error::Validation("params must have names of 1 to 100 characters", "params");
        }
        if (auto s = CheckOptionalText(value, field, 2000); !s) return s;
        if (auto s = CheckSmsTemplate(value, field); !s) return s;
    }
    if (!sms.body_template.empty()) {
        if (sms.method != "POST")
            return Error::Validation("body_template needs method POST", "body_template");
        if (sms.body_template.size() > 10000) {
            return Error::Validation("body_template must be at most 10000 characters", "body_template");
        }
        if (auto s = CheckSmsTemplate(sms.body_template, "body_template"); !s) return s;
        if (sms.content_type.empty()) {
            return Error::Validation("content_type is required with body_template", "content_type");
        }
    }
    if (auto s = CheckOptionalText(sms.content_type, "content_type", 200); !s) return s;
    if (auto s = CheckJsonPointer(sms.success_pointer, "success_pointer"); !s) return s;
    if (auto s = CheckJsonPointer(sms.id_pointer, "id_pointer"); !s) return s;
    if (!sms.success_pointer.empty() && sms.success_value.empty()) {
        return Error::Validation("success_value is required with success_pointer", "success_value");
    }
    return CheckOptionalText(sms.success_value, "success_value", 200);
}

void Put(store::Transaction& tx, std::string_view key, std::string_view value) {
    tx.Execute(sql::kChannelSettingsPut, {Param(key), Param(value)});
}

}  // namespace

OutboundAllowList LoadOutboundAllowList(store::Transaction& tx) {
    const auto row = tx.FetchOne(sql::kSettingGet, {Param(kOutboundAllowed)});
    if (!row) return {};
    const Json stored = Json::parse(store::ReadRow(*row, &store::RowReader::Text), nullptr, false);
    std::vector<std::string> entries;
    if (stored.is_array()) {
        for (const auto& entry : stored) {
            if (entry.is_string()) entries.push_back(entry.get<std::string>());
        }
    }
    // Stored entries were checked when saved; should one no longer parse, the list allows less.
    auto allow = ParseOutboundAllowList(entries, "allowed");
    return allow ? std::move(allow).value() : OutboundAllowList{};
}

Result<SmtpSettingsView> ChannelSettingsService::GetSmtp(const auth::Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may see the SMTP settings");
    return db_.Read([](store::Transaction& tx) { return SmtpViewOf(ReadValues(tx)); });
}

Result<SmsSettingsView> ChannelSettingsService::GetSms(const auth::Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may see the SMS settings");
    return db_.Read([](store::Transaction& tx) { return SmsViewOf(ReadValues(tx)); });
}

Result<OutboundSettingsView> ChannelSettingsService::GetOutbound(const auth::Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may see the outbound settings");
    return db_.Read(
        [](store::Transaction& tx) { return OutboundSettingsView{LoadOutboundAllowList(tx).Entries()}; });
}

Result<OutboundSettingsView> ChannelSettingsService::PutOutbound(const auth::Principal& principal,
                                                                 const std::vector<std::string>& allowed) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change the outbound settings");
    auto allow = ParseOutboundAllowList(allowed, "allowed");
    if (!allow) return std::move(allow).error();
    const std::vector<std::string> entries = allow->Entries();
    return db_.Write([&](store::Transaction& tx) {
        tx.Execute(sql::kChannelSettingsDeletePrefix, {Param(kOutboundAllowed)});
        if (!entries.empty()) Put(tx, kOutboundAllowed, Json(entries).dump());
        return OutboundSettingsView{LoadOutboundAllowList(tx).Entries()};
    });
}

Result<SmtpSettingsView> ChannelSettingsService::PutSmtp(const auth::Principal& principal,
                                                         const SmtpSettingsInput& input) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change the SMTP settings");
    if (auto checked = CheckSmtp(input); !checked) return std::move(checked).error();
    const std::string from = input.from;
    return db_.Write([&](store::Transaction& tx) -> Result<SmtpSettingsView> {
        std::string password = ValueOr(ReadValues(tx), kSmtpPassword);
        if (input.password) password = input.password->value_or("");
        tx.Execute(sql::kChannelSettingsDeletePrefix, {Param(kSmtpPrefix)});
        Put(tx, kSmtpHost, input.host);
        Put(tx, kSmtpPort, std::to_string(input.port));
        Put(tx, kSmtpSecurity, SmtpSecurityName(input.security));
        Put(tx, kSmtpUsername, input.username);
        if (!password.empty()) Put(tx, kSmtpPassword, password);
        Put(tx, kSmtpFrom, from);
        return SmtpViewOf(ReadValues(tx));
    });
}

Result<SmsSettingsView> ChannelSettingsService::PutSms(const auth::Principal& principal,
                                                       const SmsSettingsInput& input) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change the SMS settings");
    const SmsSettings& sms = input.settings;
    return db_.Write([&](store::Transaction& tx) -> Result<SmsSettingsView> {
        if (auto checked = CheckSms(sms, LoadOutboundAllowList(tx)); !checked)
            return std::move(checked).error();
        std::string api_key = ValueOr(ReadValues(tx), kSmsApiKey);
        if (input.api_key_given) api_key = sms.api_key;
        if (sms.preset == SmsPreset::kSmsRu && api_key.empty()) {
            return Error::Validation("api_key is required for the smsru preset", "api_key");
        }
        tx.Execute(sql::kChannelSettingsDeletePrefix, {Param(kSmsPrefix)});
        Put(tx, kSmsPreset, SmsPresetName(sms.preset));
        if (!api_key.empty()) Put(tx, kSmsApiKey, api_key);
        Put(tx, kSmsSender, sms.sender);
        if (sms.preset == SmsPreset::kSmsRu) {
            Put(tx, kSmsBaseUrl, sms.base_url);
        } else {
            Json params = Json::array();
            for (const auto& [name, value] : sms.params) params.push_back({name, value});
            Put(tx, kSmsUrl, sms.url);
            Put(tx, kSmsMethod, sms.method);
            Put(tx, kSmsParams, params.dump(-1, ' ', false, Json::error_handler_t::replace));
            Put(tx, kSmsBodyTemplate, sms.body_template);
            Put(tx, kSmsContentType, sms.content_type);
            Put(tx, kSmsSuccessPointer, sms.success_pointer);
            Put(tx, kSmsSuccessValue, sms.success_value);
            Put(tx, kSmsIdPointer, sms.id_pointer);
        }
        return SmsViewOf(ReadValues(tx));
    });
}

ChannelSettingsService::Stored ChannelSettingsService::Load() {
    return db_.Read([](store::Transaction& tx) {
        const Values values = ReadValues(tx);
        return Stored{SmtpOf(values), SmsOf(values), LoadOutboundAllowList(tx)};
    });
}

}  // namespace voronka::messaging
