#include "crm/text_query.hpp"

#include "core/phone.hpp"
#include "core/search.hpp"
#include "core/text.hpp"

namespace voronka::crm {

TextQuery MakeTextQuery(std::string_view q, std::string_view default_region) {
    std::string folded;
    if (auto digits = PhoneSearchKey(q, default_region)) {
        folded = std::move(*digits);
    } else {
        folded = FoldForSearch(q);
    }
    TextQuery query;
    if (folded.empty()) return query;
    if (UsesTrigramIndex(folded)) {
        query.trigram = std::move(folded);
    } else {
        query.short_text = std::move(folded);
    }
    return query;
}

}  // namespace voronka::crm
