// Whole-database backup while the server runs, and restore into a new database (issue 13).
// Owned by store.
//
// A backup file is what each back end's own tools make, so it can also be read without Voronka:
// on SQLite a database file copied with SQLite's online backup API in one step (one consistent
// snapshot; writers go on meanwhile), on PostgreSQL a `pg_dump` archive in its custom format
// (one consistent snapshot as well). Restore takes either into a NEW database of the same back
// end (a SQLite path where no file is; a PostgreSQL database without tables), checks it, and
// migrates it forward to this binary's schema.
//
// Both write their output as `NAME.partial` and rename it when whole (never over a file that
// appeared meanwhile), so a failed or killed run leaves no file that looks like a backup (or a
// database) but is not. Errors throw DbError (kOther) with a message for the person at the
// terminal; a refused restore changes nothing. On SQLite the migration runs before the rename;
// on PostgreSQL after pg_restore's commit, so a migration that fails there leaves the restored
// database at the backup's schema (run `voronka migrate` once the cause is fixed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace voronka::store {

struct BackupSummary {
    std::string format;               // "sqlite" or "pg_dump"
    std::uintmax_t bytes = 0;         // size of the backup file
    std::int64_t schema_version = 0;  // the newest migration recorded in it
};

// Copies the database at `url` into the new file `to`; refuses when `to` exists or the database
// does not (it is never created).
BackupSummary Backup(const std::string& url, const std::filesystem::path& to);

// Restores the backup `from` into the database at `url`. Refused, changing nothing, when a
// SQLite file exists at the path or a PostgreSQL database holds any table, when `from` is not a backup or is
// damaged, when it was made on the other back end, or when its schema is newer than this binary knows.
BackupSummary Restore(const std::filesystem::path& from, const std::string& url);

}  // namespace voronka::store
