// Arrears scan speed (issue 6): the ledgers of a region, 330,000 leases x 24 months (about 18
// million lines: each month's rent and charges, a payment, and the housing benefit paid to the
// landlord for a third of the leases), generated here with a share of households falling
// behind. Times, on one thread:
//   mem_s     the arrears analysis (AnalyseLedger, then NextActionOf, as the nightly scan does) of
//             every lease from lines held in memory;
// With --sqlite FILE (the lines written into a fresh SQLite file with the schema's covering
// index; not timed):
//   scan_s    the same analysis reading the lines from SQLite in one ordered scan of the index;
//   sql_s     the same figures (balance, arrears past the payment term, months of residual rent,
//             first unpaid due date) computed by one SQL query with window functions, rows read
//             back by the client;
// With --postgres URL (the lines loaded by COPY into table bench_ledger_lines; not timed):
//   pg_scan_s and pg_sql_s, the same two on PostgreSQL.
// Prints one line of key=value figures for bench/run, with the totals of each way (they must be
// the same); asserts nothing.
//   relais_bench_arrears [--leases N] [--seed N] [--sqlite FILE] [--postgres URL]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "modules/rent/arrears_clock.h"
#include "modules/rent/arrears_rules.h"
#include "platform/db/db.h"

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

// One ordered scan of a database's lines, analysed lease by lease.
Totals ScanDatabase(db::Database& db, const std::string& table, const std::vector<Lease>& leases,
                    const ArrearsRules& r) {
  Totals totals;
  db.Read([&](db::Connection& c) {
    std::vector<LedgerLine> lines;
    int64_t current = -1;
    auto flush = [&] {
      if (current > 0) Analyse(lines, leases[static_cast<size_t>(current - 1)].terms, r, totals);
      lines.clear();
    };
    c.Query("SELECT lease_id, line_date, amount_cents, kind FROM " + table +
                " WHERE organisation_id = 1 AND line_date <= ? ORDER BY lease_id, line_date",
            {db::P(FormatIso(kToday))}, [&](const db::Row& row) {
              const int64_t lease = row.Int(0);
              if (lease != current) {
                flush();
                current = lease;
              }
              const auto d = row.Text(1);
              LedgerLine l;
              l.date = {(d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0'),
                        (d[5] - '0') * 10 + (d[6] - '0'), (d[8] - '0') * 10 + (d[9] - '0')};
              l.amount_cents = row.Int(2);
              l.kind = LineKindOf(row.Text(3)).value_or(LineKind::kAdjustment);
              lines.push_back(std::move(l));
            });
    flush();
    return 0;
  });
  return totals;
}

// The same figures as one SQL query (both engines): balance, arrears (charges past the payment
// term not covered by all credits), months of residual rent, the first unpaid due date (the
// first charge whose running total of charges exceeds the credits).
Totals QueryDatabase(db::Database& db, const std::string& table, const ArrearsRules& r) {
  const std::string cutoff = FormatIso(AddDays(kToday, -r.payment_term_days - 1));
  const std::string sql =
      "WITH l AS (SELECT lease_id, line_date, amount_cents, "
      "SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) OVER (PARTITION BY lease_id ORDER BY line_date, "
      "id ROWS UNBOUNDED PRECEDING) AS cum_debit, "
      "SUM(CASE WHEN amount_cents < 0 THEN -amount_cents ELSE 0 END) OVER (PARTITION BY lease_id) AS credits "
      "FROM " + table + " WHERE organisation_id = 1 AND line_date <= ?), "
      "a AS (SELECT lease_id, SUM(amount_cents) AS balance, "
      "SUM(CASE WHEN amount_cents > 0 AND line_date <= ? THEN amount_cents ELSE 0 END) - MAX(credits) AS late, "
      "MIN(CASE WHEN amount_cents > 0 AND cum_debit > credits AND line_date <= ? THEN line_date END) AS since "
      "FROM l GROUP BY lease_id) "
      "SELECT a.lease_id, a.balance, CASE WHEN a.late > 0 THEN a.late ELSE 0 END, "
      "CASE WHEN a.late > 0 AND b.residual > 0 THEN a.late * 100 / b.residual ELSE 0 END, "
      "CASE WHEN a.late > 0 THEN a.since END FROM a JOIN bench_leases b ON b.lease_id = a.lease_id";
  Totals totals;
  db.Read([&](db::Connection& c) {
    c.Query(sql, {db::P(FormatIso(kToday)), db::P(cutoff), db::P(cutoff)}, [&](const db::Row& row) {
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

void Load(db::Database& db, const std::string& table, const std::vector<Lease>& leases, const Lines& lines) {
  db.Write([&](db::Connection& c) {
    c.SetCacheBytes(int64_t{1} << 30);
    c.ExecScript("DROP TABLE IF EXISTS " + table + "; DROP TABLE IF EXISTS bench_leases;");
    // The columns and the covering index of migration 0030 (without the foreign keys).
    c.ExecScript("CREATE TABLE " + table +
                 " (id BIGINT NOT NULL, organisation_id BIGINT NOT NULL, lease_id BIGINT NOT NULL, "
                 "line_date TEXT NOT NULL, kind TEXT NOT NULL, amount_cents BIGINT NOT NULL); "
                 "CREATE TABLE bench_leases (lease_id BIGINT PRIMARY KEY, residual BIGINT NOT NULL);");
    auto bulk = c.Bulk(table, {"id", "organisation_id", "lease_id", "line_date", "kind", "amount_cents"});
    int64_t id = 0;
    for (size_t k = 0; k < leases.size(); ++k) {
      for (size_t i = leases[k].first; i < leases[k].end; ++i) {
        bulk->Add({db::P(++id), db::P(int64_t{1}), db::P(static_cast<int64_t>(k + 1)),
                   db::P(FormatIso(CivilFromDays(lines.day[i]))),
                   db::P(CodeOf(static_cast<LineKind>(lines.kind[i]))), db::P(lines.amount[i])});
      }
    }
    bulk->Finish();
    auto terms = c.Bulk("bench_leases", {"lease_id", "residual"});
    for (size_t k = 0; k < leases.size(); ++k)
      terms->Add({db::P(static_cast<int64_t>(k + 1)), db::P(ResidualRent(leases[k].terms))});
    terms->Finish();
    c.ExecScript("CREATE INDEX " + table + "_scan ON " + table +
                 " (organisation_id, lease_id, line_date, amount_cents, kind)");
    return 0;
  });
}

}  // namespace

int main(int argc, char** argv) {
  long long count = 330'000;
  unsigned seed = 1;
  std::string sqlite, postgres;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--leases") count = std::atoll(argv[i + 1]);
    else if (flag == "--seed") seed = static_cast<unsigned>(std::atoll(argv[i + 1]));
    else if (flag == "--sqlite") sqlite = argv[i + 1];
    else if (flag == "--postgres") postgres = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--leases N] [--seed N] [--sqlite FILE] [--postgres URL]\n", argv[0]);
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

  if (!sqlite.empty()) {
    std::remove(sqlite.c_str());
    auto db = db::Database::Open("sqlite://" + sqlite, 2);
    Load(*db, "bench_ledger_lines", leases, lines);
    t0 = std::chrono::steady_clock::now();
    const Totals scan = ScanDatabase(*db, "bench_ledger_lines", leases, rules);
    const double scan_s = Seconds(t0);
    t0 = std::chrono::steady_clock::now();
    const Totals sql = QueryDatabase(*db, "bench_ledger_lines", rules);
    const double sql_s = Seconds(t0);
    std::printf(" scan_s=%.3f sql_s=%.3f%s%s", scan_s, sql_s, Line("scan", scan).c_str(), Line("sql", sql).c_str());
  }
  if (!postgres.empty()) {
    auto db = db::Database::Open(postgres, 2);
    Load(*db, "bench_ledger_lines", leases, lines);
    db->Write([](db::Connection& c) {
      c.ExecScript("ANALYZE bench_ledger_lines; ANALYZE bench_leases;");
      return 0;
    });
    t0 = std::chrono::steady_clock::now();
    const Totals scan = ScanDatabase(*db, "bench_ledger_lines", leases, rules);
    const double scan_s = Seconds(t0);
    t0 = std::chrono::steady_clock::now();
    const Totals sql = QueryDatabase(*db, "bench_ledger_lines", rules);
    const double sql_s = Seconds(t0);
    std::printf(" pg_scan_s=%.3f pg_sql_s=%.3f%s%s", scan_s, sql_s, Line("pg_scan", scan).c_str(),
                Line("pg_sql", sql).c_str());
  }
  std::printf("\n");
  return 0;
}
