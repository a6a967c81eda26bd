// Records of a page built from their rows with what other tables hold (custom values, and
// phones and e-mails for the record types that have them) loaded in one statement each for the
// whole page, not per record. Owned by crm. Thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

#include "crm/contact_points.hpp"
#include "crm/custom_fields.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

// Loads what other tables hold for `items` (custom values, and contact points when Record has
// them): one statement each for all of them. Record has `id` and `custom_fields`, and may have
// `contact_points`.
template <typename Record>
void LoadRelated(store::Transaction& tx, RecordType type, std::vector<Record>& items) {
    std::vector<std::int64_t> ids;
    ids.reserve(items.size());
    for (const auto& item : items) ids.push_back(item.id);
    auto values = LoadCustomValuesOf(tx, type, ids);
    for (auto& item : items) {
        if (auto it = values.find(item.id); it != values.end()) item.custom_fields = std::move(it->second);
    }
    if constexpr (requires(Record r) { r.contact_points; }) {
        auto points = LoadContactPointsOf(tx, type, ids);
        for (auto& item : items) {
            if (auto it = points.find(item.id); it != points.end())
                item.contact_points = std::move(it->second);
        }
    }
}

// The records of `rows`, each read whole by `read_fields(store::RowReader&)` (a record's own
// columns), with LoadRelated.
template <typename Record, typename ReadFields>
std::vector<Record> RecordsFromRows(store::Transaction& tx, RecordType type,
                                    const std::vector<store::Row>& rows, ReadFields read_fields) {
    std::vector<Record> items = store::ReadRows(rows, read_fields);
    LoadRelated(tx, type, items);
    return items;
}

}  // namespace voronka::crm
