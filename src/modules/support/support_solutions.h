// Guarantee claims and the other solutions of support cases (issue 6, migration 0039, ADR 0019).
// Guarantee claims (Visale, Loca-Pass): eligibility from the lease's ledger and guarantee_rules.h,
// the formal-notice deadline shown, the claim file pre-filled (PDF), sent (the case is referred),
// each payment posted to the ledger as a guarantee_payment line, closed with an outcome (the case
// resumes when nothing else is pending). Other solutions (Action Logement aid, housing-benefit
// review, referral to a social worker) are recorded with their outcome; an Action Logement aid
// granted and paid to the landlord is posted as an other_aid line. Authorised by support_policy,
// scoped to the organisation, one transaction with its audit entry, every step on the timeline.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/rent/arrears_rules.h"
#include "modules/support/guarantee_rules.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/db/db.h"

namespace relais::support {

// Action Logement's 2020 aid for employees in difficulty: 150 EUR a month for at most 2 months (6
// after a job loss), one per household. Source: DOMAIN.md §3, as of 2026-11-28 (support.* keys).
struct AidRules {
  int64_t action_logement_monthly_cents = 15000;  // support.action_logement_monthly_cents
  int action_logement_months = 2;                  // support.action_logement_months
  int action_logement_job_loss_months = 6;         // support.action_logement_job_loss_months
};

struct SolutionRules {
  rent::ArrearsRules arrears;  // the rent module's ([rent] keys): one Visale rule
  GuaranteeRules guarantee;
  AidRules aid;
  int grace_days = 10;         // the debt of the claim: ArrearsOf as the payment plan
};

struct GuaranteePayment {
  int64_t id = 0;
  CivilDate paid_on;
  int64_t amount_cents = 0;
  int64_t ledger_line_id = 0;
};

struct GuaranteeClaim {
  int64_t id = 0;
  int64_t lease_id = 0;
  std::string guarantee;  // visale, loca_pass
  std::string guarantee_reference;
  std::optional<CivilDate> obtained_on;
  bool student = false;
  int64_t debt_cents = 0;
  std::optional<CivilDate> first_unpaid_on, notice_deadline, notice_sent_on, claim_from;
  int64_t max_claim_cents = 0;
  int64_t rent_cents = 0, charges_cents = 0, housing_benefit_cents = 0;
  std::string status;   // prepared, sent, closed
  std::string outcome;  // settled, refused, withdrawn; "" until closed
  CivilDate prepared_on;
  std::optional<CivilDate> sent_on, closed_on;
  std::vector<GuaranteePayment> payments;
  int64_t paid_cents = 0;
};

struct OtherSolution {
  int64_t id = 0;
  std::string kind;  // action_logement, benefit_review, social_worker
  CivilDate started_on;
  std::string detail;
  std::string outcome;  // pending, granted, refused, done, declined
  std::optional<CivilDate> outcome_on;
  std::string outcome_note;
  std::optional<int64_t> amount_cents;
  std::optional<CivilDate> paid_on;
  std::optional<int64_t> ledger_line_id;
};

struct CaseSolutions {
  // Today's eligibility of the household's current lease (none without a lease in force). The
  // Loca-Pass one lacks the guarantee's date until a claim gives it.
  std::optional<Eligibility> visale, loca_pass;
  std::vector<GuaranteeClaim> claims;   // newest first
  std::vector<OtherSolution> others;    // newest first
  // For the documents.
  std::string household_name, household_reference, organisation_name, officer_name;
};

// Officers and managers; kNotFound/kForbidden as for the case.
Result<CaseSolutions> StaffReadsCaseSolutions(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                              int64_t case_id, CivilDate today);

struct ClaimInput {
  std::string guarantee;
  std::string guarantee_reference;
  std::optional<CivilDate> obtained_on;
  bool student = false;
  std::optional<CivilDate> notice_sent_on;
};
// Prepares a claim (officers). kInvalid: guarantee (unknown, or not eligible today: the reasons in
// the message), lease, notice_sent_on / obtained_on (in the future); kConflict: the case is closed,
// or a claim on the same guarantee is in progress.
Result<CaseSolutions> OfficerPreparesGuaranteeClaim(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, const ClaimInput& in,
                                                    CivilDate today);
// The claim sent on `sent_on`: the case moves to referred (stays so if already). kConflict: not prepared.
Result<CaseSolutions> OfficerSendsGuaranteeClaim(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                 int64_t case_id, int64_t claim_id, CivilDate sent_on, CivilDate today);
// A payment of the guarantor, posted to the ledger (CanPostAidPayment). kInvalid amount_cents (not
// positive, beyond the largest claim), paid_on; kConflict: the claim is not sent.
Result<CaseSolutions> OfficerRecordsGuaranteePayment(db::Database& db, const auth::Actor& actor,
                                                     const SolutionRules& rules, int64_t case_id, int64_t claim_id,
                                                     CivilDate paid_on, int64_t amount_cents, CivilDate today);
// Closes a claim: settled, refused, withdrawn. The case resumes when nothing else is pending.
Result<CaseSolutions> OfficerClosesGuaranteeClaim(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                  int64_t case_id, int64_t claim_id, const std::string& outcome,
                                                  CivilDate closed_on, CivilDate today);
// The claim file (A4 PDF, French); kNotFound when not the case's.
Result<std::string> GuaranteeClaimPdf(const CaseSolutions& s, int64_t claim_id);

// Records another solution (pending). kInvalid kind, started_on (future).
Result<CaseSolutions> OfficerRecordsOtherSolution(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                  int64_t case_id, const std::string& kind, CivilDate started_on,
                                                  const std::string& detail, CivilDate today);
// Its outcome: granted / refused (action_logement, benefit_review), done / declined
// (social_worker); an Action Logement aid granted needs its amount, at most the monthly aid times
// 2 months (6 after a job loss), one per household. kInvalid outcome, amount_cents, outcome_on;
// kConflict: the outcome is already recorded.
Result<CaseSolutions> OfficerRecordsSolutionOutcome(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, int64_t solution_id,
                                                    const std::string& outcome, CivilDate outcome_on,
                                                    std::optional<int64_t> amount_cents, bool job_loss,
                                                    const std::string& note, CivilDate today);
// The Action Logement aid paid to the landlord: posted as an other_aid line. kConflict: not a
// granted aid, or already paid.
Result<CaseSolutions> OfficerRecordsSolutionPayment(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, int64_t solution_id,
                                                    CivilDate paid_on, CivilDate today);

// True when the case has a referral awaiting an answer (an FSL file or a guarantee claim sent),
// other than the one given. A referred case resumes only when nothing else is pending.
bool OtherReferralPending(db::Connection& c, int64_t organisation_id, int64_t case_id, const std::string& except_table,
                          int64_t except_id);
// A referral of a referred case was answered (in the caller's write transaction): unless another
// referral is pending, the case leaves "referred" — back to "plan active" when a payment plan
// still runs (case_state.h kStartPlan), else to "in progress" (kResume) — with its timeline entry.
// `except_table` / `except_id` name the referral just answered ("fsl" or "claim").
void ResumeAfterReferral(db::Connection& c, int64_t organisation_id, int64_t case_id, const std::string& state,
                         const std::string& except_table, int64_t except_id, const std::string& text, int64_t user_id,
                         int64_t now);

}  // namespace relais::support
