// Internet mail messages as SMTP carries them (RFC 5322 headers, RFC 2045/2046 MIME bodies,
// RFC 2047 encoded words for UTF-8 headers). Owned by messaging. Pure functions except
// NewMessageId and BuildMime's boundary, which draw random bytes; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"

namespace voronka::messaging {

// "Иван Петров <ivan@example.com>" or a bare "ivan@example.com".
struct Mailbox {
    std::string name;     // display name, UTF-8; may be empty
    std::string address;  // local@domain
};

// Parses a mailbox as written in settings; validation error naming `field` when the address is
// not local@domain or the text has control characters or stray angle brackets.
Result<Mailbox> ParseMailbox(std::string_view text, std::string_view field);

struct MailMessage {
    Mailbox from;
    Mailbox to;
    std::string subject;              // UTF-8
    std::string text;                 // UTF-8 plain text
    std::optional<std::string> html;  // UTF-8; adds a text/html alternative
    UnixTime date = 0;
    std::string message_id;  // "<id@domain>"; empty: BuildMime makes one from `from`'s domain
};

// An RFC 2047 header value: ASCII text without specials passes unchanged; anything else becomes
// `=?UTF-8?B?...?=` words of at most 75 characters each, split on UTF-8 character boundaries and
// folded with CRLF SP. CR, LF and TAB in `text` become spaces (no header injection).
std::string EncodeHeaderText(std::string_view text);

// "Name <address>" with the name encoded (EncodeHeaderText) or quoted as needed.
std::string FormatMailbox(const Mailbox& mailbox);

// "Fri, 27 Nov 2026 10:00:00 +0000" (RFC 5322 section 3.3, always UTC).
std::string FormatMailDate(UnixTime time);

// "<32 random hex digits@domain>", the domain taken from `from_address` ("localhost" if none).
std::string NewMessageId(std::string_view from_address);

// Base64 of `data` in lines of at most 76 characters, each ended by CRLF.
std::string Base64Lines(std::string_view data);

// The whole message, CRLF line ends: From, To, Subject, Date, Message-ID, MIME-Version and a
// multipart/alternative body with a text/plain part and, when html is set, a text/html part,
// both UTF-8 in base64. The boundary contains "=_", which base64 never produces.
std::string BuildMime(const MailMessage& message);

}  // namespace voronka::messaging
