#include "core/page.hpp"

#include <charconv>

namespace voronka {
namespace {
constexpr std::string_view kCursorPrefix = "c1.";
}

std::string EncodeCursor(std::int64_t last_id) {
    return std::string(kCursorPrefix) + std::to_string(last_id);
}

std::optional<std::int64_t> DecodeCursor(std::string_view cursor) {
    if (!cursor.starts_with(kCursorPrefix)) return std::nullopt;
    cursor.remove_prefix(kCursorPrefix.size());
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), id);
    if (ec != std::errc{} || end != cursor.data() + cursor.size() || id < 0) return std::nullopt;
    return id;
}

}  // namespace voronka
