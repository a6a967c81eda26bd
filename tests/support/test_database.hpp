// Fresh, empty databases for tests, on each back end. Used by the storage tests of every module
// and by the API tests (which pass url() to the real binary as `--database`).
//
// PostgreSQL comes from the `postgres` ctest fixture (scripts/test-postgres.sh), found through
// $VORONKA_TEST_PG_DIR/url. When it is missing, creating a PostgreSQL TestDatabase throws with a
// message saying how to provide it: a test never silently skips a back end.
//
// Typical use:
//     class DealStore : public ::testing::TestWithParam<voronka::test::Backend> {};
//     TEST_P(DealStore, ...) {
//         voronka::test::TestDatabase test_db(GetParam());
//         auto db = test_db.OpenMigrated();
//         ...
//     }
//     INSTANTIATE_TEST_SUITE_P(Backends, DealStore,
//                              ::testing::ValuesIn(voronka::test::AllBackends()),
//                              voronka::test::BackendParamName);
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace voronka::test {

enum class Backend { kSqlite, kPostgres };

// Every back end the storage and API tests run on.
std::vector<Backend> AllBackends();

// "Sqlite" or "Postgres": the suffix of parameterised test names.
std::string BackendName(Backend backend);
std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info);
void PrintTo(Backend backend, std::ostream* out);

// One fresh database, removed when this object is destroyed: a file in its own temporary
// directory on SQLite, a database `voronka_test_<pid>_<n>` in the test cluster on PostgreSQL
// (dropped WITH (FORCE), so connections left open do not keep it). Not thread-safe; databases
// opened from it may be used from any thread and must be destroyed before it.
class TestDatabase {
public:
    // Throws std::runtime_error when the database cannot be created.
    explicit TestDatabase(Backend backend);
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    ~TestDatabase();

    Backend backend() const { return backend_; }
    // The URL for store::Options::url or `voronka --database`.
    const std::string& url() const { return url_; }

    // Opens the database with `options` (its url replaced by url()), without migrations.
    std::unique_ptr<store::Database> Open(store::Options options = {}) const;
    // Opens it and applies every migration.
    std::unique_ptr<store::Database> OpenMigrated(store::Options options = {}) const;

private:
    Backend backend_;
    std::string url_;
    std::filesystem::path sqlite_dir_;  // SQLite: the directory holding the file
    std::string admin_url_;             // PostgreSQL: the `postgres` database, to drop ours
    std::string pg_name_;               // PostgreSQL: our database
};

}  // namespace voronka::test
