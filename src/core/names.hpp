// Tables of the stable wire names of enums ("admin", "lead", ...), read both ways. Owned by core.
// Pure, constexpr-friendly.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace voronka {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value` in `table`; empty when absent (a programmer error).
template <typename E, std::size_t N>
constexpr std::string_view NameIn(const NameTable<E, N>& table, E value) {
    for (const auto& [v, name] : table) {
        if (v == value) return name;
    }
    return {};
}

// The value named `name` in `table`; nullopt for an unknown name (user input).
template <typename E, std::size_t N>
constexpr std::optional<E> ValueIn(const NameTable<E, N>& table, std::string_view name) {
    for (const auto& [value, text] : table) {
        if (text == name) return value;
    }
    return std::nullopt;
}

}  // namespace voronka
