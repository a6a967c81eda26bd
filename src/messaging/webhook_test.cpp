#include "messaging/webhook.hpp"

#include <gtest/gtest.h>

#include <string>

namespace voronka::messaging {
namespace {

std::string Bytes(std::size_t count, char byte) {
    return std::string(count, byte);
}

// RFC 4231 section 4: HMAC-SHA-256 test cases 1, 2, 3, 6 and 7.
TEST(WebhookSignature, MatchesRfc4231Vectors) {
    EXPECT_EQ(WebhookSignature(Bytes(20, '\x0b'), "Hi There"),
              "sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(WebhookSignature("Jefe", "what do ya want for nothing?"),
              "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(WebhookSignature(Bytes(20, '\xaa'), Bytes(50, '\xdd')),
              "sha256=773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    EXPECT_EQ(WebhookSignature(Bytes(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
              "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    EXPECT_EQ(
        WebhookSignature(Bytes(131, '\xaa'),
                         "This is a test using a larger than block-size key and a larger than block-size "
                         "data. The key needs to be hashed before being used by the HMAC algorithm."),
        "sha256=9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(WebhookSignature, DependsOnSecretAndBody) {
    const std::string base = WebhookSignature("secret", "{\"a\":1}");
    EXPECT_NE(base, WebhookSignature("secret2", "{\"a\":1}"));
    EXPECT_NE(base, WebhookSignature("secret", "{\"a\":2}"));
    EXPECT_EQ(base.size(), 7u + 64u);
}

TEST(CheckWebhookUrl, AcceptsHttpAndHttpsUrls) {
    for (const char* url : {"https://example.com/hook", "http://127.0.0.1:8080/x?y=1", "HTTPS://Example.COM",
                            "https://[::1]:9000/p", "http://hooks.example.ru/a#frag"}) {
        EXPECT_TRUE(CheckWebhookUrl(url, "url").ok()) << url;
    }
}

TEST(CheckWebhookUrl, RefusesOtherSchemesCredentialsAndJunkNamingTheField) {
    for (const char* url :
         {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "example.com/hook",
          "https://user:pw@example.com/", "https://user@example.com/", "https:///path",
          "https://exa mple.com/", "https://example.com/\r\nX: y", "https://example.com:0/",
          "https://example.com:70000/", "https://example.com:abc/", "http://[zz]/", "",
          "https://.example.com/", "https://ex..ample.com/"}) {
        const Status status = CheckWebhookUrl(url, "actions[0].url");
        ASSERT_FALSE(status.ok()) << url;
        EXPECT_EQ(status.error().code, ErrorCode::kValidationFailed);
        EXPECT_EQ(status.error().field, "actions[0].url");
    }
    EXPECT_FALSE(CheckWebhookUrl("https://example.com/" + std::string(2100, 'a'), "url").ok());
}

}  // namespace
}  // namespace voronka::messaging
