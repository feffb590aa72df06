#include "modules/rent/ledger_demo.h"

#include <string>
#include <vector>

#include "modules/rent/ledger.h"

namespace relais::rent {
namespace {

constexpr int kMonths = 24;
constexpr int kCrisisFirst = 9, kCrisisLast = 14;

// SplitMix64: a good deterministic hash of (seed, lease, salt).
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
uint64_t Hash(uint64_t seed, int64_t lease, uint64_t salt) {
  return Mix(Mix(seed ^ Mix(static_cast<uint64_t>(lease))) ^ salt);
}

CivilDate AddMonths(CivilDate d, int months) {
  int m = d.year * 12 + (d.month - 1) + months;
  return {m / 12, m % 12 + 1, 1};
}

// How a household pays over the 24 months.
enum class Profile { kOnTime, kSometimesLate, kCrisisRecovers, kCrisisStuck, kRecentlyStopped };

Profile ProfileOf(uint64_t h) {
  const uint64_t p = h % 1000;
  if (p < 60) return Profile::kCrisisRecovers;   // 6 %
  if (p < 110) return Profile::kCrisisStuck;     // 5 %
  if (p < 140) return Profile::kRecentlyStopped; // 3 %
  if (p < 200) return Profile::kSometimesLate;   // 6 %
  return Profile::kOnTime;
}

PaymentMethod MethodOf(uint64_t h) {
  const uint64_t p = (h >> 16) % 100;
  if (p < 55) return PaymentMethod::kDirectDebit;
  if (p < 80) return PaymentMethod::kTransfer;
  if (p < 90) return PaymentMethod::kCheque;
  if (p < 95) return PaymentMethod::kCash;
  return PaymentMethod::kCard;
}

}  // namespace

CivilDate DemoLedgerStart(CivilDate today) { return AddMonths(today, -(kMonths - 1)); }
CivilDate DemoCrisisStart(CivilDate today) { return AddMonths(DemoLedgerStart(today), kCrisisFirst); }
CivilDate DemoCrisisEnd(CivilDate today) {
  const CivilDate last = AddMonths(DemoLedgerStart(today), kCrisisLast);
  return {last.year, last.month, DaysInMonth(last.year, last.month)};
}

DemoLedgerCounts MakeDemoLedgers(db::Connection& c, int64_t org, CivilDate today, uint64_t seed) {
  struct LeaseTerms {
    int64_t id = 0;
    CivilDate start;
    int64_t rent = 0, charges = 0, benefit = 0;
    bool to_landlord = false;
  };
  std::vector<LeaseTerms> leases;
  c.Query("SELECT id, start_date, rent_cents, charges_cents, housing_benefit_cents, benefit_paid_to_landlord "
          "FROM leases WHERE organisation_id = ? AND end_date IS NULL ORDER BY id",
          {db::P(org)}, [&](const db::Row& r) {
            leases.push_back({r.Int(0), ParseDate(r.Text(1)).value_or(CivilDate{}), r.Int(2), r.Int(3), r.Int(4),
                              r.Bool(5)});
          });
  DemoLedgerCounts counts;
  auto bulk = c.Bulk("ledger_lines", {"organisation_id", "lease_id", "reference", "line_day", "kind_code", "method",
                                      "amount_cents", "label", "created_by", "created_at"});
  const int64_t now = NowMillis();
  const int64_t today_days = DaysFromCivil(today);
  const CivilDate first = DemoLedgerStart(today);
  static const char* kMonthNames[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                      "août", "septembre", "octobre", "novembre", "décembre"};
  for (const auto& l : leases) {
    const uint64_t h = Hash(seed, l.id, 0);
    const Profile profile = ProfileOf(h);
    const PaymentMethod method = MethodOf(h);
    const int64_t benefit = l.to_landlord ? l.benefit : 0;
    const int64_t residual = l.rent + l.charges - benefit;  // what the tenant pays each month
    // Day of the month the tenant pays: direct debits on the 5th, the others between 2 and 10.
    const int pay_day = method == PaymentMethod::kDirectDebit ? 5 : 2 + static_cast<int>((h >> 24) % 9);
    // Recently stopped: the months without payment are the last 1 to 4 (before today's month).
    const int stopped_from = kMonths - 1 - (1 + static_cast<int>((h >> 32) % 4));
    // A crisis faller's first missed month and how many months it misses (2 to 5).
    const int crisis_miss_from = kCrisisFirst + static_cast<int>((h >> 40) % 3);
    const int crisis_misses = 2 + static_cast<int>((h >> 44) % 4);
    int64_t debt = 0;  // arrears the household carries, for the catch-up of kCrisisRecovers
    int64_t n = 0;
    auto add = [&](CivilDate date, LineKind kind, std::optional<PaymentMethod> m, int64_t signed_amount,
                   const std::string& label) {
      if (DaysFromCivil(date) > today_days) return;
      const std::string ref = "DEMO-" + std::to_string(l.id) + "-" + std::to_string(++n);
      bulk->Add({db::P(org), db::P(l.id), db::P(ref), db::P(StoredDayOf(date)), db::P(StoredKindOf(kind)),
                 m ? db::P(CodeOf(*m)) : db::P(nullptr), db::P(signed_amount), db::P(label), db::P(int64_t{0}),
                 db::P(now)});
      ++counts.lines;
    };
    bool any = false;
    for (int k = 0; k < kMonths; ++k) {
      const CivilDate month = AddMonths(first, k);
      // The ledger starts with the first whole month of the lease.
      if (CivilDate{l.start.year, l.start.month, 1} >= month && !(l.start == month)) continue;
      any = true;
      const std::string period = std::string(kMonthNames[month.month - 1]) + " " + std::to_string(month.year);
      add(month, LineKind::kRent, std::nullopt, l.rent, "Loyer " + period);
      if (l.charges > 0) add(month, LineKind::kCharges, std::nullopt, l.charges, "Provision sur charges " + period);
      if (benefit > 0) add({month.year, month.month, 5}, LineKind::kHousingBenefit, std::nullopt, -benefit, "APL " + period);
      if (residual <= 0) continue;
      int64_t pay = residual;
      int day = pay_day;
      const uint64_t hm = Hash(seed, l.id, static_cast<uint64_t>(k) + 1);
      switch (profile) {
        case Profile::kOnTime:
          break;
        case Profile::kSometimesLate:
          if (hm % 4 == 0) day = 20 + static_cast<int>(hm % 8);  // paid late in the month
          break;
        case Profile::kCrisisRecovers:
          if (k >= crisis_miss_from && k < crisis_miss_from + crisis_misses) {
            pay = 0;
          } else if (debt > 0) {
            // After the crisis: the residual plus about a sixth of the debt each month.
            const int64_t extra = std::min(debt, std::max<int64_t>(residual / 2, debt / 6));
            pay = residual + extra;
          }
          break;
        case Profile::kCrisisStuck:
          if (k >= crisis_miss_from && k < crisis_miss_from + crisis_misses) {
            pay = (hm % 2 == 0) ? 0 : residual / 2;
          } else if (k > kCrisisLast && hm % 5 == 0) {
            pay = residual * 3 / 4;  // partial payments now and then: the debt still grows
          }
          break;
        case Profile::kRecentlyStopped:
          if (k >= stopped_from) pay = (hm % 3 == 0) ? residual / 3 : 0;
          break;
      }
      debt += residual - pay;
      if (pay > 0) {
        add({month.year, month.month, day}, LineKind::kPayment, method, -pay,
            std::string(LabelOf(method)) + " " + period);
      }
    }
    if (!any) continue;
    ++counts.leases;
    if (debt > 0) ++counts.in_arrears;
  }
  bulk->Finish();
  return counts;
}

}  // namespace relais::rent
