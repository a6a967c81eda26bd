#include "support/test_database.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <system_error>

namespace voronka::test {
namespace {

std::atomic<int> counter{0};

// The base URL of the test cluster, `postgresql://USER@127.0.0.1:PORT/`.
std::string PostgresBaseUrl() {
    const char* dir = std::getenv("VORONKA_TEST_PG_DIR");
    const std::string how =
        " Run the test through ctest, whose `postgres` fixture starts PostgreSQL, or start one "
        "yourself: scripts/test-postgres.sh start /tmp/voronka-pg && "
        "export VORONKA_TEST_PG_DIR=/tmp/voronka-pg";
    if (dir == nullptr || *dir == '\0') {
        throw std::runtime_error("PostgreSQL tests need VORONKA_TEST_PG_DIR, which is not set." + how);
    }
    const std::filesystem::path file = std::filesystem::path(dir) / "url";
    std::ifstream in(file);
    std::string url;
    if (!in || !std::getline(in, url) || url.empty()) {
        throw std::runtime_error("PostgreSQL tests found no " + file.string() +
                                 ": the test cluster is not running." + how);
    }
    return url;
}

void IgnoreNotice(void*, const char*) {}

// Runs one statement on the admin connection; throws with the server's message on failure.
void AdminExecute(const std::string& admin_url, const std::string& sql) {
    PGconn* conn = PQconnectdb(admin_url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to the test PostgreSQL at " + admin_url + ": " + message);
    }
    PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
    PGresult* result = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    const std::string message = ok ? "" : PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    if (!ok) throw std::runtime_error("test PostgreSQL: " + sql + ": " + message);
}

}  // namespace

std::vector<Backend> AllBackends() {
    return {Backend::kSqlite, Backend::kPostgres};
}

std::string BackendName(Backend backend) {
    return backend == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
    return BackendName(info.param);
}

void PrintTo(Backend backend, std::ostream* out) {
    *out << BackendName(backend);
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
    const std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
    if (backend == Backend::kSqlite) {
        std::random_device random;
        sqlite_dir_ = std::filesystem::temp_directory_path() /
                      ("voronka-test-" + suffix + "-" + std::to_string(random()));
        std::filesystem::create_directories(sqlite_dir_);
        url_ = "sqlite:" + (sqlite_dir_ / "voronka.db").string();
        return;
    }
    const std::string base = PostgresBaseUrl();
    admin_url_ = base + "postgres";
    pg_name_ = "voronka_test_" + suffix;
    // A database of an earlier process with the same pid may be left over.
    AdminExecute(admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    AdminExecute(admin_url_, "CREATE DATABASE " + pg_name_);
    url_ = base + pg_name_;
}

TestDatabase::~TestDatabase() {
    try {
        if (backend_ == Backend::kSqlite) {
            std::error_code ignored;
            std::filesystem::remove_all(sqlite_dir_, ignored);
        } else {
            AdminExecute(admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
        }
    } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot remove the test database: " << e.what();
    }
}

std::unique_ptr<store::Database> TestDatabase::Open(store::Options options) const {
    options.url = url_;
    return store::Database::Open(options);
}

std::unique_ptr<store::Database> TestDatabase::OpenMigrated(store::Options options) const {
    std::unique_ptr<store::Database> database = Open(std::move(options));
    database->Migrate();
    return database;
}

}  // namespace voronka::test
