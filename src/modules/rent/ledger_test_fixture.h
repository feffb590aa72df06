// A database on either engine with two landlords and a household with a lease in each, for the
// ledger and arrears tests. Landlord A's lease: rent 280.00, charges 20.00, benefit 50.00 paid to
// the landlord (the worked example of DOMAIN.md §3), tenant LOC-A, from 2015-01-01.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "modules/housing/housing.h"
#include "modules/rent/ledger.h"
#include "platform/db/testing.h"

namespace relais::rent {

class LedgerFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    a_ = Org("Habitat A", "732829320");
    b_ = Org("Habitat B", "552100554");
    lease_a_ = MakeHousing(a_, "A", {2015, 1, 1}, 28000, 2000, 5000, true);
    lease_b_ = MakeHousing(b_, "B", {2018, 6, 1}, 40000, 5000, 0, false);
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    return *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
  }
  static auth::Actor Manager(int64_t org) {
    auth::Actor a;
    a.kind = auth::Kind::kStaff;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(auth::Role::kManager);
    return a;
  }
  // A staff member of `org` with one role (user 11).
  static auth::Actor Staff(int64_t org, auth::Role role) {
    auth::Actor a = Manager(org);
    a.user_id = 11;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  // Posts a line dated (month, day) of 2026 on a lease of A or B (a payment: by transfer).
  void Post(int64_t lease, std::pair<int, int> month_day, LineKind kind, int64_t amount) {
    NewLine l;
    l.lease_id = lease;
    l.date = {2026, month_day.first, month_day.second};
    l.kind = kind;
    l.amount_cents = amount;
    if (kind == LineKind::kPayment) l.method = PaymentMethod::kTransfer;
    const int64_t org = lease == lease_b_ ? b_ : a_;
    auto r = db().Write([&](db::Connection& c) { return PostLine(c, org, l, 0); });
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  // A building (once per organisation), a dwelling and a household "LOC-<tag>" with its lease.
  int64_t MakeHousing(int64_t org, const std::string& tag, CivilDate start, int64_t rent, int64_t charges,
                      int64_t benefit, bool to_landlord) {
    auto& building = buildings_[org];
    if (building == 0) {
      housing::Building b;
      b.reference = "BAT";
      b.street = "12 rue des Lilas";
      b.commune_insee = "50502";
      auto made = housing::ManagerCreatesBuilding(db(), Manager(org), b);
      EXPECT_TRUE(made.ok()) << made.error().message;
      building = made->id;
    }
    housing::Dwelling d;
    d.reference = "LGT-" + tag;
    d.building_id = building;
    d.rooms = 2;
    d.surface_cm2 = 4500;
    d.rent_cents = rent;
    d.charges_cents = charges;
    auto dwelling = housing::ManagerCreatesDwelling(db(), Manager(org), d);
    EXPECT_TRUE(dwelling.ok()) << dwelling.error().message;
    housing::Household h;
    h.reference = "LOC-" + tag;
    h.dwelling_id = dwelling->id;
    h.members.push_back({0, "Hélène", "Dupont " + tag, CivilDate{1960, 1, 1}, housing::Relation::kHolder});
    housing::Lease lease;
    lease.start_date = start;
    lease.rent_cents = rent;
    lease.charges_cents = charges;
    lease.housing_benefit_cents = benefit;
    lease.benefit_paid_to_landlord = to_landlord;
    h.lease = lease;
    auto made = housing::AgentCreatesHousehold(db(), Manager(org), h);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made->lease ? made->lease->id : 0;
  }

  std::unique_ptr<db::TestDatabase> t_;
  std::map<int64_t, int64_t> buildings_;
  int64_t a_ = 0, b_ = 0, lease_a_ = 0, lease_b_ = 0;
};

}  // namespace relais::rent
