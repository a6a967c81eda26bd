// Reading CSV as spreadsheets and other CRMs write it, a chunk at a time, so that an import never
// holds a whole file in memory (issue 13). Owned by exchange. Pure: no I/O, no clock.
//
// What is read: RFC 4180 records (quoted fields with doubled quotes inside, line ends inside
// quotes), a UTF-8 byte-order mark at the start, LF, CRLF or CR line ends, and any one of
// `,` `;` TAB `|` as the delimiter (DetectDelimiter picks it from the first lines). Text is
// UTF-8 or Windows-1251 (DetectEncoding; Cp1251ToUtf8 turns the latter into UTF-8).
//
//     CsvParser parser(DetectDelimiter(first_chunk));
//     for (each chunk) if (auto fed = parser.Feed(chunk, sink); !fed) report(fed.error());
//     if (auto done = parser.Finish(sink); !done) report(done.error());
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace voronka::exchange {

// A record is delivered with the number of the line it starts on (1-based, counting line ends
// inside quoted fields), which error reports cite.
using CsvSink = std::function<void(const std::vector<std::string>& fields, std::int64_t line)>;

// No record may take more than this many bytes (its text, plus the size of a std::string per
// field): beyond it (typically an unclosed quote) the parser stops with an error instead of
// buffering the rest of the file.
inline constexpr std::size_t kMaxCsvRecordBytes = 1 << 20;

class CsvParser {
public:
    explicit CsvParser(char delimiter = ',') : delimiter_(delimiter) {}

    // Reads `bytes`, calling `sink` for every record completed by them. After an error (a
    // validation_failed naming the line) the parser is stopped: later calls answer it again.
    Result<bool> Feed(std::string_view bytes, const CsvSink& sink);
    // Ends the input: delivers a last record without a line end; an open quoted field is an
    // error. A file without records delivers nothing; a blank line is a record of one empty field.
    // Feeding after Finish is an error.
    Result<bool> Finish(const CsvSink& sink);

private:
    enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterCr };

    Result<bool> Fail(std::string message);
    void EndField();
    void EndRecord(const CsvSink& sink);

    char delimiter_;
    State state_ = State::kFieldStart;
    bool started_ = false;  // the first bytes were checked for a byte-order mark
    std::string head_;      // the first bytes, until there are enough to check
    std::string field_;
    std::vector<std::string> fields_;
    std::size_t record_bytes_ = 0;
    std::int64_t line_ = 1;         // the line being read
    std::int64_t record_line_ = 1;  // the line the current record started on
    bool quoted_cr_ = false;        // the last byte of a quoted field was a CR
    bool finished_ = false;
    std::optional<Error> error_;
};

// The delimiter among `,` `;` TAB `|` that splits the complete lines of `sample` (outside quotes)
// into the same number of fields, more than one, most often (blank lines aside); `,` when none
// does.
char DetectDelimiter(std::string_view sample);

enum class Encoding { kUtf8, kWindows1251 };

// UTF-8 when `sample` is valid UTF-8 (an incomplete sequence cut off at its end allowed),
// Windows-1251 otherwise: the two encodings Russian spreadsheets are saved in.
Encoding DetectEncoding(std::string_view sample);

// Windows-1251 to UTF-8, byte by byte (every byte has a meaning, so chunks may be cut anywhere).
std::string Cp1251ToUtf8(std::string_view bytes);

}  // namespace voronka::exchange
