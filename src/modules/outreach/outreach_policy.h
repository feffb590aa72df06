// Who may refer households to partners and follow the referrals. The landlord's staff in contact
// with tenants (the roles that keep household records) open, read and close the referrals of
// their landlord; a partner's worker reads and closes the referrals made to its organisation.
// Other roles (technical, caretaker, data protection) and observers see none: a referral tells of
// a social situation. Scope: ReferralScopeOf.
#pragma once
#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanOpenReferral(const auth::Actor& a);
bool CanReadReferrals(const auth::Actor& a);
bool CanCloseReferral(const auth::Actor& a);
bool CanListPartners(const auth::Actor& a);
// Accept, decline, record what was done: the partner's worker only (the landlord sees the status).
bool CanAnswerReferral(const auth::Actor& a);

// The landlord's staff in contact with tenants (no decision: for the policies of the module).
bool IsContactStaff(const auth::Actor& a);

// Which referrals an actor's queries load: its landlord's (organisation_id), those made to its
// partner organisation (partner_id), or none.
enum class ReferralScope { kLandlord, kPartner, kNone };
ReferralScope ReferralScopeOf(const auth::Actor& a);

}  // namespace relais::outreach
