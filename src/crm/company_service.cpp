#include "crm/company_service.hpp"

#include "auth/visibility.hpp"
#include "core/validation.hpp"
#include "crm/contact_points.hpp"
#include "crm/custom_fields.hpp"
#include "crm/events.hpp"
#include "crm/history.hpp"
#include "crm/list_order.hpp"
#include "crm/record_rows.hpp"
#include "crm/tasks_hooks.hpp"
#include "crm/text_query.hpp"
#include "crm_sql.hpp"
#include "store/scope.hpp"

namespace voronka::crm {
namespace {

using store::Param;

constexpr std::size_t kMaxAddress = 500;

Company ReadCompanyFields(store::RowReader& r) {
    Company company;
    company.id = r.Int();
    company.owner_id = r.Int();
    company.name = r.Text();
    company.inn = r.OptText();
    company.address = r.OptText();
    company.created_at = r.Int();
    company.updated_at = r.Int();
    company.deleted_at = r.OptInt();
    return company;
}

Company CompanyFromRow(store::Transaction& tx, const store::Row& row) {
    Company company = store::ReadRow(row, ReadCompanyFields);
    company.contact_points = LoadContactPoints(tx, RecordType::kCompany, company.id);
    company.custom_fields = LoadCustomValues(tx, RecordType::kCompany, company.id);
    return company;
}

std::string SearchOf(const Company& company) {
    return RecordSearchDocument({company.name, company.inn.value_or("")}, company.contact_points);
}

Result<std::optional<std::string>> CheckOptionalInn(const std::optional<std::string>& inn) {
    if (!inn) return std::optional<std::string>{};
    auto checked = CheckInn(*inn);
    if (!checked) return std::move(checked).error();
    return std::optional<std::string>{std::move(*checked)};
}

Result<std::optional<std::string>> CheckOptionalAddress(const std::optional<std::string>& address) {
    if (!address) return std::optional<std::string>{};
    auto checked = CheckText(*address, "address", kMaxAddress);
    if (!checked) return std::move(checked).error();
    return std::optional<std::string>{std::move(*checked)};
}

std::optional<Company> Visible(store::Transaction& tx, const auth::Principal& principal, std::int64_t id) {
    auto company = LoadCompany(tx, auth::ScopeOf(principal), id);
    if (!company || company->deleted_at) return std::nullopt;
    return company;
}

}  // namespace

std::optional<Company> LoadCompany(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kCompanyGet, store::ScopedParams(scope, {Param(id)}));
    if (!row) return std::nullopt;
    return CompanyFromRow(tx, *row);
}

Result<Page<Company>> CompanyService::List(const auth::Principal& principal, const RecordFilter& filter,
                                           const PageRequest& page) {
    const TextQuery query = MakeTextQuery(filter.q, settings_.Get().phone_region);
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Company>> {
        CustomFilter custom;
        if (filter.custom_name) {
            auto checked =
                CheckCustomFilter(tx, RecordType::kCompany, *filter.custom_name, filter.custom_value);
            if (!checked) return std::move(checked).error();
            custom = std::move(*checked);
        }
        // no_next_step lists the next-step rule's violations, as for contacts, leads and deals:
        // the fragment company_lacks_next_step (crm/rules.fragments.sql), which is never true.
        const ListOrder order = OrderOf(filter.sort);
        auto params = store::ScopedParams(
            auth::ScopeOf(principal),
            {Param(filter.owner_id.value_or(0)), Param(query.trigram), Param(query.short_text),
             Param(filter.no_next_step), Param(custom.field_id), Param(custom.value), Param(page.limit + 1)});
        auto statement = RecordListPage(sql::kCompanyListOrders, sql::kCompanyListText, "companies", order,
                                        !query.trigram.empty(), page, params);
        if (!statement) return std::move(statement).error();
        const auto rows = tx.Fetch(**statement, params);
        auto companies = RecordsFromRows<Company>(tx, RecordType::kCompany, rows, ReadCompanyFields);
        return MakePage(
            std::move(companies), page.limit, OrderTag("companies", order), [&](const Company& c) {
                return PositionOf(order, order.key == "name" ? CursorKey{c.name} : CursorKey{c.updated_at},
                                  c.id);
            });
    });
}

Result<Company> CompanyService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<Company> {
        auto company = Visible(tx, principal, id);
        if (!company) return Error::NotFound("no such company");
        return std::move(*company);
    });
}

Result<Company> CompanyService::Create(const auth::Principal& principal, const NewCompany& input) {
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    auto inn = CheckOptionalInn(input.inn);
    if (!inn) return std::move(inn).error();
    auto address = CheckOptionalAddress(input.address);
    if (!address) return std::move(address).error();
    const auth::Settings settings = settings_.Get();
    auto points = NormalizeContactPoints(input.phones, input.emails, settings.phone_region);
    if (!points) return std::move(points).error();
    auto owner = CheckOwnerChoice(users_, principal, input.owner_id);
    if (!owner) return std::move(owner).error();
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Write([&](store::Transaction& tx) -> Result<Company> {
        auto values = CheckCustomValues(tx, RecordType::kCompany, input.custom_fields, {}, true);
        if (!values) return std::move(values).error();
        if (!input.allow_duplicate) {
            if (auto duplicate = CheckNoDuplicate(tx, scope, *points, std::nullopt))
                return std::move(*duplicate);
        }
        Company company;
        company.owner_id = *owner;
        company.name = *name;
        company.inn = *inn;
        company.address = *address;
        company.contact_points = *points;
        const UnixTime now = clock_.Now();
        const auto id =
            tx.Insert(sql::kCompanyInsert, {Param(company.owner_id), Param(company.name), Param(company.inn),
                                            Param(company.address), Param(SearchOf(company)), Param(now)});
        SaveContactPoints(tx, RecordType::kCompany, id, company.contact_points);
        EmitRecordCreated(tx, RecordType::kCompany, id, company.owner_id, principal.user.id, now);
        std::vector<FieldChange> ignored;
        SaveCustomValues(tx, RecordType::kCompany, id, {}, *values, ignored);
        return *LoadCompany(tx, store::Scope::Everything(), id);
    });
}

Result<Company> CompanyService::Update(const auth::Principal& principal, std::int64_t id,
                                       const CompanyPatch& patch) {
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = std::move(*checked);
    }
    std::optional<std::optional<std::string>> inn;
    if (patch.inn) {
        auto checked = CheckOptionalInn(*patch.inn);
        if (!checked) return std::move(checked).error();
        inn = std::move(*checked);
    }
    std::optional<std::optional<std::string>> address;
    if (patch.address) {
        auto checked = CheckOptionalAddress(*patch.address);
        if (!checked) return std::move(checked).error();
        address = std::move(*checked);
    }
    const auth::Settings settings = settings_.Get();
    std::optional<ContactPoints> points;
    if (patch.phones || patch.emails) {
        // The list not sent is checked empty here and taken from the record below.
        auto checked =
            NormalizeContactPoints(patch.phones.value_or(std::vector<std::string>{}),
                                   patch.emails.value_or(std::vector<std::string>{}), settings.phone_region);
        if (!checked) return std::move(checked).error();
        points = std::move(*checked);
    }
    std::optional<std::int64_t> owner;
    if (patch.owner_id) {
        // A record out of sight answers 404 before a wrong owner answers 422.
        if (auto visible = Get(principal, id); !visible) return std::move(visible).error();
        auto checked = CheckOwnerChoice(users_, principal, patch.owner_id);
        if (!checked) return std::move(checked).error();
        owner = *checked;
    }
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Write([&](store::Transaction& tx) -> Result<Company> {
        auto current = Visible(tx, principal, id);
        if (!current) return Error::NotFound("no such company");
        Company company = *current;
        if (name) company.name = *name;
        if (inn) company.inn = *inn;
        if (address) company.address = *address;
        if (owner) company.owner_id = *owner;
        if (points) {
            if (patch.phones) company.contact_points.phones = points->phones;
            if (patch.emails) company.contact_points.emails = points->emails;
        }
        auto values =
            CheckCustomValues(tx, RecordType::kCompany, patch.custom_fields, current->custom_fields, false);
        if (!values) return std::move(values).error();
        if (!patch.allow_duplicate) {
            const ContactPoints added = AddedPoints(current->contact_points, company.contact_points);
            if (auto duplicate = CheckNoDuplicate(tx, scope, added, RecordRef{RecordType::kCompany, id})) {
                return std::move(*duplicate);
            }
        }
        std::vector<FieldChange> changes;
        AddChange(changes, "name", current->name, company.name);
        AddChange(changes, "inn", current->inn, company.inn);
        AddChange(changes, "address", current->address, company.address);
        AddChange(changes, "owner_id", std::to_string(current->owner_id), std::to_string(company.owner_id));
        AddChange(changes, "phones", PointsText(current->contact_points.phones),
                  PointsText(company.contact_points.phones));
        AddChange(changes, "emails", PointsText(current->contact_points.emails),
                  PointsText(company.contact_points.emails));
        SaveCustomValues(tx, RecordType::kCompany, id, current->custom_fields, *values, changes);
        if (changes.empty()) return *current;
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kCompanyUpdate,
                   {Param(id), Param(company.owner_id), Param(company.name), Param(company.inn),
                    Param(company.address), Param(SearchOf(company)), Param(now)});
        if (company.contact_points.phones != current->contact_points.phones ||
            company.contact_points.emails != current->contact_points.emails) {
            SaveContactPoints(tx, RecordType::kCompany, id, company.contact_points);
        }
        if (company.owner_id != current->owner_id)
            SyncTaskOwner(tx, RecordType::kCompany, id, company.owner_id);
        RecordHistory(tx, RecordType::kCompany, id, principal.user.id, now, changes);
        return *LoadCompany(tx, store::Scope::Everything(), id);
    });
}

Status CompanyService::Delete(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Status {
        if (!Visible(tx, principal, id)) return Error::NotFound("no such company");
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kCompanySetDeleted, {Param(id), Param(now), Param(now)});
        RecordHistory(tx, RecordType::kCompany, id, principal.user.id, now,
                      {FieldChange{"deleted_at", std::nullopt, FormatIso8601(now)}});
        return Ok{};
    });
}

Result<Company> CompanyService::Restore(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Result<Company> {
        const auto company = LoadCompany(tx, auth::ScopeOf(principal), id);
        if (!company) return Error::NotFound("no such company");
        if (!principal.IsAdmin()) return Error::Forbidden("only an admin may restore a deleted record");
        if (!company->deleted_at) return Error::Conflict("the company is not deleted");
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kCompanySetDeleted, {Param(id), Param(std::optional<std::int64_t>{}), Param(now)});
        RecordHistory(tx, RecordType::kCompany, id, principal.user.id, now,
                      {FieldChange{"deleted_at", FormatIso8601(*company->deleted_at), std::nullopt}});
        return *LoadCompany(tx, store::Scope::Everything(), id);
    });
}

}  // namespace voronka::crm
