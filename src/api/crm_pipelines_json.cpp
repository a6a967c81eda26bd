#include "api/crm_pipelines_json.hpp"

#include "api/crm_json.hpp"
#include "core/duration.hpp"
#include "core/time.hpp"
#include "crm/custom_fields.hpp"
#include "crm/rules.hpp"

namespace voronka::api {
namespace {

void AddStagePosition(Json& out, const crm::StagePosition& position, UnixTime now) {
    out["pipeline_id"] = position.pipeline_id;
    out["stage_id"] = position.stage_id;
    out["stage_entered_at"] = FormatIso8601(position.entered_at);
    out["stage_deadline"] = TimeOrNull(position.deadline);
    out["stage_overdue"] = crm::IsStageOverdue(position, now);
    out["is_open"] = position.is_open;
}

}  // namespace

Json ToJson(const crm::Stage& stage) {
    return {
        {"id", stage.id},
        {"pipeline_id", stage.pipeline_id},
        {"name", stage.name},
        {"position", stage.position},
        {"kind", crm::StageKindName(stage.kind)},
        {"max_duration", stage.max_duration ? Json(FormatIsoDuration(*stage.max_duration)) : Json(nullptr)}};
}

Json ToJson(const crm::Pipeline& pipeline) {
    Json stages = Json::array();
    for (const auto& stage : pipeline.stages) stages.push_back(ToJson(stage));
    return {{"id", pipeline.id},
            {"name", pipeline.name},
            {"record_type", crm::RecordTypeName(pipeline.record_type)},
            {"is_default", pipeline.is_default},
            {"stages", std::move(stages)},
            {"created_at", FormatIso8601(pipeline.created_at)},
            {"updated_at", FormatIso8601(pipeline.updated_at)}};
}

Json ToJson(const crm::ScopedPipeline& pipeline) {
    Json out = ToJson(static_cast<const crm::Pipeline&>(pipeline));
    out["department_id"] = OrNull(pipeline.department_id);
    return out;
}

Json LeadJson(const crm::Lead& lead, UnixTime now) {
    Json out = {{"id", lead.id},
                {"owner_id", lead.owner_id},
                {"title", lead.title},
                {"source", OrNull(lead.source)},
                {"name", OrNull(lead.name)},
                {"company_name", OrNull(lead.company_name)},
                {"contact_id", OrNull(lead.contact_id)},
                {"amount", lead.amount},
                {"currency", lead.currency},
                {"lost_reason", OrNull(lead.lost_reason)},
                {"converted_at", TimeOrNull(lead.converted_at)},
                {"deal_id", OrNull(lead.deal_id)},
                {"custom_fields", crm::CustomValuesJson(lead.custom_fields)},
                {"created_at", FormatIso8601(lead.created_at)},
                {"updated_at", FormatIso8601(lead.updated_at)},
                {"deleted_at", TimeOrNull(lead.deleted_at)}};
    AddContactPoints(out, lead.contact_points);
    AddStagePosition(out, lead.stage, now);
    return out;
}

Json DealJson(const crm::Deal& deal, UnixTime now) {
    Json out = {{"id", deal.id},
                {"owner_id", deal.owner_id},
                {"title", deal.title},
                {"contact_id", OrNull(deal.contact_id)},
                {"company_id", OrNull(deal.company_id)},
                {"amount", deal.amount},
                {"currency", deal.currency},
                {"expected_close_on", OrNull(deal.expected_close_on)},
                {"lost_reason", OrNull(deal.lost_reason)},
                {"custom_fields", crm::CustomValuesJson(deal.custom_fields)},
                {"created_at", FormatIso8601(deal.created_at)},
                {"updated_at", FormatIso8601(deal.updated_at)},
                {"deleted_at", TimeOrNull(deal.deleted_at)}};
    AddStagePosition(out, deal.stage, now);
    return out;
}

Json ToJson(const crm::ConversionResult& conversion) {
    return {{"contact_id", conversion.contact_id},
            {"company_id", OrNull(conversion.company_id)},
            {"deal_id", conversion.deal_id}};
}

Json BoardColumnJson(const crm::BoardColumn& column, UnixTime now, std::string_view currency) {
    Json out = {{"stage", ToJson(column.stage)}, {"count", column.count}};
    if (column.totals.size() > 1) {
        Json totals = Json::object();
        for (const auto& [code, amount] : column.totals) totals[code] = amount;
        out["amount_total"] = std::move(totals);
        out["currency"] = nullptr;
    } else if (column.totals.size() == 1) {
        out["amount_total"] = column.totals.begin()->second;
        out["currency"] = column.totals.begin()->first;
    } else {
        out["amount_total"] = 0;
        out["currency"] = currency;
    }
    if (column.record_type == crm::RecordType::kLead) {
        Json page = PageJson(column.leads, [now](const crm::Lead& lead) { return LeadJson(lead, now); });
        out["items"] = std::move(page["items"]);
        out["next_cursor"] = std::move(page["next_cursor"]);
    } else {
        Json page = PageJson(column.deals, [now](const crm::Deal& deal) { return DealJson(deal, now); });
        out["items"] = std::move(page["items"]);
        out["next_cursor"] = std::move(page["next_cursor"]);
    }
    return out;
}

Json BoardJson(const crm::Board& board, UnixTime now, std::string_view currency) {
    Json stages = Json::array();
    for (const auto& column : board.columns) {
        stages.push_back(BoardColumnJson(column, now, currency));
    }
    return {{"pipeline", ToJson(board.pipeline)}, {"stages", std::move(stages)}};
}

Json StageOverdueJson(const std::vector<crm::OverdueGroup>& groups, UnixTime now) {
    Json out = Json::array();
    for (const auto& group : groups) {
        Json leads = Json::array();
        for (const auto& lead : group.leads) leads.push_back(LeadJson(lead, now));
        Json deals = Json::array();
        for (const auto& deal : group.deals) deals.push_back(DealJson(deal, now));
        out.push_back({{"owner_id", group.owner_id},
                       {"owner_name", group.owner_name},
                       {"lead_count", group.lead_count},
                       {"deal_count", group.deal_count},
                       {"leads", std::move(leads)},
                       {"deals", std::move(deals)}});
    }
    return {{"groups", std::move(out)}};
}

}  // namespace voronka::api
