// The rules of a crisis plan without storage: defaults per kind, validation naming the field, and
// which plan applies to a household on a date (table tests).
#include "modules/outreach/crisis_plan.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {

CrisisPlan Plan(CrisisKind kind, std::string start, std::string end = "") {
  CrisisPlan p;
  p.kind = kind;
  p.name = "Plan";
  p.start_date = std::move(start);
  p.end_date = std::move(end);
  p.cadence = DefaultCadence(kind);
  p.windows = {{9 * 60, 12 * 60}, {14 * 60, 18 * 60}};
  return p;
}

bool HasError(const std::vector<PlanError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

TEST(CrisisPlan, DefaultCadencesPerKind) {
  EXPECT_EQ(DefaultCadence(CrisisKind::kPandemicLockdown).ForLevel(3), 2);
  EXPECT_EQ(DefaultCadence(CrisisKind::kPandemicLockdown).ForLevel(2), 7);
  EXPECT_EQ(DefaultCadence(CrisisKind::kPandemicLockdown).ForLevel(1), 14);
  EXPECT_EQ(DefaultCadence(CrisisKind::kHeatwave).ForLevel(3), 1);
  EXPECT_EQ(DefaultCadence(CrisisKind::kHeatwave).ForLevel(2), 7);
  for (auto code : {"pandemic_lockdown", "heatwave", "cold_snap", "flood", "custom"})
    EXPECT_EQ(CrisisKindCode(*CrisisKindFromCode(code)), code);
  EXPECT_FALSE(CrisisKindFromCode("tsunami"));
}

TEST(CrisisPlan, ClockParsing) {
  EXPECT_EQ(ParseClock("09:00"), 540);
  EXPECT_EQ(ParseClock("24:00"), 1440);
  EXPECT_FALSE(ParseClock("9:00"));
  EXPECT_FALSE(ParseClock("12:60"));
  EXPECT_FALSE(ParseClock("25:00"));
  EXPECT_EQ(FormatClock(14 * 60 + 5), "14:05");
}

TEST(CrisisPlan, ValidationNamesTheField) {
  struct Case {
    const char* what;
    void (*change)(CrisisPlan&);
    const char* field;  // nullptr: valid
  };
  const Case cases[] = {
      {"valid", [](CrisisPlan&) {}, nullptr},
      {"open-ended", [](CrisisPlan& p) { p.end_date.clear(); }, nullptr},
      {"same day", [](CrisisPlan& p) { p.end_date = p.start_date; }, nullptr},
      {"bad start", [](CrisisPlan& p) { p.start_date = "2026-02-30"; }, "start_date"},
      {"bad end", [](CrisisPlan& p) { p.end_date = "demain"; }, "end_date"},
      {"end before start", [](CrisisPlan& p) { p.end_date = "2026-06-30"; }, "end_date"},
      {"cadence 0", [](CrisisPlan& p) { p.cadence.level3_days = 0; }, "cadence.level3_days"},
      {"cadence 91", [](CrisisPlan& p) { p.cadence.level1_days = 91; }, "cadence.level1_days"},
      {"cadence 90", [](CrisisPlan& p) { p.cadence.level1_days = 90; }, nullptr},
      {"no hours", [](CrisisPlan& p) { p.windows.clear(); }, "call_hours"},
      {"hours reversed", [](CrisisPlan& p) { p.windows = {{12 * 60, 9 * 60}}; }, "call_hours"},
      {"hours overlap", [](CrisisPlan& p) { p.windows = {{14 * 60, 18 * 60}, {9 * 60, 15 * 60}}; }, "call_hours"},
      {"hours touching", [](CrisisPlan& p) { p.windows = {{9 * 60, 12 * 60}, {12 * 60, 13 * 60}}; }, nullptr},
      {"escalation 0", [](CrisisPlan& p) { p.escalation_days = 0; }, "escalation_days"},
      {"custom unnamed", [](CrisisPlan& p) { p.kind = CrisisKind::kCustom; p.name.clear(); }, "name"},
      {"heatwave unnamed", [](CrisisPlan& p) { p.name.clear(); }, nullptr},
  };
  for (const auto& c : cases) {
    CrisisPlan p = Plan(CrisisKind::kHeatwave, "2026-07-01", "2026-07-31");
    c.change(p);
    const auto errors = ValidatePlan(p);
    if (c.field == nullptr) {
      EXPECT_TRUE(errors.empty()) << c.what << ": " << (errors.empty() ? "" : errors[0].field);
    } else {
      EXPECT_TRUE(HasError(errors, c.field)) << c.what;
      for (const auto& e : errors) EXPECT_FALSE(e.message.empty()) << c.what;
    }
  }
}

TEST(CrisisPlan, WhichPlanAppliesAndTheStrictestCadenceWins) {
  std::vector<CrisisPlan> plans;
  plans.push_back(Plan(CrisisKind::kPandemicLockdown, "2026-03-01"));         // whole org, open-ended
  plans.push_back(Plan(CrisisKind::kHeatwave, "2026-07-01", "2026-07-10"));  // agency 7 only
  plans.back().perimeter = {false, {7}, {}, {}};
  plans.push_back(Plan(CrisisKind::kFlood, "2026-07-05", "2026-07-06"));  // commune 50502, level 2 every 3 days
  plans.back().perimeter = {false, {}, {"50502"}, {}};
  plans.back().cadence.level2_days = 3;
  plans.push_back(Plan(CrisisKind::kColdSnap, "2026-01-10", "2026-01-20"));  // building 42
  plans.back().perimeter = {false, {}, {}, {42}};
  plans.back().cadence = {10, 5, 1};

  const HouseholdPlace in_agency7{7, "14118", 1};
  const HouseholdPlace in_saint_lo{3, "50502", 2};
  const HouseholdPlace building42{3, "14118", 42};
  struct Case {
    const char* date;
    HouseholdPlace h;
    int level;
    size_t active;
    std::optional<int> days;
  };
  const Case cases[] = {
      {"2026-02-28", in_agency7, 3, 0, std::nullopt},  // before any plan
      {"2026-03-01", in_agency7, 3, 1, 2},            // lockdown from its first day
      {"2026-07-01", in_agency7, 3, 2, 1},            // heatwave stricter than lockdown
      {"2026-07-01", in_agency7, 2, 2, 7},
      {"2026-07-10", in_agency7, 3, 2, 1},            // end date inclusive
      {"2026-07-11", in_agency7, 3, 1, 2},
      {"2026-07-01", in_saint_lo, 3, 1, 2},           // heatwave not in its agency
      {"2026-07-05", in_saint_lo, 2, 2, 3},           // flood on its commune
      {"2026-07-07", in_saint_lo, 2, 1, 7},
      {"2026-01-15", building42, 3, 1, 1},            // cold snap before lockdown start
      {"2026-01-15", in_agency7, 1, 0, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ActivePlansOn(plans, c.date, c.h).size(), c.active) << c.date;
    EXPECT_EQ(CadenceOn(plans, c.date, c.h, c.level), c.days) << c.date << " level " << c.level;
  }
}

TEST(CrisisPlan, DefaultEscalationIsTwoDaysInAHeatwaveThreeOtherwise) {
  for (auto k : {CrisisKind::kPandemicLockdown, CrisisKind::kHeatwave, CrisisKind::kColdSnap, CrisisKind::kFlood,
                 CrisisKind::kCustom})
    EXPECT_EQ(DefaultEscalationDays(k), k == CrisisKind::kHeatwave ? 2 : 3) << CrisisKindCode(k);
  EXPECT_EQ(CrisisPlan{}.escalation_days, 3);
}

}  // namespace
}  // namespace relais::outreach
