// Who may do what with accounts and sessions. Anyone signed in reads and ends their own session.
#pragma once
#include "platform/auth/actor.h"

namespace relais::identity {

bool CanUseOwnSession(const auth::Actor& a);

}  // namespace relais::identity
