// Call ingestion, the calls list and PBXs on each back end: events folded into one row per
// (PBX, call id) whatever their order, replays that change nothing, users by extension and the
// unknown ones flagged, records matched by the client's number, missed calls becoming call-back
// tasks and calls made completing them, the sight of calls (SQL and C++ agree) and paging that
// reveals nothing. Time comes from a manual clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "auth/department_service.hpp"
#include "auth/user_service.hpp"
#include "auth/visibility.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/task_service.hpp"
#include "messaging/webhook.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"
#include "telephony/call_ingestion.hpp"
#include "telephony/call_service.hpp"
#include "telephony/pbx_service.hpp"

namespace voronka::telephony {
namespace {

using test::Backend;
using test::ManualClock;
using test::TestDatabase;

constexpr UnixTime kStart = 1800000000;
constexpr std::string_view kSecret = "a-secret-of-the-pbx-1";
constexpr std::string_view kClient = "8 (916) 123-45-67";  // +79161234567
constexpr std::string_view kDid = "+7 495 123-45-67";

class CallStore : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
        crm::PipelineService(db(), clock_).EnsureDefaultPipelines();
        admin_.user = AddUser("admin@voronka.test", auth::Role::kAdmin, std::nullopt, std::nullopt);
        department_1_ = AddDepartment("Продажи 1");
        department_2_ = AddDepartment("Продажи 2");
        head_1_.user = AddUser("head1@voronka.test", auth::Role::kHead, department_1_, std::nullopt);
        head_2_.user = AddUser("head2@voronka.test", auth::Role::kHead, department_2_, std::nullopt);
        manager_1_.user = AddUser("m1@voronka.test", auth::Role::kManager, department_1_, "101");
        manager_2_.user = AddUser("m2@voronka.test", auth::Role::kManager, department_2_, "201");
        auto pbx = pbxs().Create(
            admin_, NewPbx{.name = "Офис", .department_id = department_1_, .secret = std::string(kSecret)});
        ASSERT_TRUE(pbx) << pbx.error().message;
        pbx_id_ = pbx->id;
        auto company =
            crm::CompanyService(db(), clock_)
                .Create(admin_, crm::NewCompany{.name = "ООО Ромашка", .owner_id = manager_1_.user.id});
        ASSERT_TRUE(company) << company.error().message;
        auto contact = crm::ContactService(db(), clock_)
                           .Create(admin_, crm::NewContact{.name = "Иван Клиентов",
                                                           .company_id = company->id,
                                                           .phones = {std::string(kClient)},
                                                           .owner_id = manager_1_.user.id});
        ASSERT_TRUE(contact) << contact.error().message;
        auto deal = crm::DealService(db(), clock_)
                        .Create(admin_, crm::NewDeal{.owner_id = manager_1_.user.id,
                                                     .title = "Поставка",
                                                     .contact_id = contact->id,
                                                     .amount = 100});
        ASSERT_TRUE(deal) << deal.error().message;
        auto lead = crm::LeadService(db(), clock_)
                        .Create(admin_, crm::NewLead{.owner_id = manager_1_.user.id,
                                                     .title = "Ещё заказ",
                                                     .contact_id = contact->id,
                                                     .amount = 50,
                                                     .allow_duplicate = true});
        ASSERT_TRUE(lead) << lead.error().message;
        company_id_ = company->id;
        contact_id_ = contact->id;
        deal_id_ = deal->id;
        lead_id_ = lead->id;
    }
    void TearDown() override {
        db_.reset();
        test_db_.reset();
    }

    store::Database& db() { return *db_; }
    PbxService pbxs() { return PbxService(db(), clock_); }
    CallIngestion ingestion() { return CallIngestion(db(), clock_); }
    CallService calls() { return CallService(db()); }

    auth::User AddUser(const std::string& email, auth::Role role, std::optional<std::int64_t> department,
                       std::optional<std::string> extension) {
        auto user = auth::UserService(db(), clock_)
                        .CreateUnchecked(auth::NewUser{.email = email,
                                                       .name = email,
                                                       .role = role,
                                                       .department_id = department,
                                                       .phone_extension = std::move(extension),
                                                       .password = "test-password-1"});
        EXPECT_TRUE(user) << user.error().message;
        return *user;
    }
    std::int64_t AddDepartment(const std::string& name) {
        auto department =
            auth::DepartmentService(db(), clock_)
                .CreateUnchecked(auth::NewDepartment{.name = name, .kind = auth::DepartmentKind::kSales});
        EXPECT_TRUE(department) << department.error().message;
        return department->id;
    }

    static IncomingEvent In(std::string call_id, CallEventKind kind, UnixTime at, std::string extension = "",
                            EndReason reason = EndReason::kNone) {
        return IncomingEvent{.pbx_call_id = std::move(call_id),
                             .kind = kind,
                             .at = at,
                             .direction = CallDirection::kIn,
                             .from = std::string(kClient),
                             .to = std::string(kDid),
                             .extension = std::move(extension),
                             .end_reason = reason};
    }
    static IncomingEvent Out(std::string call_id, CallEventKind kind, UnixTime at,
                             std::string extension = "") {
        return IncomingEvent{.pbx_call_id = std::move(call_id),
                             .kind = kind,
                             .at = at,
                             .direction = CallDirection::kOut,
                             .from = std::string(kDid),
                             .to = "+79161234567",
                             .extension = std::move(extension),
                             .end_reason = EndReason::kNone};
    }
    IngestOutcome Ingest(const IncomingEvent& event) {
        auto outcome = ingestion().Ingest(pbx_id_, event);
        EXPECT_TRUE(outcome) << outcome.error().message;
        return outcome ? *outcome : IngestOutcome{};
    }
    std::vector<Call> ListAll(const auth::Principal& who, const CallFilter& filter = {}) {
        auto page = calls().List(who, filter, PageRequest{.after = std::nullopt, .limit = 200});
        EXPECT_TRUE(page) << page.error().message;
        return page ? page->items : std::vector<Call>{};
    }
    std::vector<crm::Task> ContactTasks() {
        auto page =
            crm::TaskService(db(), clock_)
                .List(admin_,
                      crm::TaskFilter{.record_type = crm::RecordType::kContact, .record_id = contact_id_},
                      PageRequest{.after = std::nullopt, .limit = 200});
        EXPECT_TRUE(page);
        return page ? page->items : std::vector<crm::Task>{};
    }
    std::vector<crm::Task> CallBackTasks() {
        std::vector<crm::Task> tasks;
        for (const auto& t : ContactTasks()) {
            if (t.subject == kCallBackSubject) tasks.push_back(t);
        }
        return tasks;
    }

    ManualClock clock_{kStart};
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
    auth::Principal admin_, head_1_, head_2_, manager_1_, manager_2_;
    std::int64_t department_1_ = 0, department_2_ = 0, pbx_id_ = 0;
    std::int64_t company_id_ = 0, contact_id_ = 0, deal_id_ = 0, lead_id_ = 0;
};

TEST_P(CallStore, AnAnsweredCallIsFoldedAssignedAndLinkedToTheClientsRecords) {
    const UnixTime t = kStart + 100;
    Ingest(In("c1", CallEventKind::kStarted, t, "101"));
    Ingest(In("c1", CallEventKind::kAnswered, t + 10, "101"));
    const auto ended = Ingest(In("c1", CallEventKind::kEnded, t + 70));
    EXPECT_TRUE(ended.changed);
    EXPECT_EQ(ended.status, CallStatus::kAnswered);
    auto call = calls().Get(manager_1_, ended.call_id);
    ASSERT_TRUE(call) << call.error().message;
    EXPECT_EQ(call->user_id, manager_1_.user.id);
    EXPECT_FALSE(call->flagged_unknown_extension);
    EXPECT_EQ(call->from, "+79161234567");
    EXPECT_EQ(call->to, "+74951234567");
    EXPECT_EQ(call->status, CallStatus::kAnswered);
    EXPECT_EQ(call->duration_s, 70);
    EXPECT_EQ(call->talk_s, 60);
    EXPECT_FALSE(call->has_recording);
    EXPECT_EQ(call->created_at, kStart) << "when Voronka first saw it, not when it started";
    std::set<std::pair<crm::RecordType, std::int64_t>> links;
    for (const auto& l : call->links) links.insert({l.record_type, l.record_id});
    EXPECT_EQ(links,
              (std::set<std::pair<crm::RecordType, std::int64_t>>{{crm::RecordType::kContact, contact_id_},
                                                                  {crm::RecordType::kCompany, company_id_},
                                                                  {crm::RecordType::kDeal, deal_id_},
                                                                  {crm::RecordType::kLead, lead_id_}}));
    EXPECT_TRUE(CallBackTasks().empty()) << "an answered call asks for no call-back";

    // A replay changes nothing, not even updated_at.
    clock_.Advance(3600);
    const auto replay = Ingest(In("c1", CallEventKind::kAnswered, t + 10, "101"));
    EXPECT_FALSE(replay.changed);
    EXPECT_EQ(replay.call_id, ended.call_id);
    auto again = calls().Get(admin_, ended.call_id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->updated_at, call->updated_at);

    const auto recording = Ingest(In("c1", CallEventKind::kRecordingReady, t + 200));
    EXPECT_TRUE(recording.changed);
    EXPECT_TRUE(calls().Get(admin_, ended.call_id)->has_recording);
    EXPECT_EQ(ListAll(admin_).size(), 1u) << "one row per PBX call id";
}

TEST_P(CallStore, EventsOutOfOrderGiveTheSameCall) {
    const UnixTime t = kStart + 100;
    const std::vector<IncomingEvent> in_order{In("a", CallEventKind::kStarted, t, "101"),
                                              In("a", CallEventKind::kAnswered, t + 5, "101"),
                                              In("a", CallEventKind::kEnded, t + 65)};
    std::vector<IncomingEvent> reversed(in_order.rbegin(), in_order.rend());
    for (auto& e : reversed) e.pbx_call_id = "b";
    std::int64_t a = 0, b = 0;
    for (const auto& e : in_order) a = Ingest(e).call_id;
    for (const auto& e : reversed) b = Ingest(e).call_id;
    auto call_a = calls().Get(admin_, a);
    auto call_b = calls().Get(admin_, b);
    ASSERT_TRUE(call_a && call_b);
    EXPECT_EQ(call_b->status, call_a->status);
    EXPECT_EQ(call_b->started_at, call_a->started_at);
    EXPECT_EQ(call_b->answered_at, call_a->answered_at);
    EXPECT_EQ(call_b->ended_at, call_a->ended_at);
    EXPECT_EQ(call_b->talk_s, 60);
    EXPECT_EQ(call_b->user_id, call_a->user_id);
}

TEST_P(CallStore, AnUnknownExtensionKeepsTheCallFlaggedWithNoUserSeenByThePbxDepartmentsHead) {
    const auto outcome = Ingest(In("u1", CallEventKind::kStarted, kStart, "999"));
    auto call = calls().Get(admin_, outcome.call_id);
    ASSERT_TRUE(call);
    EXPECT_FALSE(call->user_id);
    EXPECT_TRUE(call->flagged_unknown_extension);
    EXPECT_TRUE(calls().Get(head_1_, outcome.call_id));
    for (const auto* who : {&head_2_, &manager_1_, &manager_2_}) {
        auto hidden = calls().Get(*who, outcome.call_id);
        ASSERT_FALSE(hidden);
        EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
        EXPECT_TRUE(ListAll(*who).empty());
    }
    // The answer of the known user takes the call over.
    Ingest(In("u1", CallEventKind::kAnswered, kStart + 3, "201"));
    call = calls().Get(manager_2_, outcome.call_id);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->user_id, manager_2_.user.id);
    EXPECT_FALSE(call->flagged_unknown_extension);
    EXPECT_FALSE(calls().Get(head_1_, outcome.call_id)) << "now another department's manager's call";
}

TEST_P(CallStore, AMissedCallBecomesACallBackTaskThatACallMadeCompletes) {
    const UnixTime t = kStart + 100;
    Ingest(In("m1", CallEventKind::kStarted, t, "101"));
    const auto missed = Ingest(In("m1", CallEventKind::kEnded, t + 25, "", EndReason::kNoAnswer));
    EXPECT_EQ(missed.status, CallStatus::kMissed);
    ASSERT_TRUE(missed.callback_task_id);
    auto tasks = CallBackTasks();
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0].id, *missed.callback_task_id);
    EXPECT_EQ(tasks[0].kind, crm::TaskKind::kCall);
    EXPECT_EQ(tasks[0].assignee_id, manager_1_.user.id) << "the matched contact's owner";
    EXPECT_EQ(tasks[0].due_at, t + 25 + kCallBackDelay);
    EXPECT_FALSE(tasks[0].done_at);

    // Replays make no second task.
    Ingest(In("m1", CallEventKind::kEnded, t + 25, "", EndReason::kNoAnswer));
    Ingest(In("m1", CallEventKind::kStarted, t, "101"));
    EXPECT_EQ(CallBackTasks().size(), 1u);

    // An outbound call that nobody answered completes nothing; an answered one does.
    clock_.Advance(600);
    Ingest(Out("o1", CallEventKind::kStarted, t + 500, "101"));
    Ingest(Out("o1", CallEventKind::kEnded, t + 530, "101"));
    EXPECT_FALSE(CallBackTasks()[0].done_at);
    Ingest(Out("o2", CallEventKind::kStarted, t + 600, "101"));
    Ingest(Out("o2", CallEventKind::kAnswered, t + 610, "101"));
    tasks = CallBackTasks();
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0].done_at, clock_.Now());
    EXPECT_EQ(tasks[0].result, std::string(kCalledBackResult));
}

TEST_P(CallStore, AMissedCallAnsweredLateCompletesItsTaskAndOutboundOrBusyCallsMakeNone) {
    const auto missed = Ingest(In("late", CallEventKind::kEnded, kStart + 30));
    ASSERT_TRUE(missed.callback_task_id);
    Ingest(In("late", CallEventKind::kAnswered, kStart + 5, "101"));
    auto tasks = CallBackTasks();
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_TRUE(tasks[0].done_at);
    EXPECT_EQ(tasks[0].result, std::string(kAnsweredLateResult));

    EXPECT_FALSE(
        Ingest(In("busy", CallEventKind::kEnded, kStart + 40, "", EndReason::kBusy)).callback_task_id);
    EXPECT_FALSE(Ingest(Out("out", CallEventKind::kEnded, kStart + 50)).callback_task_id);
    IncomingEvent stranger = In("stranger", CallEventKind::kEnded, kStart + 60);
    stranger.from = "+79990000000";
    EXPECT_FALSE(Ingest(stranger).callback_task_id) << "no record to hang a task on";
    EXPECT_EQ(CallBackTasks().size(), 1u);
}

TEST_P(CallStore, BadEventsAreRefusedAndStoreNothing) {
    IncomingEvent bad_number = In("x", CallEventKind::kStarted, kStart);
    bad_number.from = "123";
    auto refused = ingestion().Ingest(pbx_id_, bad_number);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(refused.error().field, "from");

    IncomingEvent no_direction = In("x", CallEventKind::kStarted, kStart);
    no_direction.direction.reset();
    EXPECT_EQ(ingestion().Ingest(pbx_id_, no_direction).error().field, "direction");
    EXPECT_EQ(ingestion().Ingest(pbx_id_, In("", CallEventKind::kStarted, kStart)).error().field, "call_id");
    EXPECT_EQ(ingestion()
                  .Ingest(pbx_id_, In("x", CallEventKind::kStarted, kStart, "", EndReason::kBusy))
                  .error()
                  .field,
              "end_reason");
    EXPECT_EQ(ingestion().Ingest(pbx_id_ + 1000, In("x", CallEventKind::kStarted, kStart)).error().code,
              ErrorCode::kUnauthenticated);
    ASSERT_TRUE(pbxs().Update(admin_, pbx_id_, PbxPatch{.active = false}));
    EXPECT_EQ(ingestion().Ingest(pbx_id_, In("x", CallEventKind::kStarted, kStart)).error().code,
              ErrorCode::kUnauthenticated);
    EXPECT_TRUE(ListAll(admin_).empty());
}

TEST_P(CallStore, OnlyThePbxsOwnSignatureAuthenticates) {
    const std::string body = R"({"call_id":"c1","event":"call_started"})";
    EXPECT_TRUE(ingestion().Authenticate(pbx_id_, messaging::WebhookSignature(kSecret, body), body));
    EXPECT_FALSE(ingestion().Authenticate(pbx_id_, messaging::WebhookSignature(kSecret, body + " "), body));
    EXPECT_FALSE(
        ingestion().Authenticate(pbx_id_, messaging::WebhookSignature("another-secret-16b", body), body));
    EXPECT_FALSE(ingestion().Authenticate(pbx_id_, "", body));
    EXPECT_FALSE(ingestion().Authenticate(pbx_id_ + 1000, messaging::WebhookSignature(kSecret, body), body));
    auto other = pbxs().Create(admin_, NewPbx{.name = "Склад", .secret = "the-other-pbx-secret"});
    ASSERT_TRUE(other);
    EXPECT_FALSE(ingestion().Authenticate(other->id, messaging::WebhookSignature(kSecret, body), body))
        << "a stranger's signature";
    ASSERT_TRUE(pbxs().Update(admin_, pbx_id_, PbxPatch{.active = false}));
    const auto refused = ingestion().Authenticate(pbx_id_, messaging::WebhookSignature(kSecret, body), body);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
}

// SeesCall and the fragment sees_call agree for every principal and every kind of call.
TEST_P(CallStore, CallSightAgrees) {
    auto no_department =
        pbxs().Create(admin_, NewPbx{.name = "Без отдела", .secret = "the-third-pbx-secret"});
    ASSERT_TRUE(no_department);
    struct Made {
        std::int64_t id;
        std::optional<std::int64_t> user, user_department, pbx_department;
    };
    std::vector<Made> made;
    int n = 0;
    for (const std::int64_t pbx : {pbx_id_, no_department->id}) {
        const std::optional<std::int64_t> pbx_department =
            pbx == pbx_id_ ? std::optional<std::int64_t>(department_1_) : std::nullopt;
        for (const auto& [extension, user, department] :
             std::vector<std::tuple<std::string, std::optional<std::int64_t>, std::optional<std::int64_t>>>{
                 {"101", manager_1_.user.id, department_1_},
                 {"201", manager_2_.user.id, department_2_},
                 {"", std::nullopt, std::nullopt},
                 {"555", std::nullopt, std::nullopt}}) {
            auto outcome = ingestion().Ingest(
                pbx, In("s" + std::to_string(++n), CallEventKind::kStarted, kStart, extension));
            ASSERT_TRUE(outcome);
            made.push_back({outcome->call_id, user, department, pbx_department});
        }
    }
    for (const auto* who : {&admin_, &head_1_, &head_2_, &manager_1_, &manager_2_}) {
        const auto scope = auth::ScopeOf(*who);
        std::set<std::int64_t> expected;
        for (const auto& m : made) {
            const bool sees = SeesCall(scope, m.user, m.user_department, m.pbx_department);
            EXPECT_EQ(calls().Get(*who, m.id).ok(), sees) << who->user.email << " call " << m.id;
            if (sees) expected.insert(m.id);
        }
        std::set<std::int64_t> listed;
        for (const auto& c : ListAll(*who)) listed.insert(c.id);
        EXPECT_EQ(listed, expected) << who->user.email;
    }
}

TEST_P(CallStore, ListsFilterAndPageWithoutRevealingCallsOutOfSight) {
    // Calls two at a time at each start, alternating users.
    std::vector<std::int64_t> mine;
    for (int i = 0; i < 8; ++i) {
        const bool is_mine = i % 2 == 0;
        const UnixTime at = kStart + (i / 2) * 60;
        const auto id =
            Ingest(In("p" + std::to_string(i), CallEventKind::kStarted, at, is_mine ? "101" : "201")).call_id;
        if (i % 3 == 0) Ingest(In("p" + std::to_string(i), CallEventKind::kEnded, at + 30));
        if (is_mine) mine.push_back(id);
    }
    // Manager 1 walks their list one call per page: newest first, each once, none of manager 2's.
    std::vector<std::int64_t> walked;
    PageRequest page{.after = std::nullopt, .limit = 1};
    for (int guard = 0; guard < 20; ++guard) {
        auto p = calls().List(manager_1_, {}, page);
        ASSERT_TRUE(p) << p.error().message;
        for (const auto& c : p->items) walked.push_back(c.id);
        if (!p->next_cursor) break;
        page.after = DecodeCursor(*p->next_cursor);
    }
    std::vector<std::int64_t> expected(mine.rbegin(), mine.rend());
    EXPECT_EQ(walked, expected);

    // A cursor made from a call of manager 2 answers manager 1's calls after that position only.
    auto admin_page = calls().List(admin_, {}, PageRequest{.after = std::nullopt, .limit = 1});
    ASSERT_TRUE(admin_page && admin_page->next_cursor);
    auto after_theirs = calls().List(
        manager_1_, {}, PageRequest{.after = DecodeCursor(*admin_page->next_cursor), .limit = 50});
    ASSERT_TRUE(after_theirs);
    std::vector<std::int64_t> after_ids;
    for (const auto& c : after_theirs->items) after_ids.push_back(c.id);
    ASSERT_FALSE(std::find(mine.begin(), mine.end(), admin_page->items.at(0).id) != mine.end())
        << "the admin's first call is manager 2's (the higher id of the newest start)";
    EXPECT_EQ(after_ids, expected);

    // Filters.
    EXPECT_EQ(ListAll(admin_, CallFilter{.user_id = manager_2_.user.id}).size(), 4u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.status = CallStatus::kMissed}).size(), 3u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.direction = CallDirection::kOut}).size(), 0u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.from = kStart + 60, .to = kStart + 120}).size(), 2u);
    EXPECT_EQ(
        ListAll(admin_, CallFilter{.record_type = crm::RecordType::kDeal, .record_id = deal_id_}).size(), 8u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.record_type = crm::RecordType::kDeal, .record_id = deal_id_ + 1000})
                  .size(),
              0u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.has_recording = true}).size(), 0u);
    EXPECT_EQ(ListAll(admin_, CallFilter{.has_recording = false}).size(), 8u);
    EXPECT_EQ(calls().List(admin_, CallFilter{.record_type = crm::RecordType::kDeal}, {}).error().field,
              "record_id");
    EXPECT_EQ(calls().List(admin_, CallFilter{.from = kStart, .to = kStart}, {}).error().field, "to");
    const PageRequest foreign{.after = Cursor{.order = "messages", .key = {}, .id = 5}, .limit = 5};
    EXPECT_EQ(calls().List(admin_, {}, foreign).error().field, "cursor");
}

TEST_P(CallStore, PbxsAreTheAdminsAndKeepTheirCalls) {
    for (const auto* who : {&head_1_, &manager_1_}) {
        EXPECT_EQ(pbxs().List(*who, {}).error().code, ErrorCode::kForbidden);
        EXPECT_EQ(pbxs().Get(*who, pbx_id_).error().code, ErrorCode::kForbidden);
        EXPECT_EQ(pbxs().Create(*who, NewPbx{.name = "x", .secret = "0123456789abcdef"}).error().code,
                  ErrorCode::kForbidden);
    }
    EXPECT_EQ(pbxs().Create(admin_, NewPbx{.name = "x", .secret = "short"}).error().field, "secret");
    EXPECT_EQ(pbxs()
                  .Create(admin_, NewPbx{.kind = "asterisk", .name = "x", .secret = "0123456789abcdef"})
                  .error()
                  .field,
              "kind");
    EXPECT_EQ(pbxs()
                  .Create(admin_, NewPbx{.name = "x", .department_id = 999999, .secret = "0123456789abcdef"})
                  .error()
                  .field,
              "department_id");
    auto spare = pbxs().Create(admin_, NewPbx{.name = "Запасная", .secret = "0123456789abcdef"});
    ASSERT_TRUE(spare);
    auto renamed =
        pbxs().Update(admin_, spare->id, PbxPatch{.name = "Резерв", .department_id = department_2_});
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->name, "Резерв");
    EXPECT_EQ(renamed->department_id, department_2_);
    auto listed = pbxs().List(admin_, PageRequest{.after = std::nullopt, .limit = 1});
    ASSERT_TRUE(listed && listed->next_cursor);
    EXPECT_TRUE(pbxs().Delete(admin_, spare->id));
    EXPECT_EQ(pbxs().Get(admin_, spare->id).error().code, ErrorCode::kNotFound);
    Ingest(In("keep", CallEventKind::kStarted, kStart));
    EXPECT_EQ(pbxs().Delete(admin_, pbx_id_).error().code, ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, CallStore, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::telephony
