#include "messaging/outbound_policy.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace voronka::messaging {
namespace {

struct KindRange {
    IpRange range;
    AddressKind kind;
};

std::vector<KindRange> KindTable(std::initializer_list<std::pair<std::string_view, AddressKind>> rows) {
    std::vector<KindRange> table;
    for (const auto& [cidr, kind] : rows) table.push_back({*IpRange::Parse(cidr), kind});
    return table;
}

// More specific ranges first: the first that holds an address gives its kind.
const std::vector<KindRange>& V4Kinds() {
    static const std::vector<KindRange> table = KindTable({
        {"0.0.0.0/8", AddressKind::kUnspecified},
        {"10.0.0.0/8", AddressKind::kPrivate},
        {"100.64.0.0/10", AddressKind::kShared},
        {"127.0.0.0/8", AddressKind::kLoopback},
        {"169.254.0.0/16", AddressKind::kLinkLocal},
        {"172.16.0.0/12", AddressKind::kPrivate},
        {"192.0.0.0/24", AddressKind::kReserved},
        {"192.0.2.0/24", AddressKind::kReserved},
        {"192.88.99.0/24", AddressKind::kReserved},
        {"192.168.0.0/16", AddressKind::kPrivate},
        {"198.18.0.0/15", AddressKind::kReserved},
        {"198.51.100.0/24", AddressKind::kReserved},
        {"203.0.113.0/24", AddressKind::kReserved},
        {"224.0.0.0/4", AddressKind::kMulticast},
        {"255.255.255.255/32", AddressKind::kBroadcast},
        {"240.0.0.0/4", AddressKind::kReserved},
    });
    return table;
}

const std::vector<KindRange>& V6Kinds() {
    static const std::vector<KindRange> table = KindTable({
        {"::/128", AddressKind::kUnspecified},
        {"::1/128", AddressKind::kLoopback},
        {"64:ff9b:1::/48", AddressKind::kPrivate},
        {"100::/64", AddressKind::kReserved},
        {"2001:db8::/32", AddressKind::kReserved},
        {"2001:2::/48", AddressKind::kReserved},
        {"2001::/32", AddressKind::kReserved},  // Teredo: hides an IPv4 address we cannot check
        {"fc00::/7", AddressKind::kPrivate},
        {"fe80::/10", AddressKind::kLinkLocal},
        {"fec0::/10", AddressKind::kPrivate},
        {"ff00::/8", AddressKind::kMulticast},
    });
    return table;
}

// IPv6 forms that carry an IPv4 address, and where it sits.
struct EmbeddingForm {
    IpRange range;
    std::size_t offset;  // of the IPv4 address's first byte
};

const std::vector<EmbeddingForm>& EmbeddingForms() {
    static const std::vector<EmbeddingForm> forms = [] {
        std::vector<EmbeddingForm> out;
        for (const auto& [cidr, offset] : std::initializer_list<std::pair<std::string_view, std::size_t>>{
                 {"::ffff:0:0/96", 12},    // IPv4-mapped
                 {"::ffff:0:0:0/96", 12},  // IPv4-translated (SIIT)
                 {"64:ff9b::/96", 12},     // NAT64, well-known prefix
                 {"2002::/16", 2},         // 6to4
                 {"::/96", 12},            // IPv4-compatible (deprecated); :: and ::1 are classified first
             }) {
            out.push_back({*IpRange::Parse(cidr), offset});
        }
        return out;
    }();
    return forms;
}

// The IPv4 address an IPv6 address carries, if it is of a form that carries one.
std::optional<IpAddress> EmbeddedV4(const IpAddress& address) {
    if (address.family != IpAddress::Family::kV6) return std::nullopt;
    for (const auto& form : EmbeddingForms()) {
        if (!form.range.Contains(address)) continue;
        const auto& b = address.bytes;
        const std::size_t o = form.offset;
        return IpAddress::V4(b[o], b[o + 1], b[o + 2], b[o + 3]);
    }
    return std::nullopt;
}

bool IsUnspecifiedOrLoopbackV6(const IpAddress& address) {
    if (address.family != IpAddress::Family::kV6) return false;
    for (std::size_t i = 0; i < 15; ++i) {
        if (address.bytes[i] != 0) return false;
    }
    return address.bytes[15] <= 1;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
           });
}

std::string Lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

bool IsHostChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

// A lowercase host name without its trailing dot, or nullopt when it is not one.
std::optional<std::string> HostName(std::string_view text) {
    std::string host = Lowercase(text);
    if (!host.empty() && host.back() == '.') host.pop_back();
    if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), IsHostChar) ||
        host.front() == '.' || host.front() == '-' || host.find("..") != std::string::npos) {
        return std::nullopt;
    }
    return host;
}

struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// One part of a parsed URL; empty when absent.
std::string UrlPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
    char* text = nullptr;
    if (curl_url_get(url, part, &text, flags) != CURLUE_OK || text == nullptr) return {};
    std::string out(text);
    curl_free(text);
    return out;
}

// "[::1]" -> "::1", "[fd00::]/8" -> "fd00::/8", as an admin may copy them from a URL.
std::string WithoutBrackets(std::string_view text) {
    const auto close = text.find(']');
    if (text.empty() || text.front() != '[' || close == std::string_view::npos) return std::string(text);
    return std::string(text.substr(1, close - 1)) + std::string(text.substr(close + 1));
}

bool IsAllowedAddress(const IpAddress& address, const OutboundAllowList& allow) {
    const std::optional<IpAddress> embedded = EmbeddedV4(address);
    return std::any_of(allow.ranges.begin(), allow.ranges.end(), [&](const IpRange& range) {
        return range.Contains(address) || (embedded && range.Contains(*embedded));
    });
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
    if (text.empty() || text.size() > 64) return std::nullopt;
    const std::string copy(text);
    IpAddress address;
    if (text.find(':') == std::string_view::npos) {
        address.family = Family::kV4;
        if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
    } else {
        address.family = Family::kV6;
        if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
    }
    return address;
}

IpAddress IpAddress::V4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    IpAddress address;
    address.bytes[0] = a;
    address.bytes[1] = b;
    address.bytes[2] = c;
    address.bytes[3] = d;
    return address;
}

std::string IpAddress::ToString() const {
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(family == Family::kV4 ? AF_INET : AF_INET6, bytes.data(), text, sizeof text);
    return text;
}

std::string_view AddressKindName(AddressKind kind) {
    switch (kind) {
        case AddressKind::kPublic: return "public";
        case AddressKind::kLoopback: return "loopback";
        case AddressKind::kPrivate: return "private";
        case AddressKind::kLinkLocal: return "link-local";
        case AddressKind::kUnspecified: return "unspecified";
        case AddressKind::kShared: return "shared (carrier-grade NAT)";
        case AddressKind::kMulticast: return "multicast";
        case AddressKind::kBroadcast: return "broadcast";
        case AddressKind::kReserved: return "reserved";
    }
    return "unknown";
}

AddressKind ClassifyAddress(const IpAddress& address) {
    if (!IsUnspecifiedOrLoopbackV6(address)) {
        if (const auto embedded = EmbeddedV4(address)) return ClassifyAddress(*embedded);
    }
    const auto& table = address.family == IpAddress::Family::kV4 ? V4Kinds() : V6Kinds();
    for (const auto& row : table) {
        if (row.range.Contains(address)) return row.kind;
    }
    return AddressKind::kPublic;
}

std::optional<IpRange> IpRange::Parse(std::string_view text) {
    const auto slash = text.find('/');
    const auto address = IpAddress::Parse(text.substr(0, slash));
    if (!address) return std::nullopt;
    const int bits = address->family == IpAddress::Family::kV4 ? 32 : 128;
    int prefix = bits;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3) return std::nullopt;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (ec != std::errc() || end != digits.data() + digits.size() || prefix < 0 || prefix > bits) {
            return std::nullopt;
        }
    }
    IpRange range{*address, prefix};
    for (int bit = prefix; bit < bits; ++bit) {
        range.base.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
    }
    return range;
}

bool IpRange::Contains(const IpAddress& address) const {
    if (address.family != base.family) return false;
    for (int bit = 0; bit < prefix; ++bit) {
        const std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
        if ((address.bytes[bit / 8] & mask) != (base.bytes[bit / 8] & mask)) return false;
    }
    return true;
}

std::string IpRange::ToString() const {
    const int bits = base.family == IpAddress::Family::kV4 ? 32 : 128;
    return prefix == bits ? base.ToString() : fmt::format("{}/{}", base.ToString(), prefix);
}

std::vector<std::string> OutboundAllowList::Entries() const {
    std::vector<std::string> entries = hosts;
    for (const auto& range : ranges) entries.push_back(range.ToString());
    return entries;
}

Result<OutboundAllowList> ParseOutboundAllowList(const std::vector<std::string>& entries,
                                                 std::string_view field) {
    if (entries.size() > kMaxAllowListEntries) {
        return Error::Validation(fmt::format("{} must have at most {} entries", field, kMaxAllowListEntries),
                                 std::string(field));
    }
    OutboundAllowList allow;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view text = entries[i];
        if (const auto range = IpRange::Parse(WithoutBrackets(text))) {
            const bool known = std::any_of(allow.ranges.begin(), allow.ranges.end(), [&](const IpRange& r) {
                return r.base == range->base && r.prefix == range->prefix;
            });
            if (!known) allow.ranges.push_back(*range);
            continue;
        }
        const auto host = HostName(text);
        // A name made of digits and dots would be read as an address by libcurl: say so.
        if (!host || host->find_first_not_of("0123456789.") == std::string::npos) {
            return Error::Validation(
                fmt::format("{}[{}] must be a host name, an IP address or a CIDR range such as 10.0.0.0/8",
                            field, i),
                fmt::format("{}[{}]", field, i));
        }
        if (std::find(allow.hosts.begin(), allow.hosts.end(), *host) == allow.hosts.end()) {
            allow.hosts.push_back(*host);
        }
    }
    return allow;
}

Result<OutboundUrl> ParseOutboundUrl(std::string_view url, std::string_view field) {
    const auto bad = [&](std::string_view why) {
        return Error::Validation(fmt::format("{} {}", field, why), std::string(field));
    };
    if (url.size() > 2048) return bad("must be at most 2048 characters");
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) return bad("must not contain spaces or control characters");
    }
    std::string_view rest;
    if (StartsWithNoCase(url, "https://")) {
        rest = url.substr(8);
    } else if (StartsWithNoCase(url, "http://")) {
        rest = url.substr(7);
    } else {
        return bad("must be an http:// or https:// URL");
    }
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.empty()) return bad("must name a host");
    if (authority.find('@') != std::string_view::npos) return bad("must not contain a user name or password");

    std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
    if (!parsed) throw std::bad_alloc();
    const std::string text(url);
    const CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0);
    if (code == CURLUE_BAD_PORT_NUMBER) return bad("has a port outside 1-65535");
    if (code != CURLUE_OK) return bad(fmt::format("is not a valid URL ({})", curl_url_strerror(code)));
    if (!UrlPart(parsed.get(), CURLUPART_USER).empty() ||
        !UrlPart(parsed.get(), CURLUPART_PASSWORD).empty()) {
        return bad("must not contain a user name or password");
    }

    OutboundUrl out;
    out.scheme = Lowercase(UrlPart(parsed.get(), CURLUPART_SCHEME));
    if (out.scheme != "http" && out.scheme != "https") return bad("must be an http:// or https:// URL");
    const std::string port = UrlPart(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (ec != std::errc() || end != port.data() + port.size() || out.port < 1 || out.port > 65535) {
        return bad("has a port outside 1-65535");
    }
    const std::string host = UrlPart(parsed.get(), CURLUPART_HOST);
    if (!host.empty() && host.front() == '[') {
        if (!UrlPart(parsed.get(), CURLUPART_ZONEID).empty()) return bad("must not name an IPv6 zone");
        const auto address = host.size() > 2
                                 ? IpAddress::Parse(std::string_view(host).substr(1, host.size() - 2))
                                 : std::nullopt;
        if (!address || address->family != IpAddress::Family::kV6) return bad("has a malformed IPv6 address");
        out.host = address->ToString();
        return out;
    }
    if (std::any_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        return bad("must have an ASCII host name (write an international name as xn--...)");
    }
    const auto name = HostName(host);
    if (!name) return bad("has a malformed host");
    out.host = *name;
    return out;
}

std::vector<IpAddress> AddressesWithoutLookup(const OutboundUrl& url) {
    if (const auto address = IpAddress::Parse(url.host)) return {*address};
    if (url.host == "localhost" || url.host.ends_with(".localhost")) {
        return {IpAddress::V4(127, 0, 0, 1), *IpAddress::Parse("::1")};
    }
    return {};
}

Status CheckOutboundTarget(const OutboundUrl& url, std::span<const IpAddress> addresses,
                           const OutboundAllowList& allow, std::string_view field) {
    if (std::find(allow.hosts.begin(), allow.hosts.end(), url.host) != allow.hosts.end()) return Ok{};
    for (const auto& address : addresses) {
        const AddressKind kind = ClassifyAddress(address);
        if (kind == AddressKind::kPublic || IsAllowedAddress(address, allow)) continue;
        const std::string shown =
            url.host == address.ToString() ? url.host : fmt::format("{} at {}", url.host, address.ToString());
        return Error::Validation(
            fmt::format("{} points at {} ({} address), which the outbound policy refuses; "
                        "an admin may allow it in the outbound settings",
                        field, shown, AddressKindName(kind)),
            std::string(field));
    }
    return Ok{};
}

Status CheckOutboundUrl(std::string_view url, const OutboundAllowList& allow, std::string_view field) {
    const auto parsed = ParseOutboundUrl(url, field);
    if (!parsed) return parsed.error();
    const std::vector<IpAddress> addresses = AddressesWithoutLookup(*parsed);
    return CheckOutboundTarget(*parsed, addresses, allow, field);
}

}  // namespace voronka::messaging
