// Telephony over HTTP on each back end (issue 9): Voronka's own PBX webhook with its signature,
// PBXs for admins only with write-only secrets, the calls list and card under the sight of calls,
// paging that reveals nothing, and missed calls becoming call-back tasks.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "api/api_test_fixture.hpp"
#include "messaging/webhook.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "pbx-secret-of-the-office-1";

class TelephonyApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        auto pbx = http().Post(
            "/api/v1/telephony/pbxs",
            {{"name", "Офис"}, {"department_id", DepartmentId(kSalesDepartment)}, {"secret", kSecret}},
            AdminToken());
        ASSERT_EQ(pbx.status, 201) << pbx.body;
        pbx_id_ = pbx.Json().at("id").get<std::int64_t>();
        ivanov_ = SignIn(kIvanovEmail);
        auto contact = http().Post("/api/v1/contacts",
                                   {{"name", "Иван Клиентов"}, {"phones", {"8 916 123-45-67"}}}, ivanov_);
        ASSERT_EQ(contact.status, 201) << contact.body;
        contact_id_ = contact.Json().at("id").get<std::int64_t>();
    }

    // Posts `body` signed with `secret` as PBX `pbx` (the fixture's PBX and secret by default).
    HttpResponse PostEvent(const std::string& body, std::string pbx = "", std::string secret = kSecret,
                           std::string content_type = "application/json") {
        if (pbx.empty()) pbx = std::to_string(pbx_id_);
        return http().Request("POST", "/api/v1/telephony/events", body,
                              {{"Content-Type", content_type},
                               {"X-Voronka-Pbx", pbx},
                               {"X-Voronka-Signature", messaging::WebhookSignature(secret, body)}});
    }
    static std::string Event(const std::string& call_id, const std::string& event, const std::string& at,
                             const std::string& extension = "101", const std::string& direction = "in",
                             const std::string& client = "+79161234567") {
        json body = {{"call_id", call_id}, {"event", event}, {"at", at}, {"direction", direction}};
        if (direction == "in") {
            body["from"] = client;
            body["to"] = "+74951234567";
        } else {
            body["from"] = "+74951234567";
            body["to"] = client;
        }
        if (!extension.empty()) body["extension"] = extension;
        return body.dump();
    }
    std::int64_t Ingest(const std::string& body) {
        auto r = PostEvent(body);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.Json().at("call_id").get<std::int64_t>() : 0;
    }
    std::set<std::int64_t> Listed(const std::string& token, const std::string& query = "") {
        std::set<std::int64_t> ids;
        auto r = http().Get("/api/v1/calls?limit=200" + query, token);
        EXPECT_EQ(r.status, 200) << r.body;
        const json body = r.Json();
        for (const auto& c : body.at("items")) ids.insert(c.at("id").get<std::int64_t>());
        return ids;
    }
    std::size_t CallCount() { return Listed(AdminToken()).size(); }

    std::int64_t pbx_id_ = 0;
    std::int64_t contact_id_ = 0;
    std::string ivanov_;
};

TEST_P(TelephonyApi, SignedEventsBecomeACallAndAReplayChangesNothing) {
    Ingest(Event("c1", "call_started", "2026-11-27T10:00:00Z"));
    Ingest(Event("c1", "call_answered", "2026-11-27T10:00:10Z"));
    auto ended = PostEvent(Event("c1", "call_ended", "2026-11-27T10:01:10Z"));
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_EQ(ended.Json().at("status"), "answered");
    EXPECT_EQ(ended.Json().at("changed"), true);
    const auto id = ended.Json().at("call_id").get<std::int64_t>();

    auto call = http().Get("/api/v1/calls/" + std::to_string(id), ivanov_);
    ASSERT_EQ(call.status, 200) << call.body;
    const json c = call.Json();
    EXPECT_EQ(c.at("user_id"), UserId(kIvanovEmail));
    EXPECT_EQ(c.at("direction"), "in");
    EXPECT_EQ(c.at("from"), "+79161234567");
    EXPECT_EQ(c.at("status"), "answered");
    EXPECT_EQ(c.at("talk_s"), 60);
    EXPECT_EQ(c.at("duration_s"), 70);
    EXPECT_EQ(c.at("started_at"), "2026-11-27T10:00:00Z");
    EXPECT_EQ(c.at("links"), json::array({{{"record_type", "contact"}, {"record_id", contact_id_}}}));

    auto replay = PostEvent(Event("c1", "call_answered", "2026-11-27T10:00:10Z"));
    ASSERT_EQ(replay.status, 200) << replay.body;
    EXPECT_EQ(replay.Json().at("changed"), false);
    EXPECT_EQ(http().Get("/api/v1/calls/" + std::to_string(id), ivanov_).Json(), c);
}

TEST_P(TelephonyApi, UnsignedOrWronglySignedEventsAre401AndStoreNothing) {
    const std::string body = Event("x", "call_started", "2026-11-27T10:00:00Z");
    auto other = http().Post("/api/v1/telephony/pbxs",
                             {{"name", "Чужая"}, {"secret", "a-strangers-secret-1"}}, AdminToken());
    ASSERT_EQ(other.status, 201);
    const std::string other_id = std::to_string(other.Json().at("id").get<std::int64_t>());

    auto unsigned_event =
        http().Request("POST", "/api/v1/telephony/events", body, {{"Content-Type", "application/json"}});
    EXPECT_TRUE(IsError(unsigned_event, 401, "unauthenticated"));
    auto no_signature =
        http().Request("POST", "/api/v1/telephony/events", body,
                       {{"Content-Type", "application/json"}, {"X-Voronka-Pbx", std::to_string(pbx_id_)}});
    EXPECT_TRUE(IsError(no_signature, 401, "unauthenticated"));
    EXPECT_TRUE(IsError(PostEvent(body, "", "not-the-secret-at-all"), 401, "unauthenticated"));
    EXPECT_TRUE(IsError(PostEvent(body, other_id, kSecret), 401, "unauthenticated"))
        << "our secret for another PBX";
    EXPECT_TRUE(IsError(PostEvent(body, "", "a-strangers-secret-1"), 401, "unauthenticated"))
        << "a stranger's signature";
    EXPECT_TRUE(IsError(PostEvent(body, "999999"), 401, "unauthenticated"));
    EXPECT_TRUE(IsError(PostEvent(body, "abc"), 401, "unauthenticated"));
    // A signature of another body.
    auto tampered = http().Request("POST", "/api/v1/telephony/events", body + " ",
                                   {{"Content-Type", "application/json"},
                                    {"X-Voronka-Pbx", std::to_string(pbx_id_)},
                                    {"X-Voronka-Signature", messaging::WebhookSignature(kSecret, body)}});
    EXPECT_TRUE(IsError(tampered, 401, "unauthenticated"));
    auto off =
        http().Patch("/api/v1/telephony/pbxs/" + std::to_string(pbx_id_), {{"active", false}}, AdminToken());
    ASSERT_EQ(off.status, 200);
    EXPECT_TRUE(IsError(PostEvent(body), 401, "unauthenticated")) << "an inactive PBX";
    EXPECT_EQ(CallCount(), 0u);
}

TEST_P(TelephonyApi, MalformedEventsAreRefusedAndStoreNothing) {
    EXPECT_TRUE(IsError(PostEvent("{\"call_id\":"), 400, "malformed"));
    EXPECT_EQ(PostEvent(Event("x", "call_started", "2026-11-27T10:00:00Z"), "", kSecret, "text/plain").status,
              415);
    json unknown = json::parse(Event("x", "call_started", "2026-11-27T10:00:00Z"));
    unknown["talk"] = 5;
    EXPECT_TRUE(IsError(PostEvent(unknown.dump()), 422, "validation_failed", "talk"));
    EXPECT_TRUE(IsError(PostEvent(Event("x", "call_started", "2026-11-27T10:00:00Z", "101", "in", "123")),
                        422, "validation_failed", "from"));
    EXPECT_TRUE(IsError(PostEvent(Event("x", "call_rang", "2026-11-27T10:00:00Z")), 422, "validation_failed",
                        "event"));
    EXPECT_TRUE(IsError(PostEvent(Event("x", "call_started", "yesterday")), 422, "validation_failed", "at"));
    EXPECT_TRUE(IsError(PostEvent(Event("x", "call_started", "2026-11-27T10:00:00Z", "101", "sideways")), 422,
                        "validation_failed", "direction"));
    EXPECT_TRUE(IsError(PostEvent(json{{"event", "call_started"}, {"at", "2026-11-27T10:00:00Z"}}.dump()),
                        422, "validation_failed", "call_id"));
    json other_pbx = json::parse(Event("x", "call_started", "2026-11-27T10:00:00Z"));
    other_pbx["pbx_id"] = pbx_id_ + 1;
    EXPECT_TRUE(IsError(PostEvent(other_pbx.dump()), 422, "validation_failed", "pbx_id"));
    EXPECT_EQ(CallCount(), 0u);
}

TEST_P(TelephonyApi, PbxsAreForAdminsOnlyAndNeverShowTheirSecret) {
    const std::string head = SignIn(kHeadEmail);
    const std::string path = "/api/v1/telephony/pbxs/" + std::to_string(pbx_id_);
    for (const auto& token : {head, ivanov_}) {
        EXPECT_TRUE(IsError(http().Get("/api/v1/telephony/pbxs", token), 403, "forbidden"));
        EXPECT_TRUE(IsError(http().Get(path, token), 403, "forbidden"));
        EXPECT_TRUE(IsError(
            http().Post("/api/v1/telephony/pbxs", {{"name", "x"}, {"secret", "0123456789abcdef"}}, token),
            403, "forbidden"));
        EXPECT_TRUE(IsError(http().Patch(path, {{"name", "x"}}, token), 403, "forbidden"));
        EXPECT_TRUE(IsError(http().Delete(path, token), 403, "forbidden"));
    }
    auto got = http().Get(path, AdminToken());
    ASSERT_EQ(got.status, 200);
    EXPECT_FALSE(got.Json().contains("secret"));
    EXPECT_EQ(got.Json().at("kind"), "voronka");
    auto listed = http().Get("/api/v1/telephony/pbxs", AdminToken());
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(kSecret), std::string::npos);
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/telephony/pbxs", {{"name", "x"}, {"secret", "short"}}, AdminToken()),
                422, "validation_failed", "secret"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/telephony/pbxs",
                            {{"name", "x"}, {"secret", "0123456789abcdef"}, {"kind", "sip"}}, AdminToken()),
                422, "validation_failed", "kind"));

    // A new secret replaces the old one, and is not shown either.
    auto changed = http().Patch(path, {{"secret", "the-new-secret-of-office"}}, AdminToken());
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.body.find("the-new-secret"), std::string::npos);
    const std::string body = Event("s", "call_started", "2026-11-27T10:00:00Z");
    EXPECT_EQ(PostEvent(body).status, 401);
    EXPECT_EQ(PostEvent(body, "", "the-new-secret-of-office").status, 200);

    EXPECT_TRUE(IsError(http().Delete(path, AdminToken()), 409, "conflict")) << "it has a call";
    auto spare = http().Post("/api/v1/telephony/pbxs", {{"name", "Запас"}, {"secret", "0123456789abcdef"}},
                             AdminToken());
    ASSERT_EQ(spare.status, 201);
    const std::string spare_path =
        "/api/v1/telephony/pbxs/" + std::to_string(spare.Json().at("id").get<std::int64_t>());
    EXPECT_EQ(http().Delete(spare_path, AdminToken()).status, 204);
    EXPECT_TRUE(IsError(http().Get(spare_path, AdminToken()), 404, "not_found"));
}

TEST_P(TelephonyApi, CallsAreSeenByTheirManagerTheirHeadAndAdminsOnly) {
    const std::int64_t mine = Ingest(Event("a", "call_started", "2026-11-27T10:00:00Z", "101"));
    const std::int64_t volkovs = Ingest(Event("b", "call_started", "2026-11-27T10:01:00Z", "201"));
    const std::int64_t nobodys = Ingest(Event("c", "call_started", "2026-11-27T10:02:00Z", "999"));
    auto unknown = http().Get("/api/v1/calls/" + std::to_string(nobodys), AdminToken());
    ASSERT_EQ(unknown.status, 200);
    EXPECT_EQ(unknown.Json().at("user_id"), nullptr);
    EXPECT_EQ(unknown.Json().at("flagged_unknown_extension"), true);

    auto made = http().Post("/api/v1/users",
                            {{"email", "head2@voronka.example"},
                             {"name", "Руководитель закупок"},
                             {"role", "head"},
                             {"department_id", DepartmentId("Закупки")},
                             {"password", "another-head-password"}},
                            AdminToken());
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string purchasing_head = SignIn("head2@voronka.example", "another-head-password");
    const std::string head = SignIn(kHeadEmail);
    const std::string sokolova = SignIn(kSokolovaEmail);
    const std::string volkov = SignIn(kVolkovEmail);

    EXPECT_EQ(Listed(AdminToken()), (std::set<std::int64_t>{mine, volkovs, nobodys}));
    EXPECT_EQ(Listed(head), (std::set<std::int64_t>{mine, nobodys})) << "the PBX's department's head";
    EXPECT_EQ(Listed(ivanov_), (std::set<std::int64_t>{mine}));
    EXPECT_EQ(Listed(sokolova), (std::set<std::int64_t>{}));
    EXPECT_EQ(Listed(volkov), (std::set<std::int64_t>{volkovs}));
    EXPECT_EQ(Listed(purchasing_head), (std::set<std::int64_t>{volkovs})) << "another department's head";
    for (const auto& [token, id] :
         std::vector<std::pair<std::string, std::int64_t>>{{sokolova, mine},
                                                           {purchasing_head, mine},
                                                           {purchasing_head, nobodys},
                                                           {head, volkovs},
                                                           {ivanov_, nobodys}}) {
        EXPECT_TRUE(IsError(http().Get("/api/v1/calls/" + std::to_string(id), token), 404, "not_found"))
            << id;
    }
}

TEST_P(TelephonyApi, ACallShowsOnlyTheLinkedRecordsItsReaderMaySee) {
    // Volkov (purchasing, extension 201) takes a call from the number of Ivanov's contact.
    const std::int64_t id = Ingest(Event("v", "call_started", "2026-11-27T10:00:00Z", "201"));
    const std::string path = "/api/v1/calls/" + std::to_string(id);
    const json contact_link = json::array({{{"record_type", "contact"}, {"record_id", contact_id_}}});
    auto seen_by_admin = http().Get(path, AdminToken());
    ASSERT_EQ(seen_by_admin.status, 200) << seen_by_admin.body;
    EXPECT_EQ(seen_by_admin.Json().at("links"), contact_link);
    auto seen_by_volkov = http().Get(path, SignIn(kVolkovEmail));
    ASSERT_EQ(seen_by_volkov.status, 200) << seen_by_volkov.body;
    EXPECT_EQ(seen_by_volkov.Json().at("links"), json::array())
        << "Ivanov's contact is out of Volkov's sight";
    // Filtering by that contact answers as for a contact that does not exist.
    const std::string volkov = SignIn(kVolkovEmail);
    const auto by_record = [&](std::int64_t record_id) {
        return Listed(volkov, "&record_type=contact&record_id=" + std::to_string(record_id));
    };
    EXPECT_EQ(by_record(contact_id_), by_record(987654321));
    EXPECT_EQ(Listed(AdminToken(), "&record_type=contact&record_id=" + std::to_string(contact_id_)),
              (std::set<std::int64_t>{id}));
}

TEST_P(TelephonyApi, PagingWalksOnlyTheCallersCallsAndForeignCursorsRevealNothing) {
    std::vector<std::int64_t> mine;
    for (int i = 0; i < 6; ++i) {
        const std::string at = "2026-11-27T10:0" + std::to_string(i / 2) + ":00Z";  // two calls per start
        const auto id =
            Ingest(Event("p" + std::to_string(i), "call_started", at, i % 2 == 0 ? "101" : "102"));
        if (i % 2 == 0) mine.insert(mine.begin(), id);
    }
    std::vector<std::int64_t> walked;
    std::string cursor;
    for (int guard = 0; guard < 10; ++guard) {
        auto page =
            http().Get("/api/v1/calls?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), ivanov_);
        ASSERT_EQ(page.status, 200) << page.body;
        const json body = page.Json();
        for (const auto& c : body.at("items")) walked.push_back(c.at("id").get<std::int64_t>());
        if (body.at("next_cursor").is_null()) break;
        cursor = body.at("next_cursor").get<std::string>();
    }
    EXPECT_EQ(walked, mine);
    // The admin's first page ends on Sokolova's newest call; Ivanov continuing from it sees only
    // his own calls older than it.
    auto admin_page = http().Get("/api/v1/calls?limit=1", AdminToken());
    ASSERT_EQ(admin_page.status, 200);
    const std::string foreign = admin_page.Json().at("next_cursor").get<std::string>();
    std::vector<std::int64_t> after;
    auto rest = http().Get("/api/v1/calls?cursor=" + foreign, ivanov_);
    ASSERT_EQ(rest.status, 200);
    const json rest_body = rest.Json();
    for (const auto& c : rest_body.at("items")) after.push_back(c.at("id").get<std::int64_t>());
    EXPECT_EQ(after, mine);

    // Filters and their bad values.
    EXPECT_EQ(Listed(AdminToken(), "&user_id=" + std::to_string(UserId(kIvanovEmail))).size(), 3u);
    EXPECT_EQ(Listed(AdminToken(), "&status=ringing").size(), 6u);
    EXPECT_EQ(Listed(AdminToken(), "&direction=out").size(), 0u);
    EXPECT_EQ(Listed(AdminToken(), "&from=2026-11-27T10:01:00Z&to=2026-11-27T10:02:00Z").size(), 2u);
    EXPECT_EQ(Listed(AdminToken(), "&record_type=contact&record_id=" + std::to_string(contact_id_)).size(),
              6u);
    EXPECT_EQ(Listed(AdminToken(), "&has_recording=true").size(), 0u);
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/calls?status=lost", AdminToken()), 422, "validation_failed", "status"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/calls?direction=up", AdminToken()), 422, "validation_failed",
                        "direction"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/calls?from=today", AdminToken()), 422, "validation_failed", "from"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/calls?record_type=deal", AdminToken()), 422, "validation_failed",
                        "record_id"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/calls?cursor=garbage", AdminToken()), 422, "validation_failed",
                        "cursor"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/calls?has_recording=maybe", AdminToken()), 422,
                        "validation_failed", "has_recording"));
}

TEST_P(TelephonyApi, AMissedCallBecomesACallBackTaskAndCallingBackCompletesIt) {
    Ingest(Event("m", "call_started", "2026-11-27T10:00:00Z", "101"));
    json ended = json::parse(Event("m", "call_ended", "2026-11-27T10:00:30Z", ""));
    ended["end_reason"] = "no_answer";
    auto missed = PostEvent(ended.dump());
    ASSERT_EQ(missed.status, 200) << missed.body;
    EXPECT_EQ(missed.Json().at("status"), "missed");

    const std::string tasks_path =
        "/api/v1/tasks?record_type=contact&record_id=" + std::to_string(contact_id_);
    auto tasks = http().Get(tasks_path, ivanov_);
    ASSERT_EQ(tasks.status, 200) << tasks.body;
    json call_back;
    const json task_list = tasks.Json();
    for (const auto& t : task_list.at("items")) {
        if (t.at("subject") == "Перезвонить") call_back = t;
    }
    ASSERT_FALSE(call_back.is_null()) << tasks.body;
    EXPECT_EQ(call_back.at("kind"), "call");
    EXPECT_EQ(call_back.at("assignee_id"), UserId(kIvanovEmail));
    EXPECT_EQ(call_back.at("due_at"), "2026-11-27T10:15:30Z");
    EXPECT_EQ(call_back.at("done_at"), nullptr);

    EXPECT_EQ(PostEvent(ended.dump()).Json().at("changed"), false) << "a replay makes no second task";
    Ingest(Event("o", "call_started", "2026-11-27T10:20:00Z", "101", "out"));
    Ingest(Event("o", "call_answered", "2026-11-27T10:20:15Z", "101", "out"));
    auto after =
        http().Get("/api/v1/tasks/" + std::to_string(call_back.at("id").get<std::int64_t>()), ivanov_);
    ASSERT_EQ(after.status, 200) << after.body;
    EXPECT_NE(after.Json().at("done_at"), nullptr);
    EXPECT_EQ(after.Json().at("result"), "Перезвонили");
    int call_backs = 0;
    const json tasks_after = http().Get(tasks_path, ivanov_).Json();
    for (const auto& t : tasks_after.at("items")) call_backs += t.at("subject") == "Перезвонить";
    EXPECT_EQ(call_backs, 1);
}

VORONKA_INSTANTIATE_API_TEST(TelephonyApi);

}  // namespace
}  // namespace voronka::test
