#include "messaging/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "crm/custom_fields.hpp"

namespace voronka::messaging {
namespace {

constexpr std::array<std::string_view, 16> kFixedPlaceholders{
    "record.title",     "record.name",       "record.amount",
    "record.stage",     "record.pipeline",   "record.expected_close_on",
    "record.id",        "contact.name",      "contact.phone",
    "contact.email",    "company.name",      "owner.name",
    "owner.email",      "organisation.name", "meeting.at",
    "meeting.location",
};

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

}  // namespace

bool IsKnownPlaceholder(std::string_view name) {
    if (std::find(kFixedPlaceholders.begin(), kFixedPlaceholders.end(), name) != kFixedPlaceholders.end()) {
        return true;
    }
    if (!name.starts_with(kCustomFieldsPrefix)) return false;
    return crm::CheckCustomFieldName(name.substr(kCustomFieldsPrefix.size())).ok();
}

Result<ParsedTemplate> ParseTemplate(std::string_view text, std::string_view field) {
    const std::string where(field);
    ParsedTemplate parsed;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find(kOpen, pos);
        const std::size_t close = text.find(kClose, pos);
        if (close != std::string_view::npos && (open == std::string_view::npos || close < open)) {
            return Error::Validation(fmt::format("«}}}}» без открывающей «{{{{» (символ {})",
                                                 Utf8Length(text.substr(0, close)) + 1),
                                     where);
        }
        if (open == std::string_view::npos) {
            parsed.parts.push_back({false, std::string(text.substr(pos))});
            break;
        }
        if (open > pos) parsed.parts.push_back({false, std::string(text.substr(pos, open - pos))});
        const std::size_t end = text.find(kClose, open + kOpen.size());
        if (end == std::string_view::npos) {
            return Error::Validation(fmt::format("«{{{{» без закрывающей «}}}}» (символ {})",
                                                 Utf8Length(text.substr(0, open)) + 1),
                                     where);
        }
        const std::string_view inner = text.substr(open + kOpen.size(), end - open - kOpen.size());
        if (inner.find_first_of("{}") != std::string_view::npos) {
            return Error::Validation(fmt::format("фигурные скобки внутри подстановки (символ {})",
                                                 Utf8Length(text.substr(0, open)) + 1),
                                     where);
        }
        const std::string_view name = Trim(inner);
        if (name.empty()) return Error::Validation("пустая подстановка {{}}", where);
        if (!IsKnownPlaceholder(name)) {
            return Error::Validation(fmt::format("неизвестная подстановка {{{{{}}}}}", name), where);
        }
        parsed.parts.push_back({true, std::string(name)});
        if (std::find(parsed.placeholders.begin(), parsed.placeholders.end(), name) ==
            parsed.placeholders.end()) {
            parsed.placeholders.emplace_back(name);
        }
        pos = end + kClose.size();
    }
    return parsed;
}

Result<std::string> Render(const ParsedTemplate& parsed, const TemplateValues& values) {
    std::string out;
    for (const auto& part : parsed.parts) {
        if (!part.is_placeholder) {
            out += part.text;
            continue;
        }
        const auto value = values.find(part.text);
        if (value == values.end()) {
            return Error::Validation(fmt::format("нет значения для {{{{{}}}}}", part.text), part.text);
        }
        out += value->second;
    }
    return out;
}

}  // namespace voronka::messaging
