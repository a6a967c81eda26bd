#include "store/database.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <system_error>
#include <type_traits>

#include "migrations_sql.hpp"
#include "store/backend.hpp"
#include "store/statement_log.hpp"

namespace voronka::store {

Value ParamIds(const std::vector<std::int64_t>& ids) {
    std::string text = "[";
    for (const std::int64_t id : ids) {
        if (text.size() > 1) text += ',';
        text += std::to_string(id);
    }
    text += ']';
    return text;
}

Value Param(std::int64_t v) {
    return Value{v};
}
Value Param(int v) {
    return Value{static_cast<std::int64_t>(v)};
}
Value Param(bool v) {
    return Value{static_cast<std::int64_t>(v ? 1 : 0)};
}
Value Param(double v) {
    return Value{v};
}
Value Param(std::string v) {
    return Value{std::move(v)};
}
Value Param(std::string_view v) {
    return Value{std::string(v)};
}
Value Param(const char* v) {
    return v == nullptr ? Value{nullptr} : Value{std::string(v)};
}

namespace {

[[noreturn]] void ThrowNotA(const char* what, std::size_t column) {
    throw DbError(DbError::Kind::kOther, "column " + std::to_string(column) + " does not hold " + what);
}

std::string DoubleText(double v) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

}  // namespace

bool Row::IsNull(std::size_t column) const {
    return std::holds_alternative<std::nullptr_t>(values_.at(column));
}

std::int64_t Row::Int(std::size_t column) const {
    return std::visit(
        [column](const auto& v) -> std::int64_t {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return 0;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return v;
            } else if constexpr (std::is_same_v<T, double>) {
                // 2^63 is exactly representable; anything at or above it does not fit.
                if (!std::isfinite(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0) {
                    ThrowNotA("an integer", column);
                }
                return static_cast<std::int64_t>(v);
            } else {
                std::int64_t result = 0;
                const auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), result);
                if (error != std::errc() || end != v.data() + v.size()) {
                    ThrowNotA("an integer", column);
                }
                return result;
            }
        },
        values_.at(column));
}

double Row::Double(std::size_t column) const {
    return std::visit(
        [column](const auto& v) -> double {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return 0;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return static_cast<double>(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return v;
            } else {
                double result = 0;
                const auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), result);
                if (error != std::errc() || end != v.data() + v.size()) {
                    ThrowNotA("a number", column);
                }
                return result;
            }
        },
        values_.at(column));
}

bool Row::Bool(std::size_t column) const {
    return Int(column) != 0;
}

std::string Row::Text(std::size_t column) const {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return {};
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return DoubleText(v);
            } else {
                return v;
            }
        },
        values_.at(column));
}

std::optional<std::int64_t> Row::OptInt(std::size_t column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
}

std::optional<std::string> Row::OptText(std::size_t column) const {
    if (IsNull(column)) return std::nullopt;
    return Text(column);
}

std::size_t RowReader::Take() {
    if (next_ >= row_.size()) {
        throw std::logic_error("row has " + std::to_string(row_.size()) +
                               " columns; the reader asked for column " + std::to_string(next_ + 1));
    }
    return next_++;
}

bool RowReader::NextIsNull() const {
    return next_ < row_.size() && row_.IsNull(next_);
}

bool RowReader::AtEnd() const {
    return next_ >= row_.size();
}

std::int64_t RowReader::Int() {
    return row_.Int(Take());
}

double RowReader::Double() {
    return row_.Double(Take());
}

bool RowReader::Bool() {
    return row_.Bool(Take());
}

std::string RowReader::Text() {
    return row_.Text(Take());
}

std::optional<std::int64_t> RowReader::OptInt() {
    return row_.OptInt(Take());
}

std::optional<std::string> RowReader::OptText() {
    return row_.OptText(Take());
}

void RowReader::Skip(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) Take();
}

void RowReader::Finish() const {
    if (next_ != row_.size()) {
        throw std::logic_error("row has " + std::to_string(row_.size()) + " columns; the reader read " +
                               std::to_string(next_));
    }
}

std::optional<Row> Transaction::FetchOne(const Query& query, const std::vector<Value>& params) {
    std::vector<Row> rows = Fetch(query, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::int64_t Transaction::Insert(const Query& query, const std::vector<Value>& params) {
    std::optional<Row> row = FetchOne(query, params);
    if (!row || row->size() == 0 || RowReader(*row).NextIsNull()) {
        throw DbError(DbError::Kind::kOther, std::string(query.name) + ": the statement returned no id");
    }
    return ReadRow(*row, &RowReader::Int);
}

namespace internal {

void TransactionBase::CheckUsable(const Query& query) const {
    if (failed_) {
        throw DbError(DbError::Kind::kOther,
                      std::string(query.name) +
                          ": an earlier statement of this transaction failed; it can only roll back");
    }
}

std::vector<Row> TransactionBase::Fetch(const Query& query, const std::vector<Value>& params) {
    CheckUsable(query);
    std::vector<Row> rows;
    try {
        RunStatement(query, params, &rows);
    } catch (...) {
        failed_ = true;
        throw;
    }
    NoteStatement(query, dialect());
    return rows;
}

std::int64_t TransactionBase::Execute(const Query& query, const std::vector<Value>& params) {
    CheckUsable(query);
    std::int64_t changed = 0;
    try {
        changed = RunStatement(query, params, nullptr);
    } catch (...) {
        failed_ = true;
        throw;
    }
    NoteStatement(query, dialect());
    return changed;
}

void TransactionBase::ExecuteScript(const Query& script) {
    CheckUsable(script);
    try {
        RunScript(script);
    } catch (...) {
        failed_ = true;
        throw;
    }
    NoteStatement(script, dialect());
}

bool RunBody(TransactionBase& tx, const std::function<bool(Transaction&)>& body) {
    const bool commit = body(tx);
    if (tx.failed()) {
        if (commit) {
            throw DbError(DbError::Kind::kOther,
                          "a statement of the transaction failed, so it was rolled back");
        }
        return false;
    }
    return commit;
}

namespace {
constexpr Query kPing{"ping", "SELECT 1", "SELECT 1"};
}  // namespace

bool Ping(Database& database) {
    try {
        return !database.FetchAlone(kPing).empty();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace internal

namespace internal {

std::optional<std::string> SqlitePathOf(const std::string& url) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return std::nullopt;
    if (url.starts_with("sqlite:")) {
        std::string path = url.substr(url.starts_with("sqlite://") ? 9 : 7);
        if (path.empty()) {
            throw DbError(DbError::Kind::kOther, "database URL `sqlite:` names no file");
        }
        return path;
    }
    // The URL may hold a password: never repeat it.
    throw DbError(DbError::Kind::kOther,
                  "database URL must start with sqlite: or postgresql:// (e.g. "
                  "sqlite:./data/voronka.db or postgresql://user@127.0.0.1:5432/voronka)");
}

}  // namespace internal

std::unique_ptr<Database> Database::Open(const Options& options) {
    if (options.pool_size < 1) {
        throw DbError(DbError::Kind::kOther, "database pool_size must be at least 1");
    }
    if (const auto path = internal::SqlitePathOf(options.url)) return internal::OpenSqlite(options, *path);
    return internal::OpenPostgres(options);
}

namespace {

// The key of PostgreSQL's advisory lock that serialises Migrate across processes.
constexpr Query kLockMigrations{"lock_migrations", "SELECT 1",
                                "SELECT pg_advisory_xact_lock(8243512786325330741)"};
constexpr Query kCreateSchemaMigrations{
    "create_schema_migrations",
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"};
constexpr Query kAppliedMigrations{"applied_migrations", "SELECT version FROM schema_migrations",
                                   "SELECT version FROM schema_migrations"};
constexpr Query kMigrationApplied{"migration_applied", "SELECT 1 FROM schema_migrations WHERE version = $1",
                                  "SELECT 1 FROM schema_migrations WHERE version = $1"};
constexpr Query kRecordMigration{
    "record_migration", "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"};

// The leading number of a migration's name: `0003_deals` is version 3.
std::int64_t MigrationVersion(std::string_view name) {
    std::int64_t version = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (error != std::errc() || end == name.data() || version < 0) {
        throw DbError(DbError::Kind::kOther,
                      "migration " + std::string(name) + " does not start with its number");
    }
    return version;
}

}  // namespace

std::int64_t internal::LatestSchemaVersion() {
    return MigrationVersion(std::end(migrations::kAll)[-1].name);
}

int Database::Migrate() {
    std::vector<std::int64_t> versions;
    for (const Query& migration : migrations::kAll) {
        const std::int64_t version = MigrationVersion(migration.name);
        if (!versions.empty() && version <= versions.back()) {
            throw DbError(DbError::Kind::kOther,
                          "migration " + std::string(migration.name) +
                              " does not number above the one before it (pad numbers with "
                              "zeros, never reuse one)");
        }
        versions.push_back(version);
    }

    const std::set<std::int64_t> applied = Write([](Transaction& tx) {
        tx.Fetch(kLockMigrations);
        tx.Execute(kCreateSchemaMigrations);
        const std::vector<std::int64_t> done = ReadRows(tx.Fetch(kAppliedMigrations), &RowReader::Int);
        return std::set<std::int64_t>(done.begin(), done.end());
    });

    int count = 0;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (applied.contains(versions[i])) continue;
        const Query& migration = migrations::kAll[i];
        // Another process may have applied it since: check again under the lock.
        const bool ran = Write([&](Transaction& tx) {
            tx.Fetch(kLockMigrations);
            if (tx.FetchOne(kMigrationApplied, {Param(versions[i])})) return false;
            auto* scripted = dynamic_cast<internal::TransactionBase*>(&tx);
            if (scripted == nullptr) {
                throw DbError(DbError::Kind::kOther, "this database cannot run migrations");
            }
            scripted->ExecuteScript(migration);
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch());
            tx.Execute(kRecordMigration, {Param(versions[i]), Param(migration.name),
                                          Param(static_cast<std::int64_t>(now.count()))});
            return true;
        });
        if (ran) ++count;
    }
    return count;
}

}  // namespace voronka::store
