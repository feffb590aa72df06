// HTTP routes of crisis plans: /api/v1/crisis-plans (registered by the outreach module).
#pragma once
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::outreach {
void RegisterCrisisPlanRoutes(http::Router& router, db::Database& db);
}  // namespace relais::outreach
