// Counters for GET /metrics in the Prometheus text format: requests by route and status, a
// latency histogram per route, and the database pool's use. Owned by api. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace voronka::api {

class Metrics {
public:
    // One label per route (index = route number); requests matching no route use a last label
    // "unmatched".
    explicit Metrics(std::vector<std::string> route_labels);

    std::size_t UnmatchedRoute() const { return routes_.size() - 1; }

    void Observe(std::size_t route, const std::string& method, int status, double seconds);

    std::string Render(const store::PoolStats& pool) const;

private:
    static constexpr std::array kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                         0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    struct RouteCounters {
        std::string label;
        std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
        std::atomic<std::uint64_t> count{0};
        std::atomic<std::uint64_t> sum_micros{0};
    };
    std::vector<std::unique_ptr<RouteCounters>> routes_;
    mutable std::mutex mutex_;
    std::map<std::tuple<std::size_t, std::string, int>, std::uint64_t> requests_;  // by route, method, status
};

}  // namespace voronka::api
