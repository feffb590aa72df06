// relais: one binary for the server and the operator's commands.
#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/background_jobs.h"
#include "modules/rent/rent.h"
#include "app/cli_audit.h"
#include "app/cli_backup.h"
#include "app/cli_data.h"
#include "app/cli_privacy.h"
#include "app/cli_notify.h"
#include "app/cli_outreach.h"
#include "app/cli_support.h"
#include "modules/outreach/call_store.h"
#include "modules/support/support_plan.h"
#include "platform/core/periodic_job.h"
#include "modules/housing/housing.h"
#include "modules/identity/identity.h"
#include "modules/privacy/privacy.h"
#include "modules/identity/mfa.h"
#include "platform/auth/actor.h"
#include "platform/http/server.h"
#include "platform/http/static_files.h"
#include "platform/core/text.h"
#include "platform/log/log.h"
#include <sstream>

namespace relais::app {
namespace {

constexpr const char* kVersion = "0.1.0";

// Options shared by every subcommand that touches the database.
struct Common {
  std::string config_path;
  std::string database_url;
};

Result<config::Config> LoadConfig(const Common& c) {
  auto cfg = config::Load(c.config_path);
  if (cfg.ok() && !c.database_url.empty()) cfg->database_url = c.database_url;
  return cfg;
}

void AddCommon(CLI::App* cmd, Common& c) {
  cmd->add_option("--config", c.config_path, "TOML configuration file (see docs/operations.md)");
  cmd->add_option("--database", c.database_url,
                  "Database URL: sqlite:///path/relais.db (default sqlite://var/relais.db) or postgresql://...; "
                  "overrides RELAIS_DATABASE_URL");
}

int Fail(const std::string& message) {
  std::cerr << "relais: " << message << "\n";
  return 1;
}

// Splits "host:port"; port 0 means any free port.
bool ParseListen(const std::string& listen, std::string& host, uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::atomic<int> g_signal{0};

}  // namespace

int RunServe(const config::Config& cfg_in) {
  // Block the stop signals before any thread starts (the database's checkpointer, the audit
  // trail's writer, the server's workers inherit the mask): only the main thread, waiting in
  // sigwait below, may take them. A thread that did not block them would die of SIGTERM.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  config::Config cfg = cfg_in;
  std::string host;
  uint16_t port = 0;
  if (!ParseListen(cfg.listen, host, port)) return Fail("adresse d'écoute invalide : " + cfg.listen + " (attendu hôte:port)");
  if (!cfg.dev_mode && IsLoopback(host)) {
    // Plain http on loopback: browsers refuse Secure cookies from http origins other than
    // localhost, and operators test with curl; say so rather than hide it.
    cfg.dev_mode = true;
    log::Warn("development mode: plain http on loopback, session cookie without Secure and __Host- prefix",
              {{"listen", cfg.listen}});
  }
  std::unique_ptr<db::Database> database;
  try {
    database = OpenAndMigrate(cfg.database_url, cfg.db_pool_size);
  } catch (const std::exception& e) {
    return Fail(std::string("base de données inaccessible : ") + e.what());
  }
  // Declared before the server: it outlives the answers that wait for it.
  audit::Trail::Options audit_options{.retention_days = cfg.audit_retention_days};
  if (const char* reads = std::getenv("RELAIS_AUDIT_READS"); reads && std::string_view(reads) == "off") {
    // For make bench only: it measures the household GET with and without the trail.
    audit_options.record_reads = false;
    log::Warn("audit of reads disabled by RELAIS_AUDIT_READS=off: for benchmarks only, never in production");
  }
  // The key that seals the TOTP secrets; secrets written in clear by an earlier version are sealed now.
  auth::SealKey seal_key, convocation_key;
  try {
    seal_key = LoadServerKey(cfg);
    convocation_key = LoadConvocationKey(cfg);
    if (int n = identity::SealClearMfaSecrets(*database, seal_key); n > 0) {
      log::Info("TOTP secrets sealed with the server key", {{"count", static_cast<int64_t>(n)}});
    }
  } catch (const std::exception& e) {
    return Fail(std::string("clé du serveur : ") + e.what());
  }
  auto trail = std::make_unique<audit::Trail>(*database, audit_options);
  // Delivers the outbox's e-mails and SMS (platform/notify); stopped before the database closes.
  auto notifier = std::make_unique<notify::Worker>(*database, NotifyOptions(cfg));
  notifier->Start();
  auto rent_settings = rent::ClockSettingsFrom(cfg);
  if (!rent_settings.ok()) return Fail(rent_settings.error().message);
  http::Router router;
  RegisterAllRoutes(router, *database, *trail, cfg, seal_key, [n = notifier.get()] { n->Wake(); }, convocation_key);
  router.metrics().AddExtra([n = notifier.get()] { return n->MetricsText(); });
  // The periodic work (nights, day ends, reminders), stopped before the database closes; a server
  // with server.background_jobs = false runs none (several servers on one database: one runs them).
  std::unique_ptr<BackgroundJobs> jobs;
  if (cfg.background_jobs) {
    jobs = StartBackgroundJobs(cfg, *database, *notifier, *rent_settings, convocation_key);
  } else {
    log::Info("background jobs off (server.background_jobs = false): another server runs them");
  }
  auto files = http::StaticFiles::Load(cfg.web_root);
  if (files->size() == 0) log::Warn("web app not found: only the API is served", {{"web_root", cfg.web_root}});
  router.SetStaticFiles(files);
  // Browsers must keep to https once they have reached Relais over it (server.public_url).
  router.SetHsts(config::ServedOverTls(cfg));

  http::ServerOptions options;
  options.host = host;
  options.port = port;
  options.threads = cfg.threads;
  options.max_body_bytes = static_cast<size_t>(cfg.max_body_bytes);
  options.max_connections = cfg.max_connections;
  options.header_timeout_seconds = cfg.header_timeout_seconds;
  options.body_timeout_seconds = cfg.body_timeout_seconds;
  options.idle_timeout_seconds = cfg.idle_timeout_seconds;
  options.trusted_proxy = cfg.trusted_proxy;
  // Each connection is a file descriptor: take all the process may have (the soft limit is often
  // 1024 when started by hand), and say so when max_connections cannot fit.
  if (rlimit nofile{}; getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
    if (nofile.rlim_cur < nofile.rlim_max) {
      nofile.rlim_cur = nofile.rlim_max;
      setrlimit(RLIMIT_NOFILE, &nofile);
      getrlimit(RLIMIT_NOFILE, &nofile);
    }
    const auto needed = static_cast<rlim_t>(cfg.max_connections) + static_cast<rlim_t>(cfg.db_pool_size) + 64;
    if (nofile.rlim_cur != RLIM_INFINITY && nofile.rlim_cur < needed) {
      log::Warn("open-file limit below server.max_connections: connections beyond it wait in the backlog",
                {{"limit", static_cast<int64_t>(nofile.rlim_cur)}, {"max_connections", cfg.max_connections}});
    }
  }
  http::Server server(options, router);
  router.metrics().AddExtra([&server] {
    const auto s = server.Stats();
    return "# HELP relais_http_connections_open Client connections open now.\n"
           "# TYPE relais_http_connections_open gauge\nrelais_http_connections_open " + std::to_string(s.open) +
           "\n# HELP relais_http_connections_accepted_total Client connections accepted.\n"
           "# TYPE relais_http_connections_accepted_total counter\nrelais_http_connections_accepted_total " +
           std::to_string(s.accepted) +
           "\n# HELP relais_http_connections_refused_total Connections refused (503) because server.max_connections "
           "were open.\n# TYPE relais_http_connections_refused_total counter\nrelais_http_connections_refused_total " +
           std::to_string(s.refused) +
           "\n# HELP relais_http_connections_timed_out_total Connections closed because a head, a body or an answer "
           "took longer than its timeout.\n# TYPE relais_http_connections_timed_out_total counter\n"
           "relais_http_connections_timed_out_total " + std::to_string(s.timed_out) + "\n";
  });

  uint16_t bound = 0;
  try {
    bound = server.Start();
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
  const std::string display_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "Relais " << kVersion << " listening on http://" << display_host << ":" << bound << std::endl;
  // Demo accounts, when the database was made by `relais demo`.
  std::vector<std::pair<std::string, std::string>> demo;
  try {
    database->Read([&](db::Connection& c) {
      c.Query("SELECT email, roles FROM staff_users WHERE email LIKE '%@demo.relais.test' ORDER BY id", {},
              [&](const db::Row& r) {
                auto roles = auth::RoleCodes(static_cast<uint32_t>(r.Int(1)));
                demo.emplace_back(r.Str(0), roles.empty() ? "" : roles.front());
              });
      return 0;
    });
  } catch (const std::exception&) {
  }
  if (!demo.empty()) {
    std::cout << "Demo accounts (password: " << housing::kDemoPassword << "):\n";
    for (const auto& [email, role] : demo) std::cout << "  " << role << "\t" << email << "\n";
    // A demo tenant with a mobile phone: the one-time code of the tenant portal goes to the SMS spool.
    std::string reference;
    try {
      database->Read([&](db::Connection& c) {
        c.Query("SELECT h.reference FROM households h JOIN phones p ON p.household_id = h.id "
                "WHERE p.number LIKE '06%' OR p.number LIKE '07%' ORDER BY h.id LIMIT 1",
                {}, [&](const db::Row& r) { reference = r.Str(0); });
        return 0;
      });
    } catch (const std::exception&) {
    }
    if (!reference.empty()) {
      std::cout << "Tenant portal: http://" << display_host << ":" << bound << "/locataire (tenant reference "
                << reference << "; "
                << (cfg.notify_sms_spool_dir.empty() ? std::string("set notify.sms_spool_dir to receive its code")
                                                     : "its code is written to " + cfg.notify_sms_spool_dir)
                << ")\n";
    }
    std::cout.flush();
  }
  int sig = 0;
  sigwait(&set, &sig);
  log::Info("stopping", {{"signal", sig}});
  server.Stop(10);
  jobs.reset();
  notifier.reset();
  trail.reset();  // writes what is still waiting, then stops its writer
  database.reset();
  log::Info("stopped");
  return 0;
}

}  // namespace relais::app

int main(int argc, char** argv) {
  using namespace relais;
  using namespace relais::app;
  CLI::App cli{"Relais: service continuity for social-housing landlords (find and call fragile tenants, "
               "support tenants in arrears, receive by appointment, keep allocating, repairing and cleaning)."};
  cli.require_subcommand(1);
  Common common;

  auto* serve = cli.add_subcommand("serve", "Start the web server (API and web app)");
  AddCommon(serve, common);
  std::string listen;
  std::string web_root;
  serve->add_option("--listen", listen, "Address to listen on, host:port (default 127.0.0.1:8080; port 0 = any free port)");
  serve->add_option("--web-root", web_root, "Folder of the built web app (default web/dist)");

  auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema, then exit");
  AddCommon(migrate, common);

  auto* user = cli.add_subcommand("user", "Manage staff accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a staff account (the password is read from RELAIS_PASSWORD or asked)");
  AddCommon(user_add, common);
  std::string email, name, roles_csv;
  int64_t organisation_id = 0;
  user_add->add_option("--email", email, "E-mail address used to sign in")->required();
  user_add->add_option("--name", name, "Name shown in the interface")->required();
  user_add->add_option("--roles", roles_csv,
                       "Comma-separated roles: administrator, manager, call_agent, social_support, reception, "
                       "allocation, technical, caretaker, data_protection; partner_worker (partner organisation), "
                       "regional_observer (regional association)")->required();
  user_add->add_option("--organisation", organisation_id, "Organisation (landlord) id")->required();
  auto* user_reset_mfa = user->add_subcommand(
      "reset-mfa", "Remove the second factor (TOTP) of a staff account and end its sessions (a lost phone); audited");
  AddCommon(user_reset_mfa, common);
  std::string reset_email;
  user_reset_mfa->add_option("EMAIL", reset_email, "E-mail address of the account")->required();

  auto* demo = cli.add_subcommand("demo", "Fill the database with a realistic demo landlord (or region) in Normandy and one account per role");
  AddCommon(demo, common);
  DemoOptions demo_options;
  demo->add_option("--households", demo_options.households, "Number of households (default 5000; a region: 330000)")
      ->check(CLI::Range(int64_t{1}, int64_t{50'000'000}));
  demo->add_option("--seed", demo_options.seed, "Seed: the same seed gives the same data (default 1)");
  demo->add_option("--landlords", demo_options.landlords, "Number of landlords (default 1; a region: 12)")
      ->check(CLI::Range(1, 1000));
  demo->add_option("--csv", demo_options.csv_dir,
                   "Write DIR/stock.csv and DIR/households.csv in the import format (docs/import.md) instead of "
                   "filling a database (one landlord)");

  auto* import = cli.add_subcommand("import", "Load the landlord's CSV exports (see docs/import.md); all or nothing");
  import->require_subcommand(1);
  ImportOptions import_options;
  auto add_import = [&](const char* name, const char* help, ImportOptions::Kind kind) {
    auto* cmd = import->add_subcommand(name, help);
    AddCommon(cmd, common);
    cmd->add_option("FILE", import_options.file, "The CSV file (separator ; or , ; UTF-8 or Windows-1252)")->required();
    cmd->add_option("--mapping", import_options.mapping_file,
                    "File renaming another export's columns to Relais's (lines: colonne_relais=En-tête du fichier)");
    cmd->add_option("--organisation", import_options.organisation,
                    "Landlord receiving the data: id or SIREN (default: the only one in the database)");
    cmd->add_flag("--dry-run", import_options.dry_run, "Check everything, write nothing");
    cmd->callback([&import_options, kind] { import_options.kind = kind; });
  };
  add_import("stock", "Buildings and dwellings, one row per dwelling", ImportOptions::kStock);
  add_import("households", "Households with their lease, members and phones, one row per household",
             ImportOptions::kHouseholds);
  add_import("vulnerable", "The town's register of vulnerable persons, matched to household members (never guessed)",
             ImportOptions::kVulnerable);
  add_import("ledger", "Rent ledger lines from the accounting (rent, charges, payments, benefit), by line reference",
             ImportOptions::kLedger);

  auto* organisation = cli.add_subcommand("organisation", "Manage organisations: landlords, partners (CCAS, associations), the regional association");
  organisation->require_subcommand(1);
  auto* organisation_add = organisation->add_subcommand("add", "Create an organisation (a landlord unless --kind); prints its id");
  AddCommon(organisation_add, common);
  std::string organisation_name, organisation_siren;
  organisation_add->add_option("--name", organisation_name, "Name of the landlord")->required();
  organisation_add->add_option("--siren", organisation_siren, "SIREN (9 digits)")->required();
  std::string organisation_kind = "landlord";
  organisation_add->add_option("--kind", organisation_kind,
                               "landlord (default), partner (CCAS, association) or regional (regional association "
                               "of landlords)")
      ->check(CLI::IsMember({"landlord", "partner", "regional"}));
  auto* organisation_attach = organisation->add_subcommand(
      "attach", "Attach a partner to a landlord it works with and/or a commune it serves");
  AddCommon(organisation_attach, common);
  int64_t attach_partner = 0;
  std::optional<int64_t> attach_landlord;
  std::vector<std::string> attach_communes;
  organisation_attach->add_option("PARTNER", attach_partner, "Partner organisation id")->required();
  organisation_attach->add_option("--landlord", attach_landlord, "Landlord (organisation id)");
  organisation_attach->add_option("--commune", attach_communes, "INSEE code of a commune served (repeatable)");

  auto* backup = cli.add_subcommand("backup", "Back up the database while the server runs (consistent snapshot; "
                                              "see docs/operations.md)");
  AddCommon(backup, common);
  BackupCliOptions backup_options;
  backup->add_option("DEST", backup_options.dest,
                     "Backup file, or an existing folder where relais-YYYYMMDDTHHMMSSZ.db (SQLite) or .dump "
                     "(PostgreSQL, pg_dump custom format) is created")->required();
  backup->add_flag("--force", backup_options.force, "Replace DEST if it exists");
  backup->add_option("--keep", backup_options.keep,
                     "With a folder as DEST: keep only the newest N backups made by relais (after a successful one)")
      ->check(CLI::Range(1, 100000));

  auto* restore = cli.add_subcommand("restore", "Restore a backup into a new or empty database, then migrate and check it");
  RestoreCliOptions restore_options;
  restore->add_option("SRC", restore_options.src, "Backup file made by relais backup")->required();
  restore->add_option("--database", restore_options.database_url,
                      "Database to restore into (sqlite:///path/relais.db or postgresql://...); never taken from "
                      "the configuration")->required();
  restore->add_flag("--force", restore_options.force, "Replace the content of a database that is not empty");

  auto* audit_cmd = cli.add_subcommand("audit", "Check or prune the audit trail (who read or changed which record)");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "Check the whole hash chain of the audit trail; exit 1 and name the first broken entry if altered");
  AddCommon(audit_verify, common);
  auto* audit_purge = audit_cmd->add_subcommand(
      "purge", "Delete the audit entries older than audit.retention_days (the server does it once a day)");
  AddCommon(audit_purge, common);

  auto* anonymise = cli.add_subcommand(
      "anonymise", "Apply the retention periods (retention.*): anonymise households, support cases, ledger texts, "
      "appointments and outreach call notes past theirs, delete vulnerability profiles past theirs");
  bool anonymise_due = false;
  anonymise->add_flag("--due", anonymise_due, "Every record past its retention period (the server does it once a day)")
      ->required();
  AddCommon(anonymise, common);
  auto* notify_cmd = cli.add_subcommand("notify", "Notifications (e-mail, SMS) sent to tenants");
  notify_cmd->require_subcommand(1);
  auto* notify_test = notify_cmd->add_subcommand(
      "test", "Send one test message now through the notify.* configuration; exit 1 if it could not be sent");
  AddCommon(notify_test, common);
  NotifyTestOptions notify_test_options;
  notify_test->add_option("--email", notify_test_options.email, "E-mail address to send the test to");
  notify_test->add_option("--sms", notify_test_options.sms, "Phone number to send the test SMS to (HTTP gateway, or spool file)");

  auto* outreach_cmd = cli.add_subcommand("outreach", "Outreach calls in a crisis (docs/guide/appels-et-alertes.md)");
  outreach_cmd->require_subcommand(1);
  auto* day_end = outreach_cmd->add_subcommand(
      "day-end", "End a calling day now: its open calls become unreachable, unreachable level-3 tenants are escalated "
                 "(the server does it after the calling hours)");
  AddCommon(day_end, common);
  std::string day_end_date;
  day_end->add_option("--date", day_end_date, "The day to end, YYYY-MM-DD")->required();
  auto* add_call = outreach_cmd->add_subcommand("add-call", "Put one member on a day's call list by hand; prints the call's id");
  AddCommon(add_call, common);
  AddCallOptions add_call_options;
  add_call->add_option("--organisation", add_call_options.organisation_id, "Organisation id")->required();
  add_call->add_option("--plan", add_call_options.plan_id, "Crisis plan id")->required();
  add_call->add_option("--member", add_call_options.member_id, "Household member id")->required();
  add_call->add_option("--date", add_call_options.date, "List date, YYYY-MM-DD")->required();
  add_call->add_option("--level", add_call_options.level, "Vulnerability level 1-3 (default 3)")->check(CLI::Range(1, 3));
  add_call->add_option("--agent", add_call_options.agent_id, "Staff id of the assigned call agent (default: nobody)");

  auto* support_cmd = cli.add_subcommand("support", "Support cases of tenants in arrears (docs/guide/accompagnement.md)");
  support_cmd->require_subcommand(1);
  auto* check_plans = support_cmd->add_subcommand(
      "check-plans", "Check every running payment plan against the ledger now: a task per missed instalment, "
                     "finished plans closed (the server does it every 6 hours)");
  AddCommon(check_plans, common);
  std::string check_plans_date;
  check_plans->add_option("--date", check_plans_date, "The day to check as, YYYY-MM-DD (default: today, Paris time)");

  auto* routes = cli.add_subcommand("routes", "List the HTTP routes the server registers");
  auto* version = cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "relais " << kVersion << "\n";
    return 0;
  }
  if (routes->parsed()) {
    log::SetQuiet(true);
    auto db = OpenAndMigrate("sqlite::memory:", 1);  // the audit trail's writer needs its tables
    http::Router router;
    config::Config cfg;
    audit::Trail trail(*db);
    RegisterAllRoutes(router, *db, trail, cfg, auth::SealKey{});
    for (const auto& r : router.Routes()) {
      std::cout << r.method << " " << r.pattern << " " << http::AccessName(r.access) << "\n";
    }
    return 0;
  }

  if (restore->parsed()) return RunRestore(restore_options);

  auto cfg = LoadConfig(common);
  if (!cfg.ok()) {
    std::cerr << "relais: " << cfg.error().message << "\n";
    return 2;
  }
  if (serve->parsed()) {
    if (!listen.empty()) cfg->listen = listen;
    if (!web_root.empty()) cfg->web_root = web_root;
    return RunServe(*cfg);
  }
  if (backup->parsed()) return RunBackup(*cfg, backup_options);
  if (notify_test->parsed()) return RunNotifyTest(*cfg, notify_test_options);
  if (audit_verify->parsed()) return RunAuditVerify(*cfg);
  if (audit_purge->parsed()) return RunAuditPurge(*cfg);
  if (anonymise->parsed()) return RunAnonymiseDue(*cfg);
  if (day_end->parsed()) return RunOutreachDayEnd(*cfg, day_end_date);
  if (add_call->parsed()) return RunOutreachAddCall(*cfg, add_call_options);
  if (check_plans->parsed()) return RunSupportCheckPlans(*cfg, check_plans_date);
  if (demo->parsed()) return RunDemo(*cfg, demo_options);
  if (import->parsed()) return RunImport(*cfg, import_options);
  if (organisation_add->parsed()) {
    try {
      log::SetQuiet(true);
      auto db = OpenAndMigrate(cfg->database_url, 1);
      auto id = db->Write([&](db::Connection& c) {
        return housing::CreateOrganisation(c, organisation_name, organisation_siren, organisation_kind);
      });
      if (!id.ok()) {
        std::cerr << "relais: " << id.error().message << "\n";
        return 1;
      }
      std::cout << *id << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "relais: " << e.what() << "\n";
      return 1;
    }
  }
  if (organisation_attach->parsed()) {
    if (!attach_landlord && attach_communes.empty()) {
      std::cerr << "relais: --landlord ou --commune est nécessaire\n";
      return 2;
    }
    try {
      log::SetQuiet(true);
      auto db = OpenAndMigrate(cfg->database_url, 1);
      auto done = db->Write([&](db::Connection& c) -> Result<Unit> {
        if (attach_landlord) {
          if (auto r = housing::AttachPartner(c, attach_partner, attach_landlord, ""); !r.ok()) return r;
        }
        for (const auto& insee : attach_communes) {
          if (auto r = housing::AttachPartner(c, attach_partner, std::nullopt, insee); !r.ok()) return r;
        }
        return Unit{};
      });
      if (!done.ok()) {
        std::cerr << "relais: " << done.error().field << " : " << done.error().message << "\n";
        return 1;
      }
      std::cout << "partenaire rattaché\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "relais: " << e.what() << "\n";
      return 1;
    }
  }
  if (migrate->parsed()) {
    try {
      auto db = OpenAndMigrate(cfg->database_url, 1);
      std::cout << "schema up to date\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "relais: " << e.what() << "\n";
      return 1;
    }
  }
  if (user_reset_mfa->parsed()) {
    try {
      log::SetQuiet(true);
      auto db = OpenAndMigrate(cfg->database_url, 1);
      auto done = db->Write([&](db::Connection& c) { return identity::OperatorResetsMfa(c, reset_email); });
      if (!done.ok()) {
        std::cerr << "relais: " << done.error().message << "\n";
        return 1;
      }
      // The entry waits in audit_pending; the server's trail writer seals it into the chain.
      std::cout << "double authentification réinitialisée : " << reset_email << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "relais: " << e.what() << "\n";
      return 1;
    }
  }
  if (user_add->parsed()) {
    identity::NewStaffUser u;
    u.organisation_id = organisation_id;
    u.email = email;
    u.display_name = name;
    std::stringstream ss(roles_csv);
    for (std::string code; std::getline(ss, code, ',');) {
      auto role = auth::RoleFromCode(std::string(text::Trim(code)));
      if (!role) {
        std::cerr << "relais: rôle inconnu « " << code << " »\n";
        return 2;
      }
      u.roles |= static_cast<uint32_t>(*role);
    }
    if (const char* p = std::getenv("RELAIS_PASSWORD")) {
      u.password = p;
    } else {
      std::cerr << "Mot de passe (12 caractères au moins) : ";
      std::getline(std::cin, u.password);
    }
    try {
      log::SetQuiet(true);
      auto db = OpenAndMigrate(cfg->database_url, 1);
      auto id = db->Write([&](db::Connection& c) { return identity::AdminCreatesStaffUser(c, u); });
      if (!id.ok()) {
        std::cerr << "relais: " << (id.error().field.empty() ? "" : id.error().field + " : ") << id.error().message << "\n";
        return 1;
      }
      std::cout << "compte créé : " << *id << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "relais: " << e.what() << "\n";
      return 1;
    }
  }
  return 0;
}
