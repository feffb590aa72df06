// Who may answer a subject-access request and anonymise a household: the landlord's data protection
// officer (both) and its administrators (the export only), for their own organisation only (every
// record is read through the housing module's scoped calls).
#pragma once
#include "platform/auth/actor.h"

namespace relais::privacy {

bool CanExportSubjectAccess(const auth::Actor& a);
bool CanAnonymise(const auth::Actor& a);

}  // namespace relais::privacy
