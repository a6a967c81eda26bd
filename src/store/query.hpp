// A named SQL statement with its text for each back end. Owned by store; constants of this type
// are generated from the `sql/*.sql` files of each module (cmake/Embed.cmake).
#pragma once

#include <string_view>

namespace voronka::store {

enum class Dialect { kSqlite, kPostgres };

// Parameters are written `$1`, `$2`, ... in both dialects (SQLite reads `$1` as a named
// parameter; a repeated `$1` binds the same value). A Query's address identifies it in the
// prepared-statement cache of each connection, so Query objects must have static storage.
struct Query {
    std::string_view name;  // label in logs and metrics: the file name without `.sql`
    std::string_view sqlite;
    std::string_view postgres;

    std::string_view Text(Dialect dialect) const {
        return dialect == Dialect::kSqlite ? sqlite : postgres;
    }
};

}  // namespace voronka::store
