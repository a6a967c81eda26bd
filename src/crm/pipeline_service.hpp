// Pipelines of leads and of deals and their ordered stages, each with a kind (open / won / lost)
// and an optional maximum duration; the default pipelines of a new organisation. Owned by crm.
// Thread-safe (stateless over the Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct NewStage {
    std::string name;
    StageKind kind = StageKind::kOpen;
    std::optional<std::string> max_duration;  // ISO 8601 ("P3D", "PT30S"); none: no deadline
    std::optional<int> position;              // AddStage only: 1-based place; none: the end
};

struct NewPipeline {
    std::string name;
    RecordType record_type = RecordType::kLead;  // kLead or kDeal
    std::vector<NewStage> stages;                // in order; at least one open stage
    bool is_default = false;                     // the first pipeline of a record type is the default anyway
    // Absent: the head's department, organisation-wide for an admin; inner nullopt:
    // organisation-wide (admins only). See auth::DepartmentOfNewConfig.
    std::optional<std::optional<std::int64_t>> department_id;
};

// A pipeline with its scope (auth/config_scope.hpp), as the service answers it. The scope is
// kept here rather than in crm::Pipeline: only the pipelines' own routes show or change it.
struct ScopedPipeline : Pipeline {
    std::optional<std::int64_t> department_id;  // none: organisation-wide
};

struct PipelinePatch {
    std::optional<std::string> name;
    std::optional<bool> is_default;  // true makes it the default of its type; false is refused
    // Admins only; an inner nullopt: organisation-wide.
    std::optional<std::optional<std::int64_t>> department_id;
};

struct StagePatch {
    std::optional<std::string> name;
    std::optional<int> position;  // 1-based; the other stages shift
    std::optional<StageKind> kind;
    std::optional<std::optional<std::string>> max_duration;  // ISO 8601; inner nullopt clears
};

class PipelineService {
public:
    PipelineService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every signed-in user reads every pipeline, of every scope (records of any department name
    // their pipeline and stage); `type` filters by record type. In id order.
    std::vector<ScopedPipeline> List(std::optional<RecordType> type);
    // NotFound when there is no such pipeline.
    Result<ScopedPipeline> Get(std::int64_t id);

    // Changes are for a head or an admin (Forbidden otherwise): a head changes only their
    // department's pipelines and stages (Forbidden on organisation-wide and other departments'
    // pipelines, which they see), an admin all; only an admin sets is_default (it is the
    // organisation's) or department_id. Validation names the field:
    // name, record_type, stages (none, or no open stage), max_duration (not an ISO 8601
    // duration of at least one second), position.
    Result<ScopedPipeline> Create(const auth::Principal& principal, const NewPipeline& pipeline);
    Result<ScopedPipeline> Update(const auth::Principal& principal, std::int64_t id,
                                  const PipelinePatch& patch);
    // Answers the pipeline as changed.
    Result<ScopedPipeline> AddStage(const auth::Principal& principal, std::int64_t pipeline_id,
                                    const NewStage& stage);
    // NotFound when the stage is not one of this pipeline's. A new max_duration moves the
    // deadlines of the records in the stage; changing the kind of a stage that holds records
    // is a Conflict, as is leaving the pipeline without an open stage (Validation on `kind`).
    Result<ScopedPipeline> UpdateStage(const auth::Principal& principal, std::int64_t pipeline_id,
                                       std::int64_t stage_id, const StagePatch& patch);
    // Conflict when records (not deleted) are in the stage or it is the last open stage.
    Status DeleteStage(const auth::Principal& principal, std::int64_t pipeline_id, std::int64_t stage_id);
    // Deletes a pipeline softly: afterwards it answers NotFound and no list shows it. Who may is
    // as Update (Forbidden). Conflict, saying why, while records (not deleted) are in it, while
    // automation rules (not deleted) are triggered by it or its stages, or while it is its record
    // type's default (make another the default first).
    Status Delete(const auth::Principal& principal, std::int64_t id);

    // Creates the default lead pipeline «Лиды» and deal pipeline «Продажи» when no pipeline of
    // that record type exists. Idempotent; called at start-up of `serve` and `demo`.
    void EnsureDefaultPipelines();

private:
    store::Database& db_;
    const Clock& clock_;
};

// Inside a caller's transaction: the pipeline with its live stages and its scope; nullopt when
// there is none.
std::optional<ScopedPipeline> LoadPipeline(store::Transaction& tx, std::int64_t id);
// The default pipeline of a record type (kLead or kDeal), if any.
std::optional<ScopedPipeline> LoadDefaultPipeline(store::Transaction& tx, RecordType type);
// The first open stage of a pipeline (every pipeline has one).
const Stage* FirstOpenStage(const Pipeline& pipeline);
const Stage* FindStage(const Pipeline& pipeline, std::int64_t stage_id);

}  // namespace voronka::crm
