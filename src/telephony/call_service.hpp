// Calls as people see them: the list with its filters and one call with the records it belongs
// to. Owned by telephony. Thread-safe (stateless over the Database).
//
// Visibility (SeesCall, telephony/call.hpp; the SQL fragment sees_call): a call with a user is
// that user's record under the house rule; a call with no user is seen by admins and the head of
// the PBX's department. A call out of sight answers NotFound and is never listed or counted;
// cursors carry (started_at, id) of the last row shown, never an id to look up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"
#include "telephony/call.hpp"

namespace voronka::telephony {

struct CallLink {
    crm::RecordType record_type = crm::RecordType::kContact;
    std::int64_t record_id = 0;
};

struct Call {
    std::int64_t id = 0;
    std::int64_t pbx_id = 0;
    std::string pbx_call_id;
    std::optional<CallDirection> direction;
    std::string from;  // E.164, "" when no event said
    std::string to;
    std::string extension;
    std::optional<std::int64_t> user_id;
    bool flagged_unknown_extension = false;
    UnixTime started_at = 0;
    std::optional<UnixTime> answered_at;
    std::optional<UnixTime> ended_at;
    CallStatus status = CallStatus::kRinging;
    std::int64_t duration_s = 0;
    std::int64_t talk_s = 0;
    bool has_recording = false;
    std::optional<std::int64_t> callback_task_id;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    std::vector<CallLink> links;  // filled by Get only
};

struct CallFilter {
    std::optional<std::int64_t> user_id;
    std::optional<CallDirection> direction;
    std::optional<CallStatus> status;
    std::optional<UnixTime> from;                // started at or after
    std::optional<UnixTime> to;                  // started before
    std::optional<crm::RecordType> record_type;  // with record_id: calls linked to the record
    std::optional<std::int64_t> record_id;
    std::optional<bool> has_recording;
};

class CallService {
public:
    explicit CallService(store::Database& db) : db_(db) {}

    // Visible calls matching `filter`, newest first (started_at, then id, descending).
    // Validation naming record_id / record_type when only one is given, `to` when it is not after
    // `from`; 422 naming cursor for a cursor of another list.
    Result<Page<Call>> List(const auth::Principal& principal, const CallFilter& filter,
                            const PageRequest& page);

    // The call with its links. NotFound when missing or out of sight.
    Result<Call> Get(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
};

}  // namespace voronka::telephony
