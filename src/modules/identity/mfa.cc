#include "modules/identity/mfa.h"

#include <cctype>

#include "modules/identity/throttle.h"
#include "platform/audit/audit.h"
#include "platform/auth/seal.h"
#include "platform/auth/token.h"
#include "platform/auth/totp.h"
#include "platform/core/dates.h"

namespace relais::identity {
namespace {

const Error kWrongCode = Invalid("code", "Code incorrect ou expiré.");

std::string MfaKey(int64_t user_id) { return "mfa:" + std::to_string(user_id); }

std::string SessionStage(db::Connection& c, const std::string& session_hash) {
  std::string stage;
  c.Query("SELECT stage FROM sessions WHERE id_hash = ?", {db::P(session_hash)},
          [&](const db::Row& r) { stage = r.Str(0); });
  return stage;
}

// Digits only, spaces ignored: "123 456" is a TOTP code.
std::optional<std::string> TotpDigits(std::string_view code) {
  std::string d;
  for (char ch : code) {
    if (ch == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    d += ch;
  }
  if (d.size() != 6) return std::nullopt;
  return d;
}

// The TOTP key of a stored secret: sealed (the normal case), or base32 in clear when it was written
// before secrets were sealed and the server has not restarted since (SealClearMfaSecrets).
std::optional<std::string> TotpKeyOf(const Settings& s, const std::string& stored) {
  if (!auth::IsSealed(stored)) return auth::Base32Decode(stored);
  auto secret = auth::Unseal(s.seal_key, stored);
  if (!secret) return std::nullopt;
  return auth::Base32Decode(*secret);
}

void ReplaceRecoveryCodes(db::Connection& c, int64_t user_id, const std::vector<std::string>& codes) {
  c.Exec("DELETE FROM mfa_recovery_codes WHERE user_id = ?", {db::P(user_id)});
  for (const auto& code : codes) {
    c.Exec("INSERT INTO mfa_recovery_codes (user_id, code_hash, used_at) VALUES (?, ?, 0)",
           {db::P(user_id), db::P(RecoveryCodeHash(code))});
  }
}

void ClearMfa(db::Connection& c, int64_t user_id) {
  c.Exec("UPDATE staff_users SET mfa_secret = NULL, mfa_pending_secret = NULL, mfa_enabled_at = 0, "
         "mfa_last_step = 0 WHERE id = ?",
         {db::P(user_id)});
  c.Exec("DELETE FROM mfa_recovery_codes WHERE user_id = ?", {db::P(user_id)});
  c.Exec("DELETE FROM sessions WHERE user_id = ?", {db::P(user_id)});
  ThrottleClear(c, MfaKey(user_id));
}

}  // namespace

std::vector<std::string> NewRecoveryCodes() {
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    // 10 random bytes are 16 base32 characters.
    std::string raw = auth::Base32Encode(auth::NewTotpSecret().substr(0, 10));
    codes.push_back(raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4) + "-" + raw.substr(12, 4));
  }
  return codes;
}

std::string RecoveryCodeHash(std::string_view code) {
  std::string norm;
  for (char ch : code) {
    if (std::isalnum(static_cast<unsigned char>(ch))) norm += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return auth::Sha256Hex(norm);
}

Result<MfaEnrolment> UserStartsMfaEnrolment(db::Database& db, const Settings& s, const auth::Actor& actor) {
  if (s.seal_key.empty()) {
    return Error{ErrorCode::kUnavailable,
                 "La double authentification est indisponible : la clé du serveur n'est pas chargée.", "", {}};
  }
  const std::string key = auth::NewTotpSecret();
  const std::string secret = auth::Base32Encode(key);
  std::string email;
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    bool enabled = false;
    c.Query("SELECT email, mfa_enabled_at FROM staff_users WHERE id = ?", {db::P(actor.user_id)},
            [&](const db::Row& r) {
              email = r.Str(0);
              enabled = r.Int(1) > 0;
            });
    if (email.empty()) return NotFound();
    if (enabled) return Conflict("La double authentification est déjà activée pour ce compte.");
    c.Exec("UPDATE staff_users SET mfa_pending_secret = ? WHERE id = ?",
           {db::P(auth::Seal(s.seal_key, secret)), db::P(actor.user_id)});
    return Unit{};
  });
  if (!done.ok()) return done.error();
  MfaEnrolment e;
  e.secret = secret;
  e.otpauth_uri = auth::OtpauthUri("Relais", email, key);
  e.qr_svg = auth::QrSvg(e.otpauth_uri);
  return e;
}

Result<MfaConfirmed> UserConfirmsMfa(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     const std::string& code, int64_t* retry_after) {
  const int64_t now = NowMillis();
  enum class Outcome { kOk, kWrong, kWait } outcome = Outcome::kOk;
  int64_t wait = 0;
  MfaConfirmed out;
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    wait = ThrottleWaitSeconds(c, MfaKey(actor.user_id), now);
    if (wait > 0) {
      outcome = Outcome::kWait;
      return Unit{};
    }
    std::optional<std::string> pending;
    int64_t enabled_at = 0;
    c.Query("SELECT mfa_pending_secret, mfa_enabled_at FROM staff_users WHERE id = ?", {db::P(actor.user_id)},
            [&](const db::Row& r) {
              if (!r.IsNull(0)) pending = r.Str(0);
              enabled_at = r.Int(1);
            });
    if (enabled_at > 0) return Conflict("La double authentification est déjà activée pour ce compte.");
    if (!pending) return Conflict("Aucune activation en cours : commencez par afficher le QR code.");
    auto digits = TotpDigits(code);
    auto key = TotpKeyOf(s, *pending);
    std::optional<int64_t> step;
    if (digits && key) step = auth::MatchTotp(*key, *digits, now / 1000, 0);
    if (!step) {
      ThrottleFailure(c, MfaKey(actor.user_id), kMfaFreeFailures, now);
      outcome = Outcome::kWrong;
      return Unit{};
    }
    c.Exec("UPDATE staff_users SET mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL, mfa_enabled_at = ?, "
           "mfa_last_step = ? WHERE id = ?",
           {db::P(now), db::P(*step), db::P(actor.user_id)});
    out.recovery_codes = NewRecoveryCodes();
    ReplaceRecoveryCodes(c, actor.user_id, out.recovery_codes);
    ThrottleClear(c, MfaKey(actor.user_id));
    audit::AppendInTransaction(c, audit::Of(actor, "mfa_enrol", "staff_user", actor.user_id));
    if (SessionStage(c, actor.session_hash) == kStageEnrolment) {
      // The grace period was over: this session could only enrol. Enrolled, the person is signed in.
      Login login;
      login.actor = actor;
      c.Exec("DELETE FROM sessions WHERE id_hash = ?", {db::P(actor.session_hash)});
      login.session_token = OpenSession(c, s, login.actor, kStageFull, now);
      login.mfa_enabled = true;
      out.login = std::move(login);
    }
    return Unit{};
  });
  if (!done.ok()) return done.error();
  if (outcome == Outcome::kWait) {
    if (retry_after) *retry_after = wait;
    return Error{ErrorCode::kRateLimited, WaitMessage(wait), "code", {}};
  }
  if (outcome == Outcome::kWrong) return kWrongCode;
  return out;
}

Result<Login> UserCompletesMfaSignIn(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     const std::string& code, int64_t* retry_after) {
  const int64_t now = NowMillis();
  enum class Outcome { kOk, kWrong, kWait } outcome = Outcome::kOk;
  int64_t wait = 0;
  Login login;
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    if (SessionStage(c, actor.session_hash) != kStageMfa) {
      return Conflict("Aucune étape de double authentification en cours pour cette session.");
    }
    wait = ThrottleWaitSeconds(c, MfaKey(actor.user_id), now);
    if (wait > 0) {
      outcome = Outcome::kWait;
      return Unit{};
    }
    std::string secret;
    int64_t last_step = 0;
    c.Query("SELECT mfa_secret, mfa_last_step FROM staff_users WHERE id = ? AND mfa_enabled_at > 0",
            {db::P(actor.user_id)}, [&](const db::Row& r) {
              if (!r.IsNull(0)) secret = r.Str(0);
              last_step = r.Int(1);
            });
    bool good = false;
    if (auto digits = TotpDigits(code)) {
      auto key = secret.empty() ? std::nullopt : TotpKeyOf(s, secret);
      auto step = key ? auth::MatchTotp(*key, *digits, now / 1000, last_step) : std::nullopt;
      if (step) {
        c.Exec("UPDATE staff_users SET mfa_last_step = ? WHERE id = ?", {db::P(*step), db::P(actor.user_id)});
        good = true;
      }
    } else if (!code.empty() && code.size() <= 64) {
      good = c.Exec("UPDATE mfa_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at = 0",
                    {db::P(now), db::P(actor.user_id), db::P(RecoveryCodeHash(code))}) == 1;
    }
    if (!good) {
      ThrottleFailure(c, MfaKey(actor.user_id), kMfaFreeFailures, now);
      outcome = Outcome::kWrong;
      return Unit{};
    }
    ThrottleClear(c, MfaKey(actor.user_id));
    // A new session id once the second factor is proven (no fixation of the half-signed-in one).
    c.Exec("DELETE FROM sessions WHERE id_hash = ?", {db::P(actor.session_hash)});
    login.actor = actor;
    login.session_token = OpenSession(c, s, login.actor, kStageFull, now);
    login.mfa_enabled = true;
    return Unit{};
  });
  if (!done.ok()) return done.error();
  if (outcome == Outcome::kWait) {
    if (retry_after) *retry_after = wait;
    return Error{ErrorCode::kRateLimited, WaitMessage(wait), "code", {}};
  }
  if (outcome == Outcome::kWrong) return kWrongCode;
  return login;
}

int SealClearMfaSecrets(db::Database& db, const auth::SealKey& key) {
  return db.Write([&](db::Connection& c) {
    std::vector<std::tuple<int64_t, std::string, std::string>> clear;  // id, column, value
    c.Query("SELECT id, mfa_secret, mfa_pending_secret FROM staff_users "
            "WHERE mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL",
            {}, [&](const db::Row& r) {
              if (!r.IsNull(1) && !auth::IsSealed(r.Str(1))) clear.emplace_back(r.Int(0), "mfa_secret", r.Str(1));
              if (!r.IsNull(2) && !auth::IsSealed(r.Str(2))) {
                clear.emplace_back(r.Int(0), "mfa_pending_secret", r.Str(2));
              }
            });
    for (const auto& [id, column, value] : clear) {
      c.Exec("UPDATE staff_users SET " + column + " = ? WHERE id = ?", {db::P(auth::Seal(key, value)), db::P(id)});
    }
    return static_cast<int>(clear.size());
  });
}

Result<MfaPolicy> AdminReadsMfaPolicy(db::Database& db, const Settings& s, const auth::Actor& actor) {
  return db.Read([&](db::Connection& c) -> Result<MfaPolicy> {
    MfaPolicy p;
    p.default_grace_days = s.mfa_grace_days;
    bool found = false;
    c.Query("SELECT mfa_grace_days FROM organisations WHERE id = ?", {db::P(actor.organisation_id)},
            [&](const db::Row& r) {
              found = true;
              if (!r.IsNull(0)) p.grace_days = static_cast<int>(r.Int(0));
            });
    if (!found) return NotFound();
    return p;
  });
}

Result<MfaPolicy> AdminSetsMfaPolicy(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     std::optional<int> grace_days) {
  if (grace_days && (*grace_days < 0 || *grace_days > kMaxGraceDays)) {
    return Invalid("grace_days", "Le délai de grâce doit être compris entre 0 et 365 jours.");
  }
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE organisations SET mfa_grace_days = ? WHERE id = ?",
           {grace_days ? db::P(int64_t{*grace_days}) : db::Param{}, db::P(actor.organisation_id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "organisation", actor.organisation_id));
    return Unit{};
  });
  if (!done.ok()) return done.error();
  return AdminReadsMfaPolicy(db, s, actor);
}

bool StaffIsInOrganisation(db::Database& db, int64_t organisation_id, int64_t staff_id) {
  return db.Read([&](db::Connection& c) {
    return c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ?",
                      {db::P(staff_id), db::P(organisation_id)}).has_value();
  });
}

Result<Unit> AdminResetsStaffMfa(db::Database& db, const auth::Actor& actor, int64_t staff_id) {
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    if (!c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ?",
                    {db::P(staff_id), db::P(actor.organisation_id)})) {
      return NotFound("Compte introuvable.");
    }
    ClearMfa(c, staff_id);
    audit::AppendInTransaction(c, audit::Of(actor, "mfa_reset", "staff_user", staff_id));
    return Unit{};
  });
}

Result<Unit> OperatorResetsMfa(db::Connection& c, const std::string& email_in) {
  std::string email(email_in);
  for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  int64_t id = 0, org = 0;
  c.Query("SELECT id, organisation_id FROM staff_users WHERE email = ?", {db::P(email)}, [&](const db::Row& r) {
    id = r.Int(0);
    org = r.Int(1);
  });
  if (!id) return Invalid("email", "Aucun compte avec cette adresse e-mail.");
  ClearMfa(c, id);
  audit::Entry e;
  e.organisation_id = org;
  e.operation = "mfa_reset";
  e.record_type = "staff_user";
  e.record_id = id;
  audit::AppendInTransaction(c, e);
  return Unit{};
}

}  // namespace relais::identity
