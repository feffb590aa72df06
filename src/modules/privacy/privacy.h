// The privacy module (docs/adr/0010-subject-access-and-anonymisation.md, docs/privacy.md): a
// household's subject-access export (everything Relais holds about it, JSON or PDF), its
// anonymisation by the data protection officer, and the retention job that anonymises households
// whose last lease ended long ago and support cases closed long ago. Records are read through the
// housing module's scoped calls and each module's public export query (outreach, support, rent,
// reception, tenant); the audit entries about the household are read, never changed.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "modules/housing/housing.h"
#include "modules/outreach/outreach.h"
#include "platform/audit/audit.h"
#include "platform/core/periodic_job.h"
#include "platform/db/export_section.h"

namespace relais::privacy {

// One audit entry about the household or one of its records (its support cases, vulnerability
// profiles, appointments, ledgers, calls, tenant account...): who looked at it or changed it, when.
struct AccessEntry {
  int64_t seq = 0;
  int64_t at_ms = 0;
  int64_t user_id = 0;  // 0: the system
  std::string user_name;
  std::string operation;
  std::string record_type;  // "household", "support_case", "appointment"... (modules/audit/audit.h)
  int64_t record_id = 0;
  std::string remote_ip;
};

struct SubjectAccess {
  int64_t generated_at_ms = 0;
  housing::Organisation organisation;
  housing::Household household;
  housing::Dwelling dwelling;
  housing::Building building;
  // Each module's records about the household, one section per kind of record (the JSON groups
  // them under the module's key, the PDF gives each section a French heading):
  // housing: every lease, current and ended, with its dwelling (housing.h: HouseholdHousingRecords);
  std::vector<db::ExportSection> housing;
  // outreach: vulnerability profiles and factors, calls and attempts, escalations, needs, actions,
  // deliveries, tasks, referrals (outreach.h: HouseholdOutreachRecords);
  std::vector<db::ExportSection> outreach;
  // support: cases, timeline, notes, tasks, documents, plans and instalments, FSL files,
  // guarantee claims and payments, other solutions (support.h: HouseholdSupportRecords);
  std::vector<db::ExportSection> support;
  // rent: ledger lines, arrears situations and legal steps (rent.h: HouseholdRentRecords);
  std::vector<db::ExportSection> rent;
  // reception: appointments, waiting list, notices and convocations sent, refusal of SMS
  // (reception.h: HouseholdReceptionRecords);
  std::vector<db::ExportSection> reception;
  // tenant: the tenant account, its sessions and sign-ins (tenant.h: HouseholdTenantRecords).
  std::vector<db::ExportSection> tenant;
  std::vector<AccessEntry> audit_entries;  // oldest first
};

// Everything Relais holds about household `id`: kNotFound outside the actor's organisation,
// kForbidden for other roles than the data protection officer and administrators. The caller
// audits the export (operation "export").
Result<SubjectAccess> OfficerExportsSubjectAccess(db::Database& db, const auth::Actor& actor, int64_t id);
// The export as JSON (api/openapi.yaml: SubjectAccess) and as a PDF document in French.
std::string SubjectAccessJson(const SubjectAccess& s);
Result<std::string> SubjectAccessPdf(const SubjectAccess& s);

// The data protection officer anonymises household `id` for `reason` (required): irreversible,
// audited (operation "anonymise"). kConflict when it already is.
Result<housing::Household> OfficerAnonymisesHousehold(db::Database& db, const auth::Actor& actor, int64_t id,
                                                      const std::string& reason);

// The last day a lease may have ended for its household to be kept: `months` months before `today`.
CivilDate RetentionCutoff(CivilDate today, int months);
// Anonymises, as the system, every household whose last lease ended more than `months` months
// before `today` (retention.household_months); 0 months: nothing. Returns how many.
int64_t AnonymiseDue(db::Database& db, int months, CivilDate today);

// Anonymises, as the system, every closed support case whose follow-up ended more than `months`
// months before `today` (retention.support_case_months; support.h AnonymiseCaseIn); 0 months:
// nothing. Each one audited (operation anonymise, record support_case). Returns how many.
int64_t AnonymiseSupportCasesDue(db::Database& db, int months, CivilDate today);

// Clears, as the system, the ledger texts (line labels, arrears step notes) dated more than `months`
// months before `today` (retention.ledger_months; rent.h AnonymiseLedgerBeforeIn), one transaction
// and one audit entry (anonymise, lease_ledger) per lease; 0 months: nothing. Returns how many leases.
int64_t AnonymiseLedgersDue(db::Database& db, int months, CivilDate today);
// Clears, as the system, the free texts and an applicant's contact of every appointment that ended
// more than `months` months before `today` (retention.appointment_months; reception.h
// AnonymiseAppointmentIn), each audited (anonymise, appointment); 0: nothing. Returns how many.
int64_t AnonymiseAppointmentsDue(db::Database& db, int months, CivilDate today);
// Clears, as the system, the notes of call attempts and the outcomes of closed escalations older
// than `months` months (retention.outreach_call_months), each call and escalation audited
// (anonymise); 0: nothing. Returns how many calls and escalations.
int64_t AnonymiseOutreachCallsDue(db::Database& db, int months, CivilDate today);
// Deletes, as the system, the vulnerability profiles last changed more than `months` months before
// `today` (retention.vulnerability_profile_months; an objection to calls stays), each audited
// (delete, vulnerability_profile); 0: nothing. Returns how many.
int64_t DeleteVulnerabilityProfilesDue(db::Database& db, int months, CivilDate today);

// The retention periods (0: off), and what one run of them did. A record dated before
// RetentionCutoff(today, months) is past its period; one dated on that day is kept.
struct RetentionSettings {
  int household_months = 0;               // retention.household_months
  int support_case_months = 0;            // retention.support_case_months
  int ledger_months = 0;                  // retention.ledger_months (36 in the configuration)
  int appointment_months = 0;             // retention.appointment_months
  int outreach_call_months = 0;           // retention.outreach_call_months
  int vulnerability_profile_months = 0;   // retention.vulnerability_profile_months
  bool any() const {
    return household_months > 0 || support_case_months > 0 || ledger_months > 0 || appointment_months > 0 ||
           outreach_call_months > 0 || vulnerability_profile_months > 0;
  }
};
struct RetentionReport {
  int64_t households = 0;
  int64_t support_cases = 0;
  int64_t ledgers = 0;
  int64_t appointments = 0;
  int64_t outreach_calls = 0;  // calls and escalations
  int64_t vulnerability_profiles = 0;
};
// Every retention rule once, on `today`: households, support cases, ledgers, appointments,
// outreach calls, vulnerability profiles.
RetentionReport RunRetention(db::Database& db, const RetentionSettings& settings, CivilDate today);

// The server's daily run of RunRetention (when a period is set): a minute after the start, then
// every 24 hours, on a thread of its own; stops when destroyed.
class RetentionJob {
 public:
  RetentionJob(db::Database& db, RetentionSettings settings);

 private:
  PeriodicJob job_;
};

// Registers /api/v1/households/{id}/subject-access and /api/v1/households/{id}/anonymise.
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail);

}  // namespace relais::privacy
