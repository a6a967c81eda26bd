#include "crm/board_service.hpp"

#include <fmt/format.h>

#include "auth/visibility.hpp"
#include "core/money.hpp"
#include "crm/deal_service.hpp"
#include "crm/lead_service.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/record_rows.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

using Totals = std::map<std::int64_t, std::pair<std::int64_t, std::map<std::string, std::int64_t>>>;

// Count and amount by currency of each stage of a pipeline.
Totals LoadTotals(store::Transaction& tx, const store::Scope& scope, const Pipeline& pipeline,
                  std::optional<std::int64_t> owner_id) {
    Totals totals;
    const auto& query =
        pipeline.record_type == RecordType::kLead ? sql::kBoardLeadTotals : sql::kBoardDealTotals;
    for (const auto& row :
         tx.Fetch(query, store::ScopedParams(scope, {Param(pipeline.id), Param(owner_id.value_or(0))}))) {
        store::ReadRow(row, [&](store::RowReader& r) {
            auto& [count, amounts] = totals[r.Int()];
            auto& amount = amounts[r.Text()];
            count += r.Int();
            const std::int64_t high = r.Int();
            amount = AddTotals(amount, JoinAmountParts(high, r.Int()));
        });
    }
    return totals;
}

// One column: the stage's count and totals, and a page of its records in id order.
Result<BoardColumn> FillColumn(store::Transaction& tx, const store::Scope& scope, const Pipeline& pipeline,
                               const Stage& stage, std::optional<std::int64_t> owner_id,
                               const PageRequest& page, const Totals& totals) {
    const std::string order = fmt::format("board:{}", stage.id);
    const auto after_id = page.AfterId(order);
    if (!after_id) return after_id.error();
    BoardColumn column;
    column.record_type = pipeline.record_type;
    column.stage = stage;
    if (const auto it = totals.find(stage.id); it != totals.end()) {
        column.count = it->second.first;
        column.totals = it->second.second;
    }
    const auto params = store::ScopedParams(
        scope, {Param(stage.id), Param(owner_id.value_or(0)), Param(*after_id), Param(page.limit + 1)});
    if (pipeline.record_type == RecordType::kLead) {
        std::vector<Lead> leads = LeadsFromRows(tx, tx.Fetch(sql::kBoardLeadColumn, params));
        column.leads =
            MakePage(std::move(leads), page.limit, order, [](const Lead& lead) { return lead.id; });
    } else {
        std::vector<Deal> deals = DealsFromRows(tx, tx.Fetch(sql::kBoardDealColumn, params));
        column.deals =
            MakePage(std::move(deals), page.limit, order, [](const Deal& deal) { return deal.id; });
    }
    return column;
}

// Adds the records of the rows of a control_stage_overdue_* statement to their owners' groups.
// Each row is a record's own columns (`read_fields`), its owner's name, the owner's count of them
// and the record's place in that count (used by the statement only).
template <typename Record, typename ReadFields>
void AddOverdue(store::Transaction& tx, RecordType type, const std::vector<store::Row>& rows,
                ReadFields read_fields, std::int64_t OverdueGroup::*count,
                std::vector<Record> OverdueGroup::*records, std::map<std::int64_t, OverdueGroup>& groups) {
    std::vector<Record> items = store::ReadRows(rows, [&](store::RowReader& r) {
        Record record = read_fields(r);
        OverdueGroup& group = groups[record.owner_id];
        group.owner_id = record.owner_id;
        group.owner_name = r.Text();
        group.*count = r.Int();
        r.Skip();
        return record;
    });
    LoadRelated(tx, type, items);
    for (auto& item : items) (groups[item.owner_id].*records).push_back(std::move(item));
}

}  // namespace

Result<Board> BoardService::Get(const auth::Principal& principal, std::int64_t pipeline_id,
                                std::optional<std::int64_t> owner_id, int limit) {
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Read([&](store::Transaction& tx) -> Result<Board> {
        auto pipeline = LoadPipeline(tx, pipeline_id);
        if (!pipeline) return Error::NotFound("no such pipeline");
        const Totals totals = LoadTotals(tx, scope, *pipeline, owner_id);
        Board board;
        for (const auto& stage : pipeline->stages) {
            auto column = FillColumn(tx, scope, *pipeline, stage, owner_id,
                                     PageRequest{.after = {}, .limit = limit}, totals);
            if (!column) return std::move(column).error();
            board.columns.push_back(std::move(*column));
        }
        board.pipeline = std::move(*pipeline);
        return board;
    });
}

Result<BoardColumn> BoardService::Column(const auth::Principal& principal, std::int64_t pipeline_id,
                                         std::int64_t stage_id, std::optional<std::int64_t> owner_id,
                                         const PageRequest& page) {
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Read([&](store::Transaction& tx) -> Result<BoardColumn> {
        auto pipeline = LoadPipeline(tx, pipeline_id);
        if (!pipeline) return Error::NotFound("no such pipeline");
        const Stage* stage = FindStage(*pipeline, stage_id);
        if (stage == nullptr) return Error::NotFound("no such stage in this pipeline");
        const Totals totals = LoadTotals(tx, scope, *pipeline, owner_id);
        return FillColumn(tx, scope, *pipeline, *stage, owner_id, page, totals);
    });
}

std::vector<OverdueGroup> BoardService::StageOverdue(const auth::Principal& principal, int cap) {
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Read([&](store::Transaction& tx) {
        std::map<std::int64_t, OverdueGroup> groups;
        const auto params = store::ScopedParams(scope, {Param(clock_.Now()), Param(cap)});
        AddOverdue(tx, RecordType::kLead, tx.Fetch(sql::kControlStageOverdueLeads, params), ReadLeadFields,
                   &OverdueGroup::lead_count, &OverdueGroup::leads, groups);
        AddOverdue(tx, RecordType::kDeal, tx.Fetch(sql::kControlStageOverdueDeals, params), ReadDealFields,
                   &OverdueGroup::deal_count, &OverdueGroup::deals, groups);
        std::vector<OverdueGroup> result;
        for (auto& [owner, group] : groups) result.push_back(std::move(group));
        return result;
    });
}

}  // namespace voronka::crm
