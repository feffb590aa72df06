// The day's call list (issue 5, ADR 0013) without storage: which vulnerable members are due a call
// on a day under the active crisis plans, in which order, and which call agent gets each call.
// Pure and allocation-conscious: the store (call_list_store.h) loads the candidates and agents in a
// few set-based queries and inserts what this returns; the bench (bench/call_list_speed.cc) times it
// on a region's worth of generated members.
//
// The rules, one place each:
//   - listed: effective level >= 1, no objection ("ne plus m'appeler"), covered by a plan in force
//     on the day (when several cover the member, the shortest cadence for the level wins), and due:
//     never reached -> due the day itself; otherwise last reached + cadence days <= the day;
//   - order: level (3 first), then days overdue (most first), then member id;
//   - assignment: an available agent of the household's agency with capacity left that day: the
//     agent of the last attempt first, then one speaking the household's language, then the least
//     loaded (fewest calls that day); none -> unassigned (a manager assigns by hand).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "modules/outreach/crisis_plan.h"

namespace relais::outreach {

// A language as two packed ASCII letters ("fr" -> 'f' << 8 | 'r'); 0: unknown.
using LanguageCode = uint16_t;
LanguageCode PackLanguage(std::string_view iso639_1);
inline constexpr LanguageCode kFrench = static_cast<LanguageCode>('f' << 8 | 'r');

// One member with a vulnerability profile, as the store loads it.
struct CallCandidate {
  int64_t member_id = 0;
  int64_t household_id = 0;
  HouseholdPlace place;          // agency, commune, building (the plan's perimeter)
  int level = 0;                 // effective level: the override when set, else the computed one
  bool objection = false;        // "ne plus m'appeler"
  int64_t last_reached_day = -1; // days since 1970-01-01 (DaysFromCivil); -1: never reached
  int64_t last_agent_id = 0;     // agent of the last attempt; 0: none
  LanguageCode language = kFrench;  // the household's preferred language
};

struct CallAgent {
  int64_t user_id = 0;
  std::vector<int64_t> agency_ids;  // empty: every agency of the organisation
  int remaining = 0;                // daily capacity minus the calls already assigned that day
  int assigned = 0;                 // calls already assigned that day (the load)
  std::vector<LanguageCode> languages;
  bool available = true;
};

// One call of the day's list.
struct PlannedCall {
  int64_t member_id = 0;
  int64_t household_id = 0;
  int64_t agency_id = 0;
  int64_t plan_id = 0;
  int level = 0;
  int64_t due_day = 0;   // days since 1970-01-01
  int64_t overdue = 0;   // days since due_day
  int64_t agent_id = 0;  // 0: unassigned
};

// The plan in force for a candidate: the shortest cadence among the plans covering it for its
// level (plans given already filtered to those in force on the day, their perimeters sorted by
// SortPerimeter). nullptr when none covers it.
struct PlanChoice {
  const CrisisPlan* plan = nullptr;
  int cadence_days = 0;
};
PlanChoice ChoosePlan(std::span<const CrisisPlan* const> in_force, const CallCandidate& c);

// The plans in force on a day (YYYY-MM-DD), whatever their perimeter.
std::vector<const CrisisPlan*> PlansInForce(const std::vector<CrisisPlan>& plans, std::string_view date);
// Copies of the plans in force on a day with their perimeters sorted, for ChoosePlan.
std::vector<CrisisPlan> SortedPlansInForce(const std::vector<CrisisPlan>& plans, std::string_view date);

// The calls of `day` (days since 1970-01-01; `date` the same day as YYYY-MM-DD) for the
// candidates, ordered and assigned. `agents` is updated (remaining, assigned) as calls are given.
std::vector<PlannedCall> BuildCallList(std::span<const CallCandidate> candidates,
                                       const std::vector<CrisisPlan>& plans, std::string_view date,
                                       int64_t day, std::vector<CallAgent>& agents);

// Gives each unassigned call in `calls` (already ordered) an agent by the rule above;
// `last_agent[i]` and `language[i]` are those of calls[i]'s member and household.
void AssignAgents(std::vector<PlannedCall>& calls, std::span<const int64_t> last_agent,
                  std::span<const LanguageCode> language, std::vector<CallAgent>& agents);

}  // namespace relais::outreach
