#include "api/crm_records_json.hpp"

#include "api/crm_json.hpp"
#include "core/time.hpp"
#include "crm/custom_fields.hpp"

namespace voronka::api {
Json ToJson(const crm::Company& company) {
    Json json = {{"id", company.id},
                 {"owner_id", company.owner_id},
                 {"name", company.name},
                 {"inn", OrNull(company.inn)},
                 {"address", OrNull(company.address)}};
    AddContactPoints(json, company.contact_points);
    json["custom_fields"] = crm::CustomValuesJson(company.custom_fields);
    json["created_at"] = FormatIso8601(company.created_at);
    json["updated_at"] = FormatIso8601(company.updated_at);
    json["deleted_at"] = TimeOrNull(company.deleted_at);
    return json;
}

Json ToJson(const crm::Contact& contact) {
    Json json = {{"id", contact.id},
                 {"owner_id", contact.owner_id},
                 {"name", contact.name},
                 {"company_id", OrNull(contact.company_id)},
                 {"is_client", contact.is_client}};
    AddContactPoints(json, contact.contact_points);
    json["custom_fields"] = crm::CustomValuesJson(contact.custom_fields);
    json["created_at"] = FormatIso8601(contact.created_at);
    json["updated_at"] = FormatIso8601(contact.updated_at);
    json["deleted_at"] = TimeOrNull(contact.deleted_at);
    return json;
}

Json ToJson(const crm::CustomFieldDef& field) {
    return {{"id", field.id},
            {"record_type", crm::RecordTypeName(field.record_type)},
            {"name", field.name},
            {"type", crm::CustomFieldTypeName(field.type)},
            {"options", field.options},
            {"required", field.required},
            {"created_at", FormatIso8601(field.created_at)},
            {"updated_at", FormatIso8601(field.updated_at)}};
}

Json ToJson(const crm::SearchHit& hit) {
    return {{"type", crm::RecordTypeName(hit.type)},
            {"id", hit.id},
            {"title", hit.title},
            {"owner_id", hit.owner_id}};
}

}  // namespace voronka::api
