// Configuration of a Relais instance: a TOML file (--config) overridden by RELAIS_* environment
// variables, overridden by command-line flags. Every key is documented in docs/operations.md.
#pragma once
#include <string>

#include "platform/core/error.h"

namespace relais::config {

struct Config {
  std::string database_url = "sqlite://var/relais.db";  // RELAIS_DATABASE_URL
  std::string listen = "127.0.0.1:8080";                // RELAIS_LISTEN, host:port
  int threads = 0;                                      // RELAIS_THREADS; 0 = one per core
  std::string web_root = "web/dist";                    // RELAIS_WEB_ROOT
  // Development mode over plain http: the session cookie drops Secure and the __Host- prefix.
  bool dev_mode = false;                                // RELAIS_DEV
  // Runs the periodic jobs (nights, day ends, reminders); off on all but one server of a database.
  bool background_jobs = true;                          // RELAIS_BACKGROUND_JOBS
  int db_pool_size = 4;                                 // RELAIS_DB_POOL
  int max_body_bytes = 1 << 20;                         // RELAIS_MAX_BODY_BYTES
  int max_connections = 4096;                           // RELAIS_MAX_CONNECTIONS
  // Against slow clients (docs/adr/0007-faults-and-overload.md): the head of a request must
  // arrive within header_timeout, its body within body_timeout once the head is in; a kept-alive
  // connection may wait idle_timeout for its next request.
  int header_timeout_seconds = 10;                      // RELAIS_HEADER_TIMEOUT
  int body_timeout_seconds = 30;                        // RELAIS_BODY_TIMEOUT
  int idle_timeout_seconds = 60;                        // RELAIS_IDLE_TIMEOUT
  int staff_idle_minutes = 15;                          // RELAIS_STAFF_IDLE_MINUTES
  int session_absolute_hours = 12;                      // RELAIS_SESSION_ABSOLUTE_HOURS
  // Days a staff account may sign in without a second factor (TOTP), counted from its creation,
  // when its organisation's administrator set no other period (ADR 0009).
  int mfa_grace_days = 30;                              // RELAIS_MFA_GRACE_DAYS
  // How long audit entries are kept (12 months by default, ARCHITECTURE.md §6); the server
  // deletes older ones once a day.
  int audit_retention_days = 365;                       // RELAIS_AUDIT_RETENTION_DAYS
  // Households whose last lease ended more than this many months ago are anonymised by
  // `relais anonymise --due` and the server's daily job. 0: never. Set by the landlord's data
  // protection officer (docs/privacy.md): Relais proposes no duration.
  int retention_household_months = 0;                   // RELAIS_RETENTION_HOUSEHOLD_MONTHS
  // Closed support cases whose follow-up ended more than this many months ago are anonymised by
  // the same command and job (modules/support, docs/privacy.md). 0: never. Set by the DPO too:
  // Relais proposes no duration (the CNIL asks for deletion when the follow-up ends, DOMAIN.md §3).
  int retention_support_case_months = 0;                // RELAIS_RETENTION_SUPPORT_CASE_MONTHS
  // Ledger data (modules/rent): line labels and arrears step notes dated more than this many months
  // ago are cleared by the same job (amounts and dates stay). 36 by default: the CNIL asks that
  // pre-litigation data be deleted when the claim is time-barred, 3 years for lease claims
  // (DOMAIN.md §3, CNIL doctrine; ADR 0023). 0: never.
  int retention_ledger_months = 36;                     // RELAIS_RETENTION_LEDGER_MONTHS
  // Appointments (modules/reception) ended more than this many months ago lose their notes and an
  // applicant's contact; outreach call notes and escalation outcomes older than this are cleared;
  // vulnerability profiles unchanged for this long are deleted. DOMAIN.md gives no duration for
  // these: 0 (never) until the DPO sets one (docs/privacy.md, ADR 0023).
  int retention_appointment_months = 0;                 // RELAIS_RETENTION_APPOINTMENT_MONTHS
  int retention_outreach_call_months = 0;               // RELAIS_RETENTION_OUTREACH_CALL_MONTHS
  int retention_vulnerability_profile_months = 0;       // RELAIS_RETENTION_VULNERABILITY_PROFILE_MONTHS
  // Largest document attached to a support case (modules/support/document.h), decoded bytes; its
  // base64 form (4/3 of it) must fit in server.max_body_bytes.
  int support_document_max_bytes = 512 * 1024;          // RELAIS_SUPPORT_DOCUMENT_MAX_BYTES
  // Payment plans (modules/support/payment_plan.h): the longest plan in months (the CAF's own
  // plans run 36 months at most, DOMAIN.md §3) and the days after a due date before an instalment
  // counts as missed (the landlord's practice: no legal value).
  int support_plan_max_months = 36;                     // RELAIS_SUPPORT_PLAN_MAX_MONTHS
  int support_plan_grace_days = 10;                     // RELAIS_SUPPORT_PLAN_GRACE_DAYS
  // Missed instalments after which the nightly check marks a plan broken (a task asks the officer
  // to review it). No legal value, the landlord's practice: 0 (the default) never breaks a plan.
  int support_plan_broken_after_missed = 0;             // RELAIS_SUPPORT_PLAN_BROKEN_AFTER_MISSED
  // Guarantee claims and Action Logement's aid (modules/support/guarantee_rules.h,
  // support_solutions.h): DOMAIN.md §3's numbers (Visale, Loca-Pass, the 2020 Action Logement aid),
  // as of 2026-11-28.
  int support_visale_rent_cap_cents = 130000;           // RELAIS_SUPPORT_VISALE_RENT_CAP_CENTS
  int support_visale_cover_months = 36;                 // RELAIS_SUPPORT_VISALE_COVER_MONTHS
  int support_visale_student_cover_months = 9;          // RELAIS_SUPPORT_VISALE_STUDENT_COVER_MONTHS
  int support_locapass_cover_months = 9;                // RELAIS_SUPPORT_LOCAPASS_COVER_MONTHS
  int support_locapass_monthly_cap_cents = 200000;      // RELAIS_SUPPORT_LOCAPASS_MONTHLY_CAP_CENTS
  int support_locapass_apply_months = 2;                // RELAIS_SUPPORT_LOCAPASS_APPLY_MONTHS
  int support_action_logement_monthly_cents = 15000;    // RELAIS_SUPPORT_ACTION_LOGEMENT_MONTHLY_CENTS
  int support_action_logement_months = 2;               // RELAIS_SUPPORT_ACTION_LOGEMENT_MONTHS
  int support_action_logement_job_loss_months = 6;      // RELAIS_SUPPORT_ACTION_LOGEMENT_JOB_LOSS_MONTHS
  // How long a staff invitation's link stays valid.
  int staff_invitation_days = 7;                        // RELAIS_STAFF_INVITATION_DAYS
  // The address people reach Relais at (https://relais.example.fr), for the links in e-mails (staff
  // invitations). Empty: invitation links are only shown to the administrator, who passes them on.
  std::string public_url;                               // RELAIS_PUBLIC_URL
  // The reverse proxy's address (e.g. 127.0.0.1 for nginx on the same host): its X-Forwarded-For
  // gives the client's address (audit trail, per-address sign-in throttle). Empty: trust no header.
  std::string trusted_proxy;                            // RELAIS_TRUSTED_PROXY
  // The server key that seals secrets stored in the database (TOTP secrets, ADR 0009): 32 bytes,
  // mode 0600, created when missing. Empty: relais-secret.key next to the SQLite database;
  // required with PostgreSQL (every server of the instance reads the same file).
  std::string secret_key_file;                          // RELAIS_SECRET_KEY_FILE
  // Notifications (platform/notify): e-mail over SMTP, SMS as files for a gateway.
  std::string notify_smtp_url;                          // RELAIS_NOTIFY_SMTP_URL, smtp://host:port or smtps://
  std::string notify_smtp_user;                         // RELAIS_NOTIFY_SMTP_USER
  std::string notify_smtp_password;                     // RELAIS_NOTIFY_SMTP_PASSWORD
  std::string notify_smtp_from;                         // RELAIS_NOTIFY_SMTP_FROM
  bool notify_smtp_require_tls = false;                 // RELAIS_NOTIFY_SMTP_REQUIRE_TLS
  std::string notify_sms_spool_dir;                     // RELAIS_NOTIFY_SMS_SPOOL_DIR
  // The HTTP SMS gateway (a JSON POST per SMS, docs/operations.md); when set, it replaces the spool.
  std::string notify_sms_gateway_url;                   // RELAIS_NOTIFY_SMS_GATEWAY_URL, https://...
  std::string notify_sms_gateway_user;                  // RELAIS_NOTIFY_SMS_GATEWAY_USER (HTTP Basic)
  std::string notify_sms_gateway_password;              // RELAIS_NOTIFY_SMS_GATEWAY_PASSWORD
  std::string notify_sms_sender;                        // RELAIS_NOTIFY_SMS_SENDER, e.g. RELAIS
  // The key that signs the QR codes of convocations (ADR 0017): 32 bytes, mode 0600, created when
  // missing. Empty: relais-convocation.key next to the secret key file (or the SQLite database).
  std::string convocation_key_file;                     // RELAIS_CONVOCATION_KEY_FILE
  // Hours before an appointment its reminder is sent (e-mail and SMS). 48 h is the practice of the
  // public-service appointment tool (rdv-service-public), not a legal number.
  int reception_reminder_hours = 48;                    // RELAIS_RECEPTION_REMINDER_HOURS
  int notify_max_attempts = 8;                          // RELAIS_NOTIFY_MAX_ATTEMPTS
  int notify_retry_base_seconds = 60;                   // RELAIS_NOTIFY_RETRY_BASE_SECONDS
  // Tenant sessions (the tenant portal): idle timeout; the absolute limit is session_absolute_hours.
  int tenant_idle_minutes = 30;                         // RELAIS_TENANT_IDLE_MINUTES
  // Vulnerability level of a household member (modules/outreach/vulnerability_level.h): a weight
  // per factor, the age from which age counts, the minimum score of levels 1-3. Relais defaults for
  // a first triage of calls, not legal numbers: each landlord sets its own (docs/operations.md).
  int vulnerability_age_from = 75;                      // RELAIS_VULNERABILITY_AGE_FROM
  int vulnerability_weight_age = 2;
  int vulnerability_weight_lives_alone = 2;
  int vulnerability_weight_disability = 2;
  int vulnerability_weight_reduced_mobility = 2;
  int vulnerability_weight_health_need = 2;
  int vulnerability_weight_no_relative_nearby = 1;
  int vulnerability_weight_no_phone = 2;
  int vulnerability_weight_no_internet = 0;
  int vulnerability_weight_language_barrier = 1;
  int vulnerability_weight_recent_bereavement = 1;
  int vulnerability_weight_home_care = 1;
  int vulnerability_weight_town_register = 3;
  int vulnerability_level1_score = 1;                   // RELAIS_VULNERABILITY_LEVEL1_SCORE
  int vulnerability_level2_score = 3;                   // RELAIS_VULNERABILITY_LEVEL2_SCORE
  int vulnerability_level3_score = 5;                   // RELAIS_VULNERABILITY_LEVEL3_SCORE
  // Outreach calls (modules/outreach/call_state.h): minutes before a missed call is tried again
  // (placed within the plan's calling hours), and attempts a day before the call is unreachable.
  // Relais defaults, not legal numbers.
  int outreach_retry_delay_minutes = 120;               // RELAIS_OUTREACH_RETRY_DELAY_MINUTES
  int outreach_max_attempts_per_day = 3;                // RELAIS_OUTREACH_MAX_ATTEMPTS_PER_DAY
  // The day's call list (modules/outreach/call_list*): calls an agent gets a day when no capacity is
  // set for them, and the hour (Europe/Paris) the lists are built each morning (-1: never, on
  // demand only). Relais defaults.
  int outreach_agent_daily_capacity = 40;               // RELAIS_OUTREACH_AGENT_DAILY_CAPACITY
  int outreach_list_build_hour = 7;                     // RELAIS_OUTREACH_LIST_BUILD_HOUR
  // Rent arrears (modules/rent/arrears_*): the numbers of DOMAIN.md §3 (their dated sources are in
  // modules/rent/arrears_rules.h), the landlord's payment term, and what a declared crisis does to
  // the reminders and escalations (docs/operations.md, [rent]).
  int rent_payment_term_days = 10;                      // RELAIS_RENT_PAYMENT_TERM_DAYS
  int rent_caf_threshold_months = 2;                    // RELAIS_RENT_CAF_THRESHOLD_MONTHS
  int rent_caf_report_months = 2;                       // RELAIS_RENT_CAF_REPORT_MONTHS
  int rent_repayment_plan_months = 6;                   // RELAIS_RENT_REPAYMENT_PLAN_MONTHS
  int rent_caf_small_debt_cents = 10000;                // RELAIS_RENT_CAF_SMALL_DEBT_CENTS
  int rent_ccapex_wait_months = 2;                      // RELAIS_RENT_CCAPEX_WAIT_MONTHS
  int rent_payment_demand_weeks = 6;                    // RELAIS_RENT_PAYMENT_DEMAND_WEEKS
  int rent_payment_demand_months_before_reform = 2;     // RELAIS_RENT_PAYMENT_DEMAND_MONTHS_BEFORE_REFORM
  int rent_visale_notice_days = 15;                     // RELAIS_RENT_VISALE_NOTICE_DAYS
  int rent_visale_full_months = 2;                      // RELAIS_RENT_VISALE_FULL_MONTHS
  int rent_visale_partial_months = 1;                   // RELAIS_RENT_VISALE_PARTIAL_MONTHS
  int rent_crisis_postpone_days = 30;                   // RELAIS_RENT_CRISIS_POSTPONE_DAYS
  int rent_compute_hour = 2;                            // RELAIS_RENT_COMPUTE_HOUR
  std::string rent_payment_demand_reform_date = "2023-07-28";  // RELAIS_RENT_PAYMENT_DEMAND_REFORM_DATE
  std::string rent_winter_truce = "11-01..03-31";       // RELAIS_RENT_WINTER_TRUCE
  std::string rent_truce_extensions = "2019:2020-07-10,2020:2021-05-31";  // RELAIS_RENT_TRUCE_EXTENSIONS
  std::string rent_crisis_periods;                      // RELAIS_RENT_CRISIS_PERIODS
  std::string rent_crisis_mode = "pause";               // RELAIS_RENT_CRISIS_MODE: pause, postpone, none
  bool rent_crisis_from_plans = true;                   // RELAIS_RENT_CRISIS_FROM_PLANS
  // The FSL of each département of Normandy (modules/support/fsl_rules.h): where the file is sent,
  // the monthly resource ceiling (one person, and each further person) and the largest aid, in
  // cents. DOMAIN.md gives none of them: they are the département's rules, set by the landlord
  // from the fund's current regulation (règlement intérieur); empty / 0 means not configured and
  // the FSL file says so (docs/operations.md, [fsl]).
  std::string fsl_d14_address;                            // RELAIS_FSL_D14_ADDRESS
  int fsl_d14_resource_ceiling_cents = 0;                 // RELAIS_FSL_D14_RESOURCE_CEILING_CENTS
  int fsl_d14_resource_ceiling_per_person_cents = 0;      // RELAIS_FSL_D14_RESOURCE_CEILING_PER_PERSON_CENTS
  int fsl_d14_max_grant_cents = 0;                        // RELAIS_FSL_D14_MAX_GRANT_CENTS
  std::string fsl_d27_address;                            // RELAIS_FSL_D27_ADDRESS
  int fsl_d27_resource_ceiling_cents = 0;                 // RELAIS_FSL_D27_RESOURCE_CEILING_CENTS
  int fsl_d27_resource_ceiling_per_person_cents = 0;      // RELAIS_FSL_D27_RESOURCE_CEILING_PER_PERSON_CENTS
  int fsl_d27_max_grant_cents = 0;                        // RELAIS_FSL_D27_MAX_GRANT_CENTS
  std::string fsl_d50_address;                            // RELAIS_FSL_D50_ADDRESS
  int fsl_d50_resource_ceiling_cents = 0;                 // RELAIS_FSL_D50_RESOURCE_CEILING_CENTS
  int fsl_d50_resource_ceiling_per_person_cents = 0;      // RELAIS_FSL_D50_RESOURCE_CEILING_PER_PERSON_CENTS
  int fsl_d50_max_grant_cents = 0;                        // RELAIS_FSL_D50_MAX_GRANT_CENTS
  std::string fsl_d61_address;                            // RELAIS_FSL_D61_ADDRESS
  int fsl_d61_resource_ceiling_cents = 0;                 // RELAIS_FSL_D61_RESOURCE_CEILING_CENTS
  int fsl_d61_resource_ceiling_per_person_cents = 0;      // RELAIS_FSL_D61_RESOURCE_CEILING_PER_PERSON_CENTS
  int fsl_d61_max_grant_cents = 0;                        // RELAIS_FSL_D61_MAX_GRANT_CENTS
  std::string fsl_d76_address;                            // RELAIS_FSL_D76_ADDRESS
  int fsl_d76_resource_ceiling_cents = 0;                 // RELAIS_FSL_D76_RESOURCE_CEILING_CENTS
  int fsl_d76_resource_ceiling_per_person_cents = 0;      // RELAIS_FSL_D76_RESOURCE_CEILING_PER_PERSON_CENTS
  int fsl_d76_max_grant_cents = 0;                        // RELAIS_FSL_D76_MAX_GRANT_CENTS
};

// Reads `path` (may be empty: defaults only), then the environment.
// Returns kInvalid naming the key and the reason when a value is wrong.
Result<Config> Load(const std::string& path);

// Applies RELAIS_* environment variables on top of `c`.
Result<Config> ApplyEnvironment(Config c);

// True when people reach Relais over TLS, i.e. server.public_url is https://. Relais itself speaks
// plain HTTP behind a TLS-terminating proxy, so the public address is what says whether the answers
// may carry Strict-Transport-Security.
bool ServedOverTls(const Config& c);

}  // namespace relais::config
