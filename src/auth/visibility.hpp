// The visibility rule, in one place: a manager sees what they own, a head sees what the users of
// their department own, an admin sees everything. Owned by auth; queries apply the scope it
// gives (store/scope.hpp). Pure.
#pragma once

#include "auth/model.hpp"
#include "store/scope.hpp"

namespace voronka::auth {

store::Scope ScopeOf(const Principal& principal);

}  // namespace voronka::auth
