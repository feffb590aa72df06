// Second factor, session stages, throttling and the common-password rule, on both engines.
#include "modules/identity/mfa.h"

#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/identity/identity_policy.h"
#include "modules/identity/throttle.h"
#include "platform/auth/policy.h"
#include "platform/auth/seal.h"
#include "platform/auth/totp.h"
#include "platform/core/dates.h"
#include "platform/db/testing.h"

namespace relais::identity {
namespace {

constexpr const char* kPassword = "un mot de passe long";

class MfaTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = *t_->db().Write([](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320"); });
    other_org_ = *t_->db().Write([](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat B", "552100554"); });
    user_id_ = AddUser(org_, "agent@example.org", auth::Role::kCallAgent);
    settings_.seal_key = auth::SealKeyOf("a test key of thirty-two bytes!!");
  }
  int64_t AddUser(int64_t org, const std::string& email, auth::Role role) {
    NewStaffUser u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = email;
    u.password = kPassword;
    u.roles = static_cast<uint32_t>(role);
    auto id = t_->db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }
  db::Database& db() { return t_->db(); }
  Login SignIn(const std::string& email = "agent@example.org") {
    auto l = UserLogsIn(db(), settings_, email, kPassword, "10.0.0.1");
    EXPECT_TRUE(l.ok()) << l.error().message;
    return *l;
  }
  // Enrols the agent; returns the TOTP key and the recovery codes.
  std::pair<std::string, std::vector<std::string>> Enrol(const auth::Actor& a) {
    auto e = UserStartsMfaEnrolment(db(), settings_, a);
    EXPECT_TRUE(e.ok());
    const std::string key = *auth::Base32Decode(e->secret);
    EXPECT_NE(e->otpauth_uri.find("secret=" + e->secret), std::string::npos);
    EXPECT_TRUE(e->qr_svg.starts_with("<svg"));
    // A code of the step before: not yet used (the confirmation's own step stays usable below).
    auto done = UserConfirmsMfa(db(), settings_, a, auth::Hotp(key, auth::TotpStep(NowMillis() / 1000) - 1), nullptr);
    EXPECT_TRUE(done.ok()) << done.error().message;
    return {key, done->recovery_codes};
  }
  std::string StageOf(const std::string& token) {
    std::string stage;
    ResolveSession(db(), settings_, token, &stage);
    return stage;
  }
  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, other_org_ = 0, user_id_ = 0;
  Settings settings_;
};

TEST_P(MfaTest, EnrolThenSignInWithACodeGetsANewSession) {
  Login first = SignIn();
  EXPECT_EQ(first.stage, kStageFull);
  // A wrong code does not activate anything.
  auto e = UserStartsMfaEnrolment(db(), settings_, first.actor);
  ASSERT_TRUE(e.ok());
  auto wrong = UserConfirmsMfa(db(), settings_, first.actor, "000000", nullptr);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "code");
  auto [key, codes] = Enrol(first.actor);
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(UserStartsMfaEnrolment(db(), settings_, first.actor).error().code, ErrorCode::kConflict);

  Login half = SignIn();
  EXPECT_EQ(half.stage, kStageMfa);
  EXPECT_EQ(StageOf(half.session_token), kStageMfa);
  const std::string code = auth::Hotp(key, auth::TotpStep(NowMillis() / 1000));
  auto full = UserCompletesMfaSignIn(db(), settings_, half.actor, code, nullptr);
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_NE(full->session_token, half.session_token);
  EXPECT_EQ(StageOf(full->session_token), kStageFull);
  EXPECT_FALSE(ResolveSession(db(), settings_, half.session_token));  // the old id is gone
  // The same code again (replay) is refused.
  Login again = SignIn();
  auto replay = UserCompletesMfaSignIn(db(), settings_, again.actor, code, nullptr);
  EXPECT_EQ(replay.error().field, "code");
  // A full session has no second step to complete.
  EXPECT_EQ(UserCompletesMfaSignIn(db(), settings_, full->actor, code, nullptr).error().code, ErrorCode::kConflict);
}

TEST_P(MfaTest, TheSecretIsStoredSealedNeverInClear) {
  Login first = SignIn();
  auto e = UserStartsMfaEnrolment(db(), settings_, first.actor);
  ASSERT_TRUE(e.ok());
  auto column = [&](const char* name) {
    return db().Read([&](db::Connection& c) {
      std::string v;
      c.Query(std::string("SELECT ") + name + " FROM staff_users WHERE id = ?", {db::P(user_id_)},
              [&](const db::Row& r) { v = r.IsNull(0) ? "" : r.Str(0); });
      return v;
    });
  };
  const std::string pending = column("mfa_pending_secret");
  EXPECT_TRUE(auth::IsSealed(pending));
  EXPECT_EQ(pending.find(e->secret), std::string::npos);
  EXPECT_EQ(auth::Unseal(settings_.seal_key, pending), e->secret);
  Enrol(first.actor);
  EXPECT_TRUE(auth::IsSealed(column("mfa_secret")));
  // Another server key cannot use the secret: the code is refused, not accepted blindly.
  Settings other = settings_;
  other.seal_key = auth::SealKeyOf("another key of thirty-two bytes!");
  Login half = SignIn();
  const std::string secret = *auth::Unseal(settings_.seal_key, column("mfa_secret"));
  const std::string code = auth::Hotp(*auth::Base32Decode(secret), auth::TotpStep(NowMillis() / 1000));
  EXPECT_EQ(UserCompletesMfaSignIn(db(), other, half.actor, code, nullptr).error().field, "code");
  EXPECT_TRUE(UserCompletesMfaSignIn(db(), settings_, half.actor, code, nullptr).ok());
}

TEST_P(MfaTest, ASecretLeftInClearIsSealedAtStartAndStillWorks) {
  Login first = SignIn();
  auto [key, codes] = Enrol(first.actor);
  const std::string clear = auth::Base32Encode(key);
  db().Write([&](db::Connection& c) {
    c.Exec("UPDATE staff_users SET mfa_secret = ? WHERE id = ?", {db::P(clear), db::P(user_id_)});
    return 0;
  });
  EXPECT_EQ(SealClearMfaSecrets(db(), settings_.seal_key), 1);
  EXPECT_EQ(SealClearMfaSecrets(db(), settings_.seal_key), 0);
  auto stored = db().Read([&](db::Connection& c) {
    std::string v;
    c.Query("SELECT mfa_secret FROM staff_users WHERE id = ?", {db::P(user_id_)}, [&](const db::Row& r) { v = r.Str(0); });
    return v;
  });
  EXPECT_TRUE(auth::IsSealed(stored));
  Login half = SignIn();
  const std::string code = auth::Hotp(key, auth::TotpStep(NowMillis() / 1000));
  EXPECT_TRUE(UserCompletesMfaSignIn(db(), settings_, half.actor, code, nullptr).ok());
}

TEST_P(MfaTest, WithoutAServerKeyEnrolmentIsRefused) {
  Settings keyless = settings_;
  keyless.seal_key = auth::SealKey{};
  EXPECT_EQ(UserStartsMfaEnrolment(db(), keyless, SignIn().actor).error().code, ErrorCode::kUnavailable);
}

TEST_P(MfaTest, RecoveryCodesWorkOnceWhateverTheCaseAndDashes) {
  auto [key, codes] = Enrol(SignIn().actor);
  std::string typed = codes[3];
  std::erase(typed, '-');
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  Login half = SignIn();
  ASSERT_TRUE(UserCompletesMfaSignIn(db(), settings_, half.actor, typed, nullptr).ok());
  Login second = SignIn();
  auto reused = UserCompletesMfaSignIn(db(), settings_, second.actor, codes[3], nullptr);
  EXPECT_EQ(reused.error().field, "code");
  EXPECT_TRUE(UserCompletesMfaSignIn(db(), settings_, second.actor, codes[4], nullptr).ok());
  // Only hashes are stored.
  const std::string plain = codes[5];  // clang 14 captures no structured binding in a lambda
  auto stored = db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM mfa_recovery_codes WHERE code_hash = ?", {db::P(plain)}).value_or(0);
  });
  EXPECT_EQ(stored, 0);
}

TEST_P(MfaTest, AfterTheGracePeriodAnAccountCanOnlyEnrol) {
  settings_.mfa_grace_days = 0;
  Login l = SignIn();
  EXPECT_EQ(l.stage, kStageEnrolment);
  EXPECT_EQ(StageOf(l.session_token), kStageEnrolment);
  // The organisation's own setting wins over the default.
  ASSERT_TRUE(db().Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE organisations SET mfa_grace_days = 30 WHERE id = ?", {db::P(org_)});
    return Unit{};
  }).ok());
  EXPECT_EQ(SignIn().stage, kStageFull);
  ASSERT_TRUE(db().Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE organisations SET mfa_grace_days = 0 WHERE id = ?", {db::P(org_)});
    return Unit{};
  }).ok());
  settings_.mfa_grace_days = 30;
  Login forced = SignIn();
  ASSERT_EQ(forced.stage, kStageEnrolment);
  auto e = UserStartsMfaEnrolment(db(), settings_, forced.actor);
  ASSERT_TRUE(e.ok());
  auto done = UserConfirmsMfa(db(), settings_, forced.actor,
                              auth::Hotp(*auth::Base32Decode(e->secret), auth::TotpStep(NowMillis() / 1000)), nullptr);
  ASSERT_TRUE(done.ok());
  ASSERT_TRUE(done->login);  // enrolled: signed in, with a new session
  EXPECT_EQ(StageOf(done->login->session_token), kStageFull);
  EXPECT_FALSE(ResolveSession(db(), settings_, forced.session_token));
}

TEST_P(MfaTest, AdministratorResetsOnlyInTheirOrganisation) {
  auto [key, codes] = Enrol(SignIn().actor);
  Login open = SignIn();
  const int64_t admin_b = AddUser(other_org_, "admin@b.example.org", auth::Role::kAdministrator);
  auth::Actor other;
  other.user_id = admin_b;
  other.organisation_id = other_org_;
  other.roles = static_cast<uint32_t>(auth::Role::kAdministrator);
  EXPECT_EQ(AdminResetsStaffMfa(db(), other, user_id_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(SignIn().stage, kStageMfa);
  auth::Actor admin = other;
  admin.organisation_id = org_;
  admin.user_id = AddUser(org_, "admin@a.example.org", auth::Role::kAdministrator);
  ASSERT_TRUE(AdminResetsStaffMfa(db(), admin, user_id_).ok());
  EXPECT_FALSE(ResolveSession(db(), settings_, open.session_token));  // sessions ended
  EXPECT_EQ(SignIn().stage, kStageFull);                               // still within the grace period
  ASSERT_TRUE(db().Write([&](db::Connection& c) { return OperatorResetsMfa(c, "AGENT@example.org"); }).ok());
  EXPECT_FALSE(db().Write([&](db::Connection& c) { return OperatorResetsMfa(c, "nobody@example.org"); }).ok());
}

TEST_P(MfaTest, ThrottleBacksOffAndCapsAnHour) {
  const int64_t t0 = 1'800'000'000'000;
  auto checked = db().Write([&](db::Connection& c) -> Result<Unit> {
    for (int i = 0; i < kAccountFreeFailures; ++i) ThrottleFailure(c, "account:x", kAccountFreeFailures, t0);
    EXPECT_EQ(ThrottleWaitSeconds(c, "account:x", t0), 0);
    ThrottleFailure(c, "account:x", kAccountFreeFailures, t0);
    EXPECT_EQ(ThrottleWaitSeconds(c, "account:x", t0), 1);
    ThrottleFailure(c, "account:x", kAccountFreeFailures, t0);
    EXPECT_EQ(ThrottleWaitSeconds(c, "account:x", t0), 2);
    EXPECT_EQ(ThrottleWaitSeconds(c, "account:other", t0), 0);
    // 100 failures within the hour lock the key until the hour is over.
    for (int i = 0; i < 93; ++i) ThrottleFailure(c, "ip:y", 1000, t0 + i * 1000);
    EXPECT_EQ(ThrottleWaitSeconds(c, "ip:y", t0 + 93000), 0);
    for (int i = 93; i < 100; ++i) ThrottleFailure(c, "ip:y", 1000, t0 + i * 1000);
    EXPECT_EQ(ThrottleWaitSeconds(c, "ip:y", t0 + 100000), 3600 - 100);
    ThrottleClear(c, "account:x");
    EXPECT_EQ(ThrottleWaitSeconds(c, "account:x", t0), 0);
    return Unit{};
  });
  EXPECT_TRUE(checked.ok());
}

TEST_P(MfaTest, SignInIsThrottledPerAccountWhetherItExistsOrNot) {
  for (const std::string email : {"agent@example.org", "nobody@example.org"}) {
    for (int i = 0; i <= kAccountFreeFailures; ++i) {
      EXPECT_EQ(UserLogsIn(db(), settings_, email, "mauvais mot de passe", "10.0.0.2").error().code,
                ErrorCode::kUnauthenticated);
    }
    int64_t retry = 0;
    auto locked = UserLogsIn(db(), settings_, email, kPassword, "10.0.0.3", &retry);
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
    EXPECT_GE(retry, 1);
  }
}

TEST_P(MfaTest, SecondFactorCodesAreThrottled) {
  auto [key, codes] = Enrol(SignIn().actor);
  Login half = SignIn();
  for (int i = 0; i <= kMfaFreeFailures; ++i) (void)UserCompletesMfaSignIn(db(), settings_, half.actor, "000000", nullptr);
  int64_t retry = 0;
  auto locked = UserCompletesMfaSignIn(db(), settings_, half.actor, codes[0], &retry);
  EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
  EXPECT_GE(retry, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, MfaTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(StageTest, HalfSignedInSessionsReachOnlyTheirStep) {
  struct Row {
    std::string_view stage, method, path;
    bool reaches;
  } rows[] = {
      {kStageFull, "GET", "/api/v1/households", true},
      {kStageMfa, "POST", "/api/v1/session/mfa", true},
      {kStageMfa, "DELETE", "/api/v1/session", true},
      {kStageMfa, "GET", "/api/v1/session", false},
      {kStageMfa, "GET", "/api/v1/households", false},
      {kStageMfa, "POST", "/api/v1/account/mfa", false},
      {kStageEnrolment, "POST", "/api/v1/account/mfa", true},
      {kStageEnrolment, "POST", "/api/v1/account/mfa/confirm", true},
      {kStageEnrolment, "DELETE", "/api/v1/session", true},
      {kStageEnrolment, "POST", "/api/v1/session/mfa", false},
      {kStageEnrolment, "GET", "/api/v1/households", false},
      {"unknown", "GET", "/api/v1/households", false},
  };
  for (const auto& r : rows) EXPECT_EQ(StageReaches(r.stage, r.method, r.path), r.reaches) << r.stage << " " << r.path;
}

TEST(CommonPasswordTest, RefusesListedPasswordsWhateverTheCase) {
  EXPECT_TRUE(IsCommonPassword("1qaz2wsx3edc"));
  EXPECT_TRUE(IsCommonPassword("1QAZ2WSX3EDC"));
  EXPECT_TRUE(IsCommonPassword("QwertyUiopAsdf") == IsCommonPassword("qwertyuiopasdf"));
  EXPECT_FALSE(IsCommonPassword("un mot de passe long"));
  auto why = CheckPasswordPolicy("Qazwsxedcrfv");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("courants"), std::string::npos);
}

TEST(IdentityPolicyTest, WhoMayDoWhat) {
  auto actor = [](uint32_t roles, auth::Kind kind = auth::Kind::kStaff) {
    auth::Actor a;
    a.user_id = 7;
    a.organisation_id = 1;
    a.roles = roles;
    a.kind = kind;
    return a;
  };
  const uint32_t admin = static_cast<uint32_t>(auth::Role::kAdministrator);
  const uint32_t manager = static_cast<uint32_t>(auth::Role::kManager);
  const uint32_t agent = static_cast<uint32_t>(auth::Role::kCallAgent);
  struct Row {
    auth::Actor a;
    bool own_session, enrol, manage_policy, reset;
  } rows[] = {
      {actor(admin), true, true, true, true},
      {actor(admin | agent), true, true, true, true},
      {actor(manager), true, true, false, false},
      {actor(agent), true, true, false, false},
      {actor(admin, auth::Kind::kPartner), true, false, false, false},
      {actor(0, auth::Kind::kObserver), true, false, false, false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(CanUseOwnSession(r.a), r.own_session);
    EXPECT_EQ(CanEnrolOwnMfa(r.a), r.enrol);
    EXPECT_EQ(CanManageMfaPolicy(r.a), r.manage_policy);
    EXPECT_EQ(CanResetStaffMfa(r.a), r.reset);
  }
  auth::PolicyDecisions::Reset();
  (void)CanResetStaffMfa(actor(agent));
  EXPECT_EQ(auth::PolicyDecisions::Count(), 1);
}

}  // namespace
}  // namespace relais::identity
