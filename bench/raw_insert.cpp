// voronka_raw_insert: the raw database baseline of "create a deal" in docs/benchmarks.md: the
// minimal single-row transaction through the store layer, with the product's connection settings
// (SQLite WAL + synchronous=FULL, one writer, each transaction committed alone — no group
// commit; PostgreSQL pool), from several threads at once.
//
// Usage: voronka_raw_insert --database URL [--threads N] [--seconds S]
// Each thread loops: Database::Write { INSERT INTO deals (...) VALUES (... one row ...) RETURNING id }
// (the product's crm/sql/deal_insert.sql statement, with a sales user as owner and the first stage
// of the default deal pipeline) until S seconds (default 10, at most 120) have passed; prints the
// transactions per second and the latency p50/p99 of one transaction.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace {

using voronka::store::Param;
using voronka::store::Query;
namespace store = voronka::store;

constexpr std::string_view kInsert =
    "INSERT INTO deals (owner_id, title, contact_id, company_id, amount, currency, pipeline_id, stage_id, "
    "stage_entered_at, stage_deadline, is_open, expected_close_on, lost_reason, search, created_at, "
    "updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id";
const Query kDealInsert{"raw_deal_insert", kInsert, kInsert};
constexpr std::string_view kPlace =
    "SELECT (SELECT min(u.id) FROM users u JOIN departments d ON d.id = u.department_id WHERE d.kind = "
    "'sales'), "
    "s.pipeline_id, s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id "
    "WHERE p.record_type = 'deal' AND p.is_default = 1 ORDER BY s.position LIMIT 1";
const Query kFirstPlace{"raw_place", kPlace, kPlace};

[[noreturn]] void Usage(const char* why) {
    std::fprintf(
        stderr,
        "voronka_raw_insert: %s\nusage: voronka_raw_insert --database URL [--threads N] [--seconds S]\n",
        why);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    int threads = 4;
    double seconds = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) Usage("an option is missing its value");
        if (arg == "--database")
            url = argv[++i];
        else if (arg == "--threads")
            threads = std::atoi(argv[++i]);
        else if (arg == "--seconds")
            seconds = std::atof(argv[++i]);
        else
            Usage("unknown argument");
    }
    if (url.empty()) Usage("--database is required");
    if (threads < 1 || threads > 64 || !(seconds > 0 && seconds <= 120)) Usage("bad --threads or --seconds");
    store::Options options;
    options.url = url;
    options.pool_size = std::max(8, threads);
    // The baseline is the single-row transaction as a plain SQLite program commits it: alone.
    options.sqlite_group_commit = 1;
    auto db = store::Database::Open(options);
    std::int64_t owner = 0, pipeline = 0, stage = 0;
    db->Read([&](store::Transaction& tx) {
        const auto row = tx.FetchOne(kFirstPlace);
        if (!row) throw std::runtime_error("no default deal pipeline");
        store::ReadRow(*row, [&](store::RowReader& r) {
            owner = r.Int();
            pipeline = r.Int();
            stage = r.Int();
        });
    });
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            auto& mine = latencies[static_cast<std::size_t>(t)];
            while (Clock::now() < end) {
                const auto t0 = Clock::now();
                const auto now = static_cast<std::int64_t>(std::time(nullptr));
                db->Write([&](store::Transaction& tx) {
                    tx.Insert(kDealInsert,
                              {Param(owner), Param("Сделка raw"), Param(std::optional<std::int64_t>{}),
                               Param(std::optional<std::int64_t>{}), Param(std::int64_t{100000}),
                               Param("RUB"), Param(pipeline), Param(stage), Param(now), Param(now + 86400),
                               Param(1), Param(std::optional<std::string>{}),
                               Param(std::optional<std::string>{}), Param("сделка raw"), Param(now)});
                });
                mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            }
        });
    }
    for (auto& w : workers) w.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
        return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
    };
    std::printf(
        "raw insert: %zu transactions in %.2f s = %.0f tx/s with %d threads; p50 %.3f ms p99 %.3f ms\n",
        all.size(), elapsed, all.size() / elapsed, threads, pct(0.5), pct(0.99));
    return 0;
}
