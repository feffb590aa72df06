#include "platform/config/config.h"

#include <cstdlib>
#include <optional>
#include <toml++/toml.h>

namespace relais::config {
namespace {

Result<int> ParseInt(const std::string& key, const std::string& v, int min, int max) {
  try {
    size_t used = 0;
    long n = std::stol(v, &used);
    if (used == v.size() && n >= min && n <= max) return static_cast<int>(n);
  } catch (...) {
  }
  return Invalid(key, key + " doit être un entier entre " + std::to_string(min) + " et " + std::to_string(max) +
                          " (valeur lue : \"" + v + "\").");
}

Result<bool> ParseBool(const std::string& key, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no" || v.empty()) return false;
  return Invalid(key, key + " doit valoir true ou false (valeur lue : \"" + v + "\").");
}

struct IntKey { const char* toml; const char* env; int Config::*member; int min; int max; };
constexpr IntKey kIntKeys[] = {
    {"server.threads", "RELAIS_THREADS", &Config::threads, 0, 256},
    {"database.pool_size", "RELAIS_DB_POOL", &Config::db_pool_size, 1, 256},
    {"server.max_body_bytes", "RELAIS_MAX_BODY_BYTES", &Config::max_body_bytes, 1024, 1 << 30},
    {"server.max_connections", "RELAIS_MAX_CONNECTIONS", &Config::max_connections, 1, 1 << 20},
    {"server.header_timeout_seconds", "RELAIS_HEADER_TIMEOUT", &Config::header_timeout_seconds, 1, 3600},
    {"server.body_timeout_seconds", "RELAIS_BODY_TIMEOUT", &Config::body_timeout_seconds, 1, 3600},
    {"server.idle_timeout_seconds", "RELAIS_IDLE_TIMEOUT", &Config::idle_timeout_seconds, 1, 3600},
    {"sessions.staff_idle_minutes", "RELAIS_STAFF_IDLE_MINUTES", &Config::staff_idle_minutes, 1, 24 * 60},
    {"sessions.absolute_hours", "RELAIS_SESSION_ABSOLUTE_HOURS", &Config::session_absolute_hours, 1, 72},
    {"identity.mfa_grace_days", "RELAIS_MFA_GRACE_DAYS", &Config::mfa_grace_days, 0, 365},
    {"audit.retention_days", "RELAIS_AUDIT_RETENTION_DAYS", &Config::audit_retention_days, 30, 36500},
    {"retention.household_months", "RELAIS_RETENTION_HOUSEHOLD_MONTHS", &Config::retention_household_months, 0, 1200},
    {"retention.support_case_months", "RELAIS_RETENTION_SUPPORT_CASE_MONTHS", &Config::retention_support_case_months, 0, 1200},
    {"retention.ledger_months", "RELAIS_RETENTION_LEDGER_MONTHS", &Config::retention_ledger_months, 0, 1200},
    {"retention.appointment_months", "RELAIS_RETENTION_APPOINTMENT_MONTHS", &Config::retention_appointment_months, 0, 1200},
    {"retention.outreach_call_months", "RELAIS_RETENTION_OUTREACH_CALL_MONTHS", &Config::retention_outreach_call_months, 0, 1200},
    {"retention.vulnerability_profile_months", "RELAIS_RETENTION_VULNERABILITY_PROFILE_MONTHS", &Config::retention_vulnerability_profile_months, 0, 1200},
    {"support.plan_max_months", "RELAIS_SUPPORT_PLAN_MAX_MONTHS", &Config::support_plan_max_months, 1, 120},
    {"support.plan_grace_days", "RELAIS_SUPPORT_PLAN_GRACE_DAYS", &Config::support_plan_grace_days, 0, 60},
    {"support.plan_broken_after_missed", "RELAIS_SUPPORT_PLAN_BROKEN_AFTER_MISSED", &Config::support_plan_broken_after_missed, 0, 120},
    {"support.document_max_bytes", "RELAIS_SUPPORT_DOCUMENT_MAX_BYTES", &Config::support_document_max_bytes, 1024, 1 << 28},
    {"support.visale_rent_cap_cents", "RELAIS_SUPPORT_VISALE_RENT_CAP_CENTS", &Config::support_visale_rent_cap_cents, 0, 100000000},
    {"support.visale_cover_months", "RELAIS_SUPPORT_VISALE_COVER_MONTHS", &Config::support_visale_cover_months, 1, 120},
    {"support.visale_student_cover_months", "RELAIS_SUPPORT_VISALE_STUDENT_COVER_MONTHS", &Config::support_visale_student_cover_months, 1, 120},
    {"support.locapass_cover_months", "RELAIS_SUPPORT_LOCAPASS_COVER_MONTHS", &Config::support_locapass_cover_months, 1, 120},
    {"support.locapass_monthly_cap_cents", "RELAIS_SUPPORT_LOCAPASS_MONTHLY_CAP_CENTS", &Config::support_locapass_monthly_cap_cents, 0, 100000000},
    {"support.locapass_apply_months", "RELAIS_SUPPORT_LOCAPASS_APPLY_MONTHS", &Config::support_locapass_apply_months, 0, 24},
    {"support.action_logement_monthly_cents", "RELAIS_SUPPORT_ACTION_LOGEMENT_MONTHLY_CENTS", &Config::support_action_logement_monthly_cents, 0, 100000000},
    {"support.action_logement_months", "RELAIS_SUPPORT_ACTION_LOGEMENT_MONTHS", &Config::support_action_logement_months, 1, 24},
    {"support.action_logement_job_loss_months", "RELAIS_SUPPORT_ACTION_LOGEMENT_JOB_LOSS_MONTHS", &Config::support_action_logement_job_loss_months, 1, 24},
    {"staff.invitation_days", "RELAIS_STAFF_INVITATION_DAYS", &Config::staff_invitation_days, 1, 90},
    {"notify.max_attempts", "RELAIS_NOTIFY_MAX_ATTEMPTS", &Config::notify_max_attempts, 1, 100},
    {"notify.retry_base_seconds", "RELAIS_NOTIFY_RETRY_BASE_SECONDS", &Config::notify_retry_base_seconds, 1, 86400},
    {"sessions.tenant_idle_minutes", "RELAIS_TENANT_IDLE_MINUTES", &Config::tenant_idle_minutes, 1, 24 * 60},
    {"vulnerability.age_from", "RELAIS_VULNERABILITY_AGE_FROM", &Config::vulnerability_age_from, 0, 130},
    {"vulnerability.weight_age", "RELAIS_VULNERABILITY_WEIGHT_AGE", &Config::vulnerability_weight_age, 0, 100},
    {"vulnerability.weight_lives_alone", "RELAIS_VULNERABILITY_WEIGHT_LIVES_ALONE", &Config::vulnerability_weight_lives_alone, 0, 100},
    {"vulnerability.weight_disability", "RELAIS_VULNERABILITY_WEIGHT_DISABILITY", &Config::vulnerability_weight_disability, 0, 100},
    {"vulnerability.weight_reduced_mobility", "RELAIS_VULNERABILITY_WEIGHT_REDUCED_MOBILITY", &Config::vulnerability_weight_reduced_mobility, 0, 100},
    {"vulnerability.weight_health_need", "RELAIS_VULNERABILITY_WEIGHT_HEALTH_NEED", &Config::vulnerability_weight_health_need, 0, 100},
    {"vulnerability.weight_no_relative_nearby", "RELAIS_VULNERABILITY_WEIGHT_NO_RELATIVE_NEARBY", &Config::vulnerability_weight_no_relative_nearby, 0, 100},
    {"vulnerability.weight_no_phone", "RELAIS_VULNERABILITY_WEIGHT_NO_PHONE", &Config::vulnerability_weight_no_phone, 0, 100},
    {"vulnerability.weight_no_internet", "RELAIS_VULNERABILITY_WEIGHT_NO_INTERNET", &Config::vulnerability_weight_no_internet, 0, 100},
    {"vulnerability.weight_language_barrier", "RELAIS_VULNERABILITY_WEIGHT_LANGUAGE_BARRIER", &Config::vulnerability_weight_language_barrier, 0, 100},
    {"vulnerability.weight_recent_bereavement", "RELAIS_VULNERABILITY_WEIGHT_RECENT_BEREAVEMENT", &Config::vulnerability_weight_recent_bereavement, 0, 100},
    {"vulnerability.weight_home_care", "RELAIS_VULNERABILITY_WEIGHT_HOME_CARE", &Config::vulnerability_weight_home_care, 0, 100},
    {"vulnerability.weight_town_register", "RELAIS_VULNERABILITY_WEIGHT_TOWN_REGISTER", &Config::vulnerability_weight_town_register, 0, 100},
    {"vulnerability.level1_score", "RELAIS_VULNERABILITY_LEVEL1_SCORE", &Config::vulnerability_level1_score, 1, 1000},
    {"vulnerability.level2_score", "RELAIS_VULNERABILITY_LEVEL2_SCORE", &Config::vulnerability_level2_score, 1, 1000},
    {"vulnerability.level3_score", "RELAIS_VULNERABILITY_LEVEL3_SCORE", &Config::vulnerability_level3_score, 1, 1000},
    {"outreach.retry_delay_minutes", "RELAIS_OUTREACH_RETRY_DELAY_MINUTES", &Config::outreach_retry_delay_minutes, 1, 24 * 60},
    {"outreach.max_attempts_per_day", "RELAIS_OUTREACH_MAX_ATTEMPTS_PER_DAY", &Config::outreach_max_attempts_per_day, 1, 20},
    {"outreach.agent_daily_capacity", "RELAIS_OUTREACH_AGENT_DAILY_CAPACITY", &Config::outreach_agent_daily_capacity, 0, 500},
    {"reception.reminder_hours", "RELAIS_RECEPTION_REMINDER_HOURS", &Config::reception_reminder_hours, 1, 168},
    {"outreach.list_build_hour", "RELAIS_OUTREACH_LIST_BUILD_HOUR", &Config::outreach_list_build_hour, -1, 23},
    {"rent.payment_term_days", "RELAIS_RENT_PAYMENT_TERM_DAYS", &Config::rent_payment_term_days, 0, 60},
    {"rent.caf_threshold_months", "RELAIS_RENT_CAF_THRESHOLD_MONTHS", &Config::rent_caf_threshold_months, 1, 24},
    {"rent.caf_report_months", "RELAIS_RENT_CAF_REPORT_MONTHS", &Config::rent_caf_report_months, 1, 24},
    {"rent.repayment_plan_months", "RELAIS_RENT_REPAYMENT_PLAN_MONTHS", &Config::rent_repayment_plan_months, 1, 36},
    {"rent.caf_small_debt_cents", "RELAIS_RENT_CAF_SMALL_DEBT_CENTS", &Config::rent_caf_small_debt_cents, 0, 10000000},
    {"rent.ccapex_wait_months", "RELAIS_RENT_CCAPEX_WAIT_MONTHS", &Config::rent_ccapex_wait_months, 0, 24},
    {"rent.payment_demand_weeks", "RELAIS_RENT_PAYMENT_DEMAND_WEEKS", &Config::rent_payment_demand_weeks, 1, 52},
    {"rent.payment_demand_months_before_reform", "RELAIS_RENT_PAYMENT_DEMAND_MONTHS_BEFORE_REFORM", &Config::rent_payment_demand_months_before_reform, 1, 24},
    {"rent.visale_notice_days", "RELAIS_RENT_VISALE_NOTICE_DAYS", &Config::rent_visale_notice_days, 1, 365},
    {"rent.visale_full_months", "RELAIS_RENT_VISALE_FULL_MONTHS", &Config::rent_visale_full_months, 1, 24},
    {"rent.visale_partial_months", "RELAIS_RENT_VISALE_PARTIAL_MONTHS", &Config::rent_visale_partial_months, 1, 24},
    {"rent.crisis_postpone_days", "RELAIS_RENT_CRISIS_POSTPONE_DAYS", &Config::rent_crisis_postpone_days, 0, 365},
    {"rent.compute_hour", "RELAIS_RENT_COMPUTE_HOUR", &Config::rent_compute_hour, -1, 23},
    {"fsl.d14_resource_ceiling_cents", "RELAIS_FSL_D14_RESOURCE_CEILING_CENTS", &Config::fsl_d14_resource_ceiling_cents, 0, 100000000},
    {"fsl.d14_resource_ceiling_per_person_cents", "RELAIS_FSL_D14_RESOURCE_CEILING_PER_PERSON_CENTS", &Config::fsl_d14_resource_ceiling_per_person_cents, 0, 100000000},
    {"fsl.d14_max_grant_cents", "RELAIS_FSL_D14_MAX_GRANT_CENTS", &Config::fsl_d14_max_grant_cents, 0, 100000000},
    {"fsl.d27_resource_ceiling_cents", "RELAIS_FSL_D27_RESOURCE_CEILING_CENTS", &Config::fsl_d27_resource_ceiling_cents, 0, 100000000},
    {"fsl.d27_resource_ceiling_per_person_cents", "RELAIS_FSL_D27_RESOURCE_CEILING_PER_PERSON_CENTS", &Config::fsl_d27_resource_ceiling_per_person_cents, 0, 100000000},
    {"fsl.d27_max_grant_cents", "RELAIS_FSL_D27_MAX_GRANT_CENTS", &Config::fsl_d27_max_grant_cents, 0, 100000000},
    {"fsl.d50_resource_ceiling_cents", "RELAIS_FSL_D50_RESOURCE_CEILING_CENTS", &Config::fsl_d50_resource_ceiling_cents, 0, 100000000},
    {"fsl.d50_resource_ceiling_per_person_cents", "RELAIS_FSL_D50_RESOURCE_CEILING_PER_PERSON_CENTS", &Config::fsl_d50_resource_ceiling_per_person_cents, 0, 100000000},
    {"fsl.d50_max_grant_cents", "RELAIS_FSL_D50_MAX_GRANT_CENTS", &Config::fsl_d50_max_grant_cents, 0, 100000000},
    {"fsl.d61_resource_ceiling_cents", "RELAIS_FSL_D61_RESOURCE_CEILING_CENTS", &Config::fsl_d61_resource_ceiling_cents, 0, 100000000},
    {"fsl.d61_resource_ceiling_per_person_cents", "RELAIS_FSL_D61_RESOURCE_CEILING_PER_PERSON_CENTS", &Config::fsl_d61_resource_ceiling_per_person_cents, 0, 100000000},
    {"fsl.d61_max_grant_cents", "RELAIS_FSL_D61_MAX_GRANT_CENTS", &Config::fsl_d61_max_grant_cents, 0, 100000000},
    {"fsl.d76_resource_ceiling_cents", "RELAIS_FSL_D76_RESOURCE_CEILING_CENTS", &Config::fsl_d76_resource_ceiling_cents, 0, 100000000},
    {"fsl.d76_resource_ceiling_per_person_cents", "RELAIS_FSL_D76_RESOURCE_CEILING_PER_PERSON_CENTS", &Config::fsl_d76_resource_ceiling_per_person_cents, 0, 100000000},
    {"fsl.d76_max_grant_cents", "RELAIS_FSL_D76_MAX_GRANT_CENTS", &Config::fsl_d76_max_grant_cents, 0, 100000000},
};
struct StrKey { const char* toml; const char* env; std::string Config::*member; };
constexpr StrKey kStrKeys[] = {
    {"database.url", "RELAIS_DATABASE_URL", &Config::database_url},
    {"server.listen", "RELAIS_LISTEN", &Config::listen},
    {"server.web_root", "RELAIS_WEB_ROOT", &Config::web_root},
    {"server.public_url", "RELAIS_PUBLIC_URL", &Config::public_url},
    {"server.trusted_proxy", "RELAIS_TRUSTED_PROXY", &Config::trusted_proxy},
    {"identity.secret_key_file", "RELAIS_SECRET_KEY_FILE", &Config::secret_key_file},
    {"notify.smtp_url", "RELAIS_NOTIFY_SMTP_URL", &Config::notify_smtp_url},
    {"notify.smtp_user", "RELAIS_NOTIFY_SMTP_USER", &Config::notify_smtp_user},
    {"notify.smtp_password", "RELAIS_NOTIFY_SMTP_PASSWORD", &Config::notify_smtp_password},
    {"notify.smtp_from", "RELAIS_NOTIFY_SMTP_FROM", &Config::notify_smtp_from},
    {"notify.sms_spool_dir", "RELAIS_NOTIFY_SMS_SPOOL_DIR", &Config::notify_sms_spool_dir},
    {"notify.sms_gateway_url", "RELAIS_NOTIFY_SMS_GATEWAY_URL", &Config::notify_sms_gateway_url},
    {"notify.sms_gateway_user", "RELAIS_NOTIFY_SMS_GATEWAY_USER", &Config::notify_sms_gateway_user},
    {"notify.sms_gateway_password", "RELAIS_NOTIFY_SMS_GATEWAY_PASSWORD", &Config::notify_sms_gateway_password},
    {"notify.sms_sender", "RELAIS_NOTIFY_SMS_SENDER", &Config::notify_sms_sender},
    {"reception.convocation_key_file", "RELAIS_CONVOCATION_KEY_FILE", &Config::convocation_key_file},
    {"rent.payment_demand_reform_date", "RELAIS_RENT_PAYMENT_DEMAND_REFORM_DATE", &Config::rent_payment_demand_reform_date},
    {"rent.winter_truce", "RELAIS_RENT_WINTER_TRUCE", &Config::rent_winter_truce},
    {"rent.truce_extensions", "RELAIS_RENT_TRUCE_EXTENSIONS", &Config::rent_truce_extensions},
    {"rent.crisis_periods", "RELAIS_RENT_CRISIS_PERIODS", &Config::rent_crisis_periods},
    {"rent.crisis_mode", "RELAIS_RENT_CRISIS_MODE", &Config::rent_crisis_mode},
    {"fsl.d14_address", "RELAIS_FSL_D14_ADDRESS", &Config::fsl_d14_address},
    {"fsl.d27_address", "RELAIS_FSL_D27_ADDRESS", &Config::fsl_d27_address},
    {"fsl.d50_address", "RELAIS_FSL_D50_ADDRESS", &Config::fsl_d50_address},
    {"fsl.d61_address", "RELAIS_FSL_D61_ADDRESS", &Config::fsl_d61_address},
    {"fsl.d76_address", "RELAIS_FSL_D76_ADDRESS", &Config::fsl_d76_address},
};

struct BoolKey { const char* toml; const char* env; bool Config::*member; };
constexpr BoolKey kBoolKeys[] = {
    {"server.dev_mode", "RELAIS_DEV", &Config::dev_mode},
    {"server.background_jobs", "RELAIS_BACKGROUND_JOBS", &Config::background_jobs},
    {"notify.smtp_require_tls", "RELAIS_NOTIFY_SMTP_REQUIRE_TLS", &Config::notify_smtp_require_tls},
    {"rent.crisis_from_plans", "RELAIS_RENT_CRISIS_FROM_PLANS", &Config::rent_crisis_from_plans},
};

// notify.smtp_url: only SMTP, so that a typo (http://, a bare host) is caught at start-up.
std::optional<Error> CheckSmtpUrl(const std::string& key, const std::string& url) {
  if (url.empty() || url.starts_with("smtp://") || url.starts_with("smtps://")) return std::nullopt;
  return Invalid(key, key + " doit commencer par smtp:// ou smtps:// (valeur lue : \"" + url + "\").");
}

// notify.sms_gateway_url: an HTTP(S) endpoint, so that an smtp:// or a bare host is caught at start-up.
std::optional<Error> CheckGatewayUrl(const std::string& key, const std::string& url) {
  if (url.empty() || url.starts_with("https://") || url.starts_with("http://")) return std::nullopt;
  return Invalid(key, key + " doit commencer par https:// (ou http://) (valeur lue : \"" + url + "\").");
}

// server.public_url: the address people reach Relais at, for links in e-mails.
std::optional<Error> CheckPublicUrl(const std::string& key, const std::string& url) {
  if (url.empty() || ((url.starts_with("https://") || url.starts_with("http://")) && !url.ends_with("/"))) {
    return std::nullopt;
  }
  return Invalid(key, key + " doit commencer par https:// (ou http://) et ne pas finir par / (valeur lue : \"" + url +
                          "\").");
}

// vulnerability.level{1,2,3}_score: a higher level needs at least the score of the level below.
std::optional<Error> CheckLevelScores(const Config& c) {
  if (c.vulnerability_level1_score <= c.vulnerability_level2_score &&
      c.vulnerability_level2_score <= c.vulnerability_level3_score) {
    return std::nullopt;
  }
  return Invalid("vulnerability.level2_score",
                 "Les seuils de fragilité doivent croître : vulnerability.level1_score <= level2_score <= level3_score.");
}

bool Known(std::string_view key) {
  for (const auto& k : kIntKeys) if (key == k.toml) return true;
  for (const auto& k : kStrKeys) if (key == k.toml) return true;
  for (const auto& k : kBoolKeys) if (key == k.toml) return true;
  return false;
}

// A key the file sets that Relais does not read is refused, naming it: otherwise a typo, or a key
// an upgrade removed, would silently leave the default in force.
std::optional<Error> UnknownKey(const toml::table& t) {
  for (const auto& [section, node] : t) {
    const std::string s(section.str());
    const auto* inner = node.as_table();
    if (inner == nullptr) return Invalid(s, "Clé de configuration inconnue : " + s + " (les clés sont rangées par section, " "voir docs/operations.md).");
    for (const auto& [name, value] : *inner) {
      const std::string key = s + "." + std::string(name.str());
      if (Known(key)) continue;
      if (key == "server.request_timeout_seconds") {
        return Invalid(key, "server.request_timeout_seconds n'existe plus : réglez server.header_timeout_seconds et " "server.body_timeout_seconds (docs/operations.md).");
      }
      return Invalid(key, "Clé de configuration inconnue : " + key + " (voir docs/operations.md, section Configuration).");
    }
  }
  return std::nullopt;
}

}  // namespace

bool ServedOverTls(const Config& c) { return c.public_url.starts_with("https://"); }

Result<Config> ApplyEnvironment(Config c) {
  for (const auto& k : kStrKeys) {
    if (const char* v = std::getenv(k.env)) c.*k.member = v;
  }
  for (const auto& k : kIntKeys) {
    if (const char* v = std::getenv(k.env)) {
      auto n = ParseInt(k.env, v, k.min, k.max);
      if (!n.ok()) return n.error();
      c.*k.member = *n;
    }
  }
  for (const auto& k : kBoolKeys) {
    if (const char* v = std::getenv(k.env)) {
      auto b = ParseBool(k.env, v);
      if (!b.ok()) return b.error();
      c.*k.member = *b;
    }
  }
  if (auto bad = CheckSmtpUrl("RELAIS_NOTIFY_SMTP_URL", c.notify_smtp_url)) return *bad;
  if (auto bad = CheckGatewayUrl("RELAIS_NOTIFY_SMS_GATEWAY_URL", c.notify_sms_gateway_url)) return *bad;
  if (auto bad = CheckPublicUrl("RELAIS_PUBLIC_URL", c.public_url)) return *bad;
  if (auto bad = CheckLevelScores(c)) return *bad;
  return c;
}

Result<Config> Load(const std::string& path) {
  Config c;
  if (!path.empty()) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      return Invalid(path, "Fichier de configuration " + path + ", ligne " + std::to_string(where.line) +
                               ", colonne " + std::to_string(where.column) + " : " +
                               std::string(e.description()));
    }
    if (auto unknown = UnknownKey(t)) return *unknown;
    for (const auto& k : kStrKeys) {
      auto node = t.at_path(k.toml);
      if (!node) continue;
      if (!node.is_string()) return Invalid(k.toml, std::string(k.toml) + " doit être une chaîne de caractères.");
      c.*k.member = node.value<std::string>().value();
    }
    for (const auto& k : kIntKeys) {
      auto node = t.at_path(k.toml);
      if (!node) continue;
      // Not node.value<int64_t>(): on a float (2E26) it converts out of range, which is undefined.
      const auto* v = node.as_integer();
      if (v == nullptr || v->get() < k.min || v->get() > k.max) {
        return Invalid(k.toml, std::string(k.toml) + " doit être un entier entre " + std::to_string(k.min) +
                                   " et " + std::to_string(k.max) + ".");
      }
      c.*k.member = static_cast<int>(v->get());
    }
    for (const auto& k : kBoolKeys) {
      auto node = t.at_path(k.toml);
      if (!node) continue;
      if (!node.is_boolean()) return Invalid(k.toml, std::string(k.toml) + " doit valoir true ou false.");
      c.*k.member = node.value<bool>().value();
    }
    if (auto bad = CheckSmtpUrl("notify.smtp_url", c.notify_smtp_url)) return *bad;
    if (auto bad = CheckGatewayUrl("notify.sms_gateway_url", c.notify_sms_gateway_url)) return *bad;
    if (auto bad = CheckPublicUrl("server.public_url", c.public_url)) return *bad;
  }
  return ApplyEnvironment(std::move(c));
}

}  // namespace relais::config
