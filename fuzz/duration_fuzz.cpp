// ISO 8601 durations (core/duration.hpp): whatever parses is within the documented range, and
// its canonical form parses back to the same number of seconds and formats the same again.
#include <cstddef>
#include <cstdint>

#include "core/duration.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto seconds = voronka::ParseIsoDuration(voronka::fuzz::TextOf(data, size));
    if (!seconds) return 0;
    Expect(*seconds >= 0 && *seconds <= 100LL * 366 * 86400, "a parsed duration is from 0 to 100 years");
    const std::string canonical = voronka::FormatIsoDuration(*seconds);
    const auto again = voronka::ParseIsoDuration(canonical);
    Expect(again == seconds, "the canonical form parses to the same seconds");
    Expect(voronka::FormatIsoDuration(*again) == canonical, "the canonical form is stable");
    return 0;
}
