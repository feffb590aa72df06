// The dashboard module: aggregated counts (households, dwellings, referrals open and closed) per
// commune or per landlord, for the regional association's observers across every landlord of the
// instance, and for a landlord's managers over their own organisation. No named person; every
// count below kThreshold is suppressed, with secondary suppression so that no suppressed count can
// be recomputed from the totals (ADR 0011). A manager's dashboard also lists the open escalations
// of outreach (issue 5), named, until they are closed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/outreach.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}
namespace relais::audit {
class Trail;
}

namespace relais::dashboard {

// Counts below this are never shown ("<11").
inline constexpr int64_t kThreshold = 11;

struct Cell {
  std::optional<int64_t> value;  // nullopt when suppressed
  bool suppressed = false;
};

// A table of counts, rows x columns, once suppressed, with the column totals.
struct Table {
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> totals;
};

// Primary suppression: every cell (and total) below kThreshold. Secondary, per column whose total
// is shown: while the suppressed cells are a single one, or add up to less than kThreshold (their
// sum is the total minus the shown cells), the smallest shown cell is suppressed too; when none is
// left, the total is. No row totals are published, so columns are independent.
Table Suppress(const std::vector<std::vector<int64_t>>& counts, size_t columns);

enum class GroupBy { kCommune, kLandlord };

struct Figures {
  std::string scope;  // "region" (observer) or "organisation" (manager)
  GroupBy by = GroupBy::kCommune;
  std::vector<std::string> columns;  // households, dwellings, referrals_open, referrals_closed
  std::vector<std::pair<std::string, std::string>> keys;  // per row: key (INSEE code or landlord id), label
  Table table;
};

// kForbidden for a landlord's staff who is not a manager, kNotFound for a partner (nothing here
// exists for it).
Result<Figures> ActorReadsFigures(db::Database& db, const auth::Actor& actor, GroupBy by);

// The open escalations on a manager's dashboard, oldest first, until a manager closes them (on the
// Alertes page). kForbidden for a landlord's staff who is not a manager, kNotFound for anyone else.
Result<std::vector<outreach::OpenEscalation>> ManagerReadsOpenEscalations(db::Database& db, const auth::Actor& actor);

// GET /api/v1/dashboard/figures?by=commune|landlord, GET /api/v1/dashboard/escalations (an audited
// read: the alerts name fragile persons).
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail);

}  // namespace relais::dashboard
