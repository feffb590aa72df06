// Who may do what with accounts and sessions. Anyone signed in reads and ends their own session;
// staff enrol their own second factor; administrators manage the organisation's MFA.
#pragma once
#include "platform/auth/actor.h"

namespace relais::identity {

bool CanUseOwnSession(const auth::Actor& a);
// Staff enrol their own second factor.
bool CanEnrolOwnMfa(const auth::Actor& a);
// The administrator reads and sets the organisation's MFA grace period, and resets the second
// factor of a staff member (lost phone).
bool CanManageMfaPolicy(const auth::Actor& a);
bool CanResetStaffMfa(const auth::Actor& a);

}  // namespace relais::identity
