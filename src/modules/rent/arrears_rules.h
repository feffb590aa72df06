// The arrears rules of DOMAIN.md §3 as pure functions of a lease's terms, its ledger and a date:
// the balance, the arrears (unpaid charges past the payment term), months of arrears relative to
// the residual rent, when the arrears started, and each legal deadline (CAF/MSA "impayé" report,
// repayment plan window, CCAPEX wait before a summons, payment demand period, winter truce,
// Visale notice and claim). Every amount, threshold and delay is in ArrearsRules, with its dated
// source; no I/O, no clock: "today" is a parameter.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/rent/ledger.h"
#include "platform/core/dates.h"

namespace relais::rent {

// The winter truce that began on 1 November of `from_year` ended on `ends` instead of 31 March.
struct TruceExtension {
  int from_year = 0;
  CivilDate ends;
};

// Every number of the rules, with DOMAIN.md §3's values as defaults (config.h: [rent] keys).
struct ArrearsRules {
  // A monthly charge is unpaid ("impayé") once still not covered this many days after its due
  // date: the lease's payment term, a landlord setting (rent payable by the 10th), not the law.
  int payment_term_days = 10;
  // CAF/MSA "impayé" of housing benefit: debt >= N x (rent + charges - benefit) when the benefit
  // is paid to the landlord, >= N x (rent + charges) when paid to the tenant; to be reported
  // within M months. Source: DOMAIN.md §3 (CCH livre VIII, aides personnelles au logement), as of 2026-11-28.
  int caf_threshold_months = 2;
  int caf_report_months = 2;
  // After the report, the landlord has N months to set up a repayment plan; failing that the CAF
  // refers to the FSL. A debt <= small_debt follows the CAF's own plan (at most 36 months).
  // Source: DOMAIN.md §3 (CCH livre VIII), as of 2026-11-28.
  int repayment_plan_months = 6;
  int64_t caf_small_debt_cents = 10000;
  // The CAF report counts as the CCAPEX referral; a lease-termination summons (assignation) is
  // impossible until N months after it. Source: DOMAIN.md §3 (loi n° 89-462 du 6 juillet 1989, art. 24), as
  // of 2026-11-28.
  int ccapex_wait_months = 2;
  // The payment demand (commandement de payer) gives 6 weeks for leases signed from 28 July 2023
  // (loi n° 2023-668 du 27 juillet 2023), else 2 months. Source: DOMAIN.md §3, as of 2026-11-28.
  CivilDate payment_demand_reform_date{2023, 7, 28};
  int payment_demand_weeks = 6;
  int payment_demand_months_before_reform = 2;
  // Winter truce (trêve hivernale): no eviction enforced from 1 November to 31 March (CPCE art.
  // L.412-6); crisis extensions: the 2019-2020 truce ran to 10 July 2020, the 2020-2021 truce to
  // 31 May 2021. Source: DOMAIN.md §3, as of 2026-11-28.
  int truce_start_month = 11, truce_start_day = 1;
  int truce_end_month = 3, truce_end_day = 31;
  std::vector<TruceExtension> truce_extensions = {{2019, {2020, 7, 10}}, {2020, {2021, 5, 31}}};
  // Visale (Action Logement guarantee): formal notice within 15 days of the first unpaid rent;
  // claim once 2 months are fully unpaid or partial arrears exceed 1 month, net of benefit.
  // Source: DOMAIN.md §3 (Visale conditions), as of 2026-11-28.
  int visale_notice_days = 15;
  int visale_full_months = 2;
  int visale_partial_months = 1;
};

// What the rules need of a lease.
struct LeaseTerms {
  CivilDate signed_on;  // the lease's date (its start when the signature date is unknown)
  int64_t rent_cents = 0;
  int64_t charges_cents = 0;
  int64_t benefit_cents = 0;  // APL/AL per month
  bool benefit_paid_to_landlord = false;
};

// Adds calendar months, keeping the day or clamping it to the month's last day (31 Dec + 2
// months = 28 or 29 Feb).
CivilDate AddMonths(CivilDate d, int months);
CivilDate AddDays(CivilDate d, int64_t days);

// What the tenant pays each month: rent + charges - the benefit paid to the landlord (loyer
// résiduel). Never negative.
int64_t ResidualRent(const LeaseTerms& t);
// The CAF/MSA "impayé" threshold: N x (rent + charges - benefit) when the benefit is paid to the
// landlord, N x (rent + charges) otherwise. 280 + 20 - 50 paid to the landlord: 500.00 €.
int64_t CafThreshold(const LeaseTerms& t, const ArrearsRules& r);
bool ReachesCafThreshold(int64_t debt_cents, const LeaseTerms& t, const ArrearsRules& r);
// Last day to report an impayé reached on `reached` (inclusive).
CivilDate CafReportDeadline(CivilDate reached, const ArrearsRules& r);
// Last day to set up a repayment plan after the report made on `reported` (inclusive).
CivilDate RepaymentPlanDeadline(CivilDate reported, const ArrearsRules& r);
// True when the debt is small enough to follow the CAF's own plan.
bool FollowsCafPlan(int64_t debt_cents, const ArrearsRules& r);
// First day a summons may be served after the CCAPEX referral made on `referred`.
CivilDate EarliestSummons(CivilDate referred, const ArrearsRules& r);
// The last day of the period a payment demand served on `served` gives the tenant: 6 weeks for
// a lease signed from the reform date, else 2 months.
CivilDate PaymentDemandEnds(CivilDate lease_signed, CivilDate served, const ArrearsRules& r);
// True when no eviction may be enforced on `d` (winter truce, with its crisis extensions).
bool InWinterTruce(CivilDate d, const ArrearsRules& r);
// The last day of the truce `d` is in; nullopt when `d` is not in a truce.
std::optional<CivilDate> WinterTruceEnds(CivilDate d, const ArrearsRules& r);
// Last day of the Visale formal notice (mise en demeure) for a first unpaid rent due on `due`.
CivilDate VisaleNoticeDeadline(CivilDate first_unpaid_due, const ArrearsRules& r);
// True when a Visale claim may be made: `full_months` monthly rents fully unpaid, or arrears
// (net of benefit) above the partial months of residual rent.
bool VisaleClaimOpen(int full_months, int64_t arrears_cents, const LeaseTerms& t, const ArrearsRules& r);

// The arrears of a lease on a date, from its ledger (lines in any order; those after `today`
// are ignored). Payments and credits cover the oldest charges first (Code civil art. 1342-10).
struct ArrearsFacts {
  int64_t balance_cents = 0;   // every line up to today: + owed
  int64_t arrears_cents = 0;   // the part of the charges past their payment term still unpaid
  int64_t residual_rent_cents = 0;
  int64_t months_hundredths = 0;  // arrears / residual rent, in hundredths of a month (235 = 2.35)
  std::optional<CivilDate> arrears_since;  // due date of the oldest unpaid charge
  int fully_unpaid_months = 0;  // monthly rents past their term not covered at all
  // The day the arrears reached the CAF threshold (impayé constitué), and the day a Visale claim
  // became possible, in the current episode of arrears (it ends when they are cleared): a debt
  // brought under the threshold for a while by the next benefit or a part payment stays
  // constituted. nullopt when not reached in the current episode.
  std::optional<CivilDate> caf_threshold_since;
  std::optional<CivilDate> visale_claim_since;
};
ArrearsFacts AnalyseLedger(const std::vector<LedgerLine>& lines, const LeaseTerms& t, CivilDate today,
                           const ArrearsRules& r);

}  // namespace relais::rent
