// The template language of SMS and e-mail texts: literal text with `{{name}}` placeholders
// (spaces inside the braces allowed: `{{ meeting.at }}`), parsed once and rendered against
// values already formatted for the organisation. Owned by messaging. Pure functions, thread-safe.
//
// Single braces are literal text; `{{` always opens a placeholder and `}}` always closes one.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace voronka::messaging {

// Values of placeholders by name ("record.title", "custom_fields.budget"), already formatted.
using TemplateValues = std::map<std::string, std::string>;

// `custom_fields.NAME` names the custom field NAME of the record's type.
inline constexpr std::string_view kCustomFieldsPrefix = "custom_fields.";

// One piece of a parsed text: literal text, or the name of a placeholder (trimmed).
struct TemplatePart {
    bool is_placeholder = false;
    std::string text;
};

struct ParsedTemplate {
    std::vector<TemplatePart> parts;
    std::vector<std::string> placeholders;  // each name once, in order of first use
};

// When adding a placeholder, also fill it in template_values.cpp (LoadTemplateValues) and list
// it in the templates fragment of the OpenAPI document.
// True for the fixed names (record.*, contact.*, company.name, owner.*, organisation.name,
// meeting.*) and for custom_fields.NAME with a well-formed NAME; whether that custom field
// exists is the template service's check.
bool IsKnownPlaceholder(std::string_view name);

// Parses `text`. Validation naming `field` on unbalanced braces (`{{x`, `x}}`), an empty
// placeholder (`{{}}`, `{{ }}`), braces inside a placeholder (`{{ {{x}} }}`, `{{{x}}}`) or an
// unknown placeholder name.
Result<ParsedTemplate> ParseTemplate(std::string_view text, std::string_view field);

// The text with every placeholder replaced by its value. Validation naming the placeholder
// (field = its name, message "нет значения для {{NAME}}") when a placeholder has no value, so
// that a client never receives a message with an empty hole.
Result<std::string> Render(const ParsedTemplate& parsed, const TemplateValues& values);

}  // namespace voronka::messaging
