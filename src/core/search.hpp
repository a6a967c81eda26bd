// Text folding for search, with the same rules on SQLite and PostgreSQL: text is folded here,
// in C++, into a record's search column, and a query is folded the same way before it is
// compared. Owned by core; used by crm and telephony. Pure functions, thread-safe.
//
// How a query is run against a folded search column (the contract for every store query):
// - Fold the query with FoldForSearch (phone-like queries: see PhoneSearchKey in core/phone.hpp).
// - A folded query of kTrigramMinLength code points or more may use the trigram index:
//   SQLite `search MATCH Fts5Phrase(query)` on an FTS5 table with the `trigram` tokenizer,
//   PostgreSQL `search LIKE '%' || EscapeLike(query) || '%' ESCAPE '\'` with a pg_trgm index.
// - A shorter query must not use trigram MATCH, which finds nothing below three characters: it
//   searches the folded column itself, `instr(search, ?) > 0` on SQLite (whose LIKE and lower()
//   fold ASCII only, so the column must already be folded) or LIKE with EscapeLike.
// - An empty folded query matches nothing; the caller answers without querying.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace voronka {

// The shortest query, in code points, that a trigram index can answer.
inline constexpr std::size_t kTrigramMinLength = 3;

// Separates the parts of a search document. FoldForSearch turns every control character into a
// space, so no folded query contains it and no match can span two parts.
inline constexpr char kSearchPartSeparator = '\x1F';

// The search form of a text: FoldCase (Latin and Cyrillic lower case), "ё" and "Ё" as "е"
// (also "е" + combining diaeresis; "и" + combining breve becomes "й"), every run of white space
// and control characters as one space, invisible characters (soft hyphen, zero-width spaces and
// joiners, BOM) removed, and no space at either end. "  Пётр  IVANOV " -> "петр ivanov".
// Invalid UTF-8 sequences become U+FFFD, so the result is always valid UTF-8.
std::string FoldForSearch(std::string_view text);

// The search column of a record: its parts (name, title, e-mails, phone digits...) folded with
// FoldForSearch and joined with kSearchPartSeparator; parts that fold to nothing are skipped.
std::string SearchDocument(std::initializer_list<std::string_view> parts);

// True when a folded query is long enough for the trigram index (see the contract above).
bool UsesTrigramIndex(std::string_view folded_query);

// `text` with "\", "%" and "_" escaped by "\", for a bound LIKE pattern with ESCAPE '\'. The
// caller adds the wildcards: "%" + EscapeLike(query) + "%".
std::string EscapeLike(std::string_view text);

// `text` as one FTS5 phrase: in double quotes, inner double quotes doubled, so that no input is
// read as FTS5 query syntax. With the trigram tokenizer the phrase matches as a substring.
std::string Fts5Phrase(std::string_view text);

}  // namespace voronka
