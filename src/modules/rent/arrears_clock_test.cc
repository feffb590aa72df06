// The legal clock, step by step on the worked example (rent 280, charges 20, benefit 50 paid to
// the landlord): the reminder, the CAF report due 2 months after the impayé was constituted, the
// repayment plan window, the payment demand, the summons after the demand's period and the CCAPEX
// wait (leases signed 27 vs 28 July 2023), the winter truce; the CCAPEX referral without benefit;
// a declared crisis pausing or pushing back escalations but never a legal deadline.
#include <gtest/gtest.h>

#include "modules/rent/arrears_clock.h"

namespace relais::rent {
namespace {

const ArrearsRules kRules;
const LeaseTerms kExample{{2015, 1, 1}, 28000, 2000, 5000, true};
const CrisisPolicy kPause{CrisisMode::kPause, 30};

// Arrears of 500.00 since the rent of 1 October, constituted on 14 November.
ArrearsFacts Facts(int64_t arrears = 50000) {
  ArrearsFacts f;
  f.arrears_cents = arrears;
  f.balance_cents = arrears;
  f.residual_rent_cents = 25000;
  f.months_hundredths = arrears * 100 / 25000;
  f.arrears_since = CivilDate{2026, 10, 1};
  if (arrears >= 50000) f.caf_threshold_since = CivilDate{2026, 11, 14};
  return f;
}

TEST(ArrearsClock, StepCodesRoundTrip) {
  for (auto s : AllSteps()) EXPECT_EQ(StepOf(CodeOf(s)), s);
  EXPECT_EQ(StepOf("visale"), std::nullopt);
}

TEST(ArrearsClock, Formats) {
  EXPECT_EQ(FormatDayMonth({2027, 1, 4}), "04/01");
  EXPECT_EQ(FormatEuros(50000), "500,00\u00a0€");
  EXPECT_EQ(FormatEuros(123456), "1\u00a0234,56\u00a0€");
  EXPECT_EQ(FormatEuros(5), "0,05\u00a0€");
  EXPECT_EQ(FormatEuros(-100000000), "-1\u00a0000\u00a0000,00\u00a0€");
}

TEST(ArrearsClock, NothingWithoutArrears) {
  EXPECT_FALSE(NextActionOf(ArrearsFacts{}, kExample, {}, {2026, 11, 20}, kRules, {}, kPause));
  StepsDone summoned;
  summoned.summons = CivilDate{2027, 9, 1};
  EXPECT_FALSE(NextActionOf(Facts(), kExample, summoned, {2027, 9, 2}, kRules, {}, kPause));
}

TEST(ArrearsClock, TheCascadeOnTheWorkedExample) {
  struct Case {
    const char* what;
    int64_t arrears;
    StepsDone done;
    CivilDate today;
    Step step;
    CivilDate due;
    bool not_before;
    std::string reason;
  };
  StepsDone reminded;
  reminded.reminder = CivilDate{2026, 10, 15};
  StepsDone reported = reminded;
  reported.caf_report = CivilDate{2026, 12, 1};
  StepsDone demanded = reported;
  demanded.payment_demand = CivilDate{2027, 6, 10};
  StepsDone planned = reported;
  planned.repayment_plan = CivilDate{2027, 1, 5};
  const Case cases[] = {
      {"under the threshold: the reminder", 25000, {}, {2026, 10, 20}, Step::kReminder, {2026, 10, 12}, false,
       "Relance amiable à faire — impayé depuis l'échéance du 01/10 : 250,00\u00a0€, soit 1,00 mois de loyer résiduel"},
      // The reminder (due 12/10) comes before the CAF report (due 14/01).
      {"both open: the nearest first", 50000, {}, {2026, 11, 20}, Step::kReminder, {2026, 10, 12}, false, ""},
      {"reminded: the CAF report", 50000, reminded, {2026, 11, 20}, Step::kCafReport, {2027, 1, 14}, false,
       "Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11"},
      {"on its last day", 50000, reminded, {2027, 1, 14}, Step::kCafReport, {2027, 1, 14}, false, ""},
      {"the day after: still the CAF report, overdue", 50000, reminded, {2027, 1, 15}, Step::kCafReport,
       {2027, 1, 14}, false, ""},
      {"reported: 6 months for a plan", 50000, reported, {2026, 12, 2}, Step::kRepaymentPlan, {2027, 6, 1}, false,
       "Plan d'apurement à mettre en place avant le 01/06 — signalement CAF du 01/12"},
      {"the plan window's last day", 50000, reported, {2027, 6, 1}, Step::kRepaymentPlan, {2027, 6, 1}, false, ""},
      {"the day after: a payment demand may be served", 50000, reported, {2027, 6, 2}, Step::kPaymentDemand,
       {2027, 6, 2}, true,
       "Commandement de payer possible depuis le 02/06 — pas de plan d'apurement dans les 6 mois du signalement CAF "
       "(01/12)"},
      // Lease of 2015: 2 months after the demand of 10/06, the summons from 11/08.
      {"demand served: the summons", 50000, demanded, {2027, 6, 11}, Step::kSummons, {2027, 8, 11}, true,
       "Assignation possible à partir du 11/08 — commandement de payer du 10/06 (délai de 2 mois)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto a = NextActionOf(Facts(c.arrears), kExample, c.done, c.today, kRules, {}, kPause);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->step, c.step);
    EXPECT_EQ(a->due, c.due);
    EXPECT_EQ(a->not_before, c.not_before);
    EXPECT_FALSE(a->paused);
    if (!c.reason.empty()) EXPECT_EQ(a->reason, c.reason);
  }
  // A plan in place: the support case follows it; the clock has nothing to add.
  EXPECT_FALSE(NextActionOf(Facts(), kExample, planned, {2027, 2, 1}, kRules, {}, kPause));
  // A debt of 100.00 or less after the report follows the CAF's own plan.
  auto small = Facts(10000);
  small.caf_threshold_since = CivilDate{2026, 11, 14};
  EXPECT_FALSE(NextActionOf(small, kExample, reported, {2026, 12, 2}, kRules, {}, kPause));
  small.arrears_cents = 10001;
  EXPECT_EQ(NextActionOf(small, kExample, reported, {2026, 12, 2}, kRules, {}, kPause)->step, Step::kRepaymentPlan);
}

TEST(ArrearsClock, TheSummonsWaitsForTheDemandPeriodAndTheCcapex) {
  StepsDone d;
  d.reminder = CivilDate{2026, 1, 2};
  d.caf_report = CivilDate{2026, 1, 5};
  d.payment_demand = CivilDate{2026, 1, 10};
  struct Case {
    CivilDate signed_on;
    CivilDate from;
    const char* period;
  } cases[] = {
      // Signed 27/07/2023: 2 months, to 10/03; the CCAPEX wait (05/03) is over by then.
      {{2023, 7, 27}, {2026, 3, 11}, "2 mois"},
      // Signed 28/07/2023: 6 weeks, to 21/02; but no summons before 05/03 (2 months after the report).
      {{2023, 7, 28}, {2026, 3, 5}, "6 semaines"},
  };
  for (const auto& c : cases) {
    LeaseTerms t = kExample;
    t.signed_on = c.signed_on;
    auto a = NextActionOf(Facts(), t, d, {2026, 1, 11}, kRules, {}, kPause);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->step, Step::kSummons);
    EXPECT_EQ(a->due, c.from) << FormatIso(c.signed_on);
    EXPECT_NE(a->reason.find(c.period), std::string::npos) << a->reason;
    // In the winter truce: the reason says no eviction is enforced until 31/03.
    EXPECT_NE(a->reason.find("trêve hivernale jusqu'au 31/03"), std::string::npos) << a->reason;
  }
  // Out of the truce: no mention.
  StepsDone summer = d;
  summer.payment_demand = CivilDate{2026, 5, 10};
  auto a = NextActionOf(Facts(), kExample, summer, {2026, 5, 11}, kRules, {}, kPause);
  EXPECT_EQ(a->due, (CivilDate{2026, 7, 11}));
  EXPECT_EQ(a->reason.find("trêve"), std::string::npos);
}

TEST(ArrearsClock, WithoutBenefitTheLandlordRefersToTheCcapex) {
  LeaseTerms t = kExample;
  t.benefit_cents = 0;
  t.benefit_paid_to_landlord = false;
  StepsDone reminded;
  reminded.reminder = CivilDate{2026, 10, 15};
  auto f = Facts(60000);
  auto a = NextActionOf(f, t, reminded, {2026, 11, 20}, kRules, {}, kPause);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->step, Step::kCcapexReferral);
  EXPECT_TRUE(a->not_before);
  EXPECT_EQ(a->reason, "Saisine de la CCAPEX à faire — impayé constitué le 14/11 (préalable à toute assignation)");
  reminded.ccapex_referral = CivilDate{2026, 11, 25};
  a = NextActionOf(f, t, reminded, {2026, 11, 26}, kRules, {}, kPause);
  EXPECT_EQ(a->step, Step::kRepaymentPlan);
  EXPECT_EQ(a->due, (CivilDate{2027, 5, 25}));
  EXPECT_EQ(a->reason, "Plan d'apurement à mettre en place avant le 25/05 — saisine de la CCAPEX du 25/11");
}

TEST(ArrearsClock, ACrisisPausesOrPushesBackEscalationsButNotLegalDeadlines) {
  const std::vector<Crisis> crises = {{"Confinement", {2026, 10, 1}, CivilDate{2026, 12, 15}}};
  // The reminder is paused to the day after the crisis; the CAF report keeps its date and comes first.
  auto a = NextActionOf(Facts(), kExample, {}, {2026, 11, 20}, kRules, crises, kPause);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->step, Step::kCafReport);
  EXPECT_FALSE(a->paused);
  EXPECT_EQ(a->crisis, "Confinement");
  EXPECT_EQ(a->reason,
            "Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11 — crise « Confinement » en cours : ce "
            "délai légal n'est pas suspendu");
  // Under the threshold only the reminder is open: paused until 16/12.
  a = NextActionOf(Facts(25000), kExample, {}, {2026, 11, 20}, kRules, crises, kPause);
  EXPECT_EQ(a->step, Step::kReminder);
  EXPECT_TRUE(a->paused);
  EXPECT_EQ(a->due, (CivilDate{2026, 12, 16}));
  EXPECT_NE(a->reason.find("suspendu : crise « Confinement » jusqu'au 15/12"), std::string::npos) << a->reason;
  // The day before the crisis begins and the day after it ends: nothing paused.
  EXPECT_FALSE(NextActionOf(Facts(25000), kExample, {}, {2026, 9, 30}, kRules, crises, kPause)->paused);
  EXPECT_FALSE(NextActionOf(Facts(25000), kExample, {}, {2026, 12, 16}, kRules, crises, kPause)->paused);
  EXPECT_TRUE(NextActionOf(Facts(25000), kExample, {}, {2026, 12, 15}, kRules, crises, kPause)->paused);
  // Pushed back 30 days after the crisis instead.
  a = NextActionOf(Facts(25000), kExample, {}, {2026, 11, 20}, kRules, crises, {CrisisMode::kPostpone, 30});
  EXPECT_FALSE(a->paused);
  EXPECT_EQ(a->due, (CivilDate{2027, 1, 14}));
  EXPECT_NE(a->reason.find("reporté au 14/01 : crise « Confinement »"), std::string::npos) << a->reason;
  // An open-ended crisis: paused with no date; mode none: nothing changes.
  a = NextActionOf(Facts(25000), kExample, {}, {2026, 11, 20}, kRules, {{"Inondation", {2026, 11, 1}, std::nullopt}},
                   kPause);
  EXPECT_TRUE(a->paused);
  EXPECT_NE(a->reason.find("suspendu pendant la crise « Inondation »"), std::string::npos);
  a = NextActionOf(Facts(25000), kExample, {}, {2026, 11, 20}, kRules, crises, {CrisisMode::kNone, 0});
  EXPECT_FALSE(a->paused);
  EXPECT_EQ(a->due, (CivilDate{2026, 10, 12}));
  // A payment demand possible during the crisis waits too.
  StepsDone reported;
  reported.caf_report = CivilDate{2026, 4, 1};
  a = NextActionOf(Facts(), kExample, reported, {2026, 11, 20}, kRules, crises, kPause);
  EXPECT_EQ(a->step, Step::kPaymentDemand);
  EXPECT_TRUE(a->paused);
  EXPECT_EQ(a->due, (CivilDate{2026, 12, 16}));
}

}  // namespace
}  // namespace relais::rent
