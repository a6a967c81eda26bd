#include "messaging/outbox.hpp"

#include <algorithm>
#include <limits>

#include "core/text.hpp"
#include "messaging_sql.hpp"

namespace voronka::messaging {
namespace {

using store::Param;

// Cuts `text` to kMaxErrorLength characters without splitting a UTF-8 sequence.
std::string ErrorText(std::string_view text) {
    std::size_t i = 0;
    std::size_t count = 0;
    while (i < text.size() && count < kMaxErrorLength) {
        NextCodePoint(text, i);
        ++count;
    }
    return std::string(text.substr(0, i));
}

std::optional<std::string> RecordTypeText(const std::optional<crm::RecordType>& type) {
    if (!type) return std::nullopt;
    return std::string(crm::RecordTypeName(*type));
}

bool ApplyOne(store::Transaction& tx, const Completion& c, UnixTime now, const BackoffPolicy& policy) {
    using Outcome = DeliveryResult::Outcome;
    const store::Value id = Param(c.message_id);
    const store::Value attempt = Param(c.attempt);
    switch (c.result.outcome) {
        case Outcome::kSent: {
            const std::optional<std::string> provider_id =
                c.result.provider_id.empty() ? std::nullopt : std::optional(c.result.provider_id);
            return tx.Execute(sql::kMessageCompleteSent, {id, attempt, Param(provider_id), Param(now)}) > 0;
        }
        case Outcome::kTemporary:
            if (MayRetry(c.attempt, policy)) {
                const UnixTime due =
                    now + RetryDelaySeconds(c.attempt + 1, JitterOf(c.message_id, c.attempt), policy);
                return tx.Execute(sql::kMessageCompleteRetry,
                                  {id, attempt, Param(due), Param(ErrorText(c.result.error)), Param(now)}) >
                       0;
            }
            [[fallthrough]];
        case Outcome::kPermanent:
            return tx.Execute(sql::kMessageCompleteFailed,
                              {id, attempt, Param(ErrorText(c.result.error)), Param(now)}) > 0;
    }
    return false;
}

}  // namespace

Message MessageFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Message m;
        m.id = r.Int();
        m.channel = ParseChannel(r.Text()).value_or(Channel::kSms);
        if (const auto type = r.OptText()) m.record_type = crm::ParseRecordType(*type);
        m.record_id = r.OptInt();
        m.owner_id = r.OptInt();
        m.rule_id = r.OptInt();
        m.run_id = r.OptInt();
        m.template_id = r.OptInt();
        m.recipient = r.Text();
        m.subject = r.OptText();
        m.body = r.Text();
        m.html = r.OptText();
        m.payload = r.OptText();
        m.headers = r.OptText();
        m.state = ParseMessageState(r.Text()).value_or(MessageState::kFailed);
        m.attempts = static_cast<int>(r.Int());
        m.next_attempt_at = r.Int();
        m.last_error = r.OptText();
        m.provider_id = r.OptText();
        m.created_at = r.Int();
        m.updated_at = r.Int();
        m.sent_at = r.OptInt();
        return m;
    });
}

std::int64_t Enqueue(store::Transaction& tx, const NewMessage& message, UnixTime now) {
    const MessageState state = message.failure ? MessageState::kFailed : MessageState::kQueued;
    const std::optional<std::string> error =
        message.failure ? std::optional(ErrorText(*message.failure)) : std::nullopt;
    return tx.Insert(
        sql::kMessageInsert,
        {Param(ChannelName(message.channel)), Param(RecordTypeText(message.record_type)),
         Param(message.record_id), Param(message.owner_id), Param(message.rule_id), Param(message.run_id),
         Param(message.template_id), Param(message.recipient), Param(message.subject), Param(message.body),
         Param(message.html), Param(message.payload), Param(message.headers), Param(MessageStateName(state)),
         Param(now), Param(error)});
}

std::vector<Message> Claim(store::Database& db, int max, UnixTime now, std::int64_t lease_seconds) {
    if (max <= 0) return {};
    return db.Write([&](store::Transaction& tx) {
        std::vector<Message> claimed;
        const UnixTime until = now + lease_seconds;
        for (const auto& row : tx.Fetch(sql::kMessageClaimExpired, {Param(now), Param(until), Param(max)}))
            claimed.push_back(MessageFromRow(row));
        const int left = max - static_cast<int>(claimed.size());
        if (left > 0) {
            for (const auto& row : tx.Fetch(sql::kMessageClaimDue, {Param(now), Param(until), Param(left)}))
                claimed.push_back(MessageFromRow(row));
        }
        std::sort(claimed.begin(), claimed.end(),
                  [](const Message& a, const Message& b) { return a.id < b.id; });
        return claimed;
    });
}

int Complete(store::Database& db, std::span<const Completion> completions, UnixTime now,
             const BackoffPolicy& policy) {
    if (completions.empty()) return 0;
    return db.Write([&](store::Transaction& tx) {
        int applied = 0;
        for (const auto& c : completions) applied += ApplyOne(tx, c, now, policy) ? 1 : 0;
        return applied;
    });
}

bool Complete(store::Database& db, std::int64_t message_id, int attempt, const DeliveryResult& result,
              UnixTime now, const BackoffPolicy& policy) {
    const Completion one{.message_id = message_id, .attempt = attempt, .result = result};
    return Complete(db, std::span(&one, 1), now, policy) == 1;
}

int Release(store::Database& db, std::span<const Completion> claimed, UnixTime now) {
    if (claimed.empty()) return 0;
    return db.Write([&](store::Transaction& tx) {
        int applied = 0;
        for (const auto& c : claimed) {
            applied +=
                tx.Execute(sql::kMessageRelease, {Param(c.message_id), Param(c.attempt), Param(now)}) > 0;
        }
        return applied;
    });
}

std::optional<Message> FindMessage(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kMessageGet, {Param(id)});
    if (!row) return std::nullopt;
    return MessageFromRow(*row);
}

}  // namespace voronka::messaging
