// Nothing is lost (issue 4): `voronka serve` delivering ~2,000 SMS to the local SMS.ru-like peer
// (tests/peers/sms_peer.py) is killed with SIGKILL mid-delivery and started again. Every message
// must reach the peer exactly once, except those that were `sending` at the kill (at most twice;
// their count is printed), and no message already `sent` at the kill is ever sent again.

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "api/api_test_fixture.hpp"
#include "messages_test_sql.hpp"
#include "messaging/outbox.hpp"
#include "messaging/peer_process.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

constexpr int kMessages = 2000;
constexpr const char* kBodyPrefix = "Проверка доставки #";

// The texts of the messages the peer accepted, with how many times each.
std::map<std::string, int> Accepted(const PeerProcess& peer) {
    std::map<std::string, int> seen;
    for (const auto& line : peer.Lines()) ++seen[line.at("msg").get<std::string>()];
    return seen;
}

class OutboxKill : public ApiTest {
protected:
    // id -> state of every message.
    std::map<std::int64_t, std::string> States() {
        return db().Read([](store::Transaction& tx) {
            std::map<std::int64_t, std::string> states;
            for (const auto& row : tx.Fetch(messages_sql::kMessagesStates)) {
                store::ReadRow(row, [&](store::RowReader& r) {
                    const std::int64_t id = r.Int();
                    states[id] = r.Text();
                });
            }
            return states;
        });
    }
    static int Count(const std::map<std::int64_t, std::string>& states, std::set<std::string> of) {
        int n = 0;
        for (const auto& [id, state] : states) n += of.count(state) ? 1 : 0;
        return n;
    }
};

TEST_P(OutboxKill, EveryMessageArrivesOnceExceptThoseInFlightAtTheKill) {
    PeerProcess peer("sms_peer.py", {"--api-id", "test-key"});
    // The shortest lease allowed, so that interrupted sends are taken again soon after the restart.
    const ServerOptions short_lease{.env = {{"VORONKA_DELIVERY_LEASE_SECONDS", "70"}}};
    RestartServer(short_lease);
    AllowOutbound({"127.0.0.1"});  // the peer listens on loopback
    const json settings = {{"preset", "smsru"}, {"api_key", "test-key"}, {"base_url", peer.url()}};
    const HttpResponse set =
        http().Request("PUT", "/api/v1/settings/sms", settings.dump(),
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + AdminToken()}});
    ASSERT_EQ(set.status, 200) << set.body;

    // Queued while the server runs, in batches, as automation would.
    std::map<std::string, std::int64_t> id_of;  // body -> message id
    for (int batch = 0; batch < kMessages / 100; ++batch) {
        db().Write([&](store::Transaction& tx) {
            for (int i = 0; i < 100; ++i) {
                messaging::NewMessage m;
                m.channel = messaging::Channel::kSms;
                m.recipient = "+79990000001";
                m.body = kBodyPrefix + std::to_string(batch * 100 + i);
                id_of[m.body] = messaging::Enqueue(tx, m, std::time(nullptr));
            }
        });
    }
    // Kill it mid-delivery: once some are sent and many are not.
    bool under_way = false;
    for (int i = 0; i < 6000 && !under_way; ++i) {
        const auto states = States();
        under_way = Count(states, {"sent"}) >= kMessages / 10;
        if (!under_way) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(under_way) << "no delivery started: are the outbox workers running in `voronka serve`?";
    server().Kill();
    const auto at_kill = States();
    std::set<std::int64_t> sent_at_kill, in_flight;
    for (const auto& [id, state] : at_kill) {
        if (state == "sent") sent_at_kill.insert(id);
        if (state == "sending") in_flight.insert(id);
    }
    ASSERT_LT(static_cast<int>(sent_at_kill.size()), kMessages) << "all were sent before the kill";
    const auto log_at_kill = Accepted(peer);

    RestartServer(short_lease);
    AllowOutbound({"127.0.0.1"});  // the peer listens on loopback
    // Interrupted sends wait for their lease before they are sent again.
    bool settled = false;
    for (int i = 0; i < 3000 && !settled; ++i) {
        settled = Count(States(), {"queued", "sending", "retrying"}) == 0;
        if (!settled) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(settled) << "messages still waiting 300 s after the restart";
    const auto final_states = States();
    EXPECT_EQ(Count(final_states, {"sent"}), kMessages);

    const auto accepted = Accepted(peer);
    int twice = 0;
    for (const auto& [body, id] : id_of) {
        const int times = accepted.count(body) ? accepted.at(body) : 0;
        if (in_flight.count(id)) {
            EXPECT_GE(times, 1) << body;
            EXPECT_LE(times, 2) << body;
            twice += times == 2 ? 1 : 0;
        } else {
            EXPECT_EQ(times, 1) << body << " (message " << id << ", " << at_kill.at(id) << " at the kill)";
        }
        if (sent_at_kill.count(id)) {
            const int before = log_at_kill.count(body) ? log_at_kill.at(body) : 0;
            EXPECT_EQ(times, before) << "message " << id << " was sent again after being marked sent";
        }
    }
    std::cout << "[          ] at the kill: " << sent_at_kill.size() << " sent, " << in_flight.size()
              << " in flight (sending), of which delivered twice: " << twice << "\n";
}

VORONKA_INSTANTIATE_API_TEST(OutboxKill);

}  // namespace
}  // namespace voronka::test
