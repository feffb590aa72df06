// The outreach module: a landlord refers a household to a partner (a town social service, CCAS,
// or an association) that works with it and serves the household's commune; while the referral is
// open, the partner's workers see that household (housing_policy HouseholdScope::kReferred).
// Later it holds the call lists (issue 5). ADR 0011.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/db/export_section.h"

namespace relais::http {
class Router;
}

namespace relais::outreach {

struct Referral {
  int64_t id = 0;
  int64_t landlord_id = 0;
  std::string landlord_name;
  int64_t partner_id = 0;
  std::string partner_name;
  int64_t household_id = 0;
  std::string household_name;  // holder's name
  std::string commune_name;    // of the household's building
  std::string reason;          // why the landlord refers (written for the partner)
  bool open = true;
  int64_t opened_at = 0;       // ms since epoch
  std::optional<int64_t> closed_at;
  // The partner's answer: "" (not yet), "accepted" or "declined" (with its reason; it closes).
  std::string response;
  std::string response_reason;
  std::optional<int64_t> responded_at;
  std::string outcome;                    // what the partner did
  std::optional<std::string> consent_on;  // YYYY-MM-DD: the tenant agreed to share with the partner
  std::string consent_given_by;           // who gave the consent (the tenant, a relative...)
};

// The tenant's consent to share their situation with a partner, as the staff records it on the
// referral: the day they agreed and who agreed (the tenant, a relative...).
struct Consent {
  std::optional<CivilDate> on;
  std::string given_by;
};

// The one rule of a referral's consent (issue 5: "sent only with the tenant's recorded consent"),
// whichever way the referral is opened: a day, not after `today`, and who gave it. Returns the
// error naming consent_on or consent_given_by, or nothing when the consent is complete.
std::optional<Error> CheckConsent(const Consent& consent, CivilDate today);

// A partner attached to the actor's landlord.
struct Partner {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> communes;  // INSEE codes served
};

struct ReferralFilter {
  std::optional<bool> open;  // nullopt: both
};

// Each returns kNotFound for a record outside the actor's scope (its landlord's referrals, or
// those made to its partner organisation), kForbidden when its role may not, kInvalid naming the
// field. Opening: the household must be the landlord's, the partner attached to the landlord and
// to the household's commune, the tenant's consent recorded (CheckConsent); one open referral per
// household and partner.
Result<Referral> StaffOpensReferral(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                    int64_t partner_id, const std::string& reason, const Consent& consent);
Result<std::vector<Referral>> ActorListsReferrals(db::Database& db, const auth::Actor& actor,
                                                  const ReferralFilter& f);
Result<Referral> ActorReadsReferral(db::Database& db, const auth::Actor& actor, int64_t id);
// The partner's worker answers a referral not yet answered: accepts it (it stays open, the
// household stays visible) or declines it with a reason (it closes). Then it records what was done
// on an accepted, open referral. The landlord's staff may not (403).
Result<Referral> PartnerAcceptsReferral(db::Database& db, const auth::Actor& actor, int64_t id);
Result<Referral> PartnerDeclinesReferral(db::Database& db, const auth::Actor& actor, int64_t id,
                                         const std::string& reason);
Result<Referral> PartnerRecordsOutcome(db::Database& db, const auth::Actor& actor, int64_t id,
                                       const std::string& outcome);
// Opens a referral in the caller's transaction, with the checks of StaffOpensReferral (the policy
// is the caller's). Returns the referral's id.
Result<int64_t> OpenReferralIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                               int64_t partner_id, const std::string& reason, const Consent& consent);
// Either side closes: the landlord's staff or the partner's worker (its work is done).
Result<Referral> ActorClosesReferral(db::Database& db, const auth::Actor& actor, int64_t id);
Result<std::vector<Partner>> StaffListsPartners(db::Database& db, const auth::Actor& actor);

// The escalations still open that the actor manages (its agencies for an agency-scoped manager),
// oldest first, for the manager's dashboard: a level-3 tenant left unreachable, until a manager
// closes the alert. kNotFound for who may not manage escalations (call_policy.h).
struct OpenEscalation {
  int64_t id = 0;
  std::string member_name;
  int64_t household_id = 0;
  std::string household_reference;
  int64_t agency_id = 0;
  std::string agency_name;
  std::string plan_name;
  std::string unreachable_since;      // YYYY-MM-DD
  int64_t raised_at = 0;              // ms since epoch
  std::optional<std::string> action;  // the action chosen so far, if any
};
Result<std::vector<OpenEscalation>> ManagerListsOpenEscalations(db::Database& db, const auth::Actor& actor);

// ---- Personal data (privacy module, ADR 0010) ----
// Records of the export (platform/db/export_section.h); section codes: vulnerability_profiles,
// vulnerability_factors, calls, call_attempts, escalations, needs, actions, deliveries, tasks, referrals.
using ExportField = db::ExportField;
using ExportRecord = db::ExportRecord;
using ExportSection = db::ExportSection;
// Everything outreach holds about a household of the organisation, for its subject-access
// export, in the caller's transaction (the caller authorises). outreach_privacy.cc.
std::vector<ExportSection> HouseholdOutreachRecords(db::Connection& c, int64_t organisation_id, int64_t household_id);
// Clears the free texts outreach holds about a household being anonymised, in the caller's
// transaction: needs' and tasks' descriptions, call attempts' notes, escalations' outcomes,
// referrals' reason, answer, outcome and who consented, delivery notes (the vulnerability profiles
// are deleted by housing's AnonymiseHousehold). Codes, dates and counts stay (statistics; they
// identify no one once the names are gone).
void AnonymiseHouseholdOutreach(db::Connection& c, int64_t organisation_id, int64_t household_id);
// The records of household `household_id` of `organisation_id` that outreach holds: its members'
// vulnerability profiles (named by the member), calls, escalations, needs, actions, tasks,
// referrals and its timeline whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t organisation_id, int64_t household_id);

// Retention (docs/adr/0023-retention-per-category.md), for the daily job (all organisations).
// A record as the audit trail names it: record_type "outreach_call" (its attempts' notes) or
// "outreach_escalation" (its outcome), or "vulnerability_profile" (id: the member).
struct RetentionRef {
  int64_t organisation_id = 0;
  std::string record_type;
  int64_t id = 0;
};
// retention.outreach_call_months: calls with an attempt made before `before_ms` that has a note,
// closed escalations closed before `before_ms` that have an outcome.
std::vector<RetentionRef> CallsPastRetention(db::Connection& c, int64_t before_ms);
// Clears those texts of `ref` in the caller's transaction (dates, coded outcomes and counts stay,
// as at a household's anonymisation). False when there was nothing left to clear.
bool AnonymiseCallRecordBeforeIn(db::Connection& c, const RetentionRef& ref, int64_t before_ms);
// retention.vulnerability_profile_months: profiles last changed before `before_ms` that still hold
// something to delete (factors, a level set by hand, a consent; or the profile itself).
std::vector<RetentionRef> ProfilesPastRetention(db::Connection& c, int64_t before_ms);
// Deletes the profile and its factors in the caller's transaction; a profile carrying the tenant's
// objection ("ne plus m'appeler") keeps only it, so that it is still honoured. False when nothing changed.
bool DeleteProfileIn(db::Connection& c, const RetentionRef& ref);

// An open referral written as `user_id` of the landlord with the tenant's consent, without checks
// beyond the database's (OpenReferralIn checks first; the demo makes only valid ones). Returns its id.
int64_t InsertReferral(db::Connection& c, int64_t landlord_id, int64_t partner_id, int64_t household_id,
                       const std::string& reason, int64_t user_id, CivilDate consent_on,
                       const std::string& consent_given_by);

// GET/POST /api/v1/referrals, GET /api/v1/referrals/{id}, POST /api/v1/referrals/{id}/close,
// /accept, /decline, /outcome, GET /api/v1/partners.
void RegisterRoutes(http::Router& router, db::Database& db);

}  // namespace relais::outreach
