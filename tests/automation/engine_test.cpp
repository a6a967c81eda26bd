// The automation engine on each back end: the dispatcher turning domain events into jobs, the
// scheduler's due times, and the executor's actions and run log. Time comes from a manual clock;
// the tests call DispatchEvents and RunDueJobs themselves (no engine thread, no sleeps) and read
// the resulting rows of automation_jobs, automation_runs, messages, notifications, tasks, notes
// and deals with SQL.
#include "automation/engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/department_service.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "automation/rule_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/task_service.hpp"
#include "engine_test_sql.hpp"
#include "messaging/template_service.hpp"
#include "messaging/webhook.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;
using test::Backend;
using test::ManualClock;
using test::TestDatabase;
namespace sql = test::engine_sql;

// 2027-01-15T08:00:00Z, 11:00 in Moscow (the default time zone of the settings).
constexpr UnixTime kStart = 1800000000;
constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

struct JobRow {
    std::int64_t id = 0;
    std::string kind;
    std::optional<std::int64_t> rule_id;
    std::int64_t record_id = 0;
    std::string occurrence;
    UnixTime due_at = 0;
    std::int64_t depth = 0;
    std::string state;
};

struct RunRow {
    std::int64_t id = 0;
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> job_id;
    std::int64_t record_id = 0;
    UnixTime at = 0;
    std::string outcome;
    std::optional<std::string> detail;
    Json actions;
};

struct MessageRow {
    std::int64_t id = 0;
    std::string channel;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> run_id;
    std::string recipient;
    std::string body;
    std::optional<std::string> payload;
    std::optional<std::string> headers;
    std::string state;
    std::optional<std::string> last_error;
};

struct NotificationRow {
    std::int64_t user_id = 0;
    std::string kind;
    std::string text;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> rule_id;
};

struct TaskRow {
    std::int64_t id = 0;
    std::string record_type;
    std::int64_t record_id = 0;
    std::string kind;
    std::string subject;
    UnixTime due_at = 0;
    std::optional<std::int64_t> assignee_id;
    std::optional<std::int64_t> department_id;
    std::optional<UnixTime> done_at;
};

struct NoteRow {
    std::string record_type;
    std::int64_t record_id = 0;
    std::optional<std::int64_t> author_id;
    std::string body;
};

struct DealRow {
    std::int64_t stage_id = 0;
    UnixTime stage_entered_at = 0;
    std::optional<UnixTime> stage_deadline;
};

struct StageMoveRow {
    std::optional<std::int64_t> from_stage_id;
    std::int64_t to_stage_id = 0;
    UnixTime at = 0;
};

// A row of one integer column.
std::int64_t ReadInt(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) { return r.Int(); });
}

template <typename T>
std::vector<T> Only(const std::vector<T>& rows, std::int64_t record_id) {
    std::vector<T> out;
    for (const auto& row : rows) {
        if (row.record_id == record_id) out.push_back(row);
    }
    return out;
}

// An organisation with the default pipelines, an admin (who writes the rules), a sales
// department (its head and a manager who owns the deals) and a purchasing department with a head.
class EngineStore : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
        crm::PipelineService(db(), clock_).EnsureDefaultPipelines();

        admin_.user = AddUser("admin@voronka.test", "Администратор", auth::Role::kAdmin, std::nullopt);
        sales_head_ = AddUser("head@voronka.test", "Ирина Руководитель", auth::Role::kHead, std::nullopt).id;
        sales_ = AddDepartment("Продажи", auth::DepartmentKind::kSales, sales_head_);
        manager_ = AddUser("manager@voronka.test", "Павел Менеджер", auth::Role::kManager, sales_).id;
        purchasing_head_ = AddUser("buyer@voronka.test", "Олег Закупщик", auth::Role::kHead, std::nullopt).id;
        purchasing_ = AddDepartment("Закупки", auth::DepartmentKind::kPurchasing, purchasing_head_);

        const auto pipelines = crm::PipelineService(db(), clock_).List(crm::RecordType::kDeal);
        ASSERT_EQ(pipelines.size(), 1U);
        pipeline_ = pipelines[0].id;
        for (const auto& stage : pipelines[0].stages) {
            if (stage.name == "Первичный контакт") first_contact_ = stage.id;
            if (stage.name == "Встреча назначена") meeting_ = stage.id;
            if (stage.name == "Подготовка спецпредложения") offer_ = stage.id;
        }
        ASSERT_NE(first_contact_, 0);
        ASSERT_NE(meeting_, 0);
        ASSERT_NE(offer_, 0);
    }
    void TearDown() override {
        db_.reset();
        test_db_.reset();
    }

    store::Database& db() { return *db_; }

    auth::User AddUser(const std::string& email, const std::string& name, auth::Role role,
                       std::optional<std::int64_t> department) {
        auto user = auth::UserService(db(), clock_)
                        .CreateUnchecked(auth::NewUser{.email = email,
                                                       .name = name,
                                                       .role = role,
                                                       .department_id = department,
                                                       .password = "test-password-1"});
        EXPECT_TRUE(user) << user.error().message;
        return *user;
    }
    std::int64_t AddDepartment(const std::string& name, auth::DepartmentKind kind, std::int64_t head) {
        auto department =
            auth::DepartmentService(db(), clock_)
                .CreateUnchecked(auth::NewDepartment{.name = name, .kind = kind, .head_user_id = head});
        EXPECT_TRUE(department) << department.error().message;
        return department->id;
    }

    // A rule written by the admin; the test fails when it is refused.
    std::int64_t AddRule(const Json& body) {
        auto rule = RuleService(db(), clock_).Create(admin_, body);
        EXPECT_TRUE(rule) << rule.error().message << " (" << rule.error().field << ")";
        return rule ? rule->id : 0;
    }
    Json StageEntered(std::int64_t stage) const {
        return Json{{"type", "stage_entered"}, {"pipeline_id", pipeline_}, {"stage_id", stage}};
    }
    std::int64_t AddSmsTemplate(const std::string& body) {
        auto made = messaging::TemplateService(db(), clock_)
                        .Create(admin_, messaging::NewTemplate{.kind = messaging::TemplateKind::kSms,
                                                               .name = "Напоминание",
                                                               .body = body});
        EXPECT_TRUE(made) << made.error().message;
        return made ? made->id : 0;
    }

    std::int64_t AddContact(const std::string& name, std::vector<std::string> phones) {
        auto contact =
            crm::ContactService(db(), clock_)
                .Create(admin_,
                        crm::NewContact{.name = name, .phones = std::move(phones), .owner_id = manager_});
        EXPECT_TRUE(contact) << contact.error().message << " (" << contact.error().field << ")";
        return contact ? contact->id : 0;
    }
    // A lead of the manager from the site, in the first stage of the lead pipeline.
    std::int64_t AddLead(const std::string& phone) {
        auto lead = crm::LeadService(db(), clock_)
                        .Create(admin_, crm::NewLead{.owner_id = manager_,
                                                     .title = "Заявка с сайта",
                                                     .name = "Ольга Лидова",
                                                     .phones = {phone}});
        EXPECT_TRUE(lead) << lead.error().message << " (" << lead.error().field << ")";
        return lead ? lead->id : 0;
    }
    // A deal of the manager in the first stage of the deal pipeline.
    std::int64_t AddDeal(const std::string& title, std::optional<std::int64_t> contact) {
        auto deal = crm::DealService(db(), clock_)
                        .Create(admin_, crm::NewDeal{.owner_id = manager_,
                                                     .title = title,
                                                     .contact_id = contact,
                                                     .amount = 125000000,
                                                     .pipeline_id = pipeline_,
                                                     .stage_id = first_contact_});
        EXPECT_TRUE(deal) << deal.error().message << " (" << deal.error().field << ")";
        return deal ? deal->id : 0;
    }
    void MoveDeal(std::int64_t deal, std::int64_t stage) {
        auto moved = crm::DealService(db(), clock_).Update(admin_, deal, crm::DealPatch{.stage_id = stage});
        ASSERT_TRUE(moved) << moved.error().message;
        ASSERT_EQ(moved->stage.stage_id, stage);
    }
    std::int64_t AddMeeting(std::int64_t deal, UnixTime at, const std::string& location) {
        auto task = crm::TaskService(db(), clock_)
                        .Create(admin_, crm::NewTask{.record_type = crm::RecordType::kDeal,
                                                     .record_id = deal,
                                                     .fields = {.kind = crm::TaskKind::kMeeting,
                                                                .subject = "Встреча с клиентом",
                                                                .due_at = at,
                                                                .location = location}});
        EXPECT_TRUE(task) << task.error().message << " (" << task.error().field << ")";
        return task ? task->id : 0;
    }

    // One pass of the engine at the clock's now: events to jobs, then due jobs.
    void Cycle() {
        DispatchEvents(db(), clock_);
        RunDueJobs(db(), clock_);
    }
    // Passes until no event is left and no due job runs (bounded).
    void Settle() {
        for (int i = 0; i < 20; ++i) {
            const auto dispatched = DispatchEvents(db(), clock_);
            const auto ran = RunDueJobs(db(), clock_);
            if (dispatched.handled == 0 && ran.handled == 0) return;
        }
        ADD_FAILURE() << "the engine did not settle in 20 passes";
    }

    // Every row of `query` as a T made by `make(RowReader&)`, which reads every column in order.
    template <typename T, typename Make>
    std::vector<T> Rows(const store::Query& query, Make make, std::vector<store::Value> params = {}) {
        return db().Read([&](store::Transaction& tx) {
            std::vector<T> rows;
            for (const auto& row : tx.Fetch(query, params)) rows.push_back(store::ReadRow(row, make));
            return rows;
        });
    }
    std::vector<JobRow> Jobs() {
        return Rows<JobRow>(sql::kEngineJobs, [](store::RowReader& r) {
            JobRow job;
            job.id = r.Int();
            job.kind = r.Text();
            job.rule_id = r.OptInt();
            r.Skip();  // record_type
            job.record_id = r.Int();
            job.occurrence = r.Text();
            job.due_at = r.Int();
            job.depth = r.Int();
            job.state = r.Text();
            return job;
        });
    }
    std::vector<RunRow> Runs() {
        return Rows<RunRow>(sql::kEngineRuns, [](store::RowReader& r) {
            RunRow run;
            run.id = r.Int();
            run.rule_id = r.OptInt();
            run.job_id = r.OptInt();
            r.Skip();  // record_type
            run.record_id = r.Int();
            run.at = r.Int();
            run.outcome = r.Text();
            run.detail = r.OptText();
            run.actions = Json::parse(r.Text());
            return run;
        });
    }
    std::vector<MessageRow> Messages() {
        return Rows<MessageRow>(sql::kEngineMessages, [](store::RowReader& r) {
            MessageRow message;
            message.id = r.Int();
            message.channel = r.Text();
            r.Skip();  // record_type
            message.record_id = r.OptInt();
            message.rule_id = r.OptInt();
            message.run_id = r.OptInt();
            message.recipient = r.Text();
            message.body = r.Text();
            message.payload = r.OptText();
            message.headers = r.OptText();
            message.state = r.Text();
            message.last_error = r.OptText();
            return message;
        });
    }
    std::vector<NotificationRow> Notifications() {
        return Rows<NotificationRow>(sql::kEngineNotifications, [](store::RowReader& r) {
            NotificationRow notification;
            r.Skip();  // id
            notification.user_id = r.Int();
            notification.kind = r.Text();
            notification.text = r.Text();
            r.Skip();  // record_type
            notification.record_id = r.OptInt();
            notification.rule_id = r.OptInt();
            return notification;
        });
    }
    std::vector<TaskRow> Tasks() {
        return Rows<TaskRow>(sql::kEngineTasks, [](store::RowReader& r) {
            TaskRow task;
            task.id = r.Int();
            task.record_type = r.Text();
            task.record_id = r.Int();
            task.kind = r.Text();
            task.subject = r.Text();
            task.due_at = r.Int();
            task.assignee_id = r.OptInt();
            task.department_id = r.OptInt();
            task.done_at = r.OptInt();
            return task;
        });
    }
    std::vector<NoteRow> Notes() {
        return Rows<NoteRow>(sql::kEngineNotes, [](store::RowReader& r) {
            NoteRow note;
            r.Skip();  // id
            note.record_type = r.Text();
            note.record_id = r.Int();
            note.author_id = r.OptInt();
            note.body = r.Text();
            return note;
        });
    }
    DealRow Deal(std::int64_t id) {
        const auto rows = Rows<DealRow>(sql::kEngineDeal,
                                        [](store::RowReader& r) {
                                            DealRow deal;
                                            deal.stage_id = r.Int();
                                            deal.stage_entered_at = r.Int();
                                            deal.stage_deadline = r.OptInt();
                                            return deal;
                                        },
                                        {Param(id)});
        EXPECT_EQ(rows.size(), 1U) << "deal " << id;
        return rows.empty() ? DealRow{} : rows[0];
    }
    std::vector<StageMoveRow> StageMoves(std::int64_t deal) {
        return Rows<StageMoveRow>(sql::kEngineStageMovesOf,
                                  [](store::RowReader& r) {
                                      StageMoveRow move;
                                      r.Skip();  // id
                                      move.from_stage_id = r.OptInt();
                                      move.to_stage_id = r.Int();
                                      move.at = r.Int();
                                      r.Skip();  // by_user_id
                                      return move;
                                  },
                                  {Param(deal)});
    }
    void ExpectPingPongStopsAtMaxDepth(std::int64_t seconds_per_pass);
    std::int64_t PendingEvents() {
        return db().Read(
            [](store::Transaction& tx) { return ReadInt(*tx.FetchOne(sql::kEngineEventsPending)); });
    }

    ManualClock clock_{kStart};
    auth::Principal admin_;
    std::int64_t sales_head_ = 0;
    std::int64_t sales_ = 0;
    std::int64_t manager_ = 0;
    std::int64_t purchasing_head_ = 0;
    std::int64_t purchasing_ = 0;
    std::int64_t pipeline_ = 0;
    std::int64_t first_contact_ = 0;  // «Первичный контакт», P1D
    std::int64_t meeting_ = 0;        // «Встреча назначена», P3D
    std::int64_t offer_ = 0;          // «Подготовка спецпредложения», P2D

private:
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
};

// 1. «Встреча назначена» → SMS with the meeting's time and place, exactly once.
TEST_P(EngineStore, StageEnteredSendsRenderedSmsToContactExactlyOnce) {
    const auto sms = AddSmsTemplate("Встреча {{meeting.at}}, {{meeting.location}}");
    const auto rule = AddRule({{"name", "Встреча назначена → SMS"},
                               {"record_type", "deal"},
                               {"trigger", StageEntered(meeting_)},
                               {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms}}})}});
    const auto contact = AddContact("Анна Петрова", {"8 (916) 123-45-67"});
    const auto deal = AddDeal("Поставка станков", contact);
    // 2027-01-16T12:00:00Z: 15:00 in Moscow.
    AddMeeting(deal, kStart + 28 * kHour, "Москва, Тверская, 1");
    Settle();
    EXPECT_TRUE(Messages().empty()) << "the rule fired before the deal entered its stage";

    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    Settle();

    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].channel, "sms");
    EXPECT_EQ(messages[0].state, "queued");
    EXPECT_EQ(messages[0].recipient, "+79161234567");
    EXPECT_EQ(messages[0].body, "Встреча 16 января, 15:00, Москва, Тверская, 1");
    EXPECT_EQ(messages[0].record_id, deal);
    EXPECT_EQ(messages[0].rule_id, rule);
    const auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].rule_id, rule);
    EXPECT_EQ(runs[0].record_id, deal);
    EXPECT_EQ(runs[0].outcome, "ok");
    EXPECT_EQ(messages[0].run_id, runs[0].id);
    ASSERT_EQ(runs[0].actions.size(), 1U);
    EXPECT_EQ(runs[0].actions[0].value("outcome", ""), "ok");
    EXPECT_EQ(runs[0].actions[0].value("message_id", std::int64_t{0}), messages[0].id);
    auto jobs = Jobs();
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].state, "done");

    // Later passes, and the same events handed to the dispatcher again, add nothing.
    clock_.Advance(kHour);
    Cycle();
    db().Write([](store::Transaction& tx) { tx.Execute(sql::kEngineEventsReplay); });
    EXPECT_GT(PendingEvents(), 0);
    Settle();
    EXPECT_EQ(PendingEvents(), 0);
    EXPECT_EQ(Messages().size(), 1U);
    EXPECT_EQ(Runs().size(), 1U);
    jobs = Jobs();
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].state, "done");
}

// 2. A delayed rule waits for its time; a deal that left the stage before it is cancelled,
// whether the dispatcher or the executor notices first.
TEST_P(EngineStore, DelayedRuleRunsOnTimeAndIsCancelledWhenDealLeftStage) {
    const auto sms = AddSmsTemplate("Напоминаем о встрече {{meeting.at}}");
    const auto rule = AddRule({{"name", "Через час после назначения встречи"},
                               {"record_type", "deal"},
                               {"trigger", StageEntered(meeting_)},
                               {"delay", "PT1H"},
                               {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms}}})}});
    const auto stays = AddDeal("Остаётся", AddContact("Остаётся Клиент", {"+79160000001"}));
    const auto leaves = AddDeal("Уходит", AddContact("Уходит Клиент", {"+79160000002"}));
    const auto leaves_unseen = AddDeal("Уходит незаметно", AddContact("Незаметный Клиент", {"+79160000003"}));
    for (auto deal : {stays, leaves, leaves_unseen}) {
        AddMeeting(deal, kStart + 2 * kDay, "Офис");
    }
    clock_.Advance(kMinute);
    const UnixTime entered = clock_.Now();
    for (auto deal : {stays, leaves, leaves_unseen}) MoveDeal(deal, meeting_);
    Settle();
    const auto planned = Jobs();
    ASSERT_EQ(planned.size(), 3U);
    for (const auto& job : planned) {
        EXPECT_EQ(job.state, "pending");
        EXPECT_EQ(job.due_at, entered + kHour);
    }

    // Half an hour on, one deal moves on and the dispatcher sees it; the other moves on and the
    // dispatcher does not run before the job is due.
    clock_.Set(entered + 30 * kMinute);
    MoveDeal(leaves, offer_);
    DispatchEvents(db(), clock_);
    MoveDeal(leaves_unseen, offer_);

    clock_.Set(entered + 59 * kMinute);
    RunDueJobs(db(), clock_);
    EXPECT_TRUE(Messages().empty());
    EXPECT_TRUE(Only(Runs(), stays).empty());

    clock_.Set(entered + 61 * kMinute);
    RunDueJobs(db(), clock_);
    Settle();

    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].record_id, stays);
    EXPECT_EQ(messages[0].recipient, "+79160000001");
    EXPECT_EQ(messages[0].state, "queued");
    const auto ran = Only(Runs(), stays);
    ASSERT_EQ(ran.size(), 1U);
    EXPECT_EQ(ran[0].outcome, "ok");
    EXPECT_GE(ran[0].at, entered + kHour);
    for (auto deal : {leaves, leaves_unseen}) {
        const auto runs = Only(Runs(), deal);
        ASSERT_EQ(runs.size(), 1U) << "deal " << deal;
        EXPECT_EQ(runs[0].rule_id, rule);
        EXPECT_EQ(runs[0].outcome, "cancelled");
        ASSERT_TRUE(runs[0].detail.has_value());
        EXPECT_NE(runs[0].detail->find("покинула этап"), std::string::npos) << *runs[0].detail;
        const auto jobs = Only(Jobs(), deal);
        ASSERT_EQ(jobs.size(), 1U);
        EXPECT_EQ(jobs[0].state, "cancelled");
    }
}

// 3. The stage deadline fires once per entry into the stage, after the deadline only.
TEST_P(EngineStore, StageOverdueFiresForALeadPastItsStagesDeadline) {
    const auto pipelines = crm::PipelineService(db(), clock_).List(crm::RecordType::kLead);
    ASSERT_EQ(pipelines.size(), 1U);
    const auto& fresh = pipelines[0].stages.front();  // «Новый», PT4H
    ASSERT_EQ(fresh.max_duration, 4 * kHour);
    const auto rule = AddRule(
        {{"name", "Лид ждёт"},
         {"record_type", "lead"},
         {"trigger", {{"type", "stage_overdue"}, {"pipeline_id", pipelines[0].id}, {"stage_id", fresh.id}}},
         {"actions",
          Json::array({{{"type", "notify"}, {"text", "Лид ждёт: {{record.title}}"}, {"owner", true}}})}});
    Settle();
    const std::int64_t lead = AddLead("+79160000078");
    Settle();

    clock_.Advance(4 * kHour - kMinute);
    Settle();
    EXPECT_TRUE(Notifications().empty());

    clock_.Advance(2 * kMinute);
    Settle();
    const auto notifications = Notifications();
    ASSERT_EQ(notifications.size(), 1U);
    EXPECT_EQ(notifications[0].user_id, manager_);
    EXPECT_EQ(notifications[0].rule_id, rule);
    EXPECT_EQ(notifications[0].text, "Лид ждёт: Заявка с сайта");
    EXPECT_EQ(notifications[0].record_id, lead);
}

TEST_P(EngineStore, StageOverdueFiresOnceAfterDeadlineAndAgainAfterReentry) {
    const auto rule =
        AddRule({{"name", "Срок этапа прошёл"},
                 {"record_type", "deal"},
                 {"trigger", {{"type", "stage_overdue"}, {"pipeline_id", pipeline_}, {"stage_id", meeting_}}},
                 {"actions", Json::array({{{"type", "notify"},
                                           {"text", "Срок этапа «{{record.stage}}» прошёл: {{record.title}}"},
                                           {"owner", true}}})}});
    const auto deal = AddDeal("Долгая встреча", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    const auto first = Deal(deal);
    ASSERT_EQ(first.stage_deadline, first.stage_entered_at + 3 * kDay);
    Settle();

    clock_.Set(*first.stage_deadline - kMinute);
    Settle();
    EXPECT_TRUE(Runs().empty());
    EXPECT_TRUE(Notifications().empty());

    clock_.Set(*first.stage_deadline + kMinute);
    Settle();
    auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "ok");
    auto notifications = Notifications();
    ASSERT_EQ(notifications.size(), 1U);
    EXPECT_EQ(notifications[0].user_id, manager_);
    EXPECT_EQ(notifications[0].kind, "rule");
    EXPECT_EQ(notifications[0].rule_id, rule);
    EXPECT_EQ(notifications[0].text, "Срок этапа «Встреча назначена» прошёл: Долгая встреча");

    clock_.Advance(kDay);
    Settle();
    EXPECT_EQ(Runs().size(), 1U);
    EXPECT_EQ(Notifications().size(), 1U);

    // Out of the stage and back: a new occurrence with a new deadline.
    MoveDeal(deal, offer_);
    Settle();
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    const auto second = Deal(deal);
    ASSERT_GT(second.stage_entered_at, first.stage_entered_at);
    Settle();
    clock_.Set(*second.stage_deadline - kMinute);
    Settle();
    EXPECT_EQ(Runs().size(), 1U);
    clock_.Set(*second.stage_deadline + kMinute);
    Settle();
    runs = Runs();
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[1].outcome, "ok");
    EXPECT_GE(runs[1].at, *second.stage_deadline);
    EXPECT_EQ(Notifications().size(), 2U);
    clock_.Advance(2 * kDay);
    Settle();
    EXPECT_EQ(Runs().size(), 2U);
    EXPECT_EQ(Notifications().size(), 2U);
}

// The deadline second itself is not overdue yet (crm::IsStageOverdue): the scan at the deadline
// fires nothing, the scan a second later fires the rule.
TEST_P(EngineStore, StageOverdueFiresTheSecondAfterTheDeadlineNotAtIt) {
    AddRule(
        {{"name", "Срок этапа прошёл"},
         {"record_type", "deal"},
         {"trigger", {{"type", "stage_overdue"}, {"pipeline_id", pipeline_}, {"stage_id", meeting_}}},
         {"actions", Json::array({{{"type", "notify"}, {"text", "{{record.title}}"}, {"owner", true}}})}});
    const auto deal = AddDeal("Встреча на грани", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    const auto deadline = *Deal(deal).stage_deadline;
    Settle();

    clock_.Set(deadline - 1);
    Settle();
    clock_.Set(deadline);
    Settle();
    EXPECT_TRUE(Runs().empty()) << "fired at the deadline second, before the stage is overdue";
    EXPECT_TRUE(Only(Jobs(), deal).empty());

    clock_.Set(deadline + 1);
    Settle();
    const auto runs = Only(Runs(), deal);
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "ok");
    EXPECT_EQ(runs[0].at, deadline + 1);
    EXPECT_EQ(Notifications().size(), 1U);
}

// 4. A rule fires for entries after it was enabled, not for a deal already in the stage.
TEST_P(EngineStore, RuleCreatedAfterEntryDoesNotFireForIt) {
    const auto earlier = AddDeal("Уже на этапе", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(earlier, meeting_);

    clock_.Advance(kMinute);
    const auto rule = AddRule(
        {{"name", "Новое правило"},
         {"record_type", "deal"},
         {"trigger", StageEntered(meeting_)},
         {"actions",
          Json::array({{{"type", "notify"}, {"text", "Встреча: {{record.title}}"}, {"owner", true}}})}});
    Settle();
    EXPECT_TRUE(Jobs().empty());
    EXPECT_TRUE(Runs().empty());
    EXPECT_TRUE(Notifications().empty());

    // A deal entering afterwards fires it: the rule itself works.
    clock_.Advance(kMinute);
    const auto later = AddDeal("Вошла после", std::nullopt);
    MoveDeal(later, meeting_);
    Settle();
    const auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].rule_id, rule);
    EXPECT_EQ(runs[0].record_id, later);
    EXPECT_EQ(runs[0].outcome, "ok");
    EXPECT_TRUE(Only(Jobs(), earlier).empty());
}

// 5. Two rules moving a deal back and forth stop at the chain depth, and the run log says so.
// The clock moves `seconds_per_pass` between passes of the engine (0: the whole chain within
// one second, as a running engine does it).
void EngineStore::ExpectPingPongStopsAtMaxDepth(std::int64_t seconds_per_pass) {
    const auto to_offer =
        AddRule({{"name", "A: встреча → спецпредложение"},
                 {"record_type", "deal"},
                 {"trigger", StageEntered(meeting_)},
                 {"actions", Json::array({{{"type", "move_stage"}, {"stage_id", offer_}}})}});
    const auto to_meeting =
        AddRule({{"name", "B: спецпредложение → встреча"},
                 {"record_type", "deal"},
                 {"trigger", StageEntered(offer_)},
                 {"actions", Json::array({{{"type", "move_stage"}, {"stage_id", meeting_}}})}});
    const auto deal = AddDeal("Пинг-понг", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);

    for (int i = 0; i < 30; ++i) {
        clock_.Advance(seconds_per_pass);
        Cycle();
    }
    EXPECT_EQ(PendingEvents(), 0);

    const auto moves = StageMoves(deal);
    std::vector<StageMoveRow> changes;  // every move but the creation
    for (const auto& move : moves) {
        if (move.from_stage_id) changes.push_back(move);
    }
    EXPECT_EQ(changes.size(), static_cast<std::size_t>(kMaxChainDepth + 1))
        << "one move by a person and one per chained step below the depth limit";

    const auto runs = Runs();
    int limited = 0;
    for (const auto& run : runs) {
        if (run.outcome == "chain_limit") {
            ++limited;
            EXPECT_TRUE(run.rule_id == to_offer || run.rule_id == to_meeting);
            EXPECT_EQ(run.record_id, deal);
            EXPECT_FALSE(run.job_id.has_value());
            ASSERT_TRUE(run.detail.has_value());
            EXPECT_NE(run.detail->find(std::to_string(kMaxChainDepth)), std::string::npos) << *run.detail;
        } else {
            EXPECT_EQ(run.outcome, "ok");
        }
    }
    EXPECT_EQ(limited, 1) << "the run log does not say the chain was stopped";
    for (const auto& job : Jobs()) EXPECT_EQ(job.state, "done") << job.occurrence;

    // Nothing moves any more.
    const auto stage = Deal(deal).stage_id;
    clock_.Advance(kHour);
    Settle();
    EXPECT_EQ(StageMoves(deal).size(), moves.size());
    EXPECT_EQ(Deal(deal).stage_id, stage);
}

TEST_P(EngineStore, PingPongChainStopsAtMaxDepth) {
    ExpectPingPongStopsAtMaxDepth(kMinute);
}

TEST_P(EngineStore, PingPongChainWithinOneSecondStopsAtMaxDepth) {
    ExpectPingPongStopsAtMaxDepth(0);
}

// 6. A failing action fails its run and its message, never the change; later actions still run.
TEST_P(EngineStore, FailingActionLeavesChangeAndLaterActionsRun) {
    const auto sms = AddSmsTemplate("Встреча {{meeting.at}}");
    const auto rule = AddRule({{"name", "SMS и задача"},
                               {"record_type", "deal"},
                               {"trigger", StageEntered(meeting_)},
                               {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms}},
                                                        {{"type", "create_task"},
                                                         {"kind", "call"},
                                                         {"subject", "Позвонить и подтвердить встречу"},
                                                         {"due", "PT4H"}}})}});
    const auto deal = AddDeal("Клиент без телефона", AddContact("Безтелефонный Клиент", {}));
    AddMeeting(deal, kStart + kDay, "Офис");
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    const UnixTime moved_at = clock_.Now();
    Settle();

    EXPECT_EQ(Deal(deal).stage_id, meeting_);
    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].state, "failed");
    ASSERT_TRUE(messages[0].last_error.has_value());
    EXPECT_NE(messages[0].last_error->find("телефон"), std::string::npos) << *messages[0].last_error;

    const auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].rule_id, rule);
    EXPECT_EQ(runs[0].outcome, "failed");
    ASSERT_EQ(runs[0].actions.size(), 2U);
    EXPECT_EQ(runs[0].actions[0].value("type", ""), "send_sms");
    EXPECT_EQ(runs[0].actions[0].value("outcome", ""), "failed");
    EXPECT_NE(runs[0].actions[0].value("error", "").find("телефон"), std::string::npos);
    EXPECT_EQ(runs[0].actions[1].value("type", ""), "create_task");
    EXPECT_EQ(runs[0].actions[1].value("outcome", ""), "ok");

    bool found = false;
    for (const auto& task : Only(Tasks(), deal)) {
        if (task.subject != "Позвонить и подтвердить встречу") continue;
        found = true;
        EXPECT_EQ(task.id, runs[0].actions[1].value("task_id", std::int64_t{0}));
        EXPECT_EQ(task.kind, "call");
        EXPECT_EQ(task.due_at, moved_at + 4 * kHour);
        EXPECT_FALSE(task.done_at.has_value());
    }
    EXPECT_TRUE(found) << "the create_task action after the failed SMS did not run";
}

// 7. A reminder two hours before the meeting fires then, not earlier; moving the meeting
// cancels the old reminder and plans a new one.
TEST_P(EngineStore, MeetingRelativeScheduleFollowsMovedMeeting) {
    const auto sms = AddSmsTemplate("Напоминаем: встреча {{meeting.at}}, {{meeting.location}}");
    const auto rule =
        AddRule({{"name", "За два часа до встречи"},
                 {"record_type", "deal"},
                 {"trigger", {{"type", "scheduled"}, {"relative_to", "meeting"}, {"offset", "-PT2H"}}},
                 {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms}}})}});
    const auto deal = AddDeal("Встреча переносится", AddContact("Переносящий Клиент", {"+79160000010"}));
    // 2027-01-16T12:00:00Z (15:00 in Moscow), then 2027-01-17T07:00:00Z (10:00).
    const UnixTime first_at = kStart + 28 * kHour;
    const UnixTime second_at = kStart + 47 * kHour;
    const auto meeting = AddMeeting(deal, first_at, "Офис клиента");
    Settle();
    auto jobs = Only(Jobs(), deal);
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].rule_id, rule);
    EXPECT_EQ(jobs[0].state, "pending");
    EXPECT_EQ(jobs[0].due_at, first_at - 2 * kHour);

    clock_.Set(first_at - 2 * kHour - kMinute);
    Settle();
    EXPECT_TRUE(Messages().empty());
    EXPECT_TRUE(Runs().empty());

    auto moved = crm::TaskService(db(), clock_).Update(admin_, meeting, crm::TaskPatch{.due_at = second_at});
    ASSERT_TRUE(moved) << moved.error().message;
    Settle();
    jobs = Only(Jobs(), deal);
    ASSERT_EQ(jobs.size(), 2U);
    EXPECT_EQ(jobs[0].state, "cancelled");
    EXPECT_EQ(jobs[1].state, "pending");
    EXPECT_EQ(jobs[1].due_at, second_at - 2 * kHour);
    auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "cancelled");
    EXPECT_EQ(runs[0].job_id, jobs[0].id);

    clock_.Set(first_at - 2 * kHour + kMinute);
    Settle();
    EXPECT_TRUE(Messages().empty()) << "the reminder of the old meeting time was sent";
    clock_.Set(second_at - 2 * kHour - kMinute);
    Settle();
    EXPECT_TRUE(Messages().empty());

    clock_.Set(second_at - 2 * kHour + kMinute);
    Settle();
    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].body, "Напоминаем: встреча 17 января, 10:00, Офис клиента");
    EXPECT_EQ(messages[0].state, "queued");
    runs = Runs();
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[1].outcome, "ok");
    EXPECT_EQ(runs[1].job_id, jobs[1].id);
}

// A lead's meeting carried over to the deal at conversion keeps its reminder: the deal's rule plans
// it from the carried task, and the lead's cancelled job is not the end of it.
TEST_P(EngineStore, ConvertedLeadsMeetingKeepsItsReminderOnTheDeal) {
    const auto sms = AddSmsTemplate("Напоминаем: встреча {{meeting.at}}, {{meeting.location}}");
    const auto rule =
        AddRule({{"name", "За два часа до встречи"},
                 {"record_type", "deal"},
                 {"trigger", {{"type", "scheduled"}, {"relative_to", "meeting"}, {"offset", "-PT2H"}}},
                 {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sms}}})}});
    const std::int64_t lead = AddLead("+79160000077");
    const UnixTime meeting_at = kStart + 30 * kHour;
    auto meeting = crm::TaskService(db(), clock_)
                       .Create(admin_, crm::NewTask{.record_type = crm::RecordType::kLead,
                                                    .record_id = lead,
                                                    .fields = {.kind = crm::TaskKind::kMeeting,
                                                               .subject = "Встреча",
                                                               .due_at = meeting_at,
                                                               .location = "Офис"}});
    ASSERT_TRUE(meeting) << meeting.error().message;
    Settle();
    auto converted = crm::LeadService(db(), clock_).Convert(admin_, lead, {});
    ASSERT_TRUE(converted) << converted.error().message;
    Settle();
    const auto jobs = Only(Jobs(), converted->deal_id);
    ASSERT_EQ(jobs.size(), 1U);
    EXPECT_EQ(jobs[0].rule_id, rule);
    EXPECT_EQ(jobs[0].due_at, meeting_at - 2 * kHour);

    clock_.Set(meeting_at - 2 * kHour + kMinute);
    Settle();
    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].body, "Напоминаем: встреча 16 января, 17:00, Офис");
}

// 8. A purchasing task created by a rule: when overdue, the department head and the deal's owner
// are notified and the deal gets a system note; a task done in time raises nothing.
TEST_P(EngineStore, OverdueDepartmentQueueTaskNotifiesHeadAndOwner) {
    AddRule({{"name", "Спецпредложение → закупки"},
             {"record_type", "deal"},
             {"trigger", StageEntered(offer_)},
             {"actions", Json::array({{{"type", "create_task"},
                                       {"subject", "Зарезервировать товар"},
                                       {"department_id", purchasing_},
                                       {"due", "P1D"}}})}});
    const auto late = AddDeal("Просроченный резерв", std::nullopt);
    const auto in_time = AddDeal("Резерв вовремя", std::nullopt);
    clock_.Advance(kMinute);
    const UnixTime entered = clock_.Now();
    MoveDeal(late, offer_);
    MoveDeal(in_time, offer_);
    Settle();

    std::optional<std::int64_t> in_time_task;
    for (const auto& task : Tasks()) {
        if (task.subject != "Зарезервировать товар") continue;
        EXPECT_EQ(task.department_id, purchasing_);
        EXPECT_EQ(task.due_at, entered + kDay);
        if (task.record_id == in_time) in_time_task = task.id;
    }
    ASSERT_TRUE(in_time_task.has_value());

    clock_.Set(entered + kHour);
    auto done = crm::TaskService(db(), clock_)
                    .Complete(admin_, *in_time_task, crm::TaskCompletion{.result = "Товар зарезервирован"});
    ASSERT_TRUE(done) << done.error().message;

    clock_.Set(entered + kDay - kMinute);
    Settle();
    EXPECT_TRUE(Notifications().empty());

    clock_.Set(entered + kDay + kMinute);
    Settle();
    const auto notifications = Notifications();
    ASSERT_EQ(notifications.size(), 2U);
    std::vector<std::int64_t> notified;
    for (const auto& n : notifications) {
        notified.push_back(n.user_id);
        EXPECT_EQ(n.kind, "queue_task_overdue");
        EXPECT_EQ(n.record_id, late);
        EXPECT_NE(n.text.find("Зарезервировать товар"), std::string::npos) << n.text;
    }
    EXPECT_THAT(notified, ::testing::UnorderedElementsAre(purchasing_head_, manager_));

    std::vector<NoteRow> system_notes;
    for (const auto& note : Notes()) {
        if (!note.author_id) system_notes.push_back(note);
    }
    ASSERT_EQ(system_notes.size(), 1U);
    EXPECT_EQ(system_notes[0].record_type, "deal");
    EXPECT_EQ(system_notes[0].record_id, late);
    EXPECT_NE(system_notes[0].body.find("Зарезервировать товар"), std::string::npos) << system_notes[0].body;

    const auto notes = Notes().size();
    clock_.Advance(kDay);
    Settle();
    EXPECT_EQ(Notifications().size(), 2U);
    EXPECT_EQ(Notes().size(), notes);
}

// The run log, action errors and notifications speak the organisation's language, chosen when
// they are written: an English organisation reads English, a Russian one Russian.
TEST_P(EngineStore, RunLogAndNotificationsSpeakTheOrganisationsLanguage) {
    const auto sms = AddSmsTemplate("Встреча {{meeting.at}}");
    AddRule({{"name", "Через час после назначения встречи"},
             {"record_type", "deal"},
             {"trigger", StageEntered(meeting_)},
             {"delay", "PT1H"},
             {"actions",
              Json::array({{{"type", "notify"}, {"text", "Встреча: {{record.title}}"}, {"owner", true}}})}});
    AddRule({{"name", "Спецпредложение → закупки и SMS"},
             {"record_type", "deal"},
             {"trigger", StageEntered(offer_)},
             {"actions", Json::array({{{"type", "create_task"},
                                       {"subject", "Зарезервировать товар"},
                                       {"department_id", purchasing_},
                                       {"due", "P1D"}},
                                      {{"type", "send_sms"}, {"template_id", sms}}})}});
    struct Expected {
        std::string language;
        std::string left_stage;
        std::string without_phone;
        std::string overdue_prefix;
    };
    for (const Expected& expected :
         {Expected{"en", "the record left the stage", "the recipient has no phone number",
                   "Overdue task of the department “Закупки”: “Зарезервировать товар”, due "},
          Expected{"ru", "запись покинула этап", "у получателя нет телефона",
                   "Просрочена задача отдела «Закупки»: «Зарезервировать товар», срок "}}) {
        SCOPED_TRACE(expected.language);
        ASSERT_TRUE(
            auth::SettingsService(db()).UpdateUnchecked(auth::SettingsPatch{.language = expected.language}));
        const auto leaves = AddDeal("Уходит", std::nullopt);
        const auto offered = AddDeal("Без телефона", std::nullopt);
        clock_.Advance(kMinute);
        MoveDeal(leaves, meeting_);
        MoveDeal(offered, offer_);
        Settle();
        clock_.Advance(30 * kMinute);
        MoveDeal(leaves, first_contact_);
        Settle();

        const auto cancelled = Only(Runs(), leaves);
        ASSERT_EQ(cancelled.size(), 1U);
        EXPECT_EQ(cancelled[0].outcome, "cancelled");
        EXPECT_EQ(cancelled[0].detail, expected.left_stage);

        const auto failed = Only(Runs(), offered);
        ASSERT_EQ(failed.size(), 1U);
        EXPECT_EQ(failed[0].outcome, "failed");
        ASSERT_EQ(failed[0].actions.size(), 2U);
        EXPECT_EQ(failed[0].actions[1].value("error", ""), expected.without_phone);
        bool message_failed = false;
        for (const auto& message : Messages()) {
            if (message.record_id != offered) continue;
            message_failed = true;
            EXPECT_EQ(message.last_error, expected.without_phone);
        }
        EXPECT_TRUE(message_failed);

        clock_.Advance(kDay);
        Settle();
        std::vector<std::int64_t> notified;
        for (const auto& n : Notifications()) {
            if (n.record_id != offered) continue;
            notified.push_back(n.user_id);
            EXPECT_EQ(n.kind, "queue_task_overdue");
            EXPECT_EQ(n.text.rfind(expected.overdue_prefix, 0), 0U) << n.text;
        }
        EXPECT_THAT(notified, ::testing::UnorderedElementsAre(purchasing_head_, manager_));
    }
}

// 9. notify with owner and head: the deal's owner and the head of the owner's department.
TEST_P(EngineStore, NotifyReachesOwnerAndHead) {
    const auto rule =
        AddRule({{"name", "Сообщить о встрече"},
                 {"record_type", "deal"},
                 {"trigger", StageEntered(meeting_)},
                 {"actions", Json::array({{{"type", "notify"},
                                           {"text", "Сделка «{{record.title}}»: {{record.stage}}"},
                                           {"owner", true},
                                           {"head", true}}})}});
    const auto deal = AddDeal("Поставка станков", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    Settle();

    const auto notifications = Notifications();
    ASSERT_EQ(notifications.size(), 2U);
    std::vector<std::int64_t> notified;
    for (const auto& n : notifications) {
        notified.push_back(n.user_id);
        EXPECT_EQ(n.kind, "rule");
        EXPECT_EQ(n.rule_id, rule);
        EXPECT_EQ(n.record_id, deal);
        EXPECT_EQ(n.text, "Сделка «Поставка станков»: Встреча назначена");
    }
    EXPECT_THAT(notified, ::testing::UnorderedElementsAre(sales_head_, manager_));
    const auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "ok");
    EXPECT_EQ(runs[0].actions[0].value("notified", 0), 2);
}

// 10. A webhook is queued with the URL as recipient and the body signed with the rule's secret.
TEST_P(EngineStore, WebhookQueuedWithSignature) {
    const std::string url = "https://hooks.example.ru/voronka?source=crm";
    const std::string secret = "секрет-вебхука-42";
    const auto rule =
        AddRule({{"name", "Вебхук о встрече"},
                 {"record_type", "deal"},
                 {"trigger", StageEntered(meeting_)},
                 {"actions", Json::array({{{"type", "webhook"}, {"url", url}, {"secret", secret}}})}});
    const auto deal = AddDeal("Поставка станков", std::nullopt);
    clock_.Advance(kMinute);
    MoveDeal(deal, meeting_);
    Settle();

    const auto messages = Messages();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].channel, "webhook");
    EXPECT_EQ(messages[0].recipient, url);
    EXPECT_EQ(messages[0].state, "queued");
    EXPECT_EQ(messages[0].rule_id, rule);
    ASSERT_TRUE(messages[0].payload.has_value());
    ASSERT_TRUE(messages[0].headers.has_value());
    const Json payload = Json::parse(*messages[0].payload);
    EXPECT_EQ(payload.value("rule_id", std::int64_t{0}), rule);
    EXPECT_EQ(payload.value("record_type", ""), "deal");
    EXPECT_EQ(payload.value("record_id", std::int64_t{0}), deal);
    EXPECT_EQ(payload.value("trigger", ""), "stage_entered");
    const Json headers = Json::parse(*messages[0].headers);
    const std::string header(messaging::kWebhookSignatureHeader);
    ASSERT_TRUE(headers.contains(header)) << headers.dump();
    EXPECT_EQ(headers[header].get<std::string>(), messaging::WebhookSignature(secret, *messages[0].payload));
    EXPECT_NE(headers[header].get<std::string>(),
              messaging::WebhookSignature("другой секрет", *messages[0].payload));
    EXPECT_EQ(headers.dump().find(secret), std::string::npos) << "the secret itself is in the headers";
    const auto runs = Runs();
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "ok");
}

// Issue 11: a rule's move_stage that reopens a lost deal gives it the first task of the settings
// (crm EnsureNextStep), so the rule leaves no open deal without a next step.
TEST_P(EngineStore, MoveStageReopeningALostDealGivesItAFirstTask) {
    std::int64_t lost = 0;
    for (const auto& stage : crm::PipelineService(db(), clock_).List(crm::RecordType::kDeal)[0].stages) {
        if (stage.kind == crm::StageKind::kLost) lost = stage.id;
    }
    ASSERT_NE(lost, 0);
    AddRule({{"name", "Проигранные — снова в работу"},
             {"record_type", "deal"},
             {"trigger", StageEntered(lost)},
             {"actions", Json::array({{{"type", "move_stage"}, {"stage_id", first_contact_}}})}});
    const auto deal = AddDeal("Вернуть клиента", std::nullopt);
    clock_.Advance(kMinute);
    auto moved =
        crm::DealService(db(), clock_)
            .Update(admin_, deal,
                    crm::DealPatch{.stage_id = lost, .lost_reason = std::optional<std::string>{"Дорого"}});
    ASSERT_TRUE(moved) << moved.error().message;
    for (const auto& task : Only(Tasks(), deal)) {
        auto done = crm::TaskService(db(), clock_).Complete(admin_, task.id, crm::TaskCompletion{});
        ASSERT_TRUE(done) << done.error().message;
    }
    Settle();
    EXPECT_EQ(Deal(deal).stage_id, first_contact_);
    std::vector<TaskRow> open;
    for (const auto& task : Only(Tasks(), deal)) {
        if (!task.done_at) open.push_back(task);
    }
    ASSERT_EQ(open.size(), 1U);
    EXPECT_EQ(open[0].subject, "Обработать новый лид");
    EXPECT_EQ(open[0].assignee_id, manager_);
}

// --- Rules with a scope (issue 11): a department's rule acts with its author's sight only. ---

// The purchasing department's head (as a signed-in principal), with a manager of their own.
class ScopedEngineStore : public EngineStore {
protected:
    void SetUp() override {
        EngineStore::SetUp();
        db().Write([&](store::Transaction& tx) {
            tx.Execute(sql::kEngineUserSetDepartment, {Param(purchasing_head_), Param(purchasing_)});
        });
        head2_.user.id = purchasing_head_;
        head2_.user.role = auth::Role::kHead;
        head2_.user.department_id = purchasing_;
        buyer_ = AddUser("buyer2@voronka.test", "Анна Закупщица", auth::Role::kManager, purchasing_).id;
    }
    std::int64_t AddHeadRule(const Json& body) {
        auto rule = RuleService(db(), clock_).Create(head2_, body);
        EXPECT_TRUE(rule) << rule.error().message << " (" << rule.error().field << ")";
        if (rule) {
            EXPECT_EQ(rule->department_id, purchasing_);
        }
        return rule ? rule->id : 0;
    }
    std::int64_t AddContactOf(std::int64_t owner, const std::string& name, const std::string& phone) {
        auto contact =
            crm::ContactService(db(), clock_)
                .Create(admin_, crm::NewContact{.name = name, .phones = {phone}, .owner_id = owner});
        EXPECT_TRUE(contact) << contact.error().message;
        return contact ? contact->id : 0;
    }
    std::int64_t AddDealOf(std::int64_t owner, const std::string& title,
                           std::optional<std::int64_t> contact) {
        auto deal = crm::DealService(db(), clock_)
                        .Create(admin_, crm::NewDeal{.owner_id = owner,
                                                     .title = title,
                                                     .contact_id = contact,
                                                     .amount = 125000000,
                                                     .pipeline_id = pipeline_,
                                                     .stage_id = first_contact_});
        EXPECT_TRUE(deal) << deal.error().message << " (" << deal.error().field << ")";
        return deal ? deal->id : 0;
    }
    std::int64_t OwnerOf(std::int64_t deal) {
        return db().Read([&](store::Transaction& tx) {
            return ReadInt(*tx.FetchOne(sql::kEngineDealOwner, {Param(deal)}));
        });
    }
    // The deal kept its owner, nobody was notified, and the rule's one run on it says why.
    void ExpectUntouchedWithOneRun(std::int64_t deal, std::int64_t owner, const std::string& outcome,
                                   const std::string& detail) {
        EXPECT_EQ(OwnerOf(deal), owner);
        EXPECT_TRUE(Notifications().empty());
        const auto runs = Only(Runs(), deal);
        ASSERT_EQ(runs.size(), 1U);
        EXPECT_EQ(runs[0].outcome, outcome);
        EXPECT_EQ(runs[0].detail, detail);
    }
    // The rule of the attack: notify me with the deal's title and its contact's phone, and make
    // me the owner.
    Json TakeOverRule() const {
        return {{"name", "Всё моё"},
                {"record_type", "deal"},
                {"trigger", {{"type", "record_created"}}},
                {"actions", Json::array({{{"type", "notify"},
                                          {"text", "{{record.title}} {{contact.phone}}"},
                                          {"user_ids", Json::array({purchasing_head_})}},
                                         {{"type", "change_owner"}, {"owner_id", purchasing_head_}}})}};
    }

    auth::Principal head2_;
    std::int64_t buyer_ = 0;
};

// The attack of issue 11: a head's rule never reads or takes over another department's deal.
TEST_P(ScopedEngineStore, HeadsRuleNeverReadsOrTakesOverAnotherDepartmentsDeal) {
    const auto rule = AddHeadRule(TakeOverRule());
    const auto sales_deal = AddDealOf(manager_, "Секретная сделка продаж",
                                      AddContactOf(manager_, "Клиент продаж", "+79160000011"));
    const auto own_deal =
        AddDealOf(buyer_, "Закупка бумаги", AddContactOf(buyer_, "Поставщик", "+79160000022"));
    clock_.Advance(kMinute);
    Settle();

    EXPECT_EQ(OwnerOf(sales_deal), manager_) << "the sales deal was taken over";
    for (const auto& n : Notifications()) {
        EXPECT_EQ(n.text.find("Секретная"), std::string::npos) << n.text;
        EXPECT_EQ(n.text.find("79160000011"), std::string::npos) << n.text;
        EXPECT_NE(n.record_id, sales_deal);
    }
    EXPECT_TRUE(Only(Runs(), sales_deal).empty());
    EXPECT_TRUE(Only(Jobs(), sales_deal).empty());
    // Within its department the rule does what it says.
    EXPECT_EQ(OwnerOf(own_deal), purchasing_head_);
    const auto notifications = Notifications();
    ASSERT_EQ(notifications.size(), 1U);
    EXPECT_EQ(notifications[0].user_id, purchasing_head_);
    EXPECT_EQ(notifications[0].rule_id, rule);
    EXPECT_EQ(notifications[0].text, "Закупка бумаги +79160000022");
}

// A deal of the department whose contact belongs to another department: the placeholder has no
// value for the rule, so the notice fails instead of carrying the phone.
TEST_P(ScopedEngineStore, DepartmentRuleRendersNoFieldOfAContactOutOfItsSight) {
    AddHeadRule({{"name", "Телефон клиента"},
                 {"record_type", "deal"},
                 {"trigger", {{"type", "record_created"}}},
                 {"actions", Json::array({{{"type", "notify"},
                                           {"text", "{{record.title}} {{contact.phone}}"},
                                           {"user_ids", Json::array({purchasing_head_})}}})}});
    const auto deal =
        AddDealOf(buyer_, "Закупка бумаги", AddContactOf(manager_, "Чужой клиент", "+79160000033"));
    clock_.Advance(kMinute);
    Settle();

    for (const auto& n : Notifications()) EXPECT_EQ(n.text.find("79160000033"), std::string::npos) << n.text;
    const auto runs = Only(Runs(), deal);
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "failed");
    EXPECT_EQ(runs[0].actions[0].value("outcome", ""), "failed");
}

// An admin's organisation-wide rule still acts in every department.
TEST_P(ScopedEngineStore, AdminsOrganisationWideRuleActsInEveryDepartment) {
    const auto rule = AddRule({{"name", "Новая сделка"},
                               {"record_type", "deal"},
                               {"trigger", {{"type", "record_created"}}},
                               {"actions", Json::array({{{"type", "notify"},
                                                         {"text", "{{record.title}} {{contact.phone}}"},
                                                         {"owner", true}}})}});
    AddDealOf(manager_, "Сделка продаж", AddContactOf(manager_, "Клиент продаж", "+79160000044"));
    AddDealOf(buyer_, "Сделка закупок", AddContactOf(purchasing_head_, "Поставщик", "+79160000055"));
    clock_.Advance(kMinute);
    Settle();

    std::vector<std::string> texts;
    for (const auto& n : Notifications()) {
        EXPECT_EQ(n.rule_id, rule);
        texts.push_back(n.text);
    }
    EXPECT_THAT(texts,
                ::testing::UnorderedElementsAre("Сделка продаж +79160000044", "Сделка закупок +79160000055"));
}

// A rule whose author was deactivated stops, and its run log says why.
TEST_P(ScopedEngineStore, RuleOfADeactivatedAuthorStopsAndSaysWhy) {
    AddHeadRule(TakeOverRule());
    db().Write(
        [&](store::Transaction& tx) { tx.Execute(sql::kEngineUserDeactivate, {Param(purchasing_head_)}); });
    const auto deal = AddDealOf(buyer_, "Закупка бумаги", std::nullopt);
    clock_.Advance(kMinute);
    Settle();

    ExpectUntouchedWithOneRun(deal, buyer_, "refused", "автор правила деактивирован");
}

// A delayed department rule whose record left the department meanwhile is cancelled when due.
TEST_P(ScopedEngineStore, DelayedRuleIsCancelledWhenTheRecordLeftTheDepartment) {
    Json body = TakeOverRule();
    body["delay"] = "PT1H";
    AddHeadRule(body);
    const auto deal = AddDealOf(buyer_, "Закупка бумаги", std::nullopt);
    clock_.Advance(kMinute);
    Settle();
    auto moved = crm::DealService(db(), clock_).Update(admin_, deal, crm::DealPatch{.owner_id = manager_});
    ASSERT_TRUE(moved) << moved.error().message;
    clock_.Advance(kHour);
    Settle();

    ExpectUntouchedWithOneRun(deal, manager_, "cancelled", "запись вне области правила");
}

// A rule's change_owner obeys the pipelines' rule (crm::MayEnterPipeline) as a person's change
// does: an organisation-wide rule handing purchasing's deals to a sales manager moves the deal in
// the organisation's pipeline, and fails on the one in purchasing's own pipeline, which keeps its
// owner and says why.
TEST_P(ScopedEngineStore, ChangeOwnerNeverLeavesADealInAnotherDepartmentsPipeline) {
    auto purchasing_pipeline =
        crm::PipelineService(db(), clock_)
            .Create(admin_, crm::NewPipeline{.name = "Закупки",
                                             .record_type = crm::RecordType::kDeal,
                                             .stages = {{.name = "Запрос цены"}},
                                             .department_id = std::optional<std::int64_t>(purchasing_)});
    ASSERT_TRUE(purchasing_pipeline) << purchasing_pipeline.error().message;
    AddRule({{"name", "Всё продажам"},
             {"record_type", "deal"},
             {"trigger", {{"type", "record_created"}}},
             {"actions", Json::array({{{"type", "change_owner"}, {"owner_id", manager_}}})}});
    const auto in_organisation = AddDealOf(buyer_, "Бумага", std::nullopt);
    auto in_department = crm::DealService(db(), clock_)
                             .Create(admin_, crm::NewDeal{.owner_id = buyer_,
                                                          .title = "Картриджи",
                                                          .pipeline_id = purchasing_pipeline->id});
    ASSERT_TRUE(in_department) << in_department.error().message << " (" << in_department.error().field << ")";
    clock_.Advance(kMinute);
    Settle();

    EXPECT_EQ(OwnerOf(in_organisation), manager_);
    EXPECT_EQ(OwnerOf(in_department->id), buyer_);
    const auto runs = Only(Runs(), in_department->id);
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(runs[0].outcome, "failed");
    EXPECT_THAT(runs[0].actions[0].value("error", ""), ::testing::HasSubstr("another department's"));
}

// A head may not aim a rule at users or templates outside their department.
TEST_P(ScopedEngineStore, HeadsRuleRefusesUsersAndTemplatesOfOtherDepartments) {
    RuleService rules(db(), clock_);
    const auto refused_field = [&](const Json& body) {
        auto made = rules.Create(head2_, body);
        return made ? std::string("(accepted)") : made.error().field;
    };
    Json owner = TakeOverRule();
    owner["actions"][1]["owner_id"] = manager_;
    EXPECT_EQ(refused_field(owner), "actions[1].owner_id");
    Json assignee{{"name", "Задача продавцу"},
                  {"record_type", "deal"},
                  {"trigger", {{"type", "record_created"}}},
                  {"actions", Json::array({{{"type", "create_task"},
                                            {"subject", "Позвонить"},
                                            {"due", "P1D"},
                                            {"assignee_id", manager_}}})}};
    EXPECT_EQ(refused_field(assignee), "actions[0].assignee_id");
    Json notify = TakeOverRule();
    notify["actions"][0]["user_ids"] = Json::array({sales_head_});
    EXPECT_EQ(refused_field(notify), "actions[0].user_ids");
    // Work handed to another department's queue (R9) is the department's to give.
    assignee["actions"][0].erase("assignee_id");
    assignee["actions"][0]["department_id"] = sales_;
    EXPECT_EQ(refused_field(assignee), "(accepted)");
    auto sales_template =
        messaging::TemplateService(db(), clock_)
            .Create(admin_, messaging::NewTemplate{.kind = messaging::TemplateKind::kSms,
                                                   .name = "Продажи",
                                                   .body = "{{record.title}}",
                                                   .department_id = std::optional<std::int64_t>(sales_)});
    ASSERT_TRUE(sales_template) << sales_template.error().message;
    Json sms{{"name", "SMS"},
             {"record_type", "deal"},
             {"trigger", {{"type", "record_created"}}},
             {"actions", Json::array({{{"type", "send_sms"}, {"template_id", sales_template->id}}})}};
    EXPECT_EQ(refused_field(sms), "actions[0].template_id");
    // An organisation-wide template is theirs to use.
    sms["actions"][0]["template_id"] = AddSmsTemplate("{{record.title}}");
    EXPECT_TRUE(rules.Create(head2_, sms));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScopedEngineStore, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

INSTANTIATE_TEST_SUITE_P(Backends, EngineStore, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::automation
