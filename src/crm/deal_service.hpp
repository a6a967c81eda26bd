// Deals: what a client buys, moved through a deal pipeline to won or lost. Owned by crm.
// Thread-safe (stateless over the Database).
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "crm/sales_record.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

struct NewDeal {
    std::optional<std::int64_t> owner_id;  // default: the caller
    std::string title;
    std::optional<std::int64_t> contact_id;
    std::optional<std::int64_t> company_id;  // default: the contact's company
    std::int64_t amount = 0;
    std::optional<std::string> currency;           // default: the settings' currency
    std::optional<std::int64_t> pipeline_id;       // default: the default deal pipeline
    std::optional<std::int64_t> stage_id;          // default: the pipeline's first open stage
    std::optional<std::string> expected_close_on;  // YYYY-MM-DD
    std::optional<std::string> lost_reason;
    CustomInputs custom_fields;
};

// Absent fields stay as they are; for the nullable ones an inner nullopt clears the value.
struct DealPatch {
    std::optional<std::int64_t> owner_id;
    std::optional<std::string> title;
    std::optional<std::optional<std::int64_t>> contact_id;
    std::optional<std::optional<std::int64_t>> company_id;
    std::optional<std::int64_t> amount;
    std::optional<std::string> currency;
    std::optional<std::int64_t> pipeline_id;
    std::optional<std::int64_t> stage_id;
    std::optional<std::optional<std::string>> expected_close_on;
    std::optional<std::optional<std::string>> lost_reason;
    CustomInputs custom_fields;
};

class DealService {
public:
    DealService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Visible, not deleted deals matching the filter; Validation on a bad sort or cf filter.
    Result<Page<Deal>> List(const auth::Principal& principal, const SalesFilter& filter,
                            const PageRequest& page);

    // NotFound when the deal does not exist, is deleted or out of sight (every method below).
    Result<Deal> Get(const auth::Principal& principal, std::int64_t id);

    // Validation names the field (title, owner_id, amount, currency, pipeline_id, stage_id,
    // contact_id, company_id, expected_close_on, lost_reason, custom_fields.NAME). Creates the
    // first task of an open deal; a deal entering a won stage makes its contact a client
    // (OnDealWon).
    Result<Deal> Create(const auth::Principal& principal, const NewDeal& deal);
    Result<Deal> Update(const auth::Principal& principal, std::int64_t id, const DealPatch& patch);
    // Soft delete.
    Status Delete(const auth::Principal& principal, std::int64_t id);
    // Admin only (Forbidden; NotFound when there is no such deal).
    Result<Deal> Restore(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

// Inside a caller's transaction: a deal in the scope with its custom values, deleted or not.
std::optional<Deal> LoadDeal(store::Transaction& tx, const store::Scope& scope, std::int64_t id);
// Reads a deal's own columns, in the order deal_get.sql selects them (every statement that
// selects a deal starts with the same list), without what other tables hold.
Deal ReadDealFields(store::RowReader& r);
// A deal from a row that holds its columns alone, with its custom values.
Deal DealFromRow(store::Transaction& tx, const store::Row& row);
// DealFromRow for the rows of a page, with two statements in all instead of one or two per row.
std::vector<Deal> DealsFromRows(store::Transaction& tx, const std::vector<store::Row>& rows);
// Inside a caller's transaction: the list of DealService::List.
Result<Page<Deal>> ListDeals(store::Transaction& tx, const store::Scope& scope, const SalesFilter& filter,
                             const PageRequest& page, std::string_view phone_region, UnixTime now);

// Inside a caller's transaction: inserts a checked deal placed in `place` (sets deal.id and
// deal.stage), records the stage move and its custom values, creates its first task when open
// (unless `first_task` is false) and runs OnDealWon when won.
void InsertDeal(store::Transaction& tx, Deal& deal, const StagePlace& place,
                const CustomValues& custom_fields, const auth::Settings& settings,
                std::optional<std::int64_t> by_user_id, UnixTime now, bool first_task = true);

}  // namespace voronka::crm
