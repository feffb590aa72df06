#include "platform/http/metrics.h"

#include <gtest/gtest.h>

namespace relais::http {
namespace {

TEST(MetricsTest, RendersCountersAndCumulativeHistogram) {
  Metrics m;
  auto* r = m.Register("GET", "/api/v1/households/{id}");
  m.Observe(r, 200, 0.0004);
  m.Observe(r, 200, 0.003);
  m.Observe(r, 404, 2.0);
  std::string out = m.Render();
  EXPECT_NE(out.find(R"(relais_http_requests_total{method="GET",route="/api/v1/households/{id}",status="2xx"} 2)"),
            std::string::npos) << out;
  EXPECT_NE(out.find(R"(status="4xx"} 1)"), std::string::npos);
  EXPECT_NE(out.find(R"(le="0.0005"} 1)"), std::string::npos);
  EXPECT_NE(out.find(R"(le="0.005"} 2)"), std::string::npos);
  EXPECT_NE(out.find(R"(le="+Inf"} 3)"), std::string::npos);
  EXPECT_NE(out.find(R"(relais_http_request_duration_seconds_count{method="GET",route="/api/v1/households/{id}"} 3)"),
            std::string::npos);
}

}  // namespace
}  // namespace relais::http
