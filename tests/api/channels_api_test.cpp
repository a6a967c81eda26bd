// SMTP, SMS provider and outbound settings over HTTP (PUT/GET /api/v1/settings/{smtp,sms,outbound}): admin
// only, secrets never read back, bad input refused naming the field with nothing changed; a test message
// through each (POST /api/v1/settings/{smtp,sms}/test) reaching the local SMTP and SMS peers; against the
// real binary on each back end.
#include "api/api_test_fixture.hpp"
#include "messaging/peer_process.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

class ChannelsApi : public ApiTest {
protected:
    HttpResponse Put(std::string_view path, const json& body, std::string_view token) {
        return http().Request(
            "PUT", path, body.dump(),
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + std::string(token)}});
    }

    // The SMTP settings of the local peer: plain SMTP on loopback, no login.
    void UseSmtpPeer(const PeerProcess& peer) {
        json smtp = Smtp();
        smtp.update({{"host", "127.0.0.1"}, {"port", peer.port()}, {"security", "none"}, {"username", ""}});
        smtp.erase("password");
        ASSERT_EQ(Put("/api/v1/settings/smtp", smtp, AdminToken()).status, 200);
    }

    static json Smtp() {
        return {{"host", "smtp.voronka.example"}, {"port", 587},
                {"security", "starttls"},         {"username", "robot"},
                {"password", "s3cret"},           {"from", "Воронка <noreply@voronka.example>"}};
    }
};

TEST_P(ChannelsApi, SmtpSettingsAreStoredAndThePasswordNeverReadBack) {
    const HttpResponse empty = http().Get("/api/v1/settings/smtp", AdminToken());
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_EQ(empty.Json().at("configured"), false);
    EXPECT_EQ(empty.Json().at("password_set"), false);

    const HttpResponse put = Put("/api/v1/settings/smtp", Smtp(), AdminToken());
    ASSERT_EQ(put.status, 200) << put.body;
    const HttpResponse read = http().Get("/api/v1/settings/smtp", AdminToken());
    ASSERT_EQ(read.status, 200);
    for (const auto* answer : {&put, &read}) {
        const json smtp = answer->Json();
        EXPECT_EQ(smtp.at("configured"), true);
        EXPECT_EQ(smtp.at("host"), "smtp.voronka.example");
        EXPECT_EQ(smtp.at("port"), 587);
        EXPECT_EQ(smtp.at("security"), "starttls");
        EXPECT_EQ(smtp.at("username"), "robot");
        EXPECT_EQ(smtp.at("from"), "Воронка <noreply@voronka.example>");
        EXPECT_EQ(smtp.at("password_set"), true);
        EXPECT_FALSE(smtp.contains("password"));
        EXPECT_EQ(answer->body.find("s3cret"), std::string::npos);
    }

    // An absent password keeps the stored one; null removes it.
    json without_password = Smtp();
    without_password.erase("password");
    without_password["port"] = 465;
    without_password["security"] = "ssl";
    const HttpResponse kept = Put("/api/v1/settings/smtp", without_password, AdminToken());
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.Json().at("password_set"), true);
    EXPECT_EQ(kept.Json().at("port"), 465);
    without_password["password"] = nullptr;
    const HttpResponse cleared = Put("/api/v1/settings/smtp", without_password, AdminToken());
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(cleared.Json().at("password_set"), false);
}

TEST_P(ChannelsApi, OnlyAnAdminSeesOrChangesChannelSettings) {
    ASSERT_EQ(Put("/api/v1/settings/smtp", Smtp(), AdminToken()).status, 200);
    const std::vector<std::string> tokens{SignIn(kHeadEmail), SignIn(kIvanovEmail)};
    const DatabaseSnapshot before = Snapshot();
    for (const std::string& token : tokens) {
        EXPECT_TRUE(IsError(http().Get("/api/v1/settings/smtp", token), 403, "forbidden"));
        EXPECT_TRUE(IsError(http().Get("/api/v1/settings/sms", token), 403, "forbidden"));
        EXPECT_TRUE(IsError(Put("/api/v1/settings/smtp", Smtp(), token), 403, "forbidden"));
        EXPECT_TRUE(IsError(Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"api_key", "k"}}, token), 403,
                            "forbidden"));
    }
    EXPECT_TRUE(IsError(http().Get("/api/v1/settings/smtp"), 401, "unauthenticated"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(ChannelsApi, BadSmtpSettingsAreRefusedNamingTheFieldAndNothingChanges) {
    ASSERT_EQ(Put("/api/v1/settings/smtp", Smtp(), AdminToken()).status, 200);
    const DatabaseSnapshot before = Snapshot();
    const std::vector<std::pair<json, std::string>> cases{
        {{{"port", 0}}, "port"},
        {{{"port", 65536}}, "port"},
        {{{"port", "587"}}, "port"},
        {{{"host", ""}}, "host"},
        {{{"host", "smtp example.com"}}, "host"},
        {{{"security", "tls"}}, "security"},
        {{{"from", "not an address"}}, "from"},
        {{{"from", "Name <a@b.example"}}, "from"},
        {{{"username", "a\nb"}}, "username"},
        {{{"unexpected", 1}}, "unexpected"},
    };
    for (const auto& [change, field] : cases) {
        json body = Smtp();
        body.update(change);
        SCOPED_TRACE(body.dump());
        EXPECT_TRUE(
            IsError(Put("/api/v1/settings/smtp", body, AdminToken()), 422, "validation_failed", field));
    }
    json missing = Smtp();
    missing.erase("from");
    EXPECT_TRUE(
        IsError(Put("/api/v1/settings/smtp", missing, AdminToken()), 422, "validation_failed", "from"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(ChannelsApi, SmsRuPresetKeepsItsKeySecret) {
    const HttpResponse put =
        Put("/api/v1/settings/sms",
            {{"preset", "smsru"}, {"api_key", "SECRET-API-ID"}, {"sender", "Voronka"}}, AdminToken());
    ASSERT_EQ(put.status, 200) << put.body;
    const HttpResponse read = http().Get("/api/v1/settings/sms", AdminToken());
    ASSERT_EQ(read.status, 200);
    for (const auto* answer : {&put, &read}) {
        const json sms = answer->Json();
        EXPECT_EQ(sms.at("configured"), true);
        EXPECT_EQ(sms.at("preset"), "smsru");
        EXPECT_EQ(sms.at("sender"), "Voronka");
        EXPECT_EQ(sms.at("base_url"), "https://sms.ru");
        EXPECT_EQ(sms.at("api_key_set"), true);
        EXPECT_EQ(answer->body.find("SECRET-API-ID"), std::string::npos);
    }
    // Changing the sender without a key keeps the key.
    const HttpResponse kept =
        Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"sender", "Shop"}}, AdminToken());
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.Json().at("api_key_set"), true);
    EXPECT_EQ(kept.Json().at("sender"), "Shop");
}

TEST_P(ChannelsApi, CustomProviderIsStoredAndReadBack) {
    const json custom{{"preset", "custom"},
                      {"url", "https://sms.example/api/send"},
                      {"method", "POST"},
                      {"params", {{"to", "{{to}}"}, {"text", "{{text}}"}}},
                      {"body_template", R"({"to":"{{to}}","text":"{{text}}","key":"{{api_key}}"})"},
                      {"content_type", "application/json"},
                      {"success_pointer", "/status"},
                      {"success_value", "ok"},
                      {"id_pointer", "/id"},
                      {"api_key", "k"}};
    const HttpResponse put = Put("/api/v1/settings/sms", custom, AdminToken());
    ASSERT_EQ(put.status, 200) << put.body;
    const json sms = http().Get("/api/v1/settings/sms", AdminToken()).Json();
    EXPECT_EQ(sms.at("preset"), "custom");
    EXPECT_EQ(sms.at("url"), "https://sms.example/api/send");
    EXPECT_EQ(sms.at("params"), custom.at("params"));
    EXPECT_EQ(sms.at("body_template"), custom.at("body_template"));
    EXPECT_EQ(sms.at("success_pointer"), "/status");
    EXPECT_EQ(sms.at("id_pointer"), "/id");
    EXPECT_EQ(sms.at("api_key_set"), true);
    EXPECT_FALSE(sms.contains("base_url"));
}

TEST_P(ChannelsApi, BadSmsSettingsAreRefusedNamingTheFieldAndNothingChanges) {
    ASSERT_EQ(Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"api_key", "k"}}, AdminToken()).status, 200);
    const DatabaseSnapshot before = Snapshot();
    const json custom{{"preset", "custom"}, {"url", "https://sms.example/send"}};
    const std::vector<std::pair<json, std::string>> cases{
        {{{"preset", "twilio"}}, "preset"},
        {{{"url", "ftp://sms.example/"}}, "url"},
        {{{"url", "https://user:pw@sms.example/"}}, "url"},
        {{{"method", "PUT"}}, "method"},
        {{{"params", {{"to", "{{phone}}"}}}}, "params.to"},
        {{{"params", {{"to", "{{to}"}}}}, "params.to"},
        {{{"params", {{"to", 5}}}}, "params.to"},
        {{{"body_template", "{{text}}"}}, "content_type"},
        {{{"body_template", "{{texts}}"}, {"content_type", "text/plain"}}, "body_template"},
        {{{"method", "GET"}, {"body_template", "x"}, {"content_type", "text/plain"}}, "body_template"},
        {{{"success_pointer", "status"}, {"success_value", "ok"}}, "success_pointer"},
        {{{"success_pointer", "/status"}}, "success_value"},
        {{{"base_url", "https://sms.ru"}}, "base_url"},  // a field of the other preset
    };
    for (const auto& [change, field] : cases) {
        json body = custom;
        body.update(change);
        SCOPED_TRACE(body.dump());
        EXPECT_TRUE(
            IsError(Put("/api/v1/settings/sms", body, AdminToken()), 422, "validation_failed", field));
    }
    EXPECT_TRUE(IsError(
        Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"base_url", "javascript:x"}}, AdminToken()), 422,
        "validation_failed", "base_url"));
    EXPECT_TRUE(IsError(
        Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"url", "https://x.example"}}, AdminToken()), 422,
        "validation_failed", "url"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(ChannelsApi, SmsRuWithoutAnyKeyIsRefused) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(Put("/api/v1/settings/sms", {{"preset", "smsru"}}, AdminToken()), 422,
                        "validation_failed", "api_key"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(ChannelsApi, OutboundAllowListIsTheAdminsAndStoredNormalised) {
    const std::string head = SignIn(kHeadEmail);
    EXPECT_TRUE(IsError(http().Get("/api/v1/settings/outbound", head), 403, "forbidden"));
    EXPECT_TRUE(
        IsError(Put("/api/v1/settings/outbound", {{"allowed", {"127.0.0.1"}}}, head), 403, "forbidden"));
    const HttpResponse empty = http().Get("/api/v1/settings/outbound", AdminToken());
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_EQ(empty.Json(), (json{{"allowed", json::array()}}));

    const HttpResponse put =
        Put("/api/v1/settings/outbound",
            {{"allowed", {"Hooks.Office.LAN.", "10.20.30.40/16", "127.0.0.1", "[::1]", "127.0.0.1"}}},
            AdminToken());
    ASSERT_EQ(put.status, 200) << put.body;
    const json expected{{"allowed", {"hooks.office.lan", "10.20.0.0/16", "127.0.0.1", "::1"}}};
    EXPECT_EQ(put.Json(), expected);
    EXPECT_EQ(http().Get("/api/v1/settings/outbound", AdminToken()).Json(), expected);

    const std::vector<std::pair<json, std::string>> bad{
        {{{"allowed", {"ok.lan", "127.1"}}}, "allowed[1]"},
        {{{"allowed", {"10.0.0.0/33"}}}, "allowed[0]"},
        {{{"allowed", {"http://hooks.lan/"}}}, "allowed[0]"},
        {{{"allowed", "127.0.0.1"}}, "allowed"},
        {json::object(), "allowed"},
        {{{"allowed", json::array()}, {"colour", "red"}}, "colour"},
    };
    for (const auto& [body, field] : bad) {
        SCOPED_TRACE(body.dump());
        EXPECT_TRUE(
            IsError(Put("/api/v1/settings/outbound", body, AdminToken()), 422, "validation_failed", field));
    }
    EXPECT_EQ(http().Get("/api/v1/settings/outbound", AdminToken()).Json(), expected);

    const HttpResponse cleared = Put("/api/v1/settings/outbound", {{"allowed", json::array()}}, AdminToken());
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(cleared.Json(), (json{{"allowed", json::array()}}));
}

TEST_P(ChannelsApi, SmsProviderInsideIsRefusedUntilTheAdminAllowsIt) {
    for (const std::string base : {"http://127.0.0.1:5432", "http://2130706433", "http://0x7f000001:80",
                                   "http://[::1]:8080", "http://localhost:5432", "http://169.254.169.254",
                                   "http://0.0.0.0", "http://10.0.0.5", "http://[::ffff:192.168.0.1]"}) {
        SCOPED_TRACE(base);
        const HttpResponse smsru =
            Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"api_key", "k"}, {"base_url", base}},
                AdminToken());
        EXPECT_TRUE(IsError(smsru, 422, "validation_failed", "base_url"));
        EXPECT_NE(smsru.body.find("outbound policy"), std::string::npos) << smsru.body;
        EXPECT_TRUE(IsError(Put("/api/v1/settings/sms",
                                {{"preset", "custom"}, {"url", base + "/send?to={{to}}"}}, AdminToken()),
                            422, "validation_failed", "url"));
    }
    EXPECT_EQ(http().Get("/api/v1/settings/sms", AdminToken()).Json().at("configured"), false);

    AllowOutbound({"127.0.0.1"});
    for (const std::string base : {"http://127.0.0.1:5432", "http://2130706433"}) {
        const HttpResponse put =
            Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"api_key", "k"}, {"base_url", base}},
                AdminToken());
        EXPECT_EQ(put.status, 200) << base << ": " << put.body;
    }
    EXPECT_TRUE(IsError(
        Put("/api/v1/settings/sms", {{"preset", "smsru"}, {"base_url", "http://[::1]:8080"}}, AdminToken()),
        422, "validation_failed", "base_url"));
}

TEST_P(ChannelsApi, ATestEmailReachesTheSmtpServerAtOnceAndNotTheMessageLog) {
    PeerProcess peer("smtp_peer.py");
    UseSmtpPeer(peer);

    const HttpResponse sent =
        http().Post("/api/v1/settings/smtp/test", {{"to", " Anna@Client.Example "}}, AdminToken());
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_EQ(sent.Json(), (json{{"delivered", true}, {"error", nullptr}}));
    const auto lines = peer.Lines();  // the answer came after the server's DATA reply
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["rcpt_tos"], json::array({"Anna@Client.Example"}));
    EXPECT_EQ(lines[0]["subject"], "Voronka: проверка почты");
    EXPECT_EQ(http().Get("/api/v1/messages", AdminToken()).Json().at("items"), json::array());

    const HttpResponse refused =
        http().Post("/api/v1/settings/smtp/test", {{"to", "reject550@client.example"}}, AdminToken());
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(refused.Json().at("delivered"), false);
    EXPECT_NE(refused.Json().at("error").get<std::string>().find("550"), std::string::npos) << refused.body;
    EXPECT_EQ(peer.Lines().size(), 1u);
}

TEST_P(ChannelsApi, ATestSmsReachesTheProviderAndAFailureSaysWhy) {
    const HttpResponse unset =
        http().Post("/api/v1/settings/sms/test", {{"to", "+7 916 123-45-67"}}, AdminToken());
    ASSERT_EQ(unset.status, 200) << unset.body;
    EXPECT_EQ(unset.Json().at("delivered"), false);
    EXPECT_FALSE(unset.Json().at("error").get<std::string>().empty());

    PeerProcess peer("sms_peer.py", {"--api-id", "test-key"});
    AllowOutbound({"127.0.0.1"});  // the peer listens on loopback
    ASSERT_EQ(Put("/api/v1/settings/sms",
                  {{"preset", "smsru"}, {"api_key", "test-key"}, {"base_url", peer.url()}}, AdminToken())
                  .status,
              200);
    const HttpResponse sent =
        http().Post("/api/v1/settings/sms/test", {{"to", "8 (916) 123-45-67"}}, AdminToken());
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_EQ(sent.Json(), (json{{"delivered", true}, {"error", nullptr}}));
    const auto lines = peer.Lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["to"], "79161234567");
    EXPECT_EQ(lines[0]["msg"], "Voronka: проверка SMS. Настройки SMS работают.");

    // The provider refuses the number (SMS.ru's 207 for numbers ending in 207).
    const HttpResponse no_route =
        http().Post("/api/v1/settings/sms/test", {{"to", "+79161234207"}}, AdminToken());
    ASSERT_EQ(no_route.status, 200) << no_route.body;
    EXPECT_EQ(no_route.Json().at("delivered"), false);
    EXPECT_NE(no_route.Json().at("error").get<std::string>().find("207"), std::string::npos) << no_route.body;

    // Taking the allowance back stops the test at the outbound policy: nothing reaches the peer.
    AllowOutbound({});
    const HttpResponse inside =
        http().Post("/api/v1/settings/sms/test", {{"to", "+79161234567"}}, AdminToken());
    ASSERT_EQ(inside.status, 200) << inside.body;
    EXPECT_EQ(inside.Json().at("delivered"), false);
    EXPECT_EQ(peer.Lines().size(), 1u);
}

TEST_P(ChannelsApi, ATestMessageIsTheAdminsAndNeedsARecipientOfItsKind) {
    PeerProcess peer("smtp_peer.py");
    UseSmtpPeer(peer);
    const std::string manager = SignIn(kIvanovEmail);
    const std::string head = SignIn(kHeadEmail);
    for (const std::string& token : {manager, head}) {
        EXPECT_TRUE(IsError(http().Post("/api/v1/settings/smtp/test", {{"to", "anna@client.example"}}, token),
                            403, "forbidden"));
        EXPECT_TRUE(IsError(http().Post("/api/v1/settings/sms/test", {{"to", "+79161234567"}}, token), 403,
                            "forbidden"));
    }
    const std::vector<std::pair<std::string, json>> bad = {
        {"/api/v1/settings/smtp/test", json{{"to", "not an address"}}},
        {"/api/v1/settings/smtp/test", json{{"to", "+79161234567"}}},
        {"/api/v1/settings/smtp/test", json{{"to", ""}}},
        {"/api/v1/settings/smtp/test", json::object()},
        {"/api/v1/settings/smtp/test", json{{"to", 42}}},
        {"/api/v1/settings/sms/test", json{{"to", "anna@client.example"}}},
        {"/api/v1/settings/sms/test", json{{"to", "12"}}},
        {"/api/v1/settings/sms/test", json{{"to", "+79161234567"}, {"text", "Hi"}}},
    };
    for (const auto& [path, body] : bad) {
        SCOPED_TRACE(path + " " + body.dump());
        const HttpResponse answer = http().Post(path, body, AdminToken());
        EXPECT_EQ(answer.status, 422) << answer.body;
    }
    EXPECT_TRUE(IsError(http().Post("/api/v1/settings/smtp/test", {{"to", "x"}}, AdminToken()), 422,
                        "validation_failed", "to"));
    EXPECT_TRUE(peer.Lines().empty());
}

VORONKA_INSTANTIATE_API_TEST(ChannelsApi);

}  // namespace
}  // namespace voronka::test
