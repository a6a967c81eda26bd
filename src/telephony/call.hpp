// Calls as Voronka keeps them, whatever PBX reported them: one internal event model (CallEvent),
// the state of a call (CallState) and the pure fold that turns events into that state. Owned by
// telephony; every PBX adapter (Voronka's own webhook now; MegaFon-family, Mango Office,
// Zadarma, Asterisk AMI later) translates its protocol into CallEvents and nothing else. Pure
// functions over value types; thread-safe.
//
// The fold is a join: every field of CallState merges by an operation that is commutative,
// associative and idempotent (earliest time, latest time, logical or, the larger of two ranked
// values), so that
//   - a replayed event changes nothing: Apply(Apply(s, e), e) == Apply(s, e);
//   - events out of order give the same call: every permutation of a call's events folds to the
//     same CallState (call_test.cpp folds every permutation of recorded fixtures).
// The status and the lengths are derived from the merged fields (StatusOf, DurationOf, TalkOf),
// never merged themselves.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "store/scope.hpp"

namespace voronka::telephony {

enum class CallDirection { kIn, kOut };
// started: the call appeared (ringing or dialling); answered: someone picked up; ended: hung up;
// recording_ready: the PBX has a recording of the call.
enum class CallEventKind { kStarted, kAnswered, kEnded, kRecordingReady };
// How a call ended when nobody answered, as far as the PBX says. Ranked: when two ended events
// disagree, the larger wins (kFailed > kBusy > kNoAnswer > kNone).
enum class EndReason { kNone = 0, kNoAnswer = 1, kBusy = 2, kFailed = 3 };
// ringing: started, not answered, not ended; the others as the issue has them.
enum class CallStatus { kRinging, kAnswered, kMissed, kBusy, kFailed };

std::string_view CallDirectionName(CallDirection d);  // "in" | "out"
std::optional<CallDirection> ParseCallDirection(std::string_view text);
// "call_started" | "call_answered" | "call_ended" | "recording_ready"
std::string_view CallEventKindName(CallEventKind k);
std::optional<CallEventKind> ParseCallEventKind(std::string_view text);
std::string_view EndReasonName(EndReason r);                     // "" | "no_answer" | "busy" | "failed"
std::optional<EndReason> ParseEndReason(std::string_view text);  // "" is not accepted
std::string_view CallStatusName(CallStatus s);  // "ringing" | "answered" | "missed" | "busy" | "failed"
std::optional<CallStatus> ParseCallStatus(std::string_view text);

// One event of one call from one PBX, already checked (numbers in E.164, times parsed).
struct CallEvent {
    std::int64_t pbx_id = 0;
    std::string pbx_call_id;  // the PBX's id of the call, unique per PBX
    CallEventKind kind = CallEventKind::kStarted;
    UnixTime at = 0;
    std::optional<CallDirection> direction;
    std::string from;                         // E.164, "" when the event does not say
    std::string to;                           // E.164, "" when the event does not say
    std::string extension;                    // the employee's PBX extension, "" when the event does not say
    EndReason end_reason = EndReason::kNone;  // ended events only
};

// What the events of one call tell so far. A default CallState is the call before any event.
struct CallState {
    std::optional<CallDirection> direction;  // when events disagree: kOut (outbound wins)
    std::string from;                        // when events disagree: the smaller text
    std::string to;                          // when events disagree: the smaller text
    // The extension of an answered event when there is one (who talked), else of any other event;
    // when events of the same rank disagree: the smaller text.
    std::string extension;
    bool extension_answered = false;      // `extension` came from an answered event
    std::optional<UnixTime> started_at;   // the earliest time of any event
    std::optional<UnixTime> answered_at;  // the earliest answered event
    std::optional<UnixTime> ended_at;     // the latest ended event
    EndReason end_reason = EndReason::kNone;
    bool has_recording = false;

    friend bool operator==(const CallState&, const CallState&) = default;
};

// The state after `event`. Pure; idempotent and order-insensitive as the header says.
CallState Apply(CallState state, const CallEvent& event);

// answered when any answered event came; else ringing until an ended event; then busy or failed
// when the PBX said so, else missed.
CallStatus StatusOf(const CallState& state);
// Seconds from the start to the end, 0 before the end.
std::int64_t DurationOf(const CallState& state);
// Seconds from the answer to the end, 0 when not answered or not ended.
std::int64_t TalkOf(const CallState& state);

// The client's number of a call: `from` of an inbound call, `to` of an outbound one; "" when the
// direction is unknown.
std::string ClientNumberOf(const CallState& state);

// A missed inbound call: the one that asks for a call-back task.
bool IsMissedInbound(const CallState& state);
// An answered outbound call: the one that completes the call-back task of its number.
bool IsAnsweredOutbound(const CallState& state);

// The visibility of calls, stated once (the SQL twin is the fragment `sees_call` of
// telephony/calls.fragments.sql; Backends/CallSightAgrees compares them): a call with a user is
// seen as that user's own record (auth::Sees: the user, their department's head, admins); a call
// with no user (an unknown extension, a call nobody took) by admins and by the head of the PBX's
// department (`pbx_department`).
bool SeesCall(const store::Scope& scope, std::optional<std::int64_t> user_id,
              std::optional<std::int64_t> user_department, std::optional<std::int64_t> pbx_department);

}  // namespace voronka::telephony
