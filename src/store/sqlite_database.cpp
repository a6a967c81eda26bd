// The SQLite back end: one writer connection (SQLite has a single writer) and a pool of
// read-only reader connections, all in WAL mode, over the sqlite3 C API.
#include <sqlite3.h>

#include <charconv>
#include <filesystem>
#include <system_error>
#include <unordered_map>

#include "store/backend.hpp"
#include "store/pool.hpp"

namespace voronka::store::internal {
namespace {

DbError::Kind KindOf(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY: return DbError::Kind::kUniqueViolation;
        case SQLITE_CONSTRAINT_FOREIGNKEY: return DbError::Kind::kForeignKeyViolation;
        case SQLITE_CONSTRAINT_CHECK: return DbError::Kind::kCheckViolation;
        default: break;
    }
    return (extended_code & 0xff) == SQLITE_BUSY ? DbError::Kind::kBusy : DbError::Kind::kOther;
}

// sqlite3_errmsg names tables, columns and constraints, never bound values.
[[noreturn]] void Throw(sqlite3* db, int code, std::string_view label) {
    throw DbError(KindOf(code), std::string(label) + ": " + sqlite3_errmsg(db));
}

// Resets a statement when a run of it ends, however it ends, so that it holds no lock and
// references no bound buffer.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;
    ~ResetOnExit() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

private:
    sqlite3_stmt* stmt_;
};

constexpr Query kBeginWrite{"begin", "BEGIN IMMEDIATE", ""};
constexpr Query kBeginRead{"begin", "BEGIN", ""};
constexpr Query kCommit{"commit", "COMMIT", ""};
constexpr Query kRollback{"rollback", "ROLLBACK", ""};
constexpr Query kQueryOnly{"query_only", "PRAGMA query_only = ON", ""};
constexpr Query kQueryWrite{"query_write", "PRAGMA query_only = OFF", ""};

// One sqlite3 connection with its cache of prepared statements. Used by one thread at a time.
class Connection {
public:
    enum class Role { kWriter, kReader };

    Connection(const std::string& path, const Options& options, Role role) {
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            throw DbError(DbError::Kind::kOther, "cannot open SQLite database " + path + ": " + message);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
        std::string pragmas = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; ";
        pragmas +=
            options.sqlite_synchronous_full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        if (role == Role::kReader) pragmas += " PRAGMA query_only = ON;";
        const int pragma_rc = sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr);
        if (pragma_rc != SQLITE_OK) {
            const DbError error(KindOf(pragma_rc),
                                "cannot set up SQLite database " + path + ": " + sqlite3_errmsg(db_));
            sqlite3_close_v2(db_);
            throw error;
        }
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        for (auto& [query, statement] : statements_) sqlite3_finalize(statement.stmt);
        sqlite3_close_v2(db_);
    }

    bool Reusable() const noexcept { return sqlite3_get_autocommit(db_) != 0; }

    // Runs one statement to its end; see TransactionBase::RunStatement.
    std::int64_t Run(const Query& query, const std::vector<Value>& params, std::vector<Row>* rows) {
        const Statement& statement = Prepare(query);
        if (params.size() != statement.slots.size()) {
            throw DbError(DbError::Kind::kOther, std::string(query.name) + ": takes " +
                                                     std::to_string(statement.slots.size()) +
                                                     " parameters, got " + std::to_string(params.size()));
        }
        sqlite3_stmt* stmt = statement.stmt;
        ResetOnExit reset(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) Bind(stmt, statement.slots[i], params[i], query);

        const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
        for (;;) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) Throw(db_, rc, query.name);
            if (rows != nullptr) rows->push_back(ReadRow(stmt));
        }
        return sqlite3_total_changes64(db_) == total_before ? 0 : sqlite3_changes64(db_);
    }

    void RunScript(const Query& script) {
        const std::string text(script.sqlite);
        const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) Throw(db_, rc, script.name);
    }

    // Runs a transaction-control statement; false when it failed.
    bool Control(const Query& query) noexcept {
        try {
            Run(query, {}, nullptr);
            return true;
        } catch (...) {
            return false;
        }
    }

private:
    struct Statement {
        sqlite3_stmt* stmt = nullptr;
        std::string_view text;   // the text prepared, to catch a reused Query address
        std::vector<int> slots;  // slots[i]: the index of parameter $(i+1) in stmt
    };

    const Statement& Prepare(const Query& query) {
        auto found = statements_.find(&query);
        if (found != statements_.end()) {
            if (found->second.text.data() == query.sqlite.data() &&
                found->second.text.size() == query.sqlite.size()) {
                return found->second;
            }
            sqlite3_finalize(found->second.stmt);
            statements_.erase(found);
        }
        Statement statement;
        statement.text = query.sqlite;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v3(db_, query.sqlite.data(), static_cast<int>(query.sqlite.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement.stmt, &tail);
        if (rc != SQLITE_OK) Throw(db_, rc, query.name);
        if (statement.stmt == nullptr) {
            throw DbError(DbError::Kind::kOther, std::string(query.name) + ": empty statement");
        }
        try {
            CheckSingle(query, tail);
            statement.slots = Slots(statement.stmt, query);
        } catch (...) {
            sqlite3_finalize(statement.stmt);
            throw;
        }
        return statements_.emplace(&query, std::move(statement)).first->second;
    }

    // A Query holds one statement: PostgreSQL refuses more in a prepared statement, so SQLite
    // does too.
    void CheckSingle(const Query& query, const char* tail) {
        const char* end = query.sqlite.data() + query.sqlite.size();
        if (tail == nullptr || tail >= end) return;
        sqlite3_stmt* next = nullptr;
        const int rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &next, nullptr);
        sqlite3_finalize(next);
        if (rc != SQLITE_OK || next != nullptr) {
            throw DbError(DbError::Kind::kOther, std::string(query.name) + ": holds more than one statement");
        }
    }

    // Parameters must be $1..$N without gaps, as PostgreSQL requires.
    static std::vector<int> Slots(sqlite3_stmt* stmt, const Query& query) {
        const int count = sqlite3_bind_parameter_count(stmt);
        std::vector<int> slots(static_cast<std::size_t>(count), 0);
        for (int index = 1; index <= count; ++index) {
            const char* name = sqlite3_bind_parameter_name(stmt, index);
            int number = 0;
            if (name != nullptr && name[0] == '$') {
                const std::string_view digits(name + 1);
                const auto [end, error] =
                    std::from_chars(digits.data(), digits.data() + digits.size(), number);
                if (error != std::errc() || end != digits.data() + digits.size()) number = 0;
            }
            if (number < 1 || number > count) {
                throw DbError(
                    DbError::Kind::kOther,
                    std::string(query.name) + ": parameters must be written $1, $2, ... without gaps");
            }
            slots[static_cast<std::size_t>(number - 1)] = index;
        }
        return slots;
    }

    void Bind(sqlite3_stmt* stmt, int index, const Value& value, const Query& query) {
        const int rc = std::visit(
            [stmt, index](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>) {
                    return sqlite3_bind_null(stmt, index);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    return sqlite3_bind_int64(stmt, index, v);
                } else if constexpr (std::is_same_v<T, double>) {
                    return sqlite3_bind_double(stmt, index, v);
                } else {
                    // The value outlives the run: ResetOnExit clears the binding.
                    return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
                }
            },
            value);
        if (rc != SQLITE_OK) Throw(db_, rc, query.name);
    }

    static Row ReadRow(sqlite3_stmt* stmt) {
        const int columns = sqlite3_column_count(stmt);
        std::vector<Value> values;
        values.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_INTEGER: values.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)}); break;
                case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, c)); break;
                case SQLITE_NULL: values.emplace_back(nullptr); break;
                case SQLITE_TEXT: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    values.emplace_back(std::string(text != nullptr ? text : "", size));
                    break;
                }
                default: {
                    const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    values.emplace_back(blob != nullptr ? std::string(blob, size) : std::string());
                }
            }
        }
        return Row(std::move(values));
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<const Query*, Statement> statements_;
};

class SqliteTransaction final : public TransactionBase {
public:
    explicit SqliteTransaction(Connection& connection) : connection_(connection) {}
    Dialect dialect() const override { return Dialect::kSqlite; }

protected:
    std::int64_t RunStatement(const Query& query, const std::vector<Value>& params,
                              std::vector<Row>* rows) override {
        return connection_.Run(query, params, rows);
    }
    void RunScript(const Query& script) override { connection_.RunScript(script); }

private:
    Connection& connection_;
};

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(const Options& options, std::string path)
        : options_(options),
          path_(std::move(path)),
          memory_(path_ == ":memory:"),
          writer_("SQLite writer", 1, options.acquire_timeout, [this] {
              return std::make_unique<Connection>(path_, options_, Connection::Role::kWriter);
          }) {
        if (!memory_) {
            const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
            std::error_code error;
            if (!parent.empty()) std::filesystem::create_directories(parent, error);
            if (error) {
                throw DbError(DbError::Kind::kOther,
                              "cannot create the directory " + parent.string() + ": " + error.message());
            }
            readers_ = std::make_unique<Pool<Connection>>(
                "SQLite readers", options.pool_size, options.acquire_timeout,
                [this] { return std::make_unique<Connection>(path_, options_, Connection::Role::kReader); });
        }
        // Opened now so that a bad path fails Open, and WAL mode is set before any reader.
        writer_.Adopt(std::make_unique<Connection>(path_, options_, Connection::Role::kWriter));
    }

    Dialect dialect() const override { return Dialect::kSqlite; }
    bool Ping() override { return internal::Ping(*this); }

    PoolStats Stats() const override {
        PoolStats stats = writer_.Stats();
        if (readers_ != nullptr) {
            const PoolStats readers = readers_->Stats();
            stats.size += readers.size;
            stats.in_use += readers.in_use;
            stats.waits += readers.waits;
        }
        return stats;
    }

    std::vector<Row> FetchAlone(const Query& query, const std::vector<Value>& params) override {
        if (memory_) return Read([&](Transaction& tx) { return tx.Fetch(query, params); });
        auto lease = readers_->Acquire();
        SqliteTransaction statement(*lease);
        return statement.Fetch(query, params);
    }

protected:
    void Run(bool write, const std::function<bool(Transaction&)>& body) override {
        // An in-memory database lives in one connection: the writer serves reads too.
        const bool on_writer = write || memory_;
        auto lease = on_writer ? writer_.Acquire() : readers_->Acquire();
        Connection& connection = *lease;
        connection.Run(write ? kBeginWrite : kBeginRead, {}, nullptr);
        const bool read_on_writer = !write && on_writer;
        if (read_on_writer && !connection.Control(kQueryOnly)) {
            connection.Control(kRollback);
            throw DbError(DbError::Kind::kOther, "cannot begin a read transaction");
        }

        SqliteTransaction tx(connection);
        bool commit = false;
        try {
            commit = RunBody(tx, body);
            if (commit) connection.Run(kCommit, {}, nullptr);
        } catch (...) {
            connection.Control(kRollback);
            if (read_on_writer) connection.Control(kQueryWrite);
            throw;
        }
        if (!commit) connection.Control(kRollback);
        if (read_on_writer) connection.Control(kQueryWrite);
    }

private:
    const Options options_;
    const std::string path_;
    const bool memory_;
    Pool<Connection> writer_;
    std::unique_ptr<Pool<Connection>> readers_;  // null for an in-memory database
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const Options& options, const std::string& path) {
    return std::make_unique<SqliteDatabase>(options, path);
}

}  // namespace voronka::store::internal
