// Payment plans of support cases (issue 6 part 2, migration 0036): the officer sets up a plan from
// the lease's debt in the ledger (modules/rent/ledger.h), the case moves to "plan active", the
// signed plan prints as PDF, and each night the adherence is checked against the ledger: a missed
// instalment opens a task on the case (once per instalment), never a silent failure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/support/payment_plan.h"
#include "platform/auth/actor.h"
#include "platform/core/periodic_job.h"
#include "platform/db/db.h"

namespace relais::support {

struct PlanInstalment {
  Instalment instalment;
  std::optional<int64_t> missed_task_id;
};

struct PaymentPlanView {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t lease_id = 0;
  int64_t debt_cents = 0;
  int months = 0;
  CivilDate first_due_on, signed_on;
  std::string status;  // active, completed, broken, cancelled (payment_plan.h PlanStatus)
  std::optional<CivilDate> ended_on;  // broken or cancelled: the day
  std::string end_reason;             // cancelled: the officer's reason
  int64_t rent_cents = 0, charges_cents = 0;  // the lease's monthly rent and charges, for the document
  int64_t debt_now_cents = 0;                 // arrears now (ledger balance minus this month's charges)
  Adherence adherence;
  std::vector<PlanInstalment> instalments;
  std::string household_name, household_reference, organisation_name, officer_name;
};

struct PlanInput {
  int months = 0;
  CivilDate first_due_on;
  CivilDate signed_on;
};

// The household's current lease on `today`: not ended, the latest started (nullopt: none).
std::optional<int64_t> CurrentLeaseOf(db::Connection& c, int64_t organisation_id, int64_t household_id, CivilDate today);

// The household's arrears as the plan sees them on `today`: the ledger balance at the end of the
// day minus the rent and charges not late yet (dated within the grace days before today: the
// month's rent is not a missed payment on the 2nd). 0 or less: no debt.
int64_t ArrearsOf(db::Connection& c, int64_t organisation_id, int64_t lease_id, CivilDate today, int grace_days);

// Sets up a plan on an open case (officers): the debt is the lease's arrears today; the case moves
// to plan_active (case_state.h). kInvalid: months, first_due_on (before signed_on), signed_on (in the
// future), debt (none); kConflict: the state does not allow a plan; kNotFound as for the case.
Result<PaymentPlanView> OfficerSetsUpPaymentPlan(db::Database& db, const auth::Actor& actor, const PlanRules& rules,
                                                 int64_t case_id, const PlanInput& in, CivilDate today);
// The officer cancels the case's running plan (support_policy CanEndPaymentPlan) for `reason`
// (required, at most 1000 characters): the plan is cancelled on `today`, a case in "plan active"
// resumes (in progress), both on the timeline. kInvalid reason; kConflict (field status): no plan
// running; kNotFound/kForbidden as for the case.
Result<PaymentPlanView> OfficerCancelsPaymentPlan(db::Database& db, const auth::Actor& actor, const PlanRules& rules,
                                                  int64_t case_id, const std::string& reason, CivilDate today);
// The case's latest plan (nullopt: none), with its adherence on `today`. Officers and managers.
Result<std::optional<PaymentPlanView>> StaffReadsPaymentPlan(db::Database& db, const auth::Actor& actor,
                                                             const PlanRules& rules, int64_t case_id, CivilDate today);
// The plan as a signed document (A4 PDF, French).
Result<std::string> PaymentPlanPdf(const PaymentPlanView& plan);

// The nightly check of every active plan, as the system: a task per newly missed instalment (on the
// case, for its officer), completed plans marked completed (and written on the case's timeline),
// plans with rules.broken_after_missed missed instalments marked broken, with a task to review it.
struct PlanCheckReport {
  int64_t checked = 0;
  int64_t missed_tasks = 0;
  int64_t completed = 0;
  int64_t broken = 0;
};
PlanCheckReport CheckPaymentPlans(db::Database& db, const PlanRules& rules, CivilDate today);

// The server's run of CheckPaymentPlans: two minutes after start, then every 6 hours (a day is
// checked once per plan: checked_on).
class PlanAdherenceJob {
 public:
  PlanAdherenceJob(db::Database& db, PlanRules rules);

 private:
  PeriodicJob job_;
};

}  // namespace relais::support
