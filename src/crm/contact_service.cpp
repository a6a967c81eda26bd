#include "crm/contact_service.hpp"

#include "auth/visibility.hpp"
#include "core/validation.hpp"
#include "crm/company_service.hpp"
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

Contact ReadContactFields(store::RowReader& r) {
    Contact contact;
    contact.id = r.Int();
    contact.owner_id = r.Int();
    contact.name = r.Text();
    contact.company_id = r.OptInt();
    contact.is_client = r.Bool();
    contact.created_at = r.Int();
    contact.updated_at = r.Int();
    contact.deleted_at = r.OptInt();
    return contact;
}

Contact ContactFromRow(store::Transaction& tx, const store::Row& row) {
    Contact contact = store::ReadRow(row, ReadContactFields);
    contact.contact_points = LoadContactPoints(tx, RecordType::kContact, contact.id);
    contact.custom_fields = LoadCustomValues(tx, RecordType::kContact, contact.id);
    return contact;
}

std::string SearchOf(const Contact& contact) {
    return RecordSearchDocument({contact.name}, contact.contact_points);
}

std::optional<Contact> Visible(store::Transaction& tx, const auth::Principal& principal, std::int64_t id) {
    auto contact = LoadContact(tx, auth::ScopeOf(principal), id);
    if (!contact || contact->deleted_at) return std::nullopt;
    return contact;
}

Status CheckCompany(store::Transaction& tx, const store::Scope& scope,
                    const std::optional<std::int64_t>& id) {
    if (!id) return Ok{};
    const auto company = LoadCompany(tx, scope, *id);
    if (!company || company->deleted_at) return Error::Validation("no such company", "company_id");
    return Ok{};
}

std::optional<std::string> IdText(const std::optional<std::int64_t>& id) {
    return id ? std::optional<std::string>(std::to_string(*id)) : std::nullopt;
}

}  // namespace

std::optional<Contact> LoadContact(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kContactGet, store::ScopedParams(scope, {Param(id)}));
    if (!row) return std::nullopt;
    return ContactFromRow(tx, *row);
}

Result<Page<Contact>> ContactService::List(const auth::Principal& principal, const RecordFilter& filter,
                                           const PageRequest& page) {
    const TextQuery query = MakeTextQuery(filter.q, settings_.Get().phone_region);
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Contact>> {
        CustomFilter custom;
        if (filter.custom_name) {
            auto checked =
                CheckCustomFilter(tx, RecordType::kContact, *filter.custom_name, filter.custom_value);
            if (!checked) return std::move(checked).error();
            custom = std::move(*checked);
        }
        const ListOrder order = OrderOf(filter.sort);
        auto params = store::ScopedParams(
            auth::ScopeOf(principal),
            {Param(filter.owner_id.value_or(0)), Param(query.trigram), Param(query.short_text),
             Param(filter.no_next_step), Param(custom.field_id), Param(custom.value),
             Param(filter.company_id.value_or(0)), Param(page.limit + 1)});
        auto statement = RecordListPage(sql::kContactListOrders, sql::kContactListText, "contacts", order,
                                        !query.trigram.empty(), page, params);
        if (!statement) return std::move(statement).error();
        const auto rows = tx.Fetch(**statement, params);
        auto contacts = RecordsFromRows<Contact>(tx, RecordType::kContact, rows, ReadContactFields);
        return MakePage(std::move(contacts), page.limit, OrderTag("contacts", order), [&](const Contact& c) {
            return PositionOf(order, order.key == "name" ? CursorKey{c.name} : CursorKey{c.updated_at}, c.id);
        });
    });
}

Result<Contact> ContactService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<Contact> {
        auto contact = Visible(tx, principal, id);
        if (!contact) return Error::NotFound("no such contact");
        return std::move(*contact);
    });
}

Result<Contact> ContactService::Create(const auth::Principal& principal, const NewContact& input) {
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    const auth::Settings settings = settings_.Get();
    auto points = NormalizeContactPoints(input.phones, input.emails, settings.phone_region);
    if (!points) return std::move(points).error();
    auto owner = CheckOwnerChoice(users_, principal, input.owner_id);
    if (!owner) return std::move(owner).error();
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Write([&](store::Transaction& tx) -> Result<Contact> {
        if (auto ok = CheckCompany(tx, scope, input.company_id); !ok) return std::move(ok).error();
        auto values = CheckCustomValues(tx, RecordType::kContact, input.custom_fields, {}, true);
        if (!values) return std::move(values).error();
        if (!input.allow_duplicate) {
            if (auto duplicate = CheckNoDuplicate(tx, scope, *points, std::nullopt))
                return std::move(*duplicate);
        }
        Contact contact;
        contact.owner_id = *owner;
        contact.name = *name;
        contact.company_id = input.company_id;
        contact.contact_points = *points;
        const UnixTime now = clock_.Now();
        const auto id =
            tx.Insert(sql::kContactInsert, {Param(contact.owner_id), Param(contact.name),
                                            Param(contact.company_id), Param(SearchOf(contact)), Param(now)});
        SaveContactPoints(tx, RecordType::kContact, id, contact.contact_points);
        EmitRecordCreated(tx, RecordType::kContact, id, contact.owner_id, principal.user.id, now);
        std::vector<FieldChange> ignored;
        SaveCustomValues(tx, RecordType::kContact, id, {}, *values, ignored);
        return *LoadContact(tx, store::Scope::Everything(), id);
    });
}

Result<Contact> ContactService::Update(const auth::Principal& principal, std::int64_t id,
                                       const ContactPatch& patch) {
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = std::move(*checked);
    }
    const auth::Settings settings = settings_.Get();
    std::optional<ContactPoints> points;
    if (patch.phones || patch.emails) {
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
    return db_.Write([&](store::Transaction& tx) -> Result<Contact> {
        auto current = Visible(tx, principal, id);
        if (!current) return Error::NotFound("no such contact");
        Contact contact = *current;
        if (name) contact.name = *name;
        if (owner) contact.owner_id = *owner;
        if (patch.company_id) {
            if (*patch.company_id != current->company_id) {
                if (auto ok = CheckCompany(tx, scope, *patch.company_id); !ok) return std::move(ok).error();
            }
            contact.company_id = *patch.company_id;
        }
        if (points) {
            if (patch.phones) contact.contact_points.phones = points->phones;
            if (patch.emails) contact.contact_points.emails = points->emails;
        }
        auto values =
            CheckCustomValues(tx, RecordType::kContact, patch.custom_fields, current->custom_fields, false);
        if (!values) return std::move(values).error();
        if (!patch.allow_duplicate) {
            const ContactPoints added = AddedPoints(current->contact_points, contact.contact_points);
            if (auto duplicate = CheckNoDuplicate(tx, scope, added, RecordRef{RecordType::kContact, id})) {
                return std::move(*duplicate);
            }
        }
        std::vector<FieldChange> changes;
        AddChange(changes, "name", current->name, contact.name);
        AddChange(changes, "company_id", IdText(current->company_id), IdText(contact.company_id));
        AddChange(changes, "owner_id", std::to_string(current->owner_id), std::to_string(contact.owner_id));
        AddChange(changes, "phones", PointsText(current->contact_points.phones),
                  PointsText(contact.contact_points.phones));
        AddChange(changes, "emails", PointsText(current->contact_points.emails),
                  PointsText(contact.contact_points.emails));
        SaveCustomValues(tx, RecordType::kContact, id, current->custom_fields, *values, changes);
        if (changes.empty()) return *current;
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kContactUpdate, {Param(id), Param(contact.owner_id), Param(contact.name),
                                         Param(contact.company_id), Param(SearchOf(contact)), Param(now)});
        if (contact.contact_points.phones != current->contact_points.phones ||
            contact.contact_points.emails != current->contact_points.emails) {
            SaveContactPoints(tx, RecordType::kContact, id, contact.contact_points);
        }
        if (contact.owner_id != current->owner_id)
            SyncTaskOwner(tx, RecordType::kContact, id, contact.owner_id);
        RecordHistory(tx, RecordType::kContact, id, principal.user.id, now, changes);
        return *LoadContact(tx, store::Scope::Everything(), id);
    });
}

Status ContactService::Delete(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Status {
        if (!Visible(tx, principal, id)) return Error::NotFound("no such contact");
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kContactSetDeleted, {Param(id), Param(now), Param(now)});
        RecordHistory(tx, RecordType::kContact, id, principal.user.id, now,
                      {FieldChange{"deleted_at", std::nullopt, FormatIso8601(now)}});
        return Ok{};
    });
}

Result<Contact> ContactService::Restore(const auth::Principal& principal, std::int64_t id) {
    const auth::Settings settings = settings_.Get();
    return db_.Write([&](store::Transaction& tx) -> Result<Contact> {
        const auto contact = LoadContact(tx, auth::ScopeOf(principal), id);
        if (!contact) return Error::NotFound("no such contact");
        if (!principal.IsAdmin()) return Error::Forbidden("only an admin may restore a deleted record");
        if (!contact->deleted_at) return Error::Conflict("the contact is not deleted");
        const UnixTime now = clock_.Now();
        tx.Execute(sql::kContactSetDeleted, {Param(id), Param(std::optional<std::int64_t>{}), Param(now)});
        RecordHistory(tx, RecordType::kContact, id, principal.user.id, now,
                      {FieldChange{"deleted_at", FormatIso8601(*contact->deleted_at), std::nullopt}});
        // A client restored gets a next step as a new client does (the post-sale task's settings
        // are for a won deal; a restored client gets the first task of the settings).
        Contact restored = *contact;
        restored.deleted_at.reset();
        EnsureNextStep(tx, SubjectOf(restored), id, restored.owner_id, settings, now, principal.user.id);
        return *LoadContact(tx, store::Scope::Everything(), id);
    });
}

}  // namespace voronka::crm
