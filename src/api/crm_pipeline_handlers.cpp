#include "api/crm_pipeline_handlers.hpp"

#include <climits>

#include "api/crm_json.hpp"
#include "api/crm_pipelines_json.hpp"
#include "api/handlers.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kRecordTypes = "lead, deal";
constexpr std::string_view kStageKinds = "open, won, lost";
constexpr std::string_view kCustomFilterPrefix = "cf.";

std::optional<int> IntOf(const std::optional<std::int64_t>& value) {
    if (!value) return std::nullopt;
    return *value < INT_MIN || *value > INT_MAX ? -1 : static_cast<int>(*value);
}

// One stage object of a body: name, kind, max_duration and (with_position) position; errors are
// remembered in `body`.
crm::NewStage ReadStage(JsonBody& body, bool with_position) {
    crm::NewStage stage;
    stage.name = body.String("name", Presence::kRequired).value_or("");
    stage.kind =
        body.Enum<crm::StageKind>("kind", crm::ParseStageKind, kStageKinds).value_or(crm::StageKind::kOpen);
    stage.max_duration = body.NullableString("max_duration").value_or(std::nullopt);
    if (with_position) stage.position = IntOf(body.Int("position"));
    return stage;
}

// The list filters of leads and deals.
Result<crm::SalesFilter> SalesFilterOf(const Request& request) {
    crm::SalesFilter filter;
    for (const auto& [name, target] :
         {std::pair{"owner_id", &filter.owner_id}, std::pair{"pipeline_id", &filter.pipeline_id},
          std::pair{"stage_id", &filter.stage_id}}) {
        auto value = QueryInt(request, name);
        if (!value) return std::move(value).error();
        *target = *value;
    }
    filter.q = request.QueryParam("q").value_or("");
    for (const auto& [name, target] : {std::pair{"overdue_stage", &filter.overdue_stage},
                                       std::pair{"no_next_step", &filter.no_next_step}}) {
        auto value = QueryBool(request, name);
        if (!value) return std::move(value).error();
        *target = value->value_or(false);
    }
    filter.sort = request.QueryParam("sort").value_or("");
    for (const auto& [key, value] : request.query) {
        if (key.starts_with(kCustomFilterPrefix))
            filter.custom.emplace_back(key.substr(kCustomFilterPrefix.size()), value);
    }
    return filter;
}

template <typename List, typename ToJsonFn>
Response ListSales(Call& call, List list, ToJsonFn to_json) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto filter = SalesFilterOf(call.request);
    if (!filter) return ErrorResponse(filter.error());
    const auto result = list(*filter, *page);
    if (!result) return ErrorResponse(result.error());
    return JsonResponse(PageJson(*result, to_json));
}

auto LeadRenderer(Call& call) {
    return [now = call.services.clock.Now()](const crm::Lead& lead) { return LeadJson(lead, now); };
}
auto DealRenderer(Call& call) {
    return [now = call.services.clock.Now()](const crm::Deal& deal) { return DealJson(deal, now); };
}
Json PipelineJson(const crm::ScopedPipeline& pipeline) {
    return ToJson(pipeline);
}
Json ConversionJson(const crm::ConversionResult& result) {
    return ToJson(result);
}

}  // namespace

Response ListPipelines(Call& call) {
    std::optional<crm::RecordType> type;
    if (const auto text = call.request.QueryParam("record_type")) {
        type = crm::ParseRecordType(*text);
        if (type != crm::RecordType::kLead && type != crm::RecordType::kDeal) {
            return ErrorResponse(NotOneOf("record_type", kRecordTypes));
        }
    }
    Json items = Json::array();
    for (const auto& pipeline : call.services.pipelines.List(type)) items.push_back(PipelineJson(pipeline));
    return JsonResponse({{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response PostPipeline(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewPipeline pipeline;
    pipeline.name = body->String("name", Presence::kRequired).value_or("");
    pipeline.record_type =
        body->Enum<crm::RecordType>("record_type", crm::ParseRecordType, kRecordTypes, Presence::kRequired)
            .value_or(crm::RecordType::kLead);
    pipeline.is_default = body->Bool("is_default").value_or(false);
    pipeline.department_id = body->NullableInt("department_id");
    for (auto& stage : body->NestedArray("stages", Presence::kRequired).value_or(std::vector<JsonBody>{})) {
        pipeline.stages.push_back(ReadStage(stage, false));
        body->Adopt(stage);
    }
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.pipelines.Create(call.who(), pipeline), PipelineJson, 201);
}

Response GetPipeline(Call& call) {
    return Render(call.services.pipelines.Get(call.id()), PipelineJson);
}

Response PatchPipeline(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::PipelinePatch patch;
    patch.name = body->String("name");
    patch.is_default = body->Bool("is_default");
    patch.department_id = body->NullableInt("department_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.pipelines.Update(call.who(), call.id(), patch), PipelineJson);
}

Response DeletePipeline(Call& call) {
    const Status deleted = call.services.pipelines.Delete(call.who(), call.id());
    if (!deleted) return ErrorResponse(deleted.error());
    return NoContent();
}

Response PostStage(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const crm::NewStage stage = ReadStage(*body, true);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.pipelines.AddStage(call.who(), call.id(), stage), PipelineJson, 201);
}

Response PatchStage(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::StagePatch patch;
    patch.name = body->String("name");
    patch.position = IntOf(body->Int("position"));
    patch.kind = body->Enum<crm::StageKind>("kind", crm::ParseStageKind, kStageKinds);
    patch.max_duration = body->NullableString("max_duration");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.pipelines.UpdateStage(call.who(), call.id(0), call.id(1), patch),
                  PipelineJson);
}

Response DeleteStage(Call& call) {
    const Status result = call.services.pipelines.DeleteStage(call.who(), call.id(0), call.id(1));
    if (!result) return ErrorResponse(result.error());
    return NoContent();
}

Response GetBoard(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto owner_id = QueryInt(call.request, "owner_id");
    if (!owner_id) return ErrorResponse(owner_id.error());
    const auto board = call.services.boards.Get(call.who(), call.id(), *owner_id, page->limit);
    if (!board) return ErrorResponse(board.error());
    return JsonResponse(BoardJson(*board, call.services.clock.Now(), call.services.settings.Get().currency));
}

Response GetBoardStage(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto owner_id = QueryInt(call.request, "owner_id");
    if (!owner_id) return ErrorResponse(owner_id.error());
    const auto column = call.services.boards.Column(call.who(), call.id(0), call.id(1), *owner_id, *page);
    if (!column) return ErrorResponse(column.error());
    return JsonResponse(
        BoardColumnJson(*column, call.services.clock.Now(), call.services.settings.Get().currency));
}

Response ListLeads(Call& call) {
    return ListSales(
        call,
        [&](const crm::SalesFilter& f, const PageRequest& p) {
            return call.services.leads.List(call.who(), f, p);
        },
        LeadRenderer(call));
}

Response PostLead(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewLead lead;
    lead.owner_id = body->NullableInt("owner_id").value_or(std::nullopt);
    lead.title = body->String("title", Presence::kRequired).value_or("");
    lead.source = body->NullableString("source").value_or(std::nullopt);
    lead.name = body->NullableString("name").value_or(std::nullopt);
    lead.company_name = body->NullableString("company_name").value_or(std::nullopt);
    lead.contact_id = body->NullableInt("contact_id").value_or(std::nullopt);
    lead.phones = body->StringArray("phones").value_or(std::vector<std::string>{});
    lead.emails = body->StringArray("emails").value_or(std::vector<std::string>{});
    lead.amount = body->Int("amount").value_or(0);
    lead.currency = body->String("currency");
    lead.pipeline_id = body->NullableInt("pipeline_id").value_or(std::nullopt);
    lead.stage_id = body->NullableInt("stage_id").value_or(std::nullopt);
    lead.lost_reason = body->NullableString("lost_reason").value_or(std::nullopt);
    lead.custom_fields = ReadCustomFields(*body);
    lead.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.leads.Create(call.who(), lead), LeadRenderer(call), 201);
}

Response GetLead(Call& call) {
    return Render(call.services.leads.Get(call.who(), call.id()), LeadRenderer(call));
}

Response PatchLead(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::LeadPatch patch;
    patch.owner_id = body->Int("owner_id");
    patch.title = body->String("title");
    patch.source = body->NullableString("source");
    patch.name = body->NullableString("name");
    patch.company_name = body->NullableString("company_name");
    patch.contact_id = body->NullableInt("contact_id");
    patch.phones = body->StringArray("phones");
    patch.emails = body->StringArray("emails");
    patch.amount = body->Int("amount");
    patch.currency = body->String("currency");
    patch.pipeline_id = body->Int("pipeline_id");
    patch.stage_id = body->Int("stage_id");
    patch.lost_reason = body->NullableString("lost_reason");
    patch.custom_fields = ReadCustomFields(*body);
    patch.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.leads.Update(call.who(), call.id(), patch), LeadRenderer(call));
}

Response DeleteLead(Call& call) {
    const Status result = call.services.leads.Delete(call.who(), call.id());
    if (!result) return ErrorResponse(result.error());
    return NoContent();
}

Response RestoreLead(Call& call) {
    return Render(call.services.leads.Restore(call.who(), call.id()), LeadRenderer(call));
}

Response ConvertLead(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::LeadConversion conversion;
    conversion.deal_pipeline_id = body->NullableInt("deal_pipeline_id").value_or(std::nullopt);
    conversion.deal_stage_id = body->NullableInt("deal_stage_id").value_or(std::nullopt);
    conversion.deal_title = body->NullableString("deal_title").value_or(std::nullopt);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.leads.Convert(call.who(), call.id(), conversion), ConversionJson);
}

Response ListDeals(Call& call) {
    const auto company_id = QueryId(call.request, "company_id");
    if (!company_id) return ErrorResponse(company_id.error());
    return ListSales(
        call,
        [&](crm::SalesFilter f, const PageRequest& p) {
            f.company_id = *company_id;
            return call.services.deals.List(call.who(), f, p);
        },
        DealRenderer(call));
}

Response PostDeal(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewDeal deal;
    deal.owner_id = body->NullableInt("owner_id").value_or(std::nullopt);
    deal.title = body->String("title", Presence::kRequired).value_or("");
    deal.contact_id = body->NullableInt("contact_id").value_or(std::nullopt);
    deal.company_id = body->NullableInt("company_id").value_or(std::nullopt);
    deal.amount = body->Int("amount").value_or(0);
    deal.currency = body->String("currency");
    deal.pipeline_id = body->NullableInt("pipeline_id").value_or(std::nullopt);
    deal.stage_id = body->NullableInt("stage_id").value_or(std::nullopt);
    deal.expected_close_on = body->NullableString("expected_close_on").value_or(std::nullopt);
    deal.lost_reason = body->NullableString("lost_reason").value_or(std::nullopt);
    deal.custom_fields = ReadCustomFields(*body);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.deals.Create(call.who(), deal), DealRenderer(call), 201);
}

Response GetDeal(Call& call) {
    return Render(call.services.deals.Get(call.who(), call.id()), DealRenderer(call));
}

Response PatchDeal(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::DealPatch patch;
    patch.owner_id = body->Int("owner_id");
    patch.title = body->String("title");
    patch.contact_id = body->NullableInt("contact_id");
    patch.company_id = body->NullableInt("company_id");
    patch.amount = body->Int("amount");
    patch.currency = body->String("currency");
    patch.pipeline_id = body->Int("pipeline_id");
    patch.stage_id = body->Int("stage_id");
    patch.expected_close_on = body->NullableString("expected_close_on");
    patch.lost_reason = body->NullableString("lost_reason");
    patch.custom_fields = ReadCustomFields(*body);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.deals.Update(call.who(), call.id(), patch), DealRenderer(call));
}

Response DeleteDeal(Call& call) {
    const Status result = call.services.deals.Delete(call.who(), call.id());
    if (!result) return ErrorResponse(result.error());
    return NoContent();
}

Response RestoreDeal(Call& call) {
    return Render(call.services.deals.Restore(call.who(), call.id()), DealRenderer(call));
}

Response GetStageOverdue(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto groups = call.services.boards.StageOverdue(call.who(), page->limit);
    return JsonResponse(StageOverdueJson(groups, call.services.clock.Now()));
}

}  // namespace voronka::api
