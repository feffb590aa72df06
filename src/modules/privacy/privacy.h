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

// One audit entry about the household: who looked at it or changed it, when.
struct AccessEntry {
  int64_t seq = 0;
  int64_t at_ms = 0;
  int64_t user_id = 0;  // 0: the system
  std::string user_name;
  std::string operation;
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

// The retention periods the DPO set (0: off), and what one run of them did.
struct RetentionSettings {
  int household_months = 0;     // retention.household_months
  int support_case_months = 0;  // retention.support_case_months
  bool any() const { return household_months > 0 || support_case_months > 0; }
};
struct RetentionReport {
  int64_t households = 0;
  int64_t support_cases = 0;
};
// Every retention rule once, on `today`: households, then support cases.
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
