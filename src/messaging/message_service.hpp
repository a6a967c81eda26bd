// The outbox as people see it: listing and reading messages, and an admin's retry of a failed
// one. Owned by messaging. Thread-safe (stateless over the Database).
//
// Visibility: a message follows the record visibility rule through its record's owner now (a
// manager sees their own, a head their department's, an admin all), or through owner_id when it
// has no record; a message with neither is seen by admins only. A message out of sight answers
// NotFound.
#pragma once

#include <cstdint>
#include <optional>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "messaging/message.hpp"
#include "store/database.hpp"

namespace voronka::messaging {

struct MessageFilter {
    std::optional<MessageState> state;
    std::optional<Channel> channel;
    std::optional<crm::RecordType> record_type;  // with record_id
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> rule_id;
};

class MessageService {
public:
    MessageService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Visible messages matching `filter`, newest (highest id) first. The page continues below
    // the id of page's cursor (order "messages") when it is set; 422 on a cursor of another list.
    // Validation (field record_id / record_type) when only one of record_type and record_id is set.
    Result<Page<Message>> List(const auth::Principal& principal, const MessageFilter& filter,
                               const PageRequest& page);

    // NotFound when missing or out of sight.
    Result<Message> Get(const auth::Principal& principal, std::int64_t id);

    // Puts a failed message back in the queue, due now, with a fresh count of attempts; the
    // attempts made and the last error stay in last_error. Forbidden unless admin; NotFound when
    // missing; Conflict unless the message is `failed`, and for a message that failed before any
    // attempt (it was never complete: a missing template value or recipient).
    Result<Message> Retry(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::messaging
