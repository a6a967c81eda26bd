#include "crm/lead_service.hpp"

#include "auth/settings_service.hpp"
#include "auth/visibility.hpp"
#include "core/validation.hpp"
#include "crm/contact_points.hpp"
#include "crm/custom_fields.hpp"
#include "crm/deal_service.hpp"
#include "crm/events.hpp"
#include "crm/history.hpp"
#include "crm/record_rows.hpp"
#include "crm/record_support.hpp"
#include "crm/tasks_hooks.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

std::vector<store::Value> LeadColumns(const Lead& lead) {
    return {Param(lead.owner_id),
            Param(lead.title),
            Param(lead.source),
            Param(lead.name),
            Param(lead.company_name),
            Param(lead.contact_id),
            Param(lead.amount),
            Param(lead.currency),
            Param(lead.stage.pipeline_id),
            Param(lead.stage.stage_id),
            Param(lead.stage.entered_at),
            Param(lead.stage.deadline),
            Param(lead.stage.is_open),
            Param(lead.lost_reason),
            Param(SearchText({lead.title, lead.name, lead.company_name}, lead.contact_points))};
}

Result<Lead> FetchVisible(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    auto lead = LoadLead(tx, scope, id);
    if (!lead || lead->deleted_at) return Error::NotFound("no such lead");
    return std::move(*lead);
}

// The checks of the plain fields of a lead, before any transaction.
Status CheckFields(Lead& lead) {
    auto title = CheckText(lead.title, "title");
    if (!title) return std::move(title).error();
    lead.title = *title;
    for (auto [value, field] : {std::pair{&lead.source, "source"}, std::pair{&lead.name, "name"},
                                std::pair{&lead.company_name, "company_name"}}) {
        auto checked = CheckOptionalText(*value, field);
        if (!checked) return std::move(checked).error();
        *value = *checked;
    }
    if (auto ok = CheckAmount(lead.amount); !ok) return ok;
    auto currency = CheckCurrency(lead.currency);
    if (!currency) return std::move(currency).error();
    lead.currency = *currency;
    auto reason = CheckOptionalText(lead.lost_reason, "lost_reason", 1000);
    if (!reason) return std::move(reason).error();
    lead.lost_reason = *reason;
    return Ok{};
}

// Duplicate when another record holds one of the lead's phones or e-mails; the existing record
// is named only when the caller can see it (CheckNoDuplicate).
Status CheckDuplicate(store::Transaction& tx, const store::Scope& scope, const ContactPoints& points,
                      std::optional<std::int64_t> lead_id) {
    std::optional<RecordRef> except;
    if (lead_id) except = RecordRef{.type = RecordType::kLead, .id = *lead_id};
    if (auto duplicate = CheckNoDuplicate(tx, scope, points, except)) return std::move(*duplicate);
    return Ok{};
}

}  // namespace

Lead ReadLeadFields(store::RowReader& r) {
    Lead lead;
    lead.id = r.Int();
    lead.owner_id = r.Int();
    lead.title = r.Text();
    lead.source = r.OptText();
    lead.name = r.OptText();
    lead.company_name = r.OptText();
    lead.contact_id = r.OptInt();
    lead.amount = r.Int();
    lead.currency = r.Text();
    lead.stage = StagePosition{.pipeline_id = r.Int(),
                               .stage_id = r.Int(),
                               .entered_at = r.Int(),
                               .deadline = r.OptInt(),
                               .is_open = r.Bool()};
    lead.converted_at = r.OptInt();
    lead.deal_id = r.OptInt();
    lead.lost_reason = r.OptText();
    lead.created_at = r.Int();
    lead.updated_at = r.Int();
    lead.deleted_at = r.OptInt();
    return lead;
}

Lead LeadFromRow(store::Transaction& tx, const store::Row& row) {
    Lead lead = store::ReadRow(row, ReadLeadFields);
    lead.contact_points = LoadContactPoints(tx, RecordType::kLead, lead.id);
    lead.custom_fields = LoadCustomValues(tx, RecordType::kLead, lead.id);
    return lead;
}

std::vector<Lead> LeadsFromRows(store::Transaction& tx, const std::vector<store::Row>& rows) {
    return RecordsFromRows<Lead>(tx, RecordType::kLead, rows, ReadLeadFields);
}

std::optional<Lead> LoadLead(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kLeadGet, store::ScopedParams(scope, {Param(id)}));
    if (!row) return std::nullopt;
    return LeadFromRow(tx, *row);
}

Result<Page<Lead>> ListLeads(store::Transaction& tx, const store::Scope& scope, const SalesFilter& filter,
                             const PageRequest& page, std::string_view phone_region, UnixTime now) {
    auto query = ListQuery(tx, RecordType::kLead, sql::kLeadListOrders, filter, page, phone_region, now);
    if (!query) return std::move(query).error();
    std::vector<Lead> items =
        LeadsFromRows(tx, tx.Fetch(*query->statement, store::ScopedParams(scope, std::move(query->params))));
    const ListOrder order = query->order;
    return MakePage(std::move(items), page.limit, OrderTag("leads", order),
                    [&](const Lead& item) { return SalesPosition(order, item); });
}

Result<Page<Lead>> LeadService::List(const auth::Principal& principal, const SalesFilter& filter,
                                     const PageRequest& page) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    return db_.Read([&](store::Transaction& tx) {
        return ListLeads(tx, auth::ScopeOf(principal), filter, page, settings.phone_region, clock_.Now());
    });
}

Result<Lead> LeadService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) { return FetchVisible(tx, auth::ScopeOf(principal), id); });
}

Result<Lead> LeadService::Create(const auth::Principal& principal, const NewLead& input) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    Lead lead;
    lead.title = input.title;
    lead.source = input.source;
    lead.name = input.name;
    lead.company_name = input.company_name;
    lead.contact_id = input.contact_id;
    lead.amount = input.amount;
    lead.currency = input.currency.value_or(settings.currency);
    lead.lost_reason = input.lost_reason;
    if (auto ok = CheckFields(lead); !ok) return std::move(ok).error();
    auto points = NormalizeContactPoints(input.phones, input.emails, settings.phone_region);
    if (!points) return std::move(points).error();
    lead.contact_points = *points;
    auto owner = OwnerCheck(db_, clock_)(principal, input.owner_id);
    if (!owner) return std::move(owner).error();
    lead.owner_id = *owner;
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Write([&](store::Transaction& tx) -> Result<Lead> {
        if (lead.contact_id) {
            auto contact = CheckContact(tx, scope, *lead.contact_id);
            if (!contact) return std::move(contact).error();
        }
        auto place = PlaceInStage(
            tx, RecordType::kLead,
            StageRequest{
                .pipeline_id = input.pipeline_id, .stage_id = input.stage_id, .owner_id = lead.owner_id});
        if (!place) return std::move(place).error();
        if (auto ok = CheckLostReason(place->stage, lead.lost_reason); !ok) return std::move(ok).error();
        auto custom = CheckCustomValues(tx, RecordType::kLead, input.custom_fields, {}, true);
        if (!custom) return std::move(custom).error();
        if (!input.allow_duplicate) {
            if (auto ok = CheckDuplicate(tx, scope, lead.contact_points, std::nullopt); !ok)
                return std::move(ok).error();
        }
        const UnixTime now = clock_.Now();
        lead.stage = EnterStage(*place, now, false);
        auto params = LeadColumns(lead);
        params.push_back(Param(now));
        lead.id = tx.Insert(sql::kLeadInsert, params);
        EmitRecordCreated(tx, RecordType::kLead, lead.id, lead.owner_id, principal.user.id, now);
        SaveContactPoints(tx, RecordType::kLead, lead.id, lead.contact_points);
        std::vector<FieldChange> changes;
        SaveCustomValues(tx, RecordType::kLead, lead.id, {}, *custom, changes);
        if (lead.lost_reason) AddChange(changes, "lost_reason", std::nullopt, lead.lost_reason);
        RecordHistory(tx, RecordType::kLead, lead.id, principal.user.id, now, changes);
        RecordStageMove(tx, RecordType::kLead, lead.id, nullptr, lead.stage, principal.user.id, now);
        if (lead.stage.is_open) {
            EnsureFirstTask(tx, RecordType::kLead, lead.id, lead.owner_id, settings, now, principal.user.id);
        }
        return FetchVisible(tx, store::Scope::Everything(), lead.id);
    });
}

Result<Lead> LeadService::Update(const auth::Principal& principal, std::int64_t id, const LeadPatch& patch) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    const store::Scope scope = auth::ScopeOf(principal);
    // Out-of-sight leads answer 404 before any validation of the input.
    if (auto visible = Get(principal, id); !visible) return visible;
    std::optional<std::int64_t> owner;
    if (patch.owner_id) {
        auto checked = OwnerCheck(db_, clock_)(principal, patch.owner_id);
        if (!checked) return std::move(checked).error();
        owner = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<Lead> {
        auto current = FetchVisible(tx, scope, id);
        if (!current) return current;
        Lead lead = *current;
        if (owner) lead.owner_id = *owner;
        if (patch.title) lead.title = *patch.title;
        if (patch.source) lead.source = *patch.source;
        if (patch.name) lead.name = *patch.name;
        if (patch.company_name) lead.company_name = *patch.company_name;
        if (patch.contact_id) lead.contact_id = *patch.contact_id;
        if (patch.amount) lead.amount = *patch.amount;
        if (patch.currency) lead.currency = *patch.currency;
        if (patch.lost_reason) lead.lost_reason = *patch.lost_reason;
        if (auto ok = CheckFields(lead); !ok) return std::move(ok).error();
        if (patch.phones || patch.emails) {
            auto points = NormalizeContactPoints(patch.phones.value_or(current->contact_points.phones),
                                                 patch.emails.value_or(current->contact_points.emails),
                                                 settings.phone_region);
            if (!points) return std::move(points).error();
            lead.contact_points = *points;
            if (!patch.allow_duplicate) {
                const ContactPoints added = AddedPoints(current->contact_points, lead.contact_points);
                if (auto ok = CheckDuplicate(tx, scope, added, id); !ok) return std::move(ok).error();
            }
        }
        if (patch.contact_id && lead.contact_id && lead.contact_id != current->contact_id) {
            auto contact = CheckContact(tx, scope, *lead.contact_id);
            if (!contact) return std::move(contact).error();
        }
        const bool moves = (patch.pipeline_id && *patch.pipeline_id != current->stage.pipeline_id) ||
                           (patch.stage_id && *patch.stage_id != current->stage.stage_id);
        auto place = PlaceInStage(tx, RecordType::kLead, StageChange(patch, *current, lead.owner_id));
        if (!place) return std::move(place).error();
        const bool enters = moves && place->stage.id != current->stage.stage_id;
        if (enters) {
            if (auto ok = CheckLostReason(place->stage, lead.lost_reason); !ok) return std::move(ok).error();
        }
        auto custom =
            CheckCustomValues(tx, RecordType::kLead, patch.custom_fields, current->custom_fields, false);
        if (!custom) return std::move(custom).error();

        const UnixTime now = clock_.Now();
        if (enters) lead.stage = EnterStage(*place, now, lead.converted_at.has_value());
        auto params = LeadColumns(lead);
        params.insert(params.begin(), Param(id));
        params.push_back(Param(now));
        tx.Execute(sql::kLeadUpdate, params);
        if (patch.phones || patch.emails) SaveContactPoints(tx, RecordType::kLead, id, lead.contact_points);

        std::vector<FieldChange> changes;
        AddChange(changes, "owner_id", HistoryText(current->owner_id), HistoryText(lead.owner_id));
        AddChange(changes, "title", current->title, lead.title);
        AddChange(changes, "source", current->source, lead.source);
        AddChange(changes, "name", current->name, lead.name);
        AddChange(changes, "company_name", current->company_name, lead.company_name);
        AddChange(changes, "contact_id", HistoryText(current->contact_id), HistoryText(lead.contact_id));
        AddChange(changes, "phones", HistoryList(current->contact_points.phones),
                  HistoryList(lead.contact_points.phones));
        AddChange(changes, "emails", HistoryList(current->contact_points.emails),
                  HistoryList(lead.contact_points.emails));
        AddChange(changes, "amount", HistoryText(current->amount), HistoryText(lead.amount));
        AddChange(changes, "currency", current->currency, lead.currency);
        AddChange(changes, "lost_reason", current->lost_reason, lead.lost_reason);
        SaveCustomValues(tx, RecordType::kLead, id, current->custom_fields, *custom, changes);
        RecordHistory(tx, RecordType::kLead, id, principal.user.id, now, changes);
        if (enters)
            RecordStageMove(tx, RecordType::kLead, id, &current->stage, lead.stage, principal.user.id, now);
        if (lead.owner_id != current->owner_id) SyncTaskOwner(tx, RecordType::kLead, id, lead.owner_id);
        // A lead reopened (or moved into another pipeline's open stage) gets a first task, as a new one.
        if (enters) EnsureNextStep(tx, SubjectOf(lead), id, lead.owner_id, settings, now, principal.user.id);
        return FetchVisible(tx, store::Scope::Everything(), id);
    });
}

Status LeadService::Delete(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto lead = FetchVisible(tx, auth::ScopeOf(principal), id);
        if (!lead) return std::move(lead).error();
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kLeadSetDeleted, {Param(id), Param(now), Param(now)});
        RecordHistory(tx, RecordType::kLead, id, principal.user.id, now,
                      {FieldChange{"deleted_at", std::nullopt, FormatIso8601(now)}});
        return Ok{};
    });
}

Result<Lead> LeadService::Restore(const auth::Principal& principal, std::int64_t id) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    return db_.Write([&](store::Transaction& tx) -> Result<Lead> {
        auto lead = LoadLead(tx, auth::ScopeOf(principal), id);
        if (!lead) return Error::NotFound("no such lead");
        if (!principal.IsAdmin()) return Error::Forbidden("only an admin may restore a lead");
        if (lead->deleted_at) {
            const UnixTime now = clock_.Now();
            tx.Execute(sql::kLeadSetDeleted, {Param(id), Param(std::optional<std::int64_t>{}), Param(now)});
            RecordHistory(tx, RecordType::kLead, id, principal.user.id, now,
                          {FieldChange{"deleted_at", FormatIso8601(*lead->deleted_at), std::nullopt}});
            Lead restored = *lead;
            restored.deleted_at.reset();
            EnsureNextStep(tx, SubjectOf(restored), id, restored.owner_id, settings, now, principal.user.id);
        }
        return FetchVisible(tx, store::Scope::Everything(), id);
    });
}

Result<ConversionResult> LeadService::Convert(const auth::Principal& principal, std::int64_t id,
                                              const LeadConversion& conversion) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    const store::Scope scope = auth::ScopeOf(principal);
    std::optional<std::string> deal_title;
    if (conversion.deal_title) {
        auto checked = CheckText(*conversion.deal_title, "deal_title");
        if (!checked) return std::move(checked).error();
        deal_title = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<ConversionResult> {
        auto found = FetchVisible(tx, scope, id);
        if (!found) return std::move(found).error();
        const Lead& lead = *found;
        if (lead.converted_at) return Error::Conflict("the lead is converted already");
        // The deal is the lead owner's (below): the deal pipeline must take them.
        auto place = PlaceInStage(tx, RecordType::kDeal,
                                  StageRequest{.pipeline_id = conversion.deal_pipeline_id,
                                               .stage_id = conversion.deal_stage_id,
                                               .owner_id = lead.owner_id});
        if (!place) {
            Error error = std::move(place).error();
            error.field = "deal_" + error.field;
            return error;
        }
        if (place->stage.kind == StageKind::kLost) {
            return Error::Validation("a converted lead's deal cannot start lost", "deal_stage_id");
        }
        const UnixTime now = clock_.Now();
        const std::optional<std::int64_t> by = principal.user.id;
        ConversionResult result;
        std::optional<std::int64_t> contact_company;
        if (lead.contact_id) {
            auto company = CheckContact(tx, store::Scope::Everything(), *lead.contact_id);
            if (!company) return std::move(company).error();
            contact_company = *company;
        }
        if (lead.company_name) {
            result.company_id =
                tx.Insert(sql::kLeadInsertCompany, {Param(lead.owner_id), Param(*lead.company_name),
                                                    Param(SearchText({lead.company_name}, {})), Param(now)});
            EmitRecordCreated(tx, RecordType::kCompany, *result.company_id, lead.owner_id, by, now);
        } else {
            result.company_id = contact_company;
        }
        if (lead.contact_id) {
            result.contact_id = *lead.contact_id;
        } else {
            const std::string name = lead.name.value_or(lead.title);
            result.contact_id = tx.Insert(sql::kLeadInsertContact,
                                          {Param(lead.owner_id), Param(name), Param(result.company_id),
                                           Param(SearchText({name}, lead.contact_points)), Param(now)});
            SaveContactPoints(tx, RecordType::kContact, result.contact_id, lead.contact_points);
            EmitRecordCreated(tx, RecordType::kContact, result.contact_id, lead.owner_id, by, now);
        }
        Deal deal;
        deal.owner_id = lead.owner_id;
        deal.title = deal_title.value_or(lead.title);
        deal.contact_id = result.contact_id;
        deal.company_id = result.company_id;
        deal.amount = lead.amount;
        deal.currency = lead.currency;
        // The deal's first task comes with the lead's open tasks, carried over below.
        InsertDeal(tx, deal, *place, {}, settings, by, now, /*first_task=*/false);
        result.deal_id = deal.id;
        CarryOverToDeal(tx, lead.id, deal.id, now, by);
        EnsureNextStep(tx, SubjectOf(deal), deal.id, deal.owner_id, settings, now, by);

        tx.Execute(sql::kLeadMarkConverted,
                   {Param(id), Param(now), Param(deal.id), Param(result.contact_id)});
        std::vector<FieldChange> changes;
        AddChange(changes, "converted_at", std::nullopt, FormatIso8601(now));
        AddChange(changes, "deal_id", std::nullopt, HistoryText(deal.id));
        AddChange(changes, "contact_id", HistoryText(lead.contact_id), HistoryText(result.contact_id));
        RecordHistory(tx, RecordType::kLead, id, by, now, changes);
        return result;
    });
}

}  // namespace voronka::crm
