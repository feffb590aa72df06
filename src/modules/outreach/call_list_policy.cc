#include "modules/outreach/call_list_policy.h"

#include <algorithm>

#include "platform/auth/policy.h"

namespace relais::outreach {
using auth::Kind;
using auth::Role;

namespace {
bool LandlordStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 && (a.roles & auth::kLandlordRoles) != 0;
}
}  // namespace

bool CanManageCallLists(const auth::Actor& a) {
  return auth::Decide(LandlordStaff(a) && (a.Has(Role::kManager) || a.Has(Role::kAdministrator)));
}
bool CanReadOwnCalls(const auth::Actor& a) { return auth::Decide(LandlordStaff(a) && a.Has(Role::kCallAgent)); }
bool SeesCallLists(const auth::Actor& a) { return auth::Decide(LandlordStaff(a)); }
bool InCallListScope(const auth::Actor& a, int64_t agency_id) {
  return auth::Decide(a.agency_ids.empty() ||
                      std::find(a.agency_ids.begin(), a.agency_ids.end(), agency_id) != a.agency_ids.end());
}
bool InAgentScope(const auth::Actor& a, const std::vector<int64_t>& agent_agencies) {
  if (a.agency_ids.empty() || agent_agencies.empty()) return auth::Decide(true);
  for (int64_t agency : agent_agencies)
    if (std::find(a.agency_ids.begin(), a.agency_ids.end(), agency) != a.agency_ids.end()) return auth::Decide(true);
  return auth::Decide(false);
}

}  // namespace relais::outreach
