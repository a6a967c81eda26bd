// The delivery channels against real peers on loopback (label `server`, SQLite only for the
// settings): SMTP to an aiosmtpd server, SMS to the SMS.ru-like peer, webhooks to a recording
// HTTP server. Peers: tests/peers/*.py, started per test.
#include <gtest/gtest.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "messaging/channel_settings.hpp"
#include "messaging/channel_transport.hpp"
#include "messaging/http_client.hpp"
#include "messaging/outbound_policy.hpp"
#include "messaging/peer_process.hpp"
#include "messaging/webhook.hpp"
#include "support/test_database.hpp"

namespace voronka::messaging {
namespace {

using Outcome = DeliveryResult::Outcome;
using test::PeerProcess;
using namespace std::chrono_literals;

class FixedClock final : public Clock {
public:
    UnixTime Now() const override { return 1795773600; }  // 2026-11-27T10:00:00Z, a Friday
};

auth::Principal Admin() {
    auth::Principal admin;
    admin.user.id = 1;
    admin.user.role = auth::Role::kAdmin;
    return admin;
}

class ChannelsWithPeers : public ::testing::Test {
protected:
    // The peers listen on loopback: the admin allows it, as an installation with local peers would.
    ChannelsWithPeers() : test_db_(test::Backend::kSqlite), db_(test_db_.OpenMigrated()), settings_(*db_) {
        Allow({"127.0.0.1"});
    }

    void Allow(const std::vector<std::string>& allowed) {
        ASSERT_TRUE(settings_.PutOutbound(Admin(), allowed).ok());
    }

    ChannelTransport Transport(std::chrono::milliseconds total = 3000ms) {
        ChannelTimeouts timeouts;
        timeouts.http = {1000ms, total};
        timeouts.smtp = {1000ms, total};
        timeouts.settings_ttl = 0ms;
        return ChannelTransport(*db_, clock_, timeouts);
    }

    void UseSmtp(const PeerProcess& peer, std::string username = {}, std::string password = {}) {
        SmtpSettingsInput input;
        input.host = "127.0.0.1";
        input.port = peer.port();
        input.security = SmtpSecurity::kNone;
        input.username = std::move(username);
        input.password = std::optional<std::string>(std::move(password));
        input.from = "Воронка CRM <noreply@voronka.example>";
        ASSERT_TRUE(settings_.PutSmtp(Admin(), input).ok());
    }

    void UseSmsRu(const PeerProcess& peer) {
        SmsSettingsInput input;
        input.settings.preset = SmsPreset::kSmsRu;
        input.settings.api_key = "test-api-id";
        input.settings.sender = "Voronka";
        input.settings.base_url = peer.url();
        input.api_key_given = true;
        ASSERT_TRUE(settings_.PutSms(Admin(), input).ok());
    }

    static Message Email(std::string to) {
        Message message;
        message.id = 1;
        message.channel = Channel::kEmail;
        message.recipient = std::move(to);
        message.subject = "Специальное предложение для вас — скидка 15% до конца недели, ООО «Ромашка»";
        message.body = "Здравствуйте, Иван!\nПредложение во вложении нет, оно здесь.";
        message.html = "<p>Здравствуйте, <b>Иван</b>!</p>";
        return message;
    }

    static Message Webhook(std::string url) {
        Message message;
        message.id = 3;
        message.channel = Channel::kWebhook;
        message.recipient = std::move(url);
        message.payload = "{}";
        return message;
    }

    static Message Sms(std::string phone) {
        Message message;
        message.id = 2;
        message.channel = Channel::kSms;
        message.recipient = std::move(phone);
        message.body = "Встреча 28 ноября, 15:00, Тверская 1";
        return message;
    }

    FixedClock clock_;
    test::TestDatabase test_db_;
    std::unique_ptr<store::Database> db_;
    ChannelSettingsService settings_;
};

TEST_F(ChannelsWithPeers, EmailReachesSmtpPeerAsDecodableCyrillicMime) {
    PeerProcess peer("smtp_peer.py");
    UseSmtp(peer);
    const Message message = Email("ivan@client.example");
    const DeliveryResult result = Transport().Deliver(message, Language::kRussian);
    ASSERT_EQ(result.outcome, Outcome::kSent) << result.error;

    const auto lines = peer.WaitForLines(1);
    ASSERT_EQ(lines.size(), 1u);
    const auto& got = lines[0];
    EXPECT_EQ(got["mail_from"], "noreply@voronka.example");
    EXPECT_EQ(got["rcpt_tos"], nlohmann::json::array({"ivan@client.example"}));
    EXPECT_EQ(got["subject"], *message.subject);
    EXPECT_EQ(got["text"], message.body);
    EXPECT_EQ(got["html"], *message.html);
    EXPECT_EQ(got["from"], "Воронка CRM <noreply@voronka.example>");
    EXPECT_EQ(got["message_id"], result.provider_id);
    EXPECT_NE(result.provider_id.find("@voronka.example>"), std::string::npos);
    EXPECT_EQ(got["date"], "Fri, 27 Nov 2026 10:00:00 +0000");
    EXPECT_EQ(got["content_type"], "multipart/alternative");
}

TEST_F(ChannelsWithPeers, SmtpRefusalsAreClassified) {
    PeerProcess peer("smtp_peer.py");
    UseSmtp(peer);
    auto transport = Transport();
    const auto refused = transport.Deliver(Email("reject550@client.example"), Language::kRussian);
    EXPECT_EQ(refused.outcome, Outcome::kPermanent) << refused.error;
    EXPECT_NE(refused.error.find("550"), std::string::npos) << refused.error;
    const auto deferred = transport.Deliver(Email("defer451@client.example"), Language::kRussian);
    EXPECT_EQ(deferred.outcome, Outcome::kTemporary) << deferred.error;
    // The connection is still usable after the refusals.
    EXPECT_EQ(transport.Deliver(Email("ok@client.example"), Language::kRussian).outcome, Outcome::kSent);
    EXPECT_EQ(peer.WaitForLines(1).size(), 1u);
}

TEST_F(ChannelsWithPeers, SmtpLogsInWithUsernameAndPassword) {
    PeerProcess peer("smtp_peer.py", {"--auth", "robot:s3cret"});
    UseSmtp(peer, "robot", "s3cret");
    EXPECT_EQ(Transport().Deliver(Email("ivan@client.example"), Language::kRussian).outcome, Outcome::kSent);
    UseSmtp(peer, "robot", "wrong");
    const auto refused = Transport().Deliver(Email("ivan@client.example"), Language::kRussian);
    EXPECT_EQ(refused.outcome, Outcome::kPermanent) << refused.error;
    EXPECT_EQ(peer.WaitForLines(1).size(), 1u);
}

TEST_F(ChannelsWithPeers, SmtpPeerGoneIsTemporary) {
    int port = 0;
    {
        PeerProcess peer("smtp_peer.py");
        port = peer.port();
        UseSmtp(peer);
    }
    (void)port;
    const auto result = Transport().Deliver(Email("ivan@client.example"), Language::kRussian);
    EXPECT_EQ(result.outcome, Outcome::kTemporary) << result.error;
}

TEST_F(ChannelsWithPeers, UnconfiguredChannelsFailPermanently) {
    const auto email = Transport().Deliver(Email("ivan@client.example"), Language::kRussian);
    EXPECT_EQ(email.outcome, Outcome::kPermanent);
    EXPECT_EQ(email.error, "SMTP не настроен");
    const auto sms = Transport().Deliver(Sms("+79990000001"), Language::kRussian);
    EXPECT_EQ(sms.outcome, Outcome::kPermanent);
    EXPECT_EQ(sms.error, "SMS-провайдер не настроен");
}

TEST_F(ChannelsWithPeers, SmsRuPeerAcceptsAndGivesItsId) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-api-id"});
    UseSmsRu(peer);
    const auto result = Transport().Deliver(Sms("+79990000001"), Language::kRussian);
    ASSERT_EQ(result.outcome, Outcome::kSent) << result.error;
    const auto lines = peer.WaitForLines(1);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["to"], "79990000001");
    EXPECT_EQ(lines[0]["msg"], "Встреча 28 ноября, 15:00, Тверская 1");
    EXPECT_EQ(lines[0]["from"], "Voronka");
    EXPECT_EQ(lines[0]["sms_id"], result.provider_id);
}

TEST_F(ChannelsWithPeers, SmsRuErrorsAndFailuresAreClassified) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-api-id", "--slow-seconds", "3"});
    UseSmsRu(peer);
    auto transport = Transport(700ms);
    const auto no_route = transport.Deliver(Sms("+79990000207"), Language::kRussian);
    EXPECT_EQ(no_route.outcome, Outcome::kPermanent);
    EXPECT_NE(no_route.error.find("SMS.ru 207"), std::string::npos) << no_route.error;
    const auto bad_key = transport.Deliver(Sms("+79990000200"), Language::kRussian);
    EXPECT_EQ(bad_key.outcome, Outcome::kPermanent);
    EXPECT_NE(bad_key.error.find("SMS.ru 200"), std::string::npos) << bad_key.error;
    EXPECT_EQ(transport.Deliver(Sms("+79990000220"), Language::kRussian).outcome, Outcome::kTemporary);
    EXPECT_EQ(transport.Deliver(Sms("+79990000500"), Language::kRussian).outcome, Outcome::kTemporary);
    EXPECT_EQ(transport.Deliver(Sms("+79990000444"), Language::kRussian).outcome, Outcome::kTemporary);

    const auto started = std::chrono::steady_clock::now();
    const auto slow = transport.Deliver(Sms("+79990000408"), Language::kRussian);
    EXPECT_EQ(slow.outcome, Outcome::kTemporary) << slow.error;
    EXPECT_LT(std::chrono::steady_clock::now() - started,
              2500ms);  // the client's timeout, not the peer's sleep

    // After all that, the same transport still delivers.
    EXPECT_EQ(transport.Deliver(Sms("+79990000001"), Language::kRussian).outcome, Outcome::kSent);
}

TEST_F(ChannelsWithPeers, SmsRuWrongApiIdIsPermanent) {
    PeerProcess peer("sms_peer.py", {"--api-id", "another-key"});
    UseSmsRu(peer);
    const auto result = Transport().Deliver(Sms("+79990000001"), Language::kRussian);
    EXPECT_EQ(result.outcome, Outcome::kPermanent);
    EXPECT_TRUE(peer.Lines().empty());
}

TEST_F(ChannelsWithPeers, CustomProviderSettingsDriveRequestAndAnswer) {
    PeerProcess peer("sms_peer.py");
    SmsSettingsInput input;
    input.settings.preset = SmsPreset::kCustom;
    input.settings.url = peer.url() + "/sms/send";
    input.settings.method = "POST";
    input.settings.params = {
        {"api_id", "{{api_key}}"}, {"to", "{{to}}"}, {"msg", "[{{sender}}] {{text}}"}, {"json", "1"}};
    input.settings.api_key = "custom-key";
    input.settings.sender = "Shop";
    input.settings.success_pointer = "/status";
    input.settings.success_value = "OK";
    input.settings.id_pointer = "/sms/79990000001/sms_id";
    input.api_key_given = true;
    ASSERT_TRUE(settings_.PutSms(Admin(), input).ok());
    const auto result = Transport().Deliver(Sms("+79990000001"), Language::kRussian);
    ASSERT_EQ(result.outcome, Outcome::kSent) << result.error;
    const auto lines = peer.WaitForLines(1);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["msg"], "[Shop] Встреча 28 ноября, 15:00, Тверская 1");
    EXPECT_EQ(lines[0]["sms_id"], result.provider_id);
}

TEST_F(ChannelsWithPeers, WebhookArrivesWithBodyAndVerifiableSignature) {
    PeerProcess peer("webhook_peer.py");
    const std::string secret = "hook-secret";
    Message message;
    message.channel = Channel::kWebhook;
    message.recipient = peer.url() + "/hook";
    message.payload = R"({"event":"stage_entered","deal":{"id":7,"title":"Поставка"}})";
    message.headers = nlohmann::json{
        {std::string(kWebhookSignatureHeader), WebhookSignature(secret, *message.payload)},
        {"X-Voronka-Rule",
         "3"}}.dump();
    const auto result = Transport().Deliver(message, Language::kRussian);
    ASSERT_EQ(result.outcome, Outcome::kSent) << result.error;
    const auto lines = peer.WaitForLines(1);
    ASSERT_EQ(lines.size(), 1u);
    const std::string body = lines[0]["body"];
    EXPECT_EQ(body, *message.payload);
    EXPECT_EQ(lines[0]["headers"]["Content-Type"], "application/json");
    EXPECT_EQ(lines[0]["headers"]["X-Voronka-Rule"], "3");
    EXPECT_EQ(lines[0]["headers"][std::string(kWebhookSignatureHeader)], WebhookSignature(secret, body));
    EXPECT_EQ(lines[0]["headers"][std::string(kWebhookDeliveryHeader)], std::to_string(message.id));
}

TEST_F(ChannelsWithPeers, WebhookStatusesAndBadInputAreClassified) {
    PeerProcess peer("webhook_peer.py");
    auto transport = Transport();
    Message message;
    message.channel = Channel::kWebhook;
    message.payload = "{}";
    message.recipient = peer.url() + "/status/500";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kTemporary);
    message.recipient = peer.url() + "/status/404";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kPermanent);
    message.recipient = peer.url() + "/status/302";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kPermanent);
    message.recipient = peer.url() + "/drop";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kTemporary);
    message.recipient = "ftp://127.0.0.1/x";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kPermanent);
    message.recipient = peer.url() + "/hook";
    message.headers = R"({"X-Bad\r\nInjected": "1"})";
    EXPECT_EQ(transport.Deliver(message, Language::kRussian).outcome, Outcome::kPermanent);
    EXPECT_EQ(peer.Lines().size(), 3u);  // 500, 404, 302 reached the peer; nothing else did
}

constexpr std::string_view kRefusedByPolicy = "адрес запрещён политикой исходящих запросов";

// Every way of writing the loopback peer's address (or another inside one) in a webhook's URL.
std::vector<std::string> InsideSpellings(int port) {
    const std::string p = ":" + std::to_string(port);
    return {"http://127.0.0.1" + p,
            "http://2130706433" + p,
            "http://0x7f000001" + p,
            "http://0177.0.0.1" + p,
            "http://127.1" + p,
            "http://127.0.0.1." + p,
            "http://localhost" + p,
            "http://LocalHost." + p,
            "http://a.localhost" + p,
            "http://[::1]" + p,
            "http://[::ffff:127.0.0.1]" + p,
            "http://[::ffff:7f00:1]" + p,
            "http://0.0.0.0" + p,
            "http://0" + p,
            "http://[::]" + p};
}

// This machine's name, lowercase, when it resolves to 127.0.0.1 and nothing else (as /etc/hosts
// of a Debian box or a container says); empty otherwise.
std::string LoopbackHostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) return {};
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(name, nullptr, &hints, &found) != 0) return {};
    bool only_loopback = found != nullptr;
    for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
        const bool v4_loopback =
            a->ai_family == AF_INET &&
            reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr.s_addr == htonl(0x7F000001);
        only_loopback = only_loopback && v4_loopback;
    }
    freeaddrinfo(found);
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return only_loopback && lower != "localhost" ? lower : std::string();
}

TEST_F(ChannelsWithPeers, WebhooksToInsideSpellingsAreRefusedAndReachNothing) {
    PeerProcess peer("webhook_peer.py");
    Allow({});
    auto transport = Transport();
    for (const auto& base : InsideSpellings(peer.port())) {
        const auto result = transport.Deliver(Webhook(base + "/hook"), Language::kRussian);
        EXPECT_EQ(result.outcome, Outcome::kPermanent) << base << ": " << result.error;
        EXPECT_NE(result.error.find(kRefusedByPolicy), std::string::npos) << base << ": " << result.error;
    }
    EXPECT_TRUE(peer.Lines().empty());
    // The peer was listening all along: once the admin allows its address, it is reached.
    Allow({"127.0.0.1"});
    const auto allowed = transport.Deliver(Webhook(peer.url() + "/hook"), Language::kRussian);
    EXPECT_EQ(allowed.outcome, Outcome::kSent) << allowed.error;
    EXPECT_EQ(peer.WaitForLines(1).size(), 1u);
}

TEST_F(ChannelsWithPeers, NameResolvingToLoopbackIsRefusedAfterResolutionAndItsKeptConnectionDropped) {
    const std::string name = LoopbackHostName();
    if (name.empty()) GTEST_SKIP() << "this machine's name does not resolve to 127.0.0.1 alone";
    PeerProcess peer("webhook_peer.py");
    const std::string url = "http://" + name + ":" + std::to_string(peer.port()) + "/hook";
    // A name passes at save time: only resolution tells where it leads.
    EXPECT_TRUE(CheckOutboundUrl(url, {}, "url").ok());
    auto transport = Transport();
    const auto allowed =
        transport.Deliver(Webhook(url), Language::kRussian);  // 127.0.0.1 allowed: the connection is kept
    ASSERT_EQ(allowed.outcome, Outcome::kSent) << allowed.error;
    ASSERT_EQ(peer.WaitForLines(1).size(), 1u);

    Allow({});
    const auto refused = transport.Deliver(Webhook(url), Language::kRussian);
    EXPECT_EQ(refused.outcome, Outcome::kPermanent) << refused.error;
    EXPECT_NE(refused.error.find(name + " at 127.0.0.1 (loopback address)"), std::string::npos)
        << refused.error;
    EXPECT_EQ(peer.Lines().size(), 1u);  // nothing more arrived, not even over the kept connection
}

TEST_F(ChannelsWithPeers, RedirectFromAnAllowedPeerToAForbiddenAddressIsNotFollowed) {
    PeerProcess allowed("webhook_peer.py");
    PeerProcess inside("webhook_peer.py", {"--host", "127.0.0.2"});
    const std::string inside_url = "http://127.0.0.2:" + std::to_string(inside.port()) + "/hook";
    auto transport = Transport();
    const auto redirected = transport.Deliver(
        Webhook(allowed.url() + "/redirect?to=" + UrlEncode(inside_url)), Language::kRussian);
    EXPECT_EQ(redirected.outcome, Outcome::kPermanent) << redirected.error;
    EXPECT_NE(redirected.error.find("HTTP 302"), std::string::npos) << redirected.error;
    const auto direct = transport.Deliver(Webhook(inside_url), Language::kRussian);
    EXPECT_EQ(direct.outcome, Outcome::kPermanent) << direct.error;
    EXPECT_NE(direct.error.find("127.0.0.2 (loopback address)"), std::string::npos) << direct.error;
    EXPECT_EQ(allowed.WaitForLines(1).size(), 1u);
    EXPECT_TRUE(inside.Lines().empty());

    // 127.0.0.2 answers once allowed: nothing above was refused by chance.
    Allow({"127.0.0.1", "127.0.0.2"});
    const auto reached = transport.Deliver(Webhook(inside_url), Language::kRussian);
    EXPECT_EQ(reached.outcome, Outcome::kSent) << reached.error;
    EXPECT_EQ(inside.WaitForLines(1).size(), 1u);
}

TEST_F(ChannelsWithPeers, SmsProviderSavedWhileAllowedIsRefusedOnceTheAllowanceIsRemoved) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-api-id"});
    UseSmsRu(peer);
    Allow({});
    const auto result = Transport().Deliver(Sms("+79990000001"), Language::kRussian);
    EXPECT_EQ(result.outcome, Outcome::kPermanent) << result.error;
    EXPECT_NE(result.error.find(kRefusedByPolicy), std::string::npos) << result.error;
    EXPECT_TRUE(peer.Lines().empty());
}

}  // namespace
}  // namespace voronka::messaging
