// The demo ledgers of `relais demo`: 24 months of lines for every current lease of a landlord,
// ending on `today`, deterministic for a seed. Most households pay on time (by direct debit,
// transfer, cheque, cash or card); some pay late some months; during a crisis period (months 9 to
// 14 of the 24) a share falls behind: some catch up after it, some stay in debt, and a few have
// stopped paying in the last months (they are the ones the arrears queue shows first).
#pragma once
#include <cstdint>

#include "platform/core/dates.h"
#include "platform/db/db.h"

namespace relais::rent {

struct DemoLedgerCounts {
  int64_t leases = 0;
  int64_t lines = 0;
  int64_t in_arrears = 0;  // leases whose balance on `today` is positive
};
// Writes the lines in the caller's write transaction (bulk loader). References "DEMO-<lease>-..."
// are unique per organisation. The crisis period's first and last day are those of months 9 and
// 14 (0 = the first of the 24 months).
DemoLedgerCounts MakeDemoLedgers(db::Connection& c, int64_t organisation_id, CivilDate today, uint64_t seed);

// The first month of the 24 months of demo ledgers ending with today's month, and the crisis
// period of the demo data (first day of month 9, last day of month 14).
CivilDate DemoLedgerStart(CivilDate today);
CivilDate DemoCrisisStart(CivilDate today);
CivilDate DemoCrisisEnd(CivilDate today);

}  // namespace relais::rent
