#include "platform/http/metrics.h"

#include <cstdio>

namespace relais::http {

Metrics::Route* Metrics::Register(const std::string& method, const std::string& pattern) {
  std::lock_guard lock(mu_);
  for (auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) return &r;
  }
  auto& r = routes_.emplace_back();
  r.method = method;
  r.pattern = pattern;
  return &r;
}

void Metrics::Observe(Route* r, int status, double seconds) {
  int cls = status / 100;
  if (cls < 1 || cls > 5) cls = 5;
  r->by_class[cls].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r->buckets[b].fetch_add(1, std::memory_order_relaxed);
  r->sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  r->count.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  char buf[512];
  out += "# HELP relais_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE relais_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& r : routes_) {
    for (int cls = 1; cls <= 5; ++cls) {
      uint64_t n = r.by_class[cls].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::snprintf(buf, sizeof buf, "relais_http_requests_total{method=\"%s\",route=\"%s\",status=\"%dxx\"} %llu\n",
                    r.method.c_str(), r.pattern.c_str(), cls, static_cast<unsigned long long>(n));
      out += buf;
    }
  }
  out += "# HELP relais_http_request_duration_seconds Time to handle a request, by route.\n";
  out += "# TYPE relais_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    uint64_t count = r.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      if (b < kBuckets.size()) {
        std::snprintf(buf, sizeof buf,
                      "relais_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"%g\"} %llu\n",
                      r.method.c_str(), r.pattern.c_str(), kBuckets[b], static_cast<unsigned long long>(cumulative));
      } else {
        std::snprintf(buf, sizeof buf,
                      "relais_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"+Inf\"} %llu\n",
                      r.method.c_str(), r.pattern.c_str(), static_cast<unsigned long long>(cumulative));
      }
      out += buf;
    }
    std::snprintf(buf, sizeof buf,
                  "relais_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n"
                  "relais_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
                  r.method.c_str(), r.pattern.c_str(), r.sum_micros.load() / 1e6, r.method.c_str(),
                  r.pattern.c_str(), static_cast<unsigned long long>(count));
    out += buf;
  }
  for (const auto& extra : extras_) out += extra();
  return out;
}

}  // namespace relais::http
