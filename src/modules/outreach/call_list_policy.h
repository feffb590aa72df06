// Who may build, read and change the day's call lists. Managers and administrators of a landlord
// build a day's list, read it whole, reassign its calls and set the call agents' capacity and
// languages; a call agent reads their own calls. Partners, observers and tenants: none (404).
// Everything is scoped to the actor's organisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanManageCallLists(const auth::Actor& a);  // build, read whole, reassign, agents' settings
bool CanReadOwnCalls(const auth::Actor& a);     // the call agent's own calls of a day
// The actor sees the call lists at all (else 404 rather than 403).
bool SeesCallLists(const auth::Actor& a);

}  // namespace relais::outreach
