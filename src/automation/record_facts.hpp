// A record's facts: a lead, deal, contact or company as one JSON object, which conditions
// (ConditionsHold) and guards (GuardHolds) of automation/rule.hpp read. Owned by automation. Runs
// inside the caller's transaction; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string_view>

#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

// The record of `type` with `id` as facts, or nullopt when it is missing or deleted:
//   every field of its crm model by its column name (amount in integer minor units, times as
//   ISO 8601 text, dates YYYY-MM-DD, phones/emails as arrays), and
//   record_type, owner_id, department_id (the owner's department or null),
//   for leads and deals: pipeline_id, stage_id, stage_entered_at, stage_deadline (or null),
//   is_open;
//   custom_fields: {NAME: value} (numbers and money as numbers, bools as booleans, others text);
//   open_tasks: [{id, kind, due_at, department_id}] in due order.
std::optional<nlohmann::json> LoadRecordFacts(store::Transaction& tx, crm::RecordType type, std::int64_t id);

// The fields of facts of `type` that conditions and triggers may name besides
// "custom_fields.NAME". When changing what LoadRecordFacts writes, also change these.
std::span<const std::string_view> RecordFields(crm::RecordType type);

// The record fields of `type` that hold a date (YYYY-MM-DD), for scheduled triggers.
std::span<const std::string_view> RecordDateFields(crm::RecordType type);

}  // namespace voronka::automation
