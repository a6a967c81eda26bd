// The live stream GET /api/v1/stream against the real binary on each back end: a signed-in user
// hears hints of changes to the records they may see, of tasks given to them and of their own
// notifications, and nothing of the rest; the stream outlives the idle timeout thanks to its
// heartbeat, is capped per user, and ends when the server stops. The server reads what changed
// every 100 ms here; the tests wait for hints with bounded reads, never with fixed sleeps.
#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "support/raw_connection.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr const char* kMeetingStage = "Встреча назначена";

// One open stream, read as it comes. The server's heartbeat (300 ms here) writes something at
// least every second while it is open, so a read that gets nothing for a second means it ended.
class EventStream {
public:
    EventStream(int port, const std::string& token) : connection_(port) {
        connection_.Send(
            "GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
            "Authorization: Bearer " +
            token + "\r\n\r\n");
        received_ = connection_.Read("\r\n\r\n", seconds(10));
        if (received_.starts_with("HTTP/1.1 200")) WaitFor("retry:");
    }

    const std::string& received() const { return received_; }
    // Reads until `text` has arrived (answers true) or `timeout` passes.
    bool WaitFor(const std::string& text, seconds timeout = seconds(10)) {
        if (received_.find(text) != std::string::npos) return true;
        received_ += connection_.Read(text, timeout);
        return received_.find(text) != std::string::npos;
    }
    // Reads what comes for `duration`; answers false when the server closed the stream meanwhile.
    bool StaysOpenFor(std::chrono::milliseconds duration) {
        const auto until = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < until) {
            const std::string more = connection_.Read("\n\n", seconds(1));
            if (more.empty()) return false;
            received_ += more;
        }
        return true;
    }
    // Reads until the server closes the stream (answers true) or `timeout` passes.
    bool Ends(seconds timeout) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            if (connection_.Read("", seconds(1)).empty()) return true;
        }
        return false;
    }

private:
    RawConnection connection_;
    std::string received_;
};

std::string RecordHint(const std::string& type, std::int64_t id) {
    return "event: record\ndata: {\"type\":\"" + type + "\",\"id\":" + std::to_string(id) + "}\n\n";
}

std::string TaskHint(const std::string& type, std::int64_t id) {
    return "event: task\ndata: {\"type\":\"" + type + "\",\"id\":" + std::to_string(id) + "}\n\n";
}

class StreamApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        RestartServer(FastStreams());
        ivanov_ = SignIn(kIvanovEmail);
        sokolova_ = SignIn(kSokolovaEmail);
        head_ = SignIn(kHeadEmail);
    }

    static ServerOptions FastStreams(std::map<std::string, std::string> env = {}) {
        env.emplace("VORONKA_STREAM_POLL_MS", "100");
        env.emplace("VORONKA_STREAM_HEARTBEAT_MS", "300");
        return ServerOptions{.env = std::move(env)};
    }

    std::unique_ptr<EventStream> Open(const std::string& token) {
        auto stream = std::make_unique<EventStream>(server().port(), token);
        EXPECT_NE(stream->received().find("HTTP/1.1 200"), std::string::npos) << stream->received();
        EXPECT_NE(stream->received().find("Content-Type: text/event-stream"), std::string::npos);
        EXPECT_NE(stream->received().find("Cache-Control: no-store"), std::string::npos);
        return stream;
    }

    std::int64_t NewDeal(const std::string& token, const std::string& title) {
        const auto created = http().Post("/api/v1/deals", {{"title", title}}, token);
        EXPECT_EQ(created.status, 201) << created.body;
        return created.Json().at("id").get<std::int64_t>();
    }

    void AddNote(const std::string& token, std::int64_t deal) {
        const auto note = http().Post("/api/v1/deals/" + std::to_string(deal) + "/notes",
                                      {{"text", "Клиент перезвонит"}}, token);
        ASSERT_EQ(note.status, 201) << note.body;
    }

    std::string ivanov_;
    std::string sokolova_;
    std::string head_;
};

TEST_P(StreamApi, WithoutCredentialsAnswers401) {
    EXPECT_TRUE(IsError(http().Get("/api/v1/stream"), 401, "unauthenticated"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/stream", "not-a-token"), 401, "unauthenticated"));
}

TEST_P(StreamApi, AChangeReachesWhoSeesTheRecordOnly) {
    auto ivanov = Open(ivanov_);
    auto head = Open(head_);
    auto sokolova = Open(sokolova_);
    const auto deal = NewDeal(ivanov_, "Поставка кофемашин");
    EXPECT_TRUE(ivanov->WaitFor(RecordHint("deal", deal))) << ivanov->received();
    EXPECT_TRUE(head->WaitFor(RecordHint("deal", deal))) << head->received();

    // A note of Ivanov's, then a deal of Sokolova's: once hers is heard, his would have been too.
    AddNote(ivanov_, deal);
    const auto hers = NewDeal(sokolova_, "Аренда склада");
    ASSERT_TRUE(sokolova->WaitFor(RecordHint("deal", hers))) << sokolova->received();
    EXPECT_EQ(sokolova->received().find(R"("id":)" + std::to_string(deal) + "}"), std::string::npos)
        << sokolova->received();
    EXPECT_TRUE(head->WaitFor(RecordHint("deal", hers))) << head->received();
    EXPECT_TRUE(ivanov->StaysOpenFor(std::chrono::milliseconds(300)));
    EXPECT_EQ(ivanov->received().find(R"("id":)" + std::to_string(hers) + "}"), std::string::npos)
        << ivanov->received();
}

TEST_P(StreamApi, ANoteOnTheRecordIsHinted) {
    const auto deal = NewDeal(ivanov_, "Поставка кофемашин");
    auto ivanov = Open(ivanov_);
    AddNote(ivanov_, deal);
    EXPECT_TRUE(ivanov->WaitFor(RecordHint("deal", deal))) << ivanov->received();
}

TEST_P(StreamApi, ATaskGivenToAUserReachesThemNotTheOthers) {
    const auto deal = NewDeal(ivanov_, "Поставка кофемашин");
    auto ivanov = Open(ivanov_);
    auto sokolova = Open(sokolova_);
    const auto task = http().Post("/api/v1/tasks",
                                  {{"record_type", "deal"},
                                   {"record_id", deal},
                                   {"kind", "call"},
                                   {"subject", "Перезвонить"},
                                   {"due_at", "2030-01-15T09:00:00Z"},
                                   {"assignee_id", UserId(kIvanovEmail)}},
                                  head_);
    ASSERT_EQ(task.status, 201) << task.body;
    EXPECT_TRUE(ivanov->WaitFor(TaskHint("deal", deal))) << ivanov->received();
    const auto hers = NewDeal(sokolova_, "Аренда склада");  // her own first task
    ASSERT_TRUE(sokolova->WaitFor(TaskHint("deal", hers))) << sokolova->received();
    EXPECT_EQ(sokolova->received().find(TaskHint("deal", deal)), std::string::npos) << sokolova->received();
}

TEST_P(StreamApi, ANotificationReachesItsUserOnly) {
    std::int64_t pipeline_id = 0;
    std::int64_t meeting_stage = 0;
    const json pipelines = http().Get("/api/v1/pipelines", head_).Json();
    for (const auto& pipeline : pipelines.at("items")) {
        if (pipeline.at("record_type") != "deal") continue;
        pipeline_id = pipeline.at("id").get<std::int64_t>();
        for (const auto& stage : pipeline.at("stages")) {
            if (stage.at("name") == kMeetingStage) meeting_stage = stage.at("id").get<std::int64_t>();
        }
    }
    ASSERT_NE(meeting_stage, 0);
    const auto rule = http().Post(
        "/api/v1/automation/rules",
        {{"name", "Встреча назначена"},
         {"record_type", "deal"},
         {"trigger", {{"type", "stage_entered"}, {"pipeline_id", pipeline_id}, {"stage_id", meeting_stage}}},
         {"actions", json::array({{{"type", "notify"}, {"text", "Встреча!"}, {"owner", true}}})}},
        head_);
    ASSERT_EQ(rule.status, 201) << rule.body;
    const auto deal = NewDeal(ivanov_, "Поставка кофемашин");
    auto ivanov = Open(ivanov_);
    auto head = Open(head_);
    const auto moved =
        http().Patch("/api/v1/deals/" + std::to_string(deal), {{"stage_id", meeting_stage}}, ivanov_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    ASSERT_TRUE(ivanov->WaitFor("event: notification\n", seconds(20))) << ivanov->received();
    const auto items = http().Get("/api/v1/notifications", ivanov_).Json().at("items");
    ASSERT_EQ(items.size(), 1u) << items;
    EXPECT_TRUE(
        ivanov->WaitFor("data: {\"id\":" + std::to_string(items.at(0).at("id").get<std::int64_t>()) + "}"));
    // The head sees the deal (its stage move) but not Ivanov's notification.
    EXPECT_TRUE(head->WaitFor(RecordHint("deal", deal))) << head->received();
    EXPECT_TRUE(head->StaysOpenFor(std::chrono::milliseconds(500)));
    EXPECT_EQ(head->received().find("event: notification"), std::string::npos) << head->received();
}

TEST_P(StreamApi, ReadingANotificationTellsTheReadersOtherTabsOnly) {
    const std::int64_t ivanov_id = UserId(kIvanovEmail);
    const std::int64_t notification = db().Write([&](store::Transaction& tx) {
        return tx.Insert(sql::kStreamInsertNotification,
                         {store::Param(ivanov_id), store::Param("Перезвонить Ромашке"),
                          store::Param(std::int64_t{1795000000})});
    });
    auto other_tab = Open(ivanov_);
    auto sokolova = Open(sokolova_);
    auto head = Open(head_);
    const std::string read_path = "/api/v1/notifications/" + std::to_string(notification) + "/read";
    // Another user cannot read it (404), and that tells nobody anything.
    EXPECT_TRUE(IsError(http().Post(read_path, json::object(), sokolova_), 404, "not_found"));
    const auto read = http().Post(read_path, json::object(), ivanov_);
    ASSERT_EQ(read.status, 200) << read.body;
    const std::string hint =
        "event: notification_read\ndata: {\"id\":" + std::to_string(notification) + "}\n\n";
    EXPECT_TRUE(other_tab->WaitFor(hint)) << other_tab->received();
    // Reading it again changes nothing and is not hinted again; then a record hint of Sokolova's
    // shows the feed was read past the read, which neither she nor the head heard.
    ASSERT_EQ(http().Post(read_path, json::object(), ivanov_).status, 200);
    const auto hers = NewDeal(sokolova_, "Аренда склада");
    ASSERT_TRUE(sokolova->WaitFor(RecordHint("deal", hers))) << sokolova->received();
    ASSERT_TRUE(head->WaitFor(RecordHint("deal", hers))) << head->received();
    EXPECT_EQ(sokolova->received().find("notification_read"), std::string::npos) << sokolova->received();
    EXPECT_EQ(head->received().find("notification_read"), std::string::npos) << head->received();
    EXPECT_TRUE(other_tab->StaysOpenFor(std::chrono::milliseconds(300)));
    const std::string& heard = other_tab->received();
    EXPECT_EQ(heard.find(hint), heard.rfind(hint)) << heard;
}

TEST_P(StreamApi, OutlivesTheIdleTimeoutWithHeartbeats) {
    RestartServer(FastStreams({{"VORONKA_IDLE_TIMEOUT", "1"}}));
    ivanov_ = SignIn(kIvanovEmail);
    auto ivanov = Open(ivanov_);
    ASSERT_TRUE(ivanov->StaysOpenFor(std::chrono::milliseconds(2500))) << ivanov->received();
    std::size_t pings = 0;
    for (auto at = ivanov->received().find(": ping\n\n"); at != std::string::npos;
         at = ivanov->received().find(": ping\n\n", at + 1)) {
        ++pings;
    }
    EXPECT_GE(pings, 4u) << ivanov->received();
    const auto deal = NewDeal(ivanov_, "Поставка кофемашин");
    EXPECT_TRUE(ivanov->WaitFor(RecordHint("deal", deal))) << ivanov->received();
}

TEST_P(StreamApi, EightStreamsPerUserAtMost) {
    std::vector<std::unique_ptr<EventStream>> open;
    for (int i = 0; i < 8; ++i) open.push_back(Open(ivanov_));
    EXPECT_TRUE(IsError(http().Get("/api/v1/stream", ivanov_), 429, "throttled"));
    open.pop_back();
    // The closed stream is noticed when its connection ends; then one more may open.
    bool reopened = false;
    for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
        auto again = std::make_unique<EventStream>(server().port(), ivanov_);
        reopened = again->received().find("HTTP/1.1 200") != std::string::npos;
        if (reopened) open.push_back(std::move(again));
    }
    EXPECT_TRUE(reopened);
    auto sokolova = Open(sokolova_);  // another user's cap is their own
}

TEST_P(StreamApi, StoppingTheServerEndsOpenStreamsAtOnce) {
    auto ivanov = Open(ivanov_);
    const auto started = std::chrono::steady_clock::now();
    server().Signal(SIGTERM);
    EXPECT_TRUE(ivanov->Ends(seconds(5)));
    EXPECT_EQ(server().Stop(), 0) << server().Stderr();
    EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));
}

VORONKA_INSTANTIATE_API_TEST(StreamApi);

}  // namespace
}  // namespace voronka::test
