// Who may do what at reception: every kind x every role x own organisation / none, as a table.
#include "modules/reception/reception_policy.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace relais::reception {
namespace {
using auth::Kind;
using auth::Role;

TEST(ReceptionPolicy, EveryKindAndRole) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      for (int64_t org : {int64_t{3}, int64_t{0}}) {
        auth::Actor a;
        a.kind = kind;
        a.organisation_id = org;
        a.roles = static_cast<uint32_t>(r.role);
        a.household_id = kind == Kind::kTenant ? 12 : 0;
        const bool staff = kind == Kind::kStaff && org > 0 && (a.roles & auth::kLandlordRoles) != 0;
        const bool manager = staff && (r.role == Role::kManager || r.role == Role::kAdministrator);
        const bool desk = manager || (staff && r.role == Role::kReception);
        const bool booker = desk || (staff && (r.role == Role::kCallAgent || r.role == Role::kSocialSupport ||
                                               r.role == Role::kAllocation));
        const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code) + " org " + std::to_string(org);
        EXPECT_EQ(CanReadReceptionSetup(a), staff) << what;
        EXPECT_EQ(CanManageReceptionSetup(a), manager) << what;
        EXPECT_EQ(CanBookAppointments(a), booker) << what;
        EXPECT_EQ(CanRecordAttendance(a), desk) << what;
        EXPECT_EQ(CanTenantBook(a), kind == Kind::kTenant && org > 0) << what;
      }
    }
  }
  // Caretakers, technical staff and the DPO read the setup but never a booking.
  for (Role role : {Role::kCaretaker, Role::kTechnical, Role::kDataProtection}) {
    auth::Actor a;
    a.organisation_id = 3;
    a.roles = static_cast<uint32_t>(role);
    EXPECT_TRUE(CanReadReceptionSetup(a));
    EXPECT_FALSE(CanBookAppointments(a));
  }
  // Agencies: a staff member limited to agency 5 uses the sites of agency 5 and the shared ones
  // (no agency), not those of agency 6; one of the whole organisation uses them all.
  struct SiteCase {
    const char* who;
    std::vector<int64_t> agencies;
    std::optional<int64_t> site_agency;
    bool allowed;
  };
  const SiteCase site_cases[] = {
      {"whole organisation, site of agency 6", {}, 6, true},
      {"whole organisation, shared site", {}, std::nullopt, true},
      {"agency 5, site of agency 5", {5}, 5, true},
      {"agency 5, site of agency 6", {5}, 6, false},
      {"agency 5, shared site", {5}, std::nullopt, true},
      {"agencies 5 and 6, site of agency 6", {5, 6}, 6, true},
  };
  for (Role role : {Role::kReception, Role::kManager, Role::kCallAgent}) {
    for (const auto& c : site_cases) {
      auth::Actor a;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(role);
      a.agency_ids = c.agencies;
      EXPECT_EQ(CanUseSiteOfAgency(a, c.site_agency), c.allowed) << c.who;
    }
  }
  // Setup of every site (closures, crisis switches of no site): only staff of the whole organisation
  // create or remove it. Staff in the setup (receiving staff, absences): those of the whole
  // organisation, and those sharing one of the actor's agencies.
  struct StaffCase {
    const char* who;
    std::vector<int64_t> agencies;
    std::vector<int64_t> member_agencies;
    bool sees;
  };
  const StaffCase staff_cases[] = {
      {"whole organisation, member of agency 6", {}, {6}, true},
      {"whole organisation, member of the whole organisation", {}, {}, true},
      {"agency 5, member of the whole organisation", {5}, {}, true},
      {"agency 5, member of agency 5", {5}, {5}, true},
      {"agency 5, member of agencies 6 and 5", {5}, {6, 5}, true},
      {"agency 5, member of agency 6", {5}, {6}, false},
      {"agencies 5 and 7, member of agencies 6 and 8", {5, 7}, {6, 8}, false},
  };
  for (Role role : {Role::kReception, Role::kManager, Role::kAdministrator, Role::kCaretaker}) {
    for (const auto& c : staff_cases) {
      auth::Actor a;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(role);
      a.agency_ids = c.agencies;
      EXPECT_EQ(CanSeeStaffOfAgencies(a, c.member_agencies), c.sees) << c.who;
      EXPECT_EQ(CanActOnEverySite(a), c.agencies.empty()) << c.who;
    }
  }
  for (Kind kind : {Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    auth::Actor a;
    a.kind = kind;
    a.organisation_id = 3;
    a.household_id = kind == Kind::kTenant ? 12 : 0;
    a.roles = static_cast<uint32_t>(Role::kManager);
    EXPECT_FALSE(CanActOnEverySite(a)) << auth::KindCode(kind);
    EXPECT_FALSE(CanSeeStaffOfAgencies(a, {})) << auth::KindCode(kind);
  }
  auth::Actor no_org;
  no_org.roles = static_cast<uint32_t>(Role::kManager);
  EXPECT_FALSE(CanActOnEverySite(no_org));
  EXPECT_FALSE(CanSeeStaffOfAgencies(no_org, {}));

  auth::Actor partner;
  partner.kind = Kind::kPartner;
  partner.organisation_id = 3;
  partner.roles = static_cast<uint32_t>(Role::kManager);
  EXPECT_FALSE(CanUseSiteOfAgency(partner, std::nullopt));
  auth::Actor tenant;
  tenant.kind = Kind::kTenant;
  tenant.organisation_id = 3;
  tenant.household_id = 12;
  EXPECT_TRUE(CanUseSiteOfAgency(tenant, 6));
  // A tenant without a household (never signed in properly) books nothing.
  auth::Actor t;
  t.kind = Kind::kTenant;
  t.organisation_id = 3;
  EXPECT_FALSE(CanTenantBook(t));
}

}  // namespace
}  // namespace relais::reception
