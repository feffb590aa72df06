// Who may do what in the tenant portal. A tenant acts only on their own account and household;
// the landlord's administrators set what tenants see, managers may read it.
#pragma once
#include "platform/auth/actor.h"

namespace relais::tenant {

bool CanUseOwnTenantSession(const auth::Actor& a);
bool CanReadOwnHousehold(const auth::Actor& a);
bool CanReadPortalSettings(const auth::Actor& a);
bool CanChangePortalSettings(const auth::Actor& a);

}  // namespace relais::tenant
