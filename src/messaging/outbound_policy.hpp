// The outbound policy: where the server may send a request of its own (webhooks, SMS providers,
// recordings next). Owned by messaging. Pure functions over a parsed URL and IP addresses;
// thread-safe.
//
// A target passes when its URL is http or https and every address it is reached at is public:
// not loopback, private, link-local, unspecified, shared (carrier-grade NAT), multicast,
// broadcast or reserved, in IPv4, in IPv6, or in an IPv6 form that embeds an IPv4 address
// (mapped, compatible, NAT64, 6to4). The admin's allow-list (settings, `outbound.allowed`) lifts
// the refusal for a host name or for an address range.
//
// It is applied twice:
// - when a URL is saved (rule actions, SMS settings): the addresses known without DNS, i.e. the
//   host written as an address in any spelling libcurl accepts, and `localhost`;
// - when a connection is opened (HttpSend): the address libcurl is about to connect to, after
//   resolution, so a name that resolves (or re-resolves) inside is refused too.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace voronka::messaging {

struct IpAddress {
    enum class Family { kV4, kV6 };
    Family family = Family::kV4;
    std::array<std::uint8_t, 16> bytes{};  // network order; IPv4 uses the first 4

    // Strict text forms only: dotted-quad decimal IPv4 ("127.0.0.1") or IPv6 without brackets
    // ("::1", "::ffff:127.0.0.1"). nullopt for anything else (names, "127.1", "0x7f000001").
    static std::optional<IpAddress> Parse(std::string_view text);
    static IpAddress V4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);

    std::string ToString() const;  // canonical text (inet_ntop)
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// What an address is, for the policy. When adding a kind, also add it to AddressKindName.
enum class AddressKind {
    kPublic,
    kLoopback,     // 127/8, ::1
    kPrivate,      // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48
    kLinkLocal,    // 169.254/16, fe80::/10
    kUnspecified,  // 0/8, ::
    kShared,       // 100.64/10 (carrier-grade NAT)
    kMulticast,    // 224/4, ff00::/8
    kBroadcast,    // 255.255.255.255
    kReserved,     // documentation, benchmarking, IETF, 240/4, discard, Teredo
};
std::string_view AddressKindName(AddressKind kind);  // "loopback", "link-local", ...

// IPv6 forms that embed an IPv4 address are classified by the IPv4 address they carry.
AddressKind ClassifyAddress(const IpAddress& address);

// An address range in CIDR notation.
struct IpRange {
    IpAddress base;  // host bits cleared
    int prefix = 0;  // 0-32 for IPv4, 0-128 for IPv6

    // "10.0.0.0/8", "fd00::/8"; a bare address is a range of one. nullopt when malformed.
    static std::optional<IpRange> Parse(std::string_view text);
    bool Contains(const IpAddress& address) const;
    std::string ToString() const;  // "10.0.0.0/8"; a single address without "/32" or "/128"
};

// The admin's exceptions to the policy.
struct OutboundAllowList {
    std::vector<std::string> hosts;  // lowercase names, no trailing dot: any address they resolve to
    std::vector<IpRange> ranges;     // addresses allowed whatever name led to them

    bool empty() const { return hosts.empty() && ranges.empty(); }
    // The entries as an admin writes them (hosts, then ranges), as ParseOutboundAllowList reads.
    std::vector<std::string> Entries() const;
};

inline constexpr std::size_t kMaxAllowListEntries = 100;

// Each entry is a host name ("hooks.lan", any case, a trailing dot ignored), an IP address or a
// CIDR range. Validation error naming `field`[i] for an empty or malformed entry or more than
// kMaxAllowListEntries entries. Duplicates are dropped.
Result<OutboundAllowList> ParseOutboundAllowList(const std::vector<std::string>& entries,
                                                 std::string_view field);

// A URL the server may send to, as libcurl will read it.
struct OutboundUrl {
    std::string scheme;  // "http" or "https"
    // Lowercase; an IPv4 address in dotted decimal whatever its spelling ("2130706433",
    // "0x7f000001", "0177.0.0.1" and "127.1" are all "127.0.0.1"); IPv6 without brackets or zone;
    // a name without its trailing dot.
    std::string host;
    int port = 0;  // the default of the scheme when absent
};

// Parses `url` with libcurl's URL parser. Validation error naming `field` unless: at most 2048
// bytes, no spaces or control characters, "http://" or "https://" (any case) followed by a host,
// no user name or password, a port 1-65535, and an ASCII host (an IDN is written as "xn--...").
Result<OutboundUrl> ParseOutboundUrl(std::string_view url, std::string_view field);

// The addresses of `url` known without asking DNS: the host when it is an address; 127.0.0.1 and
// ::1 for "localhost" and names under ".localhost" (RFC 6761); none for other names.
std::vector<IpAddress> AddressesWithoutLookup(const OutboundUrl& url);

// The policy: Ok when the host is on the allow-list, or each of `addresses` is public or inside an
// allowed range. Otherwise a validation error naming `field`, with the address and its kind, e.g.
// "url points at 127.0.0.1 (loopback address), which the outbound policy refuses; an admin may
// allow it in the outbound settings".
Status CheckOutboundTarget(const OutboundUrl& url, std::span<const IpAddress> addresses,
                           const OutboundAllowList& allow, std::string_view field);

// ParseOutboundUrl, then CheckOutboundTarget over AddressesWithoutLookup: the check of a URL when
// it is saved.
Status CheckOutboundUrl(std::string_view url, const OutboundAllowList& allow, std::string_view field);

}  // namespace voronka::messaging
