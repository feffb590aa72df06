// A household's rent debt on its timeline (outreach's StaffReadsTimeline, rent's HouseholdDebtFor),
// on both engines: the worked example's lease (arrears since 1 October, the CAF threshold reached
// on 12 November) shows when the arrears began with the debt today and the next step, when the
// threshold was reached, and each legal step recorded, to those the rent policy lets read the
// ledger (an officer, a manager); a call agent or reception sees the support case and its officer
// but nothing of the debt; an officer of another agency sees no debt; another landlord gets 404.
#include <gtest/gtest.h>

#include "modules/outreach/need.h"
#include "modules/rent/arrears_store.h"
#include "modules/rent/ledger_test_fixture.h"
#include "modules/support/support.h"

namespace relais::rent {
namespace {
using auth::Role;

constexpr CivilDate kToday{2026, 11, 20};

class HouseholdDebtTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    // September paid; October and November: only the benefit (the worked example: 500.00 on 12/11).
    for (int month : {9, 10, 11}) {
      Post(lease_a_, {month, 1}, LineKind::kRent, 28000);
      Post(lease_a_, {month, 1}, LineKind::kCharges, 2000);
      Post(lease_a_, {month, 5}, LineKind::kHousingBenefit, 5000);
    }
    Post(lease_a_, {9, 5}, LineKind::kPayment, 25000);
    // A second household of A, up to date.
    up_to_date_ = MakeHousing(a_, "C", {2020, 1, 1}, 30000, 0, 0, false);
    Post(up_to_date_, {11, 1}, LineKind::kRent, 30000);
    Post(up_to_date_, {11, 2}, LineKind::kPayment, 30000);
    household_a_ = HouseholdOf(lease_a_);
    officer_ = Staff(a_, Role::kSocialSupport);
    officer_.user_id = db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, "
                         "created_at) VALUES (?, 'cesf@a.fr', 'Inès Conseillère', 'x', 8, 0) RETURNING id",
                         {db::P(a_)});
    });
  }
  int64_t HouseholdOf(int64_t lease) {
    return db().Read([&](db::Connection& c) {
      return *c.QueryInt("SELECT household_id FROM leases WHERE id = ?", {db::P(lease)});
    });
  }
  std::vector<outreach::TimelineEntry> Timeline(const auth::Actor& actor, int64_t household) {
    auto t = outreach::StaffReadsTimeline(db(), actor, household, kToday, {});
    EXPECT_TRUE(t.ok()) << t.error().message;
    return t.ok() ? *t : std::vector<outreach::TimelineEntry>{};
  }
  static std::vector<std::string> Types(const std::vector<outreach::TimelineEntry>& t) {
    std::vector<std::string> out;
    for (const auto& e : t) out.push_back(e.type);
    return out;
  }
  int64_t up_to_date_ = 0, household_a_ = 0;
  auth::Actor officer_;
};

TEST_P(HouseholdDebtTest, TheOfficerSeesWhenTheArrearsBeganTheThresholdAndTheSteps) {
  StepRecord reminder;
  reminder.step = Step::kReminder;
  reminder.done_on = "2026-10-15";
  reminder.note = "Appel : paiement promis pour la fin du mois";
  auto made = OfficerRecordsArrearsStep(db(), officer_, lease_a_, reminder, kToday, {});
  ASSERT_TRUE(made.ok()) << made.error().message;

  const auto t = Timeline(officer_, household_a_);
  ASSERT_EQ(Types(t), (std::vector<std::string>{"rent_caf_threshold", "rent_step", "rent_arrears"}));
  const auto& threshold = t[0];
  EXPECT_EQ(threshold.id, lease_a_);
  EXPECT_EQ(threshold.at, ParisMidnightUtcMillis({2026, 11, 12}));
  EXPECT_EQ(threshold.status, "reached");
  ASSERT_TRUE(threshold.debt);
  EXPECT_EQ(threshold.debt->caf_threshold_cents, 50000);

  const auto& step = t[1];
  EXPECT_EQ(step.id, made->id);
  EXPECT_EQ(step.at, ParisMidnightUtcMillis({2026, 10, 15}));
  EXPECT_EQ(step.code, "reminder");
  EXPECT_EQ(step.text, "Appel : paiement promis pour la fin du mois");
  EXPECT_EQ(step.parent_id, lease_a_);
  EXPECT_FALSE(step.debt);

  const auto& arrears = t[2];
  EXPECT_EQ(arrears.id, lease_a_);
  EXPECT_EQ(arrears.at, ParisMidnightUtcMillis({2026, 10, 1}));  // the October rent, the oldest unpaid
  EXPECT_EQ(arrears.status, "current");
  ASSERT_TRUE(arrears.debt);
  EXPECT_EQ(arrears.debt->balance_cents, 50000);
  EXPECT_EQ(arrears.debt->arrears_cents, 50000);
  EXPECT_EQ(arrears.debt->months_hundredths, 200);
  // The next step of the legal clock, in the queue's words.
  EXPECT_EQ(arrears.code, "caf_report");
  EXPECT_EQ(arrears.text, "Signalement CAF à faire avant le 12/01 — impayé constitué le 12/11");

  // Each entry is a read of the lease's ledger (the route audits it).
  for (const auto& e : t) {
    ASSERT_TRUE(e.reveals);
    EXPECT_EQ(e.reveals->record_type, "lease_ledger");
    EXPECT_EQ(e.reveals->record_id, lease_a_);
  }
  // The same figures as the lease's own page.
  auto lease = OfficerReadsLeaseArrears(db(), officer_, lease_a_, kToday, {});
  ASSERT_TRUE(lease.ok());
  EXPECT_EQ(arrears.debt->balance_cents, lease->situation.facts.balance_cents);
  EXPECT_EQ(arrears.debt->months_hundredths, lease->situation.facts.months_hundredths);

  // A manager reads the ledger too: the same entries.
  EXPECT_EQ(Types(Timeline(Manager(a_), household_a_)), Types(t));
  // A household up to date has no rent entry.
  EXPECT_TRUE(Timeline(officer_, HouseholdOf(up_to_date_)).empty());
}

TEST_P(HouseholdDebtTest, ACallAgentSeesTheCaseAndItsOfficerButNothingOfTheDebt) {
  support::OpenCaseInput in;
  in.reason = "Impayé depuis octobre";
  auto opened = support::OfficerOpensSupportCase(db(), officer_, household_a_, in);
  ASSERT_TRUE(opened.ok()) << opened.error().message;

  for (Role role : {Role::kCallAgent, Role::kReception, Role::kAllocation}) {
    const auto t = Timeline(Staff(a_, role), household_a_);
    EXPECT_EQ(Types(t), (std::vector<std::string>{"support_case"})) << static_cast<int>(role);
    for (const auto& e : t) {
      EXPECT_EQ(e.text, "Inès Conseillère");  // the officer, not the reason
      EXPECT_FALSE(e.debt);
      EXPECT_FALSE(e.reveals);
    }
  }
  // Straight from the rent module: nothing for them.
  db().Read([&](db::Connection& c) {
    EXPECT_TRUE(HouseholdDebtFor(c, Staff(a_, Role::kCallAgent), household_a_, kToday, {}).empty());
    EXPECT_EQ(HouseholdDebtFor(c, officer_, household_a_, kToday, {}).size(), 1u);
    return 0;
  });
  // The officer sees the case and the debt.
  EXPECT_EQ(Types(Timeline(officer_, household_a_)),
            (std::vector<std::string>{"support_case", "rent_caf_threshold", "rent_arrears"}));
}

TEST_P(HouseholdDebtTest, OtherAgenciesAndOtherLandlordsSeeNone) {
  // An officer bound to an agency the lease's building is not in: the timeline, without the debt.
  const int64_t agency = db().Write([&](db::Connection& c) {
    return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Nord') RETURNING id",
                       {db::P(a_)});
  });
  auth::Actor elsewhere = officer_;
  elsewhere.agency_ids = {agency};
  EXPECT_TRUE(Timeline(elsewhere, household_a_).empty());
  // Landlord B's officer and manager: no such household.
  EXPECT_EQ(outreach::StaffReadsTimeline(db(), Staff(b_, Role::kSocialSupport), household_a_, kToday, {}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(outreach::StaffReadsTimeline(db(), Manager(b_), household_a_, kToday, {}).error().code,
            ErrorCode::kNotFound);
  // A caretaker may not read the timeline at all.
  EXPECT_EQ(outreach::StaffReadsTimeline(db(), Staff(a_, Role::kCaretaker), household_a_, kToday, {}).error().code,
            ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Engines, HouseholdDebtTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::rent
