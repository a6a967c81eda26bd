#include "core/page.hpp"

#include <array>

#include "core/text.hpp"

namespace voronka {
namespace {

// The binary form, version 2 (version 1 was "c1.<id>"):
//   u8 version, u8 order length, order bytes, u8 key kind (0 none, 1 integer, 2 text),
//   integer: 8 bytes big-endian | text: u16 length big-endian + bytes, then the id in 8 bytes.
constexpr std::uint8_t kVersion = 2;
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64Url(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<std::uint8_t>(bytes[i + 1])} << 8) |
                                static_cast<std::uint8_t>(bytes[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 16;
        if (rest == 2) n |= std::uint32_t{static_cast<std::uint8_t>(bytes[i + 1])} << 8;
        out.push_back(kAlphabet[(n >> 18) & 63]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        if (rest == 2) out.push_back(kAlphabet[(n >> 6) & 63]);
    }
    return out;
}

// The bytes of canonical unpadded base64url text; nullopt otherwise (so each cursor has one text).
std::optional<std::string> FromBase64Url(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::array<int, 256> value{};
    value.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        value[static_cast<std::uint8_t>(kAlphabet[i])] = static_cast<int>(i);
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = value[static_cast<std::uint8_t>(c)];
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    if ((acc & ((1U << bits) - 1)) != 0) return std::nullopt;  // non-zero padding bits
    return out;
}

void PutInt(std::string& out, std::uint64_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// Reads from the front of a byte string; every read fails once the bytes run out.
class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    std::optional<std::uint64_t> Int(int bytes) {
        if (bytes_.size() < static_cast<std::size_t>(bytes)) return std::nullopt;
        std::uint64_t value = 0;
        for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<std::uint8_t>(bytes_[i]);
        bytes_.remove_prefix(bytes);
        return value;
    }
    std::optional<std::string_view> Bytes(std::size_t n) {
        if (bytes_.size() < n) return std::nullopt;
        const auto taken = bytes_.substr(0, n);
        bytes_.remove_prefix(n);
        return taken;
    }
    bool AtEnd() const { return bytes_.empty(); }

private:
    std::string_view bytes_;
};

}  // namespace

std::string EncodeCursor(const Cursor& cursor) {
    std::string bytes;
    bytes.push_back(static_cast<char>(kVersion));
    const std::string_view order = std::string_view(cursor.order).substr(0, 255);
    bytes.push_back(static_cast<char>(order.size()));
    bytes.append(order);
    if (const auto* number = std::get_if<std::int64_t>(&cursor.key)) {
        bytes.push_back(1);
        PutInt(bytes, static_cast<std::uint64_t>(*number), 8);
    } else if (const auto* text = std::get_if<std::string>(&cursor.key)) {
        const std::string_view key = std::string_view(*text).substr(0, kMaxCursorText);
        bytes.push_back(2);
        PutInt(bytes, key.size(), 2);
        bytes.append(key);
    } else {
        bytes.push_back(0);
    }
    PutInt(bytes, static_cast<std::uint64_t>(cursor.id), 8);
    return Base64Url(bytes);
}

std::optional<Cursor> DecodeCursor(std::string_view text) {
    const auto bytes = FromBase64Url(text);
    if (!bytes) return std::nullopt;
    Reader in(*bytes);
    const auto version = in.Int(1);
    if (!version || *version != kVersion) return std::nullopt;
    const auto order_size = in.Int(1);
    if (!order_size) return std::nullopt;
    const auto order = in.Bytes(*order_size);
    const auto kind = in.Int(1);
    if (!order || !kind) return std::nullopt;
    Cursor cursor{.order = std::string(*order), .key = {}, .id = 0};
    if (*kind == 1) {
        const auto number = in.Int(8);
        if (!number) return std::nullopt;
        cursor.key = static_cast<std::int64_t>(*number);
    } else if (*kind == 2) {
        const auto size = in.Int(2);
        if (!size || *size > kMaxCursorText) return std::nullopt;
        const auto key = in.Bytes(*size);
        if (!key || !IsValidUtf8(*key) || key->find('\0') != std::string_view::npos) return std::nullopt;
        cursor.key = std::string(*key);
    } else if (*kind != 0) {
        return std::nullopt;
    }
    const auto id = in.Int(8);
    if (!id || !in.AtEnd()) return std::nullopt;
    cursor.id = static_cast<std::int64_t>(*id);
    if (cursor.id < 1) return std::nullopt;
    return cursor;
}

Result<std::optional<Cursor>> PageRequest::After(std::string_view order, CursorKeyKind kind) const {
    if (!after) return std::optional<Cursor>{};
    const bool kind_matches =
        (kind == CursorKeyKind::kIdOnly && std::holds_alternative<std::monostate>(after->key)) ||
        (kind == CursorKeyKind::kInteger && std::holds_alternative<std::int64_t>(after->key)) ||
        (kind == CursorKeyKind::kText && std::holds_alternative<std::string>(after->key));
    if (after->order != order || !kind_matches) {
        return Error::Validation("cursor belongs to another list or sort order", "cursor");
    }
    return after;
}

Result<std::int64_t> PageRequest::AfterId(std::string_view order) const {
    auto position = After(order, CursorKeyKind::kIdOnly);
    if (!position) return std::move(position).error();
    return *position ? (*position)->id : std::int64_t{0};
}

}  // namespace voronka
