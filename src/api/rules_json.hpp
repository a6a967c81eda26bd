// JSON of automation rules and their run log. Owned by api (the rules part of automation). Pure,
// thread-safe.
#pragma once

#include "api/json.hpp"
#include "automation/model.hpp"
#include "automation/rule_service.hpp"

namespace voronka::api {

// The rule as automation::RuleToJson writes it (never a webhook secret).
Json RuleJson(const automation::Rule& rule);

// {id, rule_id, job_id, record_type, record_id, at, outcome, detail, actions}.
Json RunJson(const automation::Run& run);

// The body of a request as a JSON object for the rule parser, which names unknown keys itself.
// Errors as JsonBody::Parse (415, 400, 422).
Result<Json> RuleBodyOf(const Request& request);

}  // namespace voronka::api
