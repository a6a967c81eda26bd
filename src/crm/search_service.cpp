#include "crm/search_service.hpp"

#include <utility>

#include "auth/visibility.hpp"
#include "crm/text_query.hpp"
#include "crm_sql.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

Result<std::vector<SearchHit>> SearchService::Search(const auth::Principal& principal, std::string_view q) {
    const TextQuery query = MakeTextQuery(q, settings_.Get().phone_region);
    if (query.empty()) return Error::Validation("q must not be blank", "q");
    // One statement per type and kind of query, so that SQLite drives a trigram query from the
    // FTS index (first hits at once) instead of scanning the table.
    struct Kind {
        RecordType type;
        const store::Query* trigram;
        const store::Query* short_text;
    };
    const Kind kinds[] = {
        {RecordType::kCompany, &sql::kSearchCompaniesTrigram, &sql::kSearchCompaniesShort},
        {RecordType::kContact, &sql::kSearchContactsTrigram, &sql::kSearchContactsShort},
        {RecordType::kLead, &sql::kSearchLeadsTrigram, &sql::kSearchLeadsShort},
        {RecordType::kDeal, &sql::kSearchDealsTrigram, &sql::kSearchDealsShort},
    };
    const bool trigram = !query.trigram.empty();
    const std::string& text = trigram ? query.trigram : query.short_text;
    const store::Scope scope = auth::ScopeOf(principal);
    return db_.Read([&](store::Transaction& tx) {
        std::vector<SearchHit> hits;
        for (const auto& kind : kinds) {
            const auto rows =
                tx.Fetch(trigram ? *kind.trigram : *kind.short_text,
                         store::ScopedParams(scope, {store::Param(text), store::Param(kSearchHitsPerType)}));
            for (const auto& row : rows) {
                hits.push_back(store::ReadRow(row, [&](store::RowReader& r) {
                    return SearchHit{kind.type, r.Int(), r.Text(), r.Int()};
                }));
            }
        }
        return hits;
    });
}

}  // namespace voronka::crm
