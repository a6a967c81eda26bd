#include "telephony/call.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

namespace voronka::telephony {
namespace {

constexpr UnixTime kT0 = 1718010800;  // 2024-06-10T09:13:20Z

CallEvent Event(CallEventKind kind, UnixTime at, std::string extension = "",
                EndReason reason = EndReason::kNone) {
    return CallEvent{.pbx_id = 1,
                     .pbx_call_id = "FM0CF0I1UC000043",
                     .kind = kind,
                     .at = at,
                     .direction = CallDirection::kIn,
                     .from = "+79161234567",
                     .to = "+74951234567",
                     .extension = std::move(extension),
                     .end_reason = reason};
}

CallState Fold(const std::vector<CallEvent>& events) {
    CallState state;
    for (const auto& e : events) state = Apply(state, e);
    return state;
}

// Every permutation of `events` folds to the same state (indices permuted, so duplicate events
// in a fixture are permuted too).
void ExpectOrderDoesNotMatter(const std::vector<CallEvent>& events) {
    const CallState expected = Fold(events);
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    int permutations = 0;
    do {
        CallState state;
        for (const auto i : order) state = Apply(state, events[i]);
        ASSERT_EQ(state, expected) << "permutation " << permutations;
        ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    EXPECT_GT(permutations, 1);
}

const std::vector<CallEvent> kAnsweredInbound{
    Event(CallEventKind::kStarted, kT0, "101"),
    Event(CallEventKind::kAnswered, kT0 + 12, "102"),
    Event(CallEventKind::kEnded, kT0 + 107),
    Event(CallEventKind::kRecordingReady, kT0 + 140),
};

TEST(CallFold, AnsweredInboundCallHasTalkAndDuration) {
    const CallState state = Fold(kAnsweredInbound);
    EXPECT_EQ(StatusOf(state), CallStatus::kAnswered);
    EXPECT_EQ(DurationOf(state), 107);
    EXPECT_EQ(TalkOf(state), 95);
    EXPECT_TRUE(state.has_recording);
    EXPECT_EQ(state.extension, "102") << "the extension of the answer names who talked";
    EXPECT_EQ(ClientNumberOf(state), "+79161234567");
    EXPECT_FALSE(IsMissedInbound(state));
}

TEST(CallFold, EveryOrderOfAnAnsweredCallGivesTheSameCall) {
    ExpectOrderDoesNotMatter(kAnsweredInbound);
}

TEST(CallFold, EveryOrderWithReplaysAndDisagreeingEventsGivesTheSameCall) {
    std::vector<CallEvent> events = kAnsweredInbound;
    events.push_back(Event(CallEventKind::kAnswered, kT0 + 12, "102"));  // replayed
    events.push_back(Event(CallEventKind::kAnswered, kT0 + 15, "103"));  // a second answer
    events.push_back(Event(CallEventKind::kEnded, kT0 + 110, "", EndReason::kNoAnswer));
    ExpectOrderDoesNotMatter(events);
    const CallState state = Fold(events);
    EXPECT_EQ(*state.answered_at, kT0 + 12);
    EXPECT_EQ(*state.ended_at, kT0 + 110);
    EXPECT_EQ(state.extension, "102");
    EXPECT_EQ(StatusOf(state), CallStatus::kAnswered);
}

TEST(CallFold, AReplayedEventChangesNothing) {
    CallState state;
    for (const auto& e : kAnsweredInbound) {
        state = Apply(state, e);
        EXPECT_EQ(Apply(state, e), state) << CallEventKindName(e.kind);
    }
}

TEST(CallFold, MissedBusyAndFailedFollowTheEnd) {
    const std::vector<CallEvent> missed{Event(CallEventKind::kStarted, kT0, "101"),
                                        Event(CallEventKind::kEnded, kT0 + 30, "", EndReason::kNoAnswer)};
    ExpectOrderDoesNotMatter(missed);
    EXPECT_EQ(StatusOf(Fold(missed)), CallStatus::kMissed);
    EXPECT_TRUE(IsMissedInbound(Fold(missed)));
    EXPECT_EQ(DurationOf(Fold(missed)), 30);
    EXPECT_EQ(TalkOf(Fold(missed)), 0);

    const std::vector<CallEvent> busy{Event(CallEventKind::kStarted, kT0),
                                      Event(CallEventKind::kEnded, kT0 + 3, "", EndReason::kBusy),
                                      Event(CallEventKind::kEnded, kT0 + 3, "", EndReason::kNoAnswer)};
    ExpectOrderDoesNotMatter(busy);
    EXPECT_EQ(StatusOf(Fold(busy)), CallStatus::kBusy);
    EXPECT_FALSE(IsMissedInbound(Fold(busy)));

    EXPECT_EQ(StatusOf(Fold({Event(CallEventKind::kEnded, kT0, "", EndReason::kFailed)})),
              CallStatus::kFailed);
    EXPECT_EQ(StatusOf(Fold({Event(CallEventKind::kStarted, kT0)})), CallStatus::kRinging);
}

TEST(CallFold, AnEndBeforeTheAnswerStillCountsTheAnswer) {
    // The end arrived first: the call is answered as soon as the answer arrives, and its start
    // is the earliest event seen.
    CallState state = Apply({}, Event(CallEventKind::kEnded, kT0 + 60));
    EXPECT_EQ(StatusOf(state), CallStatus::kMissed);
    state = Apply(state, Event(CallEventKind::kAnswered, kT0 + 10, "101"));
    state = Apply(state, Event(CallEventKind::kStarted, kT0));
    EXPECT_EQ(StatusOf(state), CallStatus::kAnswered);
    EXPECT_EQ(DurationOf(state), 60);
    EXPECT_EQ(TalkOf(state), 50);
}

TEST(CallFold, OutboundCallsNameTheirClientByTo) {
    CallEvent e = Event(CallEventKind::kAnswered, kT0, "101");
    e.direction = CallDirection::kOut;
    e.from = "+74951234567";
    e.to = "+79161234567";
    const CallState state = Apply(Apply({}, e), Event(CallEventKind::kEnded, kT0 + 5));
    EXPECT_EQ(*state.direction, CallDirection::kOut) << "outbound wins a disagreement";
    EXPECT_EQ(ClientNumberOf(state), "+74951234567") << "the smaller of two disagreeing numbers";
    EXPECT_TRUE(IsAnsweredOutbound(Apply({}, e)));
}

TEST(CallNames, RoundTrip) {
    for (auto k : {CallEventKind::kStarted, CallEventKind::kAnswered, CallEventKind::kEnded,
                   CallEventKind::kRecordingReady}) {
        EXPECT_EQ(ParseCallEventKind(CallEventKindName(k)), k);
    }
    for (auto s : {CallStatus::kRinging, CallStatus::kAnswered, CallStatus::kMissed, CallStatus::kBusy,
                   CallStatus::kFailed}) {
        EXPECT_EQ(ParseCallStatus(CallStatusName(s)), s);
    }
    EXPECT_EQ(ParseCallDirection("out"), CallDirection::kOut);
    EXPECT_FALSE(ParseCallDirection("OUT"));
    EXPECT_FALSE(ParseEndReason(""));
    EXPECT_EQ(ParseEndReason("busy"), EndReason::kBusy);
}

TEST(CallSight, ManagersSeeTheirOwnHeadsTheirDepartmentAdminsAll) {
    const store::Scope admin{.all = true, .user_id = 1, .department_id = std::nullopt};
    const store::Scope head{.all = false, .user_id = 2, .department_id = 10};
    const store::Scope manager{.all = false, .user_id = 3, .department_id = std::nullopt};
    EXPECT_TRUE(SeesCall(manager, 3, 10, 10));
    EXPECT_FALSE(SeesCall(manager, 4, 10, 10));
    EXPECT_TRUE(SeesCall(head, 3, 10, 20));
    EXPECT_FALSE(SeesCall(head, 5, 20, 10)) << "another department's manager, even on our PBX";
    EXPECT_TRUE(SeesCall(admin, 5, 20, 10));
    // no user: admins and the head of the PBX's department only
    EXPECT_TRUE(SeesCall(admin, std::nullopt, std::nullopt, std::nullopt));
    EXPECT_TRUE(SeesCall(head, std::nullopt, std::nullopt, 10));
    EXPECT_FALSE(SeesCall(head, std::nullopt, std::nullopt, 20));
    EXPECT_FALSE(SeesCall(manager, std::nullopt, std::nullopt, 10));
    EXPECT_FALSE(SeesCall(head, std::nullopt, std::nullopt, std::nullopt));
}

}  // namespace
}  // namespace voronka::telephony
