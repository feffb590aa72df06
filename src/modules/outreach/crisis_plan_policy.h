// Who may see and declare crisis plans. Every staff member of a landlord reads its plans (the
// call agents work under them); managers and administrators declare, change and close them.
// Partners, observers and tenants see none (404). Plans are scoped to the actor's organisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanReadCrisisPlans(const auth::Actor& a);
bool CanManageCrisisPlans(const auth::Actor& a);  // declare, change, close

}  // namespace relais::outreach
