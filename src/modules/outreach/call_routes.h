// HTTP routes of outreach calls, their follow-up tasks and escalations (api/openapi.yaml, tag
// calls): /api/v1/calls/{id}, /api/v1/calls/{id}/attempts, /api/v1/outreach-tasks,
// /api/v1/escalations.
#pragma once
#include "modules/outreach/call_store.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::outreach {
void RegisterCallRoutes(http::Router& router, db::Database& db, audit::Trail& trail, CallSettings settings);
// "2026-07-02T15:30" (Europe/Paris wall clock), or with seconds, "Z" or an offset ("+02:00"): the
// instant in ms; nullopt when malformed.
std::optional<int64_t> ParseInstant(std::string_view s);
}  // namespace relais::outreach
