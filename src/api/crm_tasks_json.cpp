#include "api/crm_tasks_json.hpp"

#include <fmt/format.h>

#include "core/time.hpp"
#include "crm/rules.hpp"

namespace voronka::api {
namespace {

Json TitlesJson(const std::vector<crm::RecordTitle>& records) {
    Json out = Json::array();
    for (const auto& record : records) out.push_back({{"id", record.id}, {"title", record.title}});
    return out;
}

// Merges the members of `item` into `out`.
Json Spread(Json out, const Json& item) {
    for (const auto& [key, value] : item.items()) out[key] = value;
    return out;
}

}  // namespace

Json TaskJson(const crm::Task& task) {
    return {{"id", task.id},
            {"record_type", crm::RecordTypeName(task.record_type)},
            {"record_id", task.record_id},
            {"record_title", OrNull(task.record_title)},
            {"owner_id", task.owner_id},
            {"kind", crm::TaskKindName(task.kind)},
            {"subject", task.subject},
            {"due_at", FormatIso8601(task.due_at)},
            {"location", OrNull(task.location)},
            {"assignee_id", OrNull(task.assignee_id)},
            {"department_id", OrNull(task.department_id)},
            {"status", crm::IsTaskOpen(task) ? "open" : "done"},
            {"done_at", TimeOrNull(task.done_at)},
            {"result", OrNull(task.result)},
            {"created_by", OrNull(task.created_by)},
            {"created_at", FormatIso8601(task.created_at)},
            {"updated_at", FormatIso8601(task.updated_at)}};
}

Json NoteJson(const crm::Note& note) {
    return {{"id", note.id},
            {"record_type", crm::RecordTypeName(note.record_type)},
            {"record_id", note.record_id},
            {"author_id", OrNull(note.author_id)},
            {"text", note.body},
            {"created_at", FormatIso8601(note.created_at)}};
}

Json HistoryJson(const crm::HistoryEntry& entry) {
    return {{"id", entry.id},
            {"record_type", crm::RecordTypeName(entry.record_type)},
            {"record_id", entry.record_id},
            {"field", entry.field},
            {"old_value", OrNull(entry.old_value)},
            {"new_value", OrNull(entry.new_value)},
            {"by_user_id", OrNull(entry.by_user_id)},
            {"at", FormatIso8601(entry.at)}};
}

Json StageMoveJson(const crm::StageMove& move) {
    return {{"id", move.id},
            {"record_type", crm::RecordTypeName(move.record_type)},
            {"record_id", move.record_id},
            {"pipeline_id", move.pipeline_id},
            {"from_stage_id", OrNull(move.from_stage_id)},
            {"to_stage_id", move.to_stage_id},
            {"at", FormatIso8601(move.at)},
            {"by_user_id", OrNull(move.by_user_id)},
            {"seconds_in_from", OrNull(move.seconds_in_from)}};
}

Json TimelineItemJson(const crm::TimelineItem& item) {
    struct Visitor {
        Json operator()(const crm::Note& n) const {
            return Spread({{"type", "note"}, {"at", FormatIso8601(n.created_at)}}, NoteJson(n));
        }
        Json operator()(const crm::Task& t) const {
            return Spread({{"type", "task"}, {"at", FormatIso8601(t.done_at.value_or(t.created_at))}},
                          TaskJson(t));
        }
        Json operator()(const crm::StageMove& m) const {
            return Spread({{"type", "stage_move"}}, StageMoveJson(m));
        }
        Json operator()(const crm::HistoryEntry& h) const {
            return Spread({{"type", "history"}}, HistoryJson(h));
        }
        Json operator()(const crm::TimelineMessage& m) const {
            return {{"type", "message"},
                    {"at", FormatIso8601(m.created_at)},
                    {"id", m.id},
                    {"record_type", crm::RecordTypeName(m.record_type)},
                    {"record_id", m.record_id},
                    {"channel", m.channel},
                    {"state", m.state},
                    {"recipient", m.recipient},
                    {"text", m.text},
                    {"last_error", OrNull(m.last_error)},
                    {"created_at", FormatIso8601(m.created_at)},
                    {"sent_at", TimeOrNull(m.sent_at)}};
        }
    };
    return std::visit(Visitor{}, item);
}

Json TaskChangeJson(const crm::TaskChange& change) {
    Json out = TaskJson(change.task);
    out["warnings"] = change.warnings;
    return out;
}

Json NoNextStepJson(const std::vector<crm::NoNextStepGroup>& groups) {
    Json out = Json::array();
    std::int64_t total = 0;
    for (const auto& group : groups) {
        total += group.count();
        out.push_back({{"owner_id", group.owner_id},
                       {"owner_name", group.owner_name},
                       {"leads", TitlesJson(group.leads)},
                       {"deals", TitlesJson(group.deals)},
                       {"contacts", TitlesJson(group.contacts)},
                       {"lead_count", group.lead_count},
                       {"deal_count", group.deal_count},
                       {"contact_count", group.contact_count},
                       {"count", group.count()}});
    }
    return {{"groups", std::move(out)}, {"count", total}};
}

crm::TaskFields ReadTaskFields(JsonBody& body) {
    crm::TaskFields fields;
    fields.kind =
        body.Enum<crm::TaskKind>("kind", crm::ParseTaskKind, kTaskKinds).value_or(crm::TaskKind::kTodo);
    fields.subject = body.String("subject", Presence::kRequired).value_or("");
    if (const auto due = body.String("due_at", Presence::kRequired)) {
        const auto at = ParseIso8601(*due);
        if (!at)
            body.Reject(
                Error::Validation("due_at must be an ISO 8601 time like 2026-11-27T10:00:00Z", "due_at"));
        fields.due_at = at.value_or(0);
    }
    fields.location = body.NullableString("location").value_or(std::nullopt);
    fields.assignee_id = body.NullableInt("assignee_id").value_or(std::nullopt);
    fields.department_id = body.NullableInt("department_id").value_or(std::nullopt);
    return fields;
}

std::optional<crm::TaskFields> ReadNestedTaskFields(JsonBody& body, std::string_view name) {
    auto nested = body.Nested(name);
    if (!nested) return std::nullopt;
    for (const char* field : {"record_type", "record_id"}) {
        if (nested->Contains(field)) {
            body.Reject(Error::Validation(
                fmt::format("{}.{} is the record of the completed task and cannot be given", name, field),
                fmt::format("{}.{}", name, field)));
            return std::nullopt;
        }
    }
    crm::TaskFields fields = ReadTaskFields(*nested);
    body.Adopt(*nested);
    return fields;
}

}  // namespace voronka::api
