#include "automation/decisions.hpp"

namespace voronka::automation {

FiringDecision DecideFiring(const Rule& rule, const Firing& firing, const Sight& sight, int depth,
                            UnixTime now, const FactsFn& facts) {
    if (!sight.scope.all && (!facts() || !MayActOn(sight.scope, *facts()))) return {FiringVerdict::kIgnore};
    if (sight.refusal) return {FiringVerdict::kRefuse, sight.refusal};
    if (depth >= kMaxChainDepth) return {FiringVerdict::kChainLimit, Text::kRunChainLimit};
    if (firing.due_at <= now) {
        const auto& current = facts();
        if (!current || (GuardApplies(rule, firing.guard) && !GuardHolds(firing.guard, *current)) ||
            !ConditionsHold(rule.conditions, *current)) {
            return {FiringVerdict::kDrop};
        }
    }
    return {FiringVerdict::kWriteJob};
}

std::optional<Text> DecideCancel(const nlohmann::json& guard, std::int64_t delay_seconds, bool stage_overdue,
                                 const std::optional<nlohmann::json>& facts) {
    if (!facts) return Text::kRunRecordDeleted;
    if (guard.is_discarded() || !GuardApplies(delay_seconds, stage_overdue, guard) ||
        GuardHolds(guard, *facts)) {
        return std::nullopt;
    }
    return CancelReason(guard);
}

JobJudgement JudgeJob(const Job& job, const Rule* rule, const std::optional<nlohmann::json>& facts,
                      const std::function<const Sight&()>& sight) {
    if (job.attempts > kMaxJobAttempts) return {JobVerdict::kGiveUp, Text::kRunGaveUp};
    if (rule == nullptr || !rule->enabled) return {JobVerdict::kCancel, Text::kRunRuleOff};
    if (!facts) return {JobVerdict::kCancel, Text::kRunRecordDeleted};
    const Sight& now = sight();
    if (now.refusal) return {JobVerdict::kCancel, now.refusal};
    if (!MayActOn(now.scope, *facts)) return {JobVerdict::kCancel, Text::kRunOutOfSight};
    if (GuardApplies(*rule, job.guard) && !GuardHolds(job.guard, *facts)) {
        return {JobVerdict::kCancel, CancelReason(job.guard)};
    }
    if (job.next_action == 0 && !ConditionsHold(rule->conditions, *facts)) {
        return {JobVerdict::kSkip, Text::kRunConditionsFailed};
    }
    return {JobVerdict::kRun};
}

}  // namespace voronka::automation
