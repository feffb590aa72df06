// Use cases of crisis plans: authorise through crisis_plan_policy, validate (crisis_plan.h), scope
// to the actor's organisation (plans of another landlord are 404), audit (record type crisis_plan).
#pragma once
#include <vector>

#include "modules/outreach/crisis_plan.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::outreach {

// Inserts a plan as given (no check, no audit): the use case below and the demo data.
int64_t InsertCrisisPlan(db::Connection& c, int64_t organisation_id, const CrisisPlan& plan, int64_t user_id);

// Every plan of an organisation, unchecked (the call list builder filters those in force).
std::vector<CrisisPlan> CrisisPlansOf(db::Connection& c, int64_t organisation_id);

Result<CrisisPlan> ManagerDeclaresCrisisPlan(db::Database& db, const auth::Actor& actor, CrisisPlan plan);
Result<std::vector<CrisisPlan>> StaffListsCrisisPlans(db::Database& db, const auth::Actor& actor);
Result<CrisisPlan> StaffReadsCrisisPlan(db::Database& db, const auth::Actor& actor, int64_t id);
// Replaces the plan's fields (the caller merges a PATCH into the read plan).
Result<CrisisPlan> ManagerChangesCrisisPlan(db::Database& db, const auth::Actor& actor, CrisisPlan plan);
// Ends the plan on `today` (YYYY-MM-DD, Europe/Paris); a plan that starts later ends the day it starts.
Result<CrisisPlan> ManagerClosesCrisisPlan(db::Database& db, const auth::Actor& actor, int64_t id,
                                           const std::string& today);

}  // namespace relais::outreach
