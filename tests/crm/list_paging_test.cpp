// Keyset paging of every sorted record list (companies, contacts, leads, deals), in every order,
// on each back end: pages hold only rows the caller may see, in order with ties broken by id,
// each exactly once; a cursor made from the key values of a row out of sight (or of a deleted
// row) answers exactly the caller's rows after that position and so reveals nothing; a cursor
// of another list or order is refused. Time comes from a manual clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "auth/department_service.hpp"
#include "auth/user_service.hpp"
#include "core/page.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/note_service.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/task_service.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace voronka::crm {
namespace {

using test::Backend;
using test::ManualClock;
using test::TestDatabase;

constexpr UnixTime kStart = 1800000000;

// What the tests compare of a listed record.
struct Row {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string name;  // companies and contacts
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::int64_t amount = 0;  // leads and deals
};

struct RowPage {
    std::vector<Row> rows;
    std::optional<std::string> next;
};

template <typename Record>
Result<RowPage> Rows(Result<Page<Record>> page, std::function<Row(const Record&)> row_of) {
    if (!page) return std::move(page).error();
    RowPage rows;
    for (const auto& item : page->items) rows.rows.push_back(row_of(item));
    rows.next = page->next_cursor;
    return rows;
}

// One list under test: its cursor name, its `sort` values and how to read a page of it.
struct ListCase {
    std::string list;
    std::vector<std::string> sorts;
    std::function<Result<RowPage>(const auth::Principal&, const std::string& sort, const PageRequest&)> page;
};

// The order a `sort` value names: its key column and direction (created_at is id order for
// companies and contacts, whose ids grow with creation time).
ListOrder OrderOfSort(const std::string& list, std::string_view sort) {
    ListOrder order;
    if (sort.starts_with('-')) {
        order.descending = true;
        sort.remove_prefix(1);
    }
    const bool records = list == "companies" || list == "contacts";
    if (sort == "id" || (records && sort == "created_at")) return order;
    order.kind = sort == "name" ? CursorKeyKind::kText : CursorKeyKind::kInteger;
    for (const std::string_view key : {"name", "created_at", "updated_at", "amount"}) {
        if (sort == key) order.key = key;
    }
    return order;
}

CursorKey KeyOf(const ListOrder& order, const Row& row) {
    if (order.key == "name") return row.name;
    if (order.key == "created_at") return row.created_at;
    if (order.key == "updated_at") return row.updated_at;
    if (order.key == "amount") return row.amount;
    return {};
}

// True when `a` comes before `b` in `order`, ties on the key broken by id (text by its bytes,
// which is code point order in UTF-8, as both back ends compare it in the tests' collation).
bool Before(const ListOrder& order, const Row& a, const Row& b) {
    const CursorKey ka = KeyOf(order, a);
    const CursorKey kb = KeyOf(order, b);
    const bool less = ka < kb || (ka == kb && a.id < b.id);
    const bool greater = kb < ka || (ka == kb && b.id < a.id);
    return order.descending ? greater : less;
}

// The rows of `rows` after the position (key, id) in `order`, in that order.
std::vector<std::int64_t> ExpectedAfter(const ListOrder& order, std::vector<Row> rows,
                                        const std::optional<Row>& position) {
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return Before(order, a, b); });
    std::vector<std::int64_t> ids;
    for (const Row& row : rows) {
        if (!position || Before(order, *position, row)) ids.push_back(row.id);
    }
    return ids;
}

std::vector<std::int64_t> Ids(const std::vector<Row>& rows) {
    std::vector<std::int64_t> ids;
    for (const Row& row : rows) ids.push_back(row.id);
    return ids;
}

// An organisation with two sales departments, a manager in each, and in each record list a dozen
// records of each manager with ties on every key, plus one deleted record.
class ListPaging : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
        PipelineService(db(), clock_).EnsureDefaultPipelines();
        admin_.user = AddUser("admin@voronka.test", "Администратор", auth::Role::kAdmin, std::nullopt);
        const auto head_1 = AddUser("head1@voronka.test", "Руководитель 1", auth::Role::kHead, std::nullopt);
        const auto head_2 = AddUser("head2@voronka.test", "Руководитель 2", auth::Role::kHead, std::nullopt);
        const auto department_1 = AddDepartment("Продажи 1", head_1.id);
        const auto department_2 = AddDepartment("Продажи 2", head_2.id);
        mine_.user = AddUser("mine@voronka.test", "Свой Менеджер", auth::Role::kManager, department_1);
        theirs_.user = AddUser("theirs@voronka.test", "Чужой Менеджер", auth::Role::kManager, department_2);
        AddRecords();
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
    std::int64_t AddDepartment(const std::string& name, std::int64_t head) {
        auto department = auth::DepartmentService(db(), clock_)
                              .CreateUnchecked(auth::NewDepartment{
                                  .name = name, .kind = auth::DepartmentKind::kSales, .head_user_id = head});
        EXPECT_TRUE(department) << department.error().message;
        return department->id;
    }

    // Names and amounts with ties, any Unicode, and both owners on each value; records made two
    // at a time share created_at and updated_at; a third of them are changed later.
    void AddRecords() {
        const std::vector<std::string> names{"Анна", "анна", "Zeta", "Ärger", "😀 Smile", "Борис",
                                             "Анна", "中文", "a",    "Ёлка",  "Zeta",    "O'Brien %_"};
        const std::vector<std::int64_t> amounts{0, 100, 100, 999999999999, 5, 100, 0, 42, 7, 100, 5, 1};
        for (std::size_t i = 0; i < names.size() * 2; ++i) {
            const auto& owner = i % 2 == 0 ? mine_ : theirs_;
            const std::string& name = names[(i / 2 + i % 2 * 5) % names.size()];
            const std::int64_t amount = amounts[(i / 2 + i % 2 * 3) % amounts.size()];
            if (i % 4 == 0) clock_.Advance(60);
            auto company =
                CompanyService(db(), clock_)
                    .Create(admin_,
                            NewCompany{.name = name, .owner_id = owner.user.id, .allow_duplicate = true});
            auto contact =
                ContactService(db(), clock_)
                    .Create(admin_,
                            NewContact{.name = name, .owner_id = owner.user.id, .allow_duplicate = true});
            auto lead = LeadService(db(), clock_)
                            .Create(admin_, NewLead{.owner_id = owner.user.id,
                                                    .title = name,
                                                    .amount = amount,
                                                    .allow_duplicate = true});
            auto deal =
                DealService(db(), clock_)
                    .Create(admin_, NewDeal{.owner_id = owner.user.id, .title = name, .amount = amount});
            ASSERT_TRUE(company && contact && lead && deal);
            if (i % 3 == 1) {
                ids_.push_back({company->id, contact->id, lead->id, deal->id});
            }
        }
        // Later changes move a third of the records in the updated_at orders (two at a time).
        for (std::size_t i = 0; i < ids_.size(); ++i) {
            if (i % 2 == 0) clock_.Advance(30);
            const auto& [company, contact, lead, deal] = ids_[i];
            ASSERT_TRUE(
                CompanyService(db(), clock_).Update(admin_, company, CompanyPatch{.address = "Москва"}));
            ASSERT_TRUE(ContactService(db(), clock_)
                            .Update(admin_, contact,
                                    ContactPatch{.emails = std::vector<std::string>{"c" + std::to_string(i) +
                                                                                    "@voronka.test"}}));
            ASSERT_TRUE(LeadService(db(), clock_).Update(admin_, lead, LeadPatch{.source = "сайт"}));
            ASSERT_TRUE(DealService(db(), clock_).Update(admin_, deal, DealPatch{.title = "Изменена"}));
        }
        // A record of the caller's that no longer exists for the lists: its cursor is a position
        // made from a missing record.
        clock_.Advance(10);
        auto company = CompanyService(db(), clock_)
                           .Create(admin_, NewCompany{.name = "Борис", .owner_id = mine_.user.id});
        auto contact = ContactService(db(), clock_)
                           .Create(admin_, NewContact{.name = "Борис", .owner_id = mine_.user.id});
        auto lead = LeadService(db(), clock_)
                        .Create(admin_, NewLead{.owner_id = mine_.user.id, .title = "x", .amount = 100});
        auto deal = DealService(db(), clock_)
                        .Create(admin_, NewDeal{.owner_id = mine_.user.id, .title = "x", .amount = 100});
        ASSERT_TRUE(company && contact && lead && deal);
        deleted_ = {
            {"companies",
             Row{company->id, company->owner_id, company->name, company->created_at, company->updated_at, 0}},
            {"contacts",
             Row{contact->id, contact->owner_id, contact->name, contact->created_at, contact->updated_at, 0}},
            {"leads", Row{lead->id, lead->owner_id, "", lead->created_at, lead->updated_at, lead->amount}},
            {"deals", Row{deal->id, deal->owner_id, "", deal->created_at, deal->updated_at, deal->amount}}};
        ASSERT_TRUE(CompanyService(db(), clock_).Delete(admin_, company->id));
        ASSERT_TRUE(ContactService(db(), clock_).Delete(admin_, contact->id));
        ASSERT_TRUE(LeadService(db(), clock_).Delete(admin_, lead->id));
        ASSERT_TRUE(DealService(db(), clock_).Delete(admin_, deal->id));
    }

    std::vector<ListCase> Lists() {
        const std::vector<std::string> record_sorts{"id",   "-id",   "created_at", "-created_at",
                                                    "name", "-name", "updated_at", "-updated_at"};
        const std::vector<std::string> sales_sorts{"id",         "-id",         "created_at", "-created_at",
                                                   "updated_at", "-updated_at", "amount",     "-amount"};
        return {
            {"companies", record_sorts,
             [this](const auth::Principal& who, const std::string& sort, const PageRequest& page) {
                 return Rows<Company>(
                     CompanyService(db(), clock_).List(who, RecordFilter{.sort = *ParseListSort(sort)}, page),
                     [](const Company& c) {
                         return Row{c.id, c.owner_id, c.name, c.created_at, c.updated_at, 0};
                     });
             }},
            {"contacts", record_sorts,
             [this](const auth::Principal& who, const std::string& sort, const PageRequest& page) {
                 return Rows<Contact>(
                     ContactService(db(), clock_).List(who, RecordFilter{.sort = *ParseListSort(sort)}, page),
                     [](const Contact& c) {
                         return Row{c.id, c.owner_id, c.name, c.created_at, c.updated_at, 0};
                     });
             }},
            {"leads", sales_sorts,
             [this](const auth::Principal& who, const std::string& sort, const PageRequest& page) {
                 return Rows<Lead>(LeadService(db(), clock_).List(who, SalesFilter{.sort = sort}, page),
                                   [](const Lead& l) {
                                       return Row{l.id, l.owner_id, "", l.created_at, l.updated_at, l.amount};
                                   });
             }},
            {"deals", sales_sorts,
             [this](const auth::Principal& who, const std::string& sort, const PageRequest& page) {
                 return Rows<Deal>(DealService(db(), clock_).List(who, SalesFilter{.sort = sort}, page),
                                   [](const Deal& d) {
                                       return Row{d.id, d.owner_id, "", d.created_at, d.updated_at, d.amount};
                                   });
             }},
        };
    }

    // Every row of `list` in `sort` as `who` sees it, page by page of `limit`.
    std::vector<Row> All(const ListCase& list, const auth::Principal& who, const std::string& sort,
                         int limit) {
        std::vector<Row> rows;
        PageRequest page{.after = std::nullopt, .limit = limit};
        for (int pages = 0; pages < 1000; ++pages) {
            auto got = list.page(who, sort, page);
            EXPECT_TRUE(got) << got.error().message;
            if (!got) break;
            EXPECT_LE(static_cast<int>(got->rows.size()), limit);
            rows.insert(rows.end(), got->rows.begin(), got->rows.end());
            if (!got->next) break;
            page.after = DecodeCursor(*got->next);
            EXPECT_TRUE(page.after);
        }
        return rows;
    }

    // The ids `who` gets for the page after the cursor (order of `sort`, `position`).
    std::vector<std::int64_t> After(const ListCase& list, const auth::Principal& who, const std::string& sort,
                                    const Row& position) {
        const ListOrder order = OrderOfSort(list.list, sort);
        const Cursor cursor{
            .order = OrderTag(list.list, order), .key = KeyOf(order, position), .id = position.id};
        auto got = list.page(
            who, sort, PageRequest{.after = DecodeCursor(EncodeCursor(cursor)), .limit = kMaxPageLimit});
        EXPECT_TRUE(got) << got.error().message;
        return got ? Ids(got->rows) : std::vector<std::int64_t>{};
    }

    ManualClock clock_{kStart};
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
    auth::Principal admin_;
    auth::Principal mine_;
    auth::Principal theirs_;
    std::vector<std::array<std::int64_t, 4>> ids_;
    std::map<std::string, Row> deleted_;
};

TEST_P(ListPaging, EveryOrderPagesThroughEachVisibleRowOnceInOrder) {
    for (const auto& list : Lists()) {
        const std::vector<Row> everything = All(list, admin_, "id", kMaxPageLimit);
        ASSERT_EQ(everything.size(), 24U) << list.list;
        std::vector<Row> visible;
        for (const Row& row : everything) {
            if (row.owner_id == mine_.user.id) visible.push_back(row);
        }
        for (const auto& sort : list.sorts) {
            const ListOrder order = OrderOfSort(list.list, sort);
            EXPECT_EQ(Ids(All(list, admin_, sort, 5)), ExpectedAfter(order, everything, std::nullopt))
                << list.list << " sort=" << sort;
            for (const int limit : {1, 2, 7}) {
                EXPECT_EQ(Ids(All(list, mine_, sort, limit)), ExpectedAfter(order, visible, std::nullopt))
                    << list.list << " sort=" << sort << " limit=" << limit;
            }
        }
    }
}

// The attack of issue 11: bisecting with cursors made from another manager's record. Every
// answer is the caller's own rows after the cursor's position, the same as for a cursor made from
// a missing (deleted) record or from the caller's own, so nothing about the hidden row shows.
TEST_P(ListPaging, ForeignCursorAnswersAsAnyPositionAndRevealsNothing) {
    for (const auto& list : Lists()) {
        const std::vector<Row> everything = All(list, admin_, "id", kMaxPageLimit);
        std::vector<Row> visible;
        std::vector<Row> foreign;
        for (const Row& row : everything) {
            (row.owner_id == mine_.user.id ? visible : foreign).push_back(row);
        }
        ASSERT_FALSE(foreign.empty());
        std::vector<Row> positions = foreign;
        positions.push_back(deleted_.at(list.list));
        for (const auto& sort : list.sorts) {
            const ListOrder order = OrderOfSort(list.list, sort);
            for (const Row& position : positions) {
                const auto got = After(list, mine_, sort, position);
                EXPECT_EQ(got, ExpectedAfter(order, visible, position))
                    << list.list << " sort=" << sort << " after id " << position.id;
                for (const auto id : got) {
                    EXPECT_TRUE(std::any_of(visible.begin(), visible.end(),
                                            [&](const Row& r) { return r.id == id; }));
                }
            }
        }
    }
}

TEST_P(ListPaging, CursorOfAnotherOrderOrListIsRefusedTheSameWay) {
    const auto lists = Lists();
    for (const auto& list : lists) {
        const std::string first = list.sorts.front();
        auto page = list.page(mine_, first, PageRequest{.after = std::nullopt, .limit = 1});
        ASSERT_TRUE(page && page->next);
        for (const auto& other : lists) {
            for (const auto& sort : other.sorts) {
                if (other.list == list.list && OrderTag(list.list, OrderOfSort(list.list, sort)) ==
                                                   OrderTag(list.list, OrderOfSort(list.list, first))) {
                    continue;
                }
                auto refused =
                    other.page(mine_, sort, PageRequest{.after = DecodeCursor(*page->next), .limit = 5});
                ASSERT_FALSE(refused) << list.list << " cursor used on " << other.list << " sort=" << sort;
                EXPECT_EQ(refused.error().code, ErrorCode::kValidationFailed);
                EXPECT_EQ(refused.error().field, "cursor");
            }
        }
    }
    // A key of the wrong kind for the order (as a forged cursor would carry) is refused too.
    const Cursor forged{.order = "deals:amount", .key = std::string("100"), .id = 1};
    auto refused = DealService(db(), clock_)
                       .List(mine_, SalesFilter{.sort = "amount"}, PageRequest{.after = forged, .limit = 5});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "cursor");
}

TEST_P(ListPaging, ExtremeCursorValuesAreOrdinaryPositions) {
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    for (const auto& list : Lists()) {
        std::vector<Row> visible;
        for (const Row& row : All(list, mine_, "id", kMaxPageLimit)) visible.push_back(row);
        for (const auto& sort : list.sorts) {
            const ListOrder order = OrderOfSort(list.list, sort);
            for (const std::int64_t key : {kMin, std::int64_t{-1}, std::int64_t{0}, kMax}) {
                for (const std::int64_t id : {std::int64_t{1}, kMax}) {
                    Row position{id, 0, "", key, key, key};
                    if (order.kind == CursorKeyKind::kText) position.name = key < 0 ? "" : "\xF4\x8F\xBF\xBF";
                    if (order.kind == CursorKeyKind::kIdOnly) position.id = key > 0 ? key : 1;
                    EXPECT_EQ(After(list, mine_, sort, position), ExpectedAfter(order, visible, position))
                        << list.list << " sort=" << sort << " key " << key << " id " << id;
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ListPaging, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::crm
