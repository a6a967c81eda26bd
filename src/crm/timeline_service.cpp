#include "crm/timeline_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "auth/visibility.hpp"
#include "crm/history.hpp"
#include "crm/note_service.hpp"
#include "crm/record_access.hpp"
#include "crm/task_service.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

constexpr std::string_view kCursorPrefix = "t1.";
constexpr int kHistoryRank = 0;
constexpr int kStageMoveRank = 1;
constexpr int kTaskRank = 2;
constexpr int kNoteRank = 3;
constexpr int kMessageRank = 4;

template <typename T>
bool ParseNumber(std::string_view text, T& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

StageMove ReadStageMove(store::RowReader& r) {
    StageMove move;
    move.id = r.Int();
    move.record_type = ParseRecordType(r.Text()).value_or(RecordType::kDeal);
    move.record_id = r.Int();
    move.pipeline_id = r.Int();
    move.from_stage_id = r.OptInt();
    move.to_stage_id = r.Int();
    move.at = r.Int();
    move.by_user_id = r.OptInt();
    move.seconds_in_from = r.OptInt();
    return move;
}

// The bounds of one kind's statement after `cursor`: items with (at, id) below (at_bound,
// id_bound). Kinds ranked below the cursor's continue at its second, those above start before it.
std::pair<UnixTime, std::int64_t> Bounds(const std::optional<TimelineCursor>& cursor, int rank) {
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    if (!cursor) return {kMax, kMax};
    if (rank < cursor->rank) return {cursor->at, kMax};
    if (rank == cursor->rank) return {cursor->at, cursor->id};
    return {cursor->at, 0};
}

TimelineMessage ReadTimelineMessage(store::RowReader& r) {
    TimelineMessage message;
    message.id = r.Int();
    message.record_type = ParseRecordType(r.Text()).value_or(RecordType::kDeal);
    message.record_id = r.Int();
    message.channel = r.Text();
    message.state = r.Text();
    message.recipient = r.Text();
    message.text = r.Text();
    message.last_error = r.OptText();
    message.created_at = r.Int();
    message.sent_at = r.OptInt();
    return message;
}

bool Newer(const TimelineCursor& a, const TimelineCursor& b) {
    if (a.at != b.at) return a.at > b.at;
    if (a.rank != b.rank) return a.rank > b.rank;
    return a.id > b.id;
}

}  // namespace

std::string EncodeTimelineCursor(const TimelineCursor& cursor) {
    return fmt::format("{}{}.{}.{}", kCursorPrefix, cursor.at, cursor.rank, cursor.id);
}

std::optional<TimelineCursor> DecodeTimelineCursor(std::string_view text) {
    if (!text.starts_with(kCursorPrefix)) return std::nullopt;
    text.remove_prefix(kCursorPrefix.size());
    const auto first = text.find('.');
    const auto second = first == std::string_view::npos ? first : text.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    TimelineCursor cursor;
    if (!ParseNumber(text.substr(0, first), cursor.at) ||
        !ParseNumber(text.substr(first + 1, second - first - 1), cursor.rank) ||
        !ParseNumber(text.substr(second + 1), cursor.id)) {
        return std::nullopt;
    }
    if (cursor.rank < kHistoryRank || cursor.rank > kMessageRank || cursor.id < 0) return std::nullopt;
    return cursor;
}

TimelineCursor TimelinePosition(const TimelineItem& item) {
    struct Visitor {
        TimelineCursor operator()(const Note& n) const { return {n.created_at, kNoteRank, n.id}; }
        TimelineCursor operator()(const Task& t) const {
            return {t.done_at.value_or(t.created_at), kTaskRank, t.id};
        }
        TimelineCursor operator()(const StageMove& m) const { return {m.at, kStageMoveRank, m.id}; }
        TimelineCursor operator()(const HistoryEntry& h) const { return {h.at, kHistoryRank, h.id}; }
        TimelineCursor operator()(const TimelineMessage& m) const {
            return {m.created_at, kMessageRank, m.id};
        }
    };
    return std::visit(Visitor{}, item);
}

Result<Page<HistoryEntry>> TimelineService::History(const auth::Principal& principal, RecordType type,
                                                    std::int64_t record_id, const PageRequest& page) {
    return db_.Read([&](store::Transaction& tx) -> Result<Page<HistoryEntry>> {
        auto record = FindVisibleRecord(tx, auth::ScopeOf(principal), type, record_id);
        if (!record) return std::move(record).error();
        return LoadHistory(tx, type, record_id, page);
    });
}

Result<Page<TimelineItem>> TimelineService::Timeline(const auth::Principal& principal, RecordType type,
                                                     std::int64_t record_id, const TimelineRequest& request) {
    return db_.Read([&](store::Transaction& tx) -> Result<Page<TimelineItem>> {
        auto record = FindVisibleRecord(tx, auth::ScopeOf(principal), type, record_id);
        if (!record) return std::move(record).error();
        std::int64_t lead_id = 0;
        if (type == RecordType::kDeal) {
            if (const auto row = tx.FetchOne(sql::kTimelineConvertedLead, {Param(record_id)}))
                lead_id = store::ReadRow(*row, &store::RowReader::Int);
        }
        const std::string type_name(RecordTypeName(type));
        const int fetch = request.limit + 1;
        auto params = [&](int rank) {
            const auto [at, id] = Bounds(request.after, rank);
            return std::vector<store::Value>{Param(type_name), Param(record_id), Param(lead_id),
                                             Param(at),        Param(id),        Param(fetch)};
        };
        std::vector<TimelineItem> items;
        for (const auto& row : tx.Fetch(sql::kTimelineNotes, params(kNoteRank)))
            items.emplace_back(NoteFromRow(row));
        for (const auto& row : tx.Fetch(sql::kTimelineTasks, params(kTaskRank)))
            items.emplace_back(TaskFromRow(row));
        for (const auto& row : tx.Fetch(sql::kTimelineStageMoves, params(kStageMoveRank)))
            items.emplace_back(store::ReadRow(row, ReadStageMove));
        for (const auto& row : tx.Fetch(sql::kTimelineHistory, params(kHistoryRank)))
            items.emplace_back(store::ReadRow(row, ReadHistoryEntry));
        for (const auto& row : tx.Fetch(sql::kTimelineMessages, params(kMessageRank)))
            items.emplace_back(store::ReadRow(row, ReadTimelineMessage));
        std::sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
            return Newer(TimelinePosition(a), TimelinePosition(b));
        });
        Page<TimelineItem> page;
        if (static_cast<int>(items.size()) > request.limit) {
            items.resize(static_cast<std::size_t>(request.limit));
            page.next_cursor = EncodeTimelineCursor(TimelinePosition(items.back()));
        }
        page.items = std::move(items);
        return page;
    });
}

}  // namespace voronka::crm
