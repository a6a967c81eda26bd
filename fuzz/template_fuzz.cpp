// The template language (messaging/template.hpp). A text that parses has a canonical form
// (each placeholder written `{{name}}`) that parses to the same parts; it renders when every
// placeholder has a value, and otherwise names the first placeholder that has none.
#include <cstddef>
#include <cstdint>
#include <string>

#include "messaging/template.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;
using voronka::messaging::ParsedTemplate;

namespace {

bool SameParts(const ParsedTemplate& a, const ParsedTemplate& b) {
    if (a.parts.size() != b.parts.size() || a.placeholders != b.placeholders) return false;
    for (std::size_t i = 0; i < a.parts.size(); ++i) {
        if (a.parts[i].is_placeholder != b.parts[i].is_placeholder || a.parts[i].text != b.parts[i].text) {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = voronka::messaging::ParseTemplate(voronka::fuzz::TextOf(data, size), "text");
    if (!parsed) {
        Expect(parsed.error().field == "text", "a parse error names the field");
        return 0;
    }
    std::string canonical;
    std::string rendered;
    voronka::messaging::TemplateValues values;
    for (const auto& part : parsed->parts) {
        canonical += part.is_placeholder ? "{{" + part.text + "}}" : part.text;
        rendered += part.is_placeholder ? "<" + part.text + ">" : part.text;
        if (part.is_placeholder) values[part.text] = "<" + part.text + ">";
    }
    const auto reparsed = voronka::messaging::ParseTemplate(canonical, "text");
    Expect(reparsed && SameParts(*parsed, *reparsed), "the canonical form parses to the same parts");

    const auto full = voronka::messaging::Render(*parsed, values);
    Expect(full && *full == rendered, "a template renders with every value given");
    if (!parsed->placeholders.empty()) {
        values.erase(parsed->placeholders.front());
        const auto partial = voronka::messaging::Render(*parsed, values);
        Expect(!partial && partial.error().field == parsed->placeholders.front(), "a missing value is named");
    }
    return 0;
}
