// A rule's sight: the records and users its actions may touch. DESIGN: "a head's rules act within
// their department; the admin's across the organisation; automation never acts with more sight
// than its author". Pure functions over plain values, unit-tested in sight_test.cpp; the engine
// (engine.cpp) applies them when it plans a firing, when a job is due, and in every action.
// Owned by automation.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/catalogue.hpp"
#include "store/scope.hpp"

namespace voronka::automation {

// The rule's author as they are now (users row).
struct AuthorNow {
    std::int64_t id = 0;
    auth::Role role = auth::Role::kManager;
    std::optional<std::int64_t> department_id;
    bool active = true;
};

struct Sight {
    // What the rule reaches: every record for an organisation-wide rule; for a department's rule
    // the records owned by the department's users (and by the author), as the department's head sees.
    store::Scope scope;
    // Set when the rule may not act at all now, with the reason for the run log.
    std::optional<Text> refusal;
};

// The sight of a rule of `rule_department` (nullopt: organisation-wide) written by `author`
// (nullopt: no author — a rule saved by no signed-in user):
//   organisation-wide: every record, while its author is an active admin (or it has none);
//   a department's: that department's records, while its author is active and either an admin or
//   the head of that very department (or it has none).
// A deactivated author, an admin who is no longer one, a head moved to another department or made
// a manager: the rule stops (refusal says why) until a head or admin of its scope saves it again
// (and becomes its author).
Sight SightOf(std::optional<std::int64_t> rule_department, const std::optional<AuthorNow>& author);

// Whether a record is in the scope: `facts` as automation/record_facts.hpp gives them (owner_id,
// department_id of the owner). The visibility rule, auth::Sees.
bool MayActOn(const store::Scope& scope, const nlohmann::json& facts);

// Whether a user (their id and department) is inside the scope: a rule may make them a record's
// owner, give them a task or notify them. The user must also be active (checked by the caller).
bool MayReachUser(const store::Scope& scope, std::int64_t user_id,
                  std::optional<std::int64_t> user_department);

}  // namespace voronka::automation
