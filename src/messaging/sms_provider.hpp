// SMS providers reached over HTTP: how one SMS becomes an HTTP request, and how the provider's
// answer becomes a DeliveryResult. A ready preset for SMS.ru (https://sms.ru/api/send) and a
// custom provider described by settings. Owned by messaging. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalogue.hpp"
#include "core/error.hpp"
#include "messaging/http_client.hpp"
#include "messaging/message.hpp"

namespace voronka::messaging {

enum class SmsPreset { kSmsRu, kCustom };

std::string_view SmsPresetName(SmsPreset preset);  // "smsru", "custom"
std::optional<SmsPreset> ParseSmsPreset(std::string_view name);

inline constexpr std::string_view kSmsRuDefaultUrl = "https://sms.ru";

// The placeholders of custom request templates. When adding one, also add it to
// RenderSmsTemplate.
//   {{to}}        the destination as digits, without "+" (79991234567)
//   {{to_e164}}   the destination as E.164 (+79991234567)
//   {{text}}      the message text (UTF-8)
//   {{sender}}    the sender name of the settings
//   {{api_key}}   the API key of the settings
inline constexpr std::string_view kSmsPlaceholders = "to, to_e164, text, sender, api_key";

struct SmsSettings {
    SmsPreset preset = SmsPreset::kSmsRu;
    std::string api_key;  // SMS.ru: api_id; custom: {{api_key}}
    std::string sender;   // SMS.ru: `from` when not empty; custom: {{sender}}
    // SMS.ru: the service's address (tests point it at the local peer).
    std::string base_url = std::string(kSmsRuDefaultUrl);

    // Custom provider.
    std::string url;
    std::string method = "POST";  // GET: params go to the query; POST: to a form body
    std::vector<std::pair<std::string, std::string>> params;  // name -> value template
    std::string body_template;  // POST only: replaces the form body when not empty
    std::string content_type;   // of body_template
    // Success: a 2xx answer whose JSON value at success_pointer (RFC 6901) equals
    // success_value (strings compared as text, other values as their JSON text); with an empty
    // pointer, any 2xx answer.
    std::string success_pointer;
    std::string success_value;
    std::string id_pointer;  // the provider's message id in the answer; empty: none
};

// Checks a template of a custom provider: balanced `{{` `}}` and only known placeholders.
// The error names `field`.
Status CheckSmsTemplate(std::string_view text, std::string_view field);

// Checks a JSON pointer (RFC 6901: empty, or "/a/b" with ~0 ~1 escapes); the error names `field`.
Status CheckJsonPointer(std::string_view pointer, std::string_view field);

// The HTTP request that sends `text` to `phone` (E.164, "+7..."). Validation error (field
// "recipient") when the phone is not "+" followed by 7 to 15 digits.
Result<HttpRequest> BuildSmsRequest(const SmsSettings& settings, std::string_view phone,
                                    std::string_view text);

// Classifies what the provider answered for `phone`:
//   transport failures (timeout, dropped connection), HTTP 5xx, 408, 429 -> kTemporary;
//   a target the outbound policy refused, a malformed request -> kPermanent;
//   other non-2xx statuses -> kPermanent;
//   SMS.ru: request codes 201 (no money), 206 (daily limit), 220 (service busy) and number codes
//   230-232 (limits per number) -> kTemporary; every other code but 100 -> kPermanent, the
//   error saying "SMS.ru <code>: <status_text>"; 100 for the number -> kSent with its sms_id;
//   an answer that is not SMS.ru's JSON -> kTemporary.
//   custom: as documented on SmsSettings.
// The error is written in `language` (the organisation's); the provider's own words are kept.
DeliveryResult ClassifySmsAnswer(const SmsSettings& settings, const HttpResult& answer,
                                 std::string_view phone, Language language);

}  // namespace voronka::messaging
