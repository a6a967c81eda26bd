#include "automation/jobs.hpp"

#include <algorithm>

#include "automation_sql.hpp"

namespace voronka::automation {

using Json = nlohmann::json;
using store::Param;

LostClaim::LostClaim(std::int64_t job) : std::runtime_error("lost the claim of job " + std::to_string(job)) {}

std::vector<Job> ClaimJobs(store::Transaction& tx, UnixTime now, std::int64_t lease_seconds, int max) {
    std::vector<Job> jobs;
    for (const auto& row :
         tx.Fetch(sql::kEngineJobsClaim, {Param(now), Param(now + lease_seconds), Param(max)})) {
        jobs.push_back(store::ReadRow(row, [](store::RowReader& r) {
            Job job;
            job.id = r.Int();
            job.kind = r.Text();
            job.rule_id = r.OptInt();
            job.record_type = crm::ParseRecordType(r.Text()).value_or(crm::RecordType::kDeal);
            job.record_id = r.Int();
            r.Skip();  // occurrence
            job.due_at = r.Int();
            job.depth = static_cast<int>(r.Int());
            job.guard = Json::parse(r.Text(), nullptr, false);
            if (job.guard.is_discarded()) job.guard = Json::object();
            job.next_action = static_cast<int>(r.Int());
            job.attempts = static_cast<int>(r.Int());
            job.claimed_until = r.Int();
            return job;
        }));
    }
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
        return a.due_at != b.due_at ? a.due_at < b.due_at : a.id < b.id;
    });
    return jobs;
}

void InsertJob(store::Transaction& tx, std::string_view kind, std::optional<std::int64_t> rule_id,
               crm::RecordType type, std::int64_t record_id, int depth, std::optional<std::int64_t> event_id,
               const Firing& firing, UnixTime now) {
    tx.Execute(sql::kEngineJobInsert,
               {Param(kind), Param(rule_id), Param(crm::RecordTypeName(type)), Param(record_id),
                Param(firing.occurrence), Param(firing.due_at), Param(depth), Param(event_id),
                Param(firing.guard.dump()), Param(now)});
}

std::int64_t InsertRun(store::Transaction& tx, std::optional<std::int64_t> rule_id,
                       std::optional<std::int64_t> job_id, crm::RecordType type, std::int64_t record_id,
                       UnixTime at, std::string_view outcome, std::optional<std::string> detail,
                       const Json& actions) {
    return tx.Insert(sql::kEngineRunInsert,
                     {Param(rule_id), Param(job_id), Param(crm::RecordTypeName(type)), Param(record_id),
                      Param(at), Param(outcome), Param(detail), Param(actions.dump())});
}

void FinishJob(store::Transaction& tx, const Job& job, std::string_view state, UnixTime now) {
    if (tx.Execute(sql::kEngineJobFinish,
                   {Param(job.id), Param(state), Param(now), Param(job.claimed_until)}) == 0) {
        throw LostClaim(job.id);
    }
}

void FinishRun(store::Transaction& tx, const Job& job, std::int64_t run_id, std::string_view state,
               std::string_view outcome, std::optional<std::string> detail, const Json& actions,
               UnixTime now) {
    FinishJob(tx, job, state, now);
    tx.Execute(sql::kEngineRunUpdate, {Param(run_id), Param(outcome), Param(detail), Param(actions.dump())});
}

const Sight& SightsOf::operator()(const Rule& rule) {
    auto found = sights_.find(rule.id);
    if (found != sights_.end()) return found->second;
    std::optional<AuthorNow> author;
    if (rule.author_id) {
        const auto row = tx_.FetchOne(sql::kRuleAuthor, {Param(*rule.author_id)});
        // A user row is never deleted; a missing one reads as a deactivated author.
        author = AuthorNow{.id = *rule.author_id, .role = auth::Role::kManager, .active = false};
        if (row) {
            store::ReadRow(*row, [&](store::RowReader& r) {
                r.Skip();  // id
                author->role = auth::ParseRole(r.Text()).value_or(auth::Role::kManager);
                author->department_id = r.OptInt();
                author->active = r.Bool();
                return 0;
            });
        }
    }
    return sights_.emplace(rule.id, SightOf(rule.department_id, author)).first->second;
}

}  // namespace voronka::automation
