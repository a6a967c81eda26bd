// Ingestion of call events: checking a PBX's signature, and folding one event into its call in
// one write transaction, with everything the call implies (its user, the records it belongs to,
// the call-back task of a missed call, the completion of call-back tasks by a call made). Owned by
// telephony; called by the api's PBX webhooks. Thread-safe (stateless over the Database).
//
// Rules (docs/telephony.md):
//   - the call is found or created by (pbx_id, pbx_call_id) and its state is Apply(state, event)
//     (telephony/call.hpp); when that changes nothing (a replay), nothing is written at all;
//   - the extension maps to the active user with that users.phone_extension; an extension that
//     maps to nobody keeps the call with no user and flagged_unknown_extension;
//   - the client number (from of inbound, to of outbound) links the call to the contacts with that
//     phone, their companies, their open deals and leads (sql/call_matches.sql);
//   - an inbound call that becomes missed gets a call task «Перезвонить» on the first matched
//     contact (else company, else lead) for that record's owner, due kCallBackDelay after the end;
//     a missed call that turns out answered (a late event) completes its task;
//   - an answered outbound call completes the open call-back tasks of its number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/settings_service.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "store/database.hpp"
#include "telephony/call.hpp"

namespace voronka::telephony {

// How long after a missed call ended its call-back task is due. A constant for now (the
// settings are a fixed struct with their own API; a setting is the next slice's).
inline constexpr UnixTime kCallBackDelay = 15 * 60;
// The subject of a call-back task, and the result a call made writes on it.
inline constexpr std::string_view kCallBackSubject = "Перезвонить";
inline constexpr std::string_view kCalledBackResult = "Перезвонили";
inline constexpr std::string_view kAnsweredLateResult = "Звонок был принят";

// A call event as a PBX wrote it, before its numbers are checked.
struct IncomingEvent {
    std::string pbx_call_id;
    CallEventKind kind = CallEventKind::kStarted;
    UnixTime at = 0;
    std::optional<CallDirection> direction;
    std::string from;  // any written form of a phone number; "" when absent
    std::string to;
    std::string extension;
    EndReason end_reason = EndReason::kNone;
};

// The CallEvent of `incoming` from PBX `pbx_id`: numbers normalised to E.164 with
// `default_region`. Validation naming call_id (empty, over 200 bytes or control characters),
// from / to (not a valid phone number), extension (over 50 bytes), direction (a call_started
// event without it), end_reason (on an event other than call_ended). Pure.
Result<CallEvent> CheckEvent(std::int64_t pbx_id, const IncomingEvent& incoming,
                             std::string_view default_region);

// The lowercase-hex comparison of a signature header with the expected one, in constant time for
// equal lengths. Pure.
bool SignatureMatches(std::string_view expected, std::string_view given);

struct IngestOutcome {
    std::int64_t call_id = 0;
    bool changed = false;  // false: a replay, nothing was written
    CallStatus status = CallStatus::kRinging;
    std::optional<std::int64_t> callback_task_id;
};

class CallIngestion {
public:
    CallIngestion(store::Database& db, const Clock& clock) : db_(db), clock_(clock), settings_(db) {}

    // Unauthenticated (one message for every case) unless the PBX exists, is active and
    // `signature` is "sha256=" + the hex HMAC-SHA256 of `body` keyed with its secret
    // (messaging::WebhookSignature).
    Status Authenticate(std::int64_t pbx_id, std::string_view signature, std::string_view body);

    // Folds `incoming` into its call as the header says. Validation as CheckEvent;
    // Unauthenticated when the PBX vanished or was deactivated meanwhile. Nothing is written on
    // an error.
    Result<IngestOutcome> Ingest(std::int64_t pbx_id, const IncomingEvent& incoming);

private:
    store::Database& db_;
    const Clock& clock_;
    auth::SettingsService settings_;
};

}  // namespace voronka::telephony
