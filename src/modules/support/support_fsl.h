// Referrals of support cases to the FSL (issue 6, migration 0038, docs/adr/0019-support-solutions.md).
// The officer prepares the file from the household and the ledger (composition, debt, rent and
// charges, housing benefit) plus the resources the household declared; prints it as PDF; records
// it as sent (the case moves to "referred"), then the fund's decision (granted, partial, refused:
// the case resumes) and, once the fund paid the landlord, the payment, posted to the lease's
// ledger as an FSL grant line (modules/rent/ledger.h). Every step is on the case's timeline and
// in the audit trail. The rules of each département are in fsl_rules.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/support/fsl_rules.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/db/db.h"

namespace relais::support {

struct FslMember {
  std::string first_name, last_name;
  std::string relation;  // housing's relation codes: holder, co_holder, spouse, child, other
  std::optional<int> birth_year;
};

struct FslReferralView {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t lease_id = 0;
  FslDepartement departement;  // with its configured rules as of now
  std::string aid_kind;
  std::vector<FslMember> members;
  int household_size = 0;
  int64_t monthly_resources_cents = 0;
  std::string resources_note;
  std::string difficulty;
  ResourceCheck resources;
  int64_t debt_cents = 0, rent_cents = 0, charges_cents = 0, housing_benefit_cents = 0;
  bool benefit_paid_to_landlord = false;
  int64_t requested_cents = 0;
  std::string status;  // prepared, sent, granted, partial, refused, paid
  std::string decision;  // "" until decided
  std::optional<int64_t> granted_cents;
  std::string decision_note;
  CivilDate prepared_on;
  std::optional<CivilDate> sent_on, decided_on, paid_on;
  std::optional<int64_t> ledger_line_id;
  std::string household_name, household_reference, address, organisation_name, officer_name;
};

struct FslInput {
  std::string aid_kind = "arrears";
  int64_t monthly_resources_cents = 0;
  std::string resources_note;
  std::string difficulty;
  std::optional<int64_t> requested_cents;  // default: the debt today
};

// Prepares the case's file (officers), or replaces the one still being prepared. kInvalid: aid_kind,
// monthly_resources_cents (negative), requested_cents (fsl_rules CheckRequest; no debt to default
// to), lease (no lease in force), departement (the dwelling is not in a configured département);
// kConflict: the case is closed, or a referral is already sent and not settled.
Result<FslReferralView> OfficerPreparesFslReferral(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                   int64_t case_id, const FslInput& in, CivilDate today, int grace_days);
// The file was sent to the fund on `sent_on` (not in the future): the case moves to "referred" (it
// stays there if already referred). kConflict: no file prepared, or the case's state refuses.
Result<FslReferralView> OfficerSendsFslReferral(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                int64_t case_id, CivilDate sent_on, CivilDate today);
// The fund's decision (fsl_rules CheckDecision) on `decided_on` (not before the sending nor in the
// future): the case resumes (referred -> in progress). kConflict: no file sent awaiting a decision.
Result<FslReferralView> OfficerRecordsFslDecision(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                  int64_t case_id, const std::string& decision,
                                                  std::optional<int64_t> granted_cents, const std::string& note,
                                                  CivilDate decided_on, CivilDate today);
// The fund paid the landlord on `paid_on`: the granted amount is posted to the lease's ledger as
// an fsl_grant line (reference FSL-<referral id>). kConflict: nothing granted awaits payment.
// Officers only (support_policy CanPostAidPayment).
Result<FslReferralView> OfficerRecordsFslPayment(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                 int64_t case_id, CivilDate paid_on, CivilDate today);
// The case's latest referral (nullopt: none). Officers and managers; kNotFound/kForbidden as for the case.
Result<std::optional<FslReferralView>> StaffReadsFslReferral(db::Database& db, const auth::Actor& actor,
                                                             const FslRules& rules, int64_t case_id);
// The file as a document to send (A4 PDF, French).
Result<std::string> FslReferralPdf(const FslReferralView& r);

}  // namespace relais::support
