// Who may read the audit trail: the landlord's administrators and its data protection officer
// (never a partner's or the regional association's account), for their own organisation only (every query of the module filters on it).
#pragma once
#include "platform/auth/actor.h"

namespace relais::audit {

bool CanReadTrail(const auth::Actor& a);

}  // namespace relais::audit
