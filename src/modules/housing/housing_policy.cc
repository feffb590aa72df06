#include "modules/housing/housing_policy.h"

#include "platform/auth/policy.h"

namespace relais::housing {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) { return a.kind == Kind::kStaff && a.organisation_id > 0; }
}  // namespace

bool CanReadHousing(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.roles & auth::kLandlordRoles) != 0);
}

bool CanEditStock(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kAdministrator) || a.Has(Role::kManager)));
}

bool CanEditHousehold(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) &&
                      (a.Has(Role::kAdministrator) || a.Has(Role::kManager) || a.Has(Role::kCallAgent) ||
                       a.Has(Role::kSocialSupport) || a.Has(Role::kReception) || a.Has(Role::kAllocation)));
}

bool CanReadReferredHousehold(const auth::Actor& a) {
  return auth::Decide(a.kind == Kind::kPartner && a.organisation_id > 0 && a.Has(Role::kPartnerWorker));
}

HouseholdScope HouseholdScopeOf(const auth::Actor& a) {
  if (a.kind == Kind::kStaff) return HouseholdScope::kOrganisation;
  if (a.kind == Kind::kPartner) return HouseholdScope::kReferred;
  return HouseholdScope::kNone;
}

}  // namespace relais::housing
