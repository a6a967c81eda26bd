#include "crm/sales_record.hpp"

#include <fmt/format.h>

#include "auth/user_service.hpp"
#include "core/money.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "crm/contact_points.hpp"
#include "crm/custom_fields.hpp"
#include "crm/events.hpp"
#include "crm/history.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/rules.hpp"
#include "crm/text_query.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

// The order of a `sort` value (kSortValues); nullopt for any other.
std::optional<ListOrder> ParseSort(std::string_view sort) {
    ListOrder order;
    if (sort.starts_with('-')) {
        order.descending = true;
        sort.remove_prefix(1);
    }
    if (sort.empty() || sort == "id") return order;
    order.kind = CursorKeyKind::kInteger;
    for (const std::string_view key : {"created_at", "updated_at", "amount"}) {
        if (sort == key) {
            order.key = key;
            return order;
        }
    }
    return std::nullopt;
}

// Validation unless the pipeline takes the record's owner (MayEnterPipeline), when the record
// enters it or changes owner (PlaceInStage).
Status CheckPipelineTakesOwner(store::Transaction& tx, const ScopedPipeline& pipeline,
                               const StageRequest& request) {
    const bool enters = pipeline.id != request.current_pipeline_id;
    const bool owner_changes = request.current_owner_id && *request.current_owner_id != request.owner_id;
    if (!enters && !owner_changes) return Ok{};
    const auto owner = tx.FetchOne(sql::kOwnerDepartment, {Param(request.owner_id)});
    if (MayEnterPipeline(pipeline.department_id,
                         owner ? store::ReadRow(*owner, &store::RowReader::OptInt) : std::nullopt))
        return Ok{};
    if (enters) {
        return Error::Validation(
            fmt::format("pipeline {} is another department's: a record enters an organisation-wide "
                        "pipeline or one of its owner's department",
                        pipeline.id),
            "pipeline_id");
    }
    return Error::Validation(
        fmt::format("the record is in pipeline {}, another department's than the new owner's: "
                    "move it in the same change (pipeline_id) to an organisation-wide pipeline "
                    "or one of the new owner's department",
                    pipeline.id),
        "owner_id");
}

}  // namespace

Result<SalesListQuery> ListQuery(store::Transaction& tx, RecordType type,
                                 std::span<const store::SortedQuery> orders, const SalesFilter& filter,
                                 const PageRequest& page, std::string_view phone_region, UnixTime now) {
    const auto sort = ParseSort(filter.sort);
    if (!sort) return NotOneOf("sort", kSortValues);
    if (filter.custom.size() > kMaxCustomFilters) {
        return Error::Validation(fmt::format("at most {} cf.NAME filters", kMaxCustomFilters), "cf");
    }
    std::vector<CustomFilter> custom;
    for (const auto& [name, value] : filter.custom) {
        auto checked = CheckCustomFilter(tx, type, name, value);
        if (!checked) return std::move(checked).error();
        custom.push_back(std::move(*checked));
    }
    custom.resize(kMaxCustomFilters);
    const TextQuery query = MakeTextQuery(filter.q, phone_region);
    std::vector<store::Value> params{Param(filter.owner_id.value_or(0)),
                                     Param(filter.pipeline_id.value_or(0)),
                                     Param(filter.stage_id.value_or(0)),
                                     Param(query.trigram),
                                     Param(query.short_text),
                                     Param(filter.overdue_stage),
                                     Param(now),
                                     Param(filter.no_next_step)};
    for (const auto& c : custom) {
        params.push_back(Param(c.field_id));
        params.push_back(Param(c.value));
    }
    if (type == RecordType::kDeal) params.push_back(Param(filter.company_id.value_or(0)));  // deal_list's $18
    params.push_back(Param(page.limit + 1));
    const std::string_view list = type == RecordType::kLead ? "leads" : "deals";
    auto statement = SortedPage(orders, list, *sort, page, params);
    if (!statement) return std::move(statement).error();
    return SalesListQuery{.statement = *statement, .params = std::move(params), .order = *sort};
}

Result<StagePlace> PlaceInStage(store::Transaction& tx, RecordType type, const StageRequest& request) {
    std::optional<ScopedPipeline> pipeline;
    if (request.pipeline_id) {
        pipeline = LoadPipeline(tx, *request.pipeline_id);
        if (!pipeline || pipeline->record_type != type) {
            return Error::Validation(fmt::format("no such {} pipeline", RecordTypeName(type)), "pipeline_id");
        }
    } else if (request.current_pipeline_id) {
        pipeline = LoadPipeline(tx, *request.current_pipeline_id);
    } else {
        pipeline = LoadDefaultPipeline(tx, type);
    }
    if (!pipeline || pipeline->stages.empty()) {
        return Error::Validation(fmt::format("there is no {} pipeline", RecordTypeName(type)), "pipeline_id");
    }
    if (auto ok = CheckPipelineTakesOwner(tx, *pipeline, request); !ok) return std::move(ok).error();
    const Stage* stage = nullptr;
    if (request.stage_id) {
        stage = FindStage(*pipeline, *request.stage_id);
        if (stage == nullptr)
            return Error::Validation("the stage is not one of the pipeline's stages", "stage_id");
    } else if (request.current_stage_id && pipeline->id == request.current_pipeline_id) {
        stage = FindStage(*pipeline, *request.current_stage_id);
    }
    if (stage == nullptr) stage = FirstOpenStage(*pipeline);
    Stage chosen = *stage;
    return StagePlace{.pipeline = std::move(*pipeline), .stage = std::move(chosen)};
}

StagePosition EnterStage(const StagePlace& place, UnixTime now, bool converted) {
    return StagePosition{.pipeline_id = place.pipeline.id,
                         .stage_id = place.stage.id,
                         .entered_at = now,
                         .deadline = StageDeadline(place.stage, now),
                         .is_open = place.stage.kind == StageKind::kOpen && !converted};
}

void RecordStageMove(store::Transaction& tx, RecordType type, std::int64_t record_id,
                     const StagePosition* from, const StagePosition& to,
                     std::optional<std::int64_t> by_user_id, UnixTime now) {
    std::optional<std::int64_t> from_stage;
    std::optional<std::int64_t> seconds;
    if (from != nullptr) {
        from_stage = from->stage_id;
        seconds = std::max<std::int64_t>(0, now - from->entered_at);
    }
    tx.Insert(sql::kStageMoveInsert,
              {Param(RecordTypeName(type)), Param(record_id), Param(to.pipeline_id), Param(from_stage),
               Param(to.stage_id), Param(now), Param(by_user_id), Param(seconds)});
    std::vector<FieldChange> changes;
    AddChange(changes, "pipeline_id", from ? HistoryText(from->pipeline_id) : std::nullopt,
              HistoryText(to.pipeline_id));
    AddChange(changes, "stage_id", HistoryText(from_stage), HistoryText(to.stage_id));
    RecordHistory(tx, type, record_id, by_user_id, now, changes);
    EmitStageEntered(tx, type, record_id, from, to, by_user_id, now);
}

Status CheckLostReason(const Stage& stage, const std::optional<std::string>& lost_reason) {
    if (stage.kind == StageKind::kLost && (!lost_reason || lost_reason->empty())) {
        return Error::Validation("moving to a lost stage needs a lost_reason", "lost_reason");
    }
    return Ok{};
}

Status CheckAmount(std::int64_t amount) {
    if (amount < 0 || amount > kMaxAmount) {
        return Error::Validation(fmt::format("amount must be between 0 and {} (minor units)", kMaxAmount),
                                 "amount");
    }
    return Ok{};
}

Result<std::string> CheckCurrency(const std::string& code) {
    const auto currency = FindCurrency(code);
    if (!currency) return NotOneOf("currency", SupportedCurrencyCodes());
    return std::string(currency->code);
}

Result<std::optional<std::string>> CheckOptionalText(const std::optional<std::string>& text,
                                                     std::string_view field, std::size_t max_length) {
    if (!text || Trim(*text).empty()) return std::optional<std::string>{};
    auto checked = CheckText(*text, field, max_length);
    if (!checked) return std::move(checked).error();
    return std::optional<std::string>{std::move(*checked)};
}

Result<std::optional<std::int64_t>> CheckContact(store::Transaction& tx, const store::Scope& scope,
                                                 std::int64_t id) {
    const auto row = tx.FetchOne(sql::kDealContactVisible, store::ScopedParams(scope, {Param(id)}));
    if (!row) return Error::Validation("no such contact", "contact_id");
    return store::ReadRow(*row, &store::RowReader::OptInt);
}

Status CheckCompany(store::Transaction& tx, const store::Scope& scope, std::int64_t id) {
    if (!tx.FetchOne(sql::kDealCompanyVisible, store::ScopedParams(scope, {Param(id)}))) {
        return Error::Validation("no such company", "company_id");
    }
    return Ok{};
}

Result<std::int64_t> OwnerCheck::operator()(const auth::Principal& principal,
                                            std::optional<std::int64_t> owner_id) {
    if (!owner_id || *owner_id == principal.user.id) return principal.user.id;
    auth::UserService users(db_, clock_);
    const auto user = users.Get(principal, *owner_id);
    if (!user || !user->active) return Error::Validation("no such active user", "owner_id");
    return *owner_id;
}

std::string SearchText(const std::vector<std::optional<std::string>>& texts, const ContactPoints& points) {
    std::string document;
    const auto add = [&](std::string_view text) {
        const std::string folded = FoldForSearch(text);
        if (folded.empty()) return;
        if (!document.empty()) document += kSearchPartSeparator;
        document += folded;
    };
    for (const auto& text : texts) {
        if (text) add(*text);
    }
    for (const auto& part : SearchParts(points)) add(part);
    return document;
}

std::optional<std::string> HistoryText(const std::optional<std::int64_t>& value) {
    if (!value) return std::nullopt;
    return std::to_string(*value);
}

std::optional<std::string> HistoryText(std::int64_t value) {
    return std::to_string(value);
}

std::optional<std::string> HistoryList(const std::vector<std::string>& values) {
    if (values.empty()) return std::nullopt;
    std::string text;
    for (const auto& value : values) {
        if (!text.empty()) text += ", ";
        text += value;
    }
    return text;
}

}  // namespace voronka::crm
