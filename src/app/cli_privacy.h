// `relais anonymise --due` (see docs/operations.md, "Retention of household data", and docs/privacy.md).
#pragma once
#include "platform/config/config.h"

namespace relais::app {

// Anonymises every household whose last lease ended more than retention.household_months ago, as
// the server does daily; prints how many. With the key at 0 (the default) it says so and does nothing.
int RunAnonymiseDue(const config::Config& cfg);

}  // namespace relais::app
