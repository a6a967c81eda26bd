// Contacts: the people sales work with (name, phones, e-mails, company, custom fields); a
// contact becomes a client when a deal of theirs is won (crm::OnDealWon), never by a request.
// Owned by crm (records). Thread-safe (stateless over the Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "crm/record_support.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

struct NewContact {
    std::string name;
    std::optional<std::int64_t> company_id;
    std::vector<std::string> phones;  // any written form
    std::vector<std::string> emails;
    CustomInputs custom_fields;
    std::optional<std::int64_t> owner_id;  // none: the caller
    bool allow_duplicate = false;
};

// Absent fields stay; an inner nullopt of company_id detaches the contact from its company.
struct ContactPatch {
    std::optional<std::string> name;
    std::optional<std::optional<std::int64_t>> company_id;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::vector<std::string>> emails;
    CustomInputs custom_fields;
    std::optional<std::int64_t> owner_id;
    bool allow_duplicate = false;
};

class ContactService {
public:
    ContactService(store::Database& db, const Clock& clock)
        : db_(db), clock_(clock), users_(db, clock), settings_(db) {}

    // Visible, not deleted contacts in the filter's order; no_next_step: clients without an open
    // task. 422 naming `cf.NAME` for an unknown custom field or a malformed value.
    Result<Page<Contact>> List(const auth::Principal& principal, const RecordFilter& filter,
                               const PageRequest& page);

    // NotFound when absent, deleted or out of sight.
    Result<Contact> Get(const auth::Principal& principal, std::int64_t id);

    // 422 naming the field (name, company_id: absent, deleted or out of sight, phones, emails,
    // owner_id, custom_fields.NAME); 409 duplicate as CompanyService::Create.
    Result<Contact> Create(const auth::Principal& principal, const NewContact& contact);

    // As Create; NotFound as Get. Every changed field goes to history; a new owner also becomes
    // the owner of the contact's tasks.
    Result<Contact> Update(const auth::Principal& principal, std::int64_t id, const ContactPatch& patch);

    // Soft delete (deleted_at, in history); NotFound as Get.
    Status Delete(const auth::Principal& principal, std::int64_t id);

    // Admin only: NotFound when absent or out of sight, Forbidden for others who see it,
    // Conflict when it is not deleted.
    Result<Contact> Restore(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
    auth::UserService users_;
    auth::SettingsService settings_;
};

// The contact as the scope sees it, deleted or not; nullopt when absent or out of sight. Runs in
// the caller's transaction.
std::optional<Contact> LoadContact(store::Transaction& tx, const store::Scope& scope, std::int64_t id);

}  // namespace voronka::crm
