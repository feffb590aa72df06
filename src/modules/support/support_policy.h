// Who may see and work on support cases. A case tells of a household's money troubles: its content
// (timeline, tasks, notes, documents) is for the social-support officers (CESF) who work on it and
// the managers who oversee them. The other staff in contact with tenants (call agents, reception,
// allocation, administrators) see only that a case exists and who its officer is, so that they
// can pass a tenant on. Other staff roles are told their role may not (403); partners, observers
// and tenants see nothing (404). Scope: the actor's organisation (organisation_id in every query).
#pragma once
#include "platform/auth/actor.h"

namespace relais::support {

bool CanSeeCaseExists(const auth::Actor& a);  // the household's cases: id, officer, open or closed
bool CanReadCase(const auth::Actor& a);       // a case's content, the list of cases
bool CanOpenCase(const auth::Actor& a);       // open a case for a household
bool CanWorkOnCase(const auth::Actor& a);     // transitions, tasks, notes, documents, FSL files
// Posting an aid the landlord received (an FSL grant, a guarantee payment) to the tenant's ledger:
// money on the account, so the officers who follow the case only, never a manager reading it.
bool CanPostAidPayment(const auth::Actor& a);
// Ending a payment plan before its term (cancelling it, with a reason): the officers who follow
// the case; a manager reads the plan but does not end the household's commitment.
bool CanEndPaymentPlan(const auth::Actor& a);

}  // namespace relais::support
