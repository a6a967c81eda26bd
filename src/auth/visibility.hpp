// The visibility rule, in one place: a manager sees what they own, a head sees what the users of
// their department own, an admin sees everything. Owned by auth; queries apply the scope it
// gives (store/scope.hpp). Pure.
//
// The rule is stated once in C++ (Sees) and once in SQL, the fragment `sees` of
// auth/visibility.fragments.sql that every scoped statement uses; change them together.
// Backends/RulesAgree (tests/crm/rules_agree_test.cpp) compares the two.
#pragma once

#include <cstdint>
#include <optional>

#include "auth/model.hpp"
#include "store/scope.hpp"

namespace voronka::auth {

store::Scope ScopeOf(const Principal& principal);

// Whether `scope` sees a record owned by the user `owner_id`, who belongs to `owner_department`
// (nullopt: to no department): the scope sees everything, or the owner is the scope's user, or
// the owner is in the scope's department. Also whether a user (owner_id: the user's id) is in
// sight. The SQL twin: `/*@ sees(owner, owner_department) @*/`.
bool Sees(const store::Scope& scope, std::int64_t owner_id, std::optional<std::int64_t> owner_department);

}  // namespace voronka::auth
