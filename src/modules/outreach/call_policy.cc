#include "modules/outreach/call_policy.h"

#include <algorithm>

#include "platform/auth/policy.h"

namespace relais::outreach {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 && (a.roles & auth::kLandlordRoles) != 0;
}
bool Manager(const auth::Actor& a) { return LandlordStaff(a) && a.Has(Role::kManager); }
bool Reader(const auth::Actor& a) {
  return LandlordStaff(a) && (a.Has(Role::kCallAgent) || a.Has(Role::kManager) || a.Has(Role::kSocialSupport));
}
}  // namespace

bool CanReadCalls(const auth::Actor& a) { return auth::Decide(Reader(a)); }

bool CanSeeCallOfAgency(const auth::Actor& a, int64_t agency_id) {
  return auth::Decide(Reader(a) && (a.agency_ids.empty() || std::find(a.agency_ids.begin(), a.agency_ids.end(),
                                                                      agency_id) != a.agency_ids.end()));
}

bool CanRecordAttempt(const auth::Actor& a, int64_t agent_id) {
  return auth::Decide(Manager(a) || (LandlordStaff(a) && a.Has(Role::kCallAgent) && agent_id == a.user_id));
}

bool CanCloseTask(const auth::Actor& a, int64_t owner_id) {
  return auth::Decide(Manager(a) || (Reader(a) && owner_id != 0 && owner_id == a.user_id));
}

bool CanManageEscalations(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kManager) || a.Has(Role::kAdministrator)));
}

}  // namespace relais::outreach
