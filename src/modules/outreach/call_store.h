// Use cases of outreach calls (ADR 0013): read a call, record an attempt, end the calling day,
// escalate an unreachable level-3 tenant, work the follow-up tasks. Authorised through
// call_policy, scoped to the actor's organisation (another landlord's records are 404), audited
// (record types outreach_call, outreach_task, outreach_escalation; reading a call is audited too:
// it shows a fragile person's data). The state rules are call_state.h's.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/call_state.h"
#include "modules/outreach/vulnerability_level.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "modules/outreach/phone.h"
#include "platform/db/db.h"

namespace relais::outreach {

struct Call {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t plan_id = 0;
  int64_t member_id = 0;
  int64_t household_id = 0;
  int64_t agency_id = 0;
  std::string list_date;  // YYYY-MM-DD
  int level = 1;
  std::string due_date;
  int64_t agent_id = 0;  // 0: not assigned
  CallState state = CallState::kDue;
  int attempts = 0;
  std::optional<int64_t> next_attempt_at;
  std::optional<int64_t> closed_at;
};

// One row of outreach_calls as given (no check, no audit): the builder's and the tests' way in.
struct NewCall {
  int64_t organisation_id = 0;
  int64_t plan_id = 0;
  int64_t member_id = 0;
  std::string list_date;
  int level = 1;
  std::string due_date;  // empty: list_date
  int64_t agent_id = 0;  // 0: not assigned
};
// The member's household and agency are read from the member. Returns the call's id.
int64_t InsertCall(db::Connection& c, const NewCall& call);

struct CallAttempt {
  int64_t id = 0;
  int64_t agent_id = 0;
  std::string agent_name;
  CallOutcome outcome = CallOutcome::kNoAnswer;
  std::string note;
  std::optional<int64_t> callback_at;
  int64_t attempted_at = 0;
};

// What the agent's call page shows.
struct CallDetail {
  Call call;
  std::string agent_name;
  std::string member_name;
  std::optional<std::string> member_birth_date;
  std::string household_reference;
  std::string address;
  std::vector<Phone> phones;
  std::vector<std::string> level_reasons;  // French, from the recorded factors (vulnerability_level.h)
  std::string plan_name;
  std::string plan_kind;
  std::string call_script;
  std::vector<CallWindow> call_hours;
  bool saturday = false;
  std::vector<CallAttempt> attempts;
};

struct CallSettings {
  CallRules rules;
  VulnerabilityRule vulnerability;
  bool email_escalations = false;  // e-mail the managers of an escalation (notify.smtp_url is set)
};

Result<CallDetail> StaffReadsCall(db::Database& db, const auth::Actor& actor, int64_t id, const CallSettings& s);

struct AttemptInput {
  CallOutcome outcome = CallOutcome::kNoAnswer;
  std::string note;
  std::optional<int64_t> callback_at;
};
// In one transaction: the attempt, the call's new state, the member's contact state; a refusal
// records the objection and cancels the member's other open calls; a wrong number opens an
// update_contact task for the agency; an unreachable level-3 call may raise an escalation.
Result<CallDetail> AgentRecordsAttempt(db::Database& db, const auth::Actor& actor, int64_t id,
                                       const AttemptInput& in, const CallSettings& s, int64_t now_ms);

// The end of the calling day, as the system: every open call of a day before `now`'s date, or of
// `now`'s date when the plan's calling hours are over, becomes unreachable; the contact state and
// the escalations follow (e-mailed to the agency's managers when `email_escalations`). Returns how
// many calls were closed and escalations raised.
struct DayEndReport {
  int64_t closed = 0;
  int64_t escalations = 0;
};
DayEndReport EndCallingDay(db::Database& db, int64_t now_ms, bool email_escalations);
// The instant `relais outreach day-end --date D` ends: the last millisecond of D in Paris.
int64_t EndOfParisDay(CivilDate d);

// ---- Escalations ----
enum class EscalationAction { kCaretakerVisit, kEmergencyContact, kTownSocialService, kEmergencyServices };
std::string_view EscalationActionCode(EscalationAction a);
std::optional<EscalationAction> EscalationActionFromCode(std::string_view code);

struct Escalation {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  int64_t household_id = 0;
  std::string household_reference;
  std::vector<Phone> phones;
  int64_t agency_id = 0;
  std::string agency_name;
  int64_t plan_id = 0;
  std::string plan_name;
  std::optional<int64_t> call_id;
  std::string unreachable_since;
  int64_t raised_at = 0;
  std::string status;  // open, closed
  std::optional<std::string> action;
  std::optional<int64_t> action_at;
  std::string outcome;
  std::optional<int64_t> closed_at;
  std::string closed_by_name;
};
struct EscalationFilter {
  std::optional<std::string> status;  // open, closed
  std::optional<int64_t> agency_id;
};
Result<std::vector<Escalation>> ManagerListsEscalations(db::Database& db, const auth::Actor& actor,
                                                        const EscalationFilter& f);
Result<Escalation> ManagerRecordsEscalationAction(db::Database& db, const auth::Actor& actor, int64_t id,
                                                  EscalationAction action, const std::string& outcome);
Result<Escalation> ManagerClosesEscalation(db::Database& db, const auth::Actor& actor, int64_t id,
                                           const std::string& outcome);

// ---- Tasks ----
struct OutreachTask {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string household_reference;
  std::string household_name;
  std::string kind;
  std::string description;
  int64_t owner_id = 0;
  std::string due_date;
  std::string status;
  std::optional<int64_t> call_id;
  int64_t created_at = 0;
  std::optional<int64_t> closed_at;
};
struct TaskFilter {
  std::optional<std::string> status;  // open, done, cancelled
};
Result<std::vector<OutreachTask>> StaffListsOutreachTasks(db::Database& db, const auth::Actor& actor,
                                                          const TaskFilter& f);
// status: done or cancelled.
Result<OutreachTask> StaffClosesOutreachTask(db::Database& db, const auth::Actor& actor, int64_t id,
                                             const std::string& status);

}  // namespace relais::outreach
