#include "api/crm_task_handlers.hpp"

#include <fmt/format.h>

#include "api/crm_tasks_json.hpp"
#include "api/handlers.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

using crm::RecordType;

Result<crm::TaskFilter> TaskFilterOf(const Request& request) {
    crm::TaskFilter filter;
    const auto assignee = QueryInt(request, "assignee_id");
    if (!assignee) return assignee.error();
    filter.assignee_id = *assignee;
    const auto record_id = QueryInt(request, "record_id");
    if (!record_id) return record_id.error();
    filter.record_id = *record_id;
    const auto department = QueryInt(request, "department_id");
    if (!department) return department.error();
    filter.department_id = *department;
    const auto overdue = QueryBool(request, "overdue");
    if (!overdue) return overdue.error();
    filter.overdue = overdue->value_or(false);
    if (const auto type = request.QueryParam("record_type")) {
        filter.record_type = crm::ParseRecordType(*type);
        if (!filter.record_type) return NotOneOf("record_type", kTaskRecordTypes);
    }
    if (const auto status = request.QueryParam("status")) {
        if (*status != "open" && *status != "done") return NotOneOf("status", "open, done");
        filter.done = *status == "done";
    }
    return filter;
}

// An empty body counts as {} for actions whose fields are all optional.
Result<JsonBody> OptionalBody(const Request& request) {
    if (!request.body.empty()) return JsonBody::Parse(request);
    Request empty;
    empty.content_type = "application/json";
    empty.body = "{}";
    return JsonBody::Parse(empty);
}

Result<crm::TimelineRequest> TimelineRequestOf(const Request& request) {
    crm::TimelineRequest timeline;
    const auto limit = QueryInt(request, "limit");
    if (!limit) return limit.error();
    if (*limit) {
        if (**limit < 1 || **limit > kMaxPageLimit) {
            return Error::Validation(fmt::format("limit must be an integer from 1 to {}", kMaxPageLimit),
                                     "limit");
        }
        timeline.limit = static_cast<int>(**limit);
    }
    if (const auto cursor = request.QueryParam("cursor"); cursor && !cursor->empty()) {
        timeline.after = crm::DecodeTimelineCursor(*cursor);
        if (!timeline.after) return Error::Validation("cursor is not one this server gave", "cursor");
    }
    return timeline;
}

Json WarningsJson(const std::vector<std::string>& warnings) {
    return {{"warnings", warnings}};
}

}  // namespace

Response ListTasks(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto filter = TaskFilterOf(call.request);
    if (!filter) return ErrorResponse(filter.error());
    return Render(call.services.tasks.List(call.who(), *filter, *page),
                  [](const Page<crm::Task>& p) { return PageJson(p, TaskJson); });
}

Response PostTask(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewTask task;
    task.record_type =
        body->Enum<RecordType>("record_type", crm::ParseRecordType, kTaskRecordTypes, Presence::kRequired)
            .value_or(RecordType::kLead);
    task.record_id = body->Int("record_id", Presence::kRequired).value_or(0);
    task.fields = ReadTaskFields(*body);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.tasks.Create(call.who(), task), TaskJson, 201);
}

Response GetTask(Call& call) {
    return Render(call.services.tasks.Get(call.who(), call.id()), TaskJson);
}

Response PatchTask(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::TaskPatch patch;
    patch.kind = body->Enum<crm::TaskKind>("kind", crm::ParseTaskKind, kTaskKinds);
    patch.subject = body->String("subject");
    if (const auto due = body->String("due_at")) {
        patch.due_at = ParseIso8601(*due);
        if (!patch.due_at) body->Reject(Error::Validation("due_at must be an ISO 8601 time", "due_at"));
    }
    patch.location = body->NullableString("location");
    patch.assignee_id = body->Int("assignee_id");
    patch.department_id = body->NullableInt("department_id");
    patch.record_type = body->Enum<RecordType>("record_type", crm::ParseRecordType, kTaskRecordTypes);
    patch.record_id = body->Int("record_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.tasks.Update(call.who(), call.id(), patch), TaskChangeJson);
}

Response DeleteTask(Call& call) {
    const auto warnings = call.services.tasks.Delete(call.who(), call.id());
    if (!warnings) return ErrorResponse(warnings.error());
    if (warnings->empty()) return NoContent();
    return JsonResponse(WarningsJson(*warnings));
}

Response CompleteTask(Call& call) {
    auto body = OptionalBody(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::TaskCompletion completion;
    completion.result = body->NullableString("result").value_or(std::nullopt);
    completion.next_task = ReadNestedTaskFields(*body, "next_task");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.tasks.Complete(call.who(), call.id(), completion),
                  [](const crm::TaskChange& c) {
                      Json out = TaskChangeJson(c);
                      out["next_task"] = c.next_task ? TaskJson(*c.next_task) : Json(nullptr);
                      return out;
                  });
}

template <RecordType kType>
Response ListNotes(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.notes.List(call.who(), kType, call.id(), *page),
                  [](const Page<crm::Note>& p) { return PageJson(p, NoteJson); });
}

template <RecordType kType>
Response PostNote(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const std::string text = body->String("text", Presence::kRequired).value_or("");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.notes.Add(call.who(), kType, call.id(), text), NoteJson, 201);
}

template <RecordType kType>
Response GetHistory(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.timelines.History(call.who(), kType, call.id(), *page),
                  [](const Page<crm::HistoryEntry>& p) { return PageJson(p, HistoryJson); });
}

template <RecordType kType>
Response GetTimeline(Call& call) {
    const auto request = TimelineRequestOf(call.request);
    if (!request) return ErrorResponse(request.error());
    return Render(call.services.timelines.Timeline(call.who(), kType, call.id(), *request),
                  [](const Page<crm::TimelineItem>& p) { return PageJson(p, TimelineItemJson); });
}

Response GetNoNextStep(Call& call) {
    const auto limit = QueryInt(call.request, "limit");
    if (!limit) return ErrorResponse(limit.error());
    return Render(call.services.next_step_control.NoNextStep(call.who(), *limit), NoNextStepJson);
}

#define VORONKA_RECORD_HANDLERS(type)                \
    template Response ListNotes<type>(Call & call);  \
    template Response PostNote<type>(Call & call);   \
    template Response GetHistory<type>(Call & call); \
    template Response GetTimeline<type>(Call & call);
VORONKA_RECORD_HANDLERS(RecordType::kLead)
VORONKA_RECORD_HANDLERS(RecordType::kDeal)
VORONKA_RECORD_HANDLERS(RecordType::kContact)
VORONKA_RECORD_HANDLERS(RecordType::kCompany)
#undef VORONKA_RECORD_HANDLERS

}  // namespace voronka::api
