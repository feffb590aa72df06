// The situations and the queue on both engines: the worked example's lease goes from the
// reminder to the CAF report once the reminder is recorded, with the reason in words; leases up to
// date are not stored; another landlord's officer, a call agent and a manager recording a step are
// refused; a crisis of the configuration or an outreach crisis plan pauses the reminder and the
// queue says so; the scan of several leases matches the analysis of each ledger alone.
#include <gtest/gtest.h>

#include "modules/housing/policy_table_testing.h"
#include "modules/outreach/crisis_plan_store.h"
#include "modules/rent/arrears_store.h"
#include "modules/rent/ledger_test_fixture.h"

namespace relais::rent {
namespace {

constexpr CivilDate kToday{2026, 11, 20};

class ArrearsStoreTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    // September paid; October and November: only the benefit (the worked example: 500.00 on 12/11).
    for (int month : {9, 10, 11}) {
      Post(lease_a_, {month, 1}, LineKind::kRent, 28000);
      Post(lease_a_, {month, 1}, LineKind::kCharges, 2000);
      Post(lease_a_, {month, 5}, LineKind::kHousingBenefit, 5000);
      // Landlord B's tenant pays everything.
      Post(lease_b_, {month, 1}, LineKind::kRent, 40000);
      Post(lease_b_, {month, 1}, LineKind::kCharges, 5000);
      Post(lease_b_, {month, 3}, LineKind::kPayment, 45000);
    }
    Post(lease_a_, {9, 5}, LineKind::kPayment, 25000);
    // A second lease of A, up to date.
    up_to_date_ = MakeHousing(a_, "C", {2020, 1, 1}, 30000, 0, 0, false);
    Post(up_to_date_, {11, 1}, LineKind::kRent, 30000);
    Post(up_to_date_, {11, 2}, LineKind::kPayment, 30000);
  }
  auth::Actor Officer(int64_t org) { return Staff(org, auth::Role::kSocialSupport); }
  QueuePage Queue(const ClockSettings& s = {}) {
    auto computed = OfficerComputesArrears(db(), Officer(a_), kToday, s);
    EXPECT_TRUE(computed.ok());
    auto page = OfficerListsArrearsQueue(db(), Officer(a_), {}, kToday, s);
    EXPECT_TRUE(page.ok());
    return *page;
  }
  int64_t up_to_date_ = 0;
};

TEST_P(ArrearsStoreTest, TheQueueGoesFromTheReminderToTheCafReport) {
  auto computed = OfficerComputesArrears(db(), Officer(a_), kToday, {});
  ASSERT_TRUE(computed.ok());
  EXPECT_EQ(computed->leases, 2);
  EXPECT_EQ(computed->in_arrears, 1);
  EXPECT_EQ(computed->with_step, 1);
  auto page = OfficerListsArrearsQueue(db(), Officer(a_), {}, kToday, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->total, 1);
  EXPECT_EQ(page->computed_on, "2026-11-20");
  const auto& item = page->items[0];
  EXPECT_EQ(item.lease_id, lease_a_);
  EXPECT_EQ(item.household_reference, "LOC-A");
  EXPECT_EQ(item.arrears_cents, 50000);
  EXPECT_EQ(item.months_hundredths, 200);
  EXPECT_EQ(item.arrears_since, "2026-10-01");
  EXPECT_EQ(item.step, Step::kReminder);
  EXPECT_EQ(item.due, "2026-10-12");

  StepRecord reminder;
  reminder.step = Step::kReminder;
  reminder.done_on = "2026-10-15";
  auto made = OfficerRecordsArrearsStep(db(), Officer(a_), lease_a_, reminder, kToday, {});
  ASSERT_TRUE(made.ok()) << made.error().message;
  page = OfficerListsArrearsQueue(db(), Officer(a_), {}, kToday, {});
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].step, Step::kCafReport);
  EXPECT_EQ(page->items[0].due, "2027-01-12");
  EXPECT_EQ(page->items[0].reason, "Signalement CAF à faire avant le 12/01 — impayé constitué le 12/11");
  // Only steps due by a date.
  QueueFilter f;
  f.due_by = CivilDate{2027, 1, 11};
  EXPECT_TRUE(OfficerListsArrearsQueue(db(), Officer(a_), f, kToday, {})->items.empty());
  f.due_by = CivilDate{2027, 1, 12};
  EXPECT_EQ(OfficerListsArrearsQueue(db(), Officer(a_), f, kToday, {})->items.size(), 1u);

  auto lease = OfficerReadsLeaseArrears(db(), Officer(a_), lease_a_, kToday, {});
  ASSERT_TRUE(lease.ok());
  EXPECT_EQ(lease->lines.size(), 10u);
  EXPECT_EQ(lease->steps.size(), 1u);
  EXPECT_EQ(lease->situation.facts.caf_threshold_since, (CivilDate{2026, 11, 12}));
  EXPECT_EQ(lease->situation.caf_threshold_cents, 50000);
  EXPECT_EQ(lease->situation.truce_until, (CivilDate{2027, 3, 31}));
}

TEST_P(ArrearsStoreTest, OthersAreRefused) {
  (void)Queue();
  // Landlord B's officer: B's queue is empty, A's lease is unknown.
  auto b = OfficerListsArrearsQueue(db(), Officer(b_), {}, kToday, {});
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->items.empty());
  EXPECT_EQ(OfficerReadsLeaseArrears(db(), Officer(b_), lease_a_, kToday, {}).error().code, ErrorCode::kNotFound);
  StepRecord step;
  step.step = Step::kReminder;
  step.done_on = "2026-11-01";
  EXPECT_EQ(OfficerRecordsArrearsStep(db(), Officer(b_), lease_a_, step, kToday, {}).error().code, ErrorCode::kNotFound);
  // A call agent sees nothing; a manager reads but does not record.
  EXPECT_EQ(OfficerListsArrearsQueue(db(), Staff(a_, auth::Role::kCallAgent), {}, kToday, {}).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(OfficerListsArrearsQueue(db(), Manager(a_), {}, kToday, {}).ok());
  EXPECT_EQ(OfficerRecordsArrearsStep(db(), Manager(a_), lease_a_, step, kToday, {}).error().code, ErrorCode::kForbidden);
  // Bad dates.
  step.done_on = "2026-11-21";
  EXPECT_EQ(OfficerRecordsArrearsStep(db(), Officer(a_), lease_a_, step, kToday, {}).error().field, "done_on");
  step.done_on = "2014-12-31";
  EXPECT_EQ(OfficerRecordsArrearsStep(db(), Officer(a_), lease_a_, step, kToday, {}).error().field, "done_on");
}

TEST_P(ArrearsStoreTest, ACrisisPausesTheReminderAndTheQueueSaysSo) {
  // A second tenant of A owes November only (300.00, under the threshold): a reminder to send.
  const int64_t behind = MakeHousing(a_, "P", {2020, 1, 1}, 30000, 0, 0, false);
  Post(behind, {11, 1}, LineKind::kRent, 30000);
  ClockSettings s;
  s.crisis_periods = *ParseCrisisPeriods("rent.crisis_periods", "Confinement=2026-11-01..2026-12-15");
  auto page = Queue(s);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.crises, std::vector<std::string>{"Confinement"});
  // The CAF report keeps its legal date and comes first; the reminder waits, last.
  EXPECT_EQ(page.items[0].lease_id, lease_a_);
  EXPECT_EQ(page.items[0].step, Step::kCafReport);
  EXPECT_FALSE(page.items[0].paused);
  EXPECT_EQ(page.items[0].crisis, "Confinement");
  EXPECT_NE(page.items[0].reason.find("ce délai légal n'est pas suspendu"), std::string::npos);
  EXPECT_EQ(page.items[1].lease_id, behind);
  EXPECT_EQ(page.items[1].step, Step::kReminder);
  EXPECT_TRUE(page.items[1].paused);
  EXPECT_EQ(page.items[1].due, "2026-12-16");
  // An outreach crisis plan over the whole organisation does the same.
  ClockSettings plans;
  outreach::CrisisPlan plan;
  plan.kind = outreach::CrisisKind::kColdSnap;
  plan.name = "Grand froid";
  plan.start_date = "2026-11-18";
  plan.end_date = "2026-11-30";
  (void)db().Write([&](db::Connection& c) -> Result<int64_t> { return outreach::InsertCrisisPlan(c, a_, plan, 7); });
  page = Queue(plans);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_TRUE(page.items[1].paused);
  EXPECT_EQ(page.items[1].crisis, "Grand froid");
  EXPECT_EQ(page.items[1].due, "2026-12-01");
  EXPECT_NE(page.items[1].reason.find("suspendu : crise « Grand froid » jusqu'au 30/11"), std::string::npos);
  // Unless the configuration leaves the plans out.
  plans.crisis_from_plans = false;
  page = Queue(plans);
  EXPECT_FALSE(page.items[1].paused);
  EXPECT_TRUE(page.crises.empty());
}

TEST_P(ArrearsStoreTest, TheScanMatchesEachLedgerAnalysedAlone) {
  for (int i = 0; i < 5; ++i) {
    const int64_t lease = MakeHousing(a_, "S" + std::to_string(i), {2024, 1, 1}, 30000 + i * 1000, 2000, 0, false);
    for (int month = 1; month <= 11; ++month) {
      Post(lease, {month, 1}, LineKind::kRent, 30000 + i * 1000);
      if (month % (i + 2) != 0) Post(lease, {month, 4}, LineKind::kPayment, 30000 + i * 1000);
    }
  }
  ClockSettings s;
  std::vector<Situation> scanned;
  (void)db().Read([&](db::Connection& c) {
    return ScanSituations(c, a_, kToday, s, [&](const Situation& sit) { scanned.push_back(sit); });
  });
  ASSERT_EQ(scanned.size(), 7u);
  for (const auto& sit : scanned) {
    auto alone = db().Read([&](db::Connection& c) { return LinesOfLease(c, a_, sit.lease_id); });
    auto facts = AnalyseLedger(alone, sit.terms, kToday, s.rules);
    EXPECT_EQ(sit.facts.balance_cents, facts.balance_cents) << sit.lease_id;
    EXPECT_EQ(sit.facts.arrears_cents, facts.arrears_cents) << sit.lease_id;
    EXPECT_EQ(sit.facts.arrears_since, facts.arrears_since) << sit.lease_id;
    EXPECT_EQ(sit.facts.caf_threshold_since, facts.caf_threshold_since) << sit.lease_id;
  }
}

// The scan shared between threads (chunks of 2 leases on the caller's connection and a reader)
// visits the same situations in the same order as the single scan, from a reader and from the
// writer.
TEST_P(ArrearsStoreTest, TheScanOnTwoConnectionsMatchesTheSingleScanInOrder) {
  for (int i = 0; i < 9; ++i) {
    const int64_t lease = MakeHousing(a_, "P" + std::to_string(i), {2024, 1, 1}, 30000 + i * 1000, 2000, 0, false);
    for (int month = 1; month <= 11; ++month) {
      Post(lease, {month, 1}, LineKind::kRent, 30000 + i * 1000);
      if (month % (i + 2) != 0) Post(lease, {month, 4}, LineKind::kPayment, 30000 + i * 1000);
    }
  }
  const ClockSettings s;
  const auto key = [](const Situation& sit) {
    return std::to_string(sit.lease_id) + ":" + std::to_string(sit.facts.balance_cents) + ":" +
           std::to_string(sit.facts.arrears_cents) + ":" + (sit.next ? sit.next->reason : std::string("-"));
  };
  std::vector<std::string> single, shared, alone;
  (void)db().Read([&](db::Connection& c) {
    return ScanSituations(c, a_, kToday, s, [&](const Situation& sit) { single.push_back(key(sit)); });
  });
  ASSERT_EQ(single.size(), 11u);
  ScanOptions two;
  two.chunk_leases = 2;
  const int64_t scanned = db().Read([&](db::Connection& c) {
    return ScanOrganisation(db(), c, a_, kToday, s, [&](const Situation& sit) { shared.push_back(key(sit)); }, two);
  });
  EXPECT_EQ(scanned, 11);
  EXPECT_EQ(shared, single);
  EXPECT_EQ(db().Stats().in_use, 0);
  // From the writer, as the nightly job does: the same.
  (void)db().Write([&](db::Connection& c) -> Result<int64_t> {
    return ScanOrganisation(db(), c, a_, kToday, s, [&](const Situation& sit) { alone.push_back(key(sit)); }, two);
  });
  EXPECT_EQ(alone, single);
  // The stored situations come from the shared scan: the same as before.
  auto computed = OfficerComputesArrears(db(), Officer(a_), kToday, s);
  ASSERT_TRUE(computed.ok());
  EXPECT_EQ(computed->leases, 11);

  // A cold pool of two readers (one connection opened, which the scan's caller holds): the scan
  // opens a second one for its helper rather than scanning alone (a cold PostgreSQL pool did).
  auto cold = db::Database::Open(t_->url(), 2);
  const int cold_size = cold->Stats().size;
  std::vector<std::string> from_cold, from_full;
  (void)cold->Read([&](db::Connection& c) {
    return ScanOrganisation(*cold, c, a_, kToday, s, [&](const Situation& sit) { from_cold.push_back(key(sit)); }, two);
  });
  EXPECT_EQ(from_cold, single);
  EXPECT_EQ(cold->Stats().size, cold_size + 1);
  // Both readers lent (the caller's and another user's): the scan does not wait for one, it
  // scans alone (SQLite's idle writer is not a reader to take).
  (void)cold->Read([&](db::Connection& c) {
    auto other = cold->Acquire(false);
    return ScanOrganisation(*cold, c, a_, kToday, s, [&](const Situation& sit) { from_full.push_back(key(sit)); }, two);
  });
  EXPECT_EQ(from_full, single);
  EXPECT_EQ(cold->Stats().waits, 0);
  EXPECT_EQ(cold->Stats().size, cold_size + 1);
  EXPECT_EQ(cold->Stats().in_use, 0);
}

TEST(ClockSettings, ConfigurationIsReadAndCheckedWithItsKey) {
  config::Config cfg;
  auto s = ClockSettingsFrom(cfg);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->rules.truce_extensions.size(), 2u);
  EXPECT_EQ(s->rules.payment_demand_reform_date, (CivilDate{2023, 7, 28}));
  EXPECT_EQ(s->crisis.mode, CrisisMode::kPause);
  cfg.rent_crisis_mode = "ignore";
  EXPECT_EQ(ClockSettingsFrom(cfg).error().field, "rent.crisis_mode");
  cfg = {};
  cfg.rent_winter_truce = "03-31..11-01";
  EXPECT_EQ(ClockSettingsFrom(cfg).error().field, "rent.winter_truce");
  cfg = {};
  cfg.rent_truce_extensions = "2019:2021-07-10";
  EXPECT_EQ(ClockSettingsFrom(cfg).error().field, "rent.truce_extensions");
  cfg = {};
  cfg.rent_truce_extensions = "";
  EXPECT_TRUE(ClockSettingsFrom(cfg)->rules.truce_extensions.empty());
  cfg = {};
  cfg.rent_payment_demand_reform_date = "28/07/2023";
  EXPECT_EQ(ClockSettingsFrom(cfg)->rules.payment_demand_reform_date, (CivilDate{2023, 7, 28}));
  cfg.rent_payment_demand_reform_date = "juillet";
  EXPECT_EQ(ClockSettingsFrom(cfg).error().field, "rent.payment_demand_reform_date");
  auto periods = ParseCrisisPeriods("k", "Confinement 2020=2020-03-17..2020-05-11; 2026-11-01..");
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 2u);
  EXPECT_EQ((*periods)[0].name, "Confinement 2020");
  EXPECT_EQ((*periods)[0].until, (CivilDate{2020, 5, 11}));
  EXPECT_FALSE((*periods)[1].until);
  EXPECT_EQ(ParseCrisisPeriods("k", "2020-05-11..2020-03-17").error().field, "k");
  EXPECT_EQ(ParseCrisisPeriods("k", "Confinement").error().field, "k");
}

// The policy on real records (rent_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of A's household and one without, the regional observer and A's
// tenant, on A's lease: read its arrears, list the queue, compute, record a step. Reading is for
// A's officers and managers; the other roles, another landlord, partners (even with a referral: a
// referral shares names and phones, never money), observers and tenants find nothing (404);
// recording a step is the officer's, a manager is told their role may not (403).
TEST_P(ArrearsStoreTest, RoleByActionByScope) {
  const int64_t household_a = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT household_id FROM leases WHERE id = ?", {db::P(lease_a_)});
  });
  const auto partners = housing::CreateTablePartners(db(), a_, household_a);
  housing::PolicyTable table({"read", "queue", "compute", "step"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool officer = r.role == auth::Role::kSocialSupport, manager = r.role == auth::Role::kManager;
    const std::string reads = officer || manager ? "ok" : "404";
    table.Add("A " + std::string(r.code), housing::TableStaff(a_, r.role, 11),
              {reads, reads, reads, officer ? "ok" : manager ? "403" : "404"});
    // Landlord B: its own queue is readable, A's lease does not exist.
    table.Add("B " + std::string(r.code), housing::TableStaff(b_, r.role, 11), {"404", reads, reads, "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral, 11),
            {"404", "404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral, 11),
            {"404", "404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(a_, 11), {"404", "404", "404", "404"});
  table.Add("tenant of A's lease", housing::TableTenant(a_, household_a, 11), {"404", "404", "404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  StepRecord step;
  step.step = Step::kReminder;
  step.done_on = "2026-11-10";
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerReadsLeaseArrears(db(), a, lease_a_, kToday, {})); },
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerListsArrearsQueue(db(), a, {}, kToday, {})); },
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerComputesArrears(db(), a, kToday, {})); },
      [&](const auth::Actor& a) {
        return PolicyOutcome(OfficerRecordsArrearsStep(db(), a, lease_a_, step, kToday, {}));
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, ArrearsStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::rent
