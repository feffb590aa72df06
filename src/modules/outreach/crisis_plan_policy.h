// Who may see and declare crisis plans. Every staff member of a landlord reads its plans (the
// call agents work under them); managers and administrators declare, change and close them.
// Partners, observers and tenants see none (404). Plans are scoped to the actor's organisation.
#pragma once
#include "platform/auth/actor.h"

namespace relais::outreach {

bool CanReadCrisisPlans(const auth::Actor& a);
bool CanManageCrisisPlans(const auth::Actor& a);  // declare, change, close
// The manager's crisis view (crisis_report.h): managers and administrators; an agency-scoped
// manager's view is limited to their agencies by the report itself.
bool CanReadCrisisReport(const auth::Actor& a);

}  // namespace relais::outreach
