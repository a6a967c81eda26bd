// The outbox's messages over HTTP against the real binary on each back end: listing with filters
// and pagination, visibility through the owner, reading one, an admin's retry, and messages in
// a record's timeline. Messages are written straight into the database with messaging::Enqueue,
// as the automation engine writes them. They are dated far in the future (kLater), so that
// delivery workers of the server, if it runs any, never find them due.
#include <set>

#include "api/api_test_fixture.hpp"
#include "core/time.hpp"
#include "messages_test_sql.hpp"
#include "messaging/outbox.hpp"

namespace voronka::test {
namespace {

using messaging::Channel;
using messaging::DeliveryResult;
using messaging::NewMessage;
using nlohmann::json;
using store::Param;

constexpr UnixTime kFailedAt = 4000000000;  // 2096-10-02: messages failed by the test
constexpr UnixTime kLater = 4100000000;     // 2099-12-03T16:53:20Z: messages that stay queued

class MessagesApi : public ApiTest {
protected:
    std::int64_t Put(NewMessage m, UnixTime at = kLater) {
        return db().Write([&](store::Transaction& tx) { return messaging::Enqueue(tx, m, at); });
    }
    static NewMessage Sms(std::optional<std::int64_t> owner, std::string body = "Встреча 28 ноября, 15:00") {
        NewMessage m;
        m.channel = Channel::kSms;
        m.owner_id = owner;
        m.recipient = "+79161234567";
        m.body = std::move(body);
        return m;
    }
    // A message that failed on its first attempt with a permanent error.
    std::int64_t PutFailedAfterAnAttempt(std::optional<std::int64_t> owner) {
        const std::int64_t id = Put(Sms(owner), kFailedAt);
        const auto claimed = messaging::Claim(db(), 100, kFailedAt, 60);
        EXPECT_EQ(claimed.size(), 1u);
        EXPECT_TRUE(messaging::Complete(
            db(), id, 1,
            {.outcome = DeliveryResult::Outcome::kPermanent, .provider_id = {}, .error = "неверный номер"},
            kFailedAt));
        return id;
    }
    std::vector<std::string> Messages() {
        return db().Read([](store::Transaction& tx) {
            std::vector<std::string> rows;
            for (const auto& row : tx.Fetch(messages_sql::kMessagesSnapshot)) rows.push_back(RenderRow(row));
            return rows;
        });
    }
    std::int64_t Rule(const std::string& name) {
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(messages_sql::kMessagesInsertRule, {Param(name), Param(kLater)});
        });
    }
    // Every id the caller sees for `query`, walking all pages of `limit`.
    std::vector<std::int64_t> Ids(const std::string& token, const std::string& query = "", int limit = 200) {
        std::vector<std::int64_t> ids;
        std::string cursor;
        for (int page = 0; page < 100; ++page) {
            std::string path = "/api/v1/messages?limit=" + std::to_string(limit);
            if (!query.empty()) path += "&" + query;
            if (!cursor.empty()) path += "&cursor=" + cursor;
            const HttpResponse r = http().Get(path, token);
            EXPECT_EQ(r.status, 200) << r.body;
            if (r.status != 200) break;
            const json body = r.Json();
            for (const auto& item : body.at("items")) ids.push_back(item.at("id").get<std::int64_t>());
            if (body.at("next_cursor").is_null()) break;
            cursor = body.at("next_cursor").get<std::string>();
        }
        return ids;
    }
    std::string Path(std::int64_t id, std::string_view rest = "") {
        return "/api/v1/messages/" + std::to_string(id) + std::string(rest);
    }
};

TEST_P(MessagesApi, ListShowsEveryColumnButTheLeaseNewestFirst) {
    NewMessage mail;
    mail.channel = Channel::kEmail;
    mail.record_type = crm::RecordType::kDeal;
    mail.record_id = 42;
    mail.owner_id = UserId(kIvanovEmail);
    mail.recipient = "client@example.com";
    mail.subject = "Коммерческое предложение";
    mail.body = "Добрый день!";
    mail.html = "<p>Добрый день!</p>";
    const std::int64_t first = Put(Sms(UserId(kIvanovEmail)));
    const std::int64_t second = Put(mail);
    const HttpResponse r = http().Get("/api/v1/messages", AdminToken());
    ASSERT_EQ(r.status, 200) << r.body;
    const json items = r.Json().at("items");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items.at(0).at("id"), second);
    EXPECT_EQ(items.at(1).at("id"), first);
    const json expected = {{"id", second},
                           {"channel", "email"},
                           {"record_type", "deal"},
                           {"record_id", 42},
                           {"owner_id", UserId(kIvanovEmail)},
                           {"rule_id", nullptr},
                           {"run_id", nullptr},
                           {"template_id", nullptr},
                           {"recipient", "client@example.com"},
                           {"subject", "Коммерческое предложение"},
                           {"body", "Добрый день!"},
                           {"html", "<p>Добрый день!</p>"},
                           {"payload", nullptr},
                           {"headers", nullptr},
                           {"state", "queued"},
                           {"attempts", 0},
                           {"next_attempt_at", "2099-12-03T16:53:20Z"},
                           {"last_error", nullptr},
                           {"provider_id", nullptr},
                           {"created_at", "2099-12-03T16:53:20Z"},
                           {"updated_at", "2099-12-03T16:53:20Z"},
                           {"sent_at", nullptr}};
    EXPECT_EQ(items.at(0), expected);
    EXPECT_EQ(http().Get(Path(second), AdminToken()).Json(), expected);
}

TEST_P(MessagesApi, EachCallerSeesOnlyMessagesOfOwnersInSight) {
    const std::int64_t ivanov = Put(Sms(UserId(kIvanovEmail)));
    const std::int64_t sokolova = Put(Sms(UserId(kSokolovaEmail)));
    const std::int64_t volkov = Put(Sms(UserId(kVolkovEmail)));  // purchasing
    const std::int64_t ownerless = Put(Sms(std::nullopt));
    const std::string ivanov_token = SignIn(kIvanovEmail);
    const std::string head_token = SignIn(kHeadEmail);
    EXPECT_EQ(Ids(ivanov_token), (std::vector<std::int64_t>{ivanov}));
    EXPECT_EQ(Ids(SignIn(kSokolovaEmail)), (std::vector<std::int64_t>{sokolova}));
    EXPECT_EQ(Ids(head_token), (std::vector<std::int64_t>{sokolova, ivanov}));
    EXPECT_EQ(Ids(AdminToken()), (std::vector<std::int64_t>{ownerless, volkov, sokolova, ivanov}));
    // Out of sight reads as missing.
    EXPECT_EQ(http().Get(Path(ivanov), ivanov_token).status, 200);
    EXPECT_TRUE(IsError(http().Get(Path(sokolova), ivanov_token), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(Path(volkov), head_token), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(Path(ownerless), head_token), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(Path(ownerless + 1000), AdminToken()), 404, "not_found"));
    // Filters never widen the sight.
    EXPECT_EQ(Ids(ivanov_token, "state=queued&channel=sms"), (std::vector<std::int64_t>{ivanov}));
}

TEST_P(MessagesApi, FiltersByStateChannelRecordAndRule) {
    const std::int64_t owner = UserId(kIvanovEmail);
    const std::int64_t rule = Rule("Встреча назначена → SMS");
    NewMessage of_deal = Sms(owner);
    of_deal.record_type = crm::RecordType::kDeal;
    of_deal.record_id = 5;
    of_deal.rule_id = rule;
    NewMessage of_lead = Sms(owner);
    of_lead.record_type = crm::RecordType::kLead;
    of_lead.record_id = 5;
    NewMessage hook;
    hook.channel = Channel::kWebhook;
    hook.owner_id = owner;
    hook.recipient = "https://example.com/hook";
    hook.payload = R"({"event":"deal_won"})";
    hook.headers = R"({"X-Voronka-Signature":"sha256=00"})";
    NewMessage broken = Sms(owner, "");
    broken.failure = "у контакта нет телефона";
    const std::int64_t failed = PutFailedAfterAnAttempt(owner);
    const std::int64_t deal_sms = Put(of_deal);
    const std::int64_t lead_sms = Put(of_lead);
    const std::int64_t webhook = Put(hook);
    const std::int64_t unmade = Put(broken);
    const std::string admin = AdminToken();
    EXPECT_EQ(Ids(admin, "state=failed"), (std::vector<std::int64_t>{unmade, failed}));
    EXPECT_EQ(Ids(admin, "state=queued"), (std::vector<std::int64_t>{webhook, lead_sms, deal_sms}));
    EXPECT_EQ(Ids(admin, "state=sent"), std::vector<std::int64_t>{});
    EXPECT_EQ(Ids(admin, "channel=webhook"), (std::vector<std::int64_t>{webhook}));
    EXPECT_EQ(Ids(admin, "record_type=deal&record_id=5"), (std::vector<std::int64_t>{deal_sms}));
    EXPECT_EQ(Ids(admin, "record_type=lead&record_id=5"), (std::vector<std::int64_t>{lead_sms}));
    EXPECT_EQ(Ids(admin, "rule_id=" + std::to_string(rule)), (std::vector<std::int64_t>{deal_sms}));
    EXPECT_EQ(Ids(admin, "channel=sms&state=queued"), (std::vector<std::int64_t>{lead_sms, deal_sms}));
    const json got = http().Get(Path(webhook), admin).Json();
    EXPECT_EQ(got.at("payload"), R"({"event":"deal_won"})");
    EXPECT_EQ(got.at("body"), "");
    const json unmade_json = http().Get(Path(unmade), admin).Json();
    EXPECT_EQ(unmade_json.at("last_error"), "у контакта нет телефона");
    EXPECT_EQ(unmade_json.at("attempts"), 0);
}

TEST_P(MessagesApi, PagesWalkEveryMessageOnceNewestFirst) {
    std::vector<std::int64_t> all;
    for (int i = 0; i < 7; ++i) all.insert(all.begin(), Put(Sms(UserId(kIvanovEmail))));
    EXPECT_EQ(Ids(AdminToken(), "", 3), all);
    EXPECT_EQ(Ids(AdminToken(), "", 1), all);
    EXPECT_EQ(Ids(AdminToken(), "", 7), all);
}

TEST_P(MessagesApi, BadFiltersAreRefusedNamingTheParameter) {
    const std::string admin = AdminToken();
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages?state=lost", admin), 422, "validation_failed", "state"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/messages?channel=fax", admin), 422, "validation_failed", "channel"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages?record_type=order&record_id=1", admin), 422,
                        "validation_failed", "record_type"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages?record_type=deal&record_id=x", admin), 422,
                        "validation_failed", "record_id"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages?record_type=deal", admin), 422, "validation_failed",
                        "record_id"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/messages?record_id=3", admin), 422, "validation_failed", "record_type"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/messages?rule_id=one", admin), 422, "validation_failed", "rule_id"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages?limit=0", admin), 422, "validation_failed", "limit"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/messages?cursor=zzz", admin), 422, "validation_failed", "cursor"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/messages", ""), 401, "unauthenticated"));
}

TEST_P(MessagesApi, OnlyAnAdminRetriesAndOnlyAFailedMessage) {
    const std::int64_t owner = UserId(kIvanovEmail);
    const std::int64_t failed = PutFailedAfterAnAttempt(owner);
    const std::int64_t queued = Put(Sms(owner));
    NewMessage broken = Sms(owner, "");
    broken.failure = "нет значения для {{meeting.at}}";
    const std::int64_t unmade = Put(broken);
    const auto before = Messages();
    EXPECT_TRUE(
        IsError(http().Post(Path(failed, "/retry"), json::object(), SignIn(kIvanovEmail)), 403, "forbidden"));
    EXPECT_TRUE(
        IsError(http().Post(Path(failed, "/retry"), json::object(), SignIn(kHeadEmail)), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post(Path(queued, "/retry"), json::object(), AdminToken()), 409, "conflict"));
    EXPECT_TRUE(IsError(http().Post(Path(unmade, "/retry"), json::object(), AdminToken()), 409, "conflict"));
    EXPECT_TRUE(
        IsError(http().Post(Path(unmade + 1000, "/retry"), json::object(), AdminToken()), 404, "not_found"));
    EXPECT_EQ(Messages(), before);

    const UnixTime asked = std::time(nullptr);
    const HttpResponse r = http().Post(Path(failed, "/retry"), json::object(), AdminToken());
    ASSERT_EQ(r.status, 200) << r.body;
    const json retried = r.Json();
    EXPECT_EQ(retried.at("id"), failed);
    EXPECT_EQ(retried.at("state"), "queued");
    EXPECT_EQ(retried.at("attempts"), 0);
    const auto due = ParseIso8601(retried.at("next_attempt_at").get<std::string>());
    ASSERT_TRUE(due);
    EXPECT_GE(*due, asked);
    EXPECT_LE(*due, asked + 60);
    const std::string history = retried.at("last_error").get<std::string>();
    EXPECT_NE(history.find("1 попытки"), std::string::npos) << history;
    EXPECT_NE(history.find("неверный номер"), std::string::npos) << history;
    // Queued again, it cannot be retried a second time.
    const HttpResponse again = http().Post(Path(failed, "/retry"), json::object(), AdminToken());
    if (http().Get(Path(failed), AdminToken()).Json().at("state") != "failed") {
        EXPECT_TRUE(IsError(again, 409, "conflict"));
    }
}

TEST_P(MessagesApi, RecordTimelineShowsItsMessagesMergedByTime) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const HttpResponse created = http().Post("/api/v1/deals", {{"title", "Поставка станков"}}, ivanov);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t deal = created.Json().at("id").get<std::int64_t>();
    std::string long_body;
    for (int i = 0; i < 25; ++i) long_body += "Привет, мир";  // 11 characters each
    NewMessage sms = Sms(UserId(kIvanovEmail), long_body);
    sms.record_type = crm::RecordType::kDeal;
    sms.record_id = deal;
    NewMessage mail = Sms(UserId(kIvanovEmail), "Текст письма");
    mail.channel = Channel::kEmail;
    mail.recipient = "client@example.com";
    mail.subject = "Ваше предложение";
    mail.record_type = crm::RecordType::kDeal;
    mail.record_id = deal;
    NewMessage unmade = sms;
    unmade.body = "";
    unmade.failure = "у контакта нет телефона";
    NewMessage other = sms;
    other.record_id = deal + 1000;
    const std::int64_t sms_id = Put(sms, kLater);
    const std::int64_t mail_id = Put(mail, kLater + 10);
    const std::int64_t unmade_id = Put(unmade, kLater + 20);
    Put(other, kLater + 30);

    const HttpResponse r = http().Get("/api/v1/deals/" + std::to_string(deal) + "/timeline", ivanov);
    ASSERT_EQ(r.status, 200) << r.body;
    const json items = r.Json().at("items");
    ASSERT_GE(items.size(), 4u) << items;  // the three messages, then the deal's own items
    EXPECT_EQ(items.at(0).at("id"), unmade_id);
    EXPECT_EQ(items.at(1).at("id"), mail_id);
    EXPECT_EQ(items.at(2).at("id"), sms_id);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(items.at(i).at("type"), "message");
    for (std::size_t i = 3; i < items.size(); ++i)
        EXPECT_NE(items.at(i).at("type"), "message") << items.at(i);
    EXPECT_EQ(items.at(0).at("state"), "failed");
    EXPECT_EQ(items.at(0).at("last_error"), "у контакта нет телефона");
    EXPECT_EQ(items.at(1).at("channel"), "email");
    EXPECT_EQ(items.at(1).at("text"), "Ваше предложение");
    EXPECT_EQ(items.at(1).at("recipient"), "client@example.com");
    EXPECT_EQ(items.at(1).at("at"), "2099-12-03T16:53:30Z");
    const json& first = items.at(2);
    EXPECT_EQ(first.at("channel"), "sms");
    EXPECT_EQ(first.at("state"), "queued");
    EXPECT_EQ(first.at("recipient"), "+79161234567");
    std::string first_200;  // 18 times 11 characters, and 2 more
    for (int i = 0; i < 18; ++i) first_200 += "Привет, мир";
    EXPECT_EQ(first.at("text"), first_200 + "Пр");
    EXPECT_EQ(first.at("last_error"), nullptr);
    EXPECT_EQ(first.at("sent_at"), nullptr);
    EXPECT_EQ(first.at("created_at"), "2099-12-03T16:53:20Z");

    // Page by page, the messages come in the same order.
    std::vector<std::int64_t> paged;
    std::string path = "/api/v1/deals/" + std::to_string(deal) + "/timeline?limit=1";
    for (int page = 0; page < 3; ++page) {
        const HttpResponse p = http().Get(path, ivanov);
        ASSERT_EQ(p.status, 200) << p.body;
        paged.push_back(p.Json().at("items").at(0).at("id").get<std::int64_t>());
        ASSERT_FALSE(p.Json().at("next_cursor").is_null());
        path = "/api/v1/deals/" + std::to_string(deal) +
               "/timeline?limit=1&cursor=" + p.Json().at("next_cursor").get<std::string>();
    }
    EXPECT_EQ(paged, (std::vector<std::int64_t>{unmade_id, mail_id, sms_id}));
    // Another manager sees neither the timeline nor the messages.
    const std::string sokolova = SignIn(kSokolovaEmail);
    EXPECT_TRUE(IsError(http().Get("/api/v1/deals/" + std::to_string(deal) + "/timeline", sokolova), 404,
                        "not_found"));
    EXPECT_TRUE(IsError(http().Get(Path(sms_id), sokolova), 404, "not_found"));
}

INSTANTIATE_TEST_SUITE_P(Backends, MessagesApi, ::testing::ValuesIn(AllBackends()), BackendParamName);

}  // namespace
}  // namespace voronka::test
