// The fixture of the API tests: per test, a fresh database on one back end with the demo
// organisation without its sales (`voronka demo --accounts-only`), and the real `voronka serve`
// on a free loopback port. Owned by the tests.
//
// Each test file derives its own suite from ApiTest and instantiates it over every back end,
// so one test body runs on SQLite and on PostgreSQL:
//
//     class UsersApi : public ApiTest {};
//     TEST_P(UsersApi, AdminSeesEveryUser) { ... http().Get("/api/v1/users", AdminToken()) ... }
//     VORONKA_INSTANTIATE_API_TEST(UsersApi);
//
// Assertions that a request changed nothing compare Snapshot()s taken through a direct
// connection to the same database (db()), with the test-only SQL of tests/api/sql/.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace voronka::test {

// The demo organisation of `voronka demo` (src/app/demo.cpp). When the demo changes, also
// change these.
inline constexpr const char* kDemoPassword = "voronka-demo";
inline constexpr const char* kAdminEmail = "admin@voronka.example";
inline constexpr const char* kHeadEmail = "head@voronka.example";            // head of sales
inline constexpr const char* kIvanovEmail = "ivanov@voronka.example";        // manager, sales
inline constexpr const char* kSokolovaEmail = "sokolova@voronka.example";    // manager, sales
inline constexpr const char* kKuznetsovEmail = "kuznetsov@voronka.example";  // manager, sales
inline constexpr const char* kVolkovEmail = "volkov@voronka.example";        // manager, purchasing
inline constexpr const char* kMorozovaEmail = "morozova@voronka.example";    // manager, logistics
inline constexpr const char* kSalesDepartment = "Отдел продаж";
inline constexpr int kDemoUserCount = 7;
inline constexpr int kDemoDepartmentCount = 3;

// Every row of every accounts table, rendered as text: equal snapshots mean nothing changed.
struct DatabaseSnapshot {
    std::map<std::string, std::vector<std::string>> tables;  // table -> rows in id order
    bool operator==(const DatabaseSnapshot&) const = default;
};
void PrintTo(const DatabaseSnapshot& snapshot, std::ostream* out);

// Every column of `row` as text, NULL for a null, separated by " | ": the rows of snapshots,
// compared whole.
std::string RenderRow(const store::Row& row);

// Checks that `response` is the JSON error {"error": {"code", "message", "field"}} with this
// status and code, and (when given) this field; "" means the field is null.
::testing::AssertionResult IsError(const HttpResponse& response, long status, std::string_view code,
                                   std::optional<std::string_view> field = std::nullopt);

// Write load for the durability tests: `clients` threads create deals as `token` on `base_url`,
// each at most `max_per_client` times, until Stop() or until a request fails (the server gone).
// Acknowledged() is every deal answered 201 so far, with its title.
class DealWriters {
public:
    DealWriters(const std::string& base_url, std::string token, int clients, int max_per_client);
    DealWriters(const DealWriters&) = delete;
    DealWriters& operator=(const DealWriters&) = delete;
    ~DealWriters() { Stop(); }

    // Waits, a bounded time, until `count` deals were acknowledged; answers how many were.
    std::size_t WaitFor(std::size_t count);
    std::vector<std::pair<std::int64_t, std::string>> Acknowledged() const;
    // Stops the clients and joins them. Idempotent.
    void Stop();

private:
    mutable std::mutex mutex_;
    std::vector<std::pair<std::int64_t, std::string>> acknowledged_;  // id, title
    std::atomic<bool> stop_{false};
    std::vector<std::thread> clients_;
};

class ApiTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    HttpClient& http() { return *http_; }
    ServerProcess& server() { return *server_; }
    const TestDatabase& database() const { return *database_; }
    // A direct connection to the server's database, opened on first use.
    store::Database& db();

    // Signs in over the API and answers the bearer token; throws (failing the test) with the
    // response when sign-in does not answer 200.
    std::string SignIn(std::string_view email, std::string_view password = kDemoPassword);
    // The admin's token, signed in on first use.
    const std::string& AdminToken();
    // As the admin, PUT /api/v1/settings/outbound {"allowed": allowed}: the exceptions to the
    // outbound policy that tests delivering to peers on loopback need (an empty list removes them).
    // Throws (failing the test) when it does not answer 200.
    void AllowOutbound(const std::vector<std::string>& allowed);

    // Looked up directly in the database; throws when missing.
    std::int64_t UserId(std::string_view email);
    std::int64_t DepartmentId(std::string_view name);
    // `SELECT count(*) FROM table` for users, departments, sessions, api_tokens, settings.
    std::int64_t CountRows(std::string_view table);
    // The one integer column of the first row of `query`; throws when there is no row.
    std::int64_t FetchInt(const store::Query& query, const std::vector<store::Value>& params = {});
    // The pipeline and the first stage of `kind` ("open", "won", "lost") of the default pipeline of
    // `type` ("lead", "deal"); throws when there is none.
    std::pair<std::int64_t, std::int64_t> DefaultStage(std::string_view type, std::string_view kind);
    // Every row of the accounts tables.
    DatabaseSnapshot Snapshot();
    // Ends every session by moving its expiry into the past.
    void ExpireAllSessions();

    // Starts the server again (after a test stopped it), on the same database.
    void RestartServer(ServerOptions options = {});

private:
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<HttpClient> http_;
    std::string admin_token_;
};

// Runs the suite's tests once per back end, named .../Sqlite and .../Postgres.
#define VORONKA_INSTANTIATE_API_TEST(suite)                                                        \
    INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::ValuesIn(::voronka::test::AllBackends()), \
                             ::voronka::test::BackendParamName)

}  // namespace voronka::test
