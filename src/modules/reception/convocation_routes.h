// HTTP routes of convocations and calendars (api/openapi.yaml, tag "reception"): the convocation
// PDF and the .ics of an appointment (staff and its tenant), the public check of a convocation
// (/verify/<token>, a small French page, and its JSON), and the staff calendar feeds.
#pragma once
#include "modules/reception/convocation.h"
#include "platform/audit/audit.h"
#include "platform/http/router.h"

namespace relais::reception {

void RegisterConvocationRoutes(http::Router& router, db::Database& db, audit::Trail& trail,
                               const ConvocationSettings& settings);

// The /verify page for a check (HTML, French, no script, no personal data). Exposed for tests.
std::string VerifyPage(const ConvocationCheck& check);

}  // namespace relais::reception
