// The audit module: the trail's pages for the landlord's administrator and data protection officer
// (the list with filters, its CSV export, who looked at a household). The trail itself, its chain
// and its writer are platform/audit.
#pragma once
#include "platform/audit/audit.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}

namespace relais::audit {

// Registers /api/v1/audit, /api/v1/audit/export and /api/v1/households/{id}/views.
void RegisterRoutes(http::Router& router, db::Database& db, Trail& trail);

}  // namespace relais::audit
