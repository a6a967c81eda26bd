// Nothing acknowledged is lost, and nothing is half-written (issue 12): `voronka serve` creating
// deals for eight concurrent clients — on SQLite, committed in groups — is killed with SIGKILL
// under that load and started again on the same database. Every deal whose creation was answered
// 201 is there with its title, and no deal is there without the first task created with it.

#include <iostream>
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
    DealWriters writers(server().base_url(), token, kClients, kMaxRequestsPerClient);
    writers.WaitFor(kAcknowledgedBeforeKill);
    if (GetParam() == Backend::kSqlite) {
        // The load is concurrent enough that commits are shared: fewer COMMITs than writes.
        const std::string metrics = http().Get("/metrics").body;
        EXPECT_LT(Metric(metrics, "voronka_db_write_commits_total"),
                  Metric(metrics, "voronka_db_writes_committed_total"))
            << metrics;
    }
    server().Kill();
    writers.Stop();
    const auto acknowledged = writers.Acknowledged();
    ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kAcknowledgedBeforeKill))
        << "the load did not get under way";

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
