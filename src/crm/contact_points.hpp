// Phones and e-mails of companies, contacts and leads: normalisation, storage, and the
// duplicate check on their normalised keys. Owned by crm. Thread-compatible.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

// Normalises phones to E.164 (default region from settings) and trims e-mails; answers a 422
// naming `phones` or `emails` for a malformed one, and for one that repeats another of its list
// (phones compared normalised, e-mails case-insensitively).
Result<ContactPoints> NormalizeContactPoints(const std::vector<std::string>& phones,
                                             const std::vector<std::string>& emails,
                                             std::string_view default_region);

// Replaces the stored phones and e-mails of a record.
void SaveContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id,
                       const ContactPoints& points);

ContactPoints LoadContactPoints(store::Transaction& tx, RecordType type, std::int64_t record_id);

// The phones and e-mails of several records of one type in one statement (a page of a list or a
// board column, ids given as a JSON array), by record id; records without any are absent.
std::map<std::int64_t, ContactPoints> LoadContactPointsOf(store::Transaction& tx, RecordType type,
                                                          const std::vector<std::int64_t>& record_ids);

// A record of one of the types that hold phones and e-mails.
struct RecordRef {
    RecordType type = RecordType::kContact;
    std::int64_t id = 0;
};

// The 409 `duplicate` answer naming the existing record (api renders `existing` from it).
Error DuplicateOf(const RecordRef& existing, std::string_view field);

// The search text of phones and e-mails, to join into a record's search column.
std::vector<std::string> SearchParts(const ContactPoints& points);

// The whole duplicate rule for a record being created or changed: nullopt when no other record
// (companies, contacts and unconverted leads, not deleted, any owner) holds one of `points`;
// else the 409 `duplicate` naming `phones` or `emails`, with `existing` when the caller's `scope`
// sees that record, and without it (saying it belongs to another manager) when it does not, so
// that two managers never work one client and nothing out of sight is disclosed.
std::optional<Error> CheckNoDuplicate(store::Transaction& tx, const store::Scope& scope,
                                      const ContactPoints& points, std::optional<RecordRef> except);

// The `search` column of a company, contact or lead: core::SearchDocument of `texts` (names,
// titles, inn...) followed by SearchParts(points).
std::string RecordSearchDocument(std::initializer_list<std::string_view> texts, const ContactPoints& points);

}  // namespace voronka::crm
