// What leads and deals share: where a record stands in its pipeline and how it enters a stage,
// the list filter, and the checks of owner, money and linked records. Owned by crm; used by
// lead_service.cpp, deal_service.cpp and board_service.cpp. Functions taking a Transaction run
// inside the caller's; the others are pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/list_order.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

// The filters and order of the lead and deal lists (and of the board's stages).
struct SalesFilter {
    std::optional<std::int64_t> owner_id;
    std::optional<std::int64_t> pipeline_id;
    std::optional<std::int64_t> stage_id;
    // Deals only: those of this company (a company out of sight or missing lists nothing, as an
    // empty company does). Leads ignore it (they name a company in text only).
    std::optional<std::int64_t> company_id;
    std::string q;
    bool overdue_stage = false;                               // open records past their stage deadline
    bool no_next_step = false;                                // open records without an open task
    std::vector<std::pair<std::string, std::string>> custom;  // cf.NAME=value, at most 3
    // id (default), created_at, updated_at, amount, each optionally with a leading "-".
    std::string sort;
};
inline constexpr std::size_t kMaxCustomFilters = 3;
inline constexpr std::string_view kSortValues =
    "id, -id, created_at, -created_at, updated_at, -updated_at, amount, -amount";

// A page of the lead or deal list: the statement of its order and its parameters (after the
// three scope parameters, see lead_list.sql), and the order its cursors belong to.
struct SalesListQuery {
    const store::Query* statement = nullptr;
    std::vector<store::Value> params;
    ListOrder order;
};

// The query of a page of `type`'s list (`orders`: the list statement's orders). Validation names
// `sort`, `cf.NAME` (CheckCustomFilter), `cf` when there are too many, or `cursor` when the cursor
// belongs to another list or order.
Result<SalesListQuery> ListQuery(store::Transaction& tx, RecordType type,
                                 std::span<const store::SortedQuery> orders, const SalesFilter& filter,
                                 const PageRequest& page, std::string_view phone_region, UnixTime now);

// The cursor position of a lead or deal in `order`.
template <typename Record>
std::pair<CursorKey, std::int64_t> SalesPosition(const ListOrder& order, const Record& record) {
    CursorKey key;
    if (order.key == "created_at") key = record.created_at;
    if (order.key == "updated_at") key = record.updated_at;
    if (order.key == "amount") key = record.amount;
    return PositionOf(order, std::move(key), record.id);
}

// The pipeline and stage a lead or deal is to be in. The pipeline: `pipeline_id` when given, else
// `current_pipeline_id` (a change), else the record type's default. The stage: `stage_id`, which
// must be one of the pipeline's (else Validation on stage_id), else the current stage when the
// pipeline is unchanged, else the pipeline's first open stage. Validation on pipeline_id when the
// pipeline does not exist or is for the other record type.
//
// `owner_id` is the owner the record has after the change, `current_owner_id` the one it has (none
// for a new record). When the record enters a pipeline (a new record, or another pipeline than the
// current one) or changes owner, the pipeline must take the owner (crm::MayEnterPipeline):
// otherwise Validation on pipeline_id when it enters, on owner_id when it stays and only the owner
// changes (a change of owner into another department moves the record out of a department's
// pipeline in the same change, with pipeline_id).
struct StagePlace {
    Pipeline pipeline;
    Stage stage;
};
struct StageRequest {
    std::optional<std::int64_t> pipeline_id;  // asked for
    std::optional<std::int64_t> stage_id;     // asked for
    std::optional<std::int64_t> current_pipeline_id;
    std::optional<std::int64_t> current_stage_id;
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> current_owner_id;
};
Result<StagePlace> PlaceInStage(store::Transaction& tx, RecordType type, const StageRequest& request);

// The request of a change of `current` (a Lead or Deal) by `patch` (a LeadPatch or DealPatch) that
// leaves it owned by `owner_id`.
template <typename Patch, typename Record>
StageRequest StageChange(const Patch& patch, const Record& current, std::int64_t owner_id) {
    return StageRequest{.pipeline_id = patch.pipeline_id,
                        .stage_id = patch.stage_id,
                        .current_pipeline_id = current.stage.pipeline_id,
                        .current_stage_id = current.stage.stage_id,
                        .owner_id = owner_id,
                        .current_owner_id = current.owner_id};
}

// The position of a record that enters `stage` at `now` (deadline by StageDeadline; open when
// the stage is open and the record not converted).
StagePosition EnterStage(const StagePlace& place, UnixTime now, bool converted);

// Writes the stage move of a record, its history entries (pipeline_id, stage_id) and its
// stage_entered event.
void RecordStageMove(store::Transaction& tx, RecordType type, std::int64_t record_id,
                     const StagePosition* from, const StagePosition& to,
                     std::optional<std::int64_t> by_user_id, UnixTime now);

// Validation on lost_reason when a record enters a lost stage without a non-empty reason.
Status CheckLostReason(const Stage& stage, const std::optional<std::string>& lost_reason);

// An amount (0..kMaxAmount of core/money.hpp, else Validation on amount) and a currency (FindCurrency, else
// Validation on currency).
Status CheckAmount(std::int64_t amount);
Result<std::string> CheckCurrency(const std::string& code);
// An optional one-line text (CheckText) of the named field; empty text becomes none.
Result<std::optional<std::string>> CheckOptionalText(const std::optional<std::string>& text,
                                                     std::string_view field, std::size_t max_length = 200);

// Validation on contact_id / company_id unless the contact / company exists, is not deleted and is
// in the scope. Answers the contact's company, if any.
Result<std::optional<std::int64_t>> CheckContact(store::Transaction& tx, const store::Scope& scope,
                                                 std::int64_t id);
Status CheckCompany(store::Transaction& tx, const store::Scope& scope, std::int64_t id);

// The owner of a new record or of a change: the caller by default; another owner must be an
// active user the caller may see (Validation on owner_id). Runs its own read transaction: call it
// before opening a write.
class OwnerCheck {
public:
    OwnerCheck(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
    Result<std::int64_t> operator()(const auth::Principal& principal, std::optional<std::int64_t> owner_id);

private:
    store::Database& db_;
    const Clock& clock_;
};

// The search document of a record: its texts and its contact points' search parts.
std::string SearchText(const std::vector<std::optional<std::string>>& texts, const ContactPoints& points);

// Text forms of values for history.
std::optional<std::string> HistoryText(const std::optional<std::int64_t>& value);
std::optional<std::string> HistoryText(std::int64_t value);
std::optional<std::string> HistoryList(const std::vector<std::string>& values);

}  // namespace voronka::crm
