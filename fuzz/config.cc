// The configuration loader (platform/config): a TOML file of any bytes. Either a Config whose
// values keep their documented bounds, or kInvalid with a message; never an exception.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "check.h"
#include "platform/config/config.h"

using namespace relais;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    // The environment overrides the file: none here, so that the file alone is read.
    for (const char* v : {"RELAIS_DATABASE_URL", "RELAIS_LISTEN", "RELAIS_THREADS", "RELAIS_WEB_ROOT", "RELAIS_DEV",
                          "RELAIS_DB_POOL", "RELAIS_MAX_BODY_BYTES", "RELAIS_MAX_CONNECTIONS",
                          "RELAIS_HEADER_TIMEOUT", "RELAIS_BODY_TIMEOUT", "RELAIS_IDLE_TIMEOUT",
                          "RELAIS_STAFF_IDLE_MINUTES", "RELAIS_SESSION_ABSOLUTE_HOURS"}) {
      unsetenv(v);
    }
    return "/tmp/relais-fuzz-config-" + std::to_string(getpid()) + ".toml";
  }();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto c = config::Load(path);
  if (!c.ok()) {
    CHECK(c.error().code == ErrorCode::kInvalid);
    CHECK(!c.error().message.empty());
    return 0;
  }
  CHECK(c->threads >= 0 && c->threads <= 256);
  CHECK(c->db_pool_size >= 1 && c->db_pool_size <= 256);
  CHECK(c->max_body_bytes >= 1024);
  CHECK(c->max_connections >= 1);
  for (int t : {c->header_timeout_seconds, c->body_timeout_seconds, c->idle_timeout_seconds}) CHECK(t >= 1 && t <= 3600);
  CHECK(c->staff_idle_minutes >= 1 && c->session_absolute_hours >= 1 && c->session_absolute_hours <= 72);
  return 0;
}
