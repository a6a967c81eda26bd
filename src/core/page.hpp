// Cursor pagination shared by every list: a page request, a page of items, and the cursor that
// continues a list. Owned by core. Value types and pure functions; thread-safe.
//
// A cursor carries the position of the last row of a page: the value of its sort key and its id,
// and the list order it belongs to. It names no row for the server to look up, so a cursor built
// from the values of a row the caller cannot see is only a position among the rows they can.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace voronka {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 200;
// The longest text sort key a cursor carries, in bytes; longer keys are refused on decode.
inline constexpr std::size_t kMaxCursorText = 4096;

// The sort key of a position: none when the order is by id alone, else an integer or a text.
using CursorKey = std::variant<std::monostate, std::int64_t, std::string>;

// The kind of key an order sorts on; a cursor whose key is of another kind is refused.
enum class CursorKeyKind { kIdOnly, kInteger, kText };

// A position in one order of one list: rows after it have (key, id) greater than (key, id) here
// in the order's direction.
struct Cursor {
    std::string order;  // the list and order, e.g. "deals:-amount"; at most 255 bytes
    CursorKey key;
    std::int64_t id = 0;

    friend bool operator==(const Cursor&, const Cursor&) = default;
};

// The opaque text of a cursor: base64url (no padding) of a small versioned binary encoding.
std::string EncodeCursor(const Cursor& cursor);
// The cursor of `text`; nullopt when it is not one EncodeCursor makes (bad base64, other version,
// trailing bytes, id below 1, a text key that is not valid UTF-8, holds NUL or is too long).
std::optional<Cursor> DecodeCursor(std::string_view text);

// A page request: at most `limit` items after the position `after` (none: the first page).
struct PageRequest {
    std::optional<Cursor> after;
    int limit = kDefaultPageLimit;

    // The position to continue after in `order`, whose keys are of `kind`: nullopt on the first
    // page; 422 naming `cursor` when the cursor belongs to another list or order, or its key is
    // of another kind. The same error whatever the cursor's values.
    Result<std::optional<Cursor>> After(std::string_view order, CursorKeyKind kind) const;
    // For lists in id order: the id to continue after (0 on the first page), or the error of After.
    Result<std::int64_t> AfterId(std::string_view order) const;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;  // null on the last page
};

// Builds a page of `order` from up to limit + 1 rows fetched: the extra row, when present, only
// tells that another page exists. `position_of(item)` answers the item's id (lists in id order)
// or a Cursor's key and id as a `std::pair<CursorKey, std::int64_t>`.
template <typename T, typename PositionOf>
Page<T> MakePage(std::vector<T> rows, int limit, std::string_view order, PositionOf position_of) {
    Page<T> page;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(limit);
        Cursor cursor{.order = std::string(order), .key = {}, .id = 0};
        auto position = position_of(rows.back());
        if constexpr (std::is_integral_v<decltype(position)>) {
            cursor.id = position;
        } else {
            cursor.key = std::move(position.first);
            cursor.id = position.second;
        }
        page.next_cursor = EncodeCursor(cursor);
    }
    page.items = std::move(rows);
    return page;
}

}  // namespace voronka
