// Phones and e-mails of companies, contacts and leads: normalisation, storage, and the
// duplicate check on their normalised keys. Owned by crm. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

// Normalises phones to E.164 (default region from settings) and trims e-mails; answers a 422
// naming `phones` or `emails` for a malformed one. Duplicates within the lists are dropped.
Result<ContactPoints> NormalizeContactPoints(const std::vector<std::string>& phones,
                                             const std::vector<std::string>& emails,
                                             std::string_view default_region);

// Replaces the stored phones and e-mails of a record.
void SaveContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id,
                       const ContactPoints& points);

ContactPoints LoadContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id);

// A record, not deleted, of any type but `except`, holding one of these phones or e-mails.
struct RecordRef {
    RecordType type = RecordType::kContact;
    std::int64_t id = 0;
};
std::optional<RecordRef> FindDuplicate(store::Transaction& tx, const ContactPoints& points,
                                       std::optional<RecordRef> except);

// The 409 `duplicate` answer naming the existing record (api renders `existing` from it).
Error DuplicateOf(const RecordRef& existing, std::string_view field);

// The search text of phones and e-mails, to join into a record's search column.
std::vector<std::string> SearchParts(const ContactPoints& points);

}  // namespace voronka::crm
