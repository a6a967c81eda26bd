// Handlers of automation rules and their run log (routes.cpp, the [rules] block). Owned by api.
// Each parses, calls one automation::RuleService function, renders.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListRules(Call& call);
Response PostRule(Call& call);
Response GetRule(Call& call);
Response PatchRule(Call& call);
Response DeleteRule(Call& call);
Response ListRuleRuns(Call& call);

}  // namespace voronka::api
