// The rent module (issue 6): the rent ledger of each lease (ledger.h: the API other modules use),
// the arrears rules and legal clock (arrears_rules.h, arrears_clock.h), the situations and the
// officers' work queue (arrears_store.h). This header registers its HTTP routes and runs the
// nightly computation.
#pragma once
#include <memory>

#include "modules/rent/arrears_store.h"
#include "modules/rent/ledger.h"
#include "platform/audit/audit.h"
#include "platform/core/periodic_job.h"
#include "platform/db/export_section.h"
#include "platform/http/router.h"

namespace relais::rent {

// GET /api/v1/arrears/queue, POST /api/v1/arrears/compute, GET /api/v1/leases/{id}/arrears
// (audited read of the lease's ledger), POST /api/v1/leases/{id}/arrears/steps.
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const ClockSettings& settings);

// Every landlord's situations once a day, at settings.compute_hour (Europe/Paris) or at the first
// look after it (also after a restart later in the day): a DailyJob; none when compute_hour is -1.
std::unique_ptr<DailyJob> StartNightlyArrears(db::Database& db, ClockSettings settings);

// Personal data (privacy module, ADR 0010), in the caller's transaction; the caller authorises.
// What rent holds about household `household_id` of `org`: its leases' ledger lines, arrears
// situations and legal steps (rent_privacy.cc).
std::vector<db::ExportSection> HouseholdRentRecords(db::Connection& c, int64_t org, int64_t household_id);
// Clears the free texts of an anonymised household's leases: ledger line labels and the notes of
// arrears steps. Amounts, dates, kinds and references stay (the landlord's accounts).
void AnonymiseHouseholdRentIn(db::Connection& c, int64_t org, int64_t household_id);
// The records of household `household_id` of `org` that rent holds: its leases' ledgers (named by
// the lease) and arrears steps whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id);

// Retention of ledger data (retention.ledger_months, docs/adr/0023-retention-per-category.md): a
// lease of any organisation (the daily job) whose ledger has a line label or an arrears step note
// dated before `before` (the day itself is kept).
struct LedgerRef {
  int64_t organisation_id = 0;
  int64_t lease_id = 0;
};
std::vector<LedgerRef> LedgersPastRetention(db::Connection& c, CivilDate before);
// Clears, in the caller's transaction, the labels of the lines and the notes of the steps of
// lease `lease_id` of `org` dated before `before`; amounts, dates, kinds and accounting
// references stay (the landlord's accounts). Returns how many lines and steps changed.
int64_t AnonymiseLedgerBeforeIn(db::Connection& c, int64_t org, int64_t lease_id, CivilDate before);

// Today's civil date in Europe/Paris.
CivilDate TodayInParis();

}  // namespace relais::rent
