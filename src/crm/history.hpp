// The history of every field change of a record (who, when, old -> new), written in the same
// transaction as the change. Owned by crm; used by every record service. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct FieldChange {
    std::string field;  // column name, or "custom_fields.NAME"
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
};

// Appends a change to `changes` when `old_value` and `new_value` differ.
void AddChange(std::vector<FieldChange>& changes, std::string field,
               const std::optional<std::string>& old_value, const std::optional<std::string>& new_value);

// Writes the changes of one record at `at` by `by_user_id` (none: the system), and their
// record_changed event (crm/events.hpp).
void RecordHistory(store::Transaction& tx, RecordType type, std::int64_t record_id,
                   std::optional<std::int64_t> by_user_id, UnixTime at,
                   const std::vector<FieldChange>& changes);

// Reads a HistoryEntry from the next columns: id, record_type, record_id, field, old_value,
// new_value, by_user_id, at (as in sql/history_list.sql and sql/timeline_history.sql).
HistoryEntry ReadHistoryEntry(store::RowReader& r);

// A record's history, newest first (a cursor of order "history": entries with a smaller id).
Result<Page<HistoryEntry>> LoadHistory(store::Transaction& tx, RecordType type, std::int64_t record_id,
                                       const PageRequest& page);

}  // namespace voronka::crm
