#include "api/api_test_fixture.hpp"

#include <chrono>
#include <stdexcept>
#include <utility>

#include "api_test_sql.hpp"

namespace voronka::test {
namespace {

using store::Param;

// The snapshot statement of each accounts table. When a migration adds a table of accounts,
// also add it here.
const std::pair<const char*, const store::Query*> kSnapshotQueries[] = {
    {"users", &sql::kSnapshotUsers},       {"departments", &sql::kSnapshotDepartments},
    {"sessions", &sql::kSnapshotSessions}, {"api_tokens", &sql::kSnapshotApiTokens},
    {"settings", &sql::kSnapshotSettings}, {"sign_in_throttle", &sql::kSnapshotSignInThrottle},
};

const store::Query& CountQuery(std::string_view table) {
    if (table == "users") return sql::kCountUsers;
    if (table == "departments") return sql::kCountDepartments;
    if (table == "sessions") return sql::kCountSessions;
    if (table == "api_tokens") return sql::kCountApiTokens;
    throw std::invalid_argument("CountRows: no count statement for table " + std::string(table));
}

// The last part of a long log, which is where a failure shows.
std::string Tail(const std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    return "...\n" + text.substr(text.size() - max_bytes);
}

}  // namespace

std::string RenderRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        std::string out;
        for (bool first = true; !r.AtEnd(); first = false) {
            if (!first) out += " | ";
            out += r.OptText().value_or("NULL");
        }
        return out;
    });
}

void PrintTo(const DatabaseSnapshot& snapshot, std::ostream* out) {
    for (const auto& [table, rows] : snapshot.tables) {
        *out << "\n  " << table << " (" << rows.size() << " rows)";
        for (const auto& row : rows) *out << "\n    " << row;
    }
}

::testing::AssertionResult IsError(const HttpResponse& response, long status, std::string_view code,
                                   std::optional<std::string_view> field) {
    const auto fail = [&](std::string_view why) {
        return ::testing::AssertionFailure()
               << why << "; expected " << status << " " << code
               << (field ? " field=" + std::string(*field) : std::string()) << ", got HTTP "
               << response.status << " " << response.body.substr(0, 1000);
    };
    if (response.status != status) return fail("wrong status");
    if (response.Header("content-type").value_or("").find("application/json") == std::string::npos) {
        return fail("the error is not JSON");
    }
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("error") || !json["error"].is_object()) {
        return fail("the body is not {\"error\": {...}}");
    }
    const auto& error = json["error"];
    if (!error.contains("code") || error["code"] != code) return fail("wrong code");
    if (!error.contains("message") || !error["message"].is_string() ||
        error["message"].get<std::string>().empty()) {
        return fail("no message");
    }
    if (!error.contains("field")) return fail("no field member");
    if (field) {
        const bool matches = field->empty() ? error["field"].is_null()
                                            : error["field"].is_string() && error["field"] == *field;
        if (!matches) return fail("wrong field");
    }
    return ::testing::AssertionSuccess();
}

void ApiTest::SetUp() {
    database_ = std::make_unique<TestDatabase>(GetParam());
    const CommandResult demo = RunVoronka({"demo", "--accounts-only", "--database", database_->url()});
    ASSERT_EQ(demo.exit_code, 0) << "voronka demo failed; stdout:\n" << demo.out << "\nstderr:\n" << demo.err;
    RestartServer();
}

void ApiTest::TearDown() {
    if (HasFailure() && server_) {
        std::cerr << "---- stderr of voronka serve (" << BackendName(GetParam()) << ") ----\n"
                  << Tail(server_->Stderr(), 64 * 1024) << "---- end of stderr ----\n";
    }
    http_.reset();
    server_.reset();
    db_.reset();
    database_.reset();
}

void ApiTest::RestartServer(ServerOptions options) {
    http_.reset();
    server_.reset();
    options.database_url = database_->url();
    server_ = std::make_unique<ServerProcess>(std::move(options));
    http_ = std::make_unique<HttpClient>(server_->base_url());
}

store::Database& ApiTest::db() {
    if (!db_) {
        store::Options options;
        options.pool_size = 1;
        db_ = database_->Open(options);
    }
    return *db_;
}

std::string ApiTest::SignIn(std::string_view email, std::string_view password) {
    const HttpResponse response =
        http().Post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    if (response.status != 200) {
        throw std::runtime_error("sign-in of " + std::string(email) + " answered " +
                                 std::to_string(response.status) + ": " + response.body);
    }
    return response.Json().at("token").get<std::string>();
}

const std::string& ApiTest::AdminToken() {
    if (admin_token_.empty()) admin_token_ = SignIn(kAdminEmail);
    return admin_token_;
}

void ApiTest::AllowOutbound(const std::vector<std::string>& allowed) {
    const HttpResponse response =
        http().Request("PUT", "/api/v1/settings/outbound", nlohmann::json{{"allowed", allowed}}.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + AdminToken()}});
    if (response.status != 200) {
        throw std::runtime_error("PUT /api/v1/settings/outbound answered " + std::to_string(response.status) +
                                 ": " + response.body);
    }
}

std::int64_t ApiTest::UserId(std::string_view email) {
    const auto row =
        db().Read([&](store::Transaction& tx) { return tx.FetchOne(sql::kUserIdByEmail, {Param(email)}); });
    if (!row) throw std::runtime_error("no user " + std::string(email) + " in the database");
    return store::ReadRow(*row, &store::RowReader::Int);
}

std::int64_t ApiTest::DepartmentId(std::string_view name) {
    const auto row = db().Read(
        [&](store::Transaction& tx) { return tx.FetchOne(sql::kDepartmentIdByName, {Param(name)}); });
    if (!row) throw std::runtime_error("no department " + std::string(name) + " in the database");
    return store::ReadRow(*row, &store::RowReader::Int);
}

std::int64_t ApiTest::CountRows(std::string_view table) {
    return FetchInt(CountQuery(table));
}

std::int64_t ApiTest::FetchInt(const store::Query& query, const std::vector<store::Value>& params) {
    const auto row = db().Read([&](store::Transaction& tx) { return tx.FetchOne(query, params); });
    if (!row) throw std::runtime_error(std::string(query.name) + " answered no row");
    return store::ReadRow(*row, &store::RowReader::Int);
}

std::pair<std::int64_t, std::int64_t> ApiTest::DefaultStage(std::string_view type, std::string_view kind) {
    const auto row = db().Read([&](store::Transaction& tx) {
        return tx.FetchOne(sql::kCrmTasksDefaultStage, {Param(type), Param(kind)});
    });
    if (!row) throw std::runtime_error("no default pipeline stage");
    return store::ReadRow(*row, [](store::RowReader& r) {
        const std::int64_t pipeline = r.Int();
        return std::pair{pipeline, r.Int()};
    });
}

DatabaseSnapshot ApiTest::Snapshot() {
    DatabaseSnapshot snapshot;
    db().Read([&](store::Transaction& tx) {
        for (const auto& [table, query] : kSnapshotQueries) {
            auto& rows = snapshot.tables[table];
            for (const auto& row : tx.Fetch(*query)) rows.push_back(RenderRow(row));
        }
    });
    return snapshot;
}

void ApiTest::ExpireAllSessions() {
    db().Write([](store::Transaction& tx) { tx.Execute(sql::kExpireSessions); });
}

DealWriters::DealWriters(const std::string& base_url, std::string token, int clients, int max_per_client) {
    for (int c = 0; c < clients; ++c) {
        clients_.emplace_back([this, base_url, token, c, max_per_client] {
            HttpClient client(base_url);
            for (int i = 0; i < max_per_client && !stop_; ++i) {
                const std::string title = "Сделка " + std::to_string(c) + "-" + std::to_string(i);
                HttpResponse response;
                try {
                    response = client.Post("/api/v1/deals", {{"title", title}}, token);
                } catch (const std::runtime_error&) {
                    return;  // the server is gone
                }
                if (response.status != 201) return;
                std::lock_guard lock(mutex_);
                acknowledged_.emplace_back(response.Json().at("id").get<std::int64_t>(), title);
            }
        });
    }
}

std::size_t DealWriters::WaitFor(std::size_t count) {
    for (int i = 0; i < 3000; ++i) {
        {
            std::lock_guard lock(mutex_);
            if (acknowledged_.size() >= count) return acknowledged_.size();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard lock(mutex_);
    return acknowledged_.size();
}

std::vector<std::pair<std::int64_t, std::string>> DealWriters::Acknowledged() const {
    std::lock_guard lock(mutex_);
    return acknowledged_;
}

void DealWriters::Stop() {
    stop_ = true;
    for (std::thread& client : clients_) {
        if (client.joinable()) client.join();
    }
}

}  // namespace voronka::test
