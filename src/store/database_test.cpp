#include "store/database.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "store/backend.hpp"
#include "store_test_sql.hpp"
#include "support/test_database.hpp"

namespace voronka::store {
namespace {

using test::Backend;
using test::TestDatabase;

struct Widget {
    std::string code{};
    std::optional<std::string> name{};
    std::optional<std::int64_t> quantity{};
    std::optional<double> price{};
    bool active = true;
};

std::int64_t InsertWidget(Transaction& tx, const Widget& w) {
    return tx.Insert(testsql::kInsertWidget,
                     {Param(w.code), Param(w.name), Param(w.quantity), Param(w.price), Param(w.active)});
}

std::int64_t InsertWidget(Database& db, const Widget& w) {
    return db.Write([&](Transaction& tx) { return InsertWidget(tx, w); });
}

// A widget from testsql::kSelectWidget (id, code, name, quantity, price, active); the id is skipped.
Widget ReadWidget(const Row& row) {
    return ReadRow(row, [](RowReader& r) {
        r.Skip();
        return Widget{.code = r.Text(),
                      .name = r.OptText(),
                      .quantity = r.OptInt(),
                      .price = r.Double(),
                      .active = r.Bool()};
    });
}

std::int64_t CountWidgets(Database& db) {
    return db.Read(
        [](Transaction& tx) { return ReadRow(*tx.FetchOne(testsql::kCountWidgets), &RowReader::Int); });
}

// Polls `condition` for up to five seconds; for states another thread reaches.
bool Eventually(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return condition();
}

// Holds a read transaction open on another thread until destroyed.
class HeldRead {
public:
    explicit HeldRead(Database& db) {
        std::future<void> opened = opened_.get_future();
        thread_ = std::thread([this, &db] {
            try {
                db.Read([this](Transaction& tx) {
                    tx.Fetch(testsql::kCountWidgets);
                    opened_.set_value();
                    release_.get_future().wait();
                });
            } catch (...) {
                opened_.set_exception(std::current_exception());
            }
        });
        opened.get();
    }
    HeldRead(const HeldRead&) = delete;
    HeldRead& operator=(const HeldRead&) = delete;
    ~HeldRead() {
        release_.set_value();
        thread_.join();
    }

private:
    std::promise<void> opened_;
    std::promise<void> release_;
    std::thread thread_;
};

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = Open();
    }

    // Opens another pool on the test database, with the scratch tables created.
    std::unique_ptr<Database> Open(Options options = {}) {
        std::unique_ptr<Database> db = test_db_->Open(options);
        db->Write([](Transaction& tx) {
            tx.Execute(testsql::kCreateWidgets);
            tx.Execute(testsql::kCreateParts);
        });
        return db;
    }

    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<Database> db_;  // destroyed before test_db_
};

TEST_P(StoreTest, ReportsItsDialect) {
    const Dialect expected = GetParam() == Backend::kSqlite ? Dialect::kSqlite : Dialect::kPostgres;
    EXPECT_EQ(db_->dialect(), expected);
    db_->Read([&](Transaction& tx) { EXPECT_EQ(tx.dialect(), expected); });
}

TEST(PgTarget, ThePasswordGoesToTheEnvironmentWhereverTheUrlHoldsIt) {
    const auto in_user_info = internal::PgTargetOf("postgresql://voronka:s3cr%40t@127.0.0.1:5433/crm");
    EXPECT_EQ(in_user_info.env.at("PGPASSWORD"), "s3cr@t");
    EXPECT_EQ(in_user_info.conninfo.find("s3cr"), std::string::npos) << in_user_info.conninfo;
    for (const char* part : {"user='voronka'", "host='127.0.0.1'", "port='5433'", "dbname='crm'"}) {
        EXPECT_NE(in_user_info.conninfo.find(part), std::string::npos) << in_user_info.conninfo;
    }

    const auto in_query =
        internal::PgTargetOf("postgresql://voronka@127.0.0.1/crm?password=hunter2&sslmode=disable");
    EXPECT_EQ(in_query.env.at("PGPASSWORD"), "hunter2");
    EXPECT_EQ(in_query.conninfo.find("hunter2"), std::string::npos) << in_query.conninfo;
    EXPECT_NE(in_query.conninfo.find("sslmode='disable'"), std::string::npos) << in_query.conninfo;

    const auto quoted = internal::PgTargetOf("postgresql://o%27brien@127.0.0.1/crm");
    EXPECT_NE(quoted.conninfo.find(R"(user='o\'brien')"), std::string::npos) << quoted.conninfo;
    EXPECT_TRUE(quoted.env.empty());

    try {
        internal::PgTargetOf("postgresql://voronka:hunter2@127.0.0.1:notaport/crm?nosuchoption=1");
        ADD_FAILURE() << "a URL libpq cannot read was accepted";
    } catch (const DbError& e) {
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
}

TEST_P(StoreTest, InsertReturningAnswersTheNewId) {
    const std::int64_t first = InsertWidget(*db_, {.code = "a"});
    const std::int64_t second = InsertWidget(*db_, {.code = "b"});
    EXPECT_GT(first, 0);
    EXPECT_GT(second, first);
}

TEST_P(StoreTest, FetchesIntegersDoublesTextNullsAndBooleans) {
    const std::int64_t full =
        InsertWidget(*db_, {.code = "w1", .name = "bolt", .quantity = 7, .price = 2.5, .active = true});
    const std::int64_t empty = InsertWidget(*db_, {.code = "w2", .active = false});

    db_->Read([&](Transaction& tx) {
        const std::optional<Row> row = tx.FetchOne(testsql::kSelectWidget, {Param(full)});
        ASSERT_TRUE(row.has_value());
        ASSERT_EQ(row->size(), 6u);
        RowReader values(*row);
        EXPECT_EQ(values.Int(), full);
        EXPECT_EQ(values.Text(), "w1");
        EXPECT_FALSE(values.NextIsNull());
        EXPECT_EQ(values.OptText(), "bolt");
        EXPECT_EQ(values.OptInt(), 7);
        EXPECT_DOUBLE_EQ(values.Double(), 2.5);
        EXPECT_TRUE(values.Bool());
        values.Finish();
        RowReader as_int(*row);
        as_int.Skip(5);
        EXPECT_EQ(as_int.Int(), 1) << "a boolean read as an integer";

        const std::optional<Row> nulls = tx.FetchOne(testsql::kSelectWidget, {Param(empty)});
        ASSERT_TRUE(nulls.has_value());
        RowReader defaults(*nulls);
        defaults.Skip(2);
        EXPECT_TRUE(defaults.NextIsNull());
        EXPECT_EQ(defaults.Text(), "");
        EXPECT_TRUE(defaults.NextIsNull());
        EXPECT_EQ(defaults.Int(), 0);
        EXPECT_EQ(defaults.Double(), 0.0);
        EXPECT_FALSE(defaults.Bool());
        defaults.Finish();
        RowReader optional(*nulls);
        optional.Skip(2);
        EXPECT_EQ(optional.OptText(), std::nullopt);
        EXPECT_EQ(optional.OptInt(), std::nullopt);
        RowReader false_as_int(*nulls);
        false_as_int.Skip(5);
        EXPECT_EQ(false_as_int.Int(), 0);

        EXPECT_FALSE(tx.FetchOne(testsql::kSelectWidget, {Param(std::int64_t{999999})}));
    });
}

TEST_P(StoreTest, RowReaderReadsColumnsInOrderAndChecksTheirCount) {
    const std::int64_t full =
        InsertWidget(*db_, {.code = "w1", .name = "bolt", .quantity = 7, .price = 2.5, .active = true});
    const std::int64_t empty = InsertWidget(*db_, {.code = "w2", .active = false});

    db_->Read([&](Transaction& tx) {
        const Row row = *tx.FetchOne(testsql::kSelectWidget, {Param(full)});
        const Widget read = ReadRow(row, [&](RowReader& r) {
            EXPECT_EQ(r.Int(), full);
            return Widget{.code = r.Text(),
                          .name = r.OptText(),
                          .quantity = r.OptInt(),
                          .price = r.Double(),
                          .active = r.Bool()};
        });
        EXPECT_EQ(read.code, "w1");
        EXPECT_EQ(read.name, "bolt");
        EXPECT_EQ(read.quantity, 7);
        EXPECT_EQ(read.price, 2.5);
        EXPECT_TRUE(read.active);

        const Row nulls = *tx.FetchOne(testsql::kSelectWidget, {Param(empty)});
        RowReader r(nulls);
        EXPECT_FALSE(r.AtEnd());
        r.Skip(2);
        EXPECT_TRUE(r.NextIsNull());
        EXPECT_EQ(r.OptText(), std::nullopt);
        EXPECT_EQ(r.OptInt(), std::nullopt);

        // A column left unread, and one read that the statement does not select, both throw.
        EXPECT_THROW(r.Finish(), std::logic_error);
        EXPECT_THROW(ReadRow(row, [](RowReader& rr) { return rr.Int(); }), std::logic_error);
        RowReader past(row);
        past.Skip(6);
        EXPECT_TRUE(past.AtEnd());
        EXPECT_NO_THROW(past.Finish());
        EXPECT_FALSE(past.NextIsNull());
        EXPECT_THROW(past.Text(), std::logic_error);
    });
}

TEST_P(StoreTest, ReadRowTakesReaderMembersAndVoidReadersAndReadRowsReadsEach) {
    const std::int64_t first = InsertWidget(*db_, {.code = "a", .name = "x"});
    const std::int64_t second = InsertWidget(*db_, {.code = "x"});
    db_->Read([&](Transaction& tx) {
        const std::vector<Row> ids = tx.Fetch(testsql::kFindWidgetsByText, {Param("x")});
        ASSERT_EQ(ids.size(), 2u);
        // A member of RowReader reads a one-column row.
        EXPECT_EQ(ReadRow(ids[0], &RowReader::Int), first);
        EXPECT_EQ(ReadRows(ids, &RowReader::Int), (std::vector<std::int64_t>{first, second}));
        EXPECT_TRUE(ReadRows(std::vector<Row>{}, &RowReader::Int).empty());

        // A void reader is checked as well: all columns read passes, fewer throws.
        const Row widget = *tx.FetchOne(testsql::kSelectWidget, {Param(first)});
        std::string code;
        ReadRow(widget, [&](RowReader& r) {
            r.Skip();
            code = r.Text();
            r.Skip(4);
        });
        EXPECT_EQ(code, "a");
        // AtEnd lets a reader take rows of any width, such as a dump of every column.
        const std::string dump = ReadRow(widget, [](RowReader& r) {
            std::string text;
            while (!r.AtEnd()) text += r.OptText().value_or("NULL") + "|";
            return text;
        });
        EXPECT_EQ(dump, std::to_string(first) + "|a|x|NULL|NULL|1|");
        EXPECT_THROW(ReadRow(widget, [](RowReader& r) { r.Skip(5); }), std::logic_error);
        // ReadRows checks every row, so a reader that fits no row throws.
        EXPECT_THROW(ReadRows(ids, [](RowReader& r) { return r.Text() + r.Text(); }), std::logic_error);
    });
}

TEST_P(StoreTest, SumOfIntegersStaysExact) {
    const std::int64_t big = (std::int64_t{1} << 53) + 1;
    InsertWidget(*db_, {.code = "a", .quantity = big});
    InsertWidget(*db_, {.code = "b", .quantity = 1});
    const std::int64_t total = db_->Read(
        [](Transaction& tx) { return ReadRow(*tx.FetchOne(testsql::kTotalQuantity), &RowReader::Int); });
    EXPECT_EQ(total, big + 1);
}

TEST_P(StoreTest, RepeatedParameterBindsTheSameValue) {
    const std::int64_t by_code = InsertWidget(*db_, {.code = "x", .name = "other"});
    const std::int64_t by_name = InsertWidget(*db_, {.code = "y", .name = "x"});
    InsertWidget(*db_, {.code = "z", .name = "z"});
    const std::vector<std::int64_t> ids = db_->Read([](Transaction& tx) {
        return ReadRows(tx.Fetch(testsql::kFindWidgetsByText, {Param("x")}), &RowReader::Int);
    });
    EXPECT_EQ(ids, (std::vector<std::int64_t>{by_code, by_name}));
}

TEST_P(StoreTest, ParametersBindByNumberNotByPlaceInTheText) {
    const std::int64_t id = InsertWidget(*db_, {.code = "a", .name = "old"});
    const std::int64_t changed = db_->Write([&](Transaction& tx) {
        return tx.Execute(testsql::kRenameWidget, {Param(id), Param("new")});
    });
    EXPECT_EQ(changed, 1);
    db_->Read([&](Transaction& tx) {
        EXPECT_EQ(ReadWidget(*tx.FetchOne(testsql::kSelectWidget, {Param(id)})).name, "new");
    });
}

TEST_P(StoreTest, ExecuteAnswersTheRowsChanged) {
    InsertWidget(*db_, {.code = "a"});
    InsertWidget(*db_, {.code = "b"});
    db_->Write([](Transaction& tx) {
        EXPECT_EQ(tx.Execute(testsql::kCreateWidgets), 0);
        EXPECT_EQ(tx.Execute(testsql::kDeleteWidgets), 2);
        EXPECT_EQ(tx.Execute(testsql::kDeleteWidgets), 0);
    });
}

TEST_P(StoreTest, WrongParameterCountOrSeveralStatementsAreRefused) {
    EXPECT_THROW(db_->Read([](Transaction& tx) { tx.Fetch(testsql::kSelectWidget); }), DbError);
    EXPECT_THROW(db_->Read([](Transaction& tx) { tx.Fetch(testsql::kTwoStatements); }), DbError);
}

TEST_P(StoreTest, CommittedWriteIsVisibleToLaterReadsAndOtherPools) {
    InsertWidget(*db_, {.code = "a"});
    EXPECT_EQ(CountWidgets(*db_), 1);
    const std::unique_ptr<Database> other = Open();
    EXPECT_EQ(CountWidgets(*other), 1);
}

TEST_P(StoreTest, ExceptionInWriteRollsBackAndPropagates) {
    EXPECT_THROW(db_->Write([](Transaction& tx) {
        InsertWidget(tx, {.code = "a"});
        throw std::runtime_error("domain failure");
    }),
                 std::runtime_error);
    EXPECT_EQ(CountWidgets(*db_), 0);
}

TEST_P(StoreTest, FailedResultRollsBackAndSucceededResultCommits) {
    const Result<std::int64_t> refused = db_->Write([](Transaction& tx) -> Result<std::int64_t> {
        InsertWidget(tx, {.code = "a"});
        return Error::Validation("no", "code");
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(CountWidgets(*db_), 0);

    const Result<std::int64_t> accepted =
        db_->Write([](Transaction& tx) -> Result<std::int64_t> { return InsertWidget(tx, {.code = "b"}); });
    ASSERT_TRUE(accepted.ok());
    EXPECT_EQ(CountWidgets(*db_), 1);
}

TEST_P(StoreTest, UniqueViolationIsReportedAsSuch) {
    InsertWidget(*db_, {.code = "dup"});
    try {
        InsertWidget(*db_, {.code = "dup"});
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kUniqueViolation) << e.what();
        EXPECT_NE(std::string(e.what()).find("insert_widget"), std::string::npos) << e.what();
    }
    EXPECT_EQ(CountWidgets(*db_), 1);
}

TEST_P(StoreTest, ForeignKeyViolationIsReportedAsSuch) {
    const std::int64_t widget = InsertWidget(*db_, {.code = "a"});
    const std::int64_t part =
        db_->Write([&](Transaction& tx) { return tx.Insert(testsql::kInsertPart, {Param(widget)}); });
    EXPECT_GT(part, 0) << "a part of an existing widget is accepted";
    try {
        db_->Write([](Transaction& tx) { tx.Insert(testsql::kInsertPart, {Param(12345)}); });
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kForeignKeyViolation) << e.what();
    }
}

TEST_P(StoreTest, CheckViolationIsReportedAsSuch) {
    try {
        InsertWidget(*db_, {.code = "a", .quantity = -1});
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kCheckViolation) << e.what();
    }
}

TEST_P(StoreTest, ErrorMessagesNeverHoldBoundValues) {
    const std::string secret = "secret-4f1c9a";
    InsertWidget(*db_, {.code = secret});
    try {
        InsertWidget(*db_, {.code = secret});
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos) << e.what();
    }
    try {
        // Text where the column holds integers.
        db_->Write([&](Transaction& tx) {
            tx.Insert(testsql::kInsertWidget,
                      {Param("b"), Param("n"), Param(secret), Param(nullptr), Param(true)});
        });
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos) << e.what();
    }
}

TEST_P(StoreTest, SwallowedStatementErrorStillRollsBack) {
    InsertWidget(*db_, {.code = "dup"});
    EXPECT_THROW(db_->Write([](Transaction& tx) {
        InsertWidget(tx, {.code = "fresh"});
        try {
            InsertWidget(tx, {.code = "dup"});
        } catch (const DbError&) {
        }
        EXPECT_THROW(InsertWidget(tx, {.code = "later"}), DbError);
    }),
                 DbError);
    EXPECT_EQ(CountWidgets(*db_), 1);
}

TEST_P(StoreTest, FetchAloneSeesCommittedRowsAndFailsCleanly) {
    const std::int64_t id = InsertWidget(*db_, {.code = "alone"});
    const auto rows = db_->FetchAlone(testsql::kSelectWidget, {Param(id)});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(ReadWidget(rows.front()).code, "alone");
    EXPECT_TRUE(db_->FetchAlone(testsql::kSelectWidget, {Param(id + 1000)}).empty());
    EXPECT_THROW(db_->FetchAlone(testsql::kSelectWidget), DbError);  // a parameter missing
    // The connection that failed is usable again.
    EXPECT_EQ(db_->FetchAlone(testsql::kSelectWidget, {Param(id)}).size(), 1u);
    EXPECT_EQ(db_->Stats().in_use, 0);
}

TEST_P(StoreTest, ReadTransactionRefusesWrites) {
    EXPECT_THROW(db_->Read([](Transaction& tx) { InsertWidget(tx, {.code = "a"}); }), DbError);
    EXPECT_EQ(CountWidgets(*db_), 0);
}

TEST_P(StoreTest, ConcurrentWritersAllLand) {
    constexpr int kThreads = 4;
    constexpr int kInserts = 50;
    std::vector<std::thread> threads;
    std::vector<std::string> failures(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < kInserts; ++i) {
                    InsertWidget(*db_, {.code = std::to_string(t) + "-" + std::to_string(i)});
                    CountWidgets(*db_);
                }
            } catch (const std::exception& e) {
                failures[static_cast<std::size_t>(t)] = e.what();
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (const std::string& failure : failures) EXPECT_EQ(failure, "");
    EXPECT_EQ(CountWidgets(*db_), kThreads * kInserts);
}

// Writers that queue behind a held writer commit together on SQLite (group commit); on
// PostgreSQL each commits by itself. Either way each gets its own answer: one that throws, hits a
// constraint or returns a failed Result rolls back alone, and the others land.
TEST_P(StoreTest, AFailedWriterAmongConcurrentOnesRollsBackAloneAndTheOthersCommit) {
    const PoolStats before = db_->Stats();
    std::promise<void> holding;
    std::promise<void> release;
    auto first = std::async(std::launch::async, [&] {
        return db_->Write([&](Transaction& tx) {
            const std::int64_t id = InsertWidget(tx, {.code = "first"});
            holding.set_value();
            release.get_future().wait();
            return id;
        });
    });
    holding.get_future().wait();

    enum class Kind { kCommits, kThrows, kDuplicate, kFailedResult };
    const std::vector<Kind> kinds = {Kind::kCommits, Kind::kThrows,       Kind::kCommits, Kind::kDuplicate,
                                     Kind::kCommits, Kind::kFailedResult, Kind::kCommits};
    std::vector<std::future<std::string>> writers;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        writers.push_back(std::async(std::launch::async, [&, i]() -> std::string {
            const std::string code = "w" + std::to_string(i);
            try {
                const Result<std::int64_t> result = db_->Write([&](Transaction& tx) -> Result<std::int64_t> {
                    const std::int64_t id = InsertWidget(tx, {.code = code});
                    switch (kinds[i]) {
                        case Kind::kCommits: return id;
                        case Kind::kThrows: throw std::runtime_error("refused " + code);
                        case Kind::kDuplicate: return InsertWidget(tx, {.code = "first"});
                        case Kind::kFailedResult: return Error::Conflict("conflict " + code);
                    }
                    return id;
                });
                return result.ok() ? "committed" : result.error().message;
            } catch (const DbError& e) {
                return e.kind() == DbError::Kind::kUniqueViolation ? "duplicate" : e.what();
            } catch (const std::runtime_error& e) {
                return e.what();
            }
        }));
    }
    if (db_->dialect() == Dialect::kSqlite) {
        ASSERT_TRUE(Eventually(
            [&] { return db_->Stats().waits - before.waits >= static_cast<std::int64_t>(kinds.size()); }));
    }
    release.set_value();
    EXPECT_GT(first.get(), 0);

    std::int64_t committed = 1;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const std::string answer = writers[i].get();
        const std::string code = "w" + std::to_string(i);
        switch (kinds[i]) {
            case Kind::kCommits:
                EXPECT_EQ(answer, "committed") << code;
                ++committed;
                break;
            case Kind::kThrows: EXPECT_EQ(answer, "refused " + code); break;
            case Kind::kDuplicate: EXPECT_EQ(answer, "duplicate") << code; break;
            case Kind::kFailedResult: EXPECT_EQ(answer, "conflict " + code); break;
        }
    }
    EXPECT_EQ(CountWidgets(*db_), committed);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const bool kept = kinds[i] == Kind::kCommits;
        const std::int64_t found = db_->Read([&](Transaction& tx) {
            return static_cast<std::int64_t>(
                tx.Fetch(testsql::kFindWidgetsByCode, {Param("w" + std::to_string(i))}).size());
        });
        EXPECT_EQ(found, kept ? 1 : 0) << "w" << i;
    }
    const PoolStats after = db_->Stats();
    if (db_->dialect() == Dialect::kSqlite) {
        // Every committed writer was made durable by fewer COMMITs than writers.
        EXPECT_EQ(after.writes_committed - before.writes_committed, committed);
        EXPECT_LT(after.write_commits - before.write_commits, committed);
    } else {
        EXPECT_EQ(after.write_commits, 0);
    }
}

TEST_P(StoreTest, MigrateAppliesEachMigrationOnce) {
    const int applied = db_->Migrate();
    EXPECT_GT(applied, 0);
    EXPECT_EQ(db_->Migrate(), 0);
    const std::int64_t recorded = db_->Read(
        [](Transaction& tx) { return ReadRow(*tx.FetchOne(testsql::kCountMigrations), &RowReader::Int); });
    EXPECT_EQ(recorded, applied);
}

TEST_P(StoreTest, ConcurrentMigrationsApplyEachMigrationOnce) {
    const std::unique_ptr<Database> other = Open();
    auto first = std::async(std::launch::async, [&] { return db_->Migrate(); });
    auto second = std::async(std::launch::async, [&] { return other->Migrate(); });
    const int applied = first.get() + second.get();
    EXPECT_GT(applied, 0);
    EXPECT_EQ(db_->Migrate(), 0);
    const std::int64_t recorded = db_->Read(
        [](Transaction& tx) { return ReadRow(*tx.FetchOne(testsql::kCountMigrations), &RowReader::Int); });
    EXPECT_EQ(recorded, applied);
}

TEST_P(StoreTest, CyrillicTextRoundTrips) {
    const std::string name = "Иванов Пётр Ёжиков — «Воронка» 🚀";
    const std::int64_t id = InsertWidget(*db_, {.code = "ё", .name = name});
    db_->Read([&](Transaction& tx) {
        const std::optional<Row> row = tx.FetchOne(testsql::kSelectWidget, {Param(id)});
        ASSERT_TRUE(row.has_value());
        const Widget widget = ReadWidget(*row);
        EXPECT_EQ(widget.code, "ё");
        EXPECT_EQ(widget.name, name);
        EXPECT_EQ(tx.Fetch(testsql::kFindWidgetsByText, {Param(name)}).size(), 1u);
    });
}

TEST_P(StoreTest, PingAnswersTrue) {
    EXPECT_TRUE(db_->Ping());
}

TEST_P(StoreTest, StatsShowAConnectionInUseWhileATransactionIsOpen) {
    EXPECT_EQ(db_->Stats().in_use, 0);
    {
        HeldRead held(*db_);
        const PoolStats stats = db_->Stats();
        EXPECT_GE(stats.in_use, 1);
        EXPECT_GE(stats.size, stats.in_use);
    }
    EXPECT_EQ(db_->Stats().in_use, 0);
}

TEST_P(StoreTest, WaitingForAConnectionIsCounted) {
    Options options;
    options.pool_size = 1;
    const std::unique_ptr<Database> db = Open(options);
    std::future<std::int64_t> waiter;
    {
        HeldRead held(*db);
        EXPECT_EQ(db->Stats().waits, 0);
        waiter = std::async(std::launch::async, [&] { return CountWidgets(*db); });
        EXPECT_TRUE(Eventually([&] { return db->Stats().waits >= 1; }));
    }
    EXPECT_EQ(waiter.get(), 0);
    EXPECT_EQ(db->Stats().waits, 1);
}

TEST_P(StoreTest, ExhaustedPoolTimesOutWithBusy) {
    Options options;
    options.pool_size = 1;
    options.acquire_timeout = std::chrono::milliseconds(50);
    const std::unique_ptr<Database> db = Open(options);
    HeldRead held(*db);
    try {
        CountWidgets(*db);
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kBusy) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

// PostgreSQL only: SQLite has no server to lose.
TEST(PostgresPool, ReplacesConnectionsTheServerDropped) {
    TestDatabase test_db(Backend::kPostgres);
    Options options;
    options.pool_size = 3;
    const std::unique_ptr<Database> db = test_db.Open(options);
    db->Write([](Transaction& tx) { tx.Execute(testsql::kCreateWidgets); });
    {
        HeldRead first(*db);
        HeldRead second(*db);
    }
    ASSERT_EQ(db->Stats().size, 2);

    const std::unique_ptr<Database> killer = test_db.Open();
    killer->Write([](Transaction& tx) { tx.Fetch(testsql::kTerminateOtherSessions); });
    ASSERT_TRUE(Eventually([&] {
        return killer->Read([](Transaction& tx) {
            return ReadRow(*tx.FetchOne(testsql::kCountOtherSessions), &RowReader::Int) == 0;
        });
    }));

    EXPECT_EQ(CountWidgets(*db), 0);
    EXPECT_TRUE(db->Ping());
    EXPECT_EQ(db->Stats().size, 1);
}

TEST(DatabaseOpen, RefusesAnUnknownSchemeWithoutRepeatingTheUrl) {
    Options options;
    options.url = "mysql://root:hunter2@localhost/crm";
    try {
        Database::Open(options);
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
}

TEST(DatabaseOpen, UnreachablePostgresFailsWithoutThePassword) {
    Options options;
    options.url = "postgresql://voronka:hunter2@127.0.0.1:1/voronka";
    try {
        Database::Open(options);
        FAIL() << "no error";
    } catch (const DbError& e) {
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos) << e.what();
    }
}

TEST(DatabaseOpen, SqliteCreatesTheFileAndItsDirectory) {
    TestDatabase scratch(Backend::kSqlite);
    const std::string url = scratch.url();
    const std::filesystem::path dir =
        std::filesystem::path(url.substr(7)).parent_path() / "nested" / "deeper";
    Options options;
    options.url = "sqlite:" + (dir / "crm.db").string();
    EXPECT_TRUE(Database::Open(options)->Ping());
    EXPECT_TRUE(std::filesystem::exists(dir / "crm.db"));
}

TEST(DatabaseOpen, SqliteInMemoryServesReadsAndWrites) {
    Options options;
    options.url = "sqlite::memory:";
    const std::unique_ptr<Database> db = Database::Open(options);
    db->Write([](Transaction& tx) { tx.Execute(testsql::kCreateWidgets); });
    InsertWidget(*db, {.code = "a"});
    EXPECT_EQ(CountWidgets(*db), 1);
    EXPECT_THROW(db->Read([](Transaction& tx) { InsertWidget(tx, {.code = "b"}); }), DbError);
    InsertWidget(*db, {.code = "c"});
    EXPECT_EQ(CountWidgets(*db), 2);
    EXPECT_GT(db->Migrate(), 0);
}

// In memory the writer's connection serves reads too, so a write that fails while a read waits
// for the connection must leave no transaction open behind it.
TEST(SqliteMemory, AFailedWriteWithAReadWaitingLeavesNoTransactionOpen) {
    Options options;
    options.url = "sqlite::memory:";
    const std::unique_ptr<Database> db = Database::Open(options);
    db->Write([](Transaction& tx) { tx.Execute(testsql::kCreateWidgets); });
    std::promise<void> holding;
    std::promise<void> release;
    auto failing = std::async(std::launch::async, [&] {
        db->Write([&](Transaction& tx) {
            InsertWidget(tx, {.code = "lost"});
            holding.set_value();
            release.get_future().wait();
            throw std::runtime_error("refused");
        });
    });
    holding.get_future().wait();
    const std::int64_t waits = db->Stats().waits;
    auto reader = std::async(std::launch::async, [&] { return CountWidgets(*db); });
    ASSERT_TRUE(Eventually([&] { return db->Stats().waits > waits; }));
    release.set_value();
    EXPECT_THROW(failing.get(), std::runtime_error);
    EXPECT_EQ(reader.get(), 0);
    InsertWidget(*db, {.code = "kept"});
    EXPECT_EQ(CountWidgets(*db), 1);
}

}  // namespace
}  // namespace voronka::store
