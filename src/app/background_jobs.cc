#include "app/background_jobs.h"

#include <chrono>
#include <exception>
#include <string>

#include "app/app.h"
#include "modules/outreach/call_store.h"
#include "modules/rent/rent.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::app {

std::unique_ptr<BackgroundJobs> StartBackgroundJobs(const config::Config& cfg, db::Database& db, notify::Worker& notifier,
                                                    const rent::ClockSettings& rent_settings,
                                                    const auth::SealKey& convocation_key) {
  auto jobs = std::make_unique<BackgroundJobs>();
  // Every lease's arrears situation each night (rent.compute_hour, Paris; modules/rent/rent.h).
  jobs->arrears = rent::StartNightlyArrears(db, rent_settings);
  // Households, closed support cases, ledger texts, appointments, outreach call notes and
  // vulnerability profiles past their retention are anonymised or deleted once a day (each off when
  // its key retention.* is 0).
  const privacy::RetentionSettings retention = RetentionSettingsOf(cfg);
  if (retention.any()) jobs->retention = std::make_unique<privacy::RetentionJob>(db, retention);
  // The end of the calling day: open calls whose plan's hours are over become unreachable, and
  // unreachable level-3 tenants are escalated (modules/outreach/call_store.h).
  jobs->day_end = std::make_unique<PeriodicJob>(
      std::chrono::minutes(1), std::chrono::minutes(10), [db = &db, email = !cfg.notify_smtp_url.empty()] {
        try {
          const auto r = outreach::EndCallingDay(*db, NowMillis(), email);
          if (r.closed > 0) log::Info("outreach: calling day ended", {{"closed", r.closed}, {"escalations", r.escalations}});
        } catch (const std::exception& e) {
          log::Error("outreach: day end failed, retried in 10 minutes", {{"error", std::string(e.what())}});
        }
      });
  // The adherence of every running payment plan, against the ledger (modules/support/support_plan.h):
  // a missed instalment opens a task on its case.
  jobs->plan_adherence = std::make_unique<support::PlanAdherenceJob>(db, SupportSettings(cfg).plan_rules);
  // Appointment reminders (reception.reminder_hours before), looked for every 10 minutes.
  jobs->reminders = std::make_unique<PeriodicJob>(
      std::chrono::minutes(1), std::chrono::minutes(10),
      [db = &db, s = ReceptionNoticeSettings(cfg, convocation_key), n = &notifier] {
        try {
          if (const int sent = reception::SendDueReminders(*db, s, NowMillis()); sent > 0) {
            log::Info("reception: reminders queued", {{"appointments", static_cast<int64_t>(sent)}});
            n->Wake();
          }
        } catch (const std::exception& e) {
          log::Error("reception: reminders failed, retried in 10 minutes", {{"error", std::string(e.what())}});
        }
      });
  // Every landlord's call list of the day is built each morning (outreach.list_build_hour, Paris).
  if (cfg.outreach_list_build_hour >= 0) {
    jobs->call_lists = std::make_unique<DailyJob>(
        cfg.outreach_list_build_hour, [db = &db, s = CallListSettings(cfg)](CivilDate today) {
          try {
            const int64_t added = outreach::BuildEveryCallList(*db, today, s);
            log::Info("call lists: built", {{"date", FormatIso(today)}, {"added", added}});
            return true;
          } catch (const std::exception& e) {
            log::Error("call lists: build failed, retried in 5 minutes", {{"error", std::string(e.what())}});
            return false;
          }
        });
  }
  return jobs;
}

}  // namespace relais::app
