// What the two back ends share behind Database, private to store: the transaction base class
// with the "a failed statement fails the transaction" rule, scripts for migrations, and the
// factories Database::Open dispatches to.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace voronka::store::internal {

// A Transaction of one of our back ends. After any statement fails, the transaction is failed:
// later statements throw at once and it can only roll back. (PostgreSQL behaves so by itself;
// SQLite is held to the same rule so that code tested on one back end behaves alike on the
// other.) Belongs to one thread.
class TransactionBase : public Transaction {
public:
    std::vector<Row> Fetch(const Query& query, const std::vector<Value>& params) final;
    std::int64_t Execute(const Query& query, const std::vector<Value>& params) final;
    // Runs a script of statements without parameters, e.g. a migration; the script must not
    // contain BEGIN or COMMIT.
    void ExecuteScript(const Query& script);

    bool failed() const { return failed_; }

protected:
    // Runs one statement; appends its rows to `rows` when not null; answers the rows changed.
    virtual std::int64_t RunStatement(const Query& query, const std::vector<Value>& params,
                                      std::vector<Row>* rows) = 0;
    virtual void RunScript(const Query& script) = 0;

private:
    void CheckUsable(const Query& query) const;

    bool failed_ = false;
};

// Runs `body` in `tx` and answers whether to commit: what the body answered, unless a statement
// failed, in which case a body that still asks to commit gets a DbError (its changes are lost).
// Exceptions of the body propagate.
bool RunBody(TransactionBase& tx, const std::function<bool(Transaction&)>& body);

// Database::Ping for both back ends: a trivial query in a read transaction.
bool Ping(Database& database);

// The file of a `sqlite:` URL; none for a `postgresql://` one. Throws DbError for any other URL.
std::optional<std::string> SqlitePathOf(const std::string& url);
// The version of this binary's newest migration.
std::int64_t LatestSchemaVersion();

// A PostgreSQL URL as libpq connection keywords without the password, which goes to PGPASSWORD
// (store/backup.cpp runs pg_dump with them): it never shows in the process list, wherever the URL
// put it (user:password@ or ?password=). Throws DbError, without repeating the URL, when libpq
// cannot read it.
struct PgTarget {
    std::string conninfo;
    std::map<std::string, std::string> env;
};
PgTarget PgTargetOf(const std::string& url);

std::unique_ptr<Database> OpenSqlite(const Options& options, const std::string& path);
std::unique_ptr<Database> OpenPostgres(const Options& options);

}  // namespace voronka::store::internal
