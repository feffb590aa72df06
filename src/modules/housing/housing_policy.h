// Who may see and change housing records. Every staff role of a landlord reads its own
// organisation's stock and households; stock changes belong to administrators and managers;
// household records are kept up to date by the staff in contact with tenants.
// The scope of every query is the actor's organisation (ScopeOrganisation).
#pragma once
#include "platform/auth/actor.h"

namespace relais::housing {

bool CanReadHousing(const auth::Actor& a);
bool CanEditStock(const auth::Actor& a);
bool CanEditHousehold(const auth::Actor& a);
// The organisation every housing query of this actor filters on.
inline int64_t ScopeOrganisation(const auth::Actor& a) { return a.organisation_id; }

}  // namespace relais::housing
