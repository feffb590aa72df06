// Guarantee claims as tables: the Visale rent cap exactly at the cap and one cent over, the formal
// notice deadline (15 days after the first unpaid rent) the day before and after, the claim opened
// from the ledger (2 months fully unpaid, as the rent module computes it), the Loca-Pass
// application window (2 months after moving in, a leap-year February), and the largest claim.
#include "modules/support/guarantee_rules.h"

#include <gtest/gtest.h>

namespace relais::support {
namespace {

rent::LeaseTerms Terms(int64_t rent, int64_t charges = 0, int64_t benefit = 0, bool to_landlord = false) {
  rent::LeaseTerms t;
  t.signed_on = {2020, 1, 1};
  t.rent_cents = rent;
  t.charges_cents = charges;
  t.benefit_cents = benefit;
  t.benefit_paid_to_landlord = to_landlord;
  return t;
}

TEST(GuaranteeRules, VisaleFromTheLedger) {
  const rent::ArrearsRules ar;  // 10 days of payment term, DOMAIN.md's Visale numbers
  const GuaranteeRules gr;
  ClaimFacts f;
  f.terms = Terms(28000, 2000, 5000, true);  // residual rent 250.00
  f.lease_start = {2020, 1, 1};
  auto line = [](CivilDate d, int64_t cents) {
    rent::LedgerLine l;
    l.date = d;
    l.kind = rent::LineKind::kRent;
    l.amount_cents = cents;
    return l;
  };
  // September and October unpaid (residual 250.00 each).
  const std::vector<rent::LedgerLine> lines{line({2026, 9, 1}, 25000), line({2026, 10, 1}, 25000)};
  struct Case {
    CivilDate today;
    bool eligible;
    bool late_notice;
  };
  for (const auto& c : std::vector<Case>{
           {{2026, 9, 16}, false, false},  // the notice's last day (1 Sept + 15); no claim yet
           {{2026, 9, 17}, false, true},   // the day after: the notice is late
           {{2026, 10, 11}, false, true},  // October's rent not late yet: one month unpaid
           {{2026, 10, 12}, true, true},   // October past its term: more than 1 month of arrears
       }) {
    f.arrears = rent::AnalyseLedger(lines, f.terms, c.today, ar);
    const auto e = EligibilityOf(Guarantee::kVisale, f, ar, gr, c.today);
    const std::string what = FormatIso(c.today);
    EXPECT_EQ(e.eligible, c.eligible) << what;
    ASSERT_TRUE(e.notice_deadline) << what;
    EXPECT_EQ(*e.notice_deadline, (CivilDate{2026, 9, 16})) << what;
    bool late = false;
    for (const auto& r : e.reasons) late = late || r.find("mise en demeure") != std::string::npos;
    EXPECT_EQ(late, c.late_notice) << what;
    EXPECT_EQ(e.max_claim_cents, 36 * 25000);
  }
  f.student = true;
  EXPECT_EQ(EligibilityOf(Guarantee::kVisale, f, ar, gr, {2026, 10, 12}).max_claim_cents, 9 * 25000);
}

TEST(GuaranteeRules, VisaleRentCap) {
  const rent::ArrearsRules ar;
  const GuaranteeRules gr;
  ClaimFacts f;
  f.lease_start = {2020, 1, 1};
  f.arrears.arrears_cents = 300000;
  f.arrears.arrears_since = CivilDate{2026, 9, 1};
  f.arrears.visale_claim_since = CivilDate{2026, 10, 12};
  f.terms = Terms(120000, 10000);  // exactly 1,300.00
  EXPECT_TRUE(EligibilityOf(Guarantee::kVisale, f, ar, gr, {2026, 10, 12}).eligible);
  f.terms = Terms(120000, 10001);  // one cent over
  EXPECT_FALSE(EligibilityOf(Guarantee::kVisale, f, ar, gr, {2026, 10, 12}).eligible);
  f.arrears = {};  // nothing unpaid
  f.terms = Terms(50000);
  const auto none = EligibilityOf(Guarantee::kVisale, f, ar, gr, {2026, 10, 12});
  EXPECT_FALSE(none.eligible);
  EXPECT_FALSE(none.notice_deadline);
}

TEST(GuaranteeRules, LocaPassWindowAndCeiling) {
  const rent::ArrearsRules ar;
  const GuaranteeRules gr;
  ClaimFacts f;
  f.arrears.arrears_cents = 100000;
  f.lease_start = {2023, 12, 31};  // + 2 months: 29 February 2024 (leap year)
  f.terms = Terms(250000, 10000, 20000, true);  // residual 2,400.00: capped at 2,000.00 a month
  struct Case {
    std::optional<CivilDate> obtained;
    bool eligible;
  };
  for (const auto& c : std::vector<Case>{{std::nullopt, false},
                                         {CivilDate{2024, 2, 29}, true},
                                         {CivilDate{2024, 3, 1}, false},
                                         {CivilDate{2023, 12, 1}, true}}) {
    f.obtained_on = c.obtained;
    const auto e = EligibilityOf(Guarantee::kLocaPass, f, ar, gr, {2026, 11, 1});
    EXPECT_EQ(e.eligible, c.eligible) << (c.obtained ? FormatIso(*c.obtained) : "none");
    EXPECT_EQ(e.max_claim_cents, 9 * 200000);
    EXPECT_FALSE(e.notice_deadline);
  }
  f.terms = Terms(40000, 5000, 15000, true);  // residual 300.00
  EXPECT_EQ(EligibilityOf(Guarantee::kLocaPass, f, ar, gr, {2026, 11, 1}).max_claim_cents, 9 * 30000);
  f.terms = Terms(40000, 5000, 15000, false);  // benefit paid to the tenant: 450.00
  EXPECT_EQ(EligibilityOf(Guarantee::kLocaPass, f, ar, gr, {2026, 11, 1}).max_claim_cents, 9 * 45000);
}

TEST(GuaranteeRules, Codes) {
  for (auto g : {Guarantee::kVisale, Guarantee::kLocaPass}) EXPECT_EQ(GuaranteeOf(CodeOf(g)), g);
  EXPECT_FALSE(GuaranteeOf("gli").has_value());
}

}  // namespace
}  // namespace relais::support
