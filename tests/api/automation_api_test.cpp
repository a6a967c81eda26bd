// Automation end to end against the real binary on each back end: a person's change over the API
// fires a rule in the server's engine, whose actions reach the SMS peer (tests/peers/sms_peer.py,
// answering like SMS.ru), the outbox, the record's timeline, notifications and a department's
// queue. The engine and the delivery workers run inside `voronka serve`; the tests wait for their
// effects with bounded polls, never with fixed sleeps.
#include <chrono>
#include <functional>
#include <thread>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "core/time.hpp"
#include "messaging/outbox.hpp"
#include "messaging/peer_process.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

constexpr const char* kMeetingStage = "Встреча назначена";
constexpr const char* kPurchasing = "Закупки";

// Polls `ready` every 50 ms until it holds or `timeout` passes; answers whether it held.
bool Eventually(const std::function<bool()>& ready, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!ready()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

class AutomationApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        head_ = SignIn(kHeadEmail);
        ivanov_ = SignIn(kIvanovEmail);
        const auto pipelines = http().Get("/api/v1/pipelines", head_).Json();
        for (const auto& pipeline : pipelines.at("items")) {
            if (pipeline.at("record_type") != "deal") continue;
            pipeline_id_ = pipeline.at("id").get<std::int64_t>();
            for (const auto& stage : pipeline.at("stages")) {
                if (stage.at("name") == kMeetingStage) meeting_stage_ = stage.at("id").get<std::int64_t>();
            }
        }
        ASSERT_NE(meeting_stage_, 0) << pipelines;
    }

    json Created(const HttpResponse& response) {
        EXPECT_EQ(response.status, 201) << response.body;
        return response.Json();
    }

    // A rule of the head's on entering the meeting stage.
    std::int64_t RuleOnMeetingStage(const json& actions) {
        return Created(http().Post("/api/v1/automation/rules",
                                   {{"name", "Встреча назначена"},
                                    {"record_type", "deal"},
                                    {"trigger",
                                     {{"type", "stage_entered"},
                                      {"pipeline_id", pipeline_id_},
                                      {"stage_id", meeting_stage_}}},
                                    {"actions", actions}},
                                   head_))
            .at("id")
            .get<std::int64_t>();
    }

    std::int64_t SmsTemplate() {
        return Created(
                   http().Post("/api/v1/templates",
                               {{"kind", "sms"},
                                {"name", "Встреча"},
                                {"body", "{{contact.name}}, ждём вас {{meeting.at}}: {{meeting.location}}"}},
                               head_))
            .at("id")
            .get<std::int64_t>();
    }

    // A deal of Ivanov's; with a contact with a phone and a meeting tomorrow when `with_contact`.
    std::int64_t IvanovsDeal(bool with_contact) {
        json deal{{"title", "Поставка кофемашин"}, {"amount", 125000000}, {"currency", "RUB"}};
        if (with_contact) {
            const auto contact = Created(http().Post(
                "/api/v1/contacts",
                {{"name", "Пётр Сидоров"}, {"phones", {"8 (916) 123-45-67"}}, {"allow_duplicate", true}},
                ivanov_));
            deal["contact_id"] = contact.at("id");
        }
        const auto id = Created(http().Post("/api/v1/deals", deal, ivanov_)).at("id").get<std::int64_t>();
        if (with_contact) {
            Created(http().Post("/api/v1/tasks",
                                {{"record_type", "deal"},
                                 {"record_id", id},
                                 {"kind", "meeting"},
                                 {"subject", "Встреча в офисе клиента"},
                                 {"due_at", FormatIso8601(std::time(nullptr) + 86400)},
                                 {"location", "Москва, Тверская, 1"}},
                                ivanov_));
        }
        return id;
    }

    void MoveToMeetingStage(std::int64_t deal) {
        const auto moved =
            http().Patch("/api/v1/deals/" + std::to_string(deal), {{"stage_id", meeting_stage_}}, ivanov_);
        ASSERT_EQ(moved.status, 200) << moved.body;
    }

    json MessagesOf(std::int64_t deal, const std::string& token) {
        return http()
            .Get("/api/v1/messages?record_type=deal&record_id=" + std::to_string(deal), token)
            .Json()
            .at("items");
    }

    std::string head_;
    std::string ivanov_;
    std::int64_t pipeline_id_ = 0;
    std::int64_t meeting_stage_ = 0;
};

TEST_P(AutomationApi, StageMoveSendsTheRenderedSmsToTheProviderOnce) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-key"});
    AllowOutbound({"127.0.0.1"});  // the peer listens on loopback
    const auto set =
        http().Request("PUT", "/api/v1/settings/sms",
                       json{{"preset", "smsru"}, {"api_key", "test-key"}, {"base_url", peer.url()}}.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + AdminToken()}});
    ASSERT_EQ(set.status, 200) << set.body;
    const auto rule =
        RuleOnMeetingStage(json::array({{{"type", "send_sms"}, {"template_id", SmsTemplate()}}}));
    const auto deal = IvanovsDeal(true);

    MoveToMeetingStage(deal);

    const auto arrived = peer.WaitForLines(1, std::chrono::seconds(20));
    ASSERT_EQ(arrived.size(), 1u) << "no SMS reached the peer";
    EXPECT_EQ(arrived[0].at("to"), "79161234567");
    const std::string text = arrived[0].at("msg");
    EXPECT_NE(text.find("Пётр Сидоров, ждём вас "), std::string::npos) << text;
    EXPECT_NE(text.find(": Москва, Тверская, 1"), std::string::npos) << text;

    json message;
    ASSERT_TRUE(Eventually([&] {
        const auto items = MessagesOf(deal, ivanov_);
        if (items.size() != 1 || items[0].at("state") != "sent") return false;
        message = items[0];
        return true;
    })) << MessagesOf(deal, ivanov_);
    EXPECT_EQ(message.at("channel"), "sms");
    EXPECT_EQ(message.at("body"), text);
    EXPECT_EQ(message.at("provider_id"), arrived[0].at("sms_id"));
    EXPECT_EQ(message.at("rule_id"), rule);

    // The run log, the deal's timeline, and nobody else's sight.
    const auto runs =
        http().Get("/api/v1/automation/rules/" + std::to_string(rule) + "/runs", head_).Json().at("items");
    ASSERT_EQ(runs.size(), 1u) << runs;
    EXPECT_EQ(runs[0].at("outcome"), "ok");
    const auto timeline =
        http().Get("/api/v1/deals/" + std::to_string(deal) + "/timeline", ivanov_).Json().at("items");
    bool shown = false;
    for (const auto& item : timeline) shown = shown || item.at("type") == "message";
    EXPECT_TRUE(shown) << timeline;
    const auto sokolova = SignIn(kSokolovaEmail);
    EXPECT_TRUE(MessagesOf(deal, sokolova).empty());
    EXPECT_EQ(http().Get("/api/v1/messages/" + message.at("id").dump(), sokolova).status, 404);

    // A change that does not enter the stage fires nothing more: once the engine has read its
    // event and has no job of the rule left, there is still one run and one SMS.
    ASSERT_EQ(http()
                  .Patch("/api/v1/deals/" + std::to_string(deal), {{"title", "Поставка кофемашин (2 шт.)"}},
                         ivanov_)
                  .status,
              200);
    ASSERT_TRUE(Eventually([&] { return FetchInt(sql::kAutomationUnprocessedEvents) == 0; }));
    ASSERT_TRUE(Eventually([&] { return FetchInt(sql::kAutomationRuleJobs, {store::Param(rule)}) == 0; }));
    EXPECT_EQ(http()
                  .Get("/api/v1/automation/rules/" + std::to_string(rule) + "/runs", head_)
                  .Json()
                  .at("items")
                  .size(),
              1u);
    EXPECT_EQ(peer.Lines().size(), 1u);
}

TEST_P(AutomationApi, AFailingActionNeverFailsTheChangeAndIsVisible) {
    const auto rule =
        RuleOnMeetingStage(json::array({{{"type", "send_sms"}, {"template_id", SmsTemplate()}}}));
    const auto deal = IvanovsDeal(false);  // no contact: nobody to send to

    MoveToMeetingStage(deal);

    json message;
    ASSERT_TRUE(Eventually([&] {
        const auto items = MessagesOf(deal, ivanov_);
        if (items.size() != 1) return false;
        message = items[0];
        return true;
    }));
    EXPECT_EQ(message.at("state"), "failed");
    EXPECT_NE(message.at("last_error").get<std::string>().find("телефон"), std::string::npos) << message;
    const auto stored = http().Get("/api/v1/deals/" + std::to_string(deal), ivanov_).Json();
    EXPECT_EQ(stored.at("stage_id"), meeting_stage_);
    const auto runs =
        http().Get("/api/v1/automation/rules/" + std::to_string(rule) + "/runs", head_).Json().at("items");
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].at("outcome"), "failed");
    EXPECT_EQ(runs[0].at("actions").at(0).at("outcome"), "failed");
}

TEST_P(AutomationApi, NotificationsReachTheOwnerOnly) {
    RuleOnMeetingStage(json::array(
        {{{"type", "notify"}, {"text", "Сделка «{{record.title}}»: {{record.stage}}"}, {"owner", true}}}));
    const auto deal = IvanovsDeal(false);
    MoveToMeetingStage(deal);

    json notification;
    ASSERT_TRUE(Eventually([&] {
        const auto items = http().Get("/api/v1/notifications", ivanov_).Json().at("items");
        if (items.empty()) return false;
        notification = items[0];
        return true;
    }));
    EXPECT_EQ(notification.at("text"), std::string("Сделка «Поставка кофемашин»: ") + kMeetingStage);
    EXPECT_EQ(notification.at("record_id"), deal);
    EXPECT_TRUE(notification.at("read_at").is_null());

    const auto sokolova = SignIn(kSokolovaEmail);
    EXPECT_TRUE(http().Get("/api/v1/notifications", sokolova).Json().at("items").empty());
    const std::string read = "/api/v1/notifications/" + notification.at("id").dump() + "/read";
    EXPECT_TRUE(IsError(http().Post(read, json::object(), sokolova), 404, "not_found"));
    EXPECT_TRUE(http().Get("/api/v1/notifications?unread=true", ivanov_).Json().at("items").size() == 1);

    const auto marked = http().Post(read, json::object(), ivanov_);
    ASSERT_EQ(marked.status, 200) << marked.body;
    EXPECT_FALSE(marked.Json().at("read_at").is_null());
    EXPECT_TRUE(http().Get("/api/v1/notifications?unread=true", ivanov_).Json().at("items").empty());
    EXPECT_TRUE(IsError(http().Get("/api/v1/notifications?unread=maybe", ivanov_), 422, "validation_failed",
                        "unread"));
}

TEST_P(AutomationApi, ARuleHandsWorkToTheDepartmentsQueue) {
    const auto purchasing = DepartmentId(kPurchasing);
    RuleOnMeetingStage(json::array({{{"type", "create_task"},
                                     {"kind", "todo"},
                                     {"subject", "Зарезервировать товар"},
                                     {"department_id", purchasing},
                                     {"due", "P1D"}}}));
    const auto deal = IvanovsDeal(false);
    MoveToMeetingStage(deal);

    const auto volkov = SignIn(kVolkovEmail);
    const std::string queue = "/api/v1/tasks?department_id=" + std::to_string(purchasing);
    json task;
    ASSERT_TRUE(Eventually([&] {
        const auto items = http().Get(queue, volkov).Json().at("items");
        if (items.empty()) return false;
        task = items[0];
        return true;
    }));
    EXPECT_EQ(task.at("subject"), "Зарезервировать товар");
    EXPECT_EQ(task.at("record_id"), deal);
    EXPECT_EQ(task.at("department_id"), purchasing);
    // A sales manager who owns neither the deal nor the queue does not see it.
    EXPECT_TRUE(http().Get(queue, SignIn(kSokolovaEmail)).Json().at("items").empty());
}

// Two `voronka serve` processes on one database, as behind a load balancer: moves arrive through
// both, both engines dispatch and run jobs and both deliver, yet every rule fires once per move
// and every message reaches the peer once (on PostgreSQL the claims use FOR UPDATE SKIP LOCKED).
TEST_P(AutomationApi, TwoServersFireEachRuleAndDeliverEachMessageOnce) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-key"});
    AllowOutbound({"127.0.0.1"});  // the peer listens on loopback
    const auto set =
        http().Request("PUT", "/api/v1/settings/sms",
                       json{{"preset", "smsru"}, {"api_key", "test-key"}, {"base_url", peer.url()}}.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + AdminToken()}});
    ASSERT_EQ(set.status, 200) << set.body;
    const auto rule =
        RuleOnMeetingStage(json::array({{{"type", "send_sms"}, {"template_id", SmsTemplate()}}}));
    ServerProcess second(ServerOptions{.database_url = database().url()});
    HttpClient second_http(second.base_url());

    constexpr int kDeals = 20;
    std::vector<std::int64_t> deals;
    for (int i = 0; i < kDeals; ++i) deals.push_back(IvanovsDeal(true));
    for (int i = 0; i < kDeals; ++i) {
        HttpClient& via = i % 2 == 0 ? http() : second_http;
        const auto moved =
            via.Patch("/api/v1/deals/" + std::to_string(deals[i]), {{"stage_id", meeting_stage_}}, ivanov_);
        ASSERT_EQ(moved.status, 200) << moved.body;
    }

    ASSERT_EQ(peer.WaitForLines(kDeals, std::chrono::seconds(30)).size(), static_cast<std::size_t>(kDeals));
    ASSERT_TRUE(Eventually([&] { return FetchInt(sql::kAutomationRuleJobs, {store::Param(rule)}) == 0; }));
    ASSERT_TRUE(Eventually([&] {
        for (const auto deal : deals) {
            const auto items = MessagesOf(deal, ivanov_);
            if (items.size() != 1 || items[0].at("state") != "sent") return false;
        }
        return true;
    }));
    EXPECT_EQ(peer.Lines().size(), static_cast<std::size_t>(kDeals)) << "a message was sent twice";
    EXPECT_EQ(http()
                  .Get("/api/v1/automation/rules/" + std::to_string(rule) + "/runs?limit=200", head_)
                  .Json()
                  .at("items")
                  .size(),
              static_cast<std::size_t>(kDeals));
}

// A message is seen through its record's owner now: when the deal changes hands, so do its messages.
TEST_P(AutomationApi, MessagesFollowTheirRecordToItsNewOwner) {
    const auto deal = IvanovsDeal(false);
    const auto ivanov = UserId(kIvanovEmail);
    const auto id = db().Write([&](store::Transaction& tx) {
        messaging::NewMessage message;
        message.channel = messaging::Channel::kSms;
        message.record_type = crm::RecordType::kDeal;
        message.record_id = deal;
        message.owner_id = ivanov;
        message.body = "Встреча завтра";
        message.failure = "у получателя нет телефона";
        return messaging::Enqueue(tx, message, std::time(nullptr));
    });
    const std::string path = "/api/v1/messages/" + std::to_string(id);
    const auto sokolova = SignIn(kSokolovaEmail);
    ASSERT_EQ(http().Get(path, ivanov_).status, 200);
    EXPECT_EQ(http().Get(path, sokolova).status, 404);

    const auto handed = http().Patch("/api/v1/deals/" + std::to_string(deal),
                                     {{"owner_id", UserId(kSokolovaEmail)}}, AdminToken());
    ASSERT_EQ(handed.status, 200) << handed.body;
    EXPECT_EQ(http().Get(path, sokolova).status, 200);
    EXPECT_EQ(http().Get(path, ivanov_).status, 404);
    EXPECT_EQ(MessagesOf(deal, sokolova).size(), 1u);
    EXPECT_TRUE(MessagesOf(deal, ivanov_).empty());
}

TEST_P(AutomationApi, WebhookToAnAllowedPeerIsDelivered) {
    PeerProcess peer("webhook_peer.py");
    AllowOutbound({"127.0.0.1"});
    RuleOnMeetingStage(json::array({{{"type", "webhook"}, {"url", peer.url() + "/hook"}, {"secret", "s3"}}}));
    const auto deal = IvanovsDeal(true);
    MoveToMeetingStage(deal);
    ASSERT_EQ(peer.WaitForLines(1, std::chrono::seconds(20)).size(), 1u) << "the webhook did not arrive";
    ASSERT_TRUE(Eventually([&] {
        const auto items = MessagesOf(deal, AdminToken());
        return items.size() == 1 && items[0].at("state") == "sent";
    }));
}

// A rule saved while the admin allowed its peer, delivered after the allowance was taken back (as
// a rule saved before the outbound policy existed would be): the message fails for good, with the
// reason in the outbox, and the peer hears nothing.
TEST_P(AutomationApi, WebhookSavedWhileAllowedFailsAtDeliveryOnceTheAllowanceIsRemoved) {
    PeerProcess peer("webhook_peer.py");
    AllowOutbound({"127.0.0.1"});
    RuleOnMeetingStage(json::array({{{"type", "webhook"}, {"url", peer.url() + "/hook"}, {"secret", "s3"}}}));
    AllowOutbound({});
    const auto deal = IvanovsDeal(true);
    MoveToMeetingStage(deal);
    json message;
    ASSERT_TRUE(Eventually([&] {
        const auto items = MessagesOf(deal, AdminToken());
        if (items.size() != 1 || items[0].at("state") != "failed") return false;
        message = items[0];
        return true;
    })) << MessagesOf(deal, AdminToken());
    EXPECT_EQ(message.at("channel"), "webhook");
    const std::string error = message.at("last_error");
    EXPECT_NE(error.find("адрес запрещён политикой исходящих запросов"), std::string::npos) << error;
    EXPECT_NE(error.find("127.0.0.1 (loopback address)"), std::string::npos) << error;
    EXPECT_TRUE(peer.Lines().empty());
}

VORONKA_INSTANTIATE_API_TEST(AutomationApi);

}  // namespace
}  // namespace voronka::test
