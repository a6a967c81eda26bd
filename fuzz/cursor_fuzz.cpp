// Page cursors (core/page.hpp). Kept to a thin call of DecodeCursor so that it follows the
// cursor format: a cursor that decodes re-encodes to one that decodes the same.
#include <cstddef>
#include <cstdint>

#include "core/page.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto after = voronka::DecodeCursor(voronka::fuzz::TextOf(data, size));
    if (!after) return 0;
    Expect(voronka::DecodeCursor(voronka::EncodeCursor(*after)) == after,
           "a decoded cursor encodes to one that decodes the same");
    return 0;
}
