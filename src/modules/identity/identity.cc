#include "modules/identity/identity.h"

#include <algorithm>
#include <mutex>
#include <sstream>
#include <unordered_set>

#include "modules/identity/throttle.h"
#include "platform/auth/password.h"
#include "platform/auth/token.h"
#include "platform/core/dates.h"
#include "platform/core/text.h"

namespace relais::identity {
extern const std::string_view kCommonPasswordsText;  // data/common-passwords.txt (cmake/embed_text.cmake)
namespace {
constexpr int64_t kDayMillis = int64_t{24} * 3600 * 1000;
constexpr int64_t kSlideEveryMillis = 60 * 1000;  // write last_seen at most once a minute

// Loads agencies of a user into the actor.
void LoadAgencies(db::Connection& c, auth::Actor& a) {
  c.Query("SELECT agency_id FROM staff_user_agencies WHERE user_id = ? ORDER BY agency_id", {db::P(a.user_id)},
          [&](const db::Row& r) { a.agency_ids.push_back(r.Int(0)); });
}
}  // namespace

std::string NormalizeEmail(std::string_view e) {
  std::string out(text::Trim(e));
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool LooksLikeEmail(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos && e.size() <= 254 &&
         e.find(' ') == std::string::npos;
}

std::string SessionCookieName(const Settings& s) {
  return s.dev_mode ? "relais_session" : "__Host-relais_session";
}

bool StageReaches(std::string_view stage, std::string_view method, std::string_view path) {
  if (stage == kStageFull) return true;
  if (method == "DELETE" && path == "/api/v1/session") return true;
  if (stage == kStageMfa) return method == "POST" && path == "/api/v1/session/mfa";
  if (stage == kStageEnrolment) {
    return method == "POST" && (path == "/api/v1/account/mfa" || path == "/api/v1/account/mfa/confirm");
  }
  return false;
}

bool IsCommonPassword(std::string_view password) {
  static const std::unordered_set<std::string> kCommon = [] {
    std::unordered_set<std::string> set;
    std::istringstream in{std::string(kCommonPasswordsText)};
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line[0] != '#') set.insert(line);
    }
    return set;
  }();
  std::string lower(password);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return kCommon.count(lower) > 0;
}

std::optional<std::string> CheckPasswordPolicy(const std::string& password) {
  size_t code_points = 0;
  for (unsigned char ch : password) code_points += (ch & 0xC0) != 0x80;
  if (code_points < 12) return "Le mot de passe doit contenir au moins 12 caractères.";
  if (code_points > 128) return "Le mot de passe ne doit pas dépasser 128 caractères.";
  if (!text::IsValidUtf8(password)) return "Le mot de passe contient des caractères invalides.";
  if (IsCommonPassword(password)) {
    return "Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre.";
  }
  return std::nullopt;
}

Result<int64_t> AdminCreatesStaffUser(db::Connection& c, const NewStaffUser& u) {
  const std::string email = NormalizeEmail(u.email);
  if (!LooksLikeEmail(email)) return Invalid("email", "L'adresse e-mail n'est pas valide.");
  if (text::Trim(u.display_name).empty()) return Invalid("display_name", "Le nom affiché est obligatoire.");
  if (u.roles == 0) return Invalid("roles", "Au moins un rôle est nécessaire.");
  if (auto why = CheckPasswordPolicy(u.password)) return Invalid("password", *why);
  if (c.QueryInt("SELECT COUNT(*) FROM staff_users WHERE email = ?", {db::P(email)}).value_or(0) > 0) {
    return Conflict("Un compte existe déjà avec cette adresse e-mail.", "email");
  }
  std::optional<std::string> organisation_kind;
  c.Query("SELECT kind FROM organisations WHERE id = ?", {db::P(u.organisation_id)},
          [&](const db::Row& r) { organisation_kind = r.Str(0); });
  if (!organisation_kind) return Invalid("organisation_id", "Organisme inconnu.");
  // The roles an account may hold follow its organisation's kind (ADR 0011).
  constexpr uint32_t kPartnerRoles = static_cast<uint32_t>(auth::Role::kPartnerWorker);
  constexpr uint32_t kRegionalRoles = static_cast<uint32_t>(auth::Role::kRegionalObserver);
  if (*organisation_kind == "partner" && u.roles != kPartnerRoles) {
    return Invalid("roles", "Un compte d'organisme partenaire a le seul rôle partner_worker.");
  }
  if (*organisation_kind == "regional" && u.roles != kRegionalRoles) {
    return Invalid("roles", "Un compte de l'association régionale a le seul rôle regional_observer.");
  }
  if (*organisation_kind == "landlord" && (u.roles & (kPartnerRoles | kRegionalRoles)) != 0) {
    return Invalid("roles", "Les rôles partner_worker et regional_observer sont réservés aux partenaires et à "
                            "l'association régionale.");
  }
  auto id = c.QueryInt(
      "INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(u.organisation_id), db::P(email), db::P(std::string(text::Trim(u.display_name))),
       db::P(auth::HashPassword(u.password)), db::P(static_cast<int64_t>(u.roles)), db::P(NowMillis())});
  for (int64_t agency : u.agency_ids) {
    if (!c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?",
                    {db::P(agency), db::P(u.organisation_id)})) {
      return Invalid("agency_ids", "Agence inconnue pour cet organisme : " + std::to_string(agency) + ".");
    }
    c.Exec("INSERT INTO staff_user_agencies (user_id, agency_id) VALUES (?, ?)", {db::P(*id), db::P(agency)});
  }
  return *id;
}

std::string OpenSession(db::Connection& c, const Settings& s, auth::Actor& a, std::string_view stage, int64_t now) {
  const std::string token = auth::RandomToken(16);
  a.session_hash = auth::Sha256Hex(token);
  a.csrf_token = auth::RandomToken(16);
  c.Exec("INSERT INTO sessions (id_hash, user_id, organisation_id, csrf_token, created_at, last_seen_at, "
         "idle_expires_at, absolute_expires_at, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {db::P(a.session_hash), db::P(a.user_id), db::P(a.organisation_id), db::P(a.csrf_token), db::P(now),
          db::P(now), db::P(now + int64_t{s.staff_idle_minutes} * 60000),
          db::P(now + int64_t{s.absolute_hours} * 3600000), db::P(std::string(stage))});
  return token;
}

MfaStatus MfaStatusOf(db::Connection& c, const Settings& s, int64_t user_id) {
  MfaStatus st;
  c.Query("SELECT u.mfa_enabled_at, u.created_at, o.mfa_grace_from, o.mfa_grace_days FROM staff_users u "
          "JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ?",
          {db::P(user_id)}, [&](const db::Row& r) {
            st.enabled = r.Int(0) > 0;
            const int64_t days = r.IsNull(3) ? s.mfa_grace_days : r.Int(3);
            st.deadline_ms = std::max(r.Int(1), r.Int(2)) + days * kDayMillis;
          });
  if (st.enabled) st.deadline_ms = 0;
  return st;
}

Result<Login> UserLogsIn(db::Database& db, const Settings& s, const std::string& email_in,
                         const std::string& password, const std::string& remote_ip, int64_t* retry_after) {
  const std::string email = NormalizeEmail(email_in);
  const Error bad{ErrorCode::kUnauthenticated, "Adresse e-mail ou mot de passe incorrect."};
  if (email.empty() || password.empty() || password.size() > 1024) return bad;
  const std::string account_key = "account:" + email, ip_key = "ip:" + remote_ip;
  const int64_t now = NowMillis();

  struct Account {
    int64_t id = 0, organisation_id = 0, roles = 0;
    std::string hash, name;
    bool active = false;
    std::string organisation_kind;
  };
  int64_t wait = 0;
  std::optional<Account> acc = db.Read([&](db::Connection& c) {
    wait = std::max(ThrottleWaitSeconds(c, account_key, now), remote_ip.empty() ? 0 : ThrottleWaitSeconds(c, ip_key, now));
    std::optional<Account> a;
    c.Query("SELECT u.id, u.organisation_id, u.roles, u.password_hash, u.display_name, u.active, o.kind "
            "FROM staff_users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email = ?",
            {db::P(email)}, [&](const db::Row& r) {
              a = Account{r.Int(0), r.Int(1), r.Int(2), r.Str(3), r.Str(4), r.Bool(5), r.Str(6)};
            });
    return a;
  });
  // The same answer whether the account exists or not: its key counts either way.
  if (wait > 0) {
    if (retry_after) *retry_after = wait;
    return Error{ErrorCode::kRateLimited, WaitMessage(wait), {}, {}};
  }
  bool right = false;
  if (!acc) {
    // Same work as a real check, so that timing does not tell whether the account exists.
    static const std::string kDummy = auth::HashPassword("relais-dummy-password-for-timing");
    (void)auth::VerifyPassword(password, kDummy);
  } else {
    right = auth::VerifyPassword(password, acc->hash) && acc->active;
  }
  if (!right) {
    (void)db.Write([&](db::Connection& c) -> Result<Unit> {
      ThrottleFailure(c, account_key, kAccountFreeFailures, now);
      if (!remote_ip.empty()) ThrottleFailure(c, ip_key, kAddressFreeFailures, now);
      return Unit{};
    });
    return bad;
  }

  Login login;
  auth::Actor& a = login.actor;
  a.kind = auth::KindOfOrganisation(acc->organisation_kind).value_or(auth::Kind::kStaff);
  a.user_id = acc->id;
  a.organisation_id = acc->organisation_id;
  a.roles = static_cast<uint32_t>(acc->roles);
  a.display_name = acc->name;
  auto written = db.Write([&](db::Connection& c) -> Result<Unit> {
    ThrottleClear(c, account_key);
    c.Exec("UPDATE staff_users SET last_sign_in_at = ? WHERE id = ?", {db::P(now), db::P(a.user_id)});
    const MfaStatus mfa = MfaStatusOf(c, s, a.user_id);
    login.mfa_enabled = mfa.enabled;
    login.mfa_deadline_ms = mfa.deadline_ms;
    login.stage = mfa.enabled ? kStageMfa : now >= mfa.deadline_ms ? kStageEnrolment : kStageFull;
    login.session_token = OpenSession(c, s, a, login.stage, now);
    // Expired sessions of this user are cleaned here rather than by a job.
    c.Exec("DELETE FROM sessions WHERE user_id = ? AND (idle_expires_at < ? OR absolute_expires_at < ?)",
           {db::P(a.user_id), db::P(now), db::P(now)});
    LoadAgencies(c, a);
    return Unit{};
  });
  if (!written.ok()) return written.error();
  return login;
}

std::optional<auth::Actor> ResolveSession(db::Database& db, const Settings& s, const std::string& token,
                                          std::string* stage) {
  if (token.size() != 22) return std::nullopt;
  const std::string hash = auth::Sha256Hex(token);
  const int64_t now = NowMillis();
  int64_t last_seen = 0;
  // One statement (the user's agencies joined, one row each, or one row with none), outside an
  // explicit transaction: every request runs it, and two statements in a transaction cost twice.
  std::optional<auth::Actor> actor = db.ReadOneStatement([&](db::Connection& c) {
    std::optional<auth::Actor> a;
    c.Query("SELECT u.id, u.organisation_id, u.roles, u.display_name, s.csrf_token, s.last_seen_at, g.agency_id, "
            "o.kind, s.stage FROM sessions s JOIN staff_users u ON u.id = s.user_id "
            "JOIN organisations o ON o.id = u.organisation_id "
            "LEFT JOIN staff_user_agencies g ON g.user_id = u.id "
            "WHERE s.id_hash = ? AND s.idle_expires_at > ? AND s.absolute_expires_at > ? AND u.active = 1 "
            "ORDER BY g.agency_id",
            {db::P(hash), db::P(now), db::P(now)}, [&](const db::Row& r) {
              if (!a) {
                a.emplace();
                // The organisation's kind decides the account's: a partner's worker is kPartner.
                a->kind = auth::KindOfOrganisation(r.Str(7)).value_or(auth::Kind::kStaff);
                a->user_id = r.Int(0);
                a->organisation_id = r.Int(1);
                a->roles = static_cast<uint32_t>(r.Int(2));
                a->display_name = r.Str(3);
                a->csrf_token = r.Str(4);
                a->session_hash = hash;
                last_seen = r.Int(5);
                if (stage) *stage = r.Str(8);
              }
              if (!r.IsNull(6)) a->agency_ids.push_back(r.Int(6));
            });
    return a;
  });
  if (actor && now - last_seen > kSlideEveryMillis) {
    // Best effort: when the disk is full or failing, reads go on; the session slides on a later
    // request (it has minutes left), so this write failing must not fail the request.
    try {
      (void)db.Write([&](db::Connection& c) -> Result<Unit> {
        c.Exec("UPDATE sessions SET last_seen_at = ?, idle_expires_at = ? WHERE id_hash = ?",
               {db::P(now), db::P(now + int64_t{s.staff_idle_minutes} * 60000), db::P(hash)});
        return Unit{};
      });
    } catch (const db::DbError&) {
    }
  }
  return actor;
}

Result<Unit> UserLogsOut(db::Database& db, const auth::Actor& actor) {
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("DELETE FROM sessions WHERE id_hash = ?", {db::P(actor.session_hash)});
    return Unit{};
  });
}

Result<int64_t> UserLogsOutEverywhere(db::Database& db, const auth::Actor& actor) {
  return db.Write([&](db::Connection& c) -> Result<int64_t> {
    return c.Exec("DELETE FROM sessions WHERE user_id = ?", {db::P(actor.user_id)});
  });
}

std::unordered_map<int64_t, std::string> StaffNames(db::Connection& c, int64_t organisation_id,
                                                    const std::vector<int64_t>& ids) {
  std::unordered_map<int64_t, std::string> names;
  if (ids.empty()) return names;
  // The landlord's own accounts, and those of the partners attached to it (their reads of
  // referred households are in the landlord's trail), named with their organisation.
  std::string sql =
      "SELECT u.id, u.display_name, u.organisation_id, o.name FROM staff_users u JOIN organisations o "
      "ON o.id = u.organisation_id WHERE (u.organisation_id = ? OR u.organisation_id IN "
      "(SELECT partner_id FROM partner_landlords WHERE landlord_id = ?)) AND u.id IN (";
  std::vector<db::Param> params{db::P(organisation_id), db::P(organisation_id)};
  for (size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ",?" : "?";
    params.push_back(db::P(ids[i]));
  }
  sql += ")";
  c.Query(sql, params, [&](const db::Row& r) {
    names.emplace(r.Int(0), r.Int(2) == organisation_id ? r.Str(1) : r.Str(1) + " (" + r.Str(3) + ")");
  });
  return names;
}

}  // namespace relais::identity
