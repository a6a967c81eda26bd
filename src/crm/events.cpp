#include "crm/events.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "crm/rules.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using Json = nlohmann::json;
using store::Param;

thread_local int current_depth = 0;

Json Nullable(const std::optional<std::int64_t>& value) {
    return value ? Json(*value) : Json(nullptr);
}
Json Nullable(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

void Emit(store::Transaction& tx, std::string_view kind, RecordType type, std::int64_t record_id,
          const Json& data, std::optional<std::int64_t> by_user_id, UnixTime at) {
    tx.Insert(sql::kEventInsert, {Param(kind), Param(RecordTypeName(type)), Param(record_id),
                                  Param(data.dump()), Param(current_depth), Param(by_user_id), Param(at)});
}

}  // namespace

void EmitRecordCreated(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id,
                       std::optional<std::int64_t> by_user_id, UnixTime at) {
    Emit(tx, "record_created", type, record_id, Json{{"owner_id", owner_id}}, by_user_id, at);
}

void EmitRecordChanged(store::Transaction& tx, RecordType type, std::int64_t record_id,
                       const std::vector<FieldChange>& changes, std::optional<std::int64_t> by_user_id,
                       UnixTime at) {
    if (changes.empty()) return;
    Json list = Json::array();
    for (const auto& change : changes) {
        list.push_back({{"field", change.field},
                        {"old", Nullable(change.old_value)},
                        {"new", Nullable(change.new_value)}});
    }
    Emit(tx, "record_changed", type, record_id, Json{{"changes", std::move(list)}}, by_user_id, at);
}

void EmitStageEntered(store::Transaction& tx, RecordType type, std::int64_t record_id,
                      const StagePosition* from, const StagePosition& to,
                      std::optional<std::int64_t> by_user_id, UnixTime at) {
    const auto kind = tx.FetchOne(sql::kStageKind, {Param(to.stage_id)});
    Json data{{"pipeline_id", to.pipeline_id},
              {"stage_id", to.stage_id},
              {"from_stage_id", from ? Json(from->stage_id) : Json(nullptr)},
              {"stage_kind", kind ? store::ReadRow(*kind, &store::RowReader::Text) : std::string("open")},
              {"entered_at", to.entered_at},
              {"deadline", to.deadline ? Json(*to.deadline) : Json(nullptr)}};
    Emit(tx, "stage_entered", type, record_id, data, by_user_id, at);
}

void EmitTaskChanged(store::Transaction& tx, const Task& task, std::optional<std::int64_t> by_user_id,
                     UnixTime at) {
    Json data{{"task_id", task.id},
              {"kind", TaskKindName(task.kind)},
              {"due_at", task.due_at},
              {"open", IsTaskOpen(task)},
              {"department_id", Nullable(task.department_id)},
              {"assignee_id", Nullable(task.assignee_id)}};
    Emit(tx, "task_changed", task.record_type, task.record_id, data, by_user_id, at);
}

AutomationCause::AutomationCause(int depth) : previous_(current_depth) {
    current_depth = depth;
}
AutomationCause::~AutomationCause() {
    current_depth = previous_;
}

int CurrentEventDepth() {
    return current_depth;
}

}  // namespace voronka::crm
