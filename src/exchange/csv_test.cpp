#include "exchange/csv.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>
#include <vector>

namespace voronka::exchange {
namespace {

struct Parsed {
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
    std::optional<Error> error;
};

// Parses `text` fed in chunks of `chunk` bytes (0: all at once).
Parsed Parse(std::string_view text, char delimiter = ',', std::size_t chunk = 0) {
    Parsed parsed;
    CsvParser parser(delimiter);
    const CsvSink sink = [&](const std::vector<std::string>& fields, std::int64_t line) {
        parsed.records.push_back(fields);
        parsed.lines.push_back(line);
    };
    const std::size_t step = chunk == 0 ? std::max<std::size_t>(text.size(), 1) : chunk;
    for (std::size_t at = 0; at < text.size(); at += step) {
        if (auto fed = parser.Feed(text.substr(at, step), sink); !fed) {
            parsed.error = fed.error();
            return parsed;
        }
    }
    if (auto done = parser.Finish(sink); !done) parsed.error = done.error();
    return parsed;
}

using Records = std::vector<std::vector<std::string>>;

TEST(Csv, ReadsQuotedFieldsWithDelimitersQuotesAndLineEndsInside) {
    const Parsed parsed = Parse(
        "name,phone,comment\r\n"
        "\"ООО \"\"Ромашка\"\"\",+7 916 123-45-67,\"first line\nsecond, line\"\r\n"
        "Иванов,,\n");
    ASSERT_FALSE(parsed.error) << parsed.error->message;
    EXPECT_EQ(parsed.records, (Records{{"name", "phone", "comment"},
                                       {"ООО \"Ромашка\"", "+7 916 123-45-67", "first line\nsecond, line"},
                                       {"Иванов", "", ""}}));
    EXPECT_EQ(parsed.lines, (std::vector<std::int64_t>{1, 2, 4}));
}

TEST(Csv, EveryChunkingGivesTheSameRecords) {
    const std::string text =
        "\xEF\xBB\xBF"
        "a;\"b\"\"c\";d\r\n\"x\ny\";;\"\"\r\nlast;\"q\";z";
    const Parsed whole = Parse(text, ';');
    ASSERT_FALSE(whole.error);
    EXPECT_EQ(whole.records, (Records{{"a", "b\"c", "d"}, {"x\ny", "", ""}, {"last", "q", "z"}}));
    for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
        const Parsed pieces = Parse(text, ';', chunk);
        ASSERT_FALSE(pieces.error) << "chunk " << chunk;
        EXPECT_EQ(pieces.records, whole.records) << "chunk " << chunk;
        EXPECT_EQ(pieces.lines, whole.lines) << "chunk " << chunk;
    }
}

TEST(Csv, TheByteOrderMarkIsDroppedOnlyAtTheStart) {
    EXPECT_EQ(Parse("\xEF\xBB\xBFname\n").records, (Records{{"name"}}));
    EXPECT_EQ(Parse("x\n\xEF\xBB\xBFy\n").records, (Records{{"x"}, {"\xEF\xBB\xBFy"}}));
    EXPECT_EQ(Parse("\xEF\xBB").records, (Records{{"\xEF\xBB"}}));
}

TEST(Csv, LineEndsOfEveryKindEndRecordsAndALastLineNeedsNone) {
    EXPECT_EQ(Parse("a\rb\r\nc\nd").records, (Records{{"a"}, {"b"}, {"c"}, {"d"}}));
    EXPECT_EQ(Parse("a\rb\r\nc\nd").lines, (std::vector<std::int64_t>{1, 2, 3, 4}));
    EXPECT_EQ(Parse("a,b\n\nc,d\n").records, (Records{{"a", "b"}, {""}, {"c", "d"}}));
    EXPECT_EQ(Parse("a,\n").records, (Records{{"a", ""}}));
    EXPECT_TRUE(Parse("").records.empty());
}

TEST(Csv, AnOpenQuoteOrTextAfterAClosingQuoteIsAnErrorNamingTheLine) {
    const Parsed open = Parse("a,b\nc,\"never closed\nd,e\n");
    ASSERT_TRUE(open.error);
    EXPECT_EQ(open.error->code, ErrorCode::kValidationFailed);
    EXPECT_NE(open.error->message.find("not closed"), std::string::npos) << open.error->message;
    EXPECT_EQ(open.records, (Records{{"a", "b"}}));

    const Parsed after = Parse("a,b\n\"x\"y,z\n");
    ASSERT_TRUE(after.error);
    EXPECT_NE(after.error->message.find("line 2"), std::string::npos) << after.error->message;
}

TEST(Csv, ARecordOverTheLimitStopsTheParserInsteadOfBufferingTheFile) {
    CsvParser parser;
    const CsvSink ignore = [](const std::vector<std::string>&, std::int64_t) {};
    ASSERT_TRUE(parser.Feed("\"", ignore));
    const std::string megabyte(kMaxCsvRecordBytes, 'x');
    const auto fed = parser.Feed(megabyte, ignore);
    ASSERT_FALSE(fed);
    EXPECT_NE(fed.error().message.find("quote left open"), std::string::npos) << fed.error().message;
    EXPECT_FALSE(parser.Feed("y\n", ignore)) << "a stopped parser stays stopped";
    EXPECT_FALSE(parser.Finish(ignore));
}

TEST(Csv, LineEndsInsideQuotesCountOnceWhateverTheirKind) {
    EXPECT_EQ(Parse("\"a\rb\"\rnext\r").lines, (std::vector<std::int64_t>{1, 3}));
    EXPECT_EQ(Parse("\"a\r\nb\"\r\nnext\r\n").lines, (std::vector<std::int64_t>{1, 3}));
    EXPECT_EQ(Parse("\"a\n\nb\"\nnext\n").lines, (std::vector<std::int64_t>{1, 4}));
}

TEST(Csv, ARecordOfEmptyFieldsIsBoundedToo) {
    CsvParser parser;
    const CsvSink ignore = [](const std::vector<std::string>&, std::int64_t) {};
    EXPECT_FALSE(parser.Feed(std::string(kMaxCsvRecordBytes / sizeof(std::string) + 1, ','), ignore));
}

TEST(Csv, NothingIsReadAfterTheEnd) {
    CsvParser parser;
    const CsvSink ignore = [](const std::vector<std::string>&, std::int64_t) {};
    ASSERT_TRUE(parser.Feed("a\n", ignore));
    ASSERT_TRUE(parser.Finish(ignore));
    EXPECT_FALSE(parser.Feed("b\n", ignore));
}

TEST(Csv, AQuoteInsideAnUnquotedFieldIsKeptAsText) {
    EXPECT_EQ(Parse("12\" screen,1\n").records, (Records{{"12\" screen", "1"}}));
}

TEST(Csv, TheDelimiterIsTheOneThatSplitsEveryLineAlike) {
    EXPECT_EQ(DetectDelimiter("Имя;Телефон;Email\nИванов;+79161234567;a@b.ru\n"), ';');
    EXPECT_EQ(DetectDelimiter("name\tphone\nx\ty\n"), '\t');
    EXPECT_EQ(DetectDelimiter("a|b|c\n1|2|3\n4|5"), '|');
    // Commas inside quotes do not count; a cut-off last line is not judged.
    EXPECT_EQ(DetectDelimiter("\"Иванов, Иван\";79161234567\n\"Петров, Пётр\";79161234568\n\"Сидо"), ';');
    EXPECT_EQ(DetectDelimiter("name,phone\nx,y\n"), ',');
    EXPECT_EQ(DetectDelimiter("justonecolumn\nvalue\n"), ',');
    EXPECT_EQ(DetectDelimiter("a;b;c\n\n1;2;3\n"), ';') << "a blank line does not count";
}

TEST(Csv, UnicodeTextIsUtf8AndEverythingElseIsWindows1251) {
    EXPECT_EQ(DetectEncoding("Иванов;+79161234567\n"), Encoding::kUtf8);
    EXPECT_EQ(DetectEncoding("plain ascii"), Encoding::kUtf8);
    const std::string cut = std::string("Иван").substr(0, 7);  // the last letter cut in half
    EXPECT_EQ(DetectEncoding(cut), Encoding::kUtf8);
    EXPECT_EQ(DetectEncoding("\xC8\xE2\xE0\xED\xEE\xE2"), Encoding::kWindows1251);  // Иванов
    EXPECT_EQ(DetectEncoding("\xE8\xE2\xE0\xED"), Encoding::kWindows1251);          // иван
}

TEST(Csv, Windows1251DecodesAsGlibcIconvDoes) {
    iconv_t cd = iconv_open("UTF-8", "CP1251");
    ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1));
    for (int byte = 1; byte < 256; ++byte) {
        if (byte == 0x98) continue;  // unassigned: iconv refuses it, we give U+FFFD
        char in[1] = {static_cast<char>(byte)};
        char out[8] = {};
        char* in_ptr = in;
        char* out_ptr = out;
        std::size_t in_left = 1;
        std::size_t out_left = sizeof out;
        ASSERT_NE(iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left), static_cast<std::size_t>(-1)) << byte;
        EXPECT_EQ(Cp1251ToUtf8(std::string(1, static_cast<char>(byte))), std::string(out, out_ptr)) << byte;
    }
    iconv_close(cd);
    EXPECT_EQ(Cp1251ToUtf8("\x98"), "\xEF\xBF\xBD");
    EXPECT_EQ(Cp1251ToUtf8("\xB8\xEB\xEA\xE0 \xB9"
                           "5"),
              "ёлка №5");
}

}  // namespace
}  // namespace voronka::exchange
