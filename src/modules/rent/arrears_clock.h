// The legal clock of a lease in arrears: which step comes next (amicable reminder, CAF/MSA report
// or CCAPEX referral, repayment plan, payment demand, summons), by when, and why in words
// ("Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11"). A declared crisis
// pauses or pushes back the landlord's reminders and escalations as configured; legal
// obligations (the CAF report, the plan window) keep their dates and the reason says so.
// Pure: the facts (arrears_rules.h), the steps already done, a date and the configuration.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/rent/arrears_rules.h"

namespace relais::rent {

enum class Step {
  kReminder,        // relance amiable: the first letter or call when a rent is unpaid
  kCafReport,       // signalement de l'impayé à la CAF/MSA (benefit recipients; counts as the CCAPEX referral)
  kCcapexReferral,  // saisine de la CCAPEX (commission de coordination des actions de prévention des expulsions), others
  kRepaymentPlan,   // plan d'apurement set up with the household
  kPaymentDemand,   // commandement de payer served by a bailiff (commissaire de justice)
  kSummons,         // assignation en résiliation du bail
};
std::string_view CodeOf(Step s);   // "reminder", "caf_report", ...
std::string_view LabelOf(Step s);  // French: "Relance amiable", "Signalement CAF"...
std::optional<Step> StepOf(std::string_view code);
// The steps in their order on the clock.
const std::vector<Step>& AllSteps();

// The day each step was done in the current episode of arrears (steps done before it started do
// not count: the caller passes only those on or after arrears_since).
struct StepsDone {
  std::optional<CivilDate> reminder, caf_report, ccapex_referral, repayment_plan, payment_demand, summons;
  std::optional<CivilDate>& Of(Step s);
  const std::optional<CivilDate>& Of(Step s) const;
};

// A crisis declared for the lease's place: an outreach crisis plan covering it, or a period of
// the configuration. `until` empty: open-ended.
struct Crisis {
  std::string name;
  CivilDate from;
  std::optional<CivilDate> until;
};
enum class CrisisMode {
  kNone,      // crises change nothing
  kPause,     // reminders and escalations wait until the day after the crisis
  kPostpone,  // they are pushed back by postpone_days after the crisis (or after today, open-ended)
};
struct CrisisPolicy {
  CrisisMode mode = CrisisMode::kPause;
  int postpone_days = 30;
};

struct NextAction {
  Step step = Step::kReminder;
  CivilDate due;            // the deadline ("avant le"), or the first possible day ("à partir du")
  bool not_before = false;  // true: due is the first day the step is possible
  bool escalation = false;  // a landlord's reminder or escalation (a crisis can pause it)
  bool paused = false;      // a crisis holds it: due is then the day it resumes (see crisis_until)
  std::optional<std::string> crisis;  // the crisis in force, when there is one
  std::string reason;       // French, for the queue
};

// The next step for a lease, or nullopt when there are no arrears or nothing left to do (a summons
// served: the court decides). Among the steps open at once (a reminder not yet sent and a CAF
// report due) the one with the nearest date comes first.
// `crises`: those covering the lease (any dates; only one in force on `today` or on the step's
// date matters).
std::optional<NextAction> NextActionOf(const ArrearsFacts& f, const LeaseTerms& t, const StepsDone& done,
                                       CivilDate today, const ArrearsRules& r, const std::vector<Crisis>& crises,
                                       const CrisisPolicy& policy);

// "14/01" (day and month, as the queue says them), "1 234,56 €".
std::string FormatDayMonth(CivilDate d);
std::string FormatEuros(int64_t cents);

}  // namespace relais::rent
