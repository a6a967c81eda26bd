// JSON of automation: rules, their run log and the notifications they send. Owned by api. Pure,
// thread-safe.
#pragma once

#include "api/json.hpp"
#include "automation/model.hpp"
#include "automation/notifications.hpp"
#include "automation/rule_service.hpp"

namespace voronka::api {

// The rule as automation::RuleToJson writes it (never a webhook secret).
Json RuleJson(const automation::Rule& rule);

// {id, rule_id, job_id, record_type, record_id, at, outcome, detail, actions}.
Json RunJson(const automation::Run& run);

// {id, kind, text, record_type, record_id, rule_id, created_at, read_at}.
Json NotificationJson(const automation::Notification& n);

// The body of a request as a JSON object for the rule parser, which names unknown keys itself.
// Errors as JsonBody::Parse (415, 400, 422).
Result<Json> RuleBodyOf(const Request& request);

}  // namespace voronka::api
