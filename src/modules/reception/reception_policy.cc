#include "modules/reception/reception_policy.h"

#include <algorithm>

#include "platform/auth/policy.h"

namespace relais::reception {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 && (a.roles & auth::kLandlordRoles) != 0;
}
bool AnyOf(const auth::Actor& a, std::initializer_list<Role> roles) {
  for (Role r : roles)
    if (a.Has(r)) return true;
  return false;
}
}  // namespace

bool CanReadReceptionSetup(const auth::Actor& a) { return auth::Decide(LandlordStaff(a)); }
bool CanManageReceptionSetup(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && AnyOf(a, {Role::kManager, Role::kAdministrator}));
}
bool CanBookAppointments(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && AnyOf(a, {Role::kReception, Role::kCallAgent, Role::kSocialSupport,
                                                    Role::kAllocation, Role::kManager, Role::kAdministrator}));
}
bool CanRecordAttendance(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && AnyOf(a, {Role::kReception, Role::kManager, Role::kAdministrator}));
}
bool CanTenantBook(const auth::Actor& a) {
  return auth::Decide(a.kind == Kind::kTenant && a.organisation_id > 0 && a.household_id > 0);
}
bool CanUseSiteOfAgency(const auth::Actor& a, std::optional<int64_t> site_agency) {
  if (a.kind == Kind::kTenant) return CanTenantBook(a);
  const bool limited = !a.agency_ids.empty();
  return auth::Decide(LandlordStaff(a) &&
                      (!limited || !site_agency ||
                       std::find(a.agency_ids.begin(), a.agency_ids.end(), *site_agency) != a.agency_ids.end()));
}

bool CanActOnEverySite(const auth::Actor& a) { return auth::Decide(LandlordStaff(a) && a.agency_ids.empty()); }
bool CanSeeStaffOfAgencies(const auth::Actor& a, const std::vector<int64_t>& member_agencies) {
  if (!LandlordStaff(a)) return auth::Decide(false);
  if (a.agency_ids.empty() || member_agencies.empty()) return auth::Decide(true);
  for (int64_t agency : member_agencies) {
    if (std::find(a.agency_ids.begin(), a.agency_ids.end(), agency) != a.agency_ids.end()) return auth::Decide(true);
  }
  return auth::Decide(false);
}

}  // namespace relais::reception
