// ISO 8601 timestamps (core/time.hpp): whatever parses formats as UTC text that parses back to
// the same instant, and that text is stable.
#include <cstddef>
#include <cstdint>

#include "core/time.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto at = voronka::ParseIso8601(voronka::fuzz::TextOf(data, size));
    if (!at) return 0;
    const std::string utc = voronka::FormatIso8601(*at);
    const auto again = voronka::ParseIso8601(utc);
    Expect(again == at, "the UTC form of a parsed time parses to the same instant");
    Expect(voronka::FormatIso8601(*again) == utc, "the UTC form is stable");
    return 0;
}
