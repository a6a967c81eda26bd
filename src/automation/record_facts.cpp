#include "automation/record_facts.hpp"

#include <array>
#include <string>

#include "automation_sql.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/custom_fields.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "store/scope.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

// When changing these lists, also change what the *Facts functions below write.
constexpr std::array<std::string_view, 23> kLeadFields{
    "id",          "record_type",  "owner_id",   "department_id",    "title",          "source",
    "name",        "company_name", "contact_id", "phones",           "emails",         "amount",
    "currency",    "pipeline_id",  "stage_id",   "stage_entered_at", "stage_deadline", "is_open",
    "lost_reason", "converted_at", "deal_id",    "created_at",       "updated_at"};
constexpr std::array<std::string_view, 18> kDealFields{
    "id",          "record_type",      "owner_id",       "department_id", "title",
    "contact_id",  "company_id",       "amount",         "currency",      "pipeline_id",
    "stage_id",    "stage_entered_at", "stage_deadline", "is_open",       "expected_close_on",
    "lost_reason", "created_at",       "updated_at"};
constexpr std::array<std::string_view, 11> kContactFields{
    "id",        "record_type", "owner_id", "department_id", "name",      "company_id",
    "is_client", "phones",      "emails",   "created_at",    "updated_at"};
constexpr std::array<std::string_view, 11> kCompanyFields{
    "id",      "record_type", "owner_id", "department_id", "name",      "inn",
    "address", "phones",      "emails",   "created_at",    "updated_at"};
constexpr std::array<std::string_view, 1> kDealDateFields{"expected_close_on"};

Json OrNull(const std::optional<std::int64_t>& value) {
    return value ? Json(*value) : Json(nullptr);
}
Json OrNull(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}
Json TimeOrNull(const std::optional<UnixTime>& value) {
    return value ? Json(FormatIso8601(*value)) : Json(nullptr);
}

void StageFacts(const crm::StagePosition& stage, Json& out) {
    out["pipeline_id"] = stage.pipeline_id;
    out["stage_id"] = stage.stage_id;
    out["stage_entered_at"] = FormatIso8601(stage.entered_at);
    out["stage_deadline"] = TimeOrNull(stage.deadline);
    out["is_open"] = stage.is_open;
}

void PointFacts(const crm::ContactPoints& points, Json& out) {
    out["phones"] = points.phones;
    out["emails"] = points.emails;
}

// The fields every record has; custom_fields and the times.
Json CommonFacts(crm::RecordType type, std::int64_t id, std::int64_t owner_id,
                 const crm::CustomValues& custom, UnixTime created_at, UnixTime updated_at) {
    return Json{{"id", id},
                {"record_type", crm::RecordTypeName(type)},
                {"owner_id", owner_id},
                {"custom_fields", crm::CustomValuesJson(custom)},
                {"created_at", FormatIso8601(created_at)},
                {"updated_at", FormatIso8601(updated_at)}};
}

std::optional<Json> Facts(store::Transaction& tx, crm::RecordType type, std::int64_t id) {
    const auto everything = store::Scope::Everything();
    switch (type) {
        case crm::RecordType::kLead: {
            const auto lead = crm::LoadLead(tx, everything, id);
            if (!lead || lead->deleted_at) return std::nullopt;
            Json out = CommonFacts(type, id, lead->owner_id, lead->custom_fields, lead->created_at,
                                   lead->updated_at);
            out["title"] = lead->title;
            out["source"] = OrNull(lead->source);
            out["name"] = OrNull(lead->name);
            out["company_name"] = OrNull(lead->company_name);
            out["contact_id"] = OrNull(lead->contact_id);
            PointFacts(lead->contact_points, out);
            out["amount"] = lead->amount;
            out["currency"] = lead->currency;
            StageFacts(lead->stage, out);
            out["lost_reason"] = OrNull(lead->lost_reason);
            out["converted_at"] = TimeOrNull(lead->converted_at);
            out["deal_id"] = OrNull(lead->deal_id);
            return out;
        }
        case crm::RecordType::kDeal: {
            const auto deal = crm::LoadDeal(tx, everything, id);
            if (!deal || deal->deleted_at) return std::nullopt;
            Json out = CommonFacts(type, id, deal->owner_id, deal->custom_fields, deal->created_at,
                                   deal->updated_at);
            out["title"] = deal->title;
            out["contact_id"] = OrNull(deal->contact_id);
            out["company_id"] = OrNull(deal->company_id);
            out["amount"] = deal->amount;
            out["currency"] = deal->currency;
            StageFacts(deal->stage, out);
            out["expected_close_on"] = OrNull(deal->expected_close_on);
            out["lost_reason"] = OrNull(deal->lost_reason);
            return out;
        }
        case crm::RecordType::kContact: {
            const auto contact = crm::LoadContact(tx, everything, id);
            if (!contact || contact->deleted_at) return std::nullopt;
            Json out = CommonFacts(type, id, contact->owner_id, contact->custom_fields, contact->created_at,
                                   contact->updated_at);
            out["name"] = contact->name;
            out["company_id"] = OrNull(contact->company_id);
            out["is_client"] = contact->is_client;
            PointFacts(contact->contact_points, out);
            return out;
        }
        case crm::RecordType::kCompany: {
            const auto company = crm::LoadCompany(tx, everything, id);
            if (!company || company->deleted_at) return std::nullopt;
            Json out = CommonFacts(type, id, company->owner_id, company->custom_fields, company->created_at,
                                   company->updated_at);
            out["name"] = company->name;
            out["inn"] = OrNull(company->inn);
            out["address"] = OrNull(company->address);
            PointFacts(company->contact_points, out);
            return out;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Json> LoadRecordFacts(store::Transaction& tx, crm::RecordType type, std::int64_t id) {
    auto facts = Facts(tx, type, id);
    if (!facts) return std::nullopt;
    const auto owner =
        tx.FetchOne(sql::kRuleOwnerDepartment, {Param((*facts)["owner_id"].get<std::int64_t>())});
    (*facts)["department_id"] =
        owner ? OrNull(store::ReadRow(*owner, &store::RowReader::OptInt)) : Json(nullptr);
    Json tasks = Json::array();
    for (const auto& row : tx.Fetch(sql::kRuleOpenTasks, {Param(crm::RecordTypeName(type)), Param(id)})) {
        tasks.push_back(store::ReadRow(row, [](store::RowReader& r) {
            Json task;
            task["id"] = r.Int();
            task["kind"] = r.Text();
            task["due_at"] = FormatIso8601(r.Int());
            task["department_id"] = OrNull(r.OptInt());
            return task;
        }));
    }
    (*facts)["open_tasks"] = std::move(tasks);
    return facts;
}

std::span<const std::string_view> RecordFields(crm::RecordType type) {
    switch (type) {
        case crm::RecordType::kLead: return kLeadFields;
        case crm::RecordType::kDeal: return kDealFields;
        case crm::RecordType::kContact: return kContactFields;
        case crm::RecordType::kCompany: return kCompanyFields;
    }
    return {};
}

std::span<const std::string_view> RecordDateFields(crm::RecordType type) {
    if (type == crm::RecordType::kDeal) return kDealDateFields;
    return {};
}

}  // namespace voronka::automation
