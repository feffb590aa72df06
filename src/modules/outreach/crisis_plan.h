// Crisis plans (issue 5, DOMAIN.md §2): a manager declares a plan (a lockdown, a heatwave, a cold
// snap, a flood, or a named custom crisis) for a perimeter of the organisation and a period; the
// plan sets how often the vulnerable tenants are called, per vulnerability level, when, and after
// how many unreachable days a level-3 tenant is escalated. This file is the plan's rules without
// storage: defaults, validation, and which plan applies to a household on a date.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::outreach {

enum class CrisisKind { kPandemicLockdown, kHeatwave, kColdSnap, kFlood, kCustom };
std::string_view CrisisKindCode(CrisisKind k);  // "pandemic_lockdown", "heatwave", ...
std::optional<CrisisKind> CrisisKindFromCode(std::string_view code);

// Call cadence in days per vulnerability level (1 = least fragile, 3 = most fragile).
struct Cadence {
  int level1_days = 14;
  int level2_days = 7;
  int level3_days = 2;
  int ForLevel(int level) const;  // days; level outside 1..3 is clamped
};
inline constexpr int kMinCadenceDays = 1;
inline constexpr int kMaxCadenceDays = 90;

// Consecutive unreachable days of a level-3 tenant before the alert to the agency's managers, when
// the manager sets none: 2 in a heatwave, 3 otherwise (issue 5). The one place of this rule.
constexpr int DefaultEscalationDays(CrisisKind k) { return k == CrisisKind::kHeatwave ? 2 : 3; }

// The default cadence of a kind of crisis: one table (crisis_plan.cc, docs/guide/plans-de-crise.md).
Cadence DefaultCadence(CrisisKind k);

// A calling window, local time Europe/Paris, minutes since midnight: [start, end).
struct CallWindow {
  int start_minute = 0;
  int end_minute = 0;
};
// "09:00" -> 540; nullopt when malformed.
std::optional<int> ParseClock(std::string_view hhmm);
std::string FormatClock(int minute);

// The perimeter: the whole organisation, or sets of agencies, communes (INSEE codes), buildings.
struct Perimeter {
  bool all = true;
  std::vector<int64_t> agency_ids;
  std::vector<std::string> communes;  // INSEE codes
  std::vector<int64_t> building_ids;
};

// Where a household lives, to match a perimeter.
struct HouseholdPlace {
  int64_t agency_id = 0;
  std::string commune;  // INSEE code
  int64_t building_id = 0;
};
bool Covers(const Perimeter& p, const HouseholdPlace& h);
// The same on a perimeter whose lists are sorted (SortPerimeter): a binary search per list, for
// the call list builder that matches a region's members against plans of hundreds of communes.
void SortPerimeter(Perimeter& p);
bool CoversSorted(const Perimeter& p, const HouseholdPlace& h);

struct CrisisPlan {
  int64_t id = 0;
  int64_t organisation_id = 0;
  CrisisKind kind = CrisisKind::kCustom;
  std::string name;        // required for kCustom; optional label otherwise
  std::string start_date;  // YYYY-MM-DD
  std::string end_date;    // YYYY-MM-DD, empty: open-ended (inclusive)
  Perimeter perimeter;
  Cadence cadence;
  std::vector<CallWindow> windows;  // calling hours
  bool saturday = false;            // calls on Saturday too (weekdays always)
  int escalation_days = DefaultEscalationDays(CrisisKind::kCustom);  // consecutive unreachable days, level 3
  std::string call_script;
};

// A field error: the field's name and a French message.
struct PlanError {
  std::string field;
  std::string message;
};
// Checks a plan's own fields (dates, cadence, hours, escalation, name); the perimeter's
// ownership is checked against the organisation by the store. Empty: valid.
std::vector<PlanError> ValidatePlan(const CrisisPlan& p);
bool IsIsoDate(std::string_view d);

// The plans in force on a date (YYYY-MM-DD) whose perimeter covers the household.
std::vector<const CrisisPlan*> ActivePlansOn(const std::vector<CrisisPlan>& plans, std::string_view date,
                                             const HouseholdPlace& h);
// The cadence for a level under the plans in force: when plans overlap the strictest (the
// shortest interval) wins, so no tenant is called less often than any applicable plan asks.
// nullopt when no plan applies.
std::optional<int> CadenceOn(const std::vector<CrisisPlan>& plans, std::string_view date,
                             const HouseholdPlace& h, int level);

}  // namespace relais::outreach
