#include <gtest/gtest.h>

#include "modules/housing/housing.h"

namespace relais::housing {
namespace {

TEST(HousingRulesTest, ChecksSirenWithLuhn) {
  EXPECT_TRUE(IsValidSiren("732829320"));
  EXPECT_FALSE(IsValidSiren("732829321"));
  EXPECT_FALSE(IsValidSiren("73282932"));
  EXPECT_FALSE(IsValidSiren("73282932a"));
}

TEST(HousingRulesTest, KnowsTheCommunesOfNormandy) {
  EXPECT_EQ(Communes().size(), 2651u);
  const Commune* c = FindCommune("50502");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "Saint-Lô");
  EXPECT_EQ(c->departement, "50");
  EXPECT_GT(c->population, 15000);
  EXPECT_EQ(FindCommune("75056"), nullptr);  // Paris is not in Normandy
}

Household ValidHousehold() {
  Household h;
  h.reference = "T001";
  Member m;
  m.first_name = "Hélène";
  m.last_name = "Lefèvre";
  m.birth_date = CivilDate{1941, 3, 2};
  h.members.push_back(m);
  h.phones.push_back({"06 39 98 12 34", "mobile"});
  Lease l;
  l.start_date = {2001, 5, 1};
  l.rent_cents = 28000;
  l.charges_cents = 2000;
  l.housing_benefit_cents = 5000;
  h.lease = l;
  return h;
}

TEST(HousingRulesTest, AcceptsAValidHousehold) { EXPECT_FALSE(ValidateHousehold(ValidHousehold())); }

TEST(HousingRulesTest, NamesTheFieldOfEachBrokenRule) {
  auto field_of = [](Household h) { auto e = ValidateHousehold(h); return e ? e->field : std::string("ok"); };
  Household h = ValidHousehold();
  h.reference = "";
  EXPECT_EQ(field_of(h), "reference");
  h = ValidHousehold();
  h.members[0].last_name = " ";
  EXPECT_EQ(field_of(h), "members[0].last_name");
  h = ValidHousehold();
  h.members[0].relation = Relation::kChild;
  EXPECT_EQ(field_of(h), "members");  // no holder
  h = ValidHousehold();
  h.phones[0].number = "12 34";
  EXPECT_EQ(field_of(h), "phones[0].number");
  h = ValidHousehold();
  h.email = "pas-un-email";
  EXPECT_EQ(field_of(h), "email");
  h = ValidHousehold();
  h.preferred_language = "FR";
  EXPECT_EQ(field_of(h), "preferred_language");
  h = ValidHousehold();
  h.lease->housing_benefit_cents = 30001;  // more than rent + charges
  EXPECT_EQ(field_of(h), "lease.housing_benefit_cents");
  h.lease->housing_benefit_cents = 30000;  // exactly rent + charges is possible
  EXPECT_EQ(field_of(h), "ok");
}

TEST(HousingRulesTest, ValidatesBuildingsAndDwellings) {
  Building b;
  b.reference = "B1";
  b.street = "12 rue des Lilas";
  b.commune_insee = "50502";
  EXPECT_FALSE(ValidateBuilding(b));
  b.commune_insee = "75056";
  ASSERT_TRUE(ValidateBuilding(b));
  EXPECT_EQ(ValidateBuilding(b)->field, "commune_insee");
  b.commune_insee = "50502";
  b.postal_code = "500";
  EXPECT_EQ(ValidateBuilding(b)->field, "postal_code");

  Dwelling d;
  d.reference = "L1";
  d.rooms = 3;
  d.surface_cm2 = 6550;
  EXPECT_FALSE(ValidateDwelling(d));
  d.rooms = 7;
  EXPECT_EQ(ValidateDwelling(d)->field, "rooms");
  d.rooms = 3;
  d.surface_cm2 = 100;
  EXPECT_EQ(ValidateDwelling(d)->field, "surface_m2");
}

TEST(HousingRulesTest, DisplayNameIsTheHolder) {
  Household h = ValidHousehold();
  Member child;
  child.first_name = "Léa";
  child.last_name = "Lefèvre";
  child.relation = Relation::kChild;
  h.members.insert(h.members.begin(), child);
  EXPECT_EQ(h.DisplayName(), "Hélène Lefèvre");
}

TEST(HousingRulesTest, RoundTripsCodes) {
  for (auto f : {Financing::kPlai, Financing::kPlus, Financing::kPls, Financing::kOther}) {
    EXPECT_EQ(FinancingFromCode(FinancingCode(f)), f);
  }
  EXPECT_EQ(FinancingFromCode("plai"), Financing::kPlai);
  EXPECT_EQ(FinancingFromCode("PLI"), std::nullopt);
  for (auto r : {Relation::kHolder, Relation::kCoHolder, Relation::kSpouse, Relation::kChild, Relation::kOther}) {
    EXPECT_EQ(RelationFromCode(RelationCode(r)), r);
  }
}

}  // namespace
}  // namespace relais::housing
