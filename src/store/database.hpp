// The storage layer: a pool of connections to SQLite or PostgreSQL behind one interface,
// transactions, prepared statements and migrations. Owned by store. Database is thread-safe;
// a Transaction belongs to the one thread that opened it.
//
// On SQLite all writes go through one writer connection (SQLite has a single writer; a second
// writer only adds lock waits) and reads through a pool of reader connections in WAL mode. On
// PostgreSQL every pooled connection serves both.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/query.hpp"

namespace voronka::store {

// A bound parameter or a column value. Booleans are stored as integers 0/1 on both back ends.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// Builds Values from C++ values: Param(42), Param("text"), Param(std::optional<int64_t>{}).
Value Param(std::int64_t v);
Value Param(int v);
Value Param(bool v);
Value Param(double v);
Value Param(std::string v);
Value Param(std::string_view v);
Value Param(const char* v);
// A list of ids bound as one JSON array text ("[1,2,3]"), read in SQL with
// `IN (SELECT value FROM json_each($n))` on SQLite and
// `= ANY (ARRAY(SELECT CAST(jsonb_array_elements_text(CAST($n AS jsonb)) AS BIGINT)))` on PostgreSQL.
Value ParamIds(const std::vector<std::int64_t>& ids);
template <typename T>
Value Param(const std::optional<T>& v) {
    return v ? Param(*v) : Value{nullptr};
}

// One result row, columns by position as in the statement's select list.
class Row {
public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

    std::size_t size() const { return values_.size(); }

private:
    // Read through RowReader, which reads the columns in order and checks their count.
    friend class RowReader;
    bool IsNull(std::size_t column) const;
    std::int64_t Int(std::size_t column) const;  // 0 when NULL
    double Double(std::size_t column) const;     // 0 when NULL
    bool Bool(std::size_t column) const;         // false when NULL
    std::string Text(std::size_t column) const;  // "" when NULL
    std::optional<std::int64_t> OptInt(std::size_t column) const;
    std::optional<std::string> OptText(std::size_t column) const;

    std::vector<Value> values_;
};

// Reads a row's columns in select-list order. Finish() checks that every column was read, and
// reading past the last column throws, so a column added to a statement and forgotten in C++ (or
// the reverse) fails the first test that runs the statement. Throws std::logic_error.
class RowReader {
public:
    explicit RowReader(const Row& row) : row_(row) {}

    bool NextIsNull() const;
    // True when every column has been read (or skipped): for a reader of rows of any width.
    bool AtEnd() const;
    std::int64_t Int();  // 0 when NULL
    double Double();     // 0 when NULL
    bool Bool();         // false when NULL
    std::string Text();  // "" when NULL
    std::optional<std::int64_t> OptInt();
    std::optional<std::string> OptText();
    // Passes over columns read elsewhere (e.g. a sort key only the statement needs).
    void Skip(std::size_t count = 1);
    void Finish() const;

private:
    std::size_t Take();

    const Row& row_;
    std::size_t next_ = 0;
};

// Reads `row` with `read(RowReader&)` and checks that it read every column; answers what `read`
// answers (nothing when it returns void). `read` may be a member of RowReader, so a one-column
// row reads as `ReadRow(row, &RowReader::Int)`.
template <typename F>
auto ReadRow(const Row& row, F&& read) {
    RowReader reader(row);
    if constexpr (std::is_void_v<std::invoke_result_t<F, RowReader&>>) {
        std::invoke(std::forward<F>(read), reader);
        reader.Finish();
    } else {
        auto value = std::invoke(std::forward<F>(read), reader);
        reader.Finish();
        return value;
    }
}

// Reads every row with ReadRow(row, read), in order.
template <typename F>
auto ReadRows(const std::vector<Row>& rows, F&& read) {
    std::vector<std::decay_t<std::invoke_result_t<F, RowReader&>>> values;
    values.reserve(rows.size());
    for (const Row& row : rows) values.push_back(ReadRow(row, read));
    return values;
}

// Infrastructure failure of the database. `kind` lets repositories turn constraint violations
// into domain errors. The message never contains bound values (they may be personal data).
class DbError : public std::runtime_error {
public:
    enum class Kind { kUniqueViolation, kForeignKeyViolation, kCheckViolation, kBusy, kOther };
    DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

// Runs statements inside one transaction. Obtained from Database::Read or Database::Write.
// When a statement fails (DbError), the transaction is failed on both back ends: later
// statements throw, and it rolls back even if `work` catches the error and returns normally
// (Write then throws DbError).
class Transaction {
public:
    virtual ~Transaction() = default;
    virtual Dialect dialect() const = 0;

    // Runs a statement and returns all its rows.
    virtual std::vector<Row> Fetch(const Query& query, const std::vector<Value>& params = {}) = 0;
    // Runs a statement and returns the first row, if any.
    std::optional<Row> FetchOne(const Query& query, const std::vector<Value>& params = {});
    // Runs a statement that returns no rows; answers the number of rows it changed.
    virtual std::int64_t Execute(const Query& query, const std::vector<Value>& params = {}) = 0;
    // Runs an `INSERT ... RETURNING id` and answers the id.
    std::int64_t Insert(const Query& query, const std::vector<Value>& params = {});
};

// Use of the pool, for /metrics.
struct PoolStats {
    int size = 0;            // connections open
    int in_use = 0;          // connections lent out now
    std::int64_t waits = 0;  // times a caller had to wait for a free connection
    // SQLite's group commit: COMMITs of the writer, and the write transactions they made durable
    // (their ratio is the mean group size). Both 0 on PostgreSQL, which groups commits itself.
    std::int64_t write_commits = 0;
    std::int64_t writes_committed = 0;
};

struct Options {
    // `sqlite:PATH` (created with its directory on first use; `sqlite::memory:` for a private
    // in-memory database) or `postgresql://user[:password]@host:port/dbname`.
    std::string url = "sqlite:./data/voronka.db";
    // Connections in the pool (readers on SQLite, all on PostgreSQL). Raise with the number of
    // request threads.
    int pool_size = 8;
    // How long a caller waits for a free connection before failing.
    std::chrono::milliseconds acquire_timeout{5000};
    // SQLite: wait this long on a locked database before failing.
    std::chrono::milliseconds busy_timeout{5000};
    // SQLite: `synchronous=FULL` (true) survives a power cut; NORMAL only a process crash.
    bool sqlite_synchronous_full = true;
    // SQLite: write transactions committed together at most (group commit; see
    // sqlite_database.cpp). 1 commits each alone, as a plain SQLite program does.
    int sqlite_group_commit = 64;
};

class Database {
public:
    virtual ~Database() = default;

    // Opens a pool for options.url; throws DbError (kOther) with a clear message when the URL is
    // malformed or the database cannot be reached.
    static std::unique_ptr<Database> Open(const Options& options);

    virtual Dialect dialect() const = 0;

    // `work` must not call Read or Write itself: a nested Write on SQLite waits for the writer its
    // caller holds and fails with kBusy after acquire_timeout.
    //
    // Runs `work` in a read-only transaction (a consistent snapshot) and returns its result.
    template <typename F>
    auto Read(F&& work) {
        return RunTyped(false, std::forward<F>(work));
    }
    // Runs `work` in a write transaction: committed when `work` returns, rolled back when it
    // throws. A domain error returned as a Result also rolls back when `work` returns one whose
    // ok() is false.
    template <typename F>
    auto Write(F&& work) {
        return RunTyped(true, std::forward<F>(work));
    }

    // Runs one read statement by itself, outside an explicit transaction: a single statement
    // sees one consistent snapshot, and PostgreSQL answers in one round trip instead of three
    // (BEGIN, statement, COMMIT). For hot paths that need exactly one statement.
    virtual std::vector<Row> FetchAlone(const Query& query, const std::vector<Value>& params = {}) = 0;

    // Applies the migrations not yet recorded in `schema_migrations`, each in its own
    // transaction; answers how many ran. Safe when several processes migrate at once.
    // A migration is a script of statements without BEGIN or COMMIT.
    int Migrate();

    // Checks that a connection answers a trivial query.
    virtual bool Ping() = 0;

    virtual PoolStats Stats() const = 0;

protected:
    // Runs `body` in a transaction; commits when it returns true, rolls back when it returns
    // false or throws.
    virtual void Run(bool write, const std::function<bool(Transaction&)>& body) = 0;

private:
    template <typename F>
    auto RunTyped(bool write, F&& work) {
        using R = std::invoke_result_t<F, Transaction&>;
        if constexpr (std::is_void_v<R>) {
            Run(write, [&](Transaction& tx) {
                work(tx);
                return true;
            });
        } else {
            std::optional<R> result;
            Run(write, [&](Transaction& tx) {
                result.emplace(work(tx));
                return Commits(*result);
            });
            return std::move(*result);
        }
    }
    template <typename R>
    static bool Commits(const R& result) {
        if constexpr (requires { result.ok(); }) {
            return result.ok();
        } else {
            return true;
        }
    }
};

}  // namespace voronka::store
