#include "api/crm_record_handlers.hpp"

#include <fmt/format.h>

#include "api/crm_json.hpp"
#include "api/crm_records_json.hpp"
#include "api/handlers.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kRecordTypes = "lead, deal, contact, company";
constexpr std::string_view kFieldTypes = "string, number, money, date, bool, enum";
constexpr std::string_view kCustomFilterPrefix = "cf.";

Json CompanyJson(const crm::Company& company) {
    return ToJson(company);
}
Json ContactJson(const crm::Contact& contact) {
    return ToJson(contact);
}
Json FieldJson(const crm::CustomFieldDef& field) {
    return ToJson(field);
}

// The list filters of companies and contacts: owner_id, q, no_next_step, sort and one cf.NAME.
Result<crm::RecordFilter> RecordFilterOf(const Request& request) {
    crm::RecordFilter filter;
    const auto owner_id = QueryInt(request, "owner_id");
    if (!owner_id) return owner_id.error();
    filter.owner_id = *owner_id;
    filter.q = request.QueryParam("q").value_or("");
    const auto no_next_step = QueryBool(request, "no_next_step");
    if (!no_next_step) return no_next_step.error();
    filter.no_next_step = no_next_step->value_or(false);
    if (const auto sort = request.QueryParam("sort")) {
        const auto parsed = crm::ParseListSort(*sort);
        if (!parsed) return NotOneOf("sort", crm::kListSorts);
        filter.sort = *parsed;
    }
    for (const auto& [key, value] : request.query) {
        if (!key.starts_with(kCustomFilterPrefix)) continue;
        if (filter.custom_name) return Error::Validation("only one cf. filter at a time", key);
        filter.custom_name = key.substr(kCustomFilterPrefix.size());
        filter.custom_value = value;
    }
    return filter;
}

void RejectReadOnly(JsonBody& body, std::string_view name) {
    if (body.Bool(name))
        body.Reject(Error::Validation(fmt::format("{} is read-only", name), std::string(name)));
}

template <typename T, typename List, typename ToJsonFn>
Response ListRecords(Call& call, List list, ToJsonFn to_json) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto filter = RecordFilterOf(call.request);
    if (!filter) return ErrorResponse(filter.error());
    const Result<Page<T>> result = list(*filter, *page);
    if (!result) return ErrorResponse(result.error());
    return JsonResponse(PageJson(*result, to_json));
}

Response Deleted(const Status& status) {
    return status ? NoContent() : ErrorResponse(status.error());
}

}  // namespace

Response ListCompanies(Call& call) {
    return ListRecords<crm::Company>(
        call,
        [&](const auto& filter, const auto& page) {
            return call.services.companies.List(call.who(), filter, page);
        },
        CompanyJson);
}

Response PostCompany(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewCompany company;
    company.name = body->String("name", Presence::kRequired).value_or("");
    company.inn = body->NullableString("inn").value_or(std::nullopt);
    company.address = body->NullableString("address").value_or(std::nullopt);
    company.phones = body->StringArray("phones").value_or(std::vector<std::string>{});
    company.emails = body->StringArray("emails").value_or(std::vector<std::string>{});
    company.custom_fields = ReadCustomFields(*body);
    company.owner_id = body->Int("owner_id");
    company.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.companies.Create(call.who(), company), CompanyJson, 201);
}

Response GetCompany(Call& call) {
    return Render(call.services.companies.Get(call.who(), call.id()), CompanyJson);
}

Response PatchCompany(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::CompanyPatch patch;
    patch.name = body->String("name");
    patch.inn = body->NullableString("inn");
    patch.address = body->NullableString("address");
    patch.phones = body->StringArray("phones");
    patch.emails = body->StringArray("emails");
    patch.custom_fields = ReadCustomFields(*body);
    patch.owner_id = body->Int("owner_id");
    patch.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.companies.Update(call.who(), call.id(), patch), CompanyJson);
}

Response DeleteCompany(Call& call) {
    return Deleted(call.services.companies.Delete(call.who(), call.id()));
}

Response RestoreCompany(Call& call) {
    return Render(call.services.companies.Restore(call.who(), call.id()), CompanyJson);
}

Response ListContacts(Call& call) {
    const auto company_id = QueryId(call.request, "company_id");
    if (!company_id) return ErrorResponse(company_id.error());
    return ListRecords<crm::Contact>(
        call,
        [&](crm::RecordFilter filter, const auto& page) {
            filter.company_id = *company_id;
            return call.services.contacts.List(call.who(), filter, page);
        },
        ContactJson);
}

Response PostContact(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewContact contact;
    contact.name = body->String("name", Presence::kRequired).value_or("");
    contact.company_id = body->NullableInt("company_id").value_or(std::nullopt);
    contact.phones = body->StringArray("phones").value_or(std::vector<std::string>{});
    contact.emails = body->StringArray("emails").value_or(std::vector<std::string>{});
    contact.custom_fields = ReadCustomFields(*body);
    contact.owner_id = body->Int("owner_id");
    contact.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    RejectReadOnly(*body, "is_client");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.contacts.Create(call.who(), contact), ContactJson, 201);
}

Response GetContact(Call& call) {
    return Render(call.services.contacts.Get(call.who(), call.id()), ContactJson);
}

Response PatchContact(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::ContactPatch patch;
    patch.name = body->String("name");
    patch.company_id = body->NullableInt("company_id");
    patch.phones = body->StringArray("phones");
    patch.emails = body->StringArray("emails");
    patch.custom_fields = ReadCustomFields(*body);
    patch.owner_id = body->Int("owner_id");
    patch.allow_duplicate = body->Bool("allow_duplicate").value_or(false);
    RejectReadOnly(*body, "is_client");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.contacts.Update(call.who(), call.id(), patch), ContactJson);
}

Response DeleteContact(Call& call) {
    return Deleted(call.services.contacts.Delete(call.who(), call.id()));
}

Response RestoreContact(Call& call) {
    return Render(call.services.contacts.Restore(call.who(), call.id()), ContactJson);
}

Response ListCustomFields(Call& call) {
    std::optional<crm::RecordType> type;
    if (const auto text = call.request.QueryParam("record_type")) {
        type = crm::ParseRecordType(*text);
        if (!type) return ErrorResponse(NotOneOf("record_type", kRecordTypes));
    }
    Json items = Json::array();
    for (const auto& field : call.services.custom_fields.List(type)) items.push_back(ToJson(field));
    return JsonResponse({{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response PostCustomField(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::NewCustomField field;
    field.record_type =
        body->Enum<crm::RecordType>("record_type", crm::ParseRecordType, kRecordTypes, Presence::kRequired)
            .value_or(crm::RecordType::kLead);
    field.name = body->String("name", Presence::kRequired).value_or("");
    field.type =
        body->Enum<crm::CustomFieldType>("type", crm::ParseCustomFieldType, kFieldTypes, Presence::kRequired)
            .value_or(crm::CustomFieldType::kString);
    field.options = body->StringArray("options").value_or(std::vector<std::string>{});
    field.required = body->Bool("required").value_or(false);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.custom_fields.Create(call.who(), field), FieldJson, 201);
}

Response GetCustomField(Call& call) {
    return Render(call.services.custom_fields.Get(call.id()), FieldJson);
}

Response PatchCustomField(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    crm::CustomFieldPatch patch;
    patch.options = body->StringArray("options");
    patch.required = body->Bool("required");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.custom_fields.Update(call.who(), call.id(), patch), FieldJson);
}

Response DeleteCustomField(Call& call) {
    const Status deleted = call.services.custom_fields.Delete(call.who(), call.id());
    if (!deleted) return ErrorResponse(deleted.error());
    return NoContent();
}

Response GetSearch(Call& call) {
    const auto q = call.request.QueryParam("q");
    if (!q) return ErrorResponse(Error::Validation("q is required", "q"));
    const auto hits = call.services.search.Search(call.who(), *q);
    if (!hits) return ErrorResponse(hits.error());
    Json items = Json::array();
    for (const auto& hit : *hits) items.push_back(ToJson(hit));
    return JsonResponse({{"items", std::move(items)}});
}

}  // namespace voronka::api
