#include "telephony/call.hpp"

#include <algorithm>

#include "auth/visibility.hpp"
#include "core/names.hpp"

namespace voronka::telephony {
namespace {

constexpr NameTable<CallDirection, 2> kDirections{{
    {CallDirection::kIn, "in"},
    {CallDirection::kOut, "out"},
}};
constexpr NameTable<CallEventKind, 4> kKinds{{
    {CallEventKind::kStarted, "call_started"},
    {CallEventKind::kAnswered, "call_answered"},
    {CallEventKind::kEnded, "call_ended"},
    {CallEventKind::kRecordingReady, "recording_ready"},
}};
constexpr NameTable<EndReason, 4> kReasons{{
    {EndReason::kNone, ""},
    {EndReason::kNoAnswer, "no_answer"},
    {EndReason::kBusy, "busy"},
    {EndReason::kFailed, "failed"},
}};
constexpr NameTable<CallStatus, 5> kStatuses{{
    {CallStatus::kRinging, "ringing"},
    {CallStatus::kAnswered, "answered"},
    {CallStatus::kMissed, "missed"},
    {CallStatus::kBusy, "busy"},
    {CallStatus::kFailed, "failed"},
}};

// The join of two texts where "" is "unknown": the known one, else the smaller.
void JoinText(std::string& into, const std::string& value) {
    if (value.empty()) return;
    if (into.empty() || value < into) into = value;
}

void JoinEarliest(std::optional<UnixTime>& into, UnixTime value) {
    into = into ? std::min(*into, value) : value;
}

}  // namespace

std::string_view CallDirectionName(CallDirection d) {
    return NameIn(kDirections, d);
}
std::optional<CallDirection> ParseCallDirection(std::string_view text) {
    return ValueIn(kDirections, text);
}
std::string_view CallEventKindName(CallEventKind k) {
    return NameIn(kKinds, k);
}
std::optional<CallEventKind> ParseCallEventKind(std::string_view text) {
    return ValueIn(kKinds, text);
}
std::string_view EndReasonName(EndReason r) {
    return NameIn(kReasons, r);
}
std::optional<EndReason> ParseEndReason(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return ValueIn(kReasons, text);
}
std::string_view CallStatusName(CallStatus s) {
    return NameIn(kStatuses, s);
}
std::optional<CallStatus> ParseCallStatus(std::string_view text) {
    return ValueIn(kStatuses, text);
}

CallState Apply(CallState state, const CallEvent& event) {
    if (event.direction) {
        // Outbound wins a disagreement: kOut > kIn, a join like the others.
        if (!state.direction || *event.direction == CallDirection::kOut) state.direction = event.direction;
    }
    JoinText(state.from, event.from);
    JoinText(state.to, event.to);
    if (!event.extension.empty()) {
        const bool answered = event.kind == CallEventKind::kAnswered;
        if (answered && !state.extension_answered) {
            state.extension = event.extension;
            state.extension_answered = true;
        } else if (answered == state.extension_answered) {
            JoinText(state.extension, event.extension);
        }
    }
    JoinEarliest(state.started_at, event.at);
    switch (event.kind) {
        case CallEventKind::kStarted: break;
        case CallEventKind::kAnswered: JoinEarliest(state.answered_at, event.at); break;
        case CallEventKind::kEnded:
            state.ended_at = state.ended_at ? std::max(*state.ended_at, event.at) : event.at;
            state.end_reason = std::max(state.end_reason, event.end_reason);
            break;
        case CallEventKind::kRecordingReady: state.has_recording = true; break;
    }
    return state;
}

CallStatus StatusOf(const CallState& state) {
    if (state.answered_at) return CallStatus::kAnswered;
    if (!state.ended_at) return CallStatus::kRinging;
    switch (state.end_reason) {
        case EndReason::kBusy: return CallStatus::kBusy;
        case EndReason::kFailed: return CallStatus::kFailed;
        case EndReason::kNone:
        case EndReason::kNoAnswer: break;
    }
    return CallStatus::kMissed;
}

std::int64_t DurationOf(const CallState& state) {
    if (!state.ended_at || !state.started_at) return 0;
    return std::max<std::int64_t>(0, *state.ended_at - *state.started_at);
}

std::int64_t TalkOf(const CallState& state) {
    if (!state.ended_at || !state.answered_at) return 0;
    return std::max<std::int64_t>(0, *state.ended_at - *state.answered_at);
}

std::string ClientNumberOf(const CallState& state) {
    if (!state.direction) return "";
    return *state.direction == CallDirection::kIn ? state.from : state.to;
}

bool IsMissedInbound(const CallState& state) {
    return state.direction == CallDirection::kIn && StatusOf(state) == CallStatus::kMissed;
}

bool IsAnsweredOutbound(const CallState& state) {
    return state.direction == CallDirection::kOut && StatusOf(state) == CallStatus::kAnswered;
}

bool SeesCall(const store::Scope& scope, std::optional<std::int64_t> user_id,
              std::optional<std::int64_t> user_department, std::optional<std::int64_t> pbx_department) {
    if (user_id) return auth::Sees(scope, *user_id, user_department);
    if (scope.all) return true;
    return pbx_department && scope.department_id && *pbx_department == *scope.department_id;
}

}  // namespace voronka::telephony
