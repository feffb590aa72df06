// HTTP routes of appointment notices and of the crisis switch.
#pragma once
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::reception {

void RegisterNoticeRoutes(http::Router& router, db::Database& db);

}  // namespace relais::reception
