#include "modules/tenant/tenant_policy.h"

#include "platform/auth/policy.h"

namespace relais::tenant {
namespace {
bool IsTenant(const auth::Actor& a) { return a.kind == auth::Kind::kTenant && a.user_id > 0 && a.household_id > 0; }
bool IsStaff(const auth::Actor& a) { return a.kind == auth::Kind::kStaff; }
}  // namespace

bool CanUseOwnTenantSession(const auth::Actor& a) { return auth::Decide(IsTenant(a)); }
bool CanReadOwnHousehold(const auth::Actor& a) { return auth::Decide(IsTenant(a)); }
bool CanReadPortalSettings(const auth::Actor& a) {
  return auth::Decide(IsStaff(a) && (a.Has(auth::Role::kAdministrator) || a.Has(auth::Role::kManager)));
}
bool CanChangePortalSettings(const auth::Actor& a) {
  return auth::Decide(IsStaff(a) && a.Has(auth::Role::kAdministrator));
}

}  // namespace relais::tenant
