#include "messaging/mime.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <ctime>

#include "core/validation.hpp"

namespace voronka::messaging {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// "=?UTF-8?B?" + "?=" around the payload; an encoded word may have 75 characters (RFC 2047 2).
constexpr std::size_t kWordOverhead = 12;
constexpr std::size_t kMaxWordLength = 75;
// The most input bytes whose base64 fits one word: 4 * ceil(n / 3) <= 63 -> 45 bytes.
constexpr std::size_t kMaxWordBytes = (kMaxWordLength - kWordOverhead) / 4 * 3;

std::string Base64(std::string_view data) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(data[i]) << 16 |
                           static_cast<unsigned char>(data[i + 1]) << 8 |
                           static_cast<unsigned char>(data[i + 2]);
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    if (i < data.size()) {
        unsigned v = static_cast<unsigned char>(data[i]) << 16;
        if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += i + 1 < data.size() ? kAlphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

bool IsContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Printable ASCII without characters that would need quoting or look like an encoded word.
bool IsPlainHeaderText(std::string_view text) {
    if (text.size() > 900 || text.find("=?") != std::string_view::npos) return false;
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
    }
    return true;
}

bool IsAtomText(std::string_view text) {
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
        if (!ok) return false;
    }
    return !text.empty();
}

std::string RandomHex(std::size_t bytes) {
    std::array<unsigned char, 32> buffer{};
    bytes = std::min(bytes, buffer.size());
    randombytes_buf(buffer.data(), bytes);
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) out += fmt::format("{:02x}", buffer[i]);
    return out;
}

std::string WithoutLineBreaks(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
    return out;
}

}  // namespace

Result<Mailbox> ParseMailbox(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return Error::Validation(
            fmt::format("{} must be an e-mail address, optionally as Name <address>", field),
            std::string(field));
    };
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return bad();
    }
    Mailbox mailbox;
    const auto open = text.find('<');
    if (open == std::string_view::npos) {
        if (text.find('>') != std::string_view::npos) return bad();
        auto address = CheckEmail(text, field);
        if (!address) return bad();
        mailbox.address = *address;
        return mailbox;
    }
    const auto close = text.find('>', open);
    if (close == std::string_view::npos || close != text.find_last_not_of(' ') ||
        text.find('<', open + 1) != std::string_view::npos) {
        return bad();
    }
    auto address = CheckEmail(text.substr(open + 1, close - open - 1), field);
    if (!address) return bad();
    mailbox.address = *address;
    std::string_view name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    if (name.find('"') != std::string_view::npos || name.find('\\') != std::string_view::npos) return bad();
    mailbox.name = std::string(name);
    return mailbox;
}

std::string EncodeHeaderText(std::string_view raw) {
    const std::string text = WithoutLineBreaks(raw);
    if (IsPlainHeaderText(text)) return text;
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = std::min(text.size(), pos + kMaxWordBytes);
        // Never cut a UTF-8 sequence: back up to the start of the character at `end`.
        while (end < text.size() && end > pos && IsContinuationByte(text[end])) --end;
        if (end == pos) end = std::min(text.size(), pos + kMaxWordBytes);  // invalid UTF-8: cut anyway
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?";
        out += Base64(std::string_view(text).substr(pos, end - pos));
        out += "?=";
        pos = end;
    }
    return out;
}

std::string FormatMailbox(const Mailbox& mailbox) {
    if (mailbox.name.empty()) return "<" + mailbox.address + ">";
    const std::string name = WithoutLineBreaks(mailbox.name);
    if (IsAtomText(name)) return name + " <" + mailbox.address + ">";
    if (IsPlainHeaderText(name) && name.find_first_of("\"\\") == std::string::npos) {
        return "\"" + name + "\" <" + mailbox.address + ">";
    }
    return EncodeHeaderText(name) + " <" + mailbox.address + ">";
}

std::string FormatMailDate(UnixTime time) {
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = static_cast<std::time_t>(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday,
                       kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string NewMessageId(std::string_view from_address) {
    const auto at = from_address.rfind('@');
    std::string_view domain = at == std::string_view::npos ? std::string_view{} : from_address.substr(at + 1);
    if (domain.empty() || domain.find_first_of("<>\r\n ") != std::string_view::npos) domain = "localhost";
    return "<" + RandomHex(16) + "@" + std::string(domain) + ">";
}

std::string Base64Lines(std::string_view data) {
    const std::string encoded = Base64(data);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
    for (std::size_t pos = 0; pos < encoded.size(); pos += 76) {
        out.append(encoded, pos, 76);
        out += kCrlf;
    }
    return out;
}

std::string BuildMime(const MailMessage& message) {
    const std::string boundary = "=_voronka_" + RandomHex(12);
    const std::string message_id =
        message.message_id.empty() ? NewMessageId(message.from.address) : message.message_id;
    std::string out;
    out += "From: " + FormatMailbox(message.from) + std::string(kCrlf);
    out += "To: " + FormatMailbox(message.to) + std::string(kCrlf);
    out += "Subject: " + EncodeHeaderText(message.subject) + std::string(kCrlf);
    out += "Date: " + FormatMailDate(message.date) + std::string(kCrlf);
    out += "Message-ID: " + message_id + std::string(kCrlf);
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    out += kCrlf;
    const auto part = [&](std::string_view type, std::string_view body) {
        out += "--" + boundary + std::string(kCrlf);
        out += "Content-Type: " + std::string(type) + "; charset=utf-8\r\n";
        out += "Content-Transfer-Encoding: base64\r\n";
        out += kCrlf;
        out += Base64Lines(body);
    };
    part("text/plain", message.text);
    if (message.html) part("text/html", *message.html);
    out += "--" + boundary + "--" + std::string(kCrlf);
    return out;
}

}  // namespace voronka::messaging
