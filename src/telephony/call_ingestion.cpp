#include "telephony/call_ingestion.hpp"

#include <sodium.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/phone.hpp"
#include "crm/model.hpp"
#include "crm/tasks_hooks.hpp"
#include "messaging/webhook.hpp"
#include "telephony_sql.hpp"

namespace voronka::telephony {
namespace {

using store::Param;

constexpr std::size_t kMaxCallId = 200;
constexpr std::size_t kMaxExtension = 50;

bool HasControl(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

Result<std::string> CheckNumber(const std::string& text, std::string_view region, std::string_view field) {
    if (text.empty()) return std::string();
    return NormalizePhone(text, region, field);
}

Error PbxRefused() {
    return Error::Unauthenticated("unknown PBX or wrong signature");
}

// A call's row as sql/call_lock.*.sql reads it: the folded state and what ingestion derived.
struct StoredCall {
    std::int64_t id = 0;
    CallState state;
    std::optional<std::int64_t> user_id;
    bool flagged_unknown_extension = false;
    std::optional<std::int64_t> callback_task_id;
};

StoredCall StoredCallFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        StoredCall call;
        call.id = r.Int();
        if (const auto direction = r.OptText()) call.state.direction = ParseCallDirection(*direction);
        call.state.from = r.Text();
        call.state.to = r.Text();
        call.state.extension = r.Text();
        call.state.extension_answered = r.Bool();
        const UnixTime started_at = r.Int();
        call.state.answered_at = r.OptInt();
        call.state.ended_at = r.OptInt();
        call.state.end_reason = ParseEndReason(r.Text()).value_or(EndReason::kNone);
        call.state.has_recording = r.Bool();
        call.user_id = r.OptInt();
        call.flagged_unknown_extension = r.Bool();
        call.callback_task_id = r.OptInt();
        call.state.started_at = started_at;
        return call;
    });
}

struct Match {
    crm::RecordType type = crm::RecordType::kContact;
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
};

std::vector<Match> MatchRecords(store::Transaction& tx, const std::string& client_key) {
    std::vector<Match> matches;
    if (client_key.empty()) return matches;
    for (const auto& row : tx.Fetch(sql::kCallMatches, {Param(client_key)})) {
        matches.push_back(store::ReadRow(row, [](store::RowReader& r) {
            r.Skip();  // kind_rank: the order only
            Match m;
            m.type = crm::ParseRecordType(r.Text()).value_or(crm::RecordType::kContact);
            m.id = r.Int();
            m.owner_id = r.Int();
            return m;
        }));
    }
    return matches;
}

// The record a call-back task goes on: the first contact, else company, else lead.
std::optional<Match> CallBackRecord(const std::vector<Match>& matches) {
    for (const auto type : {crm::RecordType::kContact, crm::RecordType::kCompany, crm::RecordType::kLead}) {
        for (const auto& m : matches) {
            if (m.type == type) return m;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<CallEvent> CheckEvent(std::int64_t pbx_id, const IncomingEvent& incoming,
                             std::string_view default_region) {
    if (incoming.pbx_call_id.empty() || incoming.pbx_call_id.size() > kMaxCallId ||
        HasControl(incoming.pbx_call_id)) {
        return Error::Validation("call_id must be 1 to 200 bytes without control characters", "call_id");
    }
    if (incoming.extension.size() > kMaxExtension || HasControl(incoming.extension)) {
        return Error::Validation("extension must be at most 50 bytes without control characters",
                                 "extension");
    }
    if (incoming.kind == CallEventKind::kStarted && !incoming.direction) {
        return Error::Validation("call_started needs a direction (in or out)", "direction");
    }
    if (incoming.kind != CallEventKind::kEnded && incoming.end_reason != EndReason::kNone) {
        return Error::Validation("end_reason belongs to call_ended only", "end_reason");
    }
    auto from = CheckNumber(incoming.from, default_region, "from");
    if (!from) return std::move(from).error();
    auto to = CheckNumber(incoming.to, default_region, "to");
    if (!to) return std::move(to).error();
    return CallEvent{.pbx_id = pbx_id,
                     .pbx_call_id = incoming.pbx_call_id,
                     .kind = incoming.kind,
                     .at = incoming.at,
                     .direction = incoming.direction,
                     .from = std::move(*from),
                     .to = std::move(*to),
                     .extension = incoming.extension,
                     .end_reason = incoming.end_reason};
}

bool SignatureMatches(std::string_view expected, std::string_view given) {
    if (expected.size() != given.size()) return false;
    return sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

Status CallIngestion::Authenticate(std::int64_t pbx_id, std::string_view signature, std::string_view body) {
    const auto key =
        db_.Read([&](store::Transaction& tx) { return tx.FetchOne(sql::kPbxKey, {Param(pbx_id)}); });
    // Compute the expected signature even for an unknown PBX, so that the answer takes as long.
    std::string secret = "unknown pbx: no secret matches";
    bool active = false;
    if (key) {
        store::ReadRow(*key, [&](store::RowReader& r) {
            secret = r.Text();
            active = r.Bool();
            r.Skip();  // department_id: Ingest's
            return 0;
        });
    }
    const bool matches = SignatureMatches(messaging::WebhookSignature(secret, body), signature);
    if (!key || !active || !matches) return PbxRefused();
    return Ok{};
}

Result<IngestOutcome> CallIngestion::Ingest(std::int64_t pbx_id, const IncomingEvent& incoming) {
    const auth::Settings settings = settings_.Get();
    auto checked = CheckEvent(pbx_id, incoming, settings.phone_region);
    if (!checked) return std::move(checked).error();
    const CallEvent event = std::move(*checked);
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<IngestOutcome> {
        const auto key = tx.FetchOne(sql::kPbxKey, {Param(pbx_id)});
        if (!key) return PbxRefused();
        const auto [active, pbx_department] = store::ReadRow(*key, [](store::RowReader& r) {
            r.Skip();  // secret: Authenticate's
            const bool is_active = r.Bool();
            return std::pair{is_active, r.OptInt()};
        });
        if (!active) return PbxRefused();
        const bool created =
            tx.Execute(sql::kCallClaim, {Param(pbx_id), Param(event.pbx_call_id), Param(pbx_department),
                                         Param(event.at), Param(now)}) > 0;
        StoredCall call =
            StoredCallFromRow(*tx.FetchOne(sql::kCallLock, {Param(pbx_id), Param(event.pbx_call_id)}));
        // A claimed row holds the empty state: its placeholder start is not a time any event told.
        const CallState before = created ? CallState{} : call.state;
        const CallState after = Apply(before, event);
        IngestOutcome outcome{.call_id = call.id,
                              .changed = created || after != before,
                              .status = StatusOf(after),
                              .callback_task_id = call.callback_task_id};
        if (!outcome.changed) return outcome;

        std::optional<std::int64_t> user_id;
        bool flagged = false;
        if (!after.extension.empty()) {
            const auto user =
                tx.FetchOne(sql::kCallUserByExtension, {Param(after.extension), Param(pbx_department)});
            if (user) {
                user_id = store::ReadRow(*user, [](store::RowReader& r) { return r.Int(); });
            } else {
                flagged = true;
            }
        }
        const std::string client_key = PhoneDigits(ClientNumberOf(after));
        const std::vector<Match> matches = MatchRecords(tx, client_key);
        for (const auto& m : matches) {
            tx.Execute(sql::kCallLinkInsert,
                       {Param(call.id), Param(crm::RecordTypeName(m.type)), Param(m.id)});
        }
        if (IsMissedInbound(after) && !call.callback_task_id) {
            if (const auto record = CallBackRecord(matches)) {
                crm::TaskFields fields;
                fields.kind = crm::TaskKind::kCall;
                fields.subject = std::string(kCallBackSubject);
                fields.due_at = after.ended_at.value_or(event.at) + kCallBackDelay;
                call.callback_task_id = crm::InsertTask(tx, record->type, record->id, record->owner_id,
                                                        fields, std::nullopt, now);
            }
        } else if (!IsMissedInbound(after) && IsMissedInbound(before) && call.callback_task_id) {
            crm::CompleteSeenDone(tx, *call.callback_task_id, kAnsweredLateResult, settings, now);
        }
        if (IsAnsweredOutbound(after) && !IsAnsweredOutbound(before) && !client_key.empty()) {
            for (const auto& row : tx.Fetch(sql::kCallOpenCallbacks, {Param(client_key)})) {
                const auto task_id = store::ReadRow(row, [](store::RowReader& r) { return r.Int(); });
                crm::CompleteSeenDone(tx, task_id, kCalledBackResult, settings, now);
            }
        }
        const std::optional<std::string> direction =
            after.direction ? std::optional<std::string>(CallDirectionName(*after.direction)) : std::nullopt;
        tx.Execute(sql::kCallUpdate,
                   {Param(call.id), Param(direction), Param(after.from), Param(after.to), Param(client_key),
                    Param(after.extension), Param(after.extension_answered), Param(user_id), Param(flagged),
                    Param(after.started_at.value_or(event.at)), Param(after.answered_at),
                    Param(after.ended_at), Param(EndReasonName(after.end_reason)),
                    Param(CallStatusName(StatusOf(after))), Param(DurationOf(after)), Param(TalkOf(after)),
                    Param(after.has_recording), Param(call.callback_task_id), Param(now)});
        outcome.callback_task_id = call.callback_task_id;
        return outcome;
    });
}

}  // namespace voronka::telephony
