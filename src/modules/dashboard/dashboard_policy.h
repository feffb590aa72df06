// Who reads the aggregated figures: the regional association's observers, for every landlord of
// the instance (one instance serves one region), and a landlord's managers, for their own
// organisation. Nobody else: the figures are for steering, not for the daily work.
#pragma once
#include "platform/auth/actor.h"

namespace relais::dashboard {

bool CanReadFigures(const auth::Actor& a);

// The open escalations (alerts about unreachable level-3 tenants) on the dashboard: a landlord's
// managers only, since the alerts name the persons; which ones is outreach's rule (their agencies).
bool CanReadOpenEscalations(const auth::Actor& a);

// The landlords an actor's figures cover: every landlord of the instance, its own, or none.
enum class FiguresScope { kRegion, kOrganisation, kNone };
FiguresScope FiguresScopeOf(const auth::Actor& a);

}  // namespace relais::dashboard
