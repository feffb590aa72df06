// Guarantee claims of support cases (issue 6): Visale (Action Logement's free rent guarantee) and
// Loca-Pass (Action Logement's older guarantee for legal-entity landlords). Whether a claim may be
// made, from when, and the deadline of the formal notice (mise en demeure) come from the lease's
// arrears as the rent module analyses them (modules/rent/arrears_rules.h: VisaleNoticeDeadline and
// the visale_claim_since of AnalyseLedger): one rule, one place. What is specific to the guarantees
// (rent cap, months of cover, monthly ceiling) is here, with DOMAIN.md §3's values as dated
// defaults. Pure functions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/rent/arrears_rules.h"
#include "platform/core/dates.h"

namespace relais::support {

enum class Guarantee { kVisale, kLocaPass };
std::string_view CodeOf(Guarantee g);  // "visale", "loca_pass"
std::string_view LabelOf(Guarantee g);  // "Visale", "Loca-Pass"
std::optional<Guarantee> GuaranteeOf(std::string_view code);

// Source: DOMAIN.md §3 (Visale and Loca-Pass conditions), as of 2026-11-28 (support.* keys).
struct GuaranteeRules {
  // Visale: rent (rent + charges) at most 1,300 EUR outside Île-de-France (all of Normandy);
  // cover up to 36 months of unpaid rent (9 for a student in social housing).
  int64_t visale_rent_cap_cents = 130000;  // support.visale_rent_cap_cents
  int visale_cover_months = 36;            // support.visale_cover_months
  int visale_student_cover_months = 9;     // support.visale_student_cover_months
  // Loca-Pass: at most 9 months of rent and charges, 2,000 EUR a month, net of benefit; the
  // guarantee applied for within 2 months of moving in. Whether it is still open to new leases is
  // to be confirmed (DOMAIN.md): Relais only claims on guarantees the landlord already holds.
  int locapass_cover_months = 9;                 // support.locapass_cover_months
  int64_t locapass_monthly_cap_cents = 200000;   // support.locapass_monthly_cap_cents
  int locapass_apply_months = 2;                 // support.locapass_apply_months
};

struct ClaimFacts {
  rent::LeaseTerms terms;
  CivilDate lease_start;
  rent::ArrearsFacts arrears;             // rent::AnalyseLedger of the lease on `today`
  std::optional<CivilDate> obtained_on;   // Loca-Pass: the day the guarantee was granted
  bool student = false;                   // Visale: the tenant is a student
};

// Where a claim stands on `today`.
struct Eligibility {
  bool eligible = false;                       // a claim may be made today
  std::vector<std::string> reasons;            // French, why not (or what to check), in order
  std::optional<CivilDate> first_unpaid_on;    // due date of the oldest unpaid charge
  std::optional<CivilDate> notice_deadline;    // Visale: last day of the formal notice
  std::optional<CivilDate> claim_from;         // Visale: the day a claim became possible
  int64_t max_claim_cents = 0;                 // the most the guarantee covers (months x monthly amount)
};
Eligibility EligibilityOf(Guarantee g, const ClaimFacts& f, const rent::ArrearsRules& arrears_rules,
                          const GuaranteeRules& rules, CivilDate today);

}  // namespace relais::support
