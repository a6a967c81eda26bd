#include "store/backup.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <map>
#include <vector>

#include "store/backend.hpp"
#include "store/database.hpp"

extern char** environ;

namespace voronka::store {
namespace {

namespace fs = std::filesystem;
using internal::PgTarget;
using internal::PgTargetOf;

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr std::string_view kPgDumpMagic = "PGDMP";

constexpr Query kSchemaVersion{"schema_version", "SELECT max(version) FROM schema_migrations",
                               "SELECT max(version) FROM schema_migrations"};
// Every table, whatever the role may read (information_schema would hide some).
constexpr Query kTableCount{
    "table_count", "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
    "SELECT count(*) FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg_toast%'"};

[[noreturn]] void Fail(const std::string& message) {
    throw DbError(DbError::Kind::kOther, message);
}

// Makes `path` durable under its name: fsyncs the file and then its directory.
void SyncFileAndDirectory(const fs::path& path) {
    for (const fs::path& target : {path, path.parent_path().empty() ? fs::path(".") : path.parent_path()}) {
        const int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fsync(fd) != 0) {
            const std::string reason = std::strerror(errno);
            if (fd >= 0) ::close(fd);
            Fail("cannot flush " + target.string() + " to disk: " + reason);
        }
        ::close(fd);
    }
}

// Renames the finished `partial` to `path` durably.
void Publish(const fs::path& partial, const fs::path& path) {
    // RENAME_NOREPLACE: a file that appeared at `path` meanwhile is never overwritten.
    if (::renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
        const std::string reason = std::strerror(errno);
        fs::remove(partial);
        Fail("cannot rename " + partial.string() + " to " + path.string() + ": " + reason);
    }
    SyncFileAndDirectory(path);
}

fs::path PartialOf(const fs::path& path) {
    return fs::path(path.string() + ".partial");
}

// "sqlite" or "pg_dump" by the file's first bytes; throws when it is neither.
std::string FormatOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) Fail("cannot read " + file.string() + ": " + std::strerror(errno));
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    const std::string_view start(head.data(), static_cast<std::size_t>(in.gcount()));
    if (start.starts_with(kSqliteMagic)) return "sqlite";
    if (start.starts_with(kPgDumpMagic)) return "pg_dump";
    Fail(file.string() + " is not a Voronka backup (neither a SQLite database nor a pg_dump archive)");
}

void RequireKnownSchema(std::int64_t version, const fs::path& from) {
    if (version > internal::LatestSchemaVersion()) {
        Fail(from.string() + " was made by a newer Voronka (schema " + std::to_string(version) +
             ", this one knows up to " + std::to_string(internal::LatestSchemaVersion()) +
             "): restore it with that version");
    }
}

// A schema version as text; throws DbError when it is not a number.
std::int64_t VersionOf(std::string_view text, const fs::path& file) {
    std::int64_t version = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (error != std::errc() || end != text.data() + text.size()) {
        Fail(file.string() + " is damaged: its schema_migrations holds a version that is not a number");
    }
    return version;
}

// ---- SQLite: the online backup API ----

class SqliteFile {
public:
    SqliteFile(const fs::path& path, int flags) : path_(path) {
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            Fail("cannot open " + path.string() + ": " + message);
        }
        sqlite3_busy_timeout(db_, 5000);
    }
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;
    ~SqliteFile() { sqlite3_close_v2(db_); }

    sqlite3* get() const { return db_; }

    // The first column of the first row of `sql` as text; "" when it has no rows or is NULL.
    std::string Scalar(const char* sql) const {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
        std::string value;
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                if (const auto* text = sqlite3_column_text(stmt, 0))
                    value = reinterpret_cast<const char*>(text);
                rc = SQLITE_OK;
            } else if (rc == SQLITE_DONE) {
                rc = SQLITE_OK;
            }
        }
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_OK) Fail(path_.string() + ": " + message);
        return value;
    }

    // Checks the file's structure and answers the newest migration it records; throws when it
    // is damaged or not a Voronka database.
    std::int64_t CheckedSchemaVersion() const {
        std::string check;
        try {
            check = Scalar("PRAGMA quick_check");
        } catch (const DbError& e) {
            Fail(path_.string() + " is damaged: " + e.what());
        }
        if (check != "ok") Fail(path_.string() + " is damaged: " + check);
        if (Scalar(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") !=
            "1") {
            Fail(path_.string() + " is not a Voronka database (it has no schema_migrations table)");
        }
        const std::string version = Scalar("SELECT max(version) FROM schema_migrations");
        return version.empty() ? 0 : VersionOf(version, path_);
    }

private:
    fs::path path_;
    sqlite3* db_ = nullptr;
};

// Copies every page of `from` into `to` in one step: one read transaction of `from`, so one
// consistent snapshot while other connections write (WAL lets them).
void CopyPages(const SqliteFile& from, const SqliteFile& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (backup == nullptr) Fail(std::string("cannot start the copy: ") + sqlite3_errmsg(to.get()));
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {  // a writer's checkpoint may hold a lock briefly
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) Fail(std::string("the copy failed: ") + sqlite3_errstr(rc));
}

// Copies the SQLite database `from` into the new file `to` (via `to.partial`) as a single file
// without a WAL; answers its schema version, checked.
std::int64_t CopySqlite(const fs::path& from, int from_flags, const fs::path& to) {
    const fs::path partial = PartialOf(to);
    fs::remove(partial);
    std::int64_t version = 0;
    {
        const SqliteFile source(from, from_flags);
        const SqliteFile copy(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        CopyPages(source, copy);
        copy.Scalar("PRAGMA journal_mode = DELETE");
        version = copy.CheckedSchemaVersion();
    }
    SyncFileAndDirectory(partial);
    return version;
}

BackupSummary BackupSqlite(const fs::path& path, const fs::path& to) {
    if (!fs::exists(path)) Fail("there is no SQLite database at " + path.string());
    const std::int64_t version = CopySqlite(path, SQLITE_OPEN_READWRITE, to);
    Publish(PartialOf(to), to);
    return {.format = "sqlite", .bytes = fs::file_size(to), .schema_version = version};
}

BackupSummary RestoreSqlite(const fs::path& from, const fs::path& path) {
    // Even a file without tables is refused: a server may have it open, and its files must not be
    // replaced under it.
    if (fs::exists(path)) {
        const SqliteFile target(path, SQLITE_OPEN_READONLY);
        const std::string tables = target.Scalar(kTableCount.sqlite.data());
        Fail("the database at " + path.string() +
             (tables != "0" ? " is not empty (" + tables + " tables)" : " exists") +
             ": restore into a new path");
    }
    const std::int64_t version = [&] {
        const SqliteFile source(from, SQLITE_OPEN_READONLY);
        return source.CheckedSchemaVersion();
    }();
    RequireKnownSchema(version, from);
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path());
    const fs::path partial = PartialOf(path);
    CopySqlite(from, SQLITE_OPEN_READONLY, path);
    try {
        Options options;
        options.url = "sqlite:" + partial.string();
        options.pool_size = 1;
        Database::Open(options)->Migrate();  // before publishing: a failed migration leaves nothing
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial.string() + suffix);
        throw;
    }
    SyncFileAndDirectory(partial);
    Publish(partial, path);
    return {.format = "sqlite", .bytes = fs::file_size(from), .schema_version = version};
}

// ---- PostgreSQL: pg_dump and pg_restore ----

struct ProgramResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `argv` (found on PATH) with `extra_env` added, collecting what it writes.
ProgramResult RunProgram(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& extra_env) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const auto name = entry.substr(0, entry.find('='));
        if (!extra_env.contains(std::string(name))) env_strings.emplace_back(entry);
    }
    for (const auto& [name, value] : extra_env) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> argp;
    for (auto& s : args) argp.push_back(s.data());
    argp.push_back(nullptr);

    std::array<int, 2> out_pipe{-1, -1};
    std::array<int, 2> err_pipe{-1, -1};
    if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0 || ::pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
        const std::string reason = std::strerror(errno);
        for (const int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
            if (fd >= 0) ::close(fd);
        }
        Fail("cannot run " + argv[0] + ": " + reason);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        Fail(argv[0] + " cannot be run (" + std::strerror(rc) +
             "); on Debian it comes with the package postgresql-client");
    }
    ProgramResult result;
    std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
    std::array<std::string*, 2> sinks{&result.out, &result.err};
    int open = 2;
    std::array<char, 65536> buffer{};
    while (open > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            const std::string reason = std::strerror(errno);
            for (const pollfd& p : fds) {
                if (p.fd >= 0) ::close(p.fd);
            }
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            Fail("cannot read what " + argv[0] + " writes: " + reason);
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) Fail("cannot learn how " + argv[0] + " ended: " + std::strerror(errno));
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string FirstLines(const std::string& text) {
    const std::string trimmed = text.substr(0, 2000);
    return trimmed.empty() ? "(no message)" : trimmed;
}

std::int64_t PgScalar(const std::string& url, const Query& query) {
    Options options;
    options.url = url;
    options.pool_size = 1;
    const auto db = Database::Open(options);
    const auto rows = db->FetchAlone(query);
    return rows.empty() ? 0 : ReadRow(rows.front(), &RowReader::Int);
}

BackupSummary BackupPostgres(const std::string& url, const fs::path& to) {
    std::int64_t version = 0;
    try {
        version = PgScalar(url, kSchemaVersion);
    } catch (const DbError& e) {
        Fail(std::string("cannot read the database's schema version: ") + e.what());
    }
    const fs::path partial = PartialOf(to);
    fs::remove(partial);
    const PgTarget target = PgTargetOf(url);
    const ProgramResult dump = RunProgram({"pg_dump", "--no-password", "--format=custom", "--no-owner",
                                           "--file=" + partial.string(), "--dbname=" + target.conninfo},
                                          target.env);
    if (dump.exit_code != 0) {
        fs::remove(partial);
        Fail("pg_dump failed: " + FirstLines(dump.err));
    }
    SyncFileAndDirectory(partial);
    Publish(partial, to);
    return {.format = "pg_dump", .bytes = fs::file_size(to), .schema_version = version};
}

// The newest migration recorded in a pg_dump archive: the data of its schema_migrations table.
std::int64_t ArchiveSchemaVersion(const fs::path& from) {
    const ProgramResult listing =
        RunProgram({"pg_restore", "--data-only", "--table=schema_migrations", "--file=-", from.string()}, {});
    if (listing.exit_code != 0) Fail(from.string() + " is damaged: " + FirstLines(listing.err));
    const auto copy = listing.out.find("COPY public.schema_migrations");
    if (copy == std::string::npos)
        Fail(from.string() + " is not a Voronka backup (it has no schema_migrations)");
    std::int64_t version = 0;
    std::size_t line = listing.out.find('\n', copy);
    while (line != std::string::npos && line + 1 < listing.out.size()) {
        const std::size_t start = line + 1;
        line = listing.out.find('\n', start);
        const std::string_view row(listing.out.data() + start,
                                   (line == std::string::npos ? listing.out.size() : line) - start);
        if (row == "\\.") break;
        version = std::max(version, VersionOf(row.substr(0, row.find('\t')), from));
    }
    return version;
}

BackupSummary RestorePostgres(const fs::path& from, const std::string& url) {
    const std::int64_t tables = PgScalar(url, kTableCount);
    if (tables != 0) {
        Fail("the database is not empty (" + std::to_string(tables) +
             " tables): restore into a new database");
    }
    const std::int64_t version = ArchiveSchemaVersion(from);
    RequireKnownSchema(version, from);
    const PgTarget target = PgTargetOf(url);
    const ProgramResult restore =
        RunProgram({"pg_restore", "--no-password", "--no-owner", "--no-privileges", "--exit-on-error",
                    "--single-transaction", "--dbname=" + target.conninfo, from.string()},
                   target.env);
    if (restore.exit_code != 0) Fail("pg_restore failed, nothing was restored: " + FirstLines(restore.err));
    return {.format = "pg_dump", .bytes = fs::file_size(from), .schema_version = version};
}

}  // namespace

namespace internal {

PgTarget PgTargetOf(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (options == nullptr) {
        PQfreemem(error);  // it may quote the URL, password included
        Fail("the database URL cannot be read as a PostgreSQL URL");
    }
    PgTarget target;
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) continue;
        const std::string_view keyword = o->keyword;
        if (keyword == "password") {
            target.env["PGPASSWORD"] = o->val;
            continue;
        }
        std::string value;
        for (const char c : std::string_view(o->val)) {
            if (c == '\\' || c == '\'') value += '\\';
            value += c;
        }
        target.conninfo += std::string(keyword) + "='" + value + "' ";
    }
    PQconninfoFree(options);
    return target;
}

}  // namespace internal

BackupSummary Backup(const std::string& url, const fs::path& to) {
    if (fs::exists(to)) Fail(to.string() + " exists: back up into a new file");
    if (const auto path = internal::SqlitePathOf(url)) return BackupSqlite(*path, to);
    return BackupPostgres(url, to);
}

BackupSummary Restore(const fs::path& from, const std::string& url) {
    const std::string format = FormatOf(from);
    const auto path = internal::SqlitePathOf(url);
    if (path && format != "sqlite") {
        Fail(from.string() + " is a PostgreSQL backup (pg_dump): restore it into a postgresql:// database");
    }
    if (!path && format != "pg_dump") {
        Fail(from.string() + " is a SQLite backup: restore it into a sqlite: database");
    }
    const BackupSummary summary = path ? RestoreSqlite(from, *path) : RestorePostgres(from, url);
    Options options;
    options.url = url;
    options.pool_size = 1;
    Database::Open(options)->Migrate();
    return summary;
}

}  // namespace voronka::store
