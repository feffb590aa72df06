// Who may manage staff accounts: the administrators of a landlord organisation, for that
// organisation only. Self-deactivation and the last administrator are domain rules (staff.cc).
#pragma once
#include <cstdint>

#include "platform/auth/actor.h"

namespace relais::staff {

enum class StaffAction { kList, kRead, kInvite, kRevoke, kUpdate, kDeactivate, kReactivate };

// `organisation_id`: the organisation of the account or invitation concerned.
bool MayManageStaff(const auth::Actor& a, StaffAction action, int64_t organisation_id);

}  // namespace relais::staff
