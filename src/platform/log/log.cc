#include "platform/log/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "platform/core/dates.h"
#include "platform/core/json_writer.h"

namespace relais::log {
namespace {
std::mutex g_mu;
std::atomic<bool> g_quiet{false};
}  // namespace

void SetQuiet(bool quiet) { g_quiet = quiet; }

void Write(std::string_view level, std::string_view msg, const nlohmann::json& fields) {
  if (g_quiet && level == "info") return;
  nlohmann::json line = {{"ts", FormatUtcMillis(NowMillis())}, {"level", level}, {"msg", msg}};
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) line[k] = v;
  }
  std::string out = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
  std::lock_guard lock(g_mu);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void Request(std::string_view method, std::string_view route, int status, double duration_ms,
             std::string_view request_id) {
  if (g_quiet) return;
  JsonWriter w;
  w.BeginObject()
      .Field("ts", FormatUtcMillis(NowMillis()))
      .Field("level", "info")
      .Field("msg", "request")
      .Field("method", method)
      .Field("route", route)
      .Field("status", status)
      .Field("duration_ms", static_cast<double>(static_cast<int64_t>(duration_ms * 100)) / 100.0)
      .Field("request_id", request_id)
      .EndObject();
  std::string out = w.Take();
  out += '\n';
  std::lock_guard lock(g_mu);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace relais::log
