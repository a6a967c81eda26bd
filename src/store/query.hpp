// A named SQL statement with its text for each back end. Owned by store; constants of this type
// are generated from the `sql/*.sql` files of each module (cmake/Embed.cmake).
#pragma once

#include <span>
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

    std::string_view Text(Dialect dialect) const { return dialect == Dialect::kSqlite ? sqlite : postgres; }
};

// One order of a sorted list statement: a file declaring its closed set of orders with
// `-- @sort COLUMN...` and `-- @after $N` is generated into a first-page statement and an
// after-a-cursor statement per column and direction (cmake/Embed.cmake). The after statement
// binds the cursor's key at $N and its id at $N+1, or its id alone at $N when the order is by id.
struct SortedQuery {
    std::string_view key;  // the column's name, e.g. "name"
    bool descending;
    const Query* first;
    const Query* after;
};

// The order `key` in `descending` direction of `orders`; nullptr when the statement has none.
inline const SortedQuery* FindOrder(std::span<const SortedQuery> orders, std::string_view key,
                                    bool descending) {
    for (const auto& order : orders) {
        if (order.key == key && order.descending == descending) return &order;
    }
    return nullptr;
}

}  // namespace voronka::store
