#include "modules/housing/housing_bodies.h"

#include <gtest/gtest.h>

#include "modules/identity/identity_bodies.h"

namespace relais::housing {
namespace {

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& [f, m] : e.fields) out.push_back(f);
  return out;
}

TEST(HousingBodies, DecodesABuildingAndKeepsAbsentFieldsOnUpdate) {
  auto b = DecodeBuilding(R"({"reference": " B-1 ", "street": "1 rue de la Paix", "commune_insee": "14118", "floors": 4})", {}, false);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->reference, "B-1");
  EXPECT_EQ(b->floors, 4);
  EXPECT_FALSE(b->agency_id.has_value());
  Building stored = *b;
  stored.id = 9;
  stored.agency_id = 3;
  auto patched = DecodeBuilding(R"({"name": "Les Tilleuls"})", stored, true);
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(patched->id, 9);
  EXPECT_EQ(patched->name, "Les Tilleuls");
  EXPECT_EQ(patched->reference, "B-1");
  EXPECT_EQ(patched->agency_id, 3);
}

TEST(HousingBodies, NamesEveryFieldInError) {
  auto b = DecodeBuilding(R"({"reference": "", "street": 1, "floors": 61, "colour": "red"})", {}, false);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(Fields(b.error()), (std::vector<std::string>{"reference", "street", "commune_insee", "floors", "colour"}));
  auto h = DecodeHousehold(R"({"reference": "H", "dwelling_id": 1, "members": [{"first_name": "A"}, 2],
                               "lease": {"start_date": "2024-02-30", "rent_cents": 1, "charges_cents": 1}})",
                           {}, false);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(Fields(h.error()), (std::vector<std::string>{"members[0].last_name", "members[1]", "lease.start_date"}));
  auto d = DecodeDwelling(R"({"reference": "D", "building_id": 1, "rooms": 3, "surface_m2": 1e400})", {}, false);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().field, "surface_m2");
}

TEST(HousingBodies, RefusesAKeyGivenTwice) {
  auto b = DecodeBuilding(R"({"reference": "A", "reference": "B", "street": "x", "commune_insee": "14118"})", {}, false);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "reference");
}

TEST(IdentityBodies, DecodesASignIn) {
  auto s = identity::DecodeSignIn(R"({"email": " a@b.fr ", "password": "x y"})");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->email, "a@b.fr");
  EXPECT_EQ(s->password, "x y");
  auto bad = identity::DecodeSignIn(R"({"email": "a@b.fr", "password": {"$ne": null}, "remember_me": true})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"password", "remember_me"}));
}

}  // namespace
}  // namespace relais::housing
