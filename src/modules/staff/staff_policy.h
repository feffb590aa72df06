// Who may manage staff accounts: the administrators of a landlord organisation, for that
// organisation only. Self-deactivation and the last administrator are domain rules (staff.cc).
#pragma once
#include <cstdint>

#include "platform/auth/actor.h"

namespace relais::staff {

enum class StaffAction { kList, kRead, kInvite, kRevoke, kUpdate, kDeactivate, kReactivate };

// `organisation_id`: the organisation of the account or invitation concerned.
bool MayManageStaff(const auth::Actor& a, StaffAction action, int64_t organisation_id);

// Whether the actor may learn that an account or invitation of its own organisation exists: a
// landlord's staff (a role that may not manage it is then told so, 403). For partners, observers
// and tenants, staff accounts and invitations do not exist (404), whatever their organisation id.
bool SeesStaffAccounts(const auth::Actor& a);

}  // namespace relais::staff
