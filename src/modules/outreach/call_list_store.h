// Use cases of the day's call list (issue 5, ADR 0013): build a day's list for an organisation
// (managers on demand, the morning job for every landlord), read it (the manager's whole list,
// the call agent's own calls), reassign a call, set a call agent's capacity and languages.
// Authorised through call_list_policy, scoped to the actor's organisation (another landlord's
// records are 404), audited (record types call_list, outreach_call, call_agent_settings).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/call_list.h"
#include "modules/outreach/vulnerability_level.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "modules/outreach/phone.h"
#include "platform/db/db.h"

namespace relais::outreach {

struct CallListSettings {
  VulnerabilityRule rule;    // the level rule (vulnerability.* keys)
  int default_capacity = 40; // outreach.agent_daily_capacity
};

struct BuildSummary {
  std::string date;        // YYYY-MM-DD
  int64_t added = 0;       // calls added by this build
  int64_t unassigned = 0;  // of those, left without an agent
};

// Builds the list of `date` for one organisation in the caller's write transaction: a few
// set-based reads, the pure builder (call_list.h), one bulk insert. Members already on that day's
// list are left as they are (building again adds only the newly due). No check, no audit.
BuildSummary BuildCallListIn(db::Connection& c, int64_t organisation_id, CivilDate date,
                             const CallListSettings& s);

// What a landlord's calls of a day looked like when its list was read: another build or a
// reassignment since changes it (one more call, a higher id, a later update).
struct DayStamp {
  int64_t calls = 0, max_id = 0, last_update = 0;
  bool operator==(const DayStamp&) const = default;
};
// A landlord's list of a day, read and built but not written yet.
struct PreparedList {
  BuildSummary summary;
  std::vector<PlannedCall> calls;
  DayStamp stamp;
};
// The reads and the pure builder of BuildCallListIn, in any transaction: BuildEveryCallList
// prepares the next landlord's list on a reader while one is written.
PreparedList PrepareCallList(db::Connection& c, int64_t organisation_id, CivilDate date, const CallListSettings& s);
// In the caller's write transaction: writes the prepared list if the landlord's calls of that day
// did not change since it was read, or else builds again (BuildCallListIn: a manager's build or a
// reassignment came in between). Returns the calls added. No check, no audit.
int64_t WritePreparedCallList(db::Connection& c, int64_t organisation_id, CivilDate date, const CallListSettings& s,
                              const PreparedList& p);

Result<BuildSummary> ManagerBuildsCallList(db::Database& db, const auth::Actor& actor, CivilDate date,
                                           const CallListSettings& s);
// The morning job: builds `date` for every landlord organisation, each in its own transaction,
// audited as the system; the next landlord's list is read and built on a reader while one is
// written. Returns the calls added.
int64_t BuildEveryCallList(db::Database& db, CivilDate date, const CallListSettings& s);

struct AttemptSummary {
  std::string outcome;
  std::string note;
  int64_t attempted_at = 0;  // ms
};
struct ListedCall {
  int64_t id = 0;
  std::string list_date;
  int64_t member_id = 0;
  std::string member_name;  // "Prénom Nom"
  int64_t household_id = 0;
  std::string household_reference;
  int64_t agency_id = 0;
  std::string agency_name;
  int64_t plan_id = 0;
  std::string plan_kind;
  std::string plan_name;
  int level = 0;
  std::string due_date;
  int64_t agent_id = 0;  // 0: unassigned
  std::string agent_name;
  std::string state;
  int attempts = 0;
  std::optional<int64_t> next_attempt_at;
  // The agent's own list only:
  std::vector<Phone> phones;
  std::string level_summary;  // "3 — 84 ans, vit seul·e" (computed now; the level is the listed one)
  std::string call_script;
  std::vector<AttemptSummary> last_attempts;  // most recent first, at most 3
};

struct CallFilter {
  std::optional<int64_t> agency_id;
  std::optional<int64_t> agent_id;  // 0: unassigned
  std::optional<std::string> state;
  int limit = 500;  // the API: limit, 1 to 999
};
struct CallListView {
  std::string date;
  std::vector<ListedCall> calls;  // filtered, in list order
  int64_t total = 0;              // the whole day's list, unfiltered
  int64_t unassigned = 0;
  std::vector<std::pair<std::string, int64_t>> by_state;  // every state with its count
  bool truncated = false;
};
bool IsCallState(std::string_view s);

Result<CallListView> ManagerReadsCallList(db::Database& db, const auth::Actor& actor, CivilDate date,
                                          const CallFilter& f);
Result<std::vector<ListedCall>> AgentReadsOwnCalls(db::Database& db, const auth::Actor& actor, CivilDate date,
                                                   const VulnerabilityRule& rule);
// agent_id 0: unassigns. The agent must be an active call agent of the household's agency (or of
// the whole organisation) and available; the call must still be open (due, retry, callback).
Result<ListedCall> ManagerReassignsCall(db::Database& db, const auth::Actor& actor, int64_t call_id,
                                        int64_t agent_id);

struct AgentSettings {
  int64_t user_id = 0;
  std::string display_name;
  std::vector<int64_t> agency_ids;  // empty: the whole organisation
  int daily_capacity = 0;
  std::vector<std::string> languages;  // ISO 639-1
  bool available = true;
  bool configured = false;  // false: no row yet, the defaults apply
  int64_t assigned = 0;     // calls assigned on the day asked (list of agents only)
};
Result<std::vector<AgentSettings>> ManagerListsCallAgents(db::Database& db, const auth::Actor& actor,
                                                          CivilDate date, int default_capacity);
Result<AgentSettings> ManagerReadsAgentSettings(db::Database& db, const auth::Actor& actor, int64_t user_id,
                                                int default_capacity);
Result<AgentSettings> ManagerChangesAgentSettings(db::Database& db, const auth::Actor& actor,
                                                  const AgentSettings& s, int default_capacity);

}  // namespace relais::outreach
