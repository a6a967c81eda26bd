// JSON of pipelines, stages, leads, deals, the board and the stage-overdue report, as the API
// shows them. Owned by api. Pure functions; `now` decides stage_overdue.
#pragma once

#include <vector>

#include "api/json.hpp"
#include "crm/board_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/model.hpp"
#include "crm/pipeline_service.hpp"

namespace voronka::api {

Json ToJson(const crm::Stage& stage);
Json ToJson(const crm::Pipeline& pipeline);
// The pipeline with the department it belongs to (null: the organisation's).
Json ToJson(const crm::ScopedPipeline& pipeline);
Json LeadJson(const crm::Lead& lead, UnixTime now);
Json DealJson(const crm::Deal& deal, UnixTime now);
Json ToJson(const crm::ConversionResult& conversion);
// {"stage", "count", "amount_total", "currency", "items", "next_cursor"}: amount_total is an
// integer when the stage holds one currency (or none: 0 in `currency`), else {"RUB": n, ...} with
// `currency` null.
Json BoardColumnJson(const crm::BoardColumn& column, UnixTime now, std::string_view currency);
Json BoardJson(const crm::Board& board, UnixTime now, std::string_view currency);
Json StageOverdueJson(const std::vector<crm::OverdueGroup>& groups, UnixTime now);

}  // namespace voronka::api
