#include "messaging/message_service.hpp"

#include <fmt/format.h>

#include <limits>
#include <string>

#include "auth/settings_service.hpp"
#include "auth/visibility.hpp"
#include "core/catalogue.hpp"
#include "messaging/outbox.hpp"
#include "messaging_sql.hpp"
#include "store/scope.hpp"

namespace voronka::messaging {
namespace {

using store::Param;

Error MessageNotFound() {
    return Error::NotFound("no such message");
}

}  // namespace

Result<Page<Message>> MessageService::List(const auth::Principal& principal, const MessageFilter& filter,
                                           const PageRequest& page) {
    if (filter.record_type.has_value() != filter.record_id.has_value()) {
        return Error::Validation("record_type and record_id go together",
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
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may retry a message");
    const UnixTime now = clock_.Now();
    const Language language = LanguageOf(auth::SettingsService(db_).Get().language);
    return db_.Write([&](store::Transaction& tx) -> Result<Message> {
        const auto message = FindMessage(tx, id);
        if (!message) return MessageNotFound();
        if (message->state != MessageState::kFailed) {
            return Error::Conflict(fmt::format("only a failed message can be retried (state: {})",
                                               MessageStateName(message->state)));
        }
        if (message->attempts == 0) {
            return Error::Conflict("the message was never composed in full and cannot be retried: " +
                                   message->last_error.value_or(""));
        }
        // The message's history, in the organisation's language.
        const std::string history =
            Say(language,
                SingularCount(language, message->attempts) ? Text::kMessageRetriedAfterOne
                                                           : Text::kMessageRetriedAfterMany,
                message->attempts, message->last_error.value_or(Say(language, Text::kNoError)));
        tx.Execute(sql::kMessageRetry, {Param(id), Param(now), Param(history)});
        return *FindMessage(tx, id);
    });
}

}  // namespace voronka::messaging
