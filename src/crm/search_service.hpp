// The global search (GET /api/v1/search): companies, contacts, leads and deals at once, by the
// same folded `q` as the lists (crm/text_query.hpp). Owned by crm (records). Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model.hpp"
#include "auth/settings_service.hpp"
#include "core/error.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct SearchHit {
    RecordType type = RecordType::kContact;
    std::int64_t id = 0;
    std::string title;  // a company's or contact's name, a lead's or deal's title
    std::int64_t owner_id = 0;
};

// The most hits of one record type in an answer.
inline constexpr int kSearchHitsPerType = 20;

class SearchService {
public:
    explicit SearchService(store::Database& db) : db_(db), settings_(db) {}

    // Visible, not deleted records matching `q`: companies, then contacts, leads and deals, each
    // in id order and at most kSearchHitsPerType. 422 naming `q` when it is blank.
    Result<std::vector<SearchHit>> Search(const auth::Principal& principal, std::string_view q);

private:
    store::Database& db_;
    auth::SettingsService settings_;
};

}  // namespace voronka::crm
