// HTTP routes of reception (api/openapi.yaml, tag reception): the staff's configuration
// (/api/v1/reception/...), slots, appointments and the desk's day view, and the tenant's booking
// routes (/api/v1/tenant/appointments...).
#pragma once
#include <optional>
#include <string_view>

#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::reception {
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail);
// "2026-12-07T08:00:00.000Z" or "2026-12-07T08:00:00Z" (UTC, as the API gives them): the instant
// in ms; nullopt when malformed.
std::optional<int64_t> ParseUtcInstant(std::string_view s);
}  // namespace relais::reception
