#include "platform/config/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace relais::config {
namespace {

std::string WriteFile(const std::string& text) {
  auto p = std::filesystem::temp_directory_path() / ("relais_config_" + std::to_string(getpid()) + ".toml");
  std::ofstream(p) << text;
  return p.string();
}

TEST(ConfigTest, ReadsTomlThenEnvironmentWins) {
  auto path = WriteFile("[server]\nlisten = \"0.0.0.0:9000\"\nthreads = 3\n[database]\nurl = \"sqlite:///tmp/x.db\"\n");
  setenv("RELAIS_LISTEN", "127.0.0.1:9100", 1);
  auto c = Load(path);
  unsetenv("RELAIS_LISTEN");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->listen, "127.0.0.1:9100");
  EXPECT_EQ(c->threads, 3);
  EXPECT_EQ(c->database_url, "sqlite:///tmp/x.db");
  std::filesystem::remove(path);
}

TEST(ConfigTest, ReadsHowLongAStaffInvitationStaysValid) {
  auto defaults = Load("");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->staff_invitation_days, 7);
  auto path = WriteFile("[staff]\ninvitation_days = 3\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->staff_invitation_days, 3);
  setenv("RELAIS_STAFF_INVITATION_DAYS", "0", 1);
  auto refused = Load(path);
  unsetenv("RELAIS_STAFF_INVITATION_DAYS");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "RELAIS_STAFF_INVITATION_DAYS");
  std::filesystem::remove(path);
}

TEST(ConfigTest, ReadsTheTimeoutsAgainstSlowClients) {
  auto defaults = Load("");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->header_timeout_seconds, 10);
  EXPECT_EQ(defaults->body_timeout_seconds, 30);
  EXPECT_EQ(defaults->idle_timeout_seconds, 60);
  auto path = WriteFile("[server]\nheader_timeout_seconds = 5\nbody_timeout_seconds = 20\nidle_timeout_seconds = 90\n");
  setenv("RELAIS_HEADER_TIMEOUT", "3", 1);
  auto c = Load(path);
  unsetenv("RELAIS_HEADER_TIMEOUT");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->header_timeout_seconds, 3);
  EXPECT_EQ(c->body_timeout_seconds, 20);
  EXPECT_EQ(c->idle_timeout_seconds, 90);
  std::filesystem::remove(path);
  setenv("RELAIS_BODY_TIMEOUT", "0", 1);
  auto zero = Load("");
  unsetenv("RELAIS_BODY_TIMEOUT");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "RELAIS_BODY_TIMEOUT");
}

TEST(ConfigTest, RefusesANumberThatIsNotAnIntegerInRange) {
  // 2E26 once went through a float-to-int conversion out of range (found by fuzz_config).
  for (std::string value : {"2E26", "-2E26", "1.5", "nan", "inf", "9223372036854775807", "0"}) {
    auto path = WriteFile("[sessions]\nstaff_idle_minutes = " + value + "\n");
    auto c = Load(path);
    ASSERT_FALSE(c.ok()) << value;
    EXPECT_EQ(c.error().field, "sessions.staff_idle_minutes") << value;
    std::filesystem::remove(path);
  }
}

TEST(ConfigTest, NamesTheBadKey) {
  auto path = WriteFile("[server]\nthreads = \"many\"\n");
  auto c = Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "server.threads");
  setenv("RELAIS_DB_POOL", "zero", 1);
  auto e = Load("");
  unsetenv("RELAIS_DB_POOL");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "RELAIS_DB_POOL");
  std::filesystem::remove(path);
}

TEST(ConfigTest, RefusesAKeyItDoesNotKnowNamingIt) {
  for (const auto& [text, key] : std::vector<std::pair<std::string, std::string>>{
           {"[server]\nlisten = \"127.0.0.1:8080\"\ntheads = 2\n", "server.theads"},
           {"[serveur]\nthreads = 2\n", "serveur.threads"},
           {"threads = 2\n", "threads"},
           {"[server]\nrequest_timeout_seconds = 30\n", "server.request_timeout_seconds"},
       }) {
    auto path = WriteFile(text);
    auto c = Load(path);
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.error().field, key);
    EXPECT_NE(c.error().message.find(key), std::string::npos) << c.error().message;
    std::filesystem::remove(path);
  }
  // Every key of the documented example is known.
  auto path = WriteFile("[audit]\nretention_days = 400\n[server]\ndev_mode = true\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->audit_retention_days, 400);
  std::filesystem::remove(path);
}

TEST(ConfigTest, HouseholdRetentionIsOffByDefaultAndSetByTheFileInWholeMonths) {
  EXPECT_EQ(Config{}.retention_household_months, 0);
  auto path = WriteFile("[retention]\nhousehold_months = 60\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->retention_household_months, 60);
  std::filesystem::remove(path);
  path = WriteFile("[retention]\nhousehold_months = -1\n");
  c = Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "retention.household_months");
  std::filesystem::remove(path);
}

// ADR 0023: ledger data 36 months by default (DOMAIN.md §3: 3 years for lease claims); the
// categories DOMAIN.md gives no duration for are off until the DPO sets them.
TEST(ConfigTest, RetentionPerCategoryDefaultsAndKeys) {
  const Config d;
  EXPECT_EQ(d.retention_ledger_months, 36);
  EXPECT_EQ(d.retention_appointment_months, 0);
  EXPECT_EQ(d.retention_outreach_call_months, 0);
  EXPECT_EQ(d.retention_vulnerability_profile_months, 0);
  auto path = WriteFile("[retention]\nledger_months = 0\nappointment_months = 24\noutreach_call_months = 12\n"
                        "vulnerability_profile_months = 18\n");
  setenv("RELAIS_RETENTION_APPOINTMENT_MONTHS", "25", 1);
  auto c = Load(path);
  unsetenv("RELAIS_RETENTION_APPOINTMENT_MONTHS");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->retention_ledger_months, 0);
  EXPECT_EQ(c->retention_appointment_months, 25);  // the environment wins
  EXPECT_EQ(c->retention_outreach_call_months, 12);
  EXPECT_EQ(c->retention_vulnerability_profile_months, 18);
  std::filesystem::remove(path);
  path = WriteFile("[retention]\nvulnerability_profile_months = 1201\n");
  c = Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "retention.vulnerability_profile_months");
  std::filesystem::remove(path);
}

TEST(ConfigTest, BackgroundJobsRunUnlessTheFileOrTheEnvironmentTurnsThemOff) {
  EXPECT_TRUE(Config{}.background_jobs);
  auto path = WriteFile("[server]\nbackground_jobs = false\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_FALSE(c->background_jobs);
  std::filesystem::remove(path);
  path = WriteFile("");
  setenv("RELAIS_BACKGROUND_JOBS", "off", 1);
  c = Load(path);
  unsetenv("RELAIS_BACKGROUND_JOBS");
  ASSERT_FALSE(c.ok()) << "off is neither true nor false";
  EXPECT_EQ(c.error().field, "RELAIS_BACKGROUND_JOBS");
  setenv("RELAIS_BACKGROUND_JOBS", "false", 1);
  c = Load(path);
  unsetenv("RELAIS_BACKGROUND_JOBS");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_FALSE(c->background_jobs);
  std::filesystem::remove(path);
}

TEST(ConfigTest, ThePublicUrlIsAnHttpAddressWithoutTrailingSlash) {
  auto path = WriteFile("[server]\npublic_url = \"https://relais.bailleur.example\"\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->public_url, "https://relais.bailleur.example");
  std::filesystem::remove(path);
  for (const char* bad : {"relais.bailleur.example", "https://relais.bailleur.example/", "ftp://x"}) {
    path = WriteFile(std::string("[server]\npublic_url = \"") + bad + "\"\n");
    c = Load(path);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().field, "server.public_url");
    std::filesystem::remove(path);
  }
}

TEST(ConfigTest, IsServedOverTlsExactlyWhenThePublicUrlIsHttps) {
  const struct {
    const char* url;
    bool tls;
  } cases[] = {{"https://relais.bailleur.example", true},
               {"http://relais.bailleur.example", false},
               {"", false},
               {"http://https.example", false}};
  for (const auto& t : cases) {
    Config c;
    c.public_url = t.url;
    EXPECT_EQ(ServedOverTls(c), t.tls) << t.url;
  }
}

TEST(ConfigTest, ReadsTheNotifyKeysAndRefusesAnUrlThatIsNotSmtp) {
  auto path = WriteFile("[notify]\nsmtp_url = \"smtps://mail.example.org:465\"\nsmtp_from = \"relais@example.org\"\n"
                        "smtp_require_tls = true\nsms_spool_dir = \"/var/spool/sms\"\nmax_attempts = 4\n"
                        "sms_gateway_url = \"https://sms.example.org/v1/send\"\nsms_gateway_user = \"bailleur\"\n"
                        "sms_sender = \"RELAIS\"\n[reception]\nconvocation_key_file = \"/etc/relais/c.key\"\n"
                        "[sessions]\ntenant_idle_minutes = 20\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->notify_smtp_url, "smtps://mail.example.org:465");
  EXPECT_EQ(c->notify_smtp_from, "relais@example.org");
  EXPECT_TRUE(c->notify_smtp_require_tls);
  EXPECT_EQ(c->notify_sms_spool_dir, "/var/spool/sms");
  EXPECT_EQ(c->notify_max_attempts, 4);
  EXPECT_EQ(c->notify_retry_base_seconds, 60);
  EXPECT_EQ(c->tenant_idle_minutes, 20);
  EXPECT_EQ(c->notify_sms_gateway_url, "https://sms.example.org/v1/send");
  EXPECT_EQ(c->notify_sms_gateway_user, "bailleur");
  EXPECT_EQ(c->notify_sms_sender, "RELAIS");
  EXPECT_EQ(c->convocation_key_file, "/etc/relais/c.key");
  setenv("RELAIS_NOTIFY_SMS_GATEWAY_URL", "smtp://sms.example.org", 1);
  auto bad_gateway = Load(path);
  unsetenv("RELAIS_NOTIFY_SMS_GATEWAY_URL");
  ASSERT_FALSE(bad_gateway.ok());
  EXPECT_EQ(bad_gateway.error().field, "RELAIS_NOTIFY_SMS_GATEWAY_URL");
  setenv("RELAIS_NOTIFY_SMTP_URL", "http://mail.example.org", 1);
  auto bad = Load(path);
  unsetenv("RELAIS_NOTIFY_SMTP_URL");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "RELAIS_NOTIFY_SMTP_URL");
  std::filesystem::remove(path);
  EXPECT_FALSE(Load("").value().notify_smtp_require_tls);
}

TEST(ConfigTest, ReportsTheLineOfASyntaxError) {
  auto path = WriteFile("[server]\nlisten = \n");
  auto c = Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("ligne 2"), std::string::npos) << c.error().message;
  std::filesystem::remove(path);
}

TEST(ConfigTest, ReadsTheVulnerabilityRuleAndRefusesDecreasingThresholds) {
  auto path = WriteFile("[vulnerability]\nage_from = 70\nweight_no_internet = 3\nlevel3_score = 8\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->vulnerability_age_from, 70);
  EXPECT_EQ(c->vulnerability_weight_no_internet, 3);
  EXPECT_EQ(c->vulnerability_level3_score, 8);
  EXPECT_EQ(c->vulnerability_level2_score, 3);
  std::filesystem::remove(path);
  path = WriteFile("[vulnerability]\nlevel2_score = 9\n");
  auto bad = Load(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "vulnerability.level2_score");
  std::filesystem::remove(path);
}

}  // namespace
TEST(ConfigTest, ReadsTheOutreachRetryRules) {
  EXPECT_EQ(Config{}.outreach_retry_delay_minutes, 120);
  EXPECT_EQ(Config{}.outreach_max_attempts_per_day, 3);
  auto path = WriteFile("[outreach]\nretry_delay_minutes = 45\nmax_attempts_per_day = 5\n");
  auto c = Load(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->outreach_retry_delay_minutes, 45);
  EXPECT_EQ(c->outreach_max_attempts_per_day, 5);
  std::filesystem::remove(path);
  path = WriteFile("[outreach]\nmax_attempts_per_day = 0\n");
  auto bad = Load(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "outreach.max_attempts_per_day");
  std::filesystem::remove(path);
}

}  // namespace relais::config
