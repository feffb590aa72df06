// The FSL's per-département rules as tables: the département of a commune, the resource ceiling
// at its edge (exactly at it, one cent over, not configured), the amount asked against the largest
// aid, and the decisions with and without an amount.
#include "modules/support/fsl_rules.h"

#include <gtest/gtest.h>

namespace relais::support {
namespace {

TEST(FslRules, TheFiveDepartementsOfNormandyAndNothingInvented) {
  const auto rules = DefaultFslRules();
  ASSERT_EQ(rules.departements.size(), 5u);
  struct Case {
    const char* insee;
    const char* name;  // nullptr: not covered
  };
  for (const auto& c : std::vector<Case>{{"14118", "Calvados"}, {"27229", "Eure"}, {"50129", "Manche"},
                                          {"61001", "Orne"}, {"76540", "Seine-Maritime"}, {"75056", nullptr},
                                          {"1", nullptr}, {"", nullptr}, {"2A004", nullptr}}) {
    const auto* d = DepartementOf(rules, c.insee);
    if (c.name == nullptr) {
      EXPECT_EQ(d, nullptr) << c.insee;
      continue;
    }
    ASSERT_NE(d, nullptr) << c.insee;
    EXPECT_EQ(d->name, c.name);
    // No ceiling, largest aid or address is assumed: DOMAIN.md gives none.
    EXPECT_EQ(d->resource_ceiling_cents, 0);
    EXPECT_EQ(d->resource_ceiling_per_person_cents, 0);
    EXPECT_EQ(d->max_grant_cents, 0);
    EXPECT_EQ(d->fund_address, "");
  }
}

TEST(FslRules, ResourcesAgainstTheCeiling) {
  FslDepartement d{"14", "Calvados", "", 100000, 50000, 0};
  struct Case {
    int size;
    int64_t resources;
    int64_t ceiling;
    bool within;
  };
  for (const auto& c : std::vector<Case>{
           {1, 100000, 100000, true},   // exactly at the ceiling
           {1, 100001, 100000, false},  // one cent over
           {1, 99999, 100000, true},
           {0, 100000, 100000, true},   // a size under 1 counts as one person
           {2, 150000, 150000, true},
           {2, 150001, 150000, false},
           {4, 250000, 250000, true},
       }) {
    const auto r = CheckResources(d, c.size, c.resources);
    EXPECT_TRUE(r.configured);
    EXPECT_EQ(r.ceiling_cents, c.ceiling) << c.size;
    EXPECT_EQ(r.within, c.within) << c.size << " " << c.resources;
  }
  d.resource_ceiling_cents = 0;
  const auto none = CheckResources(d, 3, 1);
  EXPECT_FALSE(none.configured);
  EXPECT_FALSE(none.within);
}

TEST(FslRules, AmountAsked) {
  FslDepartement d{"76", "Seine-Maritime", "", 0, 0, 0};
  EXPECT_TRUE(CheckRequest(d, 1).ok());
  EXPECT_TRUE(CheckRequest(d, 100000000).ok());  // no largest aid configured: no limit assumed
  EXPECT_EQ(CheckRequest(d, 0).error().field, "requested_cents");
  EXPECT_EQ(CheckRequest(d, -5).error().field, "requested_cents");
  d.max_grant_cents = 150000;
  EXPECT_TRUE(CheckRequest(d, 150000).ok());
  EXPECT_EQ(CheckRequest(d, 150001).error().field, "requested_cents");
}

TEST(FslRules, Decisions) {
  struct Case {
    FslDecision decision;
    int64_t requested;
    std::optional<int64_t> granted;
    const char* error_field;  // nullptr: accepted
  };
  for (const auto& c : std::vector<Case>{
           {FslDecision::kGranted, 90000, 90000, nullptr},
           {FslDecision::kGranted, 90000, 120000, nullptr},  // the fund may grant more than asked
           {FslDecision::kGranted, 90000, 0, "granted_cents"},
           {FslDecision::kGranted, 90000, std::nullopt, "granted_cents"},
           {FslDecision::kPartial, 90000, 89999, nullptr},  // one cent under what was asked
           {FslDecision::kPartial, 90000, 90000, "granted_cents"},
           {FslDecision::kPartial, 90000, 1, nullptr},
           {FslDecision::kPartial, 90000, std::nullopt, "granted_cents"},
           {FslDecision::kRefused, 90000, std::nullopt, nullptr},
           {FslDecision::kRefused, 90000, 0, nullptr},
           {FslDecision::kRefused, 90000, 100, "granted_cents"},
       }) {
    const auto r = CheckDecision(c.decision, c.requested, c.granted);
    const std::string what = std::string(CodeOf(c.decision)) + " " + std::to_string(c.granted.value_or(-1));
    if (c.error_field == nullptr) {
      EXPECT_TRUE(r.ok()) << what;
    } else {
      ASSERT_FALSE(r.ok()) << what;
      EXPECT_EQ(r.error().field, c.error_field) << what;
    }
  }
}

TEST(FslRules, Codes) {
  for (auto k : {FslAidKind::kArrears, FslAidKind::kEnergy, FslAidKind::kWater, FslAidKind::kInsurance}) {
    EXPECT_EQ(FslAidKindOf(CodeOf(k)), k);
    EXPECT_FALSE(LabelOf(k).empty());
  }
  for (auto d : {FslDecision::kGranted, FslDecision::kPartial, FslDecision::kRefused}) EXPECT_EQ(FslDecisionOf(CodeOf(d)), d);
  EXPECT_FALSE(FslAidKindOf("rent").has_value());
  EXPECT_FALSE(FslDecisionOf("paid").has_value());
}

}  // namespace
}  // namespace relais::support
