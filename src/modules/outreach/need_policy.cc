#include "modules/outreach/need_policy.h"

#include "modules/outreach/outreach_policy.h"
#include "platform/auth/policy.h"

namespace relais::outreach {

bool CanReadNeeds(const auth::Actor& a) { return auth::Decide(IsContactStaff(a)); }
bool CanRecordNeeds(const auth::Actor& a) { return auth::Decide(IsContactStaff(a)); }
bool CanRunDeliveryRounds(const auth::Actor& a) { return auth::Decide(IsContactStaff(a)); }

}  // namespace relais::outreach
