// Nothing acknowledged is lost, and nothing is half-written (issue 12): `voronka serve` creating
// deals for eight concurrent clients — on SQLite, committed in groups — is killed with SIGKILL
// under that load and started again on the same database. Every deal whose creation was answered
// 201 is there with its title, and no deal is there without the first task created with it.

#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

constexpr int kClients = 8;
constexpr int kAcknowledgedBeforeKill = 300;
constexpr int kMaxRequestsPerClient = 2000;  // bounds the load if the kill never comes

class WriteKill : public ApiTest {
protected:
    // The value of a counter in a /metrics text; -1 when missing.
    static std::int64_t Metric(const std::string& text, const std::string& name) {
        const auto at = text.find("\n" + name + " ");
        return at == std::string::npos ? -1 : std::stoll(text.substr(at + name.size() + 2));
    }
};

TEST_P(WriteKill, EveryAcknowledgedDealSurvivesAKillAndNoneIsHalfWritten) {
    const std::string token = SignIn(kIvanovEmail);
    std::mutex mutex;
    std::vector<std::pair<std::int64_t, std::string>> acknowledged;  // id, title
    std::atomic<int> count{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            HttpClient client(server().base_url());
            for (int i = 0; i < kMaxRequestsPerClient && !stop; ++i) {
                const std::string title = "Сделка " + std::to_string(c) + "-" + std::to_string(i);
                HttpResponse response;
                try {
                    response = client.Post("/api/v1/deals", {{"title", title}}, token);
                } catch (const std::runtime_error&) {
                    return;  // the server is gone
                }
                if (response.status != 201) return;
                std::lock_guard lock(mutex);
                acknowledged.emplace_back(response.Json().at("id").get<std::int64_t>(), title);
                ++count;
            }
        });
    }
    for (int i = 0; i < 3000 && count < kAcknowledgedBeforeKill; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (GetParam() == Backend::kSqlite) {
        // The load is concurrent enough that commits are shared: fewer COMMITs than writes.
        const std::string metrics = http().Get("/metrics").body;
        EXPECT_LT(Metric(metrics, "voronka_db_write_commits_total"),
                  Metric(metrics, "voronka_db_writes_committed_total"))
            << metrics;
    }
    server().Kill();
    stop = true;
    for (std::thread& client : clients) client.join();
    ASSERT_GE(count.load(), kAcknowledgedBeforeKill) << "the load did not get under way";

    RestartServer();
    for (const auto& [id, title] : acknowledged) {
        const HttpResponse deal = http().Get("/api/v1/deals/" + std::to_string(id), token);
        ASSERT_EQ(deal.status, 200) << "acknowledged deal " << id << " was lost";
        EXPECT_EQ(deal.Json().at("title"), title);
    }
    const HttpResponse without = http().Get("/api/v1/deals?no_next_step=true", AdminToken());
    ASSERT_EQ(without.status, 200) << without.body;
    EXPECT_EQ(without.Json().at("items").size(), 0u) << "deals without their first task: " << without.body;
    std::cout << "acknowledged before the kill: " << acknowledged.size() << "\n";
}

VORONKA_INSTANTIATE_API_TEST(WriteKill);

}  // namespace
}  // namespace voronka::test
