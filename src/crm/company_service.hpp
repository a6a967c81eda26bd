// Companies: the organisations sales work with (name, tax id, phones, e-mails, address, custom
// fields), owned by a user and seen by the visibility rule. Owned by crm (records). Thread-safe
// (stateless over the Database).
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

struct NewCompany {
    std::string name;
    std::optional<std::string> inn;
    std::optional<std::string> address;
    std::vector<std::string> phones;  // any written form
    std::vector<std::string> emails;
    CustomInputs custom_fields;
    std::optional<std::int64_t> owner_id;  // none: the caller
    bool allow_duplicate = false;
};

// Absent fields stay; for the nullable ones an inner nullopt clears the value.
struct CompanyPatch {
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> inn;
    std::optional<std::optional<std::string>> address;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::vector<std::string>> emails;
    CustomInputs custom_fields;
    std::optional<std::int64_t> owner_id;
    bool allow_duplicate = false;
};

class CompanyService {
public:
    CompanyService(store::Database& db, const Clock& clock)
        : db_(db), clock_(clock), users_(db, clock), settings_(db) {}

    // Visible, not deleted companies in the filter's order. 422 naming `cf.NAME` for an unknown
    // custom field or a malformed value.
    Result<Page<Company>> List(const auth::Principal& principal, const RecordFilter& filter,
                               const PageRequest& page);

    // NotFound when absent, deleted or out of sight.
    Result<Company> Get(const auth::Principal& principal, std::int64_t id);

    // 422 naming the field (name, inn, phones, emails, owner_id, custom_fields.NAME); 409
    // duplicate when a phone or e-mail is already another record's, unless allow_duplicate
    // (crm::CheckNoDuplicate: without `existing` when that record is out of sight).
    Result<Company> Create(const auth::Principal& principal, const NewCompany& company);

    // As Create; NotFound as Get. Every changed field goes to history; a new owner also becomes
    // the owner of the company's tasks. Only phones and e-mails the patch adds are checked for
    // duplicates.
    Result<Company> Update(const auth::Principal& principal, std::int64_t id, const CompanyPatch& patch);

    // Soft delete (deleted_at, in history); NotFound as Get.
    Status Delete(const auth::Principal& principal, std::int64_t id);

    // Admin only: NotFound when absent or out of sight, Forbidden for others who see it,
    // Conflict when it is not deleted.
    Result<Company> Restore(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
    auth::UserService users_;
    auth::SettingsService settings_;
};

// The company as the scope sees it, deleted or not; nullopt when absent or out of sight. Runs in
// the caller's transaction.
std::optional<Company> LoadCompany(store::Transaction& tx, const store::Scope& scope, std::int64_t id);

}  // namespace voronka::crm
