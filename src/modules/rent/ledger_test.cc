// The ledger store on both engines: posting lines (signs by kind, validation, made-up and taken
// references), the lines and balance of a lease at a date, scoping by organisation; and the demo
// ledgers: 24 months, deterministic for a seed, some households behind.
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/rent/ledger.h"
#include "modules/rent/ledger_demo.h"
#include "modules/rent/ledger_test_fixture.h"
#include "platform/db/migrate.h"

namespace relais::rent {
namespace {

TEST(LedgerLine, ValidationNamesTheField) {
  NewLine ok{1, "Q-1", {2026, 9, 1}, LineKind::kRent, std::nullopt, 28000, "Loyer"};
  EXPECT_TRUE(ValidateLine(ok).ok());
  auto bad = ok;
  bad.amount_cents = 0;
  EXPECT_EQ(ValidateLine(bad).error().field, "amount_cents");
  bad.amount_cents = -1;
  EXPECT_EQ(ValidateLine(bad).error().field, "amount_cents");
  bad = ok;
  bad.kind = LineKind::kAdjustment;
  bad.amount_cents = -3520;  // an adjustment carries its sign
  EXPECT_TRUE(ValidateLine(bad).ok());
  bad = ok;
  bad.kind = LineKind::kPayment;
  EXPECT_EQ(ValidateLine(bad).error().field, "method");
  bad.method = PaymentMethod::kCheque;
  EXPECT_TRUE(ValidateLine(bad).ok());
  bad = ok;
  bad.method = PaymentMethod::kCheque;
  EXPECT_EQ(ValidateLine(bad).error().field, "method");
  bad = ok;
  bad.date = {1949, 12, 31};
  EXPECT_EQ(ValidateLine(bad).error().field, "date");
  bad.date = {2025, 2, 29};
  EXPECT_EQ(ValidateLine(bad).error().field, "date");
  bad.date = {2024, 2, 29};  // a leap day is a date
  EXPECT_TRUE(ValidateLine(bad).ok());
  bad = ok;
  bad.amount_cents = 100'000'001;
  EXPECT_EQ(ValidateLine(bad).error().field, "amount_cents");
  bad.amount_cents = 100'000'000;
  EXPECT_TRUE(ValidateLine(bad).ok());
}

TEST(LedgerLine, CodesRoundTrip) {
  for (auto k : {LineKind::kRent, LineKind::kCharges, LineKind::kPayment, LineKind::kHousingBenefit,
                 LineKind::kAdjustment, LineKind::kFslGrant, LineKind::kGuaranteePayment, LineKind::kOtherAid})
    EXPECT_EQ(LineKindOf(CodeOf(k)), k);
  for (auto m : {PaymentMethod::kTransfer, PaymentMethod::kDirectDebit, PaymentMethod::kCheque, PaymentMethod::kCash,
                 PaymentMethod::kCard, PaymentMethod::kOther})
    EXPECT_EQ(PaymentMethodOf(CodeOf(m)), m);
  EXPECT_EQ(LineKindOf("loyer"), std::nullopt);
}

// How a line is stored (ADR 0022): the codes are fixed, migration 0054 wrote them; the day number
// is days since 1970-01-01, negative before, leap days counted.
TEST(LedgerLine, StoredKindCodesAreFixed) {
  const std::vector<std::pair<LineKind, int>> table = {
      {LineKind::kRent, 0},       {LineKind::kCharges, 1},   {LineKind::kPayment, 2},
      {LineKind::kHousingBenefit, 3}, {LineKind::kAdjustment, 4}, {LineKind::kFslGrant, 5},
      {LineKind::kGuaranteePayment, 6}, {LineKind::kOtherAid, 7},
  };
  for (const auto& [kind, code] : table) {
    EXPECT_EQ(StoredKindOf(kind), code) << CodeOf(kind);
    EXPECT_EQ(LineKindOfStored(code), kind) << code;
  }
  EXPECT_EQ(LineKindOfStored(-1), std::nullopt);
  EXPECT_EQ(LineKindOfStored(8), std::nullopt);
}

TEST(LedgerLine, StoredDayIsDaysSince1970) {
  const std::vector<std::pair<CivilDate, int64_t>> table = {
      {{1970, 1, 1}, 0},        {{1970, 1, 2}, 1},        {{1969, 12, 31}, -1},
      {{1950, 1, 1}, -7305},    {{2000, 2, 29}, 11016},   {{2000, 3, 1}, 11017},
      {{2024, 2, 28}, 19781},   {{2024, 2, 29}, 19782},   {{2024, 3, 1}, 19783},
      {{2025, 2, 28}, 20147},   {{2025, 3, 1}, 20148},    {{2026, 11, 20}, 20777},
      {{2099, 12, 31}, 47481},
  };
  for (const auto& [date, day] : table) {
    EXPECT_EQ(StoredDayOf(date), day) << FormatIso(date);
    EXPECT_EQ(DateOfStoredDay(day), date) << day;
  }
  // Day numbers order as the dates do, across a year's end.
  EXPECT_LT(StoredDayOf({2025, 12, 31}), StoredDayOf({2026, 1, 1}));
}

// Migration 0054 on both engines: lines written as 0030 stored them (text dates and kinds) read
// back the same after it, the CHECK constraints still hold, and new lines get new ids.
class LedgerMigrationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LedgerMigrationTest, ConvertsTextDatesAndKindsToNumbers) {
  db::TestDatabase t(GetParam(), /*migrate=*/false);
  db::MigrateBefore(t.db(), "0054");
  // The schema as 0053 left it, written in plain SQL (the modules' code is at the current schema).
  t.db().Write([](db::Connection& c) {
    c.Exec("INSERT INTO organisations (id, name, siren, created_at) VALUES (1, 'Habitat A', '732829320', 0)");
    c.Exec("INSERT INTO buildings (id, organisation_id, reference, street, commune_insee, updated_at) "
           "VALUES (1, 1, 'BAT', '1 rue des Lilas', '14118', 0)");
    c.Exec("INSERT INTO dwellings (id, organisation_id, building_id, reference, rooms, surface_cm2, financing, "
           "rent_cents, charges_cents, updated_at) VALUES (1, 1, 1, 'LGT-1', 2, 4500, 'PLUS', 28000, 2000, 0)");
    c.Exec("INSERT INTO households (id, organisation_id, reference, dwelling_id, updated_at) VALUES (1, 1, 'LOC-1', 1, 0)");
    c.Exec("INSERT INTO leases (id, organisation_id, household_id, dwelling_id, start_date, rent_cents, charges_cents, "
           "housing_benefit_cents, benefit_paid_to_landlord) VALUES (1, 1, 1, 1, '1960-01-01', 28000, 2000, 5000, 1)");
    const char* rows[][4] = {
        {"1950-01-01", "rent", nullptr, "28000"},        {"1969-12-31", "charges", nullptr, "2000"},
        {"1970-01-01", "payment", "transfer", "-20000"}, {"2024-02-29", "housing_benefit", nullptr, "-5000"},
        {"2024-03-01", "adjustment", nullptr, "-150"},   {"2025-02-28", "fsl_grant", nullptr, "-1000"},
        {"2025-03-01", "guarantee_payment", nullptr, "-2000"}, {"2026-11-20", "other_aid", nullptr, "-300"},
    };
    int n = 0;
    for (const auto& r : rows)
      c.Exec("INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_date, kind, method, amount_cents, "
             "label, created_at) VALUES (1, 1, ?, ?, ?, ?, ?, 'L', 0)",
             {db::P("R-" + std::to_string(++n)), db::P(r[0]), db::P(r[1]),
              r[2] ? db::P(r[2]) : db::P(nullptr), db::P(int64_t{std::stoll(r[3])})});
    return true;
  });
  const auto applied = db::Migrate(t.db());
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0054_ledger_day_numbers");

  const auto lines = t.db().Read([](db::Connection& c) { return LinesOfLease(c, 1, 1); });
  ASSERT_EQ(lines.size(), 8u);
  const std::vector<std::pair<std::string, LineKind>> expected = {
      {"1950-01-01", LineKind::kRent},           {"1969-12-31", LineKind::kCharges},
      {"1970-01-01", LineKind::kPayment},        {"2024-02-29", LineKind::kHousingBenefit},
      {"2024-03-01", LineKind::kAdjustment},     {"2025-02-28", LineKind::kFslGrant},
      {"2025-03-01", LineKind::kGuaranteePayment}, {"2026-11-20", LineKind::kOtherAid},
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(FormatIso(lines[i].date), expected[i].first) << i;
    EXPECT_EQ(lines[i].kind, expected[i].second) << i;
    EXPECT_EQ(lines[i].id, static_cast<int64_t>(i + 1));
  }
  EXPECT_EQ(lines[2].method, PaymentMethod::kTransfer);
  EXPECT_EQ(lines[1].method, std::nullopt);
  const auto balance = [&](CivilDate on) { return t.db().Read([&](db::Connection& c) { return BalanceOfLease(c, 1, 1, on); }); };
  EXPECT_EQ(balance({1969, 12, 30}), 28000);
  EXPECT_EQ(balance({1970, 1, 1}), 10000);
  EXPECT_EQ(balance({2024, 2, 28}), 10000);
  EXPECT_EQ(balance({2024, 2, 29}), 5000);
  EXPECT_EQ(balance({2026, 11, 20}), 28000 + 2000 - 20000 - 5000 - 150 - 1000 - 2000 - 300);

  // The CHECK constraints, now on the code: a kind out of range, a payment without a method, a
  // method on a rent are refused.
  const auto insert = [&](int64_t kind, const char* method) {
    try {
      t.db().Write([&](db::Connection& c) {
        return c.Exec("INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_day, kind_code, method, "
                      "amount_cents, created_at) VALUES (1, 1, ?, 20000, ?, ?, 100, 0)",
                      {db::P("X-" + std::to_string(kind) + (method ? method : "")), db::P(kind),
                       method ? db::P(method) : db::P(nullptr)});
      });
      return true;
    } catch (const db::DbError&) {
      return false;
    }
  };
  EXPECT_FALSE(insert(8, nullptr));
  EXPECT_FALSE(insert(-1, nullptr));
  EXPECT_FALSE(insert(2, nullptr));
  EXPECT_FALSE(insert(0, "cash"));
  EXPECT_TRUE(insert(2, "cash"));
  // A line posted after the migration gets the next id (PostgreSQL's identity kept its place).
  auto posted = t.db().Write([](db::Connection& c) {
    return PostLine(c, 1, {1, "", {2026, 11, 21}, LineKind::kRent, std::nullopt, 100, ""}, 7);
  });
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_GT(*posted, 9);
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerMigrationTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

class LedgerStoreTest : public LedgerFixture {};

TEST_P(LedgerStoreTest, PostsLinesWithTheSignOfTheirKindAndGivesTheBalanceAtADate) {
  auto post = [&](NewLine l) {
    return db().Write([&](db::Connection& c) { return PostLine(c, a_, l, 7); });
  };
  ASSERT_TRUE(post({lease_a_, "Q-09-L", {2026, 9, 1}, LineKind::kRent, std::nullopt, 28000, "Loyer"}).ok());
  ASSERT_TRUE(post({lease_a_, "Q-09-C", {2026, 9, 1}, LineKind::kCharges, std::nullopt, 2000, ""}).ok());
  ASSERT_TRUE(post({lease_a_, "Q-09-A", {2026, 9, 5}, LineKind::kHousingBenefit, std::nullopt, 5000, ""}).ok());
  ASSERT_TRUE(post({lease_a_, "E-09", {2026, 9, 10}, LineKind::kPayment, PaymentMethod::kTransfer, 20000, ""}).ok());
  ASSERT_TRUE(post({lease_a_, "R-09", {2026, 9, 20}, LineKind::kAdjustment, std::nullopt, -1500, "Trop-perçu"}).ok());
  // A grant posted by a support case, without a reference of its own.
  auto grant = post({lease_a_, "", {2026, 10, 2}, LineKind::kFslGrant, std::nullopt, 1000, "Aide FSL"});
  ASSERT_TRUE(grant.ok());

  auto lines = db().Read([&](db::Connection& c) { return LinesOfLease(c, a_, lease_a_); });
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0].amount_cents + lines[1].amount_cents, 30000);
  EXPECT_EQ(lines[2].kind, LineKind::kHousingBenefit);
  EXPECT_EQ(lines[2].amount_cents, -5000);
  EXPECT_EQ(lines[3].method, PaymentMethod::kTransfer);
  EXPECT_EQ(lines[3].amount_cents, -20000);
  EXPECT_EQ(lines[3].created_by, 7);
  EXPECT_EQ(lines[4].amount_cents, -1500);
  EXPECT_EQ(lines[5].reference, "RELAIS-" + std::to_string(lease_a_) + "-6");
  EXPECT_EQ(lines[5].amount_cents, -1000);

  auto balance = [&](CivilDate on) { return db().Read([&](db::Connection& c) { return BalanceOfLease(c, a_, lease_a_, on); }); };
  EXPECT_EQ(balance({2026, 8, 31}), 0);
  EXPECT_EQ(balance({2026, 9, 1}), 30000);   // lines of the day count
  EXPECT_EQ(balance({2026, 9, 4}), 30000);
  EXPECT_EQ(balance({2026, 9, 5}), 25000);
  EXPECT_EQ(balance({2026, 9, 10}), 5000);
  EXPECT_EQ(balance({2026, 9, 20}), 3500);
  EXPECT_EQ(balance({2026, 10, 2}), 2500);

  // Another landlord sees nothing and cannot post on the lease.
  EXPECT_TRUE(db().Read([&](db::Connection& c) { return LinesOfLease(c, b_, lease_a_); }).empty());
  EXPECT_EQ(db().Read([&](db::Connection& c) { return BalanceOfLease(c, b_, lease_a_, {2026, 12, 31}); }), 0);
  auto foreign = db().Write([&](db::Connection& c) {
    return PostLine(c, b_, {lease_a_, "X", {2026, 9, 1}, LineKind::kRent, std::nullopt, 100, ""}, 7);
  });
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  // A reference is unique in the organisation, but another landlord may use the same one.
  auto twice = post({lease_a_, "Q-09-L", {2026, 9, 1}, LineKind::kRent, std::nullopt, 28000, ""});
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().field, "reference");
  auto other = db().Write([&](db::Connection& c) {
    return PostLine(c, b_, {lease_b_, "Q-09-L", {2026, 9, 1}, LineKind::kRent, std::nullopt, 100, ""}, 7);
  });
  EXPECT_TRUE(other.ok());
  auto invalid = post({lease_a_, "P", {2026, 9, 1}, LineKind::kPayment, std::nullopt, 100, ""});
  EXPECT_EQ(invalid.error().field, "method");
}

TEST_P(LedgerStoreTest, AMadeUpReferenceSkipsOneAlreadyTaken) {
  auto post = [&](NewLine l) { return db().Write([&](db::Connection& c) { return PostLine(c, a_, l, 7); }); };
  const std::string taken = "RELAIS-" + std::to_string(lease_a_) + "-2";  // what the second line would get
  ASSERT_TRUE(post({lease_a_, taken, {2026, 9, 1}, LineKind::kRent, std::nullopt, 100, ""}).ok());
  ASSERT_TRUE(post({lease_a_, "", {2026, 9, 2}, LineKind::kOtherAid, std::nullopt, 100, ""}).ok());
  auto lines = db().Read([&](db::Connection& c) { return LinesOfLease(c, a_, lease_a_); });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].reference, "RELAIS-" + std::to_string(lease_a_) + "-3");
}

TEST_P(LedgerStoreTest, DemoLedgersCover24MonthsDeterministically) {
  const CivilDate today{2026, 11, 28};
  // 60 more households, to have every profile.
  for (int i = 0; i < 60; ++i) MakeHousing(a_, "D" + std::to_string(i), {2015, 1, 1}, 35000, 4000, 10000, i % 2 == 0);
  auto made = db().Write([&](db::Connection& c) -> Result<DemoLedgerCounts> { return MakeDemoLedgers(c, a_, today, 1); });
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->leases, 61);
  EXPECT_GT(made->lines, 61 * 24 * 2);
  EXPECT_GT(made->in_arrears, 0);
  EXPECT_LT(made->in_arrears, 30);
  auto lines = db().Read([&](db::Connection& c) { return LinesOfLease(c, a_, lease_a_); });
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().date, (CivilDate{2024, 12, 1}));
  EXPECT_EQ(lines.front().kind, LineKind::kRent);
  for (const auto& l : lines) EXPECT_LE(l.date, today);
  EXPECT_EQ(DemoLedgerStart(today), (CivilDate{2024, 12, 1}));
  EXPECT_EQ(DemoCrisisStart(today), (CivilDate{2025, 9, 1}));
  EXPECT_EQ(DemoCrisisEnd(today), (CivilDate{2026, 2, 28}));
  // The same seed gives the same ledgers (on another landlord with the same leases: same balances).
  std::string sums;
  (void)db().Read([&](db::Connection& c) -> Result<bool> {
    c.Query("SELECT lease_id, SUM(amount_cents), COUNT(*) FROM ledger_lines WHERE organisation_id = ? GROUP BY lease_id "
            "ORDER BY lease_id",
            {db::P(a_)}, [&](const db::Row& r) { sums += r.Str(1) + "/" + r.Str(2) + " "; });
    return true;
  });
  auto again = db().Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("DELETE FROM ledger_lines WHERE organisation_id = ?", {db::P(a_)});
    MakeDemoLedgers(c, a_, today, 1);
    return Unit{};
  });
  ASSERT_TRUE(again.ok());
  std::string sums2;
  (void)db().Read([&](db::Connection& c) -> Result<bool> {
    c.Query("SELECT lease_id, SUM(amount_cents), COUNT(*) FROM ledger_lines WHERE organisation_id = ? GROUP BY lease_id "
            "ORDER BY lease_id",
            {db::P(a_)}, [&](const db::Row& r) { sums2 += r.Str(1) + "/" + r.Str(2) + " "; });
    return true;
  });
  EXPECT_EQ(sums, sums2);
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::rent
