// The outbox: messages written in the transaction of the change that decided them, claimed by
// delivery workers under a lease, and completed with what the transport answered. Owned by
// messaging. Stateless functions over the Database (thread-safe); the schema is the `messages`
// table of migration 0003.
//
// States: queued -> sending -> sent | retrying | failed, and retrying -> sending again when due.
// A `sending` row whose lease (claimed_until) has passed was interrupted (a crash, a stuck worker)
// and is claimed again; its earlier attempt may have reached the peer, so such a message can be
// delivered twice. A `sent` row is never claimed again.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "messaging/backoff.hpp"
#include "messaging/message.hpp"
#include "store/database.hpp"

namespace voronka::messaging {

// What a writer sets on a new message; the outbox sets state, attempts and times.
struct NewMessage {
    Channel channel = Channel::kSms;
    std::optional<crm::RecordType> record_type;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> owner_id;  // the record's owner now (visibility); none: admins only
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> run_id;
    std::optional<std::int64_t> template_id;
    std::string recipient;
    std::optional<std::string> subject;
    std::string body;
    std::optional<std::string> html;
    std::optional<std::string> payload;
    std::optional<std::string> headers;
    // When set, the message could not be made (a template value missing, a record without a phone
    // or e-mail): it is written as `failed` with this as last_error, visible and never sent.
    std::optional<std::string> failure;
};

// Writes `message` in the caller's transaction, due at `now`, and answers its id. Throws DbError
// like any statement (e.g. a foreign key to a missing rule).
std::int64_t Enqueue(store::Transaction& tx, const NewMessage& message, UnixTime now);

// Claims up to `max` messages for delivery in one write transaction: first `sending` rows whose
// lease expired, then `queued`/`retrying` rows due by `now` (oldest due first). Each becomes
// `sending` with attempts + 1 and a lease until now + lease_seconds. On PostgreSQL rows locked by
// another claimer are skipped, so concurrent claimers (threads or processes) get disjoint sets.
// Answers the claimed messages as they are now (attempts counted), in id order.
std::vector<Message> Claim(store::Database& db, int max, UnixTime now, std::int64_t lease_seconds);

// One finished delivery attempt: the message and the attempt count it was claimed with.
struct Completion {
    std::int64_t message_id = 0;
    int attempt = 0;
    DeliveryResult result;
};

// Records the outcome of attempts, all in one write transaction: sent -> `sent` with provider_id
// and sent_at; temporary -> `retrying` due after RetryDelaySeconds (or `failed` once the policy's
// max_attempts are spent); permanent -> `failed`. Each applies only while its row is still
// `sending` with the same attempt count, so a worker whose lease expired and whose message was
// claimed again cannot overwrite the newer attempt. Answers how many applied.
int Complete(store::Database& db, std::span<const Completion> completions, UnixTime now,
             const BackoffPolicy& policy = {});
// Complete for one attempt; answers whether it applied.
bool Complete(store::Database& db, std::int64_t message_id, int attempt, const DeliveryResult& result,
              UnixTime now, const BackoffPolicy& policy = {});

// Gives claimed messages that were never handed to the transport back to the queue, due at
// `now`, with their attempt uncounted (a worker stopping with a backlog). Like Complete, applies
// only while each row is `sending` with the given attempt count. Answers how many applied.
int Release(store::Database& db, std::span<const Completion> claimed, UnixTime now);

// The message with this id regardless of visibility (the system's own view), if it exists.
std::optional<Message> FindMessage(store::Transaction& tx, std::int64_t id);

// A Message from a row selected with the column list of the message_*.sql statements (id,
// channel, record_type, ..., sent_at: the columns of Message in declaration order). When a column
// is added, change every message_*.sql select and this function together; a select of another
// width throws std::logic_error when read (store::ReadRow).
Message MessageFromRow(const store::Row& row);

// The longest last_error kept, in characters; longer errors are cut.
inline constexpr std::size_t kMaxErrorLength = 1000;

}  // namespace voronka::messaging
