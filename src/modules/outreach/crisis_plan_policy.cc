#include "modules/outreach/crisis_plan_policy.h"

#include "platform/auth/policy.h"

namespace relais::outreach {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 && (a.roles & auth::kLandlordRoles) != 0;
}
}  // namespace

bool CanReadCrisisPlans(const auth::Actor& a) { return auth::Decide(LandlordStaff(a)); }
bool CanManageCrisisPlans(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kManager) || a.Has(Role::kAdministrator)));
}

bool CanReadCrisisReport(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kManager) || a.Has(Role::kAdministrator)));
}

}  // namespace relais::outreach
