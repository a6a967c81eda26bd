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

// `fields_of(row)` reads a record's own columns; Record has `id` and `custom_fields`, and may
// have `contact_points`.
template <typename Record, typename FieldsOf>
std::vector<Record> RecordsFromRows(store::Transaction& tx, RecordType type,
                                    const std::vector<store::Row>& rows, FieldsOf fields_of) {
    std::vector<Record> items;
    std::vector<std::int64_t> ids;
    items.reserve(rows.size());
    ids.reserve(rows.size());
    for (const auto& row : rows) {
        items.push_back(fields_of(row));
        ids.push_back(items.back().id);
    }
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
    return items;
}

}  // namespace voronka::crm
