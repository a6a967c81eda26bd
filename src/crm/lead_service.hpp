// Leads: the people and companies that may buy, worked through the lead pipeline until they are
// converted into a contact, a company and a deal, or dropped as junk. Owned by crm. Thread-safe
// (stateless over the Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "crm/sales_record.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

struct NewLead {
    std::optional<std::int64_t> owner_id;  // default: the caller
    std::string title;
    std::optional<std::string> source;
    std::optional<std::string> name;  // the person's
    std::optional<std::string> company_name;
    std::optional<std::int64_t> contact_id;
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    std::int64_t amount = 0;
    std::optional<std::string> currency;      // default: the settings' currency
    std::optional<std::int64_t> pipeline_id;  // default: the default lead pipeline
    std::optional<std::int64_t> stage_id;     // default: the pipeline's first open stage
    std::optional<std::string> lost_reason;
    CustomInputs custom_fields;
    bool allow_duplicate = false;
};

// Absent fields stay as they are; for the nullable ones an inner nullopt clears the value.
struct LeadPatch {
    std::optional<std::int64_t> owner_id;
    std::optional<std::string> title;
    std::optional<std::optional<std::string>> source;
    std::optional<std::optional<std::string>> name;
    std::optional<std::optional<std::string>> company_name;
    std::optional<std::optional<std::int64_t>> contact_id;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::vector<std::string>> emails;
    std::optional<std::int64_t> amount;
    std::optional<std::string> currency;
    std::optional<std::int64_t> pipeline_id;
    std::optional<std::int64_t> stage_id;
    std::optional<std::optional<std::string>> lost_reason;
    CustomInputs custom_fields;
    bool allow_duplicate = false;
};

struct LeadConversion {
    std::optional<std::int64_t> deal_pipeline_id;  // default: the default deal pipeline
    std::optional<std::int64_t> deal_stage_id;     // default: its first open stage
    std::optional<std::string> deal_title;         // default: the lead's title
};

struct ConversionResult {
    std::int64_t contact_id = 0;
    std::optional<std::int64_t> company_id;
    std::int64_t deal_id = 0;
};

class LeadService {
public:
    LeadService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Visible, not deleted leads matching the filter; Validation on a bad sort or cf filter.
    Result<Page<Lead>> List(const auth::Principal& principal, const SalesFilter& filter,
                            const PageRequest& page);

    // NotFound when the lead does not exist, is deleted or out of sight (every method below).
    Result<Lead> Get(const auth::Principal& principal, std::int64_t id);

    // Validation names the field (title, owner_id, amount, currency, pipeline_id, stage_id,
    // contact_id, phones, emails, lost_reason, custom_fields.NAME); Duplicate (with the existing
    // record) when a phone or e-mail is already some record's, unless allow_duplicate. Creates
    // the first task of an open lead.
    Result<Lead> Create(const auth::Principal& principal, const NewLead& lead);
    // As Create; entering another stage records the move; a new owner takes the lead's tasks.
    Result<Lead> Update(const auth::Principal& principal, std::int64_t id, const LeadPatch& patch);
    // Soft delete.
    Status Delete(const auth::Principal& principal, std::int64_t id);
    // Admin only (Forbidden; NotFound when there is no such lead).
    Result<Lead> Restore(const auth::Principal& principal, std::int64_t id);

    // Turns the lead into a contact (its own, or the lead's contact_id), a company (when
    // company_name is set) and a deal, in one transaction; open tasks, notes and history follow
    // to the deal. Conflict when the lead is converted already; Validation on deal_pipeline_id /
    // deal_stage_id.
    Result<ConversionResult> Convert(const auth::Principal& principal, std::int64_t id,
                                     const LeadConversion& conversion);

private:
    store::Database& db_;
    const Clock& clock_;
};

// Inside a caller's transaction: a lead in the scope with its contact points and custom values,
// deleted or not.
std::optional<Lead> LoadLead(store::Transaction& tx, const store::Scope& scope, std::int64_t id);
// Reads a lead's own columns, in the order lead_get.sql selects them (every statement that
// selects a lead starts with the same list), without what other tables hold.
Lead ReadLeadFields(store::RowReader& r);
// A lead from a row that holds its columns alone, with its contact points and custom values.
Lead LeadFromRow(store::Transaction& tx, const store::Row& row);
// LeadFromRow for the rows of a page, with two statements in all instead of one or two per row.
std::vector<Lead> LeadsFromRows(store::Transaction& tx, const std::vector<store::Row>& rows);
// Inside a caller's transaction: the list of LeadService::List.
Result<Page<Lead>> ListLeads(store::Transaction& tx, const store::Scope& scope, const SalesFilter& filter,
                             const PageRequest& page, std::string_view phone_region, UnixTime now);

}  // namespace voronka::crm
