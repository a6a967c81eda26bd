#include "api/metrics.hpp"

#include <fmt/format.h>

namespace voronka::api {

Metrics::Metrics(std::vector<std::string> route_labels) {
    route_labels.emplace_back("unmatched");
    for (auto& label : route_labels) {
        auto counters = std::make_unique<RouteCounters>();
        counters->label = std::move(label);
        routes_.push_back(std::move(counters));
    }
}

void Metrics::Observe(std::size_t route, const std::string& method, int status, double seconds) {
    RouteCounters& counters = *routes_.at(route);
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
    counters.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    counters.count.fetch_add(1, std::memory_order_relaxed);
    counters.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    ++requests_[{route, method, status}];
}

std::string Metrics::Render(const store::PoolStats& pool) const {
    std::string out;
    out += "# HELP voronka_http_requests_total HTTP requests answered, by route, method and status.\n";
    out += "# TYPE voronka_http_requests_total counter\n";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, count] : requests_) {
            const auto& [route, method, status] = key;
            out += fmt::format("voronka_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                               routes_[route]->label, method, status, count);
        }
    }
    out += "# HELP voronka_http_request_duration_seconds Time to answer a request, by route.\n";
    out += "# TYPE voronka_http_request_duration_seconds histogram\n";
    for (const auto& counters : routes_) {
        const auto count = counters->count.load(std::memory_order_relaxed);
        if (count == 0) continue;
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
            cumulative += counters->buckets[i].load(std::memory_order_relaxed);
            const std::string le = i < kBuckets.size() ? fmt::format("{}", kBuckets[i]) : "+Inf";
            out += fmt::format("voronka_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                               counters->label, le, cumulative);
        }
        out += fmt::format("voronka_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n",
                           counters->label, counters->sum_micros.load(std::memory_order_relaxed) / 1e6);
        out += fmt::format("voronka_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                           counters->label, count);
    }
    out += "# HELP voronka_db_pool_connections Database connections, by state.\n";
    out += "# TYPE voronka_db_pool_connections gauge\n";
    out += fmt::format("voronka_db_pool_connections{{state=\"open\"}} {}\n", pool.size);
    out += fmt::format("voronka_db_pool_connections{{state=\"in_use\"}} {}\n", pool.in_use);
    out += "# HELP voronka_db_pool_waits_total Times a request waited for a free connection.\n";
    out += "# TYPE voronka_db_pool_waits_total counter\n";
    out += fmt::format("voronka_db_pool_waits_total {}\n", pool.waits);
    out += "# HELP voronka_db_write_commits_total SQLite: commits of the writer (0 on PostgreSQL).\n";
    out += "# TYPE voronka_db_write_commits_total counter\n";
    out += fmt::format("voronka_db_write_commits_total {}\n", pool.write_commits);
    out +=
        "# HELP voronka_db_writes_committed_total SQLite: write transactions made durable by those "
        "commits.\n";
    out += "# TYPE voronka_db_writes_committed_total counter\n";
    out += fmt::format("voronka_db_writes_committed_total {}\n", pool.writes_committed);
    return out;
}

}  // namespace voronka::api
