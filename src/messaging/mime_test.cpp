#include "messaging/mime.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace voronka::messaging {
namespace {

std::string DecodeBase64(std::string_view text) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        if (c == '=' || c == '\r' || c == '\n') continue;
        const auto pos = kAlphabet.find(c);
        if (pos == std::string::npos) ADD_FAILURE() << "not base64: " << c;
        buffer = buffer << 6 | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>(buffer >> bits & 0xFF);
        }
    }
    return out;
}

// Decodes a header value made of encoded words (and folding) back to UTF-8.
std::string DecodeHeader(std::string_view value) {
    std::string out;
    std::size_t pos = 0;
    while (pos < value.size()) {
        const auto start = value.find("=?UTF-8?B?", pos);
        if (start == std::string_view::npos) {
            out += value.substr(pos);
            break;
        }
        const auto end = value.find("?=", start + 10);
        out += DecodeBase64(value.substr(start + 10, end - start - 10));
        pos = end + 2;
        while (pos < value.size() && (value[pos] == '\r' || value[pos] == '\n' || value[pos] == ' ')) ++pos;
    }
    return out;
}

std::vector<std::string> SplitCrlf(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find("\r\n", pos);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF at " << pos;
        if (end == std::string::npos) break;
        lines.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return lines;
}

struct Parsed {
    std::map<std::string, std::string> headers;  // unfolded
    std::string boundary;
    std::map<std::string, std::string> parts;  // content type -> decoded body
};

Parsed Parse(const std::string& mime) {
    for (std::size_t i = 0; i < mime.size(); ++i) {
        if (mime[i] == '\n') {
            EXPECT_TRUE(i > 0 && mime[i - 1] == '\r') << "bare LF at " << i;
        }
    }
    Parsed parsed;
    const auto lines = SplitCrlf(mime);
    std::size_t i = 0;
    std::string last;
    for (; i < lines.size() && !lines[i].empty(); ++i) {
        EXPECT_LE(lines[i].size(), 998u);
        if (lines[i][0] == ' ') {
            parsed.headers[last] += lines[i];
            continue;
        }
        const auto colon = lines[i].find(": ");
        last = lines[i].substr(0, colon);
        parsed.headers[last] = lines[i].substr(colon + 2);
    }
    const std::string& type = parsed.headers["Content-Type"];
    const auto b = type.find("boundary=\"");
    parsed.boundary = type.substr(b + 10, type.find('"', b + 10) - b - 10);
    std::string part_type, body;
    bool in_body = false;
    for (++i; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line == "--" + parsed.boundary || line == "--" + parsed.boundary + "--") {
            if (!part_type.empty()) parsed.parts[part_type] = DecodeBase64(body);
            part_type.clear();
            body.clear();
            in_body = false;
            continue;
        }
        if (!in_body) {
            if (line.empty()) {
                in_body = true;
            } else if (line.rfind("Content-Type: ", 0) == 0) {
                part_type = line.substr(14);
            } else {
                EXPECT_EQ(line, "Content-Transfer-Encoding: base64");
            }
            continue;
        }
        EXPECT_LE(line.size(), 76u);
        body += line;
    }
    return parsed;
}

TEST(Mime, BuildsMultipartAlternativeThatDecodesBack) {
    MailMessage message;
    message.from = {"Воронка CRM", "noreply@voronka.example"};
    message.to = {"", "client@example.com"};
    message.subject = "Специальное предложение для ООО «Ромашка» — скидка 15% до пятницы включительно";
    message.text = "Здравствуйте, Иван!\nВаше предложение: " + std::string(300, 'x') + "\nС уважением.";
    message.html = "<p>Здравствуйте, <b>Иван</b>!</p>";
    message.date = 1795773600;  // 2026-11-27T10:00:00Z, a Friday
    const std::string mime = BuildMime(message);
    const Parsed parsed = Parse(mime);

    EXPECT_EQ(DecodeHeader(parsed.headers.at("Subject")), message.subject);
    EXPECT_EQ(parsed.headers.at("To"), "<client@example.com>");
    const std::string& from = parsed.headers.at("From");
    EXPECT_EQ(DecodeHeader(from.substr(0, from.find(" <"))), "Воронка CRM");
    EXPECT_NE(from.find("<noreply@voronka.example>"), std::string::npos);
    EXPECT_EQ(parsed.headers.at("Date"), "Fri, 27 Nov 2026 10:00:00 +0000");
    EXPECT_EQ(parsed.headers.at("MIME-Version"), "1.0");
    const std::string& id = parsed.headers.at("Message-ID");
    EXPECT_EQ(id.front(), '<');
    EXPECT_NE(id.find("@voronka.example>"), std::string::npos);
    EXPECT_EQ(parsed.headers.at("Content-Type").rfind("multipart/alternative;", 0), 0u);
    EXPECT_NE(parsed.boundary.find("=_"), std::string::npos);
    ASSERT_EQ(parsed.parts.size(), 2u);
    EXPECT_EQ(parsed.parts.at("text/plain; charset=utf-8"), message.text);
    EXPECT_EQ(parsed.parts.at("text/html; charset=utf-8"), *message.html);
}

TEST(Mime, TextOnlyMessageHasOnePart) {
    MailMessage message;
    message.from = {"", "a@b.example"};
    message.to = {"", "c@d.example"};
    message.subject = "Plain subject";
    message.text = "Hello";
    message.message_id = "<fixed@b.example>";
    const Parsed parsed = Parse(BuildMime(message));
    EXPECT_EQ(parsed.headers.at("Subject"), "Plain subject");
    EXPECT_EQ(parsed.headers.at("Message-ID"), "<fixed@b.example>");
    ASSERT_EQ(parsed.parts.size(), 1u);
    EXPECT_EQ(parsed.parts.at("text/plain; charset=utf-8"), "Hello");
}

TEST(EncodeHeaderText, WordsAreAtMost75CharactersAndSplitOnCharacters) {
    const std::string subject =
        "Ёлки-палки: " + std::string(40, 'a') + std::string("ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ") + "😀😀😀";
    const std::string encoded = EncodeHeaderText(subject);
    std::size_t pos = 0;
    int words = 0;
    while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
        const auto end = encoded.find("?=", pos + 10) + 2;
        EXPECT_LE(end - pos, 75u);
        const std::string decoded = DecodeHeader(encoded.substr(pos, end - pos));
        // Each word holds whole characters: it never starts with a continuation byte.
        EXPECT_NE(static_cast<unsigned char>(decoded[0]) & 0xC0, 0x80);
        pos = end;
        ++words;
    }
    EXPECT_GT(words, 2);
    EXPECT_EQ(DecodeHeader(encoded), subject);
}

TEST(EncodeHeaderText, LineBreaksCannotInjectHeaders) {
    const std::string encoded = EncodeHeaderText("Hi\r\nBcc: victim@example.com");
    EXPECT_EQ(encoded.find("\r\nBcc"), std::string::npos);
    EXPECT_EQ(encoded, "Hi  Bcc: victim@example.com");
    EXPECT_EQ(EncodeHeaderText("=?UTF-8?B?x?="), "=?UTF-8?B?PT9VVEYtOD9CP3g/PQ==?=");
}

TEST(Base64Lines, Uses76CharacterCrlfLines) {
    const std::string encoded = Base64Lines(std::string(200, 'z'));
    const auto lines = SplitCrlf(encoded);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].size(), 76u);
    EXPECT_EQ(DecodeBase64(encoded), std::string(200, 'z'));
    EXPECT_EQ(Base64Lines(""), "");
    EXPECT_EQ(Base64Lines("f"), "Zg==\r\n");
    EXPECT_EQ(Base64Lines("fo"), "Zm8=\r\n");
    EXPECT_EQ(Base64Lines("foo"), "Zm9v\r\n");
}

TEST(ParseMailbox, ReadsBareAndNamedAddresses) {
    auto bare = ParseMailbox("sales@voronka.example", "from");
    ASSERT_TRUE(bare.ok());
    EXPECT_EQ(bare->address, "sales@voronka.example");
    EXPECT_EQ(bare->name, "");
    auto named = ParseMailbox("Отдел продаж <sales@voronka.example>", "from");
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named->name, "Отдел продаж");
    EXPECT_EQ(named->address, "sales@voronka.example");
    auto quoted = ParseMailbox("\"Sales, Inc\" <s@v.example>", "from");
    ASSERT_TRUE(quoted.ok());
    EXPECT_EQ(quoted->name, "Sales, Inc");
    EXPECT_EQ(FormatMailbox(*quoted), "\"Sales, Inc\" <s@v.example>");
}

TEST(ParseMailbox, RefusesMalformedNamingTheField) {
    for (const char* text : {"", "no-at-sign", "a@b@c", "Name <a@b", "Name a@b>", "<a@b> trailing",
                             "a@b\r\nBcc: x@y", "Na\"me <a@b.c>"}) {
        const auto result = ParseMailbox(text, "from");
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().field, "from");
    }
}

TEST(NewMessageId, IsUniqueAndUsesTheSendersDomain) {
    const std::string a = NewMessageId("x@mail.example");
    const std::string b = NewMessageId("x@mail.example");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.substr(a.find('@')), "@mail.example>");
    EXPECT_EQ(NewMessageId("broken").substr(NewMessageId("broken").find('@')), "@localhost>");
}

}  // namespace
}  // namespace voronka::messaging
