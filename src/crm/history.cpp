#include "crm/history.hpp"

#include "crm/events.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {

using store::Param;

void AddChange(std::vector<FieldChange>& changes, std::string field,
               const std::optional<std::string>& old_value, const std::optional<std::string>& new_value) {
    if (old_value == new_value) return;
    changes.push_back(FieldChange{std::move(field), old_value, new_value});
}

void RecordHistory(store::Transaction& tx, RecordType type, std::int64_t record_id,
                   std::optional<std::int64_t> by_user_id, UnixTime at,
                   const std::vector<FieldChange>& changes) {
    const std::string type_name(RecordTypeName(type));
    for (const auto& change : changes) {
        tx.Execute(sql::kHistoryInsert,
                   {Param(type_name), Param(record_id), Param(change.field), Param(change.old_value),
                    Param(change.new_value), Param(by_user_id), Param(at)});
    }
    EmitRecordChanged(tx, type, record_id, changes, by_user_id, at);
}

HistoryEntry ReadHistoryEntry(store::RowReader& r) {
    HistoryEntry entry;
    entry.id = r.Int();
    entry.record_type = ParseRecordType(r.Text()).value_or(RecordType::kLead);
    entry.record_id = r.Int();
    entry.field = r.Text();
    entry.old_value = r.OptText();
    entry.new_value = r.OptText();
    entry.by_user_id = r.OptInt();
    entry.at = r.Int();
    return entry;
}

Result<Page<HistoryEntry>> LoadHistory(store::Transaction& tx, RecordType type, std::int64_t record_id,
                                       const PageRequest& page) {
    const auto after_id = page.AfterId("history");
    if (!after_id) return after_id.error();
    const auto rows = tx.Fetch(sql::kHistoryList, {Param(std::string(RecordTypeName(type))), Param(record_id),
                                                   Param(*after_id), Param(page.limit + 1)});
    return MakePage(store::ReadRows(rows, ReadHistoryEntry), page.limit, "history",
                    [](const HistoryEntry& e) { return e.id; });
}

}  // namespace voronka::crm
