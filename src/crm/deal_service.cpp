#include "crm/deal_service.hpp"

#include "auth/settings_service.hpp"
#include "auth/visibility.hpp"
#include "core/validation.hpp"
#include "crm/custom_fields.hpp"
#include "crm/events.hpp"
#include "crm/history.hpp"
#include "crm/record_rows.hpp"
#include "crm/tasks_hooks.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

std::vector<store::Value> DealColumns(const Deal& deal) {
    return {Param(deal.owner_id),
            Param(deal.title),
            Param(deal.contact_id),
            Param(deal.company_id),
            Param(deal.amount),
            Param(deal.currency),
            Param(deal.stage.pipeline_id),
            Param(deal.stage.stage_id),
            Param(deal.stage.entered_at),
            Param(deal.stage.deadline),
            Param(deal.stage.is_open),
            Param(deal.expected_close_on),
            Param(deal.lost_reason),
            Param(SearchText({deal.title}, {}))};
}

Result<Deal> FetchVisible(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    auto deal = LoadDeal(tx, scope, id);
    if (!deal || deal->deleted_at) return Error::NotFound("no such deal");
    return std::move(*deal);
}

// The checks of the plain fields of a deal, before any transaction.
Status CheckFields(Deal& deal) {
    auto title = CheckText(deal.title, "title");
    if (!title) return std::move(title).error();
    deal.title = *title;
    if (auto ok = CheckAmount(deal.amount); !ok) return ok;
    auto currency = CheckCurrency(deal.currency);
    if (!currency) return std::move(currency).error();
    deal.currency = *currency;
    if (deal.expected_close_on) {
        if (auto ok = CheckUserDate(*deal.expected_close_on, "expected_close_on"); !ok) return ok;
    }
    auto reason = CheckOptionalText(deal.lost_reason, "lost_reason", 1000);
    if (!reason) return std::move(reason).error();
    deal.lost_reason = *reason;
    return Ok{};
}

}  // namespace

Deal ReadDealFields(store::RowReader& r) {
    Deal deal;
    deal.id = r.Int();
    deal.owner_id = r.Int();
    deal.title = r.Text();
    deal.contact_id = r.OptInt();
    deal.company_id = r.OptInt();
    deal.amount = r.Int();
    deal.currency = r.Text();
    deal.stage = StagePosition{.pipeline_id = r.Int(),
                               .stage_id = r.Int(),
                               .entered_at = r.Int(),
                               .deadline = r.OptInt(),
                               .is_open = r.Bool()};
    deal.expected_close_on = r.OptText();
    deal.lost_reason = r.OptText();
    deal.created_at = r.Int();
    deal.updated_at = r.Int();
    deal.deleted_at = r.OptInt();
    return deal;
}

Deal DealFromRow(store::Transaction& tx, const store::Row& row) {
    Deal deal = store::ReadRow(row, ReadDealFields);
    deal.custom_fields = LoadCustomValues(tx, RecordType::kDeal, deal.id);
    return deal;
}

std::vector<Deal> DealsFromRows(store::Transaction& tx, const std::vector<store::Row>& rows) {
    return RecordsFromRows<Deal>(tx, RecordType::kDeal, rows, ReadDealFields);
}

std::optional<Deal> LoadDeal(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kDealGet, store::ScopedParams(scope, {Param(id)}));
    if (!row) return std::nullopt;
    return DealFromRow(tx, *row);
}

void InsertDeal(store::Transaction& tx, Deal& deal, const StagePlace& place,
                const CustomValues& custom_fields, const auth::Settings& settings,
                std::optional<std::int64_t> by_user_id, UnixTime now, bool first_task) {
    deal.stage = EnterStage(place, now, false);
    auto params = DealColumns(deal);
    params.push_back(Param(now));
    deal.id = tx.Insert(sql::kDealInsert, params);
    EmitRecordCreated(tx, RecordType::kDeal, deal.id, deal.owner_id, by_user_id, now);
    deal.created_at = now;
    deal.updated_at = now;
    std::vector<FieldChange> changes;
    SaveCustomValues(tx, RecordType::kDeal, deal.id, {}, custom_fields, changes);
    RecordHistory(tx, RecordType::kDeal, deal.id, by_user_id, now, changes);
    deal.custom_fields = custom_fields;
    RecordStageMove(tx, RecordType::kDeal, deal.id, nullptr, deal.stage, by_user_id, now);
    if (first_task && deal.stage.is_open)
        EnsureFirstTask(tx, RecordType::kDeal, deal.id, deal.owner_id, settings, now, by_user_id);
    if (place.stage.kind == StageKind::kWon) OnDealWon(tx, deal, settings, now, by_user_id);
}

Result<Page<Deal>> ListDeals(store::Transaction& tx, const store::Scope& scope, const SalesFilter& filter,
                             const PageRequest& page, std::string_view phone_region, UnixTime now) {
    auto query = ListQuery(tx, RecordType::kDeal, sql::kDealListOrders, filter, page, phone_region, now);
    if (!query) return std::move(query).error();
    std::vector<Deal> items =
        DealsFromRows(tx, tx.Fetch(*query->statement, store::ScopedParams(scope, std::move(query->params))));
    const ListOrder order = query->order;
    return MakePage(std::move(items), page.limit, OrderTag("deals", order),
                    [&](const Deal& item) { return SalesPosition(order, item); });
}

Result<Page<Deal>> DealService::List(const auth::Principal& principal, const SalesFilter& filter,
                                     const PageRequest& page) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    return db_.Read([&](store::Transaction& tx) {
        return ListDeals(tx, auth::ScopeOf(principal), filter, page, settings.phone_region, clock_.Now());
    });
}

Result<Deal> DealService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) { return FetchVisible(tx, auth::ScopeOf(principal), id); });
}

Result<Deal> DealService::Create(const auth::Principal& principal, const NewDeal& input) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    Deal deal;
    deal.title = input.title;
    deal.contact_id = input.contact_id;
    deal.company_id = input.company_id;
    deal.amount = input.amount;
    deal.currency = input.currency.value_or(settings.currency);
    deal.expected_close_on = input.expected_close_on;
    deal.lost_reason = input.lost_reason;
    if (auto ok = CheckFields(deal); !ok) return std::move(ok).error();
    auto owner = OwnerCheck(db_, clock_)(principal, input.owner_id);
    if (!owner) return std::move(owner).error();
    deal.owner_id = *owner;
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Write([&](store::Transaction& tx) -> Result<Deal> {
        if (deal.contact_id) {
            auto company = CheckContact(tx, scope, *deal.contact_id);
            if (!company) return std::move(company).error();
            if (!deal.company_id) deal.company_id = *company;
        }
        if (input.company_id) {
            if (auto ok = CheckCompany(tx, scope, *input.company_id); !ok) return std::move(ok).error();
        }
        auto place = PlaceInStage(
            tx, RecordType::kDeal,
            StageRequest{
                .pipeline_id = input.pipeline_id, .stage_id = input.stage_id, .owner_id = deal.owner_id});
        if (!place) return std::move(place).error();
        if (auto ok = CheckLostReason(place->stage, deal.lost_reason); !ok) return std::move(ok).error();
        auto custom = CheckCustomValues(tx, RecordType::kDeal, input.custom_fields, {}, true);
        if (!custom) return std::move(custom).error();
        InsertDeal(tx, deal, *place, *custom, settings, principal.user.id, clock_.Now());
        return FetchVisible(tx, store::Scope::Everything(), deal.id);
    });
}

Result<Deal> DealService::Update(const auth::Principal& principal, std::int64_t id, const DealPatch& patch) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    const store::Scope scope = auth::ScopeOf(principal);
    // Out-of-sight deals answer 404 before any validation of the input.
    if (auto visible = Get(principal, id); !visible) return visible;
    std::optional<std::int64_t> owner;
    if (patch.owner_id) {
        auto checked = OwnerCheck(db_, clock_)(principal, patch.owner_id);
        if (!checked) return std::move(checked).error();
        owner = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<Deal> {
        auto current = FetchVisible(tx, scope, id);
        if (!current) return current;
        Deal deal = *current;
        if (owner) deal.owner_id = *owner;
        if (patch.title) deal.title = *patch.title;
        if (patch.contact_id) deal.contact_id = *patch.contact_id;
        if (patch.company_id) deal.company_id = *patch.company_id;
        if (patch.amount) deal.amount = *patch.amount;
        if (patch.currency) deal.currency = *patch.currency;
        if (patch.expected_close_on) deal.expected_close_on = *patch.expected_close_on;
        if (patch.lost_reason) deal.lost_reason = *patch.lost_reason;
        if (auto ok = CheckFields(deal); !ok) return std::move(ok).error();
        if (patch.contact_id && deal.contact_id && deal.contact_id != current->contact_id) {
            auto company = CheckContact(tx, scope, *deal.contact_id);
            if (!company) return std::move(company).error();
        }
        if (patch.company_id && deal.company_id && deal.company_id != current->company_id) {
            if (auto ok = CheckCompany(tx, scope, *deal.company_id); !ok) return std::move(ok).error();
        }
        const bool moves = (patch.pipeline_id && *patch.pipeline_id != current->stage.pipeline_id) ||
                           (patch.stage_id && *patch.stage_id != current->stage.stage_id);
        auto place = PlaceInStage(tx, RecordType::kDeal, StageChange(patch, *current, deal.owner_id));
        if (!place) return std::move(place).error();
        const bool enters = moves && place->stage.id != current->stage.stage_id;
        if (enters) {
            if (auto ok = CheckLostReason(place->stage, deal.lost_reason); !ok) return std::move(ok).error();
        }
        auto custom =
            CheckCustomValues(tx, RecordType::kDeal, patch.custom_fields, current->custom_fields, false);
        if (!custom) return std::move(custom).error();

        const UnixTime now = clock_.Now();
        if (enters) deal.stage = EnterStage(*place, now, false);
        auto params = DealColumns(deal);
        params.insert(params.begin(), Param(id));
        params.push_back(Param(now));
        tx.Execute(sql::kDealUpdate, params);

        std::vector<FieldChange> changes;
        AddChange(changes, "owner_id", HistoryText(current->owner_id), HistoryText(deal.owner_id));
        AddChange(changes, "title", current->title, deal.title);
        AddChange(changes, "contact_id", HistoryText(current->contact_id), HistoryText(deal.contact_id));
        AddChange(changes, "company_id", HistoryText(current->company_id), HistoryText(deal.company_id));
        AddChange(changes, "amount", HistoryText(current->amount), HistoryText(deal.amount));
        AddChange(changes, "currency", current->currency, deal.currency);
        AddChange(changes, "expected_close_on", current->expected_close_on, deal.expected_close_on);
        AddChange(changes, "lost_reason", current->lost_reason, deal.lost_reason);
        SaveCustomValues(tx, RecordType::kDeal, id, current->custom_fields, *custom, changes);
        RecordHistory(tx, RecordType::kDeal, id, principal.user.id, now, changes);
        if (enters)
            RecordStageMove(tx, RecordType::kDeal, id, &current->stage, deal.stage, principal.user.id, now);
        if (deal.owner_id != current->owner_id) SyncTaskOwner(tx, RecordType::kDeal, id, deal.owner_id);
        deal.custom_fields = *custom;
        if (enters && place->stage.kind == StageKind::kWon)
            OnDealWon(tx, deal, settings, now, principal.user.id);
        // A deal reopened (or moved into another pipeline's open stage) gets a first task, as a new one.
        if (enters) EnsureNextStep(tx, SubjectOf(deal), id, deal.owner_id, settings, now, principal.user.id);
        return FetchVisible(tx, store::Scope::Everything(), id);
    });
}

Status DealService::Delete(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto deal = FetchVisible(tx, auth::ScopeOf(principal), id);
        if (!deal) return std::move(deal).error();
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kDealSetDeleted, {Param(id), Param(now), Param(now)});
        RecordHistory(tx, RecordType::kDeal, id, principal.user.id, now,
                      {FieldChange{"deleted_at", std::nullopt, FormatIso8601(now)}});
        return Ok{};
    });
}

Result<Deal> DealService::Restore(const auth::Principal& principal, std::int64_t id) {
    const auth::Settings settings = auth::SettingsService(db_).Get();
    return db_.Write([&](store::Transaction& tx) -> Result<Deal> {
        auto deal = LoadDeal(tx, auth::ScopeOf(principal), id);
        if (!deal) return Error::NotFound("no such deal");
        if (!principal.IsAdmin()) return Error::Forbidden("only an admin may restore a deal");
        if (deal->deleted_at) {
            const UnixTime now = clock_.Now();
            tx.Execute(sql::kDealSetDeleted, {Param(id), Param(std::optional<std::int64_t>{}), Param(now)});
            RecordHistory(tx, RecordType::kDeal, id, principal.user.id, now,
                          {FieldChange{"deleted_at", FormatIso8601(*deal->deleted_at), std::nullopt}});
            Deal restored = *deal;
            restored.deleted_at.reset();
            EnsureNextStep(tx, SubjectOf(restored), id, restored.owner_id, settings, now, principal.user.id);
        }
        return FetchVisible(tx, store::Scope::Everything(), id);
    });
}

}  // namespace voronka::crm
