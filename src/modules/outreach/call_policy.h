// Who may see and work outreach calls, their follow-up tasks and escalations (issue 5).
// - Calls: a landlord's call agents, managers and social workers (CESF) read the calls of their
//   organisation (and agencies, when the account is limited to some); an agent records attempts
//   on the calls assigned to them, a manager on any call. Other staff, partners, observers: 404.
// - Tasks: the same readers; the task's owner or a manager closes it.
// - Escalations: the managers (and administrators) only.
#pragma once
#include <cstdint>

#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanReadCalls(const auth::Actor& a);
// The call (of the actor's organisation) is in the actor's agencies.
bool CanSeeCallOfAgency(const auth::Actor& a, int64_t agency_id);
// Records an attempt on a call assigned to `agent_id` (0: nobody).
bool CanRecordAttempt(const auth::Actor& a, int64_t agent_id);
bool CanCloseTask(const auth::Actor& a, int64_t owner_id);
bool CanManageEscalations(const auth::Actor& a);

}  // namespace relais::outreach
