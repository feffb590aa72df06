#include "modules/rent/rent_policy.h"

#include "platform/auth/policy.h"

namespace relais::rent {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 && (a.roles & auth::kLandlordRoles) != 0;
}
}  // namespace

bool CanReadArrears(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kSocialSupport) || a.Has(Role::kManager)));
}
bool CanComputeArrears(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kSocialSupport) || a.Has(Role::kManager)));
}
bool CanRecordArrearsStep(const auth::Actor& a) { return auth::Decide(LandlordStaff(a) && a.Has(Role::kSocialSupport)); }

}  // namespace relais::rent
