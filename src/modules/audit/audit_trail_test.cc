// The trail's pages on both engines, through the use cases the API runs: the list, the CSV export
// and who looked at a household, as a policy table on real records.
#include <gtest/gtest.h>

#include "modules/audit/audit.h"
#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "platform/db/testing.h"

namespace relais::audit {
namespace {
using auth::Role;

class AuditTrailTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    a_ = Org("Habitat A", "732829320");
    b_ = Org("Habitat B", "552100554");
    household_a_ = housing::CreateTableHousehold(db(), a_, "A");
    household_b_ = housing::CreateTableHousehold(db(), b_, "B");
    // A read of each household by its landlord's call agent, sealed into the trail.
    ASSERT_TRUE(db().Write([&](db::Connection& c) -> Result<int> {
      AppendInTransaction(c, Of(housing::TableStaff(a_, Role::kCallAgent), "read", "household", household_a_));
      AppendInTransaction(c, Of(housing::TableStaff(b_, Role::kCallAgent), "read", "household", household_b_));
      return 0;
    }).ok());
    ASSERT_EQ(SealPending(db()), 2);
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    return *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t a_ = 0, b_ = 0, household_a_ = 0, household_b_ = 0;
};

// The policy on real records (audit_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of A's household and one without, the regional observer and the
// household's tenant: read the trail, export it, see who looked at A's household. Each landlord's
// administrators and data protection officer read and export their own trail, which never holds
// the other landlord's entries; its other roles, partners, observers and tenants are told they may
// not (403: that says nothing of a record). Who looked at A's household: A's administrators and
// DPO; A's other roles and the referred partner, who see the household, are told they may not
// (403); for B, the partner without referral, observers and tenants it does not exist (404).
TEST_P(AuditTrailTest, RoleByActionByScope) {
  const auto partners = housing::CreateTablePartners(db(), a_, household_a_);
  housing::PolicyTable table({"read trail", "export trail", "household views"});
  for (const auto& r : housing::LandlordRoles()) {
    const std::string reads = r.role == Role::kAdministrator || r.role == Role::kDataProtection ? "ok" : "403";
    table.Add("A " + std::string(r.code), housing::TableStaff(a_, r.role), {reads, reads, reads});
    table.Add("B " + std::string(r.code), housing::TableStaff(b_, r.role), {reads, reads, "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), {"403", "403", "403"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral), {"403", "403", "404"});
  table.Add("regional observer", housing::TableObserver(a_), {"403", "403", "404"});
  table.Add("the household's tenant", housing::TableTenant(a_, household_a_), {"403", "403", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  table.Check({
      [&](const auth::Actor& a) {
        // Asking for the other landlord's organisation changes nothing: the actor's own trail.
        auto page = StaffReadsTrail(db(), a, Filter{.organisation_id = a.organisation_id == a_ ? b_ : a_});
        if (page.ok()) {
          const int64_t own = a.organisation_id == a_ ? household_a_ : household_b_;
          EXPECT_FALSE(page->entries.empty());
          for (const auto& e : page->entries) {
            if (e.record_type == "household") EXPECT_EQ(e.record_id, own);
          }
        }
        return PolicyOutcome(page);
      },
      [&](const auth::Actor& a) {
        auto csv = StaffExportsTrail(db(), a, Filter{.organisation_id = a_, .limit = kExportMaxRows + 1});
        if (csv.ok()) {
          EXPECT_TRUE(csv->starts_with("\xEF\xBB\xBF" "numero;date_utc;"));
          EXPECT_NE(csv->find(";read;household;" + std::to_string(a.organisation_id == a_ ? household_a_ : household_b_)),
                    std::string::npos);
        }
        return PolicyOutcome(csv);
      },
      [&](const auth::Actor& a) { return PolicyOutcome(StaffReadsHouseholdViews(db(), a, household_a_, 200)); },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTrailTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::audit
