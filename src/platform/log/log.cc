#include "platform/log/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "platform/core/dates.h"

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

}  // namespace relais::log
