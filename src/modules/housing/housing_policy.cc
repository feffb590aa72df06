#include "modules/housing/housing_policy.h"

#include "platform/auth/policy.h"

namespace relais::housing {
using auth::Role;

bool CanReadHousing(const auth::Actor& a) { return auth::Decide(a.organisation_id > 0 && a.roles != 0); }

bool CanEditStock(const auth::Actor& a) {
  return auth::Decide(a.organisation_id > 0 && (a.Has(Role::kAdministrator) || a.Has(Role::kManager)));
}

bool CanEditHousehold(const auth::Actor& a) {
  return auth::Decide(a.organisation_id > 0 &&
                      (a.Has(Role::kAdministrator) || a.Has(Role::kManager) || a.Has(Role::kCallAgent) ||
                       a.Has(Role::kSocialSupport) || a.Has(Role::kReception) || a.Has(Role::kAllocation)));
}

}  // namespace relais::housing
