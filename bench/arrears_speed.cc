// Arrears scan speed (issue 6): the ledgers of a region, 330,000 leases x 24 months (about 18
// million lines: each month's rent and charges, a payment, and the housing benefit paid to the
// landlord for a third of the leases), generated here with a share of households falling
// behind. Times:
//   mem_s     the arrears analysis (AnalyseLedger, then NextActionOf, as the nightly scan does) of
//             every lease from lines held in memory, on one thread;
// With --sqlite FILE (a fresh SQLite file with Relais's schema, db::Migrate, the leases and their
// lines loaded into leases and ledger_lines; not timed):
//   scan_s    the nightly job's own scan, rent::ScanOrganisation (modules/rent/arrears_store.h:
//             the leases' lines read from the covering index ledger_lines_scan and analysed on the
//             calling thread and on a second reader connection), every lease visited;
//   scan1_s   the same on one connection and one thread (rent::ScanSituations, the single scan);
//             scan_cpu_s and scan1_cpu_s: the CPU time of the process (all threads) for each;
//   nightly_s the whole nightly job, rent::ComputeEveryOrganisation: the scan then the situations
//             of the leases in arrears written into arrears_situations;
//   sql_s     the same figures (balance, arrears past the payment term, months of residual rent,
//             first unpaid due date) computed by one SQL query with window functions, rows read
//             back by the client;
// With --postgres URL (an empty database: migrated, then the same rows loaded by COPY; not timed):
//   pg_scan_s, pg_scan1_s, pg_nightly_s and pg_sql_s, the same on PostgreSQL.
// Prints one line of key=value figures for bench/run, with the totals of each way (they must be
// the same); asserts nothing. --reuse keeps a SQLite file loaded by an earlier run with the same
// --leases and --seed (the load takes minutes), migrated first if an older build made it
// (migrate_s); --no-sql leaves the SQL query out (sql_s 0).
//   relais_bench_arrears [--leases N] [--seed N] [--sqlite FILE [--reuse]] [--postgres URL] [--no-sql]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "modules/rent/arrears_clock.h"
#include "modules/rent/arrears_rules.h"
#include "modules/rent/arrears_store.h"
#include "modules/rent/ledger.h"
#include "platform/db/db.h"
#include "platform/db/migrate.h"

using namespace relais;
using namespace relais::rent;

namespace {

constexpr int kMonths = 24;
const CivilDate kToday{2026, 11, 20};

struct Lease {
  LeaseTerms terms;
  size_t first = 0, end = 0;  // its lines in the arrays below
};
struct Lines {
  std::vector<int32_t> day;      // days since 1970
  std::vector<int64_t> amount;   // signed cents
  std::vector<uint8_t> kind;     // LineKind
};

double Seconds(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

struct Totals {
  int64_t leases = 0, in_arrears = 0, arrears = 0, balance = 0, with_step = 0;
};

// The nightly analysis of one lease, as ScanSituations does it.
void Analyse(const std::vector<LedgerLine>& lines, const LeaseTerms& t, const ArrearsRules& r, Totals& totals) {
  const ArrearsFacts f = AnalyseLedger(lines, t, kToday, r);
  ++totals.leases;
  totals.balance += f.balance_cents;
  if (f.arrears_cents > 0) {
    ++totals.in_arrears;
    totals.arrears += f.arrears_cents;
    if (NextActionOf(f, t, {}, kToday, r, {}, {})) ++totals.with_step;
  }
}

std::string Line(const char* prefix, const Totals& t) {
  char buf[256];
  std::snprintf(buf, sizeof buf, " %s_leases=%lld %s_in_arrears=%lld %s_arrears_cents=%lld %s_balance_cents=%lld", prefix,
                static_cast<long long>(t.leases), prefix, static_cast<long long>(t.in_arrears), prefix,
                static_cast<long long>(t.arrears), prefix, static_cast<long long>(t.balance));
  return buf;
}

// The nightly job's scan of the organisation (ScanOrganisation: two connections, two threads),
// or the single scan (ScanSituations) when `single`; each lease's situation added up.
Totals ScanDatabase(db::Database& db, const ClockSettings& s, bool single) {
  Totals totals;
  const auto add = [&](const Situation& sit) {
    ++totals.leases;
    totals.balance += sit.facts.balance_cents;
    if (sit.facts.arrears_cents > 0) {
      ++totals.in_arrears;
      totals.arrears += sit.facts.arrears_cents;
      if (sit.next) ++totals.with_step;
    }
  };
  db.Read([&](db::Connection& c) {
    return single ? ScanSituations(c, 1, kToday, s, add) : ScanOrganisation(db, c, 1, kToday, s, add);
  });
  return totals;
}

// The same figures as one SQL query (both engines): balance, arrears (charges past the payment
// term not covered by all credits), months of residual rent, the first unpaid due date (the
// first charge whose running total of charges exceeds the credits).
Totals QueryDatabase(db::Database& db, const ArrearsRules& r) {
  // Dates are stored as day numbers since 1970 (ledger_lines.line_day, ADR 0022).
  const int64_t cutoff = StoredDayOf(AddDays(kToday, -r.payment_term_days - 1));
  const std::string sql =
      "WITH l AS (SELECT lease_id, line_day, amount_cents, "
      "SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) OVER (PARTITION BY lease_id ORDER BY line_day, "
      "id ROWS UNBOUNDED PRECEDING) AS cum_debit, "
      "SUM(CASE WHEN amount_cents < 0 THEN -amount_cents ELSE 0 END) OVER (PARTITION BY lease_id) AS credits "
      "FROM ledger_lines WHERE organisation_id = 1 AND line_day <= ?), "
      "a AS (SELECT lease_id, SUM(amount_cents) AS balance, "
      "SUM(CASE WHEN amount_cents > 0 AND line_day <= ? THEN amount_cents ELSE 0 END) - MAX(credits) AS late, "
      "MIN(CASE WHEN amount_cents > 0 AND cum_debit > credits AND line_day <= ? THEN line_day END) AS since "
      "FROM l GROUP BY lease_id), "
      "b AS (SELECT id AS lease_id, rent_cents + charges_cents - CASE WHEN benefit_paid_to_landlord = 1 "
      "THEN housing_benefit_cents ELSE 0 END AS residual FROM leases WHERE organisation_id = 1 AND end_date IS NULL) "
      "SELECT a.lease_id, a.balance, CASE WHEN a.late > 0 THEN a.late ELSE 0 END, "
      "CASE WHEN a.late > 0 AND b.residual > 0 THEN a.late * 100 / b.residual ELSE 0 END, "
      "CASE WHEN a.late > 0 THEN a.since END FROM a JOIN b ON b.lease_id = a.lease_id";
  Totals totals;
  db.Read([&](db::Connection& c) {
    c.Query(sql, {db::P(StoredDayOf(kToday)), db::P(cutoff), db::P(cutoff)}, [&](const db::Row& row) {
      ++totals.leases;
      totals.balance += row.Int(1);
      const int64_t arrears = row.Int(2);
      if (arrears > 0) {
        ++totals.in_arrears;
        totals.arrears += arrears;
      }
    });
    return 0;
  });
  return totals;
}

// Relais's schema (db::Migrate) and one landlord: a building per 100 leases, a dwelling, a
// household and a current lease per lease (ids 1..N), and every line in ledger_lines (a payment
// by transfer). The foreign keys are not checked during the load (SQLite: the pragma off;
// PostgreSQL: session_replication_role = replica, which the bench's own server allows).
void Load(db::Database& db, const std::vector<Lease>& leases, const Lines& lines) {
  db::Migrate(db);
  const bool sqlite = db.dialect() == db::Dialect::kSqlite;
  auto lease = db.Acquire(true);
  db::Connection& c = **lease;
  if (sqlite) {
    c.ExecScript("PRAGMA foreign_keys=OFF");
  } else {
    c.ExecScript("SET session_replication_role = replica");
  }
  c.SetCacheBytes(int64_t{1} << 30);
  c.Begin(true);
  c.Exec("INSERT INTO organisations (id, name, siren, created_at) VALUES (1, 'Bailleur du banc d''essai', '000000018', 0)");
  // One table after the other: PostgreSQL has one COPY open at a time on a connection.
  auto buildings = c.Bulk("buildings", {"id", "organisation_id", "reference", "street", "commune_insee", "updated_at"});
  for (size_t k = 0; k < leases.size(); k += 100) {
    const int64_t building = 1 + static_cast<int64_t>(k / 100);
    buildings->Add({db::P(building), db::P(int64_t{1}), db::P("BAT-" + std::to_string(building)),
                    db::P("1 rue des Lilas"), db::P("14118"), db::P(int64_t{0})});
  }
  buildings->Finish();
  auto dwellings = c.Bulk("dwellings", {"id", "organisation_id", "building_id", "reference", "rooms", "surface_cm2",
                                        "financing", "rent_cents", "charges_cents", "updated_at"});
  for (size_t k = 0; k < leases.size(); ++k) {
    const int64_t id = static_cast<int64_t>(k + 1);
    dwellings->Add({db::P(id), db::P(int64_t{1}), db::P(1 + static_cast<int64_t>(k / 100)),
                    db::P("LGT-" + std::to_string(id)), db::P(2), db::P(4500), db::P("PLUS"),
                    db::P(leases[k].terms.rent_cents), db::P(leases[k].terms.charges_cents), db::P(int64_t{0})});
  }
  dwellings->Finish();
  auto homes = c.Bulk("households", {"id", "organisation_id", "reference", "dwelling_id", "updated_at"});
  for (size_t k = 0; k < leases.size(); ++k) {
    const int64_t id = static_cast<int64_t>(k + 1);
    homes->Add({db::P(id), db::P(int64_t{1}), db::P("TEN-" + std::to_string(id)), db::P(id), db::P(int64_t{0})});
  }
  homes->Finish();
  auto terms = c.Bulk("leases", {"id", "organisation_id", "household_id", "dwelling_id", "start_date", "rent_cents",
                                 "charges_cents", "housing_benefit_cents", "benefit_paid_to_landlord"});
  for (size_t k = 0; k < leases.size(); ++k) {
    const int64_t id = static_cast<int64_t>(k + 1);
    const LeaseTerms& t = leases[k].terms;
    terms->Add({db::P(id), db::P(int64_t{1}), db::P(id), db::P(id), db::P(FormatIso(t.signed_on)), db::P(t.rent_cents),
                db::P(t.charges_cents), db::P(t.benefit_cents), db::P(t.benefit_paid_to_landlord)});
  }
  terms->Finish();
  auto bulk = c.Bulk("ledger_lines",
                     {"id", "organisation_id", "lease_id", "reference", "line_day", "kind_code", "method", "amount_cents",
                      "created_at"});
  int64_t id = 0;
  for (size_t k = 0; k < leases.size(); ++k) {
    for (size_t i = leases[k].first; i < leases[k].end; ++i) {
      const auto kind = static_cast<LineKind>(lines.kind[i]);
      bulk->Add({db::P(++id), db::P(int64_t{1}), db::P(static_cast<int64_t>(k + 1)), db::P("L" + std::to_string(id)),
                 db::P(int64_t{lines.day[i]}), db::P(StoredKindOf(kind)),
                 kind == LineKind::kPayment ? db::P("transfer") : db::P(nullptr), db::P(lines.amount[i]),
                 db::P(int64_t{0})});
    }
  }
  bulk->Finish();
  c.Commit();
  if (sqlite) {
    c.ExecScript("PRAGMA foreign_keys=ON; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
  } else {
    c.ExecScript("SET session_replication_role = DEFAULT");
    c.ExecScript("VACUUM ANALYZE");  // the visibility map, for index-only scans
  }
  c.SetCacheBytes(2 << 20);
}

// Times each way on an engine; prints `prefix`scan_s... and the totals.
void RunOn(db::Database& db, const std::string& prefix, const ArrearsRules& rules, bool with_sql) {
  ClockSettings settings;
  settings.rules = rules;
  const auto cpu = [](std::clock_t from) { return static_cast<double>(std::clock() - from) / CLOCKS_PER_SEC; };
  auto t0 = std::chrono::steady_clock::now();
  auto c0 = std::clock();
  const Totals scan = ScanDatabase(db, settings, false);
  const double scan_s = Seconds(t0), scan_cpu_s = cpu(c0);
  t0 = std::chrono::steady_clock::now();
  c0 = std::clock();
  const Totals scan1 = ScanDatabase(db, settings, true);
  const double scan1_s = Seconds(t0), scan1_cpu_s = cpu(c0);
  t0 = std::chrono::steady_clock::now();
  const ComputeCounts nightly = ComputeEveryOrganisation(db, kToday, settings);
  const double nightly_s = Seconds(t0);
  t0 = std::chrono::steady_clock::now();
  const Totals sql = with_sql ? QueryDatabase(db, rules) : Totals{};
  const double sql_s = Seconds(t0);
  std::printf(" %sscan_s=%.3f %sscan_cpu_s=%.3f %sscan1_s=%.3f %sscan1_cpu_s=%.3f %snightly_s=%.3f %ssql_s=%.3f%s%s%s "
              "%snightly_leases=%lld %snightly_with_step=%lld %sscan_with_step=%lld",
              prefix.c_str(), scan_s, prefix.c_str(), scan_cpu_s, prefix.c_str(), scan1_s, prefix.c_str(), scan1_cpu_s,
              prefix.c_str(), nightly_s, prefix.c_str(), sql_s,
              Line((prefix + "scan").c_str(), scan).c_str(), Line((prefix + "scan1").c_str(), scan1).c_str(),
              Line((prefix + "sql").c_str(), sql).c_str(), prefix.c_str(), static_cast<long long>(nightly.leases),
              prefix.c_str(), static_cast<long long>(nightly.with_step), prefix.c_str(),
              static_cast<long long>(scan.with_step));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  long long count = 330'000;
  unsigned seed = 1;
  std::string sqlite, postgres;
  bool reuse = false, with_sql = true;
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--reuse" || flag == "--no-sql") {
      (flag == "--reuse" ? reuse : with_sql) = flag == "--reuse";
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s: %s needs a value\n", argv[0], flag.c_str());
      return 2;
    }
    if (flag == "--leases") count = std::atoll(argv[i + 1]);
    else if (flag == "--seed") seed = static_cast<unsigned>(std::atoll(argv[i + 1]));
    else if (flag == "--sqlite") sqlite = argv[i + 1];
    else if (flag == "--postgres") postgres = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--leases N] [--seed N] [--sqlite FILE [--reuse]] [--postgres URL] [--no-sql]\n",
                   argv[0]);
      return 2;
    }
  }
  // Generation (not timed): rents of 250 to 700 €, a third with benefit paid to the landlord; 8 %
  // fall behind during months 9 to 14 (half of them catch up), 3 % stopped paying recently.
  std::mt19937_64 rng(seed);
  std::vector<Lease> leases(static_cast<size_t>(count));
  Lines lines;
  const size_t expected = static_cast<size_t>(count) * kMonths * 7 / 3;
  lines.day.reserve(expected);
  lines.amount.reserve(expected);
  lines.kind.reserve(expected);
  const CivilDate first = AddMonths({kToday.year, kToday.month, 1}, -(kMonths - 1));
  auto add = [&](CivilDate d, LineKind k, int64_t amount) {
    if (d > kToday) return;
    lines.day.push_back(static_cast<int32_t>(DaysFromCivil(d)));
    lines.amount.push_back(amount);
    lines.kind.push_back(static_cast<uint8_t>(k));
  };
  for (auto& l : leases) {
    l.terms.signed_on = {2015 + static_cast<int>(rng() % 10), 1 + static_cast<int>(rng() % 12), 1};
    l.terms.rent_cents = 25000 + static_cast<int64_t>(rng() % 45000);
    l.terms.charges_cents = 2000 + static_cast<int64_t>(rng() % 8000);
    l.terms.benefit_paid_to_landlord = rng() % 3 == 0;
    l.terms.benefit_cents = l.terms.benefit_paid_to_landlord ? l.terms.rent_cents / 2 : 0;
    const int64_t residual = ResidualRent(l.terms);
    const uint64_t profile = rng() % 100;
    l.first = lines.day.size();
    for (int m = 0; m < kMonths; ++m) {
      const CivilDate month = AddMonths(first, m);
      add(month, LineKind::kRent, l.terms.rent_cents + l.terms.charges_cents);
      if (l.terms.benefit_paid_to_landlord) add({month.year, month.month, 5}, LineKind::kHousingBenefit, -l.terms.benefit_cents);
      int64_t pay = residual;
      if (profile < 8 && m >= 9 && m <= 14) pay = (rng() % 2) ? 0 : residual / 2;
      if (profile < 4 && m > 14) pay = residual + residual / 4;  // catching up
      if (profile >= 8 && profile < 11 && m >= kMonths - 3) pay = 0;
      if (pay > 0) add({month.year, month.month, 2 + static_cast<int>(rng() % 9)}, LineKind::kPayment, -pay);
    }
    l.end = lines.day.size();
  }
  const ArrearsRules rules;

  // In memory.
  Totals mem;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<LedgerLine> buffer;
  for (const auto& l : leases) {
    buffer.clear();
    for (size_t i = l.first; i < l.end; ++i) {
      LedgerLine x;
      x.date = CivilFromDays(lines.day[i]);
      x.amount_cents = lines.amount[i];
      x.kind = static_cast<LineKind>(lines.kind[i]);
      buffer.push_back(std::move(x));
    }
    Analyse(buffer, l.terms, rules, mem);
  }
  const double mem_s = Seconds(t0);
  std::printf("RESULT leases=%lld lines=%zu mem_s=%.3f%s", count, lines.day.size(), mem_s, Line("mem", mem).c_str());
  std::fflush(stdout);

  if (!sqlite.empty()) {
    if (!reuse)
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((sqlite + suffix).c_str());
    auto db = db::Database::Open("sqlite://" + sqlite, 2);
    if (!reuse) Load(*db, leases, lines);
    // A file loaded by an older build is brought to the current schema first (not timed: printed
    // as migrate_s, e.g. 0054's conversion of the dates and kinds to integers).
    if (reuse) {
      const auto t_migrate = std::chrono::steady_clock::now();
      const auto applied = db::Migrate(*db);
      std::printf(" migrate_s=%.3f migrations_applied=%zu", Seconds(t_migrate), applied.size());
      if (!applied.empty()) {  // as Load leaves a fresh file: checkpointed, with statistics
        auto lease = db->Acquire(true);
        (**lease).ExecScript("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
      }
    }
    RunOn(*db, "", rules, with_sql);
  }
  if (!postgres.empty()) {
    auto db = db::Database::Open(postgres, 3);  // the nightly job's writer and two readers
    Load(*db, leases, lines);
    RunOn(*db, "pg_", rules, with_sql);
  }
  std::printf(" mem_with_step=%lld\n", static_cast<long long>(mem.with_step));
  return 0;
}
