#include "messaging/outbound_policy.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace voronka::messaging {
namespace {

IpAddress Ip(std::string_view text) {
    const auto address = IpAddress::Parse(text);
    EXPECT_TRUE(address.has_value()) << text;
    return address.value_or(IpAddress{});
}

OutboundAllowList Allow(const std::vector<std::string>& entries) {
    auto allow = ParseOutboundAllowList(entries, "allowed");
    EXPECT_TRUE(allow.ok());
    return allow ? allow.value() : OutboundAllowList{};
}

// Every way of writing an inside address that libcurl would connect to, with what it is.
struct Spelling {
    const char* url;
    const char* address;  // as the refusal shows it
    const char* kind;
};

const std::vector<Spelling> kInsideSpellings = {
    {"http://127.0.0.1/", "127.0.0.1", "loopback"},
    {"http://127.0.0.1:5432/", "127.0.0.1", "loopback"},
    {"http://2130706433/", "127.0.0.1", "loopback"},
    {"http://0x7f000001/", "127.0.0.1", "loopback"},
    {"http://0x7F.1/", "127.0.0.1", "loopback"},
    {"http://0177.0.0.1/", "127.0.0.1", "loopback"},
    {"http://127.1/", "127.0.0.1", "loopback"},
    {"http://127.0.0.1./", "127.0.0.1", "loopback"},
    {"http://%31%32%37.0.0.1/", "127.0.0.1", "loopback"},
    {"HTTP://127.254.3.4:8080/x", "127.254.3.4", "loopback"},
    {"http://localhost/", "127.0.0.1", "loopback"},
    {"http://localhost:5432/", "127.0.0.1", "loopback"},
    {"http://LOCALHOST./", "127.0.0.1", "loopback"},
    {"http://db.localhost/", "127.0.0.1", "loopback"},
    {"http://[::1]/", "::1", "loopback"},
    {"http://[0:0:0:0:0:0:0:1]:9000/", "::1", "loopback"},
    {"http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "loopback"},
    {"http://[::ffff:7f00:1]/", "::ffff:127.0.0.1", "loopback"},
    {"http://[::127.0.0.1]/", "::127.0.0.1", "loopback"},
    {"http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1", "loopback"},
    {"http://[2002:7f00:1::]/", "2002:7f00:1::", "loopback"},
    {"http://0.0.0.0/", "0.0.0.0", "unspecified"},
    {"http://0/", "0.0.0.0", "unspecified"},
    {"http://[::]/", "::", "unspecified"},
    {"http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local"},
    {"http://2852039166/", "169.254.169.254", "link-local"},
    {"http://[fe80::1]/", "fe80::1", "link-local"},
    {"http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254", "link-local"},
    {"http://10.0.0.1/", "10.0.0.1", "private"},
    {"http://172.16.5.4/", "172.16.5.4", "private"},
    {"http://172.31.255.255/", "172.31.255.255", "private"},
    {"http://192.168.1.1/", "192.168.1.1", "private"},
    {"http://0xc0a80101/", "192.168.1.1", "private"},
    {"http://[fd00::1]/", "fd00::1", "private"},
    {"http://[fc00::1]/", "fc00::1", "private"},
    {"http://[::ffff:10.1.2.3]/", "::ffff:10.1.2.3", "private"},
    {"http://100.64.0.1/", "100.64.0.1", "shared (carrier-grade NAT)"},
    {"http://224.0.0.1/", "224.0.0.1", "multicast"},
    {"http://[ff02::1]/", "ff02::1", "multicast"},
    {"http://255.255.255.255/", "255.255.255.255", "broadcast"},
    {"http://240.0.0.1/", "240.0.0.1", "reserved"},
    {"http://192.0.2.10/", "192.0.2.10", "reserved"},
};

TEST(OutboundPolicy, RefusesEveryInsideSpellingNamingTheAddressAndItsKind) {
    for (const auto& spelling : kInsideSpellings) {
        const Status status = CheckOutboundUrl(spelling.url, {}, "actions[0].url");
        ASSERT_FALSE(status.ok()) << spelling.url;
        EXPECT_EQ(status.error().code, ErrorCode::kValidationFailed) << spelling.url;
        EXPECT_EQ(status.error().field, "actions[0].url") << spelling.url;
        const std::string& message = status.error().message;
        EXPECT_NE(message.find(spelling.address), std::string::npos) << spelling.url << ": " << message;
        EXPECT_NE(message.find(std::string("(") + spelling.kind + " address)"), std::string::npos)
            << spelling.url << ": " << message;
    }
}

TEST(OutboundPolicy, AcceptsPublicAddressesAndNamesAtSave) {
    for (const char* url :
         {"https://example.com/hook", "http://93.184.216.34/", "http://1.1.1.1:8443/x",
          "https://[2606:4700:4700::1111]/", "http://172.32.0.1/", "http://100.128.0.1/",
          "http://169.255.0.1/", "http://[::ffff:8.8.8.8]/", "https://xn--e1afmkfd.xn--p1ai/",
          "http://hooks.internal.example/", "http://localhost.example.com/"}) {
        EXPECT_TRUE(CheckOutboundUrl(url, {}, "url").ok()) << url;
    }
}

TEST(OutboundPolicy, ParsesHostsAsLibcurlConnectsToThem) {
    const auto decimal = ParseOutboundUrl("http://2130706433:8080/a?b=1", "url");
    ASSERT_TRUE(decimal.ok());
    EXPECT_EQ(decimal->scheme, "http");
    EXPECT_EQ(decimal->host, "127.0.0.1");
    EXPECT_EQ(decimal->port, 8080);
    const auto named = ParseOutboundUrl("HTTPS://Hooks.Example.COM./x", "url");
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named->scheme, "https");
    EXPECT_EQ(named->host, "hooks.example.com");
    EXPECT_EQ(named->port, 443);
    const auto v6 = ParseOutboundUrl("http://[0:0::FFFF:7F00:1]/", "url");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, "::ffff:127.0.0.1");
    EXPECT_EQ(v6->port, 80);
}

TEST(OutboundPolicy, RefusesTricksOfTheUrlItself) {
    for (const char* url :
         {"http://a@127.0.0.1/", "http://user:pw@example.com/", "http://127.0.0.1\\@evil.example/",
          "http:/127.0.0.1/", "http:///x", "ftp://127.0.0.1/", "gopher://127.0.0.1:25/", "file:///etc/passwd",
          "http://[fe80::1%25eth0]/", "http://пример.рф/", "http://１２７.０.０.１/", "http://127.0.0.1:0/",
          "http://127.0.0.1:99999/", "http://exa mple.com/", "http://ex..ample.com/",
          "http://.example.com/"}) {
        const Status status = CheckOutboundUrl(url, {}, "url");
        ASSERT_FALSE(status.ok()) << url;
        EXPECT_EQ(status.error().field, "url") << url;
    }
}

TEST(OutboundPolicy, TheAllowListLiftsTheRefusalForItsHostsAndRanges) {
    const OutboundAllowList allow = Allow({"127.0.0.1", "10.0.0.0/8", "Peer.LAN.", "[fd00::]/8"});
    EXPECT_TRUE(CheckOutboundUrl("http://127.0.0.1:5432/", allow, "url").ok());
    EXPECT_TRUE(CheckOutboundUrl("http://2130706433/", allow, "url").ok());
    EXPECT_TRUE(CheckOutboundUrl("http://[::ffff:127.0.0.1]/", allow, "url").ok());  // the same address
    EXPECT_TRUE(CheckOutboundUrl("http://10.200.0.7/", allow, "url").ok());
    EXPECT_TRUE(CheckOutboundUrl("http://[fd12::5]/", allow, "url").ok());
    EXPECT_FALSE(CheckOutboundUrl("http://127.0.0.2/", allow, "url").ok());
    EXPECT_FALSE(CheckOutboundUrl("http://[::1]/", allow, "url").ok());
    EXPECT_FALSE(CheckOutboundUrl("http://192.168.0.1/", allow, "url").ok());
    // localhost is also ::1: allowing 127.0.0.1 alone does not allow the name.
    EXPECT_FALSE(CheckOutboundUrl("http://localhost/", allow, "url").ok());
    EXPECT_TRUE(CheckOutboundUrl("http://localhost/", Allow({"localhost"}), "url").ok());

    // A name on the list may resolve to any address; another name resolving there may not.
    const auto peer = ParseOutboundUrl("http://peer.lan/", "url");
    const auto other = ParseOutboundUrl("http://other.lan/", "url");
    const std::vector<IpAddress> inside{Ip("192.168.7.7")};
    EXPECT_TRUE(CheckOutboundTarget(*peer, inside, allow, "url").ok());
    EXPECT_FALSE(CheckOutboundTarget(*other, inside, allow, "url").ok());
}

TEST(OutboundPolicy, ChecksEveryResolvedAddress) {
    const auto url = ParseOutboundUrl("https://rebind.example/", "recipient");
    ASSERT_TRUE(url.ok());
    EXPECT_TRUE(CheckOutboundTarget(*url, std::vector<IpAddress>{Ip("93.184.216.34")}, {}, "recipient").ok());
    const std::vector<IpAddress> mixed{Ip("93.184.216.34"), Ip("127.0.0.1")};
    const Status status = CheckOutboundTarget(*url, mixed, {}, "recipient");
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("rebind.example at 127.0.0.1 (loopback address)"),
              std::string::npos)
        << status.error().message;
}

TEST(OutboundPolicy, ClassifiesAddressRanges) {
    EXPECT_EQ(ClassifyAddress(Ip("8.8.8.8")), AddressKind::kPublic);
    EXPECT_EQ(ClassifyAddress(Ip("2a00:1450:4010::64")), AddressKind::kPublic);
    EXPECT_EQ(ClassifyAddress(Ip("127.255.255.255")), AddressKind::kLoopback);
    EXPECT_EQ(ClassifyAddress(Ip("172.15.255.255")), AddressKind::kPublic);
    EXPECT_EQ(ClassifyAddress(Ip("172.16.0.0")), AddressKind::kPrivate);
    EXPECT_EQ(ClassifyAddress(Ip("100.127.255.255")), AddressKind::kShared);
    EXPECT_EQ(ClassifyAddress(Ip("239.255.255.250")), AddressKind::kMulticast);
    EXPECT_EQ(ClassifyAddress(Ip("febf::1")), AddressKind::kLinkLocal);
    EXPECT_EQ(ClassifyAddress(Ip("fec0::1")), AddressKind::kPrivate);
    EXPECT_EQ(ClassifyAddress(Ip("::ffff:0:a00:1")), AddressKind::kPrivate);  // SIIT 10.0.0.1
    EXPECT_EQ(ClassifyAddress(Ip("2001:db8::1")), AddressKind::kReserved);
    EXPECT_EQ(ClassifyAddress(Ip("::ffff:8.8.8.8")), AddressKind::kPublic);
}

TEST(OutboundPolicy, AllowListEntriesAreNamesAddressesOrRanges) {
    const auto allow =
        ParseOutboundAllowList({"Hooks.LAN.", "127.0.0.1", "10.1.2.3/8", "::1", "hooks.lan"}, "allowed");
    ASSERT_TRUE(allow.ok());
    EXPECT_EQ(allow->Entries(), (std::vector<std::string>{"hooks.lan", "127.0.0.1", "10.0.0.0/8", "::1"}));
    for (const char* entry : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "http://x/", "a b", "2130706433",
                              "127.1", "*", "host:80"}) {
        const auto refused = ParseOutboundAllowList({"ok.lan", entry}, "allowed");
        ASSERT_FALSE(refused.ok()) << entry;
        EXPECT_EQ(refused.error().field, "allowed[1]") << entry;
    }
    EXPECT_FALSE(
        ParseOutboundAllowList(std::vector<std::string>(kMaxAllowListEntries + 1, "a.lan"), "allowed").ok());
}

}  // namespace
}  // namespace voronka::messaging
