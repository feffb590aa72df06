// Who may see the rent ledgers and the arrears of a landlord, and act on the legal clock.
// Social-support officers (CESF) work the arrears queue and record the legal steps; managers read
// everything and may run the computation; other staff (call agents among them), partners, regional
// observers and tenants see none of it (404). Every query is scoped to the actor's organisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::rent {

// The arrears queue, a lease's ledger and its arrears situation.
bool CanReadArrears(const auth::Actor& a);
// Running the computation now (it also runs each night).
bool CanComputeArrears(const auth::Actor& a);
// Recording a legal step as done (reminder, CAF report, CCAPEX referral, plan, demand, summons).
bool CanRecordArrearsStep(const auth::Actor& a);

}  // namespace relais::rent
