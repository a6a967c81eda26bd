#include "exchange/csv.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace voronka::exchange {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Windows-1251 bytes 0x80..0xBF as code points (0x98 is unassigned); 0xC0..0xFF are U+0410..U+044F.
constexpr std::array<char32_t, 64> kCp1251High = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  //
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  //
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  //
    0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  //
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  //
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  //
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  //
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
};

constexpr std::array<char, 4> kDelimiters = {',', ';', '\t', '|'};

}  // namespace

Result<bool> CsvParser::Fail(std::string message) {
    error_ = Error::Validation("line " + std::to_string(line_) + ": " + std::move(message), "file");
    return *error_;
}

void CsvParser::EndField() {
    record_bytes_ += sizeof(std::string);  // so that a record of empty fields is bounded too
    fields_.push_back(std::move(field_));
    field_.clear();
}

void CsvParser::EndRecord(const CsvSink& sink) {
    sink(fields_, record_line_);
    fields_.clear();
    record_bytes_ = 0;
}

Result<bool> CsvParser::Feed(std::string_view bytes, const CsvSink& sink) {
    if (error_) return *error_;
    if (finished_) return Fail("the input has ended");
    if (!started_) {
        const std::size_t take = std::min(bytes.size(), kUtf8Bom.size() - head_.size());
        head_.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (head_.size() < kUtf8Bom.size()) return true;
        started_ = true;
        if (head_ != kUtf8Bom) {
            if (auto fed = Feed(head_, sink); !fed) return fed;
        }
    }
    for (const char c : bytes) {
        if (++record_bytes_ > kMaxCsvRecordBytes) {
            return Fail("a record is longer than " + std::to_string(kMaxCsvRecordBytes >> 20) +
                        " MiB (is a quote left open?)");
        }
        if (state_ == State::kAfterCr) {
            state_ = State::kFieldStart;
            if (c == '\n') {
                record_bytes_ = 0;
                continue;
            }
        }
        const bool ends_record = c == '\n' || c == '\r';
        switch (state_) {
            case State::kQuoted:
                if (c == '"') {
                    state_ = State::kQuoteInQuoted;
                } else {
                    // A line end inside the field: CR, LF or CRLF, counted once.
                    if (c == '\r' || (c == '\n' && !quoted_cr_)) ++line_;
                    field_ += c;
                }
                quoted_cr_ = c == '\r';
                continue;
            case State::kQuoteInQuoted:
                if (c == '"') {
                    field_ += '"';
                    state_ = State::kQuoted;
                    continue;
                }
                if (c != delimiter_ && !ends_record) return Fail("text after a closing quote");
                break;
            case State::kFieldStart:
                if (c == '"') {
                    state_ = State::kQuoted;
                    continue;
                }
                break;
            case State::kUnquoted:
            case State::kAfterCr: break;
        }
        if (c == delimiter_) {
            EndField();
            state_ = State::kFieldStart;
        } else if (ends_record) {
            EndField();
            EndRecord(sink);
            ++line_;
            record_line_ = line_;
            state_ = c == '\r' ? State::kAfterCr : State::kFieldStart;
        } else {
            field_ += c;
            state_ = State::kUnquoted;
        }
    }
    return true;
}

Result<bool> CsvParser::Finish(const CsvSink& sink) {
    if (error_) return *error_;
    if (finished_) return true;
    if (!started_) {
        started_ = true;
        if (head_ != kUtf8Bom) {
            if (auto fed = Feed(head_, sink); !fed) return fed;
        }
    }
    switch (state_) {
        case State::kQuoted: return Fail("a quoted field is not closed");
        case State::kUnquoted:
        case State::kQuoteInQuoted:
            EndField();
            EndRecord(sink);
            break;
        case State::kFieldStart:
            if (!fields_.empty()) {
                EndField();
                EndRecord(sink);
            }
            break;
        case State::kAfterCr: break;
    }
    finished_ = true;
    return true;
}

char DetectDelimiter(std::string_view sample) {
    const auto last_line_end = sample.find_last_of("\r\n");
    if (last_line_end != std::string_view::npos) sample = sample.substr(0, last_line_end + 1);
    char best = ',';
    std::size_t best_width = 1;
    for (const char candidate : kDelimiters) {
        std::size_t width = 0;
        bool same = true;
        CsvParser parser(candidate);
        const CsvSink count = [&](const std::vector<std::string>& fields, std::int64_t) {
            if (fields.size() == 1 && fields[0].empty()) return;  // a blank line
            if (width == 0) width = fields.size();
            same = same && fields.size() == width;
        };
        if (!parser.Feed(sample, count)) continue;
        if (last_line_end == std::string_view::npos && !parser.Finish(count)) continue;
        if (same && width > best_width) {
            best = candidate;
            best_width = width;
        }
    }
    return best;
}

Encoding DetectEncoding(std::string_view sample) {
    // Leave out a sequence the sample cuts short: its lead byte and the continuations after it.
    std::size_t cut = sample.size();
    for (std::size_t back = 1; back <= 3 && back <= sample.size(); ++back) {
        const auto byte = static_cast<unsigned char>(sample[sample.size() - back]);
        if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
        const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        if (length > back) cut = sample.size() - back;
        break;
    }
    return IsValidUtf8(sample.substr(0, cut)) ? Encoding::kUtf8 : Encoding::kWindows1251;
}

std::string Cp1251ToUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else if (byte < 0xC0) {
            AppendUtf8(kCp1251High[byte - 0x80], out);
        } else {
            AppendUtf8(U'\u0410' + (byte - 0xC0), out);
        }
    }
    return out;
}

}  // namespace voronka::exchange
