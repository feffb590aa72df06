// For the policy tables on real records (docs/testing.md, "Policy tables"): each module's
// `RoleByActionByScope` test lists who acts (every landlord role of the own landlord and of
// another, a partner with an open referral of the household and one without, the regional
// observer, a tenant) and what each action must answer for them. This header holds what those
// tests share: the two partners and the referral, the actors of the rows, and the loop that runs
// every action for every row. Test code only (it uses GoogleTest); header-only like
// platform/core/outcome_testing.h.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "modules/housing/housing.h"
#include "platform/auth/actor.h"
#include "platform/core/outcome_testing.h"
#include "platform/db/db.h"

namespace relais::housing {

// The partner organisations of a table: a CCAS to which the household is referred (an open
// referral: it sees the household's names and phones, housing_scope) and an association to which
// nothing is.
struct TablePartners {
  int64_t with_referral = 0;
  int64_t without_referral = 0;
};

// Creates both partners and the open referral of `household` (of landlord `landlord`) to the first.
inline TablePartners CreateTablePartners(db::Database& db, int64_t landlord, int64_t household) {
  TablePartners p;
  auto made = db.Write([&](db::Connection& c) -> Result<int> {
    auto with = CreateOrganisation(c, "CCAS de Saint-Lô", "130023757", "partner");
    auto without = CreateOrganisation(c, "Secours", "775672272", "partner");
    if (!with.ok()) return with.error();
    if (!without.ok()) return without.error();
    p.with_referral = *with;
    p.without_referral = *without;
    c.Exec("INSERT INTO referrals (organisation_id, partner_id, household_id, reason, status, opened_by, opened_at) "
           "VALUES (?, ?, ?, 'Suivi', 'open', 7, 1)",
           {db::P(landlord), db::P(p.with_referral), db::P(household)});
    return 0;
  });
  EXPECT_TRUE(made.ok()) << "the partners of the table: " << made.error().message;
  return p;
}

// A household of `landlord` in Saint-Lô (building, dwelling, household; no member), for the tables
// whose records are not a household's but whose partners need one to be referred and whose tenant
// needs one to belong to.
inline int64_t CreateTableHousehold(db::Database& db, int64_t landlord, const std::string& tag = "T") {
  auto made = db.Write([&](db::Connection& c) -> Result<int64_t> {
    const auto building = c.QueryInt(
        "INSERT INTO buildings (organisation_id, reference, street, commune_insee, updated_at) "
        "VALUES (?, ?, '1 rue des Lilas', '50502', 0) RETURNING id",
        {db::P(landlord), db::P("BAT-" + tag)});
    const auto dwelling = c.QueryInt(
        "INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, rent_cents, "
        "charges_cents, updated_at) VALUES (?, ?, ?, 2, 4500, 'PLUS', 30000, 5000, 0) RETURNING id",
        {db::P(landlord), db::P(building.value_or(0)), db::P("LGT-" + tag)});
    const auto household = c.QueryInt(
        "INSERT INTO households (organisation_id, reference, dwelling_id, updated_at) VALUES (?, ?, ?, 0) RETURNING id",
        {db::P(landlord), db::P("TEN-" + tag), db::P(dwelling.value_or(0))});
    return household.value_or(0);
  });
  EXPECT_TRUE(made.ok() && *made != 0) << "the household of the table";
  return made.ok() ? *made : 0;
}

// The actors of the rows. `user_id` matters only where a record names its person (a call's agent).
inline auth::Actor TableActor(auth::Kind kind, int64_t organisation, uint32_t roles, int64_t user_id = 7) {
  auth::Actor a;
  a.kind = kind;
  a.user_id = user_id;
  a.organisation_id = organisation;
  a.roles = roles;
  return a;
}
inline auth::Actor TableStaff(int64_t organisation, auth::Role role, int64_t user_id = 7) {
  return TableActor(auth::Kind::kStaff, organisation, static_cast<uint32_t>(role), user_id);
}
inline auth::Actor TablePartnerWorker(int64_t partner, int64_t user_id = 7) {
  return TableActor(auth::Kind::kPartner, partner, static_cast<uint32_t>(auth::Role::kPartnerWorker), user_id);
}
inline auth::Actor TableObserver(int64_t organisation, int64_t user_id = 7) {
  return TableActor(auth::Kind::kObserver, organisation, static_cast<uint32_t>(auth::Role::kRegionalObserver), user_id);
}
inline auth::Actor TableTenant(int64_t organisation, int64_t household, int64_t user_id = 7) {
  auth::Actor a = TableActor(auth::Kind::kTenant, organisation, 0, user_id);
  a.household_id = household;
  return a;
}

// The nine roles of a landlord's staff (auth::kLandlordRoles), in display order.
inline std::vector<auth::RoleName> LandlordRoles() {
  std::vector<auth::RoleName> out;
  for (const auto& r : auth::AllRoles())
    if ((static_cast<uint32_t>(r.role) & auth::kLandlordRoles) != 0) out.push_back(r);
  return out;
}

// A table: its columns (the actions, by name) and its rows (who, and the answer of each action:
// "ok", "403", "404", "invalid <field>", as PolicyOutcome words them).
class PolicyTable {
 public:
  // What an action answered for an actor, as PolicyOutcome words it.
  using Action = std::function<std::string(const auth::Actor&)>;

  explicit PolicyTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  void Add(std::string who, auth::Actor actor, std::vector<std::string> answers) {
    EXPECT_EQ(answers.size(), columns_.size()) << who;
    rows_.push_back({std::move(who), std::move(actor), std::move(answers)});
  }
  size_t size() const { return rows_.size(); }

  // Runs the actions (one a column, in order) for each row in order, and compares each answer with
  // the table's. Actions that change records run in this order too. Returns the number of checks.
  size_t Check(const std::vector<Action>& actions) const {
    EXPECT_EQ(actions.size(), columns_.size());
    size_t checks = 0;
    for (const auto& row : rows_) {
      SCOPED_TRACE(row.who);  // for the checks an action makes of its own
      for (size_t i = 0; i < actions.size() && i < row.answers.size(); ++i, ++checks)
        EXPECT_EQ(actions[i](row.actor), row.answers[i]) << row.who << ": " << columns_[i];
    }
    ::testing::Test::RecordProperty("policy_checks", static_cast<int>(checks));
    return checks;
  }

 private:
  struct Row {
    std::string who;
    auth::Actor actor;
    std::vector<std::string> answers;
  };
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
};

}  // namespace relais::housing
