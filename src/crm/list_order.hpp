// The order of a sorted list and the statement that reads a page of it: one way for every
// record list (companies, contacts, leads, deals). Owned by crm. Pure; thread-safe.
//
// A list statement declares its closed set of orders (`-- @sort`, cmake/Embed.cmake); a page
// after a cursor binds the cursor's key and id, never an id to look up, so a cursor made from a
// row out of the caller's sight is only a position among the rows the caller can see.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/page.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace voronka::crm {

// An order of a list: its key column, direction and the kind of the key's values.
struct ListOrder {
    std::string_view key = "id";  // a column of the statement's `-- @sort` line
    bool descending = false;
    CursorKeyKind kind = CursorKeyKind::kIdOnly;
};

// The tag a cursor of `order` in `list` carries, e.g. "deals:-amount".
std::string OrderTag(std::string_view list, const ListOrder& order);

// The statement of `orders` that reads the page `page` of `list` in `order`, with the cursor's
// key and id appended to `params` after a cursor. 422 naming `cursor` when the cursor belongs to
// another list or order. `order` must be one of `orders` (a programmer error otherwise).
Result<const store::Query*> SortedPage(std::span<const store::SortedQuery> orders, std::string_view list,
                                       const ListOrder& order, const PageRequest& page,
                                       std::vector<store::Value>& params);

// The statement of a page of the company or contact list: `text_statement` (driven by the FTS
// index, which SQLite answers fastest in id order; the cursor's id appended, 0 on the first page)
// for a trigram query in ascending id order, else SortedPage.
Result<const store::Query*> RecordListPage(std::span<const store::SortedQuery> orders,
                                           const store::Query& text_statement, std::string_view list,
                                           const ListOrder& order, bool trigram_query,
                                           const PageRequest& page, std::vector<store::Value>& params);

// The cursor position of a row with `id` whose `order` key is `key` (ignored when the order is
// by id), for MakePage.
std::pair<CursorKey, std::int64_t> PositionOf(const ListOrder& order, CursorKey key, std::int64_t id);

}  // namespace voronka::crm
