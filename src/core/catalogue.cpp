#include "core/catalogue.hpp"

#include <array>
#include <cstddef>

namespace voronka {
namespace {

struct Entry {
    Text key;
    std::string_view name;
    std::string_view russian;
    std::string_view english;
};

// In the order of Text (a test checks).
constexpr std::array<Entry, static_cast<std::size_t>(Text::kCount)> kTexts{{
    {Text::kRunRecordDeleted, "RunRecordDeleted", "запись удалена", "the record was deleted"},
    {Text::kRunLeftStage, "RunLeftStage", "запись покинула этап", "the record left the stage"},
    {Text::kRunTaskChanged, "RunTaskChanged", "задача выполнена, удалена или перенесена",
     "the task was done, deleted or rescheduled"},
    {Text::kRunFieldChanged, "RunFieldChanged", "значение поля изменилось", "the field's value changed"},
    {Text::kRunTriggerGone, "RunTriggerGone", "условие запуска больше не выполняется",
     "the trigger no longer holds"},
    {Text::kRunRuleOff, "RunRuleOff", "правило выключено или удалено", "the rule was disabled or deleted"},
    {Text::kRunOutOfSight, "RunOutOfSight", "запись вне области правила",
     "the record is outside the rule's scope"},
    {Text::kRunAuthorDeactivated, "RunAuthorDeactivated", "автор правила деактивирован",
     "the rule's author was deactivated"},
    {Text::kRunAuthorNotAdmin, "RunAuthorNotAdmin",
     "автор правила для всей организации больше не администратор",
     "the author of an organisation-wide rule is no longer an admin"},
    {Text::kRunAuthorNotHead, "RunAuthorNotHead", "автор правила больше не руководитель его отдела",
     "the rule's author is no longer the head of its department"},
    {Text::kRunConditionsFailed, "RunConditionsFailed", "условия правила не выполнены",
     "the rule's conditions do not hold"},
    {Text::kRunChainLimit, "RunChainLimit", "цепочка правил остановлена: глубина {} (не больше {})",
     "chain of rules stopped: depth {} (at most {})"},
    {Text::kRunGaveUp, "RunGaveUp", "прервано после {} попыток выполнения",
     "given up after {} attempts to run"},
    {Text::kActionTemplateDeleted, "ActionTemplateDeleted", "шаблон удалён", "the template was deleted"},
    {Text::kActionTemplateOfOtherDepartment, "ActionTemplateOfOtherDepartment",
     "шаблон другого отдела недоступен правилу",
     "the template of another department is not available to the rule"},
    {Text::kActionRecipientWithoutPhone, "ActionRecipientWithoutPhone", "у получателя нет телефона",
     "the recipient has no phone number"},
    {Text::kActionRecipientWithoutEmail, "ActionRecipientWithoutEmail", "у получателя нет e-mail",
     "the recipient has no e-mail address"},
    {Text::kActionAssigneeOutOfSight, "ActionAssigneeOutOfSight",
     "исполнитель вне области правила или деактивирован",
     "the assignee is outside the rule's scope or deactivated"},
    {Text::kActionOwnerOutOfSight, "ActionOwnerOutOfSight",
     "новый владелец вне области правила или деактивирован",
     "the new owner is outside the rule's scope or deactivated"},
    {Text::kActionRecordWithoutStages, "ActionRecordWithoutStages", "у записи этого типа нет этапов",
     "records of this type have no stages"},
    {Text::kActionNotInTransaction, "ActionNotInTransaction", "действие выполняется не в транзакции",
     "the action does not run in a transaction"},
    {Text::kActionInternalError, "ActionInternalError", "внутренняя ошибка при выполнении действия",
     "internal error while performing the action"},
    {Text::kDeliveryWebhook, "DeliveryWebhook", "вебхук", "webhook"},
    {Text::kDeliveryChannelSettingsUnreadable, "DeliveryChannelSettingsUnreadable",
     "не удалось прочитать настройки каналов из базы данных",
     "could not read the channel settings from the database"},
    {Text::kDeliverySmsNotConfigured, "DeliverySmsNotConfigured", "SMS-провайдер не настроен",
     "no SMS provider is set up"},
    {Text::kDeliverySmtpNotConfigured, "DeliverySmtpNotConfigured", "SMTP не настроен", "SMTP is not set up"},
    {Text::kDeliverySmsNotE164, "DeliverySmsNotE164", "SMS: номер получателя не в формате E.164",
     "SMS: the recipient's number is not in E.164 format"},
    {Text::kDeliveryWebhookBadUrl, "DeliveryWebhookBadUrl", "вебхук: недопустимый URL",
     "webhook: the URL is not allowed"},
    {Text::kDeliveryWebhookHeadersNotObject, "DeliveryWebhookHeadersNotObject",
     "вебхук: заголовки не являются JSON-объектом", "webhook: the headers are not a JSON object"},
    {Text::kDeliveryWebhookBadHeader, "DeliveryWebhookBadHeader", "вебхук: недопустимый заголовок {}",
     "webhook: header {} is not allowed"},
    {Text::kDeliveryTimeout, "DeliveryTimeout", "{}: нет ответа вовремя ({})", "{}: no answer in time ({})"},
    {Text::kDeliveryConnectionFailed, "DeliveryConnectionFailed", "{}: ошибка соединения ({})",
     "{}: connection failed ({})"},
    {Text::kDeliveryBadRequest, "DeliveryBadRequest", "{}: неверный запрос ({})",
     "{}: malformed request ({})"},
    {Text::kDeliveryRefusedByPolicy, "DeliveryRefusedByPolicy",
     "{}: адрес запрещён политикой исходящих запросов ({})",
     "{}: the address is refused by the outbound request policy ({})"},
    {Text::kDeliveryHttpStatus, "DeliveryHttpStatus", "{}: ответ HTTP {}", "{}: answered HTTP {}"},
    {Text::kDeliverySmtpRefused, "DeliverySmtpRefused", "SMTP: сервер отказал ({}: {})",
     "SMTP: the server refused ({}: {})"},
    {Text::kDeliverySmtpDeferred, "DeliverySmtpDeferred", "SMTP: временный отказ сервера ({}: {})",
     "SMTP: the server refused for now ({}: {})"},
    {Text::kDeliverySmtpBadSettings, "DeliverySmtpBadSettings", "SMTP: неверные настройки ({})",
     "SMTP: wrong settings ({})"},
    {Text::kDeliverySmtpBadRecipient, "DeliverySmtpBadRecipient", "SMTP: неверный адрес получателя",
     "SMTP: the recipient's address is not valid"},
    {Text::kDeliverySmsRuNotJson, "DeliverySmsRuNotJson", "SMS.ru: ответ не в формате JSON: {}",
     "SMS.ru: the answer is not JSON: {}"},
    {Text::kDeliverySmsRuNoStatus, "DeliverySmsRuNoStatus", "SMS.ru: в ответе нет статуса сообщения",
     "SMS.ru: the answer has no status of the message"},
    {Text::kDeliverySmsRuNoNumberStatus, "DeliverySmsRuNoNumberStatus",
     "SMS.ru: в ответе нет статуса для номера", "SMS.ru: the answer has no status for the number"},
    {Text::kDeliverySmsNotJson, "DeliverySmsNotJson", "SMS: ответ провайдера не в формате JSON: {}",
     "SMS: the provider's answer is not JSON: {}"},
    {Text::kDeliverySmsNotConfirmed, "DeliverySmsNotConfirmed", "SMS: провайдер не подтвердил отправку: {}",
     "SMS: the provider did not confirm sending: {}"},
    {Text::kDeliveryInternalError, "DeliveryInternalError", "внутренняя ошибка при отправке",
     "internal error while sending"},
    {Text::kQueueTaskOverdue, "QueueTaskOverdue", "Просрочена задача отдела «{}»: «{}», срок {}",
     "Overdue task of the department “{}”: “{}”, due {}"},
    {Text::kMessageRetriedAfterOne, "MessageRetriedAfterOne",
     "повтор администратором после {} попытки; последняя ошибка: {}",
     "retried by an admin after {} attempt; last error: {}"},
    {Text::kMessageRetriedAfterMany, "MessageRetriedAfterMany",
     "повтор администратором после {} попыток; последняя ошибка: {}",
     "retried by an admin after {} attempts; last error: {}"},
    {Text::kNoError, "NoError", "нет", "none"},
}};

constexpr bool InKeyOrder() {
    for (std::size_t i = 0; i < kTexts.size(); ++i) {
        if (static_cast<std::size_t>(kTexts[i].key) != i) return false;
    }
    return true;
}
static_assert(InKeyOrder(), "kTexts lists every key once, in the order of Text");

const Entry& EntryOf(Text key) {
    return kTexts.at(static_cast<std::size_t>(key));
}

}  // namespace

Language LanguageOf(std::string_view setting) {
    return setting == "en" ? Language::kEnglish : Language::kRussian;
}

std::string_view TextName(Text key) {
    return EntryOf(key).name;
}

std::string_view Pattern(Language language, Text key) {
    const Entry& entry = EntryOf(key);
    return language == Language::kEnglish ? entry.english : entry.russian;
}

bool SingularCount(Language language, std::int64_t count) {
    if (language == Language::kEnglish) return count == 1;
    return count % 10 == 1 && count % 100 != 11;
}

}  // namespace voronka
