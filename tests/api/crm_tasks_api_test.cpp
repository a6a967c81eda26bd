// Tasks and the enforced next step, notes, history, timelines and the no-next-step control; over
// HTTP against the real binary on each back end. Records come from the real lead, deal and contact
// routes; records "imported" without tasks are written with test SQL (tests/api/sql/crm_tasks_*).
#include <set>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "core/time.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;
using store::Param;

// Every row of the tables a task, note or won deal may change.
struct CrmSnapshot {
    std::vector<std::string> tasks, notes, history, contacts;
    bool operator==(const CrmSnapshot&) const = default;
};

void PrintTo(const CrmSnapshot& s, std::ostream* out) {
    *out << s.tasks.size() << " tasks, " << s.notes.size() << " notes, " << s.history.size() << " history, "
         << s.contacts.size() << " contacts";
}

class CrmTasksApi : public ApiTest {
protected:
    CrmSnapshot Crm() {
        CrmSnapshot s;
        db().Read([&](store::Transaction& tx) {
            for (const auto& row : tx.Fetch(sql::kCrmTasksSnapshotTasks)) s.tasks.push_back(RenderRow(row));
            for (const auto& row : tx.Fetch(sql::kCrmTasksSnapshotNotes)) s.notes.push_back(RenderRow(row));
            for (const auto& row : tx.Fetch(sql::kCrmTasksSnapshotHistory))
                s.history.push_back(RenderRow(row));
            for (const auto& row : tx.Fetch(sql::kCrmTasksSnapshotContacts))
                s.contacts.push_back(RenderRow(row));
        });
        return s;
    }

    std::int64_t Created(const HttpResponse& response) {
        EXPECT_EQ(response.status, 201) << response.body;
        return response.status == 201 ? response.Json().at("id").get<std::int64_t>() : 0;
    }
    std::int64_t NewLead(const std::string& token, const std::string& title = "Лид с сайта") {
        return Created(http().Post("/api/v1/leads", {{"title", title}}, token));
    }
    std::int64_t NewDeal(const std::string& token, json body = {{"title", "Поставка станков"}}) {
        return Created(http().Post("/api/v1/deals", body, token));
    }

    json Tasks(const std::string& token, const std::string& query) {
        const HttpResponse response = http().Get("/api/v1/tasks?" + query, token);
        EXPECT_EQ(response.status, 200) << response.body;
        return response.status == 200 ? response.Json().at("items") : json::array();
    }
    json OpenTasks(std::string_view type, std::int64_t id) {
        return Tasks(AdminToken(),
                     "status=open&record_type=" + std::string(type) + "&record_id=" + std::to_string(id));
    }
    std::int64_t OnlyOpenTask(std::string_view type, std::int64_t id) {
        const json tasks = OpenTasks(type, id);
        EXPECT_EQ(tasks.size(), 1u) << tasks;
        return tasks.empty() ? 0 : tasks.at(0).at("id").get<std::int64_t>();
    }

    json NewTaskBody(std::string_view type, std::int64_t id, std::string subject = "Перезвонить",
                     std::string due = "2030-01-15T09:00:00Z") {
        return {{"record_type", type},
                {"record_id", id},
                {"kind", "call"},
                {"subject", subject},
                {"due_at", due}};
    }
    std::string TaskPath(std::int64_t id, std::string_view rest = "") {
        return "/api/v1/tasks/" + std::to_string(id) + std::string(rest);
    }

    void SetPolicy(std::string_view policy) {
        const HttpResponse r = http().Patch("/api/v1/settings", {{"next_step_policy", policy}}, AdminToken());
        ASSERT_EQ(r.status, 200) << r.body;
    }

    // A lead or deal written straight into the database, as an import would: no task.
    std::int64_t ImportedRecord(std::string_view type, std::int64_t owner_id, const std::string& title) {
        const auto [pipeline, stage] = DefaultStage(type, "open");
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(type == "lead" ? sql::kCrmTasksInsertLead : sql::kCrmTasksInsertDeal,
                             {Param(owner_id), Param(title), Param(pipeline), Param(stage),
                              Param(std::int64_t{1795000000})});
        });
    }
    std::int64_t ImportedClient(std::int64_t owner_id, const std::string& name) {
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(sql::kCrmTasksInsertClient,
                             {Param(owner_id), Param(name), Param(std::int64_t{1795000000})});
        });
    }

    // The ids of one type in the caller's no-next-step report, and the report's total count.
    std::set<std::int64_t> Violations(const std::string& token, const std::string& type,
                                      int* total = nullptr) {
        const HttpResponse r = http().Get("/api/v1/control/no-next-step", token);
        EXPECT_EQ(r.status, 200) << r.body;
        std::set<std::int64_t> ids;
        if (r.status != 200) return ids;
        int sum = 0;
        const json report = r.Json();
        for (const auto& group : report.at("groups")) {
            EXPECT_EQ(group.at("count").get<int>(),
                      static_cast<int>(group.at("leads").size() + group.at("deals").size() +
                                       group.at("contacts").size()));
            sum += group.at("count").get<int>();
            for (const auto& record : group.at(type + "s")) ids.insert(record.at("id").get<std::int64_t>());
        }
        EXPECT_EQ(report.at("count").get<int>(), sum);
        if (total != nullptr) *total = sum;
        return ids;
    }
};

TEST_P(CrmTasksApi, NewLeadGetsItsFirstTaskForItsOwner) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const UnixTime before = std::time(nullptr);
    const std::int64_t lead = NewLead(ivanov);
    const json tasks = OpenTasks("lead", lead);
    ASSERT_EQ(tasks.size(), 1u) << tasks;
    const json& task = tasks.at(0);
    EXPECT_EQ(task.at("kind"), "call");
    EXPECT_EQ(task.at("subject"), "Обработать новый лид");
    EXPECT_EQ(task.at("status"), "open");
    EXPECT_EQ(task.at("assignee_id"), UserId(kIvanovEmail));
    EXPECT_EQ(task.at("owner_id"), UserId(kIvanovEmail));
    const auto due = ParseIso8601(task.at("due_at").get<std::string>());
    ASSERT_TRUE(due);
    EXPECT_GE(*due, before + 3600);
    EXPECT_LE(*due, before + 3600 + 60);
    // The owner sees it in their own list.
    bool listed = false;
    for (const auto& t : Tasks(ivanov, "limit=200&assignee_id=" + std::to_string(UserId(kIvanovEmail)))) {
        if (t.at("id") == task.at("id")) listed = true;
    }
    EXPECT_TRUE(listed);
}

TEST_P(CrmTasksApi, ATaskOnACompanyIsForThoseWhoSeeTheCompany) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::string volkov = SignIn(kVolkovEmail);
    const std::int64_t company = Created(http().Post("/api/v1/companies", {{"name", "ООО Ромашка"}}, ivanov));

    const CrmSnapshot before = Crm();
    // A record out of sight is named in the body, so it is refused like a missing one (see below).
    EXPECT_TRUE(IsError(http().Post("/api/v1/tasks", NewTaskBody("company", company), volkov), 422,
                        "validation_failed", "record_id"));
    EXPECT_EQ(Crm(), before);

    const std::int64_t task =
        Created(http().Post("/api/v1/tasks", NewTaskBody("company", company, "Выставить счёт"), ivanov));
    EXPECT_EQ(OnlyOpenTask("company", company), task);
    const json got = http().Get(TaskPath(task), ivanov).Json();
    EXPECT_EQ(got["record_type"], "company");
    EXPECT_EQ(got["record_id"], company);
    EXPECT_EQ(got["subject"], "Выставить счёт");
    EXPECT_EQ(http().Get(TaskPath(task), volkov).status, 404);
}

TEST_P(CrmTasksApi, NewDealGetsItsFirstTask) {
    const std::int64_t deal = NewDeal(SignIn(kSokolovaEmail));
    const json tasks = OpenTasks("deal", deal);
    ASSERT_EQ(tasks.size(), 1u) << tasks;
    EXPECT_EQ(tasks.at(0).at("assignee_id"), UserId(kSokolovaEmail));
}

TEST_P(CrmTasksApi, FirstTaskFollowsTheSettings) {
    const HttpResponse patched = http().Patch("/api/v1/settings",
                                              {{"first_task_kind", "email"},
                                               {"first_task_subject", "Написать клиенту"},
                                               {"first_task_due", "PT2H"}},
                                              AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    const UnixTime before = std::time(nullptr);
    const json tasks = OpenTasks("lead", NewLead(SignIn(kIvanovEmail)));
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks.at(0).at("kind"), "email");
    EXPECT_EQ(tasks.at(0).at("subject"), "Написать клиенту");
    const auto due = ParseIso8601(tasks.at(0).at("due_at").get<std::string>());
    ASSERT_TRUE(due);
    EXPECT_GE(*due, before + 7200);
    EXPECT_LE(*due, before + 7200 + 60);
}

TEST_P(CrmTasksApi, CompletingTheLastOpenTaskWithoutANextTaskIsRefusedAndNothingChanges) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t task = OnlyOpenTask("lead", NewLead(ivanov));
    const CrmSnapshot before = Crm();
    EXPECT_TRUE(IsError(http().Post(TaskPath(task, "/complete"), {{"result", "Дозвонился"}}, ivanov), 409,
                        "next_step_required"));
    EXPECT_TRUE(
        IsError(http().Post(TaskPath(task, "/complete"), json::object(), ivanov), 409, "next_step_required"));
    EXPECT_EQ(Crm(), before);
    EXPECT_EQ(http().Get(TaskPath(task), ivanov).Json().at("status"), "open");
}

TEST_P(CrmTasksApi, CompletingWithANextTaskClosesItAndOpensTheNextInOneStep) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::int64_t task = OnlyOpenTask("lead", lead);
    const HttpResponse done = http().Post(TaskPath(task, "/complete"),
                                          {{"result", "Договорились о встрече"},
                                           {"next_task",
                                            {{"kind", "meeting"},
                                             {"subject", "Встреча в офисе"},
                                             {"due_at", "2030-02-01T10:00:00Z"},
                                             {"location", "Москва, Тверская 1"}}}},
                                          ivanov);
    ASSERT_EQ(done.status, 200) << done.body;
    const json answer = done.Json();
    EXPECT_EQ(answer.at("status"), "done");
    EXPECT_EQ(answer.at("result"), "Договорились о встрече");
    EXPECT_FALSE(answer.at("done_at").is_null());
    EXPECT_TRUE(answer.at("warnings").empty());
    const json& next = answer.at("next_task");
    EXPECT_EQ(next.at("status"), "open");
    EXPECT_EQ(next.at("record_type"), "lead");
    EXPECT_EQ(next.at("record_id"), lead);
    EXPECT_EQ(next.at("location"), "Москва, Тверская 1");
    EXPECT_EQ(next.at("due_at"), "2030-02-01T10:00:00Z");
    EXPECT_EQ(next.at("assignee_id"), UserId(kIvanovEmail));
    EXPECT_EQ(OnlyOpenTask("lead", lead), next.at("id").get<std::int64_t>());
    EXPECT_EQ(Tasks(ivanov, "status=done&record_type=lead&record_id=" + std::to_string(lead)).size(), 1u);
}

TEST_P(CrmTasksApi, CompletingADoneTaskIsAConflictAndChangesNothing) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t task = OnlyOpenTask("lead", NewLead(ivanov));
    const json next = {{"subject", "Ещё звонок"}, {"due_at", "2030-01-01T10:00:00Z"}};
    ASSERT_EQ(http().Post(TaskPath(task, "/complete"), {{"next_task", next}}, ivanov).status, 200);
    const CrmSnapshot before = Crm();
    EXPECT_TRUE(
        IsError(http().Post(TaskPath(task, "/complete"), {{"next_task", next}}, ivanov), 409, "conflict"));
    EXPECT_TRUE(IsError(http().Patch(TaskPath(task), {{"subject", "Новое"}}, ivanov), 409, "conflict"));
    EXPECT_EQ(Crm(), before);
}

TEST_P(CrmTasksApi, UnderTheWarnPolicyTheLastTaskMayBeCompletedWithAWarning) {
    SetPolicy("warn");
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const HttpResponse done =
        http().Post(TaskPath(OnlyOpenTask("lead", lead), "/complete"), {{"result", "Нет"}}, ivanov);
    ASSERT_EQ(done.status, 200) << done.body;
    ASSERT_EQ(done.Json().at("warnings").size(), 1u);
    EXPECT_FALSE(done.Json().at("warnings").at(0).get<std::string>().empty());
    EXPECT_TRUE(done.Json().at("next_task").is_null());
    EXPECT_TRUE(OpenTasks("lead", lead).empty());
    EXPECT_TRUE(Violations(ivanov, "lead").contains(lead));

    // Deleting the last task warns too: 200 with the warning instead of 204.
    const std::int64_t other = NewLead(ivanov);
    const HttpResponse deleted = http().Delete(TaskPath(OnlyOpenTask("lead", other)), ivanov);
    ASSERT_EQ(deleted.status, 200) << deleted.body;
    EXPECT_EQ(deleted.Json().at("warnings").size(), 1u);
}

TEST_P(CrmTasksApi, DeletingOrMovingAwayTheLastOpenTaskIsRefused) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::int64_t other = NewLead(ivanov, "Другой лид");
    const std::int64_t task = OnlyOpenTask("lead", lead);
    const CrmSnapshot before = Crm();
    EXPECT_TRUE(IsError(http().Delete(TaskPath(task), ivanov), 409, "next_step_required"));
    EXPECT_TRUE(IsError(http().Patch(TaskPath(task), {{"record_type", "lead"}, {"record_id", other}}, ivanov),
                        409, "next_step_required"));
    EXPECT_EQ(Crm(), before);

    // With a second open task the first may go, and then the second may move nowhere else.
    const HttpResponse second = http().Post("/api/v1/tasks", NewTaskBody("lead", lead), ivanov);
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(http().Delete(TaskPath(task), ivanov).status, 204);
    EXPECT_TRUE(IsError(http().Get(TaskPath(task), ivanov), 404, "not_found"));
    const std::int64_t second_id = second.Json().at("id");
    EXPECT_TRUE(
        IsError(http().Patch(TaskPath(second_id), {{"record_type", "lead"}, {"record_id", other}}, ivanov),
                409, "next_step_required"));
    // Changing other fields of the last task is fine.
    const HttpResponse patched = http().Patch(TaskPath(second_id), {{"subject", "Уточнить бюджет"}}, ivanov);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("subject"), "Уточнить бюджет");
}

TEST_P(CrmTasksApi, MovingATaskToAnotherRecordFollowsThatRecordsOwner) {
    const std::string head = SignIn(kHeadEmail);
    const std::int64_t lead = NewLead(SignIn(kIvanovEmail));
    const std::int64_t deal = NewDeal(SignIn(kSokolovaEmail));
    const HttpResponse extra = http().Post("/api/v1/tasks", NewTaskBody("lead", lead), head);
    ASSERT_EQ(extra.status, 201) << extra.body;
    const HttpResponse moved =
        http().Patch(TaskPath(extra.Json().at("id")), {{"record_type", "deal"}, {"record_id", deal}}, head);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.Json().at("record_type"), "deal");
    EXPECT_EQ(moved.Json().at("owner_id"), UserId(kSokolovaEmail));
    EXPECT_TRUE(moved.Json().at("warnings").empty());
}

TEST_P(CrmTasksApi, ClosingTheDealEndsTheRequirement) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t deal = NewDeal(ivanov);
    const std::int64_t task = OnlyOpenTask("deal", deal);
    const auto [pipeline, lost] = DefaultStage("deal", "lost");
    const HttpResponse closed = http().Patch("/api/v1/deals/" + std::to_string(deal),
                                             {{"stage_id", lost}, {"lost_reason", "Дорого"}}, ivanov);
    ASSERT_EQ(closed.status, 200) << closed.body;
    const HttpResponse done = http().Post(TaskPath(task, "/complete"), {{"result", "Закрыли"}}, ivanov);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_TRUE(done.Json().at("warnings").empty());
    EXPECT_FALSE(Violations(ivanov, "deal").contains(deal));
}

TEST_P(CrmTasksApi, WonDealMakesTheContactAClientWithAPostSaleCall) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t contact = Created(http().Post("/api/v1/contacts", {{"name", "Пётр Смирнов"}}, ivanov));
    const std::int64_t deal = NewDeal(ivanov, {{"title", "Станок"}, {"contact_id", contact}});
    EXPECT_TRUE(OpenTasks("contact", contact).empty());
    const auto [pipeline, won] = DefaultStage("deal", "won");
    const UnixTime before = std::time(nullptr);
    const HttpResponse closed =
        http().Patch("/api/v1/deals/" + std::to_string(deal), {{"stage_id", won}}, ivanov);
    ASSERT_EQ(closed.status, 200) << closed.body;

    const HttpResponse read = http().Get("/api/v1/contacts/" + std::to_string(contact), ivanov);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json().at("is_client"), true);
    const json tasks = OpenTasks("contact", contact);
    ASSERT_EQ(tasks.size(), 1u) << tasks;
    EXPECT_EQ(tasks.at(0).at("kind"), "call");
    EXPECT_EQ(tasks.at(0).at("subject"), "Узнать отзыв клиента");
    EXPECT_EQ(tasks.at(0).at("assignee_id"), UserId(kIvanovEmail));
    const auto due = ParseIso8601(tasks.at(0).at("due_at").get<std::string>());
    ASSERT_TRUE(due);
    EXPECT_GE(*due, before + 3 * 86400);
    EXPECT_LE(*due, before + 3 * 86400 + 60);

    // The client now needs a next step of its own.
    EXPECT_TRUE(IsError(http().Post(TaskPath(tasks.at(0).at("id"), "/complete"), json::object(), ivanov), 409,
                        "next_step_required"));
    // The won deal does not.
    const HttpResponse deal_done =
        http().Post(TaskPath(OnlyOpenTask("deal", deal), "/complete"), {{"result", "Продано"}}, ivanov);
    EXPECT_EQ(deal_done.status, 200) << deal_done.body;
}

TEST_P(CrmTasksApi, OverdueListsOnlyOpenTasksDueInThePast) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const HttpResponse late =
        http().Post("/api/v1/tasks", NewTaskBody("lead", lead, "Просрочено", "2020-01-01T00:00:00Z"), ivanov);
    const HttpResponse future =
        http().Post("/api/v1/tasks", NewTaskBody("lead", lead, "Потом", "2099-01-01T00:00:00Z"), ivanov);
    ASSERT_EQ(late.status, 201) << late.body;
    ASSERT_EQ(future.status, 201) << future.body;
    auto ids = [&](const json& items) {
        std::set<std::int64_t> out;
        for (const auto& t : items) out.insert(t.at("id").get<std::int64_t>());
        return out;
    };
    const std::int64_t late_id = late.Json().at("id");
    const std::string of_lead = "&record_type=lead&record_id=" + std::to_string(lead);
    EXPECT_EQ(ids(Tasks(ivanov, "overdue=true" + of_lead)), std::set<std::int64_t>{late_id});
    const UnixTime now = std::time(nullptr);
    for (const auto& t : Tasks(ivanov, "overdue=true&limit=200")) {
        EXPECT_EQ(t.at("status"), "open") << t;
        EXPECT_LT(*ParseIso8601(t.at("due_at").get<std::string>()), now) << t;
    }
    ASSERT_EQ(http().Post(TaskPath(late_id, "/complete"), {{"result", "Сделано"}}, ivanov).status, 200);
    EXPECT_TRUE(Tasks(ivanov, "overdue=true" + of_lead).empty());
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/tasks?overdue=maybe", ivanov), 422, "validation_failed", "overdue"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/tasks?status=later", ivanov), 422, "validation_failed", "status"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/tasks?record_type=lead", ivanov), 422, "validation_failed", "record_id"));
}

TEST_P(CrmTasksApi, BadTaskInputIsRefusedAndNothingChanges) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::int64_t foreign = NewLead(SignIn(kSokolovaEmail));
    const std::int64_t task = OnlyOpenTask("lead", lead);
    const std::int64_t deleted = NewLead(ivanov, "Удалённый");
    const std::int64_t deleted_task = OnlyOpenTask("lead", deleted);
    db().Write([&](store::Transaction& tx) {
        tx.Execute(sql::kCrmTasksDeleteLead, {Param(deleted), Param(std::int64_t{1795000000})});
    });
    // The tasks of a deleted record go out of sight with it.
    EXPECT_TRUE(IsError(http().Get(TaskPath(deleted_task), ivanov), 404, "not_found"));
    EXPECT_TRUE(OpenTasks("lead", deleted).empty());
    const CrmSnapshot before = Crm();
    auto with = [&](json body, const std::string& key, json value) {
        body[key] = value;
        return body;
    };
    const json good = NewTaskBody("lead", lead);
    const std::pair<json, std::string> cases[] = {
        {with(good, "kind", "visit"), "kind"},
        {with(good, "due_at", "завтра"), "due_at"},
        {with(good, "subject", "  "), "subject"},
        {with(good, "location", "Офис"), "location"},
        {with(good, "record_type", "pipeline"), "record_type"},
        {with(good, "record_id", foreign), "record_id"},
        {with(good, "record_id", deleted), "record_id"},
        {with(good, "record_id", 999999), "record_id"},
        {with(good, "assignee_id", UserId(kSokolovaEmail)), "assignee_id"},
        {with(good, "department_id", 999999), "department_id"},
        {with(good, "priority", "high"), "priority"},
    };
    for (const auto& [body, field] : cases) {
        SCOPED_TRACE(body.dump());
        EXPECT_TRUE(IsError(http().Post("/api/v1/tasks", body, ivanov), 422, "validation_failed", field));
    }
    const json next = {{"subject", "Дальше"}, {"due_at", "2030-01-01T10:00:00Z"}};
    EXPECT_TRUE(IsError(
        http().Post(TaskPath(task, "/complete"), {{"next_task", with(next, "record_id", lead)}}, ivanov), 422,
        "validation_failed", "next_task.record_id"));
    EXPECT_TRUE(
        IsError(http().Post(TaskPath(task, "/complete"), {{"next_task", with(next, "due_at", "x")}}, ivanov),
                422, "validation_failed", "next_task.due_at"));
    EXPECT_TRUE(
        IsError(http().Post(TaskPath(task, "/complete"),
                            {{"next_task", with(next, "assignee_id", UserId(kSokolovaEmail))}}, ivanov),
                422, "validation_failed", "next_task.assignee_id"));
    EXPECT_TRUE(IsError(http().Post(TaskPath(task, "/complete"), {{"next_task", "tomorrow"}}, ivanov), 422,
                        "validation_failed", "next_task"));
    EXPECT_TRUE(IsError(http().Patch(TaskPath(task), {{"record_id", lead}}, ivanov), 422, "validation_failed",
                        "record_type"));
    EXPECT_TRUE(
        IsError(http().Patch(TaskPath(task), {{"record_type", "lead"}, {"record_id", foreign}}, ivanov), 422,
                "validation_failed", "record_id"));
    EXPECT_EQ(Crm(), before);
}

TEST_P(CrmTasksApi, AManagerNeverSeesOrChangesAnotherManagersTasksNotesOrTimeline) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::string sokolova = SignIn(kSokolovaEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::int64_t task = OnlyOpenTask("lead", lead);
    ASSERT_EQ(
        http().Post("/api/v1/leads/" + std::to_string(lead) + "/notes", {{"text", "Секрет"}}, ivanov).status,
        201);
    const std::string lead_path = "/api/v1/leads/" + std::to_string(lead);
    const CrmSnapshot before = Crm();

    EXPECT_TRUE(IsError(http().Get(TaskPath(task), sokolova), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch(TaskPath(task), {{"subject", "Моё"}}, sokolova), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(TaskPath(task), sokolova), 404, "not_found"));
    EXPECT_TRUE(IsError(
        http().Post(TaskPath(task, "/complete"),
                    {{"next_task", {{"subject", "x"}, {"due_at", "2030-01-01T00:00:00Z"}}}}, sokolova),
        404, "not_found"));
    for (const char* rest : {"/notes", "/history", "/timeline"}) {
        SCOPED_TRACE(rest);
        EXPECT_TRUE(IsError(http().Get(lead_path + rest, sokolova), 404, "not_found"));
    }
    EXPECT_TRUE(
        IsError(http().Post(lead_path + "/notes", {{"text", "Чужая заметка"}}, sokolova), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/tasks", NewTaskBody("lead", lead), sokolova), 422,
                        "validation_failed", "record_id"));
    for (const auto& t : Tasks(sokolova, "limit=200")) EXPECT_NE(t.at("owner_id"), UserId(kIvanovEmail)) << t;
    EXPECT_TRUE(Tasks(sokolova, "record_type=lead&record_id=" + std::to_string(lead)).empty());
    EXPECT_EQ(Crm(), before);

    // The head of their department sees all of it.
    const std::string head = SignIn(kHeadEmail);
    EXPECT_EQ(http().Get(TaskPath(task), head).status, 200);
    EXPECT_EQ(http().Get(lead_path + "/timeline", head).status, 200);
    EXPECT_EQ(http().Get(lead_path + "/notes", head).Json().at("items").size(), 1u);

    // A task assigned to a manager on a record they cannot see is theirs to see and work.
    json assign = NewTaskBody("lead", lead);
    assign["assignee_id"] = UserId(kSokolovaEmail);
    const HttpResponse assigned = http().Post("/api/v1/tasks", assign, head);
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    EXPECT_EQ(http().Get(TaskPath(assigned.Json().at("id")), sokolova).status, 200);
    EXPECT_TRUE(IsError(http().Get(lead_path + "/timeline", sokolova), 404, "not_found"));
}

TEST_P(CrmTasksApi, ATaskNamesItsRecordOnlyToThoseWhoSeeTheRecord) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov, "Поставка для Ромашки");
    json assign = NewTaskBody("lead", lead, "Позвонить вместо Иванова");
    assign["assignee_id"] = UserId(kSokolovaEmail);
    const HttpResponse assigned = http().Post("/api/v1/tasks", assign, SignIn(kHeadEmail));
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    EXPECT_EQ(assigned.Json().at("record_title"), "Поставка для Ромашки");
    const std::int64_t task = assigned.Json().at("id");

    // The owner of the record is told its title, in the task and in the list.
    EXPECT_EQ(http().Get(TaskPath(task), ivanov).Json().at("record_title"), "Поставка для Ромашки");
    const json owners = Tasks(ivanov, "record_type=lead&record_id=" + std::to_string(lead));
    ASSERT_FALSE(owners.empty());
    for (const auto& t : owners) EXPECT_EQ(t.at("record_title"), "Поставка для Ромашки") << t;

    // The assignee sees the task but not the record: no title, wherever the task is shown.
    const std::string sokolova = SignIn(kSokolovaEmail);
    const HttpResponse got = http().Get(TaskPath(task), sokolova);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_TRUE(got.Json().at("record_title").is_null()) << got.body;
    bool listed = false;
    for (const auto& t : Tasks(sokolova, "limit=200&assignee_id=" + std::to_string(UserId(kSokolovaEmail)))) {
        if (t.at("id") != task) continue;
        listed = true;
        EXPECT_TRUE(t.at("record_title").is_null()) << t;
    }
    EXPECT_TRUE(listed);
    const HttpResponse changed = http().Patch(TaskPath(task), {{"subject", "Позвонить утром"}}, sokolova);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_TRUE(changed.Json().at("record_title").is_null()) << changed.body;
    EXPECT_TRUE(IsError(http().Get("/api/v1/leads/" + std::to_string(lead), sokolova), 404, "not_found"));
}

TEST_P(CrmTasksApi, ADepartmentsQueueIsVisibleToItsUsersOnly) {
    const std::int64_t lead = NewLead(SignIn(kIvanovEmail));
    const std::int64_t sales = DepartmentId(kSalesDepartment);
    json body = NewTaskBody("lead", lead, "Общий звонок");
    body["department_id"] = sales;
    const HttpResponse queued = http().Post("/api/v1/tasks", body, SignIn(kHeadEmail));
    ASSERT_EQ(queued.status, 201) << queued.body;
    const std::int64_t task = queued.Json().at("id");
    EXPECT_EQ(queued.Json().at("department_id"), sales);

    const std::string sokolova = SignIn(kSokolovaEmail);
    bool queued_for_her = false;
    for (const auto& t : Tasks(sokolova, "limit=200&department_id=" + std::to_string(sales))) {
        EXPECT_EQ(t.at("department_id"), sales) << t;
        if (t.at("id") == task) queued_for_her = true;
    }
    EXPECT_TRUE(queued_for_her);
    EXPECT_EQ(http().Get(TaskPath(task), sokolova).status, 200);
    const std::string volkov = SignIn(kVolkovEmail);
    for (const auto& t : Tasks(volkov, "limit=200&department_id=" + std::to_string(sales)))
        EXPECT_NE(t.at("id"), task);
    EXPECT_TRUE(IsError(http().Get(TaskPath(task), volkov), 404, "not_found"));
}

TEST_P(CrmTasksApi, NotesAreAddedByTheCallerAndListedNewestFirst) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::string path = "/api/v1/leads/" + std::to_string(lead) + "/notes";
    const HttpResponse first = http().Post(path, {{"text", "Первая\nвторая строка"}}, ivanov);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.Json().at("author_id"), UserId(kIvanovEmail));
    EXPECT_EQ(first.Json().at("text"), "Первая\nвторая строка");
    ASSERT_EQ(http().Post(path, {{"text", "Вторая"}}, ivanov).status, 201);
    const json page = http().Get(path + "?limit=1", ivanov).Json();
    ASSERT_EQ(page.at("items").size(), 1u);
    EXPECT_EQ(page.at("items").at(0).at("text"), "Вторая");
    const json rest =
        http().Get(path + "?limit=1&cursor=" + page.at("next_cursor").get<std::string>(), ivanov).Json();
    ASSERT_EQ(rest.at("items").size(), 1u);
    EXPECT_EQ(rest.at("items").at(0).at("text"), "Первая\nвторая строка");

    const CrmSnapshot before = Crm();
    EXPECT_TRUE(IsError(http().Post(path, {{"text", ""}}, ivanov), 422, "validation_failed", "text"));
    EXPECT_TRUE(IsError(http().Post(path, {{"text", std::string(10001, 'a')}}, ivanov), 422,
                        "validation_failed", "text"));
    EXPECT_TRUE(IsError(http().Post(path, json::object(), ivanov), 422, "validation_failed", "text"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/deals/999999/notes", {{"text", "x"}}, ivanov), 404, "not_found"));
    EXPECT_EQ(Crm(), before);
    EXPECT_EQ(http().Post(path, {{"text", std::string(10000, 'a')}}, ivanov).status, 201);
}

TEST_P(CrmTasksApi, TimelineMergesNotesTasksStageMovesAndHistoryNewestFirst) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = NewLead(ivanov);
    const std::string base = "/api/v1/leads/" + std::to_string(lead);
    ASSERT_EQ(http().Post(base + "/notes", {{"text", "Звонил"}}, ivanov).status, 201);
    ASSERT_EQ(http().Patch(base, {{"title", "Новое название"}}, ivanov).status, 200);

    const HttpResponse all = http().Get(base + "/timeline", ivanov);
    ASSERT_EQ(all.status, 200) << all.body;
    const json items = all.Json().at("items");
    std::set<std::string> types;
    for (const auto& item : items) types.insert(item.at("type").get<std::string>());
    EXPECT_TRUE(types.contains("note")) << items;
    EXPECT_TRUE(types.contains("task")) << items;
    EXPECT_TRUE(types.contains("history")) << items;
    for (std::size_t i = 1; i < items.size(); ++i)
        EXPECT_GE(items[i - 1].at("at"), items[i].at("at")) << items;

    // Walking it one item a page gives the same items in the same order.
    json walked = json::array();
    std::string cursor;
    for (int guard = 0; guard < 100; ++guard) {
        const HttpResponse page =
            http().Get(base + "/timeline?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), ivanov);
        ASSERT_EQ(page.status, 200) << page.body;
        const json body = page.Json();
        for (const auto& item : body.at("items")) walked.push_back(item);
        if (body.at("next_cursor").is_null()) break;
        cursor = body.at("next_cursor").get<std::string>();
    }
    EXPECT_EQ(walked, items);

    const HttpResponse history = http().Get(base + "/history", ivanov);
    ASSERT_EQ(history.status, 200) << history.body;
    bool renamed = false;
    const json entries = history.Json().at("items");
    for (const auto& entry : entries) {
        if (entry.at("field") == "title" && entry.at("new_value") == "Новое название") renamed = true;
    }
    EXPECT_TRUE(renamed) << history.body;
    EXPECT_TRUE(
        IsError(http().Get(base + "/timeline?cursor=zzz", ivanov), 422, "validation_failed", "cursor"));
    EXPECT_TRUE(IsError(http().Get(base + "/timeline?limit=0", ivanov), 422, "validation_failed", "limit"));
}

TEST_P(CrmTasksApi, ADealConvertedFromALeadCarriesItsOpenTasksNotesAndShowsTheLeadsPast) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = Created(
        http().Post("/api/v1/leads",
                    {{"title", "Станки"}, {"name", "Анна Орлова"}, {"company_name", "ООО Орёл"}}, ivanov));
    const std::string lead_path = "/api/v1/leads/" + std::to_string(lead);
    ASSERT_EQ(http().Post(lead_path + "/notes", {{"text", "Интерес к станкам"}}, ivanov).status, 201);
    const std::int64_t first = OnlyOpenTask("lead", lead);
    const HttpResponse done = http().Post(
        TaskPath(first, "/complete"),
        {{"next_task", {{"subject", "Выставить КП"}, {"due_at", "2030-03-01T10:00:00Z"}}}}, ivanov);
    ASSERT_EQ(done.status, 200) << done.body;
    const std::int64_t open = done.Json().at("next_task").at("id");

    const HttpResponse converted = http().Post(lead_path + "/convert", json::object(), ivanov);
    ASSERT_EQ(converted.status, 200) << converted.body;
    const std::int64_t deal = converted.Json().at("deal_id");
    const json deal_tasks = OpenTasks("deal", deal);
    std::set<std::int64_t> open_ids;
    for (const auto& t : deal_tasks) open_ids.insert(t.at("id").get<std::int64_t>());
    EXPECT_TRUE(open_ids.contains(open)) << deal_tasks;

    const std::string deal_path = "/api/v1/deals/" + std::to_string(deal);
    const json notes = http().Get(deal_path + "/notes", ivanov).Json().at("items");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes.at(0).at("text"), "Интерес к станкам");

    const json timeline = http().Get(deal_path + "/timeline?limit=200", ivanov).Json().at("items");
    bool lead_task = false, lead_history = false;
    for (const auto& item : timeline) {
        if (item.at("type") == "task" && item.at("id") == first) lead_task = true;
        if (item.at("type") == "history" && item.at("record_type") == "lead") lead_history = true;
    }
    EXPECT_TRUE(lead_task) << timeline;
    EXPECT_TRUE(lead_history) << timeline;
}

TEST_P(CrmTasksApi, NoNextStepReportListsOnlyVisibleViolationsIncludingImportedRecords) {
    const std::int64_t ivanov_id = UserId(kIvanovEmail);
    const std::int64_t sokolova_id = UserId(kSokolovaEmail);
    const std::int64_t lead = ImportedRecord("lead", ivanov_id, "Импорт: лид");
    const std::int64_t deal = ImportedRecord("deal", ivanov_id, "Импорт: сделка");
    const std::int64_t client = ImportedClient(ivanov_id, "Импорт: клиент");
    const std::int64_t foreign = ImportedRecord("lead", sokolova_id, "Чужой импорт");
    const std::int64_t served = NewLead(SignIn(kIvanovEmail));

    const std::string ivanov = SignIn(kIvanovEmail);
    const auto leads = Violations(ivanov, "lead");
    EXPECT_TRUE(leads.contains(lead));
    EXPECT_FALSE(leads.contains(foreign));
    EXPECT_FALSE(leads.contains(served));
    EXPECT_TRUE(Violations(ivanov, "deal").contains(deal));
    EXPECT_TRUE(Violations(ivanov, "contact").contains(client));
    const HttpResponse report = http().Get("/api/v1/control/no-next-step", ivanov);
    const json groups = report.Json().at("groups");
    for (const auto& group : groups) EXPECT_EQ(group.at("owner_id"), ivanov_id) << group;

    const auto head_leads = Violations(SignIn(kHeadEmail), "lead");
    EXPECT_TRUE(head_leads.contains(lead));
    EXPECT_TRUE(head_leads.contains(foreign));
    const auto volkov_leads = Violations(SignIn(kVolkovEmail), "lead");
    EXPECT_FALSE(volkov_leads.contains(lead));
    EXPECT_FALSE(volkov_leads.contains(foreign));

    // A task ends the violation.
    ASSERT_EQ(http().Post("/api/v1/tasks", NewTaskBody("lead", lead), ivanov).status, 201);
    EXPECT_FALSE(Violations(ivanov, "lead").contains(lead));
}

TEST_P(CrmTasksApi, NoNextStepReportListsUpToTheLimitPerOwnerAndTypeWithFullCounts) {
    const std::int64_t ivanov_id = UserId(kIvanovEmail);
    std::vector<std::int64_t> leads;
    for (int i = 0; i < 3; ++i)
        leads.push_back(ImportedRecord("lead", ivanov_id, "Импорт " + std::to_string(i)));
    const std::int64_t deal = ImportedRecord("deal", ivanov_id, "Импорт: сделка");
    const std::string ivanov = SignIn(kIvanovEmail);
    const json full = http().Get("/api/v1/control/no-next-step", ivanov).Json();

    const HttpResponse cut = http().Get("/api/v1/control/no-next-step?limit=1", ivanov);
    ASSERT_EQ(cut.status, 200) << cut.body;
    const json report = cut.Json();
    EXPECT_EQ(report.at("count"), full.at("count"));
    ASSERT_EQ(report.at("groups").size(), 1u) << report;
    const json group = report.at("groups").at(0);
    const json full_group = full.at("groups").at(0);
    EXPECT_EQ(group.at("owner_id"), ivanov_id);
    ASSERT_EQ(group.at("leads").size(), 1u) << group;
    EXPECT_EQ(group.at("leads").at(0).at("id"), full_group.at("leads").at(0).at("id"));
    EXPECT_EQ(group.at("lead_count"), full_group.at("leads").size());
    EXPECT_GE(group.at("lead_count").get<int>(), 3);
    EXPECT_EQ(group.at("deals").size(), 1u);
    EXPECT_EQ(group.at("deal_count"), full_group.at("deals").size());
    EXPECT_EQ(group.at("count"), full_group.at("count"));
    EXPECT_EQ(group.at("count").get<int>(), group.at("lead_count").get<int>() +
                                                group.at("deal_count").get<int>() +
                                                group.at("contact_count").get<int>());
    bool deal_listed = false;
    for (const auto& d : full_group.at("deals")) deal_listed = deal_listed || d.at("id") == deal;
    EXPECT_TRUE(deal_listed);

    // A limit is 1..1000.
    for (const char* bad : {"0", "-1", "1001", "abc"}) {
        SCOPED_TRACE(bad);
        EXPECT_TRUE(IsError(http().Get(std::string("/api/v1/control/no-next-step?limit=") + bad, ivanov), 422,
                            "validation_failed", "limit"));
    }
}

TEST_P(CrmTasksApi, NextStepSettingsAreReadChangedAndValidated) {
    const json settings = http().Get("/api/v1/settings", SignIn(kIvanovEmail)).Json();
    EXPECT_EQ(settings.at("next_step_policy"), "enforce");
    EXPECT_EQ(settings.at("first_task_kind"), "call");
    EXPECT_EQ(settings.at("first_task_subject"), "Обработать новый лид");
    EXPECT_EQ(settings.at("first_task_due"), "PT1H");
    EXPECT_EQ(settings.at("post_sale_task_kind"), "call");
    EXPECT_EQ(settings.at("post_sale_task_subject"), "Узнать отзыв клиента");
    EXPECT_EQ(settings.at("post_sale_task_due"), "P3D");

    const HttpResponse patched = http().Patch("/api/v1/settings",
                                              {{"next_step_policy", "warn"},
                                               {"post_sale_task_kind", "meeting"},
                                               {"post_sale_task_subject", "Встреча"},
                                               {"post_sale_task_due", "P1W"}},
                                              AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    const json read = http().Get("/api/v1/settings", SignIn(kHeadEmail)).Json();
    EXPECT_EQ(read.at("next_step_policy"), "warn");
    EXPECT_EQ(read.at("post_sale_task_kind"), "meeting");
    EXPECT_EQ(read.at("post_sale_task_subject"), "Встреча");
    EXPECT_EQ(read.at("post_sale_task_due"), "P7D");

    const std::string head = SignIn(kHeadEmail);
    const DatabaseSnapshot before = Snapshot();
    const std::pair<json, std::string> cases[] = {
        {{{"next_step_policy", "ignore"}}, "next_step_policy"},
        {{{"first_task_kind", "visit"}}, "first_task_kind"},
        {{{"post_sale_task_kind", ""}}, "post_sale_task_kind"},
        {{{"first_task_due", "1 hour"}}, "first_task_due"},
        {{{"post_sale_task_due", "P1M"}}, "post_sale_task_due"},
        {{{"first_task_subject", " "}}, "first_task_subject"},
        {{{"next_step_policy", "warn"}, {"first_task_due", "-PT1H"}}, "first_task_due"},
    };
    for (const auto& [body, field] : cases) {
        SCOPED_TRACE(body.dump());
        EXPECT_TRUE(
            IsError(http().Patch("/api/v1/settings", body, AdminToken()), 422, "validation_failed", field));
    }
    EXPECT_TRUE(
        IsError(http().Patch("/api/v1/settings", {{"next_step_policy", "warn"}}, head), 403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(CrmTasksApi);

}  // namespace voronka::test
