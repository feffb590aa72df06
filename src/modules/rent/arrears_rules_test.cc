// The arrears rules of DOMAIN.md §3, table by table: the worked example (280 + 20 - 50 paid to
// the landlord: 500.00, 600.00 without direct payment), exactly at the threshold and one cent
// under, the day before and after each deadline, month ends and leap years, leases signed on 27
// and 28 July 2023, the winter truce with its crisis extensions, Visale; and the analysis of a
// ledger (arrears, months, start date, the day the impayé was constituted).
#include <gtest/gtest.h>

#include <tuple>

#include "modules/rent/arrears_rules.h"

namespace relais::rent {
namespace {

const ArrearsRules kRules;
const LeaseTerms kExample{{2015, 1, 1}, 28000, 2000, 5000, true};
const LeaseTerms kExampleToTenant{{2015, 1, 1}, 28000, 2000, 5000, false};

TEST(ArrearsRules, AddMonthsKeepsTheDayOrTakesTheMonthsLast) {
  struct Case {
    CivilDate from;
    int months;
    CivilDate to;
  } cases[] = {
      {{2026, 11, 14}, 2, {2027, 1, 14}}, {{2026, 12, 31}, 2, {2027, 2, 28}}, {{2027, 12, 31}, 2, {2028, 2, 29}},
      {{2024, 8, 31}, 6, {2025, 2, 28}},  {{2023, 8, 31}, 6, {2024, 2, 29}},  {{2024, 2, 29}, 12, {2025, 2, 28}},
      {{2026, 1, 31}, 1, {2026, 2, 28}},  {{2026, 3, 31}, -1, {2026, 2, 28}}, {{2026, 1, 15}, -2, {2025, 11, 15}},
  };
  for (const auto& c : cases) EXPECT_EQ(AddMonths(c.from, c.months), c.to) << FormatIso(c.from) << " + " << c.months;
}

TEST(ArrearsRules, CafThresholdOfTheWorkedExample) {
  EXPECT_EQ(ResidualRent(kExample), 25000);
  EXPECT_EQ(CafThreshold(kExample, kRules), 50000);
  EXPECT_EQ(CafThreshold(kExampleToTenant, kRules), 60000);
  EXPECT_EQ(ResidualRent(kExampleToTenant), 30000);
  struct Case {
    const LeaseTerms* terms;
    int64_t debt;
    bool reached;
  } cases[] = {
      {&kExample, 50000, true},          {&kExample, 49999, false},        {&kExample, 50001, true},
      {&kExampleToTenant, 60000, true},  {&kExampleToTenant, 59999, false}, {&kExampleToTenant, 50000, false},
      {&kExample, 0, false},
  };
  for (const auto& c : cases) EXPECT_EQ(ReachesCafThreshold(c.debt, *c.terms, kRules), c.reached) << c.debt;
  // A benefit covering the whole rent leaves no threshold to reach.
  const LeaseTerms covered{{2015, 1, 1}, 20000, 0, 25000, true};
  EXPECT_EQ(ResidualRent(covered), 0);
  EXPECT_FALSE(ReachesCafThreshold(100, covered, kRules));
  // The threshold is configuration.
  ArrearsRules three = kRules;
  three.caf_threshold_months = 3;
  EXPECT_EQ(CafThreshold(kExample, three), 75000);
}

TEST(ArrearsRules, DeadlinesAfterTheImpaye) {
  // Report within 2 months: reached on 14/11, due by 14/01.
  EXPECT_EQ(CafReportDeadline({2026, 11, 14}, kRules), (CivilDate{2027, 1, 14}));
  EXPECT_EQ(CafReportDeadline({2026, 11, 13}, kRules), (CivilDate{2027, 1, 13}));
  EXPECT_EQ(CafReportDeadline({2026, 11, 15}, kRules), (CivilDate{2027, 1, 15}));
  EXPECT_EQ(CafReportDeadline({2027, 12, 31}, kRules), (CivilDate{2028, 2, 29}));  // leap year
  EXPECT_EQ(CafReportDeadline({2026, 12, 31}, kRules), (CivilDate{2027, 2, 28}));
  // 6 months for a repayment plan after the report.
  EXPECT_EQ(RepaymentPlanDeadline({2027, 1, 14}, kRules), (CivilDate{2027, 7, 14}));
  EXPECT_EQ(RepaymentPlanDeadline({2023, 8, 31}, kRules), (CivilDate{2024, 2, 29}));
  // A debt of 100.00 or less follows the CAF's own plan.
  EXPECT_TRUE(FollowsCafPlan(10000, kRules));
  EXPECT_FALSE(FollowsCafPlan(10001, kRules));
  // No summons until 2 months after the CCAPEX referral.
  EXPECT_EQ(EarliestSummons({2027, 1, 10}, kRules), (CivilDate{2027, 3, 10}));
  EXPECT_EQ(EarliestSummons({2027, 12, 30}, kRules), (CivilDate{2028, 2, 29}));
}

TEST(ArrearsRules, PaymentDemandPeriodDependsOnTheLeaseDate) {
  struct Case {
    CivilDate signed_on, served, ends;
  } cases[] = {
      {{2023, 7, 27}, {2026, 1, 10}, {2026, 3, 10}},  // before the reform: 2 months
      {{2023, 7, 28}, {2026, 1, 10}, {2026, 2, 21}},  // from the reform: 6 weeks
      {{2023, 7, 29}, {2026, 1, 10}, {2026, 2, 21}},
      {{2010, 5, 1}, {2023, 12, 31}, {2024, 2, 29}},  // 2 months, leap February
      {{2024, 1, 1}, {2024, 2, 1}, {2024, 3, 14}},    // 6 weeks across 29 February
      {{2024, 1, 1}, {2025, 2, 1}, {2025, 3, 15}},    // the same in a common year
  };
  for (const auto& c : cases)
    EXPECT_EQ(PaymentDemandEnds(c.signed_on, c.served, kRules), c.ends) << FormatIso(c.signed_on);
}

TEST(ArrearsRules, WinterTruceWithItsCrisisExtensions) {
  struct Case {
    CivilDate day;
    std::optional<CivilDate> ends;
  } cases[] = {
      {{2026, 10, 31}, std::nullopt},       {{2026, 11, 1}, CivilDate{2027, 3, 31}},
      {{2026, 12, 31}, CivilDate{2027, 3, 31}}, {{2027, 3, 31}, CivilDate{2027, 3, 31}},
      {{2027, 4, 1}, std::nullopt},         {{2028, 2, 29}, CivilDate{2028, 3, 31}},
      // 2019-2020: extended to 10 July 2020; 2020-2021: to 31 May 2021.
      {{2020, 3, 31}, CivilDate{2020, 7, 10}}, {{2020, 4, 1}, CivilDate{2020, 7, 10}},
      {{2020, 7, 10}, CivilDate{2020, 7, 10}}, {{2020, 7, 11}, std::nullopt},
      {{2020, 11, 1}, CivilDate{2021, 5, 31}}, {{2021, 5, 31}, CivilDate{2021, 5, 31}},
      {{2021, 6, 1}, std::nullopt},         {{2021, 11, 1}, CivilDate{2022, 3, 31}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(WinterTruceEnds(c.day, kRules), c.ends) << FormatIso(c.day);
    EXPECT_EQ(InWinterTruce(c.day, kRules), c.ends.has_value()) << FormatIso(c.day);
  }
  // A new extension is a line of configuration.
  ArrearsRules extended = kRules;
  extended.truce_extensions.push_back({2026, {2027, 6, 30}});
  EXPECT_EQ(WinterTruceEnds({2027, 4, 1}, extended), (CivilDate{2027, 6, 30}));
  EXPECT_FALSE(InWinterTruce({2027, 7, 1}, extended));
}

TEST(ArrearsRules, Visale) {
  EXPECT_EQ(VisaleNoticeDeadline({2026, 9, 1}, kRules), (CivilDate{2026, 9, 16}));
  EXPECT_EQ(VisaleNoticeDeadline({2024, 2, 20}, kRules), (CivilDate{2024, 3, 6}));  // leap year
  EXPECT_EQ(VisaleNoticeDeadline({2025, 2, 20}, kRules), (CivilDate{2025, 3, 7}));
  struct Case {
    int full_months;
    int64_t arrears;
    bool open;
  } cases[] = {
      {0, 25000, false},  // exactly one month of residual rent: not more than one month
      {0, 25001, true},   // one cent more
      {1, 25000, false},
      {2, 25000, true},   // two months fully unpaid (the benefit came in)
      {2, 0, false},
      {0, 0, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(VisaleClaimOpen(c.full_months, c.arrears, kExample, kRules), c.open) << c.full_months << "/" << c.arrears;
}

// The ledger of the worked example: September paid, then only the benefit comes in.
std::vector<LedgerLine> ExampleLedger(int64_t november_payment = 0) {
  std::vector<LedgerLine> l;
  int n = 0;
  auto add = [&](CivilDate d, LineKind k, int64_t amount) {
    LedgerLine line;
    line.id = ++n;
    line.date = d;
    line.kind = k;
    line.amount_cents = amount;
    l.push_back(line);
  };
  for (int month : {9, 10, 11, 12}) {
    add({2026, month, 1}, LineKind::kRent, 28000);
    add({2026, month, 1}, LineKind::kCharges, 2000);
    add({2026, month, 5}, LineKind::kHousingBenefit, -5000);
  }
  add({2026, 9, 5}, LineKind::kPayment, -25000);
  if (november_payment) add({2026, 11, 6}, LineKind::kPayment, -november_payment);
  return l;
}

TEST(ArrearsRules, AnalyseLedgerFindsWhenTheImpayeWasConstituted) {
  struct Case {
    CivilDate today;
    int64_t november_payment;
    int64_t balance, arrears, months;
    std::optional<CivilDate> since, caf_since, visale_since;
    int full_months;
  } cases[] = {
      // On the due date's term (1/10 + 10 days) October is not yet unpaid.
      {{2026, 10, 11}, 0, 25000, 0, 0, std::nullopt, std::nullopt, std::nullopt, 0},
      {{2026, 10, 12}, 0, 25000, 25000, 100, CivilDate{2026, 10, 1}, std::nullopt, std::nullopt, 0},
      // The day before November becomes unpaid: 25,000 - 5,000 of November's benefit.
      {{2026, 11, 11}, 0, 50000, 20000, 80, CivilDate{2026, 10, 1}, std::nullopt, std::nullopt, 0},
      // Exactly at the threshold on 12/11: the impayé is constituted; Visale: more than a month.
      {{2026, 11, 12}, 0, 50000, 50000, 200, CivilDate{2026, 10, 1}, CivilDate{2026, 11, 12},
       CivilDate{2026, 11, 12}, 1},
      // One cent paid in November: one cent under the threshold.
      {{2026, 11, 12}, 1, 49999, 49999, 199, CivilDate{2026, 10, 1}, std::nullopt, CivilDate{2026, 11, 12}, 1},
      // Still constituted since 12/11 a month later.
      {{2026, 12, 12}, 0, 75000, 75000, 300, CivilDate{2026, 10, 1}, CivilDate{2026, 11, 12},
       CivilDate{2026, 11, 12}, 2},
      // Paid back in full in November: nothing left.
      {{2026, 11, 20}, 50000, 0, 0, 0, std::nullopt, std::nullopt, std::nullopt, 0},
  };
  for (const auto& c : cases) {
    auto f = AnalyseLedger(ExampleLedger(c.november_payment), kExample, c.today, kRules);
    SCOPED_TRACE(FormatIso(c.today) + " paid " + std::to_string(c.november_payment));
    EXPECT_EQ(f.balance_cents, c.balance);
    EXPECT_EQ(f.arrears_cents, c.arrears);
    EXPECT_EQ(f.months_hundredths, c.months);
    EXPECT_EQ(f.arrears_since, c.since);
    EXPECT_EQ(f.caf_threshold_since, c.caf_since);
    EXPECT_EQ(f.visale_claim_since, c.visale_since);
    EXPECT_EQ(f.fully_unpaid_months, c.full_months);
    EXPECT_EQ(f.residual_rent_cents, 25000);
  }
}

TEST(ArrearsRules, AnalyseLedgerEdges) {
  // A February rent with a 28-day term in a leap year: unpaid from 1 March, not on 29 February.
  ArrearsRules r = kRules;
  r.payment_term_days = 28;
  LedgerLine rent;
  rent.date = {2028, 2, 1};
  rent.kind = LineKind::kRent;
  rent.amount_cents = 30000;
  EXPECT_EQ(AnalyseLedger({rent}, kExampleToTenant, {2028, 2, 29}, r).arrears_cents, 0);
  EXPECT_EQ(AnalyseLedger({rent}, kExampleToTenant, {2028, 3, 1}, r).arrears_cents, 30000);
  // Paid in advance: a credit balance, no arrears; lines after today are ignored.
  LedgerLine advance;
  advance.date = {2028, 1, 20};
  advance.kind = LineKind::kPayment;
  advance.amount_cents = -40000;
  LedgerLine future = rent;
  future.date = {2028, 3, 1};
  auto f = AnalyseLedger({future, rent, advance}, kExampleToTenant, {2028, 2, 29}, r);
  EXPECT_EQ(f.balance_cents, -10000);
  EXPECT_EQ(f.arrears_cents, 0);
  EXPECT_FALSE(f.arrears_since);
  // No lines: nothing.
  auto empty = AnalyseLedger({}, kExample, {2028, 2, 29}, r);
  EXPECT_EQ(empty.balance_cents, 0);
  EXPECT_FALSE(empty.caf_threshold_since);
}

TEST(ArrearsRules, AnImpayeStaysConstitutedUntilTheArrearsAreCleared) {
  auto lines = ExampleLedger();
  LedgerLine pay;
  pay.date = {2026, 11, 20};
  pay.kind = LineKind::kPayment;
  pay.amount_cents = -10000;  // under 500.00 from 20/11 (400.00), then 350.00 after the benefit
  lines.push_back(pay);
  auto under = AnalyseLedger(lines, kExample, {2026, 12, 11}, kRules);
  EXPECT_EQ(under.arrears_cents, 35000);
  EXPECT_EQ(under.caf_threshold_since, (CivilDate{2026, 11, 12}));
  // Cleared on 20/11 instead: a new episode, constituted again on 12/01.
  lines.back().amount_cents = -50000;
  for (auto [day, kind, amount] : {std::tuple{1, LineKind::kRent, 28000}, std::tuple{1, LineKind::kCharges, 2000},
                                   std::tuple{5, LineKind::kHousingBenefit, -5000}}) {
    LedgerLine l;
    l.date = {2027, 1, day};
    l.kind = kind;
    l.amount_cents = amount;
    lines.push_back(l);
  }
  auto cleared = AnalyseLedger(lines, kExample, {2026, 11, 20}, kRules);
  EXPECT_EQ(cleared.arrears_cents, 0);
  EXPECT_FALSE(cleared.caf_threshold_since);
  auto day_before = AnalyseLedger(lines, kExample, {2027, 1, 11}, kRules);
  EXPECT_EQ(day_before.arrears_cents, 20000);
  EXPECT_EQ(day_before.arrears_since, (CivilDate{2026, 12, 1}));
  EXPECT_FALSE(day_before.caf_threshold_since);
  auto again = AnalyseLedger(lines, kExample, {2027, 1, 12}, kRules);
  EXPECT_EQ(again.arrears_cents, 50000);
  EXPECT_EQ(again.caf_threshold_since, (CivilDate{2027, 1, 12}));
}

}  // namespace
}  // namespace relais::rent
