#include "crm/pipeline_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "auth/config_scope.hpp"
#include "core/duration.hpp"
#include "core/validation.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

Status CheckHeadOrAdmin(const auth::Principal& principal) {
    if (principal.user.role == auth::Role::kManager) {
        return Error::Forbidden("only a head or an admin may change pipelines");
    }
    return Ok{};
}

Result<std::optional<std::int64_t>> CheckMaxDuration(const std::optional<std::string>& text) {
    if (!text) return std::optional<std::int64_t>{};
    const auto seconds = ParseIsoDuration(*text);
    if (!seconds || *seconds <= 0) {
        return Error::Validation(
            "max_duration must be an ISO 8601 duration of at least one second, like "
            "\"P3D\", \"PT4H\" or \"PT30S\", or null",
            "max_duration");
    }
    return std::optional<std::int64_t>{*seconds};
}

Stage StageFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        return Stage{.id = r.Int(),
                     .pipeline_id = r.Int(),
                     .name = r.Text(),
                     .position = static_cast<int>(r.Int()),
                     .kind = ParseStageKind(r.Text()).value_or(StageKind::kOpen),
                     .max_duration = r.OptInt()};
    });
}

// A pipeline with its scope, without stages, from sql/pipeline_get.sql's columns.
ScopedPipeline ScopedPipelineFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        ScopedPipeline pipeline;
        pipeline.id = r.Int();
        pipeline.name = r.Text();
        pipeline.record_type = ParseRecordType(r.Text()).value_or(RecordType::kDeal);
        pipeline.is_default = r.Bool();
        pipeline.created_at = r.Int();
        pipeline.updated_at = r.Int();
        pipeline.department_id = r.OptInt();
        return pipeline;
    });
}

bool HasOpenStage(const std::vector<Stage>& stages) {
    return std::any_of(stages.begin(), stages.end(),
                       [](const Stage& s) { return s.kind == StageKind::kOpen; });
}

// Writes positions 1..N in the order of `stages` and the other columns of each.
void SaveStages(store::Transaction& tx, std::vector<Stage>& stages, UnixTime now) {
    for (std::size_t i = 0; i < stages.size(); ++i) {
        Stage& stage = stages[i];
        stage.position = static_cast<int>(i + 1);
        tx.Execute(sql::kStageUpdate,
                   {Param(stage.id), Param(stage.name), Param(stage.position),
                    Param(StageKindName(stage.kind)), Param(stage.max_duration), Param(now)});
    }
}

// A pipeline with its stages and scope from its row (sql/pipeline_get.sql's columns).
ScopedPipeline ScopedFromRow(store::Transaction& tx, const store::Row& row) {
    ScopedPipeline pipeline = ScopedPipelineFromRow(row);
    for (const auto& stage : tx.Fetch(sql::kStageList, {Param(pipeline.id)}))
        pipeline.stages.push_back(StageFromRow(stage));
    return pipeline;
}

Result<ScopedPipeline> Fetch(store::Transaction& tx, std::int64_t id) {
    auto pipeline = LoadPipeline(tx, id);
    if (!pipeline) return Error::NotFound("no such pipeline");
    return std::move(*pipeline);
}

// A pipeline to change: NotFound when missing; Forbidden unless it is the caller's to change.
// Pipelines are seen by everyone, so one not the caller's is Forbidden, never NotFound.
Result<ScopedPipeline> FetchToChange(store::Transaction& tx, const auth::Principal& principal,
                                     std::int64_t id) {
    auto pipeline = Fetch(tx, id);
    if (!pipeline) return pipeline;
    if (auth::AccessToConfig(principal.user, pipeline->department_id) != auth::ConfigAccess::kChange) {
        return Error::Forbidden(pipeline->department_id
                                    ? "only the department's head or an admin may change this pipeline"
                                    : "only an admin may change an organisation-wide pipeline");
    }
    return pipeline;
}

std::int64_t InsertPipeline(store::Transaction& tx, const std::string& name, RecordType type, bool is_default,
                            const std::vector<NewStage>& stages,
                            const std::vector<std::optional<std::int64_t>>& durations, UnixTime now,
                            std::optional<std::int64_t> department = std::nullopt) {
    if (is_default) tx.Execute(sql::kPipelineClearDefault, {Param(RecordTypeName(type)), Param(now)});
    const auto id = tx.Insert(sql::kPipelineInsert, {Param(name), Param(RecordTypeName(type)),
                                                     Param(is_default), Param(now), Param(department)});
    for (std::size_t i = 0; i < stages.size(); ++i) {
        tx.Insert(sql::kStageInsert, {Param(id), Param(stages[i].name), Param(static_cast<int>(i + 1)),
                                      Param(StageKindName(stages[i].kind)), Param(durations[i]), Param(now)});
    }
    return id;
}

struct DefaultStage {
    const char* name;
    StageKind kind;
    const char* max_duration;
};

// The default pipelines of a new organisation. When changing them, also change the demo data
// (app/demo.cpp) and the API tests that name them.
constexpr DefaultStage kLeadStages[] = {
    {"Новый", StageKind::kOpen, "PT4H"},
    {"В работе", StageKind::kOpen, "P2D"},
    {"Квалифицирован", StageKind::kWon, nullptr},
    {"Некачественный", StageKind::kLost, nullptr},
};
constexpr DefaultStage kDealStages[] = {
    {"Первичный контакт", StageKind::kOpen, "P1D"},
    {"Встреча назначена", StageKind::kOpen, "P3D"},
    {"Подготовка спецпредложения", StageKind::kOpen, "P2D"},
    {"Переговоры", StageKind::kOpen, "P5D"},
    {"Успешно", StageKind::kWon, nullptr},
    {"Провал", StageKind::kLost, nullptr},
};

template <std::size_t N>
void EnsurePipeline(store::Transaction& tx, RecordType type, const char* name,
                    const DefaultStage (&stages)[N], UnixTime now) {
    if (tx.FetchOne(sql::kPipelineDefault, {Param(RecordTypeName(type))})) return;
    std::vector<NewStage> new_stages;
    std::vector<std::optional<std::int64_t>> durations;
    for (const auto& s : stages) {
        new_stages.push_back(
            {.name = s.name, .kind = s.kind, .max_duration = std::nullopt, .position = std::nullopt});
        durations.push_back(s.max_duration ? ParseIsoDuration(s.max_duration) : std::nullopt);
    }
    InsertPipeline(tx, name, type, true, new_stages, durations, now);
}

}  // namespace

std::optional<ScopedPipeline> LoadPipeline(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kPipelineGet, {Param(id)});
    if (!row) return std::nullopt;
    return ScopedFromRow(tx, *row);
}

std::optional<ScopedPipeline> LoadDefaultPipeline(store::Transaction& tx, RecordType type) {
    const auto row = tx.FetchOne(sql::kPipelineDefault, {Param(RecordTypeName(type))});
    if (!row) return std::nullopt;
    return LoadPipeline(tx, store::ReadRow(*row, &store::RowReader::Int));
}

const Stage* FirstOpenStage(const Pipeline& pipeline) {
    for (const auto& stage : pipeline.stages) {
        if (stage.kind == StageKind::kOpen) return &stage;
    }
    return pipeline.stages.empty() ? nullptr : &pipeline.stages.front();
}

const Stage* FindStage(const Pipeline& pipeline, std::int64_t stage_id) {
    for (const auto& stage : pipeline.stages) {
        if (stage.id == stage_id) return &stage;
    }
    return nullptr;
}

std::vector<ScopedPipeline> PipelineService::List(std::optional<RecordType> type) {
    return db_.Read([&](store::Transaction& tx) {
        std::vector<ScopedPipeline> pipelines;
        const auto rows =
            tx.Fetch(sql::kPipelineList, {Param(type ? RecordTypeName(*type) : std::string_view{})});
        for (const auto& row : rows) pipelines.push_back(ScopedFromRow(tx, row));
        return pipelines;
    });
}

Result<ScopedPipeline> PipelineService::Get(std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) { return Fetch(tx, id); });
}

Result<ScopedPipeline> PipelineService::Create(const auth::Principal& principal, const NewPipeline& input) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    auto department = auth::DepartmentOfNewConfig(principal.user, input.department_id, "pipeline");
    if (!department) return std::move(department).error();
    if (input.is_default && !principal.IsAdmin()) {
        return Error::Forbidden("only an admin chooses the organisation's default pipeline");
    }
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    if (input.record_type != RecordType::kLead && input.record_type != RecordType::kDeal) {
        return NotOneOf("record_type", "lead, deal");
    }
    if (input.stages.empty()) return Error::Validation("a pipeline needs stages", "stages");
    std::vector<NewStage> stages;
    std::vector<std::optional<std::int64_t>> durations;
    bool open = false;
    for (const auto& stage : input.stages) {
        auto stage_name = CheckText(stage.name, "name");
        if (!stage_name) return std::move(stage_name).error();
        auto duration = CheckMaxDuration(stage.max_duration);
        if (!duration) return std::move(duration).error();
        stages.push_back({.name = *stage_name,
                          .kind = stage.kind,
                          .max_duration = std::nullopt,
                          .position = std::nullopt});
        durations.push_back(*duration);
        open = open || stage.kind == StageKind::kOpen;
    }
    if (!open) return Error::Validation("a pipeline needs at least one open stage", "stages");
    return db_.Write([&](store::Transaction& tx) -> Result<ScopedPipeline> {
        if (*department && !tx.FetchOne(sql::kPipelineDepartmentExists, {Param(**department)})) {
            return Error::Validation("no such department", "department_id");
        }
        const bool first = !tx.FetchOne(sql::kPipelineDefault, {Param(RecordTypeName(input.record_type))});
        const auto id = InsertPipeline(tx, *name, input.record_type, input.is_default || first, stages,
                                       durations, clock_.Now(), *department);
        return Fetch(tx, id);
    });
}

Result<ScopedPipeline> PipelineService::Update(const auth::Principal& principal, std::int64_t id,
                                               const PipelinePatch& patch) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<ScopedPipeline> {
        auto pipeline = FetchToChange(tx, principal, id);
        if (!pipeline) return pipeline;
        if (patch.is_default && *patch.is_default != pipeline->is_default && !principal.IsAdmin()) {
            return Error::Forbidden("only an admin chooses the organisation's default pipeline");
        }
        if (patch.department_id && *patch.department_id != pipeline->department_id) {
            if (!principal.IsAdmin())
                return Error::Forbidden("only an admin moves a pipeline to another department");
            if (*patch.department_id &&
                !tx.FetchOne(sql::kPipelineDepartmentExists, {Param(**patch.department_id)})) {
                return Error::Validation("no such department", "department_id");
            }
        }
        if (patch.is_default && !*patch.is_default && pipeline->is_default) {
            return Error::Validation("make another pipeline the default instead", "is_default");
        }
        const UnixTime now = clock_.Now();
        const bool make_default = patch.is_default.value_or(false) && !pipeline->is_default;
        if (make_default) {
            tx.Execute(sql::kPipelineClearDefault,
                       {Param(RecordTypeName(pipeline->record_type)), Param(now)});
        }
        tx.Execute(sql::kPipelineUpdate, {Param(id), Param(name.value_or(pipeline->name)),
                                          Param(pipeline->is_default || make_default), Param(now),
                                          Param(patch.department_id.value_or(pipeline->department_id))});
        return Fetch(tx, id);
    });
}

Result<ScopedPipeline> PipelineService::AddStage(const auth::Principal& principal, std::int64_t pipeline_id,
                                                 const NewStage& input) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    auto duration = CheckMaxDuration(input.max_duration);
    if (!duration) return std::move(duration).error();
    return db_.Write([&](store::Transaction& tx) -> Result<ScopedPipeline> {
        auto pipeline = FetchToChange(tx, principal, pipeline_id);
        if (!pipeline) return pipeline;
        auto& stages = pipeline->stages;
        const int count = static_cast<int>(stages.size());
        const int position = input.position.value_or(count + 1);
        if (position < 1 || position > count + 1) {
            return Error::Validation("position must be from 1 to " + std::to_string(count + 1), "position");
        }
        const UnixTime now = clock_.Now();
        const auto id =
            tx.Insert(sql::kStageInsert, {Param(pipeline_id), Param(*name), Param(position),
                                          Param(StageKindName(input.kind)), Param(*duration), Param(now)});
        stages.insert(stages.begin() + (position - 1), Stage{.id = id,
                                                             .pipeline_id = pipeline_id,
                                                             .name = *name,
                                                             .position = position,
                                                             .kind = input.kind,
                                                             .max_duration = *duration});
        SaveStages(tx, stages, now);
        tx.Execute(sql::kPipelineTouch, {Param(pipeline_id), Param(now)});
        return Fetch(tx, pipeline_id);
    });
}

Result<ScopedPipeline> PipelineService::UpdateStage(const auth::Principal& principal,
                                                    std::int64_t pipeline_id, std::int64_t stage_id,
                                                    const StagePatch& patch) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = *checked;
    }
    std::optional<std::optional<std::int64_t>> duration;
    if (patch.max_duration) {
        auto checked = CheckMaxDuration(*patch.max_duration);
        if (!checked) return std::move(checked).error();
        duration = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<ScopedPipeline> {
        auto pipeline = FetchToChange(tx, principal, pipeline_id);
        if (!pipeline) return pipeline;
        auto& stages = pipeline->stages;
        auto it =
            std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.id == stage_id; });
        if (it == stages.end()) return Error::NotFound("no such stage in this pipeline");
        Stage stage = *it;
        const StageKind old_kind = stage.kind;
        const auto old_duration = stage.max_duration;
        if (name) stage.name = *name;
        if (patch.kind) stage.kind = *patch.kind;
        if (duration) stage.max_duration = *duration;
        const bool holds_records = store::ReadRow(*tx.FetchOne(sql::kStageCountRecords, {Param(stage_id)}),
                                                  &store::RowReader::Int) > 0;
        if (stage.kind != old_kind && holds_records) {
            return Error::Conflict("records are in this stage: move them before changing its kind", "kind");
        }
        stages.erase(it);
        const int count = static_cast<int>(stages.size()) + 1;
        const int position = patch.position.value_or(stage.position);
        if (position < 1 || position > count) {
            return Error::Validation("position must be from 1 to " + std::to_string(count), "position");
        }
        stages.insert(stages.begin() + (position - 1), stage);
        if (!HasOpenStage(stages))
            return Error::Validation("a pipeline needs at least one open stage", "kind");
        const UnixTime now = clock_.Now();
        SaveStages(tx, stages, now);
        if (stage.max_duration != old_duration && stage.kind == StageKind::kOpen) {
            const std::vector<store::Value> params{Param(stage_id), Param(stage.max_duration.has_value()),
                                                   Param(stage.max_duration.value_or(0))};
            tx.Execute(pipeline->record_type == RecordType::kLead ? sql::kStageMoveLeadDeadlines
                                                                  : sql::kStageMoveDealDeadlines,
                       params);
        }
        tx.Execute(sql::kPipelineTouch, {Param(pipeline_id), Param(now)});
        return Fetch(tx, pipeline_id);
    });
}

Status PipelineService::DeleteStage(const auth::Principal& principal, std::int64_t pipeline_id,
                                    std::int64_t stage_id) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto pipeline = FetchToChange(tx, principal, pipeline_id);
        if (!pipeline) return std::move(pipeline).error();
        auto& stages = pipeline->stages;
        auto it =
            std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.id == stage_id; });
        if (it == stages.end()) return Error::NotFound("no such stage in this pipeline");
        if (store::ReadRow(*tx.FetchOne(sql::kStageCountRecords, {Param(stage_id)}), &store::RowReader::Int) >
            0) {
            return Error::Conflict("records are in this stage: move them to another stage first");
        }
        stages.erase(it);
        if (!HasOpenStage(stages)) return Error::Conflict("a pipeline needs at least one open stage");
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kStageDelete, {Param(stage_id), Param(now)});
        SaveStages(tx, stages, now);
        tx.Execute(sql::kPipelineTouch, {Param(pipeline_id), Param(now)});
        return Ok{};
    });
}

Status PipelineService::Delete(const auth::Principal& principal, std::int64_t id) {
    if (auto allowed = CheckHeadOrAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto pipeline = FetchToChange(tx, principal, id);
        if (!pipeline) return std::move(pipeline).error();
        if (pipeline->is_default) {
            return Error::Conflict("this is the default pipeline: make another pipeline the default first");
        }
        const auto [records, rules] =
            store::ReadRow(*tx.FetchOne(sql::kPipelineBlockers, {Param(id)}), [](store::RowReader& r) {
                return std::pair{r.Int(), r.Int()};
            });
        if (records > 0) {
            return Error::Conflict(
                fmt::format("{} records are in this pipeline: move or delete them first", records));
        }
        if (rules > 0) {
            return Error::Conflict(
                fmt::format("{} automation rules are triggered by this pipeline or its stages: change or "
                            "delete them first",
                            rules));
        }
        tx.Execute(sql::kPipelineSetDeleted, {Param(id), Param(clock_.Now())});
        return Ok{};
    });
}

void PipelineService::EnsureDefaultPipelines() {
    db_.Write([&](store::Transaction& tx) {
        const UnixTime now = clock_.Now();
        EnsurePipeline(tx, RecordType::kLead, "Лиды", kLeadStages, now);
        EnsurePipeline(tx, RecordType::kDeal, "Продажи", kDealStages, now);
    });
}

}  // namespace voronka::crm
