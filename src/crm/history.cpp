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

Result<Page<HistoryEntry>> LoadHistory(store::Transaction& tx, RecordType type, std::int64_t record_id,
                                       const PageRequest& page) {
    const auto after_id = page.AfterId("history");
    if (!after_id) return after_id.error();
    const auto rows = tx.Fetch(sql::kHistoryList, {Param(std::string(RecordTypeName(type))), Param(record_id),
                                                   Param(*after_id), Param(page.limit + 1)});
    std::vector<HistoryEntry> entries;
    entries.reserve(rows.size());
    for (const auto& row : rows) {
        HistoryEntry entry;
        entry.id = row.Int(0);
        entry.record_type = ParseRecordType(row.Text(1)).value_or(type);
        entry.record_id = row.Int(2);
        entry.field = row.Text(3);
        entry.old_value = row.OptText(4);
        entry.new_value = row.OptText(5);
        entry.by_user_id = row.OptInt(6);
        entry.at = row.Int(7);
        entries.push_back(std::move(entry));
    }
    return MakePage(std::move(entries), page.limit, "history", [](const HistoryEntry& e) { return e.id; });
}

}  // namespace voronka::crm
