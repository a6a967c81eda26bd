// Each rule of the seed is stated once in C++ and once in SQL (DESIGN: "a rule is stated once"):
// the visibility rule (auth::Sees, fragment `sees`; of tasks crm::SeesTask, fragment `sees_task`), an open
// task (crm::IsTaskOpen, fragments `task_open` and `has_open_task`), the next-step rule (crm::NeedsNextStep,
// fragments `RECORD_needs_next_step` / `RECORD_lacks_next_step`) and a stage overdue (crm::IsStageOverdue,
// fragment `stage_overdue`; crm::BecameStageOverdue, fragment `stage_overdue_since`, which the
// automation engine's deadline scan uses). These tests generate records in every state the rules read — the
// states the services never leave included, such as an open lead without a task — straight into
// the tables, and check on each back end that what the statements using the fragments answer
// (lists and their filters, gets, the head's controls) is what the C++ rules say of the same
// records, for principals of every kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/department_service.hpp"
#include "auth/user_service.hpp"
#include "auth/visibility.hpp"
#include "automation_sql.hpp"
#include "core/page.hpp"
#include "crm/board_service.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/next_step_control.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/rules.hpp"
#include "crm/task_service.hpp"
#include "rules_agree_test_sql.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace voronka::crm {
namespace {

using store::Param;
using test::Backend;
using test::ManualClock;
using test::TestDatabase;

constexpr UnixTime kNow = 1800000000;
constexpr int kRecordsPerType = 96;  // each of the 48 states of a lead twice

// A record by its type and id, as the control lists it.
using RecordKey = std::pair<RecordType, std::int64_t>;

struct GeneratedTask {
    Task task;
    bool deleted = false;
};

// The ids of a list, read page by page to its end.
template <typename Record>
std::set<std::int64_t> AllIds(const std::function<Result<Page<Record>>(const PageRequest&)>& page_of) {
    std::set<std::int64_t> ids;
    PageRequest page{.after = std::nullopt, .limit = kMaxPageLimit};
    for (int pages = 0; pages < 100; ++pages) {
        auto got = page_of(page);
        EXPECT_TRUE(got) << got.error().message;
        if (!got) break;
        for (const auto& record : got->items) ids.insert(record.id);
        if (!got->next_cursor) break;
        page.after = DecodeCursor(*got->next_cursor);
    }
    return ids;
}

// An organisation of two departments with heads and managers, a head and a manager of no
// department, and the admin; records of every type owned by each of them in generated states.
class RulesAgree : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
        PipelineService(db(), clock_).EnsureDefaultPipelines();
        const auto department_1 = AddDepartment("Продажи 1");
        const auto department_2 = AddDepartment("Продажи 2");
        departments_ = {department_1, department_2};
        AddUser("admin@voronka.test", auth::Role::kAdmin, std::nullopt);
        AddUser("head1@voronka.test", auth::Role::kHead, department_1);
        AddUser("head2@voronka.test", auth::Role::kHead, department_2);
        AddUser("head0@voronka.test", auth::Role::kHead, std::nullopt);
        AddUser("m1@voronka.test", auth::Role::kManager, department_1);
        AddUser("m2@voronka.test", auth::Role::kManager, department_1);
        AddUser("m3@voronka.test", auth::Role::kManager, department_2);
        AddUser("m0@voronka.test", auth::Role::kManager, std::nullopt);
        AddRecords();
    }
    void TearDown() override {
        db_.reset();
        test_db_.reset();
    }

    store::Database& db() { return *db_; }
    const auth::Principal& admin() const { return principals_.front(); }

    std::int64_t AddDepartment(const std::string& name) {
        auto department =
            auth::DepartmentService(db(), clock_)
                .CreateUnchecked(auth::NewDepartment{
                    .name = name, .kind = auth::DepartmentKind::kSales, .head_user_id = std::nullopt});
        EXPECT_TRUE(department) << department.error().message;
        return department->id;
    }
    void AddUser(const std::string& email, auth::Role role, std::optional<std::int64_t> department) {
        auto user = auth::UserService(db(), clock_)
                        .CreateUnchecked(auth::NewUser{.email = email,
                                                       .name = email,
                                                       .role = role,
                                                       .department_id = department,
                                                       .password = "test-password-1"});
        ASSERT_TRUE(user) << user.error().message;
        ASSERT_EQ(user->department_id, department);
        auth::Principal principal;
        principal.user = *user;
        principals_.push_back(principal);
        department_of_[user->id] = department;
    }

    // The default pipeline's open and closed (won, lost) stages of a record type.
    std::pair<std::vector<Stage>, std::vector<Stage>> StagesOf(RecordType type) {
        std::pair<std::vector<Stage>, std::vector<Stage>> stages;
        for (const auto& pipeline : PipelineService(db(), clock_).List(type)) {
            if (!pipeline.is_default) continue;
            for (const Stage& stage : pipeline.stages) {
                (stage.kind == StageKind::kOpen ? stages.first : stages.second).push_back(stage);
            }
        }
        EXPECT_FALSE(stages.first.empty());
        EXPECT_FALSE(stages.second.empty());
        return stages;
    }

    // Records of every type in every state the rules read, each state twice: once with an open
    // task and once without (no task, or only done and deleted ones). Leads: open or closed stage
    // x converted or not (a converted lead left open too, so that both statements of the rule
    // must read converted_at) x deleted or not x a stage deadline a day or a second before, at,
    // a second or a day after now, or none. Deals the same without conversion, contacts client or
    // not x deleted or not, companies deleted or not. Owners and the tasks' mix are drawn with a
    // fixed seed, so a failure repeats.
    void AddRecords() {
        std::mt19937 random(20261205);
        const auto coin = [&]() { return std::uniform_int_distribution<int>(0, 1)(random) == 1; };
        const auto owner = [&]() {
            return principals_[std::uniform_int_distribution<std::size_t>(0, principals_.size() - 1)(random)]
                .user.id;
        };
        const std::vector<std::optional<std::int64_t>> deadline_offsets{std::nullopt, -86400, -1, 0, 1,
                                                                        86400};
        const auto deleted_if = [](bool deleted) {
            return deleted ? std::optional<UnixTime>(kNow - 10) : std::nullopt;
        };
        const auto lead_stages = StagesOf(RecordType::kLead);
        const auto deal_stages = StagesOf(RecordType::kDeal);
        const auto position_of = [&](RecordType type, bool is_open, std::optional<std::int64_t> offset,
                                     int n) {
            const auto& stages = type == RecordType::kLead ? lead_stages : deal_stages;
            const auto& choices = is_open ? stages.first : stages.second;
            const Stage& stage = choices[static_cast<std::size_t>(n) % choices.size()];
            StagePosition position;
            position.pipeline_id = stage.pipeline_id;
            position.stage_id = stage.id;
            position.entered_at = kNow - 100000;
            position.is_open = is_open;
            if (offset) position.deadline = kNow + *offset;
            return position;
        };
        // A task's sight beyond its owner's is drawn apart, so that the records' draws stay as they were.
        std::mt19937 sight_random(1205);
        const auto draw = [&](std::size_t n) {
            return std::uniform_int_distribution<std::size_t>(0, n - 1)(sight_random);
        };
        db().Write([&](store::Transaction& tx) {
            // An open task, or a done one, or a deleted open one, on the record; one in three is
            // assigned to a user drawn, one in three waits in a department's queue.
            const auto add_task = [&](RecordType type, std::int64_t record_id, std::int64_t task_owner,
                                      bool done, bool deleted) {
                GeneratedTask generated;
                generated.task.record_type = type;
                generated.task.record_id = record_id;
                generated.task.owner_id = task_owner;
                generated.task.due_at = kNow + 3600;
                if (done) generated.task.done_at = kNow - 20;
                switch (draw(3)) {
                    case 1: generated.task.assignee_id = principals_[draw(principals_.size())].user.id; break;
                    case 2: generated.task.department_id = departments_[draw(departments_.size())]; break;
                    default: break;
                }
                generated.deleted = deleted;
                generated.task.id =
                    tx.Insert(testsql::kRulesInsertTask,
                              {Param(RecordTypeName(type)), Param(record_id), Param(task_owner),
                               Param(kNow - 1000), Param(generated.task.done_at), Param(deleted_if(deleted)),
                               Param(generated.task.assignee_id), Param(generated.task.department_id)});
                tasks_.push_back(generated);
            };
            // With `open`: one open task, and maybe a done one. Without: nothing, or a done task
            // and a deleted open one.
            const auto add_tasks = [&](RecordType type, std::int64_t record_id, std::int64_t task_owner,
                                       bool open) {
                const bool more = coin();
                if (open) add_task(type, record_id, task_owner, false, false);
                if (more) {
                    add_task(type, record_id, task_owner, true, false);
                    if (!open) add_task(type, record_id, task_owner, false, true);
                }
            };
            for (int n = 0; n < kRecordsPerType; ++n) {
                const bool with_task = n % 2 == 1;
                const int state = n / 2;
                const std::string title = "r" + std::to_string(n);
                {
                    Lead lead;
                    lead.owner_id = owner();
                    lead.stage =
                        position_of(RecordType::kLead, state % 2 == 1, deadline_offsets[state / 8 % 6], n);
                    if (state / 2 % 2 == 1) lead.converted_at = kNow - 50;
                    lead.deleted_at = deleted_if(state / 4 % 2 == 1);
                    lead.id = tx.Insert(
                        testsql::kRulesInsertLead,
                        {Param(lead.owner_id), Param(title), Param(lead.stage.pipeline_id),
                         Param(lead.stage.stage_id), Param(lead.stage.entered_at), Param(lead.stage.deadline),
                         Param(lead.stage.is_open), Param(lead.converted_at), Param(lead.deleted_at)});
                    add_tasks(RecordType::kLead, lead.id, lead.owner_id, with_task);
                    leads_.push_back(lead);
                }
                {
                    Deal deal;
                    deal.owner_id = owner();
                    deal.stage =
                        position_of(RecordType::kDeal, state % 2 == 1, deadline_offsets[state / 4 % 6], n);
                    deal.deleted_at = deleted_if(state / 2 % 2 == 1);
                    deal.id = tx.Insert(
                        testsql::kRulesInsertDeal,
                        {Param(deal.owner_id), Param(title), Param(deal.stage.pipeline_id),
                         Param(deal.stage.stage_id), Param(deal.stage.entered_at), Param(deal.stage.deadline),
                         Param(deal.stage.is_open), Param(deal.deleted_at)});
                    add_tasks(RecordType::kDeal, deal.id, deal.owner_id, with_task);
                    deals_.push_back(deal);
                }
                {
                    Contact contact;
                    contact.owner_id = owner();
                    contact.is_client = state % 2 == 1;
                    contact.deleted_at = deleted_if(state / 2 % 2 == 1);
                    contact.id = tx.Insert(testsql::kRulesInsertContact,
                                           {Param(contact.owner_id), Param(title), Param(contact.is_client),
                                            Param(kNow - 100), Param(contact.deleted_at)});
                    add_tasks(RecordType::kContact, contact.id, contact.owner_id, with_task);
                    contacts_.push_back(contact);
                }
                {
                    Company company;
                    company.owner_id = owner();
                    company.deleted_at = deleted_if(state % 2 == 1);
                    company.id = tx.Insert(testsql::kRulesInsertCompany,
                                           {Param(company.owner_id), Param(title), Param(kNow - 100),
                                            Param(company.deleted_at)});
                    add_tasks(RecordType::kCompany, company.id, company.owner_id, with_task);
                    companies_.push_back(company);
                }
            }
        });
    }

    // The C++ rules over the generated records.
    bool Sees(const auth::Principal& who, std::int64_t owner) const {
        return auth::Sees(auth::ScopeOf(who), owner, department_of_.at(owner));
    }
    bool HasOpenTask(RecordType type, std::int64_t id) const {
        for (const auto& t : tasks_) {
            if (t.task.record_type == type && t.task.record_id == id && !t.deleted && IsTaskOpen(t.task))
                return true;
        }
        return false;
    }
    template <typename Record>
    bool LacksNextStep(RecordType type, const Record& record) const {
        return NeedsNextStep(SubjectOf(record)) && !HasOpenTask(type, record.id);
    }
    bool CompanyLacksNextStep(const Company& company) const {
        const NextStepSubject subject{.type = RecordType::kCompany,
                                      .is_open = false,
                                      .is_client = false,
                                      .is_deleted = company.deleted_at.has_value()};
        return NeedsNextStep(subject) && !HasOpenTask(RecordType::kCompany, company.id);
    }

    // The ids of `records` that are not deleted, `who` sees, and `rule` holds for.
    template <typename Record>
    std::set<std::int64_t> Expected(const std::vector<Record>& records, const auth::Principal& who,
                                    const std::function<bool(const Record&)>& rule) const {
        std::set<std::int64_t> ids;
        for (const auto& record : records) {
            if (!record.deleted_at && Sees(who, record.owner_id) && rule(record)) ids.insert(record.id);
        }
        return ids;
    }

    // A task is in the lists when neither it nor its record is deleted.
    bool InAnyList(const GeneratedTask& t) const {
        if (t.deleted) return false;
        const auto deleted = [&](const auto& records) {
            for (const auto& r : records) {
                if (r.id == t.task.record_id) return r.deleted_at.has_value();
            }
            return false;
        };
        switch (t.task.record_type) {
            case RecordType::kLead: return !deleted(leads_);
            case RecordType::kDeal: return !deleted(deals_);
            case RecordType::kContact: return !deleted(contacts_);
            case RecordType::kCompany: return !deleted(companies_);
        }
        return false;
    }

    std::string Who(const auth::Principal& who) const { return who.user.email; }

    ManualClock clock_{kNow};
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
    std::vector<auth::Principal> principals_;                            // the admin first
    std::map<std::int64_t, std::optional<std::int64_t>> department_of_;  // user id -> department
    std::vector<std::int64_t> departments_;
    std::vector<Lead> leads_;
    std::vector<Deal> deals_;
    std::vector<Contact> contacts_;
    std::vector<Company> companies_;
    std::vector<GeneratedTask> tasks_;
};

// `sees`: every list and every get answers exactly the records auth::Sees allows, for each
// principal.
TEST_P(RulesAgree, VisibilityOfEveryListAndGetIsAuthSees) {
    const auto any = [](const auto&) { return true; };
    int visible = 0;
    int hidden = 0;
    for (const auto& who : principals_) {
        const std::set<std::int64_t> leads = AllIds<Lead>(
            [&](const PageRequest& p) { return LeadService(db(), clock_).List(who, SalesFilter{}, p); });
        EXPECT_EQ(leads, Expected<Lead>(leads_, who, any)) << Who(who);
        const std::set<std::int64_t> deals = AllIds<Deal>(
            [&](const PageRequest& p) { return DealService(db(), clock_).List(who, SalesFilter{}, p); });
        EXPECT_EQ(deals, Expected<Deal>(deals_, who, any)) << Who(who);
        const std::set<std::int64_t> contacts = AllIds<Contact>(
            [&](const PageRequest& p) { return ContactService(db(), clock_).List(who, RecordFilter{}, p); });
        EXPECT_EQ(contacts, Expected<Contact>(contacts_, who, any)) << Who(who);
        const std::set<std::int64_t> companies = AllIds<Company>(
            [&](const PageRequest& p) { return CompanyService(db(), clock_).List(who, RecordFilter{}, p); });
        EXPECT_EQ(companies, Expected<Company>(companies_, who, any)) << Who(who);
        for (const auto& r : leads_) {
            if (r.deleted_at) continue;
            const bool sees = Sees(who, r.owner_id);
            (sees ? visible : hidden) += 1;
            EXPECT_EQ(LeadService(db(), clock_).Get(who, r.id).ok(), sees) << Who(who) << " lead " << r.id;
        }
        for (const auto& r : deals_) {
            if (r.deleted_at) continue;
            EXPECT_EQ(DealService(db(), clock_).Get(who, r.id).ok(), Sees(who, r.owner_id))
                << Who(who) << " deal " << r.id;
        }
        for (const auto& r : contacts_) {
            if (r.deleted_at) continue;
            EXPECT_EQ(ContactService(db(), clock_).Get(who, r.id).ok(), Sees(who, r.owner_id))
                << Who(who) << " contact " << r.id;
        }
        for (const auto& r : companies_) {
            if (r.deleted_at) continue;
            EXPECT_EQ(CompanyService(db(), clock_).Get(who, r.id).ok(), Sees(who, r.owner_id))
                << Who(who) << " company " << r.id;
        }
    }
    // The generated data reaches both answers of the rule.
    EXPECT_GT(visible, 0);
    EXPECT_GT(hidden, 0);
}

// `RECORD_lacks_next_step` (and through it `has_open_task`, `task_open`): the head's control and
// the lists' no_next_step filter answer exactly the records NeedsNextStep asks a step of and that
// have no open task, for each principal.
TEST_P(RulesAgree, NoNextStepIsNeedsNextStepWithoutAnOpenTask) {
    int violations = 0;
    for (const auto& who : principals_) {
        std::set<RecordKey> expected;
        for (const auto& r : leads_) {
            if (Sees(who, r.owner_id) && LacksNextStep(RecordType::kLead, r))
                expected.insert({RecordType::kLead, r.id});
        }
        for (const auto& r : deals_) {
            if (Sees(who, r.owner_id) && LacksNextStep(RecordType::kDeal, r))
                expected.insert({RecordType::kDeal, r.id});
        }
        for (const auto& r : contacts_) {
            if (Sees(who, r.owner_id) && LacksNextStep(RecordType::kContact, r)) {
                expected.insert({RecordType::kContact, r.id});
            }
        }
        std::set<RecordKey> got;
        const auto report = NextStepControl(db()).NoNextStep(who);
        ASSERT_TRUE(report) << report.error().message;
        for (const auto& group : *report) {
            for (const auto& r : group.leads) got.insert({RecordType::kLead, r.id});
            for (const auto& r : group.deals) got.insert({RecordType::kDeal, r.id});
            for (const auto& r : group.contacts) got.insert({RecordType::kContact, r.id});
            EXPECT_EQ(group.count(), static_cast<std::int64_t>(group.leads.size() + group.deals.size() +
                                                               group.contacts.size()));
        }
        EXPECT_EQ(got, expected) << Who(who);
        // A limit of one per owner and type lists each type's first record and keeps the counts.
        const auto first = NextStepControl(db()).NoNextStep(who, 1);
        ASSERT_TRUE(first) << first.error().message;
        ASSERT_EQ(first->size(), report->size());
        for (std::size_t i = 0; i < report->size(); ++i) {
            const auto& full = (*report)[i];
            const auto& cut = (*first)[i];
            EXPECT_EQ(cut.owner_id, full.owner_id);
            EXPECT_EQ(cut.lead_count, full.lead_count);
            EXPECT_EQ(cut.deal_count, full.deal_count);
            EXPECT_EQ(cut.contact_count, full.contact_count);
            EXPECT_EQ(cut.leads.size(), std::min<std::size_t>(1, full.leads.size()));
            EXPECT_EQ(cut.deals.size(), std::min<std::size_t>(1, full.deals.size()));
            EXPECT_EQ(cut.contacts.size(), std::min<std::size_t>(1, full.contacts.size()));
            if (!full.leads.empty()) {
                EXPECT_EQ(cut.leads.front().id, full.leads.front().id);
            }
        }
        if (&who == &admin()) violations = static_cast<int>(expected.size());

        const SalesFilter sales{.no_next_step = true};
        EXPECT_EQ(
            AllIds<Lead>([&](const PageRequest& p) { return LeadService(db(), clock_).List(who, sales, p); }),
            Expected<Lead>(leads_, who, [&](const Lead& r) { return LacksNextStep(RecordType::kLead, r); }))
            << Who(who);
        EXPECT_EQ(
            AllIds<Deal>([&](const PageRequest& p) { return DealService(db(), clock_).List(who, sales, p); }),
            Expected<Deal>(deals_, who, [&](const Deal& r) { return LacksNextStep(RecordType::kDeal, r); }))
            << Who(who);
        RecordFilter records;
        records.no_next_step = true;
        EXPECT_EQ(AllIds<Contact>([&](const PageRequest& p) {
                      return ContactService(db(), clock_).List(who, records, p);
                  }),
                  Expected<Contact>(contacts_, who,
                                    [&](const Contact& r) { return LacksNextStep(RecordType::kContact, r); }))
            << Who(who);
        EXPECT_EQ(
            AllIds<Company>(
                [&](const PageRequest& p) { return CompanyService(db(), clock_).List(who, records, p); }),
            Expected<Company>(companies_, who, [&](const Company& r) { return CompanyLacksNextStep(r); }))
            << Who(who);
    }
    EXPECT_GT(violations, 0);
}

// `task_open`: the open tasks of the task list are those IsTaskOpen says are open (deleted tasks
// and tasks of deleted records are in no list).
TEST_P(RulesAgree, OpenTasksAreIsTaskOpen) {
    for (const bool done : {false, true}) {
        std::set<std::int64_t> expected;
        for (const auto& t : tasks_) {
            if (!InAnyList(t)) continue;
            if (IsTaskOpen(t.task) != done) expected.insert(t.task.id);
        }
        const TaskFilter filter{.done = done};
        EXPECT_EQ(AllIds<Task>([&](const PageRequest& p) {
                      return TaskService(db(), clock_).List(admin(), filter, p);
                  }),
                  expected)
            << "done=" << done;
        EXPECT_FALSE(expected.empty());
    }
}

// `sees_task`: the task list and a task's get answer exactly the tasks SeesTask allows (of records
// not deleted), for each caller; some are seen only by assignment or a department's queue.
TEST_P(RulesAgree, TaskSightIsSeesTask) {
    int beyond_owner = 0;
    for (const auto& who : principals_) {
        const store::Scope scope = auth::ScopeOf(who);
        std::set<std::int64_t> expected;
        for (const auto& t : tasks_) {
            if (!InAnyList(t)) continue;
            const bool sees =
                SeesTask(scope, who.user.department_id, t.task, department_of_.at(t.task.owner_id));
            if (sees) expected.insert(t.task.id);
            if (sees && !Sees(who, t.task.owner_id)) ++beyond_owner;
            EXPECT_EQ(TaskService(db(), clock_).Get(who, t.task.id).ok(), sees)
                << Who(who) << " task " << t.task.id;
        }
        EXPECT_EQ(
            AllIds<Task>([&](const PageRequest& p) { return TaskService(db(), clock_).List(who, {}, p); }),
            expected)
            << Who(who);
    }
    EXPECT_GT(beyond_owner, 0);
}

// `stage_overdue`: the lists' overdue_stage filter and the head's stage control answer exactly
// the records IsStageOverdue holds for, now and a second either side of the deadlines.
TEST_P(RulesAgree, StageOverdueIsIsStageOverdue) {
    int overdue = 0;
    for (const UnixTime now : {kNow - 1, kNow, kNow + 1}) {
        clock_.Set(now);
        for (const auto& who : principals_) {
            const auto lead_overdue = [&](const Lead& r) { return IsStageOverdue(r.stage, now); };
            const auto deal_overdue = [&](const Deal& r) { return IsStageOverdue(r.stage, now); };
            const std::set<std::int64_t> leads = Expected<Lead>(leads_, who, lead_overdue);
            const std::set<std::int64_t> deals = Expected<Deal>(deals_, who, deal_overdue);
            const SalesFilter filter{.overdue_stage = true};
            EXPECT_EQ(AllIds<Lead>([&](const PageRequest& p) {
                          return LeadService(db(), clock_).List(who, filter, p);
                      }),
                      leads)
                << Who(who) << " at " << now;
            EXPECT_EQ(AllIds<Deal>([&](const PageRequest& p) {
                          return DealService(db(), clock_).List(who, filter, p);
                      }),
                      deals)
                << Who(who) << " at " << now;
            std::set<std::int64_t> control_leads;
            std::set<std::int64_t> control_deals;
            for (const auto& group : BoardService(db(), clock_).StageOverdue(who, kRecordsPerType)) {
                for (const auto& r : group.leads) control_leads.insert(r.id);
                for (const auto& r : group.deals) control_deals.insert(r.id);
            }
            EXPECT_EQ(control_leads, leads) << Who(who) << " at " << now;
            EXPECT_EQ(control_deals, deals) << Who(who) << " at " << now;
            if (&who == &admin() && now == kNow) overdue = static_cast<int>(leads.size() + deals.size());
        }
    }
    EXPECT_GT(overdue, 0);
}

// `stage_overdue_since`: the engine's scan for stage_overdue triggers (automation/sql/
// engine_overdue_*.sql) answers exactly the records BecameStageOverdue holds for, in deadline
// order, for windows from a scan to the next around every generated deadline: a deadline equal to
// the scan's now waits for the next scan, as IsStageOverdue says.
TEST_P(RulesAgree, StageOverdueScanIsBecameStageOverdue) {
    const std::vector<UnixTime> scans{kNow - 86401, kNow - 86400, kNow - 1,    kNow,
                                      kNow + 1,     kNow + 86400, kNow + 86401};
    const auto scanned = [&](const store::Query& statement, UnixTime since, UnixTime now) {
        std::vector<std::int64_t> ids;
        std::optional<UnixTime> previous;
        db().Read([&](store::Transaction& tx) {
            for (const auto& row :
                 tx.Fetch(statement, {Param(since), Param(now), Param(kRecordsPerType + 1)})) {
                store::ReadRow(row, [&](store::RowReader& r) {
                    ids.push_back(r.Int());
                    r.Skip(3);  // pipeline_id, stage_id, stage_entered_at: the engine's
                    const UnixTime deadline = r.Int();
                    EXPECT_LE(previous.value_or(deadline), deadline) << "not in deadline order";
                    previous = deadline;
                });
            }
        });
        return ids;
    };
    const auto expected = [](const auto& records, UnixTime since, UnixTime now) {
        std::set<std::int64_t> ids;
        for (const auto& r : records) {
            if (!r.deleted_at && BecameStageOverdue(r.stage, since, now)) ids.insert(r.id);
        }
        return ids;
    };
    int found = 0;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        for (std::size_t j = i + 1; j < scans.size(); ++j) {
            const UnixTime since = scans[i];
            const UnixTime now = scans[j];
            const auto leads = scanned(automation::sql::kEngineOverdueLeads, since, now);
            const auto deals = scanned(automation::sql::kEngineOverdueDeals, since, now);
            EXPECT_EQ(std::set<std::int64_t>(leads.begin(), leads.end()), expected(leads_, since, now))
                << "leads in (" << since << ", " << now << "]";
            EXPECT_EQ(std::set<std::int64_t>(deals.begin(), deals.end()), expected(deals_, since, now))
                << "deals in (" << since << ", " << now << "]";
            EXPECT_EQ(leads.size(), std::set<std::int64_t>(leads.begin(), leads.end()).size());
            found += static_cast<int>(leads.size() + deals.size());
        }
    }
    EXPECT_GT(found, 0);
    // The deadline second itself: a record due at kNow is not taken by the scan at kNow, but by the
    // next one.
    const auto due_at_now = [](const auto& records) {
        std::set<std::int64_t> ids;
        for (const auto& r : records) {
            if (!r.deleted_at && r.stage.is_open && r.stage.deadline == kNow) ids.insert(r.id);
        }
        return ids;
    };
    ASSERT_FALSE(due_at_now(deals_).empty());
    for (const auto id : scanned(automation::sql::kEngineOverdueDeals, kNow - 1, kNow)) {
        EXPECT_EQ(due_at_now(deals_).count(id), 0U) << "deal " << id << " due at now taken at now";
    }
    const auto next = scanned(automation::sql::kEngineOverdueDeals, kNow, kNow + 1);
    EXPECT_EQ(std::set<std::int64_t>(next.begin(), next.end()), due_at_now(deals_));
}

INSTANTIATE_TEST_SUITE_P(Backends, RulesAgree, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::crm
