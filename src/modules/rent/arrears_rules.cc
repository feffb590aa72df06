#include "modules/rent/arrears_rules.h"

#include <algorithm>
#include <cstdint>

namespace relais::rent {

// Periods in months or weeks end on the day with the same number (or weekday) as the starting
// day, the last day of the month when it has no such day (Code de procédure civile, art. 641).
CivilDate AddMonths(CivilDate d, int months) {
  const int m = d.year * 12 + (d.month - 1) + months;
  CivilDate out{m / 12, m % 12 + 1, 1};
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

CivilDate AddDays(CivilDate d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

int64_t ResidualRent(const LeaseTerms& t) {
  const int64_t benefit = t.benefit_paid_to_landlord ? t.benefit_cents : 0;
  return std::max<int64_t>(0, t.rent_cents + t.charges_cents - benefit);
}

int64_t CafThreshold(const LeaseTerms& t, const ArrearsRules& r) {
  return r.caf_threshold_months * ResidualRent(t);
}

bool ReachesCafThreshold(int64_t debt_cents, const LeaseTerms& t, const ArrearsRules& r) {
  const int64_t threshold = CafThreshold(t, r);
  return threshold > 0 && debt_cents >= threshold;
}

CivilDate CafReportDeadline(CivilDate reached, const ArrearsRules& r) { return AddMonths(reached, r.caf_report_months); }

CivilDate RepaymentPlanDeadline(CivilDate reported, const ArrearsRules& r) {
  return AddMonths(reported, r.repayment_plan_months);
}

bool FollowsCafPlan(int64_t debt_cents, const ArrearsRules& r) { return debt_cents <= r.caf_small_debt_cents; }

CivilDate EarliestSummons(CivilDate referred, const ArrearsRules& r) { return AddMonths(referred, r.ccapex_wait_months); }

CivilDate PaymentDemandEnds(CivilDate lease_signed, CivilDate served, const ArrearsRules& r) {
  if (lease_signed >= r.payment_demand_reform_date) return AddDays(served, int64_t{7} * r.payment_demand_weeks);
  return AddMonths(served, r.payment_demand_months_before_reform);
}

std::optional<CivilDate> WinterTruceEnds(CivilDate d, const ArrearsRules& r) {
  // The truce that began on the start day of `year` ends on the end day of year + 1, unless a
  // crisis extended it.
  auto ends = [&](int year) {
    for (const auto& e : r.truce_extensions)
      if (e.from_year == year) return e.ends;
    CivilDate end{year + 1, r.truce_end_month, 1};
    end.day = std::min(r.truce_end_day, DaysInMonth(end.year, end.month));
    return end;
  };
  const CivilDate start_this_year{d.year, r.truce_start_month, r.truce_start_day};
  if (d >= start_this_year) return ends(d.year);
  const CivilDate end_of_last = ends(d.year - 1);
  if (d <= end_of_last) return end_of_last;
  return std::nullopt;
}

bool InWinterTruce(CivilDate d, const ArrearsRules& r) { return WinterTruceEnds(d, r).has_value(); }

CivilDate VisaleNoticeDeadline(CivilDate first_unpaid_due, const ArrearsRules& r) {
  return AddDays(first_unpaid_due, r.visale_notice_days);
}

bool VisaleClaimOpen(int full_months, int64_t arrears_cents, const LeaseTerms& t, const ArrearsRules& r) {
  if (arrears_cents <= 0) return false;
  return full_months >= r.visale_full_months || arrears_cents > r.visale_partial_months * ResidualRent(t);
}

ArrearsFacts AnalyseLedger(const std::vector<LedgerLine>& all, const LeaseTerms& t, CivilDate today,
                           const ArrearsRules& r) {
  ArrearsFacts f;
  f.residual_rent_cents = ResidualRent(t);
  // The lines up to today with their day numbers, in date order (the ledger's usual order: the
  // sort is skipped then).
  struct Dated {
    int64_t day;
    const LedgerLine* line;
  };
  std::vector<Dated> lines;
  lines.reserve(all.size());
  for (const auto& l : all)
    if (l.date <= today) lines.push_back({DaysFromCivil(l.date), &l});
  const auto by_day = [](const Dated& a, const Dated& b) { return a.day < b.day; };
  if (!std::is_sorted(lines.begin(), lines.end(), by_day)) std::stable_sort(lines.begin(), lines.end(), by_day);
  const int64_t today_days = DaysFromCivil(today);
  int64_t credits = 0, late_debits = 0;
  for (const auto& d : lines) {
    f.balance_cents += d.line->amount_cents;
    if (d.line->amount_cents < 0) credits -= d.line->amount_cents;
  }
  // Today: credits cover the oldest charges first; the first charge left uncovered and past its
  // term is where the arrears started.
  int64_t remaining = credits;
  for (const auto& d : lines) {
    const LedgerLine* l = d.line;
    if (l->amount_cents <= 0) continue;
    const bool late = d.day + r.payment_term_days < today_days;
    const int64_t covered = std::min(remaining, l->amount_cents);
    remaining -= covered;
    if (!late) continue;
    late_debits += l->amount_cents;
    if (covered < l->amount_cents && !f.arrears_since) f.arrears_since = l->date;
    if (covered == 0 && l->kind == LineKind::kRent) ++f.fully_unpaid_months;
  }
  f.arrears_cents = std::max<int64_t>(0, late_debits - credits);
  if (f.arrears_cents == 0) f.arrears_since.reset();
  if (f.residual_rent_cents > 0) f.months_hundredths = f.arrears_cents * 100 / f.residual_rent_cents;

  // Over time: a credit counts on its date, a charge from the day after its term. A threshold
  // reached stays reached until the arrears are cleared: the benefit of the next month would
  // otherwise bring the debt under it for a few days each month and move the deadlines on.
  // Both streams are in date order (charges all shifted by the same term): merged as they come.
  const int64_t shift = r.payment_term_days + 1;
  const size_t n = lines.size();
  size_t ci = 0, di = 0;  // the next credit (amount <= 0) and the next charge
  const auto skip_to_credit = [&] { while (ci < n && lines[ci].line->amount_cents > 0) ++ci; };
  const auto skip_to_charge = [&] { while (di < n && lines[di].line->amount_cents <= 0) ++di; };
  skip_to_credit();
  skip_to_charge();
  const int64_t caf_threshold = CafThreshold(t, r);
  const int64_t visale_threshold = r.visale_partial_months * f.residual_rent_cents;
  bool caf_reached = false, visale_reached = false;
  int64_t caf_since = 0, visale_since = 0;
  int64_t running = 0;
  constexpr int64_t kNone = INT64_MAX;
  for (;;) {
    const int64_t credit_day = ci < n && lines[ci].day <= today_days ? lines[ci].day : kNone;
    const int64_t charge_day = di < n && lines[di].day + shift <= today_days ? lines[di].day + shift : kNone;
    const int64_t day = std::min(credit_day, charge_day);
    if (day == kNone) break;
    for (; ci < n && lines[ci].day == day; ++ci, skip_to_credit()) running += lines[ci].line->amount_cents;
    for (; di < n && lines[di].day + shift == day; ++di, skip_to_charge()) running += lines[di].line->amount_cents;
    if (running <= 0) {  // arrears cleared: a new episode starts from nothing
      caf_reached = visale_reached = false;
      continue;
    }
    if (!caf_reached && caf_threshold > 0 && running >= caf_threshold) {
      caf_reached = true;
      caf_since = day;
    }
    if (!visale_reached && running > visale_threshold) {
      visale_reached = true;
      visale_since = day;
    }
  }
  if (caf_reached) f.caf_threshold_since = CivilFromDays(caf_since);
  if (visale_reached) {
    f.visale_claim_since = CivilFromDays(visale_since);
  } else if (VisaleClaimOpen(f.fully_unpaid_months, f.arrears_cents, t, r)) {
    f.visale_claim_since = today;
  }
  return f;
}

}  // namespace relais::rent
