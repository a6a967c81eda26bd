// The visibility scope a query runs under: which owned records the caller may see. Owned by
// store; computed from the signed-in user by auth::ScopeOf (the one place the rule lives).
//
// Every statement over owned records binds the scope as its first three parameters and filters
// with the same predicate, where OWNER is the record's owner id and OWNER_DEPARTMENT the owner's
// department id:
//     ($1 = 1 OR OWNER = $2 OR OWNER_DEPARTMENT = $3)
// so that a record out of sight is never returned, counted or changed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/database.hpp"

namespace voronka::store {

struct Scope {
    bool all = false;                           // sees every record
    std::int64_t user_id = 0;                   // sees what this user owns
    std::optional<std::int64_t> department_id;  // and what the users of this department own

    // The scope of the system itself (command line, background work): every record.
    static Scope Everything() { return {.all = true, .user_id = 0, .department_id = std::nullopt}; }
};

// The three leading parameters of a scoped statement, followed by `rest`.
std::vector<Value> ScopedParams(const Scope& scope, std::vector<Value> rest = {});

}  // namespace voronka::store
