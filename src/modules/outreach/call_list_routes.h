// HTTP routes of the day's call lists (api/openapi.yaml, tag call-lists): build and read a day's
// list, the agent's own calls, reassignment, call agents' settings.
#pragma once
#include "modules/outreach/call_list_store.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::outreach {
void RegisterCallListRoutes(http::Router& router, db::Database& db, audit::Trail& trail,
                            const CallListSettings& settings);
}  // namespace relais::outreach
