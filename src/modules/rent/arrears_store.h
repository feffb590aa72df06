// The arrears situation of every lease, computed from the ledgers (arrears_rules.h) and the legal
// clock (arrears_clock.h), stored each night and on demand, and the use cases of the officers'
// work queue: list the leases whose next step is due (nearest legal date first), read one lease's
// ledger and situation, record a legal step as done. Use cases authorise through rent_policy.h and
// scope every query to the actor's organisation.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/rent/arrears_clock.h"
#include "modules/rent/arrears_rules.h"
#include "modules/rent/ledger.h"
#include "platform/auth/actor.h"
#include "platform/config/config.h"
#include "platform/db/db.h"

namespace relais::rent {

// The configuration of the clock ([rent] keys, docs/operations.md).
struct ClockSettings {
  ArrearsRules rules;
  CrisisPolicy crisis;
  std::vector<Crisis> crisis_periods;  // declared in the configuration, for every lease
  bool crisis_from_plans = true;       // the outreach crisis plans covering a lease count too
  int compute_hour = 2;                // Europe/Paris hour of the nightly computation; -1: on demand only
};
// Reads the [rent] keys. Errors: kInvalid naming the key (a malformed date or period).
Result<ClockSettings> ClockSettingsFrom(const config::Config& cfg);
// "NAME=2020-03-17..2020-05-11;2020-10-30..2020-12-15": crisis periods (the name is optional, the
// end may be left empty for an open-ended period). Errors: kInvalid with field `key`.
Result<std::vector<Crisis>> ParseCrisisPeriods(const std::string& key, const std::string& text);

// The situation of a lease on a day.
struct Situation {
  int64_t lease_id = 0;
  int64_t household_id = 0;
  LeaseTerms terms;
  ArrearsFacts facts;
  int64_t caf_threshold_cents = 0;
  std::optional<NextAction> next;
  std::optional<CivilDate> truce_until;  // the winter truce in force on the day, if any
};

// Computes the situation of each current lease of the organisation on `today` (only `lease_id`
// when given), reading every ledger in one ordered scan; `visit` gets each one, in lease order.
// Read-only. Returns the number of leases scanned.
int64_t ScanSituations(db::Connection& c, int64_t organisation_id, CivilDate today, const ClockSettings& s,
                       const std::function<void(const Situation&)>& visit,
                       std::optional<int64_t> lease_id = std::nullopt);

// How ScanOrganisation shares the work: chunks of `chunk_leases` consecutive leases, analysed on
// up to `threads` connections at once (the caller's and reader connections of the pool).
struct ScanOptions {
  int threads = 2;  // this machine's cores
  size_t chunk_leases = 4096;
};
// The situations of every current lease of the organisation, as ScanSituations computes them,
// with the lines read and analysed on `c` and on reader connections of the pool, taken only when
// the pool lends one without waiting (Database::TryAcquireReader: an idle reader or one it may
// still open; with none, `c` does it all). `visit` is called for each lease in id order, one call
// at a time, from any of these threads. The readers do not see what the caller's transaction on
// `c` wrote: call it before writing anything the scan reads. `c` is the writer (the nightly job)
// or a reader. Returns the number of leases scanned; throws db::DbError as the connections do.
int64_t ScanOrganisation(db::Database& db, db::Connection& c, int64_t organisation_id, CivilDate today,
                         const ClockSettings& s, const std::function<void(const Situation&)>& visit,
                         const ScanOptions& options = {});

struct ComputeCounts {
  int64_t leases = 0;
  int64_t in_arrears = 0;   // stored: a positive balance or arrears
  int64_t with_step = 0;    // in the queue
};
// Replaces the stored situations of the organisation (or of one lease) by those of `today`, in
// the caller's write transaction on `c` (a connection of `db`; the whole organisation is scanned
// by ScanOrganisation). Leases up to date have no row.
ComputeCounts StoreSituations(db::Database& db, db::Connection& c, int64_t organisation_id, CivilDate today,
                              const ClockSettings& s, std::optional<int64_t> lease_id = std::nullopt);
// Every landlord's situations, one transaction per landlord (the nightly job). Returns the totals.
ComputeCounts ComputeEveryOrganisation(db::Database& db, CivilDate today, const ClockSettings& s);

// ---- Use cases -------------------------------------------------------------------------------

struct QueueItem {
  int64_t lease_id = 0;
  int64_t household_id = 0;
  std::string household_reference;
  std::string household_name;
  int64_t balance_cents = 0, arrears_cents = 0, months_hundredths = 0;
  std::optional<std::string> arrears_since;
  Step step = Step::kReminder;
  std::string due;  // YYYY-MM-DD
  bool not_before = false, paused = false;
  std::optional<std::string> crisis;
  std::string reason;
  std::string computed_on;
};
struct QueueFilter {
  std::optional<CivilDate> due_by;  // only steps due on or before this day
  int limit = 50;                   // 1..200
  int offset = 0;
};
struct QueuePage {
  std::vector<QueueItem> items;
  int64_t total = 0;
  std::optional<std::string> computed_on;  // last computation; nullopt: never computed
  std::vector<std::string> crises;         // crises in force for the organisation today
};
// Leases whose next step is set, those in force first by nearest date, then the paused ones.
// kNotFound when the actor may not read arrears.
Result<QueuePage> OfficerListsArrearsQueue(db::Database& db, const auth::Actor& actor, const QueueFilter& f,
                                           CivilDate today, const ClockSettings& s);
// Computes now the organisation's situations (what the night does). kNotFound when not allowed.
Result<ComputeCounts> OfficerComputesArrears(db::Database& db, const auth::Actor& actor, CivilDate today,
                                             const ClockSettings& s);

struct StepRecord {
  int64_t id = 0;
  Step step = Step::kReminder;
  std::string done_on;
  std::string note;
  int64_t recorded_by = 0;
};
struct LeaseArrears {
  Situation situation;
  std::vector<LedgerLine> lines;
  std::vector<StepRecord> steps;
  std::string household_reference, household_name;
};
// A lease's ledger, its situation computed now, and the steps recorded. kNotFound when the lease
// is not the organisation's or the actor may not read arrears.
Result<LeaseArrears> OfficerReadsLeaseArrears(db::Database& db, const auth::Actor& actor, int64_t lease_id,
                                              CivilDate today, const ClockSettings& s);
// The rent part of a household's timeline (the outreach module's TimelineSources): for each
// current lease of household `household_id` with arrears or legal steps recorded, its situation on
// `today` (ScanSituations for that lease: the queue's own computation) and the steps recorded.
// Only for an actor who may read that lease's arrears (CanReadArrears, and the lease in its
// agencies when it has some); for anyone else an empty list, whatever the debt: see the .cc for why
// not even a marker. In the caller's read transaction on `c`; the caller has checked that the
// household is the actor's organisation's.
struct LeaseDebt {
  Situation situation;
  std::vector<StepRecord> steps;
};
std::vector<LeaseDebt> HouseholdDebtFor(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                        CivilDate today, const ClockSettings& s);

// Records a step done on `done_on` (not after today, not before the lease), then recomputes the
// lease's situation. kNotFound (lease / reading), kForbidden (a manager), kInvalid naming the field.
Result<StepRecord> OfficerRecordsArrearsStep(db::Database& db, const auth::Actor& actor, int64_t lease_id,
                                             StepRecord step, CivilDate today, const ClockSettings& s);

}  // namespace relais::rent
