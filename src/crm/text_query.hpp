// The `q` of lists and of /search, turned into the two parameters every list statement takes
// for it. Owned by crm. Pure.
//
// A record's `search` column holds core::SearchDocument of its names, titles, e-mails and phone
// digits. List statements filter with two parameters, TRIGRAM and SHORT (at most one is set):
//   SQLite:      (TRIGRAM = '' OR r.id IN (SELECT rowid FROM <table>_fts
//                     WHERE <table>_fts MATCH '"' || replace(TRIGRAM, '"', '""') || '"'))
//                AND (SHORT = '' OR instr(r.search, SHORT) > 0)
//   PostgreSQL:  (TRIGRAM = '' OR r.search LIKE '%' || replace(replace(replace(TRIGRAM,
//                     '\', '\\'), '%', '\%'), '_', '\_') || '%')
//                AND (SHORT = '' OR strpos(r.search, SHORT) > 0)
#pragma once

#include <string>
#include <string_view>

namespace voronka::crm {

struct TextQuery {
    std::string trigram;     // folded query of 3+ characters: use the trigram index
    std::string short_text;  // folded query of 1-2 characters: scan with instr/strpos
    bool empty() const { return trigram.empty() && short_text.empty(); }
};

// Folds `q` (core/search.hpp); a phone-like query becomes the digits of its E.164 form
// (core/phone.hpp, `default_region` from settings) so that any written form finds the number.
TextQuery MakeTextQuery(std::string_view q, std::string_view default_region);

}  // namespace voronka::crm
