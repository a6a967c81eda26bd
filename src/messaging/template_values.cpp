#include "messaging/template_values.hpp"

#include <algorithm>

#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/pipeline_service.hpp"
#include "messaging/format.hpp"
#include "messaging_sql.hpp"
#include "store/scope.hpp"

namespace voronka::messaging {
namespace {

using crm::RecordType;
using store::Param;

// What a record offers to templates and recipients, gathered once.
struct RecordFacts {
    std::int64_t owner_id = 0;
    std::string title;
    std::string name;
    std::optional<std::int64_t> amount;
    std::string currency;
    std::optional<crm::StagePosition> stage;
    std::optional<std::string> expected_close_on;
    crm::CustomValues custom_fields;
    std::optional<std::string> contact_name;
    crm::ContactPoints contact_points;
    std::optional<std::string> company_name;
};

struct Owner {
    std::string name;
    std::string email;
};

// The user `id` (a record's owner) for templates and recipients; nullopt when there is none.
std::optional<Owner> LoadOwner(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kTemplateOwner, {Param(id)});
    if (!row) return std::nullopt;
    return store::ReadRow(*row, [](store::RowReader& r) {
        Owner owner;
        owner.name = r.Text();
        owner.email = r.Text();
        return owner;
    });
}

std::optional<crm::Contact> ContactOf(store::Transaction& tx, const store::Scope& scope,
                                      std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    auto contact = crm::LoadContact(tx, scope, *id);
    if (!contact || contact->deleted_at) return std::nullopt;
    return contact;
}

std::optional<crm::Company> CompanyOf(store::Transaction& tx, const store::Scope& scope,
                                      std::optional<std::int64_t> id) {
    if (!id) return std::nullopt;
    auto company = crm::LoadCompany(tx, scope, *id);
    if (!company || company->deleted_at) return std::nullopt;
    return company;
}

// The record and the contact and company it names, each only when in `scope`.
std::optional<RecordFacts> LoadFacts(store::Transaction& tx, const store::Scope& scope, RecordType type,
                                     std::int64_t id) {
    RecordFacts facts;
    switch (type) {
        case RecordType::kLead: {
            const auto lead = crm::LoadLead(tx, scope, id);
            if (!lead) return std::nullopt;
            facts = {.owner_id = lead->owner_id,
                     .title = lead->title,
                     .name = lead->name.value_or(lead->title),
                     .amount = lead->amount,
                     .currency = lead->currency,
                     .stage = lead->stage,
                     .custom_fields = lead->custom_fields,
                     .contact_name = lead->name,
                     .contact_points = lead->contact_points,
                     .company_name = lead->company_name};
            if (const auto contact = ContactOf(tx, scope, lead->contact_id)) {
                if (!facts.contact_name) facts.contact_name = contact->name;
                if (facts.contact_points.phones.empty())
                    facts.contact_points.phones = contact->contact_points.phones;
                if (facts.contact_points.emails.empty())
                    facts.contact_points.emails = contact->contact_points.emails;
            }
            return facts;
        }
        case RecordType::kDeal: {
            const auto deal = crm::LoadDeal(tx, scope, id);
            if (!deal) return std::nullopt;
            facts = {.owner_id = deal->owner_id,
                     .title = deal->title,
                     .name = deal->title,
                     .amount = deal->amount,
                     .currency = deal->currency,
                     .stage = deal->stage,
                     .expected_close_on = deal->expected_close_on,
                     .custom_fields = deal->custom_fields};
            const auto contact = ContactOf(tx, scope, deal->contact_id);
            const auto company = CompanyOf(
                tx, scope,
                deal->company_id ? deal->company_id : (contact ? contact->company_id : std::nullopt));
            if (contact) {
                facts.contact_name = contact->name;
                facts.contact_points = contact->contact_points;
            } else if (company) {
                facts.contact_points = company->contact_points;
            }
            if (company) facts.company_name = company->name;
            return facts;
        }
        case RecordType::kContact: {
            const auto contact = crm::LoadContact(tx, scope, id);
            if (!contact) return std::nullopt;
            facts = {.owner_id = contact->owner_id,
                     .title = contact->name,
                     .name = contact->name,
                     .custom_fields = contact->custom_fields,
                     .contact_name = contact->name,
                     .contact_points = contact->contact_points};
            if (const auto company = CompanyOf(tx, scope, contact->company_id))
                facts.company_name = company->name;
            return facts;
        }
        case RecordType::kCompany: {
            const auto company = crm::LoadCompany(tx, scope, id);
            if (!company) return std::nullopt;
            facts = {.owner_id = company->owner_id,
                     .title = company->name,
                     .name = company->name,
                     .custom_fields = company->custom_fields,
                     .contact_name = company->name,
                     .contact_points = company->contact_points,
                     .company_name = company->name};
            return facts;
        }
    }
    return std::nullopt;
}

std::string FormatNumber(std::string text, std::string_view language) {
    if (language != "en") std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string FormatCustomValue(const crm::CustomValue& value, const auth::Settings& settings) {
    const bool english = settings.language == "en";
    switch (value.type) {
        case crm::CustomFieldType::kMoney: {
            try {
                return FormatMoney(std::stoll(value.text), settings.currency, settings.language);
            } catch (const std::exception&) {
                return value.text;
            }
        }
        case crm::CustomFieldType::kDate:
            return FormatDate(value.text, settings.language).value_or(value.text);
        case crm::CustomFieldType::kBool:
            if (value.text == "true") return english ? "yes" : "да";
            return english ? "no" : "нет";
        case crm::CustomFieldType::kNumber: return FormatNumber(value.text, settings.language);
        case crm::CustomFieldType::kString:
        case crm::CustomFieldType::kEnum: break;
    }
    return value.text;
}

void PutIfAny(TemplateValues& values, const std::string& name, const std::optional<std::string>& value) {
    if (value && !value->empty()) values[name] = *value;
}

std::optional<std::string> First(const std::vector<std::string>& items) {
    if (items.empty()) return std::nullopt;
    return items.front();
}

}  // namespace

TemplateValues LoadTemplateValues(store::Transaction& tx, const auth::Settings& settings,
                                  const store::Scope& scope, RecordType type, std::int64_t record_id,
                                  UnixTime now) {
    TemplateValues values;
    const auto facts = LoadFacts(tx, scope, type, record_id);
    if (!facts) return values;
    values["record.id"] = std::to_string(record_id);
    PutIfAny(values, "record.title", facts->title);
    PutIfAny(values, "record.name", facts->name);
    if (facts->amount)
        values["record.amount"] = FormatMoney(*facts->amount, facts->currency, settings.language);
    if (facts->stage) {
        if (const auto pipeline = crm::LoadPipeline(tx, facts->stage->pipeline_id)) {
            values["record.pipeline"] = pipeline->name;
            for (const auto& stage : pipeline->stages) {
                if (stage.id == facts->stage->stage_id) values["record.stage"] = stage.name;
            }
        }
    }
    if (facts->expected_close_on) {
        PutIfAny(values, "record.expected_close_on",
                 FormatDate(*facts->expected_close_on, settings.language));
    }
    PutIfAny(values, "contact.name", facts->contact_name);
    PutIfAny(values, "contact.phone", First(facts->contact_points.phones));
    PutIfAny(values, "contact.email", First(facts->contact_points.emails));
    PutIfAny(values, "company.name", facts->company_name);
    if (const auto owner = LoadOwner(tx, facts->owner_id)) {
        PutIfAny(values, "owner.name", owner->name);
        PutIfAny(values, "owner.email", owner->email);
    }
    PutIfAny(values, "organisation.name", settings.organisation_name);
    const auto meeting = tx.FetchOne(sql::kTemplateMeeting, {Param(crm::RecordTypeName(type)),
                                                             Param(record_id), Param(std::int64_t{now})});
    if (meeting) {
        store::ReadRow(*meeting, [&](store::RowReader& r) {
            values["meeting.at"] = FormatDateTime(r.Int(), settings.time_zone, settings.language);
            PutIfAny(values, "meeting.location", r.OptText());
        });
    }
    for (const auto& [name, value] : facts->custom_fields) {
        PutIfAny(values, std::string(kCustomFieldsPrefix) + name, FormatCustomValue(value, settings));
    }
    return values;
}

Recipient RecipientOf(store::Transaction& tx, const store::Scope& scope, RecordType type,
                      std::int64_t record_id, std::string_view who) {
    Recipient recipient;
    if (who != "contact" && who != "owner") return recipient;
    const auto facts = LoadFacts(tx, scope, type, record_id);
    if (!facts) return recipient;
    if (who == "contact") {
        recipient.phone = First(facts->contact_points.phones);
        recipient.email = First(facts->contact_points.emails);
    } else if (const auto owner = LoadOwner(tx, facts->owner_id)) {
        recipient.email = owner->email;
    }
    return recipient;
}

}  // namespace voronka::messaging
