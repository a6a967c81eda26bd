#include "core/duration.hpp"

namespace voronka {

std::optional<std::int64_t> ParseIsoDuration(std::string_view text) {
    constexpr std::int64_t kMax = 100LL * 366 * 86400;
    if (text.size() < 3 || text.front() != 'P') return std::nullopt;
    std::size_t pos = 1;
    bool in_time = false;
    bool any = false;
    char last_unit = 0;
    std::int64_t total = 0;
    // Units in the order they must appear, with their length in seconds.
    constexpr std::string_view kDateUnits = "WD";
    constexpr std::string_view kTimeUnits = "HMS";
    while (pos < text.size()) {
        if (text[pos] == 'T') {
            if (in_time) return std::nullopt;
            in_time = true;
            last_unit = 0;
            ++pos;
            if (pos == text.size()) return std::nullopt;
            continue;
        }
        std::int64_t value = 0;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + (text[pos] - '0');
            if (value > kMax) return std::nullopt;
            ++pos;
        }
        if (pos == digits_start || pos == text.size()) return std::nullopt;
        const char unit = text[pos++];
        const std::string_view units = in_time ? kTimeUnits : kDateUnits;
        const auto index = units.find(unit);
        if (index == std::string_view::npos) return std::nullopt;
        if (last_unit != 0 && units.find(last_unit) >= index) return std::nullopt;
        last_unit = unit;
        std::int64_t seconds = 0;
        switch (unit) {
            case 'W': seconds = 7 * 86400; break;
            case 'D': seconds = 86400; break;
            case 'H': seconds = 3600; break;
            case 'M': seconds = 60; break;
            case 'S': seconds = 1; break;
        }
        total += value * seconds;
        if (total > kMax) return std::nullopt;
        any = true;
    }
    if (!any) return std::nullopt;
    return total;
}

std::string FormatIsoDuration(std::int64_t seconds) {
    if (seconds <= 0) return "PT0S";
    std::string out = "P";
    const std::int64_t days = seconds / 86400;
    seconds %= 86400;
    if (days > 0) out += std::to_string(days) + "D";
    if (seconds > 0) {
        out += "T";
        if (seconds >= 3600) out += std::to_string(seconds / 3600) + "H";
        seconds %= 3600;
        if (seconds >= 60) out += std::to_string(seconds / 60) + "M";
        seconds %= 60;
        if (seconds > 0) out += std::to_string(seconds) + "S";
    }
    return out;
}

}  // namespace voronka
