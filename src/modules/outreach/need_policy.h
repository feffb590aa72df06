// Who may follow the needs found on calls, their actions, the delivery rounds and a household's
// outreach timeline: the landlord's staff in contact with tenants (the roles that refer households
// to partners). Others of the landlord are told their role may not (403); partners, observers and
// tenants see none of it (404): a need tells of health and money. Scope: the actor's organisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanReadNeeds(const auth::Actor& a);           // needs, actions, timeline, delivery rounds
bool CanRecordNeeds(const auth::Actor& a);         // record a need, add and close its actions
bool CanRunDeliveryRounds(const auth::Actor& a);   // build a round, record a delivery

}  // namespace relais::outreach
