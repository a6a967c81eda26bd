#include "automation/decisions.hpp"

#include <gtest/gtest.h>

namespace voronka::automation {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kSales = 1;
constexpr std::int64_t kPurchasing = 2;
constexpr UnixTime kNow = 100000;

// A deal of owner 3 in Sales, at stage 3 since 2000, with an open task 77 due at 20000.
Json Facts() {
    return Json{{"owner_id", 3}, {"department_id", kSales},
                {"stage_id", 3}, {"stage_entered_at", 2000},
                {"amount", 500}, {"open_tasks", Json::array({{{"id", 77}, {"due_at", 20000}}})}};
}

const Json kStageGuard = {{"stage_id", 3}, {"entered_at", 2000}};
const Json kLeftStageGuard = {{"stage_id", 4}, {"entered_at", 2000}};

Rule StageRule(std::int64_t delay_seconds = 0) {
    Rule rule;
    rule.id = 7;
    rule.trigger.type = TriggerType::kStageEntered;
    rule.delay_seconds = delay_seconds;
    return rule;
}

Condition AmountAbove(std::int64_t amount) {
    return Condition{.field = "amount", .op = ConditionOp::kGt, .value = amount};
}

Sight Everything() {
    return Sight{.scope = store::Scope::Everything()};
}

Sight DepartmentOf(std::int64_t department) {
    return Sight{.scope = store::Scope{.all = false, .user_id = 42, .department_id = department}};
}

// Facts that count how often they were asked for.
struct CountedFacts {
    std::optional<Json> facts;
    int asked = 0;
    FactsFn Fn() {
        return [this]() -> const std::optional<Json>& {
            ++asked;
            return facts;
        };
    }
};

FiringDecision Decide(const Rule& rule, const Firing& firing, const Sight& sight, int depth,
                      std::optional<Json> facts) {
    CountedFacts counted{.facts = std::move(facts)};
    return DecideFiring(rule, firing, sight, depth, kNow, counted.Fn());
}

// --- DecideFiring ------------------------------------------------------------------------------

TEST(DecideFiring, ALaterFiringBecomesAJobWithoutLookingAtTheRecord) {
    CountedFacts facts;  // deleted: it would matter if asked
    const auto decision =
        DecideFiring(StageRule(3600), Firing{.due_at = kNow + 3600, .guard = kLeftStageGuard}, Everything(),
                     0, kNow, facts.Fn());
    EXPECT_EQ(decision.verdict, FiringVerdict::kWriteJob);
    EXPECT_EQ(facts.asked, 0) << "an organisation-wide rule due later is checked when due";
}

TEST(DecideFiring, ADepartmentsRuleIgnoresRecordsOutsideItsScopeOrDeleted) {
    const Firing firing{.due_at = kNow + 60};
    EXPECT_EQ(Decide(StageRule(), firing, DepartmentOf(kPurchasing), 0, Facts()).verdict,
              FiringVerdict::kIgnore);
    EXPECT_EQ(Decide(StageRule(), firing, DepartmentOf(kPurchasing), 0, std::nullopt).verdict,
              FiringVerdict::kIgnore);
    EXPECT_EQ(Decide(StageRule(), firing, DepartmentOf(kSales), 0, Facts()).verdict,
              FiringVerdict::kWriteJob);
}

TEST(DecideFiring, ARefusedSightIsLoggedWithItsReasonButOnlyForRecordsInScope) {
    Sight refused = DepartmentOf(kSales);
    refused.refusal = Text::kRunAuthorNotHead;
    const Firing firing{.due_at = kNow};
    const auto decision = Decide(StageRule(), firing, refused, 0, Facts());
    EXPECT_EQ(decision.verdict, FiringVerdict::kRefuse);
    EXPECT_EQ(decision.reason, Text::kRunAuthorNotHead);
    refused.scope.department_id = kPurchasing;
    EXPECT_EQ(Decide(StageRule(), firing, refused, 0, Facts()).verdict, FiringVerdict::kIgnore)
        << "nothing is said about a record out of the rule's reach";
}

TEST(DecideFiring, AChainStopsAtTheMaximumDepth) {
    const Firing firing{.due_at = kNow};
    EXPECT_EQ(Decide(StageRule(), firing, Everything(), kMaxChainDepth - 1, Facts()).verdict,
              FiringVerdict::kWriteJob);
    const auto stopped = Decide(StageRule(), firing, Everything(), kMaxChainDepth, Facts());
    EXPECT_EQ(stopped.verdict, FiringVerdict::kChainLimit);
    EXPECT_EQ(stopped.reason, Text::kRunChainLimit);
    Sight refused = Everything();
    refused.refusal = Text::kRunAuthorDeactivated;
    EXPECT_EQ(Decide(StageRule(), firing, refused, kMaxChainDepth, Facts()).verdict, FiringVerdict::kRefuse)
        << "a refusal is said before the chain limit";
}

TEST(DecideFiring, AFiringDueNowIsDroppedWhenTheRecordNoLongerQualifies) {
    Rule rule = StageRule(60);  // delayed: its stage guard applies
    EXPECT_EQ(Decide(rule, Firing{.due_at = kNow, .guard = kStageGuard}, Everything(), 0, Facts()).verdict,
              FiringVerdict::kWriteJob);
    EXPECT_EQ(
        Decide(rule, Firing{.due_at = kNow - 1, .guard = kLeftStageGuard}, Everything(), 0, Facts()).verdict,
        FiringVerdict::kDrop)
        << "left the stage";
    EXPECT_EQ(Decide(rule, Firing{.due_at = kNow}, Everything(), 0, std::nullopt).verdict,
              FiringVerdict::kDrop)
        << "deleted";
    rule.conditions = {AmountAbove(1000)};
    EXPECT_EQ(Decide(rule, Firing{.due_at = kNow}, Everything(), 0, Facts()).verdict, FiringVerdict::kDrop)
        << "conditions fail";
    EXPECT_EQ(Decide(rule, Firing{.due_at = kNow + 1}, Everything(), 0, Facts()).verdict,
              FiringVerdict::kWriteJob)
        << "conditions of a later firing are weighed when due";
}

TEST(DecideFiring, AnImmediateStageRuleRunsForTheEntryItSawEvenWhenTheRecordMovedOn) {
    EXPECT_EQ(Decide(StageRule(0), Firing{.due_at = kNow, .guard = kLeftStageGuard}, Everything(), 0, Facts())
                  .verdict,
              FiringVerdict::kWriteJob);
}

// --- DecideCancel ------------------------------------------------------------------------------

TEST(DecideCancel, ADeletedRecordCancelsEveryPendingJob) {
    EXPECT_EQ(DecideCancel(kStageGuard, 60, false, std::nullopt), Text::kRunRecordDeleted);
    EXPECT_EQ(DecideCancel(Json::object(), 0, false, std::nullopt), Text::kRunRecordDeleted);
    EXPECT_EQ(DecideCancel(Json(Json::value_t::discarded), 0, false, std::nullopt), Text::kRunRecordDeleted);
}

TEST(DecideCancel, ABrokenGuardThatAppliesCancelsWithWhatChanged) {
    EXPECT_EQ(DecideCancel(kLeftStageGuard, 60, false, Facts()), Text::kRunLeftStage);
    EXPECT_EQ(DecideCancel(kLeftStageGuard, 0, true, Facts()), Text::kRunLeftStage) << "a stage deadline";
    EXPECT_EQ(DecideCancel(Json{{"task_id", 77}, {"due_at", 20001}}, 0, false, Facts()),
              Text::kRunTaskChanged);
    EXPECT_EQ(DecideCancel(Json{{"field", "amount"}, {"value", 1}}, 0, false, Facts()),
              Text::kRunFieldChanged);
}

TEST(DecideCancel, AHoldingUnappliedOrUnreadableGuardKeepsTheJob) {
    EXPECT_EQ(DecideCancel(kStageGuard, 60, false, Facts()), std::nullopt) << "holds";
    EXPECT_EQ(DecideCancel(kLeftStageGuard, 0, false, Facts()), std::nullopt) << "immediate stage rule";
    EXPECT_EQ(DecideCancel(Json(Json::value_t::discarded), 60, false, Facts()), std::nullopt) << "unreadable";
    EXPECT_EQ(DecideCancel(Json::object(), 60, false, Facts()), std::nullopt) << "no guard";
}

// --- JudgeJob ----------------------------------------------------------------------------------

Job StageJob(const Json& guard = kStageGuard) {
    Job job;
    job.id = 11;
    job.kind = std::string(kRuleJob);
    job.rule_id = 7;
    job.guard = guard;
    job.attempts = 1;
    return job;
}

JobJudgement Judge(const Job& job, const Rule* rule, std::optional<Json> facts, const Sight& sight) {
    return JudgeJob(job, rule, facts, [&]() -> const Sight& { return sight; });
}

TEST(JudgeJob, AJobWhoseChecksHoldRuns) {
    const Rule rule = StageRule(60);
    const auto judgement = Judge(StageJob(), &rule, Facts(), Everything());
    EXPECT_EQ(judgement.verdict, JobVerdict::kRun);
    EXPECT_EQ(judgement.reason, std::nullopt);
}

TEST(JudgeJob, AJobStartedTooOftenIsGivenUpBeforeAnythingElse) {
    Job job = StageJob();
    job.attempts = kMaxJobAttempts;
    const Rule rule = StageRule(60);
    EXPECT_EQ(Judge(job, &rule, Facts(), Everything()).verdict, JobVerdict::kRun)
        << "the last allowed attempt";
    job.attempts = kMaxJobAttempts + 1;
    const auto judgement = Judge(job, nullptr, std::nullopt, Everything());
    EXPECT_EQ(judgement.verdict, JobVerdict::kGiveUp);
    EXPECT_EQ(judgement.reason, Text::kRunGaveUp);
}

TEST(JudgeJob, ADeletedOrDisabledRuleCancels) {
    EXPECT_EQ(Judge(StageJob(), nullptr, Facts(), Everything()).reason, Text::kRunRuleOff);
    Rule off = StageRule(60);
    off.enabled = false;
    const auto judgement = Judge(StageJob(), &off, std::nullopt, Everything());
    EXPECT_EQ(judgement.verdict, JobVerdict::kCancel);
    EXPECT_EQ(judgement.reason, Text::kRunRuleOff) << "the rule is weighed before the record";
}

TEST(JudgeJob, ADeletedRecordCancelsWithoutAskingForTheSight) {
    const Rule rule = StageRule(60);
    int asked = 0;
    const Sight sight = Everything();
    const auto judgement = JudgeJob(StageJob(), &rule, std::nullopt, [&]() -> const Sight& {
        ++asked;
        return sight;
    });
    EXPECT_EQ(judgement.verdict, JobVerdict::kCancel);
    EXPECT_EQ(judgement.reason, Text::kRunRecordDeleted);
    EXPECT_EQ(asked, 0);
}

TEST(JudgeJob, ALostSightCancelsWithItsRefusalThenTheScopeIsWeighed) {
    const Rule rule = StageRule(60);
    Sight refused = DepartmentOf(kPurchasing);
    refused.refusal = Text::kRunAuthorDeactivated;
    EXPECT_EQ(Judge(StageJob(), &rule, Facts(), refused).reason, Text::kRunAuthorDeactivated);
    const auto outside = Judge(StageJob(), &rule, Facts(), DepartmentOf(kPurchasing));
    EXPECT_EQ(outside.verdict, JobVerdict::kCancel);
    EXPECT_EQ(outside.reason, Text::kRunOutOfSight);
    EXPECT_EQ(Judge(StageJob(), &rule, Facts(), DepartmentOf(kSales)).verdict, JobVerdict::kRun);
}

TEST(JudgeJob, ABrokenGuardCancelsOnlyWhereItApplies) {
    const Rule delayed = StageRule(60);
    const auto judgement = Judge(StageJob(kLeftStageGuard), &delayed, Facts(), Everything());
    EXPECT_EQ(judgement.verdict, JobVerdict::kCancel);
    EXPECT_EQ(judgement.reason, Text::kRunLeftStage);
    const Rule immediate = StageRule(0);
    EXPECT_EQ(Judge(StageJob(kLeftStageGuard), &immediate, Facts(), Everything()).verdict, JobVerdict::kRun);
    EXPECT_EQ(Judge(StageJob(Json{{"task_id", 77}, {"due_at", 1}}), &immediate, Facts(), Everything()).reason,
              Text::kRunTaskChanged);
}

TEST(JudgeJob, FailedConditionsSkipAFreshJobButNotAResumedOne) {
    Rule rule = StageRule(60);
    rule.conditions = {AmountAbove(1000)};
    const auto judgement = Judge(StageJob(), &rule, Facts(), Everything());
    EXPECT_EQ(judgement.verdict, JobVerdict::kSkip);
    EXPECT_EQ(judgement.reason, Text::kRunConditionsFailed);
    Job resumed = StageJob();
    resumed.next_action = 1;
    EXPECT_EQ(Judge(resumed, &rule, Facts(), Everything()).verdict, JobVerdict::kRun);
    rule.conditions = {AmountAbove(100)};
    EXPECT_EQ(Judge(StageJob(), &rule, Facts(), Everything()).verdict, JobVerdict::kRun);
}

}  // namespace
}  // namespace voronka::automation
