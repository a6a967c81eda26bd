#include "telephony/call_service.hpp"

#include "auth/visibility.hpp"
#include "store/scope.hpp"
#include "telephony_sql.hpp"

namespace voronka::telephony {
namespace {

using store::Param;

constexpr std::string_view kOrder = "calls:-started_at";

Call CallFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Call call;
        call.id = r.Int();
        call.pbx_id = r.Int();
        call.pbx_call_id = r.Text();
        if (const auto direction = r.OptText()) call.direction = ParseCallDirection(*direction);
        call.from = r.Text();
        call.to = r.Text();
        call.extension = r.Text();
        call.user_id = r.OptInt();
        call.flagged_unknown_extension = r.Bool();
        call.started_at = r.Int();
        call.answered_at = r.OptInt();
        call.ended_at = r.OptInt();
        call.status = ParseCallStatus(r.Text()).value_or(CallStatus::kRinging);
        call.duration_s = r.Int();
        call.talk_s = r.Int();
        call.has_recording = r.Bool();
        call.callback_task_id = r.OptInt();
        call.created_at = r.Int();
        call.updated_at = r.Int();
        return call;
    });
}

}  // namespace

Result<Page<Call>> CallService::List(const auth::Principal& principal, const CallFilter& filter,
                                     const PageRequest& page) {
    if (filter.record_type.has_value() != filter.record_id.has_value()) {
        return Error::Validation("record_type and record_id go together",
                                 filter.record_type ? "record_id" : "record_type");
    }
    const UnixTime from = filter.from.value_or(kFirstIso8601Time);
    const UnixTime to = filter.to.value_or(kLastIso8601Time + 1);
    if (to <= from) return Error::Validation("the end of the period must be after its start", "to");
    const auto after = page.After(kOrder, CursorKeyKind::kInteger);
    if (!after) return after.error();
    const std::int64_t after_key = *after ? std::get<std::int64_t>((*after)->key) : 0;
    const std::int64_t after_id = *after ? (*after)->id : 0;
    const std::string direction = filter.direction ? std::string(CallDirectionName(*filter.direction)) : "";
    const std::string status = filter.status ? std::string(CallStatusName(*filter.status)) : "";
    const std::string record_type =
        filter.record_type ? std::string(crm::RecordTypeName(*filter.record_type)) : "";
    const std::int64_t has_recording = filter.has_recording ? (*filter.has_recording ? 1 : 0) : -1;
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Call>> {
        std::vector<Call> rows;
        for (const auto& row : tx.Fetch(
                 sql::kCallList, store::ScopedParams(auth::ScopeOf(principal),
                                                     {Param(after->has_value()), Param(after_key),
                                                      Param(after_id), Param(filter.user_id.value_or(0)),
                                                      Param(direction), Param(status), Param(from), Param(to),
                                                      Param(record_type), Param(filter.record_id.value_or(0)),
                                                      Param(has_recording), Param(page.limit + 1)}))) {
            rows.push_back(CallFromRow(row));
        }
        return MakePage(std::move(rows), page.limit, kOrder, [](const Call& c) {
            return std::pair<CursorKey, std::int64_t>{CursorKey{c.started_at}, c.id};
        });
    });
}

Result<Call> CallService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<Call> {
        const auto row =
            tx.FetchOne(sql::kCallGetVisible, store::ScopedParams(auth::ScopeOf(principal), {Param(id)}));
        if (!row) return Error::NotFound("call not found");
        Call call = CallFromRow(*row);
        for (const auto& link :
             tx.Fetch(sql::kCallLinksOf, store::ScopedParams(auth::ScopeOf(principal), {Param(id)}))) {
            call.links.push_back(store::ReadRow(link, [](store::RowReader& r) {
                CallLink l;
                l.record_type = crm::ParseRecordType(r.Text()).value_or(crm::RecordType::kContact);
                l.record_id = r.Int();
                return l;
            }));
        }
        return call;
    });
}

}  // namespace voronka::telephony
