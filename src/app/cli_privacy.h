// `relais anonymise --due` (see docs/operations.md, "Retention of household data", and docs/privacy.md section 4).
#pragma once
#include "platform/config/config.h"

namespace relais::app {

// Anonymises every household whose last lease ended more than retention.household_months ago and
// every closed support case whose follow-up ended more than retention.support_case_months ago, as
// the server does daily; prints how many of each. A key at 0 (the default): that rule says so and
// does nothing.
int RunAnonymiseDue(const config::Config& cfg);

}  // namespace relais::app
