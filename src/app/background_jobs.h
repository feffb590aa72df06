#pragma once
// The server's periodic work: each night's arrears, the retention of households and support
// cases, the end of the calling day, payment plans' adherence, appointment reminders and the
// morning's call lists.
// With server.background_jobs = false a server runs none of it (several servers on one database:
// one of them runs it; the tests run each job through its command instead).
#include <memory>

#include "modules/outreach/call_list_store.h"
#include "modules/privacy/privacy.h"
#include "modules/rent/arrears_store.h"
#include "modules/support/support_plan.h"
#include "platform/auth/seal.h"
#include "platform/config/config.h"
#include "platform/core/periodic_job.h"
#include "platform/db/db.h"
#include "platform/notify/notify.h"

namespace relais::app {

struct BackgroundJobs {
  std::unique_ptr<DailyJob> arrears;  // none when rent.compute_hour is -1
  std::unique_ptr<privacy::RetentionJob> retention;  // none when both retention.*_months are 0
  std::unique_ptr<PeriodicJob> day_end;
  std::unique_ptr<support::PlanAdherenceJob> plan_adherence;
  std::unique_ptr<PeriodicJob> reminders;
  std::unique_ptr<DailyJob> call_lists;  // none when outreach.list_build_hour is -1
};

// Starts every job; destroying the result stops them (before the database and the notifier close).
std::unique_ptr<BackgroundJobs> StartBackgroundJobs(const config::Config& cfg, db::Database& db, notify::Worker& notifier,
                                                    const rent::ClockSettings& rent_settings,
                                                    const auth::SealKey& convocation_key);

}  // namespace relais::app
