// Cursor pagination shared by every list: a page request and a page of items. Owned by core.
// Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voronka {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 200;

// Items after `after_id` in id order, at most `limit` of them.
struct PageRequest {
    std::int64_t after_id = 0;
    int limit = kDefaultPageLimit;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;  // null on the last page
};

// The opaque cursor of the page after the item with `last_id`.
std::string EncodeCursor(std::int64_t last_id);
// The id a cursor continues after; nullopt when the cursor was not made by EncodeCursor.
std::optional<std::int64_t> DecodeCursor(std::string_view cursor);

// Builds a page from up to limit + 1 rows fetched: the extra row, when present, only tells
// that another page exists.
template <typename T, typename IdOf>
Page<T> MakePage(std::vector<T> rows, int limit, IdOf id_of) {
    Page<T> page;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(limit);
        page.next_cursor = EncodeCursor(id_of(rows.back()));
    }
    page.items = std::move(rows);
    return page;
}

}  // namespace voronka
