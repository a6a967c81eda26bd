#include "api/templates_handlers.hpp"

#include "api/handlers.hpp"
#include "api/messaging_json.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"
#include "messaging/template_service.hpp"

namespace voronka::api {
namespace {

using messaging::MessageTemplate;
using messaging::TemplateKind;

constexpr std::string_view kTemplateKinds = "sms, email";
constexpr std::string_view kRecordTypes = "lead, deal, contact, company";

}  // namespace

Response ListTemplates(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    messaging::TemplateFilter filter;
    if (const auto kind = call.request.QueryParam("kind")) {
        filter.kind = messaging::ParseTemplateKind(*kind);
        if (!filter.kind) return ErrorResponse(NotOneOf("kind", kTemplateKinds));
    }
    return Render(call.services.templates.List(call.who(), filter, *page),
                  [](const Page<messaging::MessageTemplate>& p) { return PageJson(p, TemplateJson); });
}

Response PostTemplate(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    messaging::NewTemplate input;
    input.kind =
        body->Enum<TemplateKind>("kind", messaging::ParseTemplateKind, kTemplateKinds, Presence::kRequired)
            .value_or(TemplateKind::kSms);
    input.name = body->String("name", Presence::kRequired).value_or("");
    input.subject = body->NullableString("subject").value_or(std::nullopt);
    input.body = body->String("body", Presence::kRequired).value_or("");
    input.html = body->NullableString("html").value_or(std::nullopt);
    input.department_id = body->NullableInt("department_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.templates.Create(call.who(), input), TemplateJson, 201);
}

Response GetTemplate(Call& call) {
    return Render(call.services.templates.Get(call.who(), call.id()), TemplateJson);
}

Response PatchTemplate(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    messaging::TemplatePatch patch;
    patch.name = body->String("name");
    patch.subject = body->NullableString("subject");
    patch.body = body->String("body");
    patch.html = body->NullableString("html");
    patch.department_id = body->NullableInt("department_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.templates.Update(call.who(), call.id(), patch), TemplateJson);
}

Response DeleteTemplate(Call& call) {
    const Status deleted = call.services.templates.Delete(call.who(), call.id());
    if (!deleted) return ErrorResponse(deleted.error());
    return NoContent();
}

Response PreviewTemplate(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const auto type =
        body->Enum<crm::RecordType>("record_type", crm::ParseRecordType, kRecordTypes, Presence::kRequired)
            .value_or(crm::RecordType::kLead);
    const std::int64_t record_id = body->Int("record_id", Presence::kRequired).value_or(0);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.templates.Preview(call.who(), call.id(), type, record_id), PreviewJson);
}

}  // namespace voronka::api
