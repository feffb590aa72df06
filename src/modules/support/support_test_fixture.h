// A database on either engine with one landlord (Habitat A), its social-support officer (Claire
// CESF, the actor of the use cases), and a household TEN-1 (Jeanne Dupont) in Calvados (14118) with
// a lease from 2020-01-01 at 300.00 of rent, no charges nor benefit: the plan, FSL and solutions
// tests start from it. Post() writes a ledger line on that lease.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "modules/housing/housing.h"
#include "modules/rent/ledger.h"
#include "platform/db/testing.h"

namespace relais::support {

class CaseFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320", "landlord"); });
    officer_.organisation_id = org_;
    officer_.roles = static_cast<uint32_t>(auth::Role::kSocialSupport);
    officer_.user_id = db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) "
                         "VALUES (?, 'cesf@a.fr', 'Claire CESF', 'x', 8, 0) RETURNING id", {db::P(org_)});
    });
    auth::Actor manager;
    manager.organisation_id = org_;
    manager.roles = static_cast<uint32_t>(auth::Role::kManager);
    const int64_t agency = db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence') RETURNING id", {db::P(org_)});
    });
    housing::Building b;
    b.reference = "B1";
    b.street = "2 rue des Lilas";
    b.commune_insee = "14118";
    b.agency_id = agency;
    auto building = housing::ManagerCreatesBuilding(db(), manager, b);
    housing::Dwelling d;
    d.reference = "LGT-1";
    d.building_id = building->id;
    d.rooms = 2;
    d.surface_cm2 = 4500;
    auto dwelling = housing::ManagerCreatesDwelling(db(), manager, d);
    housing::Household h;
    h.reference = "TEN-1";
    h.dwelling_id = dwelling->id;
    h.members.push_back({0, "Jeanne", "Dupont", CivilDate{1970, 1, 2}, housing::Relation::kHolder});
    housing::Lease l;
    l.start_date = {2020, 1, 1};
    l.rent_cents = 30000;
    h.lease = l;
    household_ = housing::AgentCreatesHousehold(db(), manager, h)->id;
    lease_ = *db().Read([&](db::Connection& c) {
      return c.QueryInt("SELECT id FROM leases WHERE household_id = ?", {db::P(household_)});
    });
  }
  db::Database& db() { return t_->db(); }
  void Post(CivilDate date, rent::LineKind kind, int64_t cents) {
    auto r = db().Write([&](db::Connection& c) {
      rent::NewLine l;
      l.lease_id = lease_;
      l.date = date;
      l.kind = kind;
      l.amount_cents = cents;
      if (kind == rent::LineKind::kPayment) l.method = rent::PaymentMethod::kTransfer;
      return rent::PostLine(c, org_, l, 0);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, household_ = 0, lease_ = 0;
  auth::Actor officer_;
};

}  // namespace relais::support
