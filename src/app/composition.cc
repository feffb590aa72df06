#include <filesystem>

#include "app/app.h"
#include "modules/audit/audit.h"
#include "modules/dashboard/dashboard.h"
#include "modules/housing/housing.h"
#include "modules/identity/identity.h"
#include "modules/privacy/privacy.h"
#include "modules/rent/rent.h"
#include "modules/outreach/call_routes.h"
#include "modules/outreach/call_list_routes.h"
#include "modules/outreach/need.h"
#include "modules/outreach/crisis_report.h"
#include "modules/outreach/outreach.h"
#include "modules/outreach/vulnerability_routes.h"
#include "modules/staff/staff.h"
#include "modules/reception/appointment_notice_routes.h"
#include "modules/reception/convocation_routes.h"
#include "modules/reception/reception_routes.h"
#include "modules/support/support.h"
#include "modules/tenant/tenant.h"
#include "platform/db/migrate.h"
#include "platform/log/log.h"

namespace relais::app {

std::unique_ptr<db::Database> OpenAndMigrate(const std::string& url, int pool_size) {
  if (url.starts_with("sqlite://") && url != "sqlite::memory:") {
    std::filesystem::path file = url.substr(9);
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  }
  auto db = db::Database::Open(url, pool_size);
  auto applied = db::Migrate(*db);
  for (const auto& v : applied) log::Info("migration applied", {{"version", v}});
  return db;
}

identity::Settings IdentitySettings(const config::Config& cfg, const auth::SealKey& seal_key) {
  return {cfg.staff_idle_minutes, cfg.session_absolute_hours, cfg.dev_mode, cfg.mfa_grace_days, seal_key};
}

auth::SealKey LoadServerKey(const config::Config& cfg) {
  std::string path = cfg.secret_key_file;
  if (path.empty()) {
    if (!cfg.database_url.starts_with("sqlite://") || cfg.database_url == "sqlite::memory:") {
      throw std::runtime_error(
          "identity.secret_key_file (RELAIS_SECRET_KEY_FILE) est requis avec PostgreSQL : le même fichier de "
          "clé sur chaque serveur de l'instance, hors de la base et de ses sauvegardes");
    }
    path = (std::filesystem::path(cfg.database_url.substr(9)).parent_path() / "relais-secret.key").string();
  }
  return auth::LoadOrCreateSealKey(path);
}

auth::SealKey LoadConvocationKey(const config::Config& cfg) {
  std::string path = cfg.convocation_key_file;
  if (path.empty()) {
    std::filesystem::path dir;
    if (!cfg.secret_key_file.empty()) {
      dir = std::filesystem::path(cfg.secret_key_file).parent_path();
    } else if (cfg.database_url.starts_with("sqlite://") && cfg.database_url != "sqlite::memory:") {
      dir = std::filesystem::path(cfg.database_url.substr(9)).parent_path();
    } else {
      throw std::runtime_error(
          "reception.convocation_key_file (RELAIS_CONVOCATION_KEY_FILE) ou identity.secret_key_file est requis avec "
          "PostgreSQL : le même fichier de clé sur chaque serveur de l'instance");
    }
    path = (dir / "relais-convocation.key").string();
  }
  return auth::LoadOrCreateSealKey(path);
}

reception::NoticeSettings ReceptionNoticeSettings(const config::Config& cfg, const auth::SealKey& convocation_key) {
  reception::NoticeSettings s;
  s.convocation.key = convocation_key;
  s.convocation.public_url = cfg.public_url;
  s.reminder_hours = cfg.reception_reminder_hours;
  return s;
}

outreach::CallSettings OutreachCallSettings(const config::Config& cfg) {
  return {{cfg.outreach_retry_delay_minutes, cfg.outreach_max_attempts_per_day}, outreach::RuleFrom(cfg),
          !cfg.notify_smtp_url.empty()};
}

privacy::RetentionSettings RetentionSettingsOf(const config::Config& cfg) {
  privacy::RetentionSettings r;
  r.household_months = cfg.retention_household_months;
  r.support_case_months = cfg.retention_support_case_months;
  r.ledger_months = cfg.retention_ledger_months;
  r.appointment_months = cfg.retention_appointment_months;
  r.outreach_call_months = cfg.retention_outreach_call_months;
  r.vulnerability_profile_months = cfg.retention_vulnerability_profile_months;
  return r;
}

support::Settings SupportSettings(const config::Config& cfg) {
  support::Settings s;
  s.document_max_bytes = cfg.support_document_max_bytes;
  s.plan_rules.max_months = cfg.support_plan_max_months;
  s.plan_rules.grace_days = cfg.support_plan_grace_days;
  s.plan_rules.broken_after_missed = cfg.support_plan_broken_after_missed;
  // Guarantee claims and other solutions: the rent module's arrears rules (one Visale rule).
  if (auto clock = rent::ClockSettingsFrom(cfg); clock.ok()) s.solution_rules.arrears = clock->rules;
  s.solution_rules.grace_days = cfg.support_plan_grace_days;
  auto& g = s.solution_rules.guarantee;
  g.visale_rent_cap_cents = cfg.support_visale_rent_cap_cents;
  g.visale_cover_months = cfg.support_visale_cover_months;
  g.visale_student_cover_months = cfg.support_visale_student_cover_months;
  g.locapass_cover_months = cfg.support_locapass_cover_months;
  g.locapass_monthly_cap_cents = cfg.support_locapass_monthly_cap_cents;
  g.locapass_apply_months = cfg.support_locapass_apply_months;
  auto& a = s.solution_rules.aid;
  a.action_logement_monthly_cents = cfg.support_action_logement_monthly_cents;
  a.action_logement_months = cfg.support_action_logement_months;
  a.action_logement_job_loss_months = cfg.support_action_logement_job_loss_months;
  // Each département's FSL (fsl_rules.h): what the configuration sets, nothing assumed.
  for (auto& d : s.fsl_rules.departements) {
    if (d.code == "14") {
      d.fund_address = cfg.fsl_d14_address;
      d.resource_ceiling_cents = cfg.fsl_d14_resource_ceiling_cents;
      d.resource_ceiling_per_person_cents = cfg.fsl_d14_resource_ceiling_per_person_cents;
      d.max_grant_cents = cfg.fsl_d14_max_grant_cents;
    }
    if (d.code == "27") {
      d.fund_address = cfg.fsl_d27_address;
      d.resource_ceiling_cents = cfg.fsl_d27_resource_ceiling_cents;
      d.resource_ceiling_per_person_cents = cfg.fsl_d27_resource_ceiling_per_person_cents;
      d.max_grant_cents = cfg.fsl_d27_max_grant_cents;
    }
    if (d.code == "50") {
      d.fund_address = cfg.fsl_d50_address;
      d.resource_ceiling_cents = cfg.fsl_d50_resource_ceiling_cents;
      d.resource_ceiling_per_person_cents = cfg.fsl_d50_resource_ceiling_per_person_cents;
      d.max_grant_cents = cfg.fsl_d50_max_grant_cents;
    }
    if (d.code == "61") {
      d.fund_address = cfg.fsl_d61_address;
      d.resource_ceiling_cents = cfg.fsl_d61_resource_ceiling_cents;
      d.resource_ceiling_per_person_cents = cfg.fsl_d61_resource_ceiling_per_person_cents;
      d.max_grant_cents = cfg.fsl_d61_max_grant_cents;
    }
    if (d.code == "76") {
      d.fund_address = cfg.fsl_d76_address;
      d.resource_ceiling_cents = cfg.fsl_d76_resource_ceiling_cents;
      d.resource_ceiling_per_person_cents = cfg.fsl_d76_resource_ceiling_per_person_cents;
      d.max_grant_cents = cfg.fsl_d76_max_grant_cents;
    }
  }
  return s;
}

outreach::CallListSettings CallListSettings(const config::Config& cfg) {
  return {outreach::RuleFrom(cfg), cfg.outreach_agent_daily_capacity};
}

void RegisterAllRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const config::Config& cfg,
                       const auth::SealKey& seal_key, std::function<void()> notify_wake,
                       const auth::SealKey& convocation_key) {
  router.Add("GET", "/healthz", http::Access::kPublic, [](http::Context&) { return http::Json({{"status", "ok"}}); });
  router.Add("GET", "/readyz", http::Access::kPublic, [&db](http::Context&) {
    if (db.Ping()) return http::Json({{"status", "ready"}, {"database", "ok"}});
    // Load balancers and operators read why: the words "database unreachable" are stable.
    return http::Problem({ErrorCode::kUnavailable,
                          "Base de données injoignable (database unreachable) : Relais ne peut ni lire ni "
                          "enregistrer. Il se reconnecte seul dès qu'elle répond à nouveau.",
                          {}, {}});
  });
  router.Add("GET", "/metrics", http::Access::kPublic, [&router](http::Context&) {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = router.metrics().Render();
    return r;
  });
  router.metrics().AddExtra([&db, &trail] {
    auto s = db.Stats();
    auto a = trail.stats();
    return "# HELP relais_db_pool_connections Database connections opened by the pool.\n"
           "# TYPE relais_db_pool_connections gauge\nrelais_db_pool_connections " + std::to_string(s.size) +
           "\n# HELP relais_db_pool_in_use Database connections lent right now.\n"
           "# TYPE relais_db_pool_in_use gauge\nrelais_db_pool_in_use " + std::to_string(s.in_use) +
           "\n# HELP relais_db_pool_waits_total Times a request waited for a database connection.\n"
           "# TYPE relais_db_pool_waits_total counter\nrelais_db_pool_waits_total " + std::to_string(s.waits) +
           "\n# HELP relais_audit_batches_total Transactions written by the audit trail's writer.\n"
           "# TYPE relais_audit_batches_total counter\nrelais_audit_batches_total " + std::to_string(a.batches) +
           "\n# HELP relais_audit_read_entries_total Read entries made durable by the audit trail's writer.\n"
           "# TYPE relais_audit_read_entries_total counter\nrelais_audit_read_entries_total " + std::to_string(a.entries) +
           "\n# HELP relais_audit_failures_total Audit batches that could not be written (their reads got 503).\n"
           "# TYPE relais_audit_failures_total counter\nrelais_audit_failures_total " + std::to_string(a.failures) +
           "\n# HELP relais_audit_write_seconds_total Time the audit trail's writer spent writing batches.\n"
           "# TYPE relais_audit_write_seconds_total counter\nrelais_audit_write_seconds_total " +
           std::to_string(static_cast<double>(a.write_us) / 1e6) + "\n";
  });
  identity::RegisterRoutes(router, db, IdentitySettings(cfg, seal_key));
  housing::RegisterRoutes(router, db, trail);
  audit::RegisterRoutes(router, db, trail);
  privacy::RegisterRoutes(router, db, trail);
  outreach::RegisterRoutes(router, db);
  outreach::RegisterVulnerabilityRoutes(router, db, trail, outreach::RuleFrom(cfg));
  outreach::RegisterCallRoutes(router, db, trail, OutreachCallSettings(cfg));
  outreach::RegisterCallListRoutes(router, db, trail, CallListSettings(cfg));
  auto rent_settings = rent::ClockSettingsFrom(cfg);
  outreach::RegisterNeedRoutes(router, db, trail, rent_settings.ok() ? *rent_settings : rent::ClockSettings{});
  outreach::RegisterCrisisReportRoutes(router, db, outreach::RuleFrom(cfg));
  // `relais serve` refuses a bad [rent] configuration before this (main.cc).
  rent::RegisterRoutes(router, db, trail, rent_settings.ok() ? *rent_settings : rent::ClockSettings{});
  support::RegisterRoutes(router, db, trail, SupportSettings(cfg));
  dashboard::RegisterRoutes(router, db, trail);
  staff::RegisterRoutes(router, db,
                        staff::Settings{cfg.staff_invitation_days, cfg.public_url, !cfg.notify_smtp_url.empty()});
  reception::RegisterRoutes(router, db, trail);
  const auto notices = ReceptionNoticeSettings(cfg, convocation_key);
  reception::RegisterConvocationRoutes(router, db, trail, notices.convocation);
  reception::RegisterNoticeRoutes(router, db);
  // Every booking, change and cancellation queues its notices in its own transaction.
  if (!convocation_key.empty()) reception::SetAppointmentHooks(reception::NoticeHooks(notices));
  tenant::RegisterRoutes(router, db, trail,
                         {cfg.tenant_idle_minutes, cfg.session_absolute_hours, cfg.dev_mode, std::move(notify_wake)});
}

}  // namespace relais::app
