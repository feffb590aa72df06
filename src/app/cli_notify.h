// `relais notify test`: sends one test e-mail or SMS through the configured transports, so that an
// operator checks notify.* before tenants depend on it.
#pragma once
#include <string>

#include "platform/config/config.h"
#include "platform/notify/notify.h"

namespace relais::app {

// The delivery options of the configuration (notify.* keys).
notify::Options NotifyOptions(const config::Config& cfg);

struct NotifyTestOptions {
  std::string email;  // one of the two
  std::string sms;
};
int RunNotifyTest(const config::Config& cfg, const NotifyTestOptions& o);

}  // namespace relais::app
