// Request metrics in Prometheus text format: a counter per route and status, and a latency
// histogram per route. Lock-free on the hot path: routes get a slot when they are registered.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace relais::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // A slot for one route (method + pattern); stable for the life of the Metrics.
  struct Route {
    std::string method, pattern;
    std::array<std::atomic<uint64_t>, 6> by_class{};  // 1xx..5xx counts at [1..5]
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last = +Inf
    std::atomic<uint64_t> sum_micros{0};
    std::atomic<uint64_t> count{0};
  };

  Route* Register(const std::string& method, const std::string& pattern);
  void Observe(Route* r, int status, double seconds);
  // Extra gauges and counters appended to the output (database pool use, connections), evaluated
  // at scrape time, in the order they were added. Add them before the server starts.
  void AddExtra(std::function<std::string()> extra) { extras_.push_back(std::move(extra)); }
  // The whole exposition in Prometheus text format 0.0.4.
  std::string Render() const;

 private:
  mutable std::mutex mu_;  // guards registration only
  std::deque<Route> routes_;
  std::vector<std::function<std::string()>> extras_;
};

}  // namespace relais::http
