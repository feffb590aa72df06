// A payment plan (plan d'apurement, DOMAIN.md §3): the household's rent debt spread over N monthly
// instalments paid on top of the current rent. Pure rules: the schedule to the cent (every
// instalment the floor of debt / N, the remainder on the last one), due dates on the same day of
// each month (clamped to the month's last day: 31 January, then 28 or 29 February), and adherence
// read from the ledger's balance: the debt left must fall at least as fast as the schedule says.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "platform/core/dates.h"
#include "platform/core/error.h"

namespace relais::support {

// Limits of a plan, configuration with a dated source (docs/guide/accompagnement.md).
struct PlanRules {
  int max_months = 36;          // support.plan_max_months: the CAF's own plans run 36 months at most (DOMAIN.md §3, 2026-11)
  int grace_days = 10;          // support.plan_grace_days: days after a due date before an instalment counts as missed
  int64_t min_instalment_cents = 100;  // support.plan_min_instalment_cents: no instalment under 1 EUR
  // support.plan_broken_after_missed: missed instalments after which the nightly check marks the
  // plan broken (and asks the officer to review it). No legal value: the landlord's practice;
  // 0 (the default) never breaks a plan, each missed instalment still opens its task.
  int broken_after_missed = 0;
};

// The lifecycle of a plan: active until completed (the nightly check), broken (the nightly check,
// PlanIsBroken) or cancelled (the officer, with a reason). Ended plans do not change again.
enum class PlanStatus { kActive, kCompleted, kBroken, kCancelled };
enum class PlanEvent { kComplete, kBreak, kCancel };
std::string_view CodeOf(PlanStatus s);  // "active", "completed", "broken", "cancelled"
std::optional<PlanStatus> PlanStatusFromCode(std::string_view code);
// The status after `event`: kConflict (field status) unless the plan is active.
Result<PlanStatus> NextPlanStatus(PlanStatus from, PlanEvent event);

// Whether `missed` instalments break a plan under `rules` (never when broken_after_missed is 0).
bool PlanIsBroken(int missed, const PlanRules& rules);

struct Instalment {
  int number = 0;  // 1..N
  CivilDate due_on;
  int64_t amount_cents = 0;
};

// The day `months` months after `first`, on the same day of the month or the month's last day.
CivilDate AddMonthsClamped(CivilDate first, int months);

// The schedule of `debt_cents` over `months` instalments from `first_due_on`. kInvalid: debt_cents
// (not positive), months (outside 1..max_months), months (an instalment under the minimum).
Result<std::vector<Instalment>> ScheduleOf(int64_t debt_cents, int months, CivilDate first_due_on, const PlanRules& rules);

// Where a running plan stands on `today`, from the debt when it was signed and the ledger's debt
// (arrears) now. An instalment is missed when its due date plus the grace days is before `today`
// and the debt left is above what the schedule allows once it is paid.
struct Adherence {
  int64_t expected_debt_cents = 0;  // debt_at_start minus the instalments past their grace period
  int64_t behind_cents = 0;         // debt_now above expected (0: on track)
  std::optional<int> first_missed;  // the first instalment not covered, when behind
  bool completed = false;           // every instalment due and the debt covered
};
Adherence AdherenceOf(const std::vector<Instalment>& schedule, int64_t debt_at_start_cents, int64_t debt_now_cents,
                      CivilDate today, const PlanRules& rules);

}  // namespace relais::support
