// The catalogue of user-facing server texts: what the server writes for people to read (the
// run log of automation, delivery errors of messages, notifications, notes), in Russian and
// English, chosen by the organisation's language (auth::Settings::language). API error messages
// are not here: they stay English and the web UI maps their codes to its own catalogues.
// Owned by core. Thread-safe (constant data).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace voronka {

enum class Language { kRussian, kEnglish };

// The language of an organisation's setting: "en" is English, anything else Russian (the default).
Language LanguageOf(std::string_view setting);

// Every text of the catalogue. `{}` in a text is a placeholder, filled in order by Say's
// arguments; a key's texts in both languages have the same placeholders (catalogue_test checks).
// When adding a key, also add its texts to kTexts in catalogue.cpp, before kCount.
enum class Text {
    // The run log of automation (automation_runs.detail): why a rule did not run or stopped.
    kRunRecordDeleted,
    kRunLeftStage,
    kRunTaskChanged,
    kRunFieldChanged,
    kRunTriggerGone,
    kRunRuleOff,
    kRunOutOfSight,
    kRunAuthorDeactivated,
    kRunAuthorNotAdmin,
    kRunAuthorNotHead,
    kRunConditionsFailed,
    kRunChainLimit,  // {depth} {limit}
    kRunGaveUp,      // {attempts}
    // Why an action of a rule failed (the run log's action outcomes; a message's delivery error).
    kActionTemplateDeleted,
    kActionTemplateOfOtherDepartment,
    kActionRecipientWithoutPhone,
    kActionRecipientWithoutEmail,
    kActionAssigneeOutOfSight,
    kActionOwnerOutOfSight,
    kActionRecordWithoutStages,
    kActionNotInTransaction,
    kActionInternalError,
    // A message's delivery error (messages.last_error), written by the transports. {peer} is a
    // channel's or provider's name ("SMTP", "SMS.ru", kDeliveryWebhook); {detail} the library's or
    // the peer's own words, not translated.
    kDeliveryWebhook,  // the webhook channel's name, as {peer}
    kDeliveryChannelSettingsUnreadable,
    kDeliverySmsNotConfigured,
    kDeliverySmtpNotConfigured,
    kDeliverySmsNotE164,
    kDeliveryWebhookBadUrl,
    kDeliveryWebhookHeadersNotObject,
    kDeliveryWebhookBadHeader,  // {header name}
    kDeliveryTimeout,           // {peer} {detail}
    kDeliveryConnectionFailed,  // {peer} {detail}
    kDeliveryBadRequest,        // {peer} {detail}
    kDeliveryRefusedByPolicy,   // {peer} {detail}
    kDeliveryHttpStatus,        // {peer} {status}
    kDeliverySmtpRefused,       // {reply code} {detail}
    kDeliverySmtpDeferred,      // {reply code} {detail}
    kDeliverySmtpBadSettings,   // {detail}
    kDeliverySmtpBadRecipient,
    kDeliverySmsRuNotJson,  // {excerpt of the answer}
    kDeliverySmsRuNoStatus,
    kDeliverySmsRuNoNumberStatus,
    kDeliverySmsNotJson,       // {excerpt of the answer}
    kDeliverySmsNotConfirmed,  // {excerpt of the answer}
    kDeliveryInternalError,
    // Notifications and timeline notes.
    kQueueTaskOverdue,  // {department} {task subject} {due date and time}
    // A message's history.
    kMessageRetriedAfterOne,   // {attempts} {last error}: the Russian singular form (1, 21, 31 …)
    kMessageRetriedAfterMany,  // {attempts} {last error}: other counts
    kNoError,                  // in place of a last error when there is none
    kCount                     // not a text: the number of keys
};

// The key's name for logs and tests ("kRunLeftStage" → "RunLeftStage").
std::string_view TextName(Text key);

// The key's text in `language`, placeholders unfilled.
std::string_view Pattern(Language language, Text key);

// Whether `count` takes the singular form in `language`: English 1; Russian genitive after
// "после" 1, 21, 31 … but not 11, 111.
bool SingularCount(Language language, std::int64_t count);

// The key's text in `language`, its placeholders filled by `args` in order. A wrong number of
// arguments is a programmer error (fmt throws fmt::format_error).
template <typename... Args>
std::string Say(Language language, Text key, const Args&... args) {
    return fmt::format(fmt::runtime(Pattern(language, key)), args...);
}

}  // namespace voronka
