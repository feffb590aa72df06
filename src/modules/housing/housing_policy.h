// Who may see and change housing records. Every staff role of a landlord reads its own
// organisation's stock and households; stock changes belong to administrators and managers;
// household records are kept up to date by the staff in contact with tenants.
// A partner's worker reads, never changes, the households referred to its organisation by an open
// referral (the fields a partner needs: names, phones, address); it never sees the stock. An
// observer reads no named person and no record at all (ADR 0011).
// The scope of every query is given by HouseholdScopeOf and ScopeOrganisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::housing {

bool CanReadHousing(const auth::Actor& a);  // the stock and households of the actor's landlord
bool CanEditStock(const auth::Actor& a);
bool CanEditHousehold(const auth::Actor& a);
// A partner's worker reading one household referred to its organisation.
bool CanReadReferredHousehold(const auth::Actor& a);

// Which households an actor's queries may load: those of its landlord, those referred to its
// partner organisation by an open referral, or none.
enum class HouseholdScope { kOrganisation, kReferred, kNone };
HouseholdScope HouseholdScopeOf(const auth::Actor& a);

// The organisation every housing query of this actor filters on.
inline int64_t ScopeOrganisation(const auth::Actor& a) { return a.organisation_id; }

}  // namespace relais::housing
