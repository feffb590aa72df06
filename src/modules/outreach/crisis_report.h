// The manager's view of a crisis (issue 5, "Everywhere"): for one crisis plan, its perimeter and its
// period, the vulnerability profiles by effective level, the calls due / done / overdue today, the
// reach rate, the open needs, escalations and follow-up tasks, per agency, and a daily series of
// the calls. Every number is a count: no named person leaves this module. As the dashboard's
// figures (ADR 0011), an aggregated read writes no audit entry; unlike the dashboard's figures, a
// landlord's manager sees exact counts of their own organisation (they may open every call behind
// them anyway), so no small-number suppression here.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/crisis_plan.h"
#include "modules/outreach/vulnerability_level.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}

namespace relais::outreach {

// The counts of one agency (or of the whole perimeter).
struct CrisisCounts {
  std::array<int64_t, 4> profiles_by_level{};  // effective level 0..3, objection excluded
  int64_t calls_due_today = 0;   // today's list, cancelled calls left out
  int64_t calls_done_today = 0;  // today's list, state reached, refused or wrong_number
  int64_t calls_overdue = 0;     // open (due, retry, callback) on an earlier list, or due before today
  int64_t calls_attempted = 0;   // over the plan's period: calls with at least one attempt
  int64_t calls_reached = 0;     // over the plan's period: state reached or refused
  int64_t open_tasks = 0;        // outreach_tasks open, households in the perimeter
  int64_t open_needs = 0;        // needs neither given up nor met (need.h), households in the perimeter
  int64_t open_escalations = 0;  // escalations not closed, households in the perimeter
};

// One day of the plan's period, for one agency (agency_id 0: the sum of the agencies).
struct CrisisDay {
  std::string date;  // YYYY-MM-DD
  int64_t agency_id = 0;
  int64_t listed = 0;       // calls on the day's list (cancelled left out)
  int64_t reached = 0;      // of them, reached or refused
  int64_t unreachable = 0;  // of them, unreachable
};

struct CrisisAgencyCounts {
  int64_t agency_id = 0;  // 0: buildings without agency
  std::string name;
  CrisisCounts counts;
};

struct CrisisReport {
  CrisisPlan plan;
  std::string today;      // YYYY-MM-DD, Europe/Paris
  std::string period_end; // the last day of the series: the plan's end, or today if earlier or open
  CrisisCounts totals;
  std::vector<CrisisAgencyCounts> agencies;  // by name; an agency-scoped manager's agencies only
  std::vector<CrisisDay> days;               // per day, the sum (agency_id 0)
  std::vector<CrisisDay> agency_days;        // per day and agency, days with a call only
};

// The longest series a report holds (a longer plan shows its last days).
inline constexpr int kMaxReportDays = 400;

// 404 for who may not read the plan; 403 for a landlord's staff who is neither manager nor
// administrator. `today` is the Paris date (the routes pass today's).
Result<CrisisReport> ManagerReadsCrisisReport(db::Database& db, const auth::Actor& actor, int64_t plan_id,
                                              const VulnerabilityRule& rule, const std::string& today);

// The CSV export: UTF-8 with a BOM, `;` separated, one row per day and agency. The open needs and
// escalations are counts of today, not of each day: they fill the rows of the last day only.
std::string CrisisReportCsv(const CrisisReport& r);

// GET /api/v1/crisis-plans/{id}/report and /report.csv
void RegisterCrisisReportRoutes(http::Router& router, db::Database& db, const VulnerabilityRule& rule);

}  // namespace relais::outreach
