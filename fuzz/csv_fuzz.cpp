// CSV as an import reads it (exchange/csv.hpp): whatever the bytes, the parser ends; cutting the
// input into chunks anywhere changes neither the records, their lines nor the error; no record
// exceeds the limit; and what is read as Windows-1251 decodes to valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "exchange/csv.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;
namespace exchange = voronka::exchange;

namespace {

struct Outcome {
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
    std::optional<std::string> error;
};

Outcome Parse(std::string_view text, char delimiter, std::size_t chunk) {
    Outcome outcome;
    exchange::CsvParser parser(delimiter);
    const exchange::CsvSink sink = [&](const std::vector<std::string>& fields, std::int64_t line) {
        outcome.records.push_back(fields);
        outcome.lines.push_back(line);
    };
    for (std::size_t at = 0; at < text.size(); at += chunk) {
        if (auto fed = parser.Feed(text.substr(at, chunk), sink); !fed) {
            outcome.error = fed.error().message;
            return outcome;
        }
    }
    if (auto done = parser.Finish(sink); !done) outcome.error = done.error().message;
    return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::string_view text = voronka::fuzz::TextOf(data + 2, size - 2);
    const char delimiter = exchange::DetectDelimiter(text);
    const std::size_t chunk = 1 + data[0] % 7;
    const Outcome whole = Parse(text, delimiter, std::max<std::size_t>(text.size(), 1));
    const Outcome pieces = Parse(text, delimiter, chunk);
    Expect(whole.records == pieces.records, "chunking does not change the records");
    Expect(whole.lines == pieces.lines, "chunking does not change the lines");
    Expect(whole.error == pieces.error, "chunking does not change the error");
    for (std::size_t i = 1; i < whole.lines.size(); ++i) {
        Expect(whole.lines[i] > whole.lines[i - 1], "records start on rising lines");
    }
    if (exchange::DetectEncoding(text) == exchange::Encoding::kWindows1251 || data[1] % 2 == 0) {
        Expect(voronka::IsValidUtf8(exchange::Cp1251ToUtf8(text)), "Windows-1251 decodes to valid UTF-8");
    }
    return 0;
}
