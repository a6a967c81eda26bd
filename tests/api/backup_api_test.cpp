// `voronka backup` while the server takes writes, and `voronka restore` into a new database
// (issue 13), on each back end: every deal acknowledged before the backup began is in the
// restored database, with its first task; a restore that is refused changes nothing.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

namespace fs = std::filesystem;

constexpr int kClients = 4;
constexpr int kAcknowledgedBeforeBackup = 150;
constexpr int kMaxRequestsPerClient = 1500;  // bounds the load if the backup never returns

constexpr store::Query kFutureMigration{
    "future_migration",
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999999, '999999_future', 0)",
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999999, '999999_future', 0)"};
constexpr store::Query kForgetFutureMigration{"forget_future_migration",
                                              "DELETE FROM schema_migrations WHERE version = 999999",
                                              "DELETE FROM schema_migrations WHERE version = 999999"};

class BackupApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        static int counter = 0;
        dir_ = fs::temp_directory_path() /
               ("voronka-backup-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
        ApiTest::TearDown();
    }

    fs::path File(const std::string& name) const { return dir_ / name; }

    CommandResult BackUp(const std::string& url, const fs::path& to) {
        return RunVoronka({"backup", "--database", url, "--to", to.string()},
                          {.timeout = std::chrono::seconds(120)});
    }
    CommandResult RestoreInto(const std::string& url, const fs::path& from) {
        return RunVoronka({"restore", "--database", url, "--from", from.string()},
                          {.timeout = std::chrono::seconds(120)});
    }
    // A backup of the test's database as it is now.
    fs::path BackupNow(const std::string& name) {
        const fs::path file = File(name);
        const CommandResult result = BackUp(database().url(), file);
        if (result.exit_code != 0) throw std::runtime_error("backup failed: " + result.err);
        return file;
    }

private:
    fs::path dir_;
};

std::string Slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void Spit(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

TEST_P(BackupApi, ABackupUnderWriteLoadRestoresEveryDealAcknowledgedBeforeItBegan) {
    const std::string token = SignIn(kIvanovEmail);
    DealWriters writers(server().base_url(), token, kClients, kMaxRequestsPerClient);
    writers.WaitFor(kAcknowledgedBeforeBackup);
    const std::vector<std::pair<std::int64_t, std::string>> before_backup = writers.Acknowledged();
    const fs::path file = File("under-load.backup");
    const CommandResult backup = BackUp(database().url(), file);
    const std::size_t when_done = writers.Acknowledged().size();
    writers.Stop();
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    ASSERT_GE(before_backup.size(), static_cast<std::size_t>(kAcknowledgedBeforeBackup)) << "no load";
    EXPECT_GT(when_done, before_backup.size()) << "the writes did not go on during the backup";
    EXPECT_NE(backup.out.find("backed up to"), std::string::npos) << backup.out;
    EXPECT_FALSE(fs::exists(file.string() + ".partial"));

    TestDatabase target(GetParam());
    const CommandResult restore = RestoreInto(target.url(), file);
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    ServerProcess restored({.database_url = target.url()});
    HttpClient http(restored.base_url());
    const HttpResponse login =
        http.Post("/api/v1/auth/login", {{"email", kIvanovEmail}, {"password", kDemoPassword}});
    ASSERT_EQ(login.status, 200) << login.body;
    const std::string restored_token = login.Json().at("token").get<std::string>();
    for (const auto& [id, title] : before_backup) {
        const HttpResponse deal = http.Get("/api/v1/deals/" + std::to_string(id), restored_token);
        ASSERT_EQ(deal.status, 200) << "deal " << id << ", acknowledged before the backup, is missing";
        EXPECT_EQ(deal.Json().at("title"), title);
    }
    // One snapshot: no deal in it without the first task created in the same transaction.
    const HttpResponse without = http.Get("/api/v1/deals?no_next_step=true", restored_token);
    ASSERT_EQ(without.status, 200) << without.body;
    EXPECT_EQ(without.Json().at("items").size(), 0u) << without.body;
    std::cout << "acknowledged before the backup: " << before_backup.size() << ", by its end: " << when_done
              << "\n";
    EXPECT_EQ(restored.Stop(), 0);
}

TEST_P(BackupApi, ARestoreIntoADatabaseInUseIsRefusedAndChangesNothing) {
    const fs::path file = BackupNow("in-use.backup");
    const DatabaseSnapshot before = Snapshot();
    const CommandResult restore = RestoreInto(database().url(), file);
    EXPECT_NE(restore.exit_code, 0);
    EXPECT_NE(restore.err.find("not empty"), std::string::npos) << restore.err;
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BackupApi, ABackupNeverOverwritesAFile) {
    const fs::path file = File("precious.txt");
    Spit(file, "keep me");
    const CommandResult backup = BackUp(database().url(), file);
    EXPECT_NE(backup.exit_code, 0);
    EXPECT_NE(backup.err.find("exists"), std::string::npos) << backup.err;
    EXPECT_EQ(Slurp(file), "keep me");
}

TEST_P(BackupApi, WhatIsNotAWholeBackupOfThisBackEndIsRefusedAndTheDatabaseStaysEmpty) {
    const fs::path good = BackupNow("good.backup");
    const std::string bytes = Slurp(good);
    const bool sqlite = GetParam() == Backend::kSqlite;
    struct Case {
        std::string name;
        std::string bytes;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"text.csv", "name,phone\nИванов,+79161234567\n", "not a Voronka backup"},
        {"empty.backup", "", "not a Voronka backup"},
        {"other-back-end.backup",
         sqlite ? std::string("PGDMP") + std::string(200, '\1')
                : std::string("SQLite format 3\0", 16) + std::string(200, '\0'),
         sqlite ? "PostgreSQL backup" : "SQLite backup"},
        {"half.backup", bytes.substr(0, bytes.size() / 2), ""},
    };
    TestDatabase target(GetParam());
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        Spit(File(c.name), c.bytes);
        const CommandResult restore = RestoreInto(target.url(), File(c.name));
        EXPECT_NE(restore.exit_code, 0) << restore.out;
        EXPECT_FALSE(restore.err.empty());
        if (!c.says.empty()) {
            EXPECT_NE(restore.err.find(c.says), std::string::npos) << restore.err;
        }
    }
    // Still empty: the whole backup restores into it.
    const CommandResult restore = RestoreInto(target.url(), good);
    EXPECT_EQ(restore.exit_code, 0) << restore.err;
}

TEST_P(BackupApi, ABackupOfANewerSchemaIsNotRestored) {
    db().Write([](store::Transaction& tx) { tx.Execute(kFutureMigration); });
    const fs::path future = BackupNow("future.backup");
    db().Write([](store::Transaction& tx) { tx.Execute(kForgetFutureMigration); });
    TestDatabase target(GetParam());
    const CommandResult refused = RestoreInto(target.url(), future);
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.err.find("newer Voronka"), std::string::npos) << refused.err;
    const CommandResult restore = RestoreInto(target.url(), BackupNow("today.backup"));
    EXPECT_EQ(restore.exit_code, 0) << restore.err;
}

TEST_P(BackupApi, ABackupOfNoDatabaseCreatesNothing) {
    const fs::path file = File("nothing.backup");
    const std::string missing = GetParam() == Backend::kSqlite
                                    ? "sqlite:" + File("missing/voronka.db").string()
                                    : "postgresql://voronka@127.0.0.1:1/missing";
    const CommandResult backup = BackUp(missing, file);
    EXPECT_NE(backup.exit_code, 0);
    EXPECT_FALSE(backup.err.empty());
    EXPECT_FALSE(fs::exists(file));
    EXPECT_FALSE(fs::exists(File("missing")));
}

VORONKA_INSTANTIATE_API_TEST(BackupApi);

}  // namespace
}  // namespace voronka::test
