#include "messaging/message_service.hpp"

#include <fmt/format.h>

#include <limits>
#include <string>

#include "auth/visibility.hpp"
#include "messaging/outbox.hpp"
#include "messaging_sql.hpp"
#include "store/scope.hpp"

namespace voronka::messaging {
namespace {

using store::Param;

Error MessageNotFound() {
    return Error::NotFound("сообщение не найдено");
}

}  // namespace

Result<Page<Message>> MessageService::List(const auth::Principal& principal, const MessageFilter& filter,
                                           const PageRequest& page) {
    if (filter.record_type.has_value() != filter.record_id.has_value()) {
        return Error::Validation("record_type и record_id задаются вместе",
                                 filter.record_type ? "record_id" : "record_type");
    }
    const auto after_id = page.AfterId("messages");
    if (!after_id) return after_id.error();
    const std::int64_t below = *after_id > 0 ? *after_id : std::numeric_limits<std::int64_t>::max();
    const std::string state = filter.state ? std::string(MessageStateName(*filter.state)) : std::string();
    const std::string channel = filter.channel ? std::string(ChannelName(*filter.channel)) : std::string();
    const std::string record_type =
        filter.record_type ? std::string(crm::RecordTypeName(*filter.record_type)) : "";
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Message>> {
        std::vector<Message> rows;
        for (const auto& row : tx.Fetch(
                 sql::kMessageList,
                 store::ScopedParams(auth::ScopeOf(principal),
                                     {Param(below), Param(state), Param(channel), Param(record_type),
                                      Param(filter.record_id.value_or(0)), Param(filter.rule_id.has_value()),
                                      Param(filter.rule_id.value_or(0)), Param(page.limit + 1)}))) {
            rows.push_back(MessageFromRow(row));
        }
        return MakePage(std::move(rows), page.limit, "messages", [](const Message& m) { return m.id; });
    });
}

Result<Message> MessageService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<Message> {
        const auto row =
            tx.FetchOne(sql::kMessageGetVisible, store::ScopedParams(auth::ScopeOf(principal), {Param(id)}));
        if (!row) return MessageNotFound();
        return MessageFromRow(*row);
    });
}

Result<Message> MessageService::Retry(const auth::Principal& principal, std::int64_t id) {
    if (!principal.IsAdmin()) return Error::Forbidden("повторить отправку может только администратор");
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<Message> {
        const auto message = FindMessage(tx, id);
        if (!message) return MessageNotFound();
        if (message->state != MessageState::kFailed) {
            return Error::Conflict(
                fmt::format("повторить можно только неотправленное сообщение (состояние: {})",
                            MessageStateName(message->state)));
        }
        if (message->attempts == 0) {
            return Error::Conflict("сообщение не было составлено полностью, его нельзя отправить повторно: " +
                                   message->last_error.value_or(""));
        }
        const std::string history =
            fmt::format("повтор администратором после {} попыт{}; последняя ошибка: {}", message->attempts,
                        message->attempts % 10 == 1 && message->attempts % 100 != 11 ? "ки" : "ок",
                        message->last_error.value_or("нет"));
        tx.Execute(sql::kMessageRetry, {Param(id), Param(now), Param(history)});
        return *FindMessage(tx, id);
    });
}

}  // namespace voronka::messaging
