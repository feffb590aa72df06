// `relais support check-plans` (docs/operations.md, "Background jobs"): the server's check of the
// payment plans, run now.
#pragma once
#include <string>

#include "platform/config/config.h"

namespace relais::app {

// Checks every active payment plan against the ledger on `date` (YYYY-MM-DD; "" for today, Paris)
// as the server does every 6 hours: a task per newly missed instalment, completed plans closed.
// Prints the counts; 2 for a bad date, 1 when the database fails.
int RunSupportCheckPlans(const config::Config& cfg, const std::string& date);

}  // namespace relais::app
