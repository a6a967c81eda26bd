// The kanban of a pipeline (every stage with its count, amount totals and first records) and the
// head's control of records past their stage deadline. Owned by crm. Thread-safe (stateless over
// the Database). Visibility applies to every count, total and record.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct BoardColumn {
    RecordType record_type = RecordType::kLead;  // of the pipeline: which of leads/deals is filled
    Stage stage;
    std::int64_t count = 0;
    std::map<std::string, std::int64_t> totals;  // amount in minor units by currency
    Page<Lead> leads;                            // a lead pipeline's
    Page<Deal> deals;                            // a deal pipeline's
};

struct Board {
    Pipeline pipeline;
    std::vector<BoardColumn> columns;  // by stage position
};

struct OverdueGroup {
    std::int64_t owner_id = 0;
    std::string owner_name;
    std::int64_t lead_count = 0;  // all of the owner's overdue leads
    std::int64_t deal_count = 0;
    std::vector<Lead> leads;  // the first `cap`, earliest deadline first
    std::vector<Deal> deals;
};

class BoardService {
public:
    BoardService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every stage of the pipeline with the first `limit` visible records (id order). NotFound
    // when there is no such pipeline.
    Result<Board> Get(const auth::Principal& principal, std::int64_t pipeline_id,
                      std::optional<std::int64_t> owner_id, int limit);
    // One stage's column, continued at `page`. NotFound when the stage is not the pipeline's.
    Result<BoardColumn> Column(const auth::Principal& principal, std::int64_t pipeline_id,
                               std::int64_t stage_id, std::optional<std::int64_t> owner_id,
                               const PageRequest& page);

    // Open, visible records past their stage deadline now, grouped by owner (owner id order), at
    // most `cap` records of each type per group.
    std::vector<OverdueGroup> StageOverdue(const auth::Principal& principal, int cap);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::crm
