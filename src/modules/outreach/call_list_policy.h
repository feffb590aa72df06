// Who may build, read and change the day's call lists. Managers and administrators of a landlord
// build a day's list, read it whole, reassign its calls and set the call agents' capacity and
// languages; a call agent reads their own calls. Partners, observers and tenants: none (404).
// Everything is scoped to the actor's organisation.
#pragma once
#include <cstdint>
#include <vector>

#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanManageCallLists(const auth::Actor& a);  // build, read whole, reassign, agents' settings
bool CanReadOwnCalls(const auth::Actor& a);     // the call agent's own calls of a day
// The actor sees the call lists at all (else 404 rather than 403).
bool SeesCallLists(const auth::Actor& a);
// A manager limited to some agencies (staff_user_agencies) sees and reassigns only their calls;
// the others, none of the organisation's agencies: every call. The scope filter of the list
// queries is the actor's agencies (empty: all); a call outside it is not found.
bool InCallListScope(const auth::Actor& a, int64_t agency_id);
// The same limit on the call agents: a manager limited to some agencies reads, lists and changes
// the settings of the agents who work for one of them or for the whole organisation
// (`agent_agencies` empty); another agency's agent is not found. Unlimited managers: every agent.
bool InAgentScope(const auth::Actor& a, const std::vector<int64_t>& agent_agencies);

}  // namespace relais::outreach
