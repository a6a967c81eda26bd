#include "messaging/sms_provider.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/catalogue.hpp"
#include "core/names.hpp"

namespace voronka::messaging {
namespace {

using Json = nlohmann::json;
using Outcome = DeliveryResult::Outcome;

constexpr NameTable<SmsPreset, 2> kPresets{{
    {SmsPreset::kSmsRu, "smsru"},
    {SmsPreset::kCustom, "custom"},
}};

// How a template value is escaped where it is put.
enum class Escape { kNone, kUrl, kJson };

constexpr std::array<std::string_view, 5> kPlaceholderNames{"to", "to_e164", "text", "sender", "api_key"};

struct TemplateValues {
    std::string to;
    std::string to_e164;
    std::string text;
    std::string sender;
    std::string api_key;

    const std::string* Find(std::string_view name) const {
        if (name == "to") return &to;
        if (name == "to_e164") return &to_e164;
        if (name == "text") return &text;
        if (name == "sender") return &sender;
        if (name == "api_key") return &api_key;
        return nullptr;
    }
};

std::string JsonEscaped(const std::string& text) {
    const std::string quoted = Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
}

// Replaces each {{name}} of a template already checked by CheckSmsTemplate.
std::string RenderSmsTemplate(std::string_view text, const TemplateValues& values, Escape escape) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        if (open == std::string_view::npos) break;
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        out.append(text.substr(pos, open - pos));
        const std::string* value = values.Find(text.substr(open + 2, close - open - 2));
        const std::string empty;
        const std::string& v = value ? *value : empty;
        switch (escape) {
            case Escape::kNone: out += v; break;
            case Escape::kUrl: out += UrlEncode(v); break;
            case Escape::kJson: out += JsonEscaped(v); break;
        }
        pos = close + 2;
    }
    out.append(text.substr(pos));
    return out;
}

bool IsDigits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += UrlEncode(name);
        out += '=';
        out += UrlEncode(value);
    }
    return out;
}

std::string WithQuery(std::string url, const std::string& query) {
    if (query.empty()) return url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    return url + query;
}

std::string TrimmedSlash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

// A short, single-line excerpt of a peer's answer for the error log.
std::string Excerpt(std::string_view body) {
    std::string out(body.substr(0, 200));
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return out;
}

// Transport failures and the statuses every provider shares.
std::optional<DeliveryResult> ClassifyHttp(const HttpResult& answer, std::string_view provider,
                                           Language language) {
    if (const auto* failure = std::get_if<HttpFailure>(&answer)) {
        switch (failure->kind) {
            case HttpFailure::Kind::kTimeout:
                return DeliveryResult{Outcome::kTemporary,
                                      {},
                                      Say(language, Text::kDeliveryTimeout, provider, failure->message)};
            case HttpFailure::Kind::kConnection:
                return DeliveryResult{
                    Outcome::kTemporary,
                    {},
                    Say(language, Text::kDeliveryConnectionFailed, provider, failure->message)};
            case HttpFailure::Kind::kRequest:
                return DeliveryResult{Outcome::kPermanent,
                                      {},
                                      Say(language, Text::kDeliveryBadRequest, provider, failure->message)};
            case HttpFailure::Kind::kRefused:
                return DeliveryResult{
                    Outcome::kPermanent,
                    {},
                    Say(language, Text::kDeliveryRefusedByPolicy, provider, failure->message)};
        }
    }
    const auto& response = std::get<HttpResponse>(answer);
    if (response.status >= 200 && response.status < 300) return std::nullopt;
    const bool temporary = response.status >= 500 || response.status == 408 || response.status == 429;
    return DeliveryResult{temporary ? Outcome::kTemporary : Outcome::kPermanent,
                          {},
                          Say(language, Text::kDeliveryHttpStatus, provider, response.status)};
}

// SMS.ru codes that a later attempt may pass: no money yet, daily limits, the service busy.
bool IsTemporarySmsRuCode(std::int64_t code) {
    return code == 201 || code == 206 || code == 220 || code == 230 || code == 231 || code == 232;
}

std::int64_t IntOf(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end()) return -1;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_string()) {
        try {
            return std::stoll(it->get<std::string>());
        } catch (const std::exception&) {
            return -1;
        }
    }
    return -1;
}

std::string TextOf(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

DeliveryResult SmsRuError(const Json& object, std::int64_t code) {
    const Outcome outcome = IsTemporarySmsRuCode(code) ? Outcome::kTemporary : Outcome::kPermanent;
    const std::string text = TextOf(object, "status_text");
    return {outcome,
            {},
            text.empty() ? fmt::format("SMS.ru {}", code) : fmt::format("SMS.ru {}: {}", code, text)};
}

DeliveryResult ClassifySmsRu(const HttpResponse& response, std::string_view phone, Language language) {
    const Json answer = Json::parse(response.body, nullptr, false);
    if (!answer.is_object()) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliverySmsRuNotJson, Excerpt(response.body))};
    }
    const std::int64_t code = IntOf(answer, "status_code");
    if (code != 100) return SmsRuError(answer, code);
    const auto sms = answer.find("sms");
    if (sms == answer.end() || !sms->is_object()) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliverySmsRuNoStatus)};
    }
    auto number = sms->find(std::string(phone));
    if (number == sms->end() && sms->size() == 1) number = sms->begin();
    if (number == sms->end() || !number->is_object()) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliverySmsRuNoNumberStatus)};
    }
    const std::int64_t number_code = IntOf(*number, "status_code");
    if (number_code != 100) return SmsRuError(*number, number_code);
    return {Outcome::kSent, TextOf(*number, "sms_id"), {}};
}

std::string PointedText(const Json& answer, const std::string& pointer, bool& found) {
    found = false;
    try {
        const Json::json_pointer ptr(pointer);
        if (!answer.contains(ptr)) return {};
        const Json& value = answer.at(ptr);
        found = true;
        return value.is_string() ? value.get<std::string>() : value.dump();
    } catch (const Json::exception&) {
        return {};
    }
}

DeliveryResult ClassifyCustom(const SmsSettings& settings, const HttpResponse& response, Language language) {
    if (settings.success_pointer.empty() && settings.id_pointer.empty()) return {Outcome::kSent, {}, {}};
    const Json answer = Json::parse(response.body, nullptr, false);
    if (answer.is_discarded()) {
        return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmsNotJson, Excerpt(response.body))};
    }
    if (!settings.success_pointer.empty()) {
        bool found = false;
        const std::string value = PointedText(answer, settings.success_pointer, found);
        if (!found || value != settings.success_value) {
            return {Outcome::kPermanent,
                    {},
                    Say(language, Text::kDeliverySmsNotConfirmed, Excerpt(response.body))};
        }
    }
    DeliveryResult sent{Outcome::kSent, {}, {}};
    if (!settings.id_pointer.empty()) {
        bool found = false;
        sent.provider_id = PointedText(answer, settings.id_pointer, found);
    }
    return sent;
}

}  // namespace

std::string_view SmsPresetName(SmsPreset preset) {
    return NameIn(kPresets, preset);
}
std::optional<SmsPreset> ParseSmsPreset(std::string_view name) {
    return ValueIn(kPresets, name);
}

Status CheckSmsTemplate(std::string_view text, std::string_view field) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        const auto stray_close = text.find("}}", pos);
        if (stray_close < open) {
            return Error::Validation(fmt::format("{} has \"}}}}\" without \"{{{{\"", field),
                                     std::string(field));
        }
        if (open == std::string_view::npos) break;
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            return Error::Validation(fmt::format("{} has \"{{{{\" without \"}}}}\"", field),
                                     std::string(field));
        }
        const std::string_view name = text.substr(open + 2, close - open - 2);
        if (std::find(kPlaceholderNames.begin(), kPlaceholderNames.end(), name) == kPlaceholderNames.end()) {
            return Error::Validation(fmt::format("{} has an unknown placeholder {{{{{}}}}}; known: {}", field,
                                                 name, kSmsPlaceholders),
                                     std::string(field));
        }
        pos = close + 2;
    }
    return Ok{};
}

Status CheckJsonPointer(std::string_view pointer, std::string_view field) {
    try {
        const Json::json_pointer parsed{std::string(pointer)};
        (void)parsed;
        return Ok{};
    } catch (const Json::exception&) {
        return Error::Validation(fmt::format("{} must be a JSON pointer such as /status", field),
                                 std::string(field));
    }
}

Result<HttpRequest> BuildSmsRequest(const SmsSettings& settings, std::string_view phone,
                                    std::string_view text) {
    if (phone.size() < 8 || phone.size() > 16 || phone.front() != '+' || !IsDigits(phone.substr(1))) {
        return Error::Validation("SMS: the recipient's number is not in E.164 format", "recipient");
    }
    TemplateValues values{std::string(phone.substr(1)), std::string(phone), std::string(text),
                          settings.sender, settings.api_key};
    HttpRequest request;
    if (settings.preset == SmsPreset::kSmsRu) {
        std::vector<std::pair<std::string, std::string>> fields{
            {"api_id", settings.api_key}, {"to", values.to}, {"msg", values.text}, {"json", "1"}};
        if (!settings.sender.empty()) fields.emplace_back("from", settings.sender);
        request.method = "POST";
        request.url = TrimmedSlash(settings.base_url) + "/sms/send";
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.body = FormBody(fields);
        return request;
    }
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& [name, value] : settings.params) {
        fields.emplace_back(name, RenderSmsTemplate(value, values, Escape::kNone));
    }
    request.method = settings.method;
    if (settings.method == "GET") {
        request.url = WithQuery(settings.url, FormBody(fields));
    } else if (!settings.body_template.empty()) {
        const bool json = settings.content_type.find("json") != std::string::npos;
        const bool form = settings.content_type.find("x-www-form-urlencoded") != std::string::npos;
        request.url = WithQuery(settings.url, FormBody(fields));
        request.headers.emplace_back("Content-Type", settings.content_type);
        request.body = RenderSmsTemplate(settings.body_template, values,
                                         json ? Escape::kJson : (form ? Escape::kUrl : Escape::kNone));
    } else {
        request.url = settings.url;
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.body = FormBody(fields);
    }
    return request;
}

DeliveryResult ClassifySmsAnswer(const SmsSettings& settings, const HttpResult& answer,
                                 std::string_view phone, Language language) {
    const bool smsru = settings.preset == SmsPreset::kSmsRu;
    if (auto failed = ClassifyHttp(answer, smsru ? "SMS.ru" : "SMS", language)) return *std::move(failed);
    const auto& response = std::get<HttpResponse>(answer);
    if (smsru) {
        const std::string digits(!phone.empty() && phone.front() == '+' ? phone.substr(1) : phone);
        return ClassifySmsRu(response, digits, language);
    }
    return ClassifyCustom(settings, response, language);
}

}  // namespace voronka::messaging
