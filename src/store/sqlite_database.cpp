// The SQLite back end: one writer connection (SQLite has a single writer) with group commit, and
// a pool of read-only reader connections, all in WAL mode, over the sqlite3 C API.
#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
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
constexpr Query kSavepoint{"savepoint", "SAVEPOINT member", ""};
constexpr Query kRelease{"release", "RELEASE member", ""};
constexpr Query kRollbackMember{"rollback_member", "ROLLBACK TO member", ""};
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

// The one writer connection, with group commit. Write transactions that arrive while another
// holds the writer join one SQLite transaction and share its COMMIT, so the disk's flush rate
// bounds commits, not transactions. Each member runs in its own SAVEPOINT: one that fails or
// asks to roll back undoes only its own changes and gets its own answer at once; one that
// commits is answered only after the shared COMMIT is durable, or gets the COMMIT's error. A
// group is committed by the member that finishes when nobody waits for the writer, or when it
// reaches `max_group` members; so a lone writer commits at once and pays one SAVEPOINT and
// RELEASE more than a plain transaction. Thread-safe.
class GroupWriter {
public:
    using Factory = std::function<std::unique_ptr<Connection>()>;

    GroupWriter(std::chrono::milliseconds timeout, int max_group, Factory factory)
        : timeout_(timeout), max_group_(max_group), factory_(std::move(factory)), connection_(factory_()) {}

    // Runs `body` as a member of the open group or of a new one; see the class comment.
    void Write(const std::function<bool(Transaction&)>& body) {
        std::unique_lock lock(mutex_);
        Enter(lock);
        std::shared_ptr<Group> group = group_;
        lock.unlock();

        std::exception_ptr own_error;
        bool commits = false;
        try {
            if (group == nullptr) {
                Reopen();
                connection_->Run(kBeginWrite, {}, nullptr);
                group = std::make_shared<Group>();
            }
            commits = RunMember(body);
        } catch (...) {
            own_error = std::current_exception();
        }

        lock.lock();
        if (group != nullptr && connection_->Reusable()) {
            // SQLite rolled the whole transaction back (e.g. a full disk): every member loses.
            Finish(*group, std::make_exception_ptr(
                               DbError(DbError::Kind::kOther, "the grouped transaction was rolled back")));
            group_ = nullptr;
            group = nullptr;
        }
        if (group != nullptr) {
            ++group->joined;
            if (commits) ++group->members;
            if (waiting_ == 0 || group->joined >= max_group_) {
                group_ = nullptr;
                lock.unlock();
                std::exception_ptr commit_error;
                try {
                    connection_->Run(group->members > 0 ? kCommit : kRollback, {}, nullptr);
                } catch (...) {
                    commit_error = std::current_exception();
                    connection_->Control(kRollback);
                }
                lock.lock();
                if (!commit_error && group->members > 0) {
                    ++commits_;
                    committed_ += group->members;
                }
                Finish(*group, commit_error);
            } else {
                group_ = group;
            }
        }
        busy_ = false;
        changed_.notify_all();
        if (own_error) std::rethrow_exception(own_error);
        if (!commits) return;
        changed_.wait(lock, [&] { return group->done; });
        if (group->error) std::rethrow_exception(group->error);
    }

    // Runs `work` with the writer connection to itself, outside any group: for a database that
    // lives in this one connection (in memory), whose reads must use it too.
    void Exclusive(const std::function<void(Connection&)>& work) {
        std::unique_lock lock(mutex_);
        Enter(lock);
        assert(group_ == nullptr && "Exclusive is for a writer that never leaves a group open");
        lock.unlock();
        try {
            Reopen();
            work(*connection_);
        } catch (...) {
            lock.lock();
            busy_ = false;
            changed_.notify_all();
            throw;
        }
        lock.lock();
        busy_ = false;
        changed_.notify_all();
    }

    PoolStats Stats() const {
        std::lock_guard lock(mutex_);
        return PoolStats{.size = 1,
                         .in_use = busy_ ? 1 : 0,
                         .waits = waits_,
                         .write_commits = commits_,
                         .writes_committed = committed_};
    }

private:
    struct Group {
        int joined = 0;   // members that ran in it, whatever their outcome
        int members = 0;  // members whose changes wait for the COMMIT
        bool done = false;
        std::exception_ptr error;  // the COMMIT's failure, null when it is durable
    };

    // Waits, holding `lock`, until the writer is free and takes it; kBusy after the timeout.
    void Enter(std::unique_lock<std::mutex>& lock) {
        if (busy_) {
            ++waits_;
            ++waiting_;
            const bool free = changed_.wait_for(lock, timeout_, [this] { return !busy_; });
            --waiting_;
            if (!free) {
                throw DbError(DbError::Kind::kBusy,
                              "SQLite writer: not free within " + std::to_string(timeout_.count()) + " ms");
            }
        }
        busy_ = true;
    }

    // Runs one member in its savepoint; answers whether it released (keeps) its changes.
    bool RunMember(const std::function<bool(Transaction&)>& body) {
        connection_->Run(kSavepoint, {}, nullptr);
        SqliteTransaction tx(*connection_);
        bool commits = false;
        try {
            commits = RunBody(tx, body);
        } catch (...) {
            UndoMember();
            throw;
        }
        if (commits) {
            connection_->Run(kRelease, {}, nullptr);
        } else {
            UndoMember();
        }
        return commits;
    }

    void UndoMember() noexcept {
        if (connection_->Control(kRollbackMember)) connection_->Control(kRelease);
    }

    // Replaces a connection left unusable (in a transaction no group owns). Called while busy and
    // no group is open.
    void Reopen() {
        if (!connection_->Reusable()) {
            connection_->Control(kRollback);
            if (!connection_->Reusable()) connection_ = factory_();
        }
    }

    static void Finish(Group& group, std::exception_ptr error) {
        group.done = true;
        group.error = std::move(error);
    }

    const std::chrono::milliseconds timeout_;
    const int max_group_;
    const Factory factory_;
    std::unique_ptr<Connection> connection_;  // used only by the thread that set busy_

    mutable std::mutex mutex_;
    std::condition_variable changed_;  // busy_ cleared or a group finished
    bool busy_ = false;                // a thread is using the connection
    int waiting_ = 0;                  // threads waiting in Enter
    std::int64_t waits_ = 0;
    std::int64_t commits_ = 0;      // COMMITs that made at least one member durable
    std::int64_t committed_ = 0;    // members they made durable
    std::shared_ptr<Group> group_;  // the group whose transaction is open, between members
};

class SqliteDatabase final : public Database {
public:
    // Opens the writer now, so that a bad path fails Open and WAL mode is set before any reader.
    SqliteDatabase(const Options& options, std::string path)
        : options_(options),
          path_(WithDirectory(path)),
          memory_(path_ == ":memory:"),
          writer_(options.acquire_timeout, memory_ ? 1 : std::max(1, options.sqlite_group_commit), [this] {
              return std::make_unique<Connection>(path_, options_, Connection::Role::kWriter);
          }) {
        if (!memory_) {
            readers_ = std::make_unique<Pool<Connection>>(
                "SQLite readers", options.pool_size, options.acquire_timeout,
                [this] { return std::make_unique<Connection>(path_, options_, Connection::Role::kReader); });
        }
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
        if (write) return writer_.Write(body);
        // An in-memory database lives in one connection: the writer serves reads too.
        if (memory_)
            return writer_.Exclusive([&](Connection& connection) { RunRead(connection, body, true); });
        auto lease = readers_->Acquire();
        RunRead(*lease, body, false);
    }

private:
    // Creates the directory of a database file; answers the path.
    static std::string WithDirectory(const std::string& path) {
        if (path == ":memory:") return path;
        const std::filesystem::path parent = std::filesystem::path(path).parent_path();
        std::error_code error;
        if (!parent.empty()) std::filesystem::create_directories(parent, error);
        if (error) {
            throw DbError(DbError::Kind::kOther,
                          "cannot create the directory " + parent.string() + ": " + error.message());
        }
        return path;
    }

    // Runs `body` in a read transaction on `connection`; `on_writer` makes the writer read-only
    // for its duration.
    static void RunRead(Connection& connection, const std::function<bool(Transaction&)>& body,
                        bool on_writer) {
        connection.Run(kBeginRead, {}, nullptr);
        if (on_writer && !connection.Control(kQueryOnly)) {
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
            if (on_writer) connection.Control(kQueryWrite);
            throw;
        }
        if (!commit) connection.Control(kRollback);
        if (on_writer) connection.Control(kQueryWrite);
    }

    const Options options_;
    const std::string path_;
    const bool memory_;
    GroupWriter writer_;
    std::unique_ptr<Pool<Connection>> readers_;  // null for an in-memory database
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const Options& options, const std::string& path) {
    return std::make_unique<SqliteDatabase>(options, path);
}

}  // namespace voronka::store::internal
