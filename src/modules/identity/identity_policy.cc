#include "modules/identity/identity_policy.h"

#include "platform/auth/policy.h"

namespace relais::identity {

bool CanUseOwnSession(const auth::Actor& a) { return auth::Decide(a.user_id > 0); }

}  // namespace relais::identity
