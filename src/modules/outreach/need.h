// Needs found on calls and what is done about them (issue 5). A need of a household (food,
// medicines, ...) becomes actions, each with an owner and a due date: a delivery (food parcel,
// medicines) that a delivery round brings (delivery_round.h), a referral to a partner (opened only
// with the tenant's recorded consent), or a task (outreach_tasks: money and repair needs until the
// rent-support and works modules exist, anything else). A need is met when every action not
// cancelled is done. Also the household's outreach timeline.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/outreach/outreach.h"
#include "modules/rent/rent.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::audit {
class Trail;
}

namespace relais::outreach {

// Codes of the API, in display order.
const std::vector<std::string>& NeedCategories();  // food, medicines, shopping, ... other
const std::vector<std::string>& DeliveryItems();   // food_parcel, medicines

struct Action {
  int64_t id = 0;
  int64_t need_id = 0;
  std::string kind;    // delivery, referral, task
  std::string status;  // open, done, cancelled (a referral's and a task's follow theirs)
  int64_t owner_id = 0;
  std::string owner_name;
  std::string due_date;  // YYYY-MM-DD
  std::string item;      // delivery: food_parcel, medicines
  std::optional<int64_t> referral_id;
  std::string partner_name;  // referral
  std::optional<int64_t> task_id;
  std::string description;   // task: its description; referral: its reason
  int64_t created_at = 0;
};

struct Need {
  int64_t id = 0;
  int64_t household_id = 0;
  std::optional<int64_t> call_id;
  std::string category;
  std::string description;
  std::string status;  // open, met, cancelled
  int64_t created_at = 0;
  std::optional<int64_t> support_case_id;  // money: the support case it opened or joined
  std::vector<Action> actions;
};

struct NeedInput {
  std::string category;
  std::optional<int64_t> call_id;
  std::string description;
};

struct ActionInput {
  std::string kind;
  int64_t owner_id = 0;
  std::optional<CivilDate> due_date;
  std::string item;                    // delivery
  std::optional<int64_t> partner_id;   // referral
  std::string reason;                  // referral: written for the partner
  std::optional<CivilDate> consent_on; // referral: when the tenant agreed to share
  std::string consent_given_by;        // referral: who agreed
  std::string description;             // task
};

// The use cases: kNotFound outside the actor's organisation (or for partners and observers),
// kForbidden for a role that may not, kInvalid naming the field.
Result<Need> StaffRecordsNeed(db::Database& db, const auth::Actor& actor, int64_t household_id, const NeedInput& in);
Result<std::vector<Need>> StaffListsNeeds(db::Database& db, const auth::Actor& actor, int64_t household_id);
Result<Need> StaffReadsNeed(db::Database& db, const auth::Actor& actor, int64_t id);
Result<Need> StaffAddsAction(db::Database& db, const auth::Actor& actor, int64_t need_id, const ActionInput& in);
// status: done or cancelled. A referral's action follows the referral (kConflict here).
Result<Need> StaffClosesAction(db::Database& db, const auth::Actor& actor, int64_t need_id, int64_t action_id,
                               const std::string& status);
// Gives up an open need; its open deliveries and tasks are cancelled with it (not its referrals).
Result<Need> StaffCancelsNeed(db::Database& db, const auth::Actor& actor, int64_t id);

// The open needs of an organisation, per household: a need not given up that is not met (every
// action not cancelled done). The crisis view counts them (crisis_report.cc).
std::map<int64_t, int64_t> OpenNeedsPerHousehold(db::Connection& c, int64_t organisation_id);

// The household's timeline, newest first: outreach's own records, its support cases and its rent
// debt (modules/support, modules/rent, through their public queries).
struct TimelineEntry {
  // call, call_attempt, need, action, referral, task, support_case, escalation, escalation_outcome,
  // rent_arrears, rent_caf_threshold, rent_step
  std::string type;
  int64_t id = 0;
  int64_t at = 0;          // ms since epoch (a rent entry: midnight, Europe/Paris, of its day)
  std::string status;      // the record's state, outcome or status code
  std::string code;        // need category, action kind, delivery item, task kind, rent step; "" otherwise
  std::string text;        // description, note, reason, partner name, escalation's outcome
  std::optional<int64_t> parent_id;  // call of an attempt, need of an action, escalation of its outcome
  // rent_arrears and rent_caf_threshold: the lease's debt today, in cents (months in hundredths).
  struct Debt {
    int64_t balance_cents = 0, arrears_cents = 0, months_hundredths = 0, caf_threshold_cents = 0;
  };
  std::optional<Debt> debt;
  // The record this entry shows the content of, which the route writes in the audit trail as read
  // (a lease's ledger: "lease_ledger"), beyond the household's timeline itself.
  struct Reveals {
    std::string record_type;
    int64_t record_id = 0;
  };
  std::optional<Reveals> reveals;
};
// What every source is given: the reader (a source may show less to some roles, as its own
// module's policy says), the household (of the reader's organisation: checked before), the day
// in Europe/Paris and the rent module's rules.
struct TimelineQuery {
  db::Connection& c;
  const auth::Actor& actor;
  int64_t household_id;
  CivilDate today;
  const rent::ClockSettings& rent;
};
// One source of timeline entries: the records of one kind for a household. The sources are listed
// in need.cc (TimelineSources).
using TimelineSource = void (*)(const TimelineQuery& q, std::vector<TimelineEntry>& out);
// kForbidden for a landlord role that may not read needs, kNotFound outside the organisation.
Result<std::vector<TimelineEntry>> StaffReadsTimeline(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                                      CivilDate today, const rent::ClockSettings& rent_rules);

// Routes of needs, delivery rounds and the timeline (need_routes.cc); reads are audited.
// `rent_rules`: the rules the timeline's debt is computed with (the rent module's configuration).
void RegisterNeedRoutes(http::Router& router, db::Database& db, audit::Trail& trail,
                        const rent::ClockSettings& rent_rules);

}  // namespace relais::outreach
