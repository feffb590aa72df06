// The audit module: the trail's pages for the landlord's administrator and data protection officer
// (the list with filters, its CSV export, who looked at a household). The trail itself, its chain
// and its writer are platform/audit.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}

namespace relais::audit {

// Every record type that the modules write in the trail (audit::Of(actor, op, TYPE, id)), the one
// list that the filter of the trail accepts. api/openapi.yaml's AuditRecordType enum is the same
// list (tests/api/audit.test.mjs filters by each and checks both ways); the web app's labels are
// typed from that enum, so a type missing there fails tsc. A module that writes a new type adds it
// here, in the enum, and in the labels of web/src/i18n.
std::span<const std::string_view> RecordTypes();
bool KnownRecordType(std::string_view type);
// "household, building, ... ou support_case" (for the French error message).
std::string RecordTypesInWords();

// Every operation that the code writes in the trail (audit::Of(actor, OP, type, id), an Entry
// {at, org, user, OP, ...}, e.operation = OP), the one list. api/openapi.yaml's AuditOperation
// enum is the same list, and the web app's words and icons are typed from that enum (a missing one
// fails tsc). audit_operations_test reads src/ for every operation written and fails on one missing
// here or listed here but written nowhere. A module that writes a new operation adds it here, in
// the enum, and in the words of web/src/i18n and the icons of web/src/features/audit/words.tsx.
std::span<const std::string_view> Operations();
bool KnownOperation(std::string_view operation);

// The trail's pages, for the landlord's administrators and its data protection officer
// (audit_policy): entries of the actor's organisation only, whatever `f.organisation_id` says,
// with the display names of the staff who acted (by user id).
struct TrailPage {
  std::vector<Listed> entries;  // newest first
  std::unordered_map<int64_t, std::string> names;
};
// kForbidden for any other actor.
Result<TrailPage> StaffReadsTrail(db::Database& db, const auth::Actor& actor, Filter f);
// The CSV export (UTF-8 with a BOM, `;` separated) of at most kExportMaxRows entries: kInvalid
// (field "from") when there are more, kForbidden for any other actor. The caller records the
// export in the trail (the route holds its answer until that entry is durable).
inline constexpr int kExportMaxRows = 100'000;
Result<std::string> StaffExportsTrail(db::Database& db, const auth::Actor& actor, Filter f);
// Who looked at (or changed) a household in the last 12 months: kNotFound when the actor does not
// see the household (another landlord's, or no household for them: housing's scope), then
// kForbidden for a role that may not read the trail.
Result<TrailPage> StaffReadsHouseholdViews(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                           int limit);

// Registers /api/v1/audit, /api/v1/audit/export and /api/v1/households/{id}/views.
void RegisterRoutes(http::Router& router, db::Database& db, Trail& trail);

}  // namespace relais::audit
