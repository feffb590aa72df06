#include "modules/tenant/tenant.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "modules/housing/housing.h"
#include "modules/identity/identity.h"
#include "modules/identity/throttle.h"
#include "modules/tenant/tenant_policy.h"
#include "platform/auth/password.h"
#include "platform/auth/token.h"
#include "platform/core/dates.h"
#include "platform/core/text.h"
#include "platform/log/log.h"
#include "platform/notify/notify.h"

namespace relais::tenant {
namespace {

using db::P;

constexpr int64_t kSlideEveryMillis = 60 * 1000;
const char* const kBullet = "\u2022\u2022";

std::string Digits(const std::string& s) {
  std::string d;
  for (char ch : s) {
    if (ch >= '0' && ch <= '9') d += ch;
  }
  return d;
}

// The national form of a French number: "+33 6 12 34 56 42" -> "0612345642".
std::string National(const std::string& number) {
  std::string d = Digits(number);
  if (number.find('+') != std::string::npos && d.starts_with("33")) d = "0" + d.substr(2);
  if (d.starts_with("0033")) d = "0" + d.substr(4);
  return d;
}

// Same hash for the same code and account; the account id keeps two accounts' hashes apart.
std::string CodeHash(int64_t account_id, const std::string& code) {
  return auth::Sha256Hex(std::to_string(account_id) + ":" + code);
}

// The made-up hint of a reference that gets no code: stable for the process, unrelated to any data.
std::string FakeHint(const std::string& reference) {
  static const std::string key = auth::RandomToken(16);
  const std::string h = auth::Sha256Hex(key + reference);
  const int n = std::stoi(h.substr(0, 4), nullptr, 16);
  if (n % 3 == 0) {
    const char* domains[] = {"g", "o", "l", "h", "f"};
    return "e-mail à " + std::string(1, static_cast<char>('a' + n % 26)) + "•••@" + domains[n % 5] + "•••.fr";
  }
  const std::string two{static_cast<char>('0' + n % 100 / 10), static_cast<char>('0' + n % 10)};
  return std::string("SMS au 0") + (n % 2 ? "6" : "7") + " " + kBullet + " " + kBullet + " " + kBullet + " " + two;
}

}  // namespace

std::string SessionCookieName(const Settings& s) { return s.dev_mode ? "relais_tenant" : "__Host-relais_tenant"; }

bool IsMobile(const std::string& number) {
  const std::string d = National(number);
  return d.size() == 10 && (d.starts_with("06") || d.starts_with("07"));
}

std::string MaskPhone(const std::string& number) {
  const std::string d = National(number);
  if (d.size() < 4) return kBullet;
  return d.substr(0, 2) + " " + kBullet + " " + kBullet + " " + kBullet + " " + d.substr(d.size() - 2);
}

std::string MaskEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return "•••";
  const std::string domain = email.substr(at + 1);
  const auto dot = domain.rfind('.');
  const std::string tld = dot == std::string::npos ? "" : domain.substr(dot);
  return email.substr(0, 1) + "•••@" + (domain.empty() ? "" : domain.substr(0, 1)) + "•••" + tld;
}

Result<CodeRequest> TenantRequestsCode(db::Database& db, const std::string& reference_in, const std::string& remote_ip,
                                       int64_t* retry_after) {
  const std::string reference(text::Trim(reference_in));
  if (reference.empty() || reference.size() > 64) {
    return Invalid("reference", "Indiquez votre référence locataire (elle figure sur votre avis d'échéance).");
  }
  bool queued = false;
  auto hint = db.Write([&](db::Connection& c) -> Result<std::string> {
    const int64_t now = NowMillis();
    // Asking codes for reference after reference from one address is how references are probed.
    if (!remote_ip.empty()) {
      const std::string key = "tenant-code-ip:" + remote_ip;
      if (const int64_t wait = identity::ThrottleWaitSeconds(c, key, now); wait > 0) {
        if (retry_after) *retry_after = wait;
        return Error{ErrorCode::kRateLimited, identity::WaitMessage(wait), "", {}};
      }
      identity::ThrottleFailure(c, key, identity::kAddressFreeFailures, now);
    }
    struct Found { int64_t id, organisation_id; std::string email; };
    std::vector<Found> found;
    c.Query("SELECT id, organisation_id, email FROM households WHERE reference = ? LIMIT 2", {P(reference)},
            [&](const db::Row& r) { found.push_back({r.Int(0), r.Int(1), r.Str(2)}); });
    // Unknown, or the same reference at two landlords (ambiguous): nothing is sent.
    if (found.size() != 1) return FakeHint(reference);
    const Found& h = found[0];
    std::optional<std::string> mobile;
    c.Query("SELECT number FROM phones WHERE household_id = ? ORDER BY position", {P(h.id)},
            [&](const db::Row& r) {
              if (!mobile && IsMobile(r.Str(0))) mobile = r.Str(0);
            });
    const std::string email(text::Trim(h.email));
    if (!mobile && (email.empty() || email.find_first_of("\r\n") != std::string::npos)) return FakeHint(reference);

    std::optional<int64_t> account;
    std::string status;
    c.Query("SELECT id, status FROM tenant_accounts WHERE household_id = ?", {P(h.id)}, [&](const db::Row& r) {
      account = r.Int(0);
      status = r.Str(1);
    });
    if (!account) {
      account = c.QueryInt(
          "INSERT INTO tenant_accounts (organisation_id, household_id, login, created_at) VALUES (?, ?, ?, ?) "
          "RETURNING id",
          {P(h.organisation_id), P(h.id), P(reference), P(now)});
      status = "pending";
    }
    if (status == "disabled") return FakeHint(reference);
    const std::string real_hint = mobile ? "SMS au " + MaskPhone(*mobile) : "e-mail à " + MaskEmail(email);
    // One code a minute at most: a second request within it gets the same answer, no new code.
    const auto last = c.QueryInt("SELECT sent_at FROM tenant_codes WHERE account_id = ?", {P(*account)});
    if (last && now - *last < kResendSeconds * 1000) return real_hint;

    char code[8];
    std::snprintf(code, sizeof code, "%06u", randombytes_uniform(1'000'000));
    c.Exec("DELETE FROM tenant_codes WHERE account_id = ?", {P(*account)});
    c.Exec("INSERT INTO tenant_codes (account_id, code_hash, sent_at, expires_at, tries_left) VALUES (?, ?, ?, ?, ?)",
           {P(*account), P(CodeHash(*account, code)), P(now), P(now + int64_t{kCodeMinutes} * 60000),
            P(kCodeTries)});
    notify::Message m;
    const std::string text = "Votre code Relais : " + std::string(code) + ". Il est valable " +
                             std::to_string(kCodeMinutes) + " minutes. Ne le communiquez à personne, " +
                             "votre bailleur ne vous le demandera jamais.";
    if (mobile) {
      m.channel = notify::Channel::kSms;
      m.recipient = *mobile;
      m.body = text;
    } else {
      m.channel = notify::Channel::kEmail;
      m.recipient = email;
      m.subject = "Votre code Relais";
      m.body = "Bonjour,\n\n" + text +
               "\n\nSi vous n'avez rien demandé, ignorez ce message.\n\n-- \nMessage automatique de votre bailleur, "
               "envoyé par Relais.\n";
    }
    notify::Queue(c, m);
    queued = true;
    log::Info("tenant: one-time code queued", {{"account_id", *account}, {"channel", std::string(notify::NameOf(m.channel))}});
    return real_hint;
  });
  if (!hint.ok()) return hint.error();
  return CodeRequest{*hint, queued};
}

Result<Login> TenantSignsIn(db::Database& db, const Settings& s, const std::string& reference_in,
                            const std::optional<std::string>& code, const std::optional<std::string>& password,
                            const std::string& remote_ip, int64_t* retry_after) {
  if (code.has_value() == password.has_value()) {
    return Invalid("code", "Donnez soit le code reçu, soit votre mot de passe.");
  }
  const std::string reference(text::Trim(reference_in));
  const Error bad{ErrorCode::kUnauthenticated, "Référence, code ou mot de passe incorrect."};
  // Failures count against the reference whether it exists or not (the staff's "account:EMAIL"),
  // so that a lock tells nothing about which references are real; and against the address.
  const std::string reference_key = "tenant-ref:" + reference, ip_key = "tenant-ip:" + remote_ip;
  const bool plausible = !reference.empty() && reference.size() <= 64;  // a real one never is longer
  auto failed = [&](db::Connection& c) {
    const int64_t now = NowMillis();
    if (plausible) identity::ThrottleFailure(c, reference_key, identity::kAccountFreeFailures, now);
    if (!remote_ip.empty()) identity::ThrottleFailure(c, ip_key, identity::kAddressFreeFailures, now);
  };
  struct Account {
    int64_t id = 0, organisation_id = 0, household_id = 0;
    std::optional<std::string> hash;
    std::string status;
  };
  int64_t wait = 0;
  std::vector<Account> accounts = db.Read([&](db::Connection& c) {
    const int64_t now = NowMillis();
    if (plausible) wait = identity::ThrottleWaitSeconds(c, reference_key, now);
    if (!remote_ip.empty()) wait = std::max(wait, identity::ThrottleWaitSeconds(c, ip_key, now));
    std::vector<Account> a;
    if (plausible) {
      c.Query("SELECT id, organisation_id, household_id, password_hash, status "
              "FROM tenant_accounts WHERE login = ? LIMIT 2",
              {P(reference)}, [&](const db::Row& r) {
                a.push_back({r.Int(0), r.Int(1), r.Int(2), r.OptStr(3), r.Str(4)});
              });
    }
    return a;
  });
  if (wait > 0) {
    if (retry_after) *retry_after = wait;
    return Error{ErrorCode::kRateLimited, identity::WaitMessage(wait), "", {}};
  }
  const int64_t now = NowMillis();
  if (accounts.size() != 1 || accounts[0].status == "disabled") {
    if (password) {
      // Same work as a real check, so that timing does not tell whether the reference exists.
      static const std::string kDummy = auth::HashPassword("relais-dummy-password-for-timing");
      (void)auth::VerifyPassword(*password, kDummy);
    }
    db.Write([&](db::Connection& c) {
      failed(c);
      return 0;
    });
    return bad;
  }
  const Account& acc = accounts[0];
  bool ok = false;
  if (password) {
    ok = acc.status == "active" && acc.hash && password->size() <= 1024 && auth::VerifyPassword(*password, *acc.hash);
  }
  Login login;
  auto result = db.Write([&](db::Connection& c) -> Result<Unit> {
    if (code) {
      std::optional<std::pair<std::string, int64_t>> stored;
      int64_t tries = 0;
      c.Query("SELECT code_hash, expires_at, tries_left FROM tenant_codes WHERE account_id = ?", {P(acc.id)},
              [&](const db::Row& r) {
                stored.emplace(r.Str(0), r.Int(1));
                tries = r.Int(2);
              });
      const std::string given(text::Trim(*code));
      if (stored && stored->second > now && tries > 0) {
        if (given.size() == 6 && auth::SafeEquals(CodeHash(acc.id, given), stored->first)) {
          ok = true;
          c.Exec("DELETE FROM tenant_codes WHERE account_id = ?", {P(acc.id)});
        } else if (tries > 1) {
          c.Exec("UPDATE tenant_codes SET tries_left = ? WHERE account_id = ?", {P(tries - 1), P(acc.id)});
        } else {
          c.Exec("DELETE FROM tenant_codes WHERE account_id = ?", {P(acc.id)});  // spent
        }
      }
    }
    if (!ok) {
      failed(c);
      return Unit{};  // committed: the failure counts
    }
    identity::ThrottleClear(c, reference_key);
    c.Exec("UPDATE tenant_accounts SET status = 'active', "
           "activated_at = COALESCE(activated_at, ?) WHERE id = ?",
           {P(now), P(acc.id)});
    login.session_token = std::string(kTokenPrefix) + auth::RandomToken(16);
    auth::Actor& a = login.actor;
    a.kind = auth::Kind::kTenant;
    a.user_id = acc.id;
    a.organisation_id = acc.organisation_id;
    a.household_id = acc.household_id;
    a.session_hash = auth::Sha256Hex(login.session_token);
    a.csrf_token = auth::RandomToken(16);
    a.remote_ip = remote_ip;
    c.Exec("INSERT INTO tenant_sessions (id_hash, account_id, organisation_id, household_id, csrf_token, created_at, "
           "last_seen_at, idle_expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {P(a.session_hash), P(a.user_id), P(a.organisation_id), P(a.household_id), P(a.csrf_token), P(now),
            P(now), P(now + int64_t{s.idle_minutes} * 60000), P(now + int64_t{s.absolute_hours} * 3600000)});
    c.Exec("DELETE FROM tenant_sessions WHERE account_id = ? AND (idle_expires_at < ? OR absolute_expires_at < ?)",
           {P(a.user_id), P(now), P(now)});
    // The tenant is not a staff user: user_id 0, the account as the record.
    audit::AppendInTransaction(c, {now, a.organisation_id, 0, code ? "sign_in_code" : "sign_in_password",
                                   "tenant_account", a.user_id, remote_ip});
    login.has_password = acc.hash.has_value();
    return Unit{};
  });
  if (!result.ok()) return result.error();
  if (!ok) return bad;
  return login;
}

std::optional<auth::Actor> ResolveSession(db::Database& db, const Settings& s, const std::string& token) {
  if (token.size() != kTokenPrefix.size() + 22 || !token.starts_with(kTokenPrefix)) return std::nullopt;
  const std::string hash = auth::Sha256Hex(token);
  const int64_t now = NowMillis();
  int64_t last_seen = 0;
  std::optional<auth::Actor> actor = db.ReadOneStatement([&](db::Connection& c) {
    std::optional<auth::Actor> a;
    c.Query("SELECT s.account_id, s.organisation_id, s.household_id, s.csrf_token, s.last_seen_at "
            "FROM tenant_sessions s JOIN tenant_accounts t ON t.id = s.account_id "
            "WHERE s.id_hash = ? AND s.idle_expires_at > ? AND s.absolute_expires_at > ? AND t.status = 'active'",
            {P(hash), P(now), P(now)}, [&](const db::Row& r) {
              a.emplace();
              a->kind = auth::Kind::kTenant;
              a->user_id = r.Int(0);
              a->organisation_id = r.Int(1);
              a->household_id = r.Int(2);
              a->csrf_token = r.Str(3);
              a->session_hash = hash;
              last_seen = r.Int(4);
            });
    return a;
  });
  if (actor && now - last_seen > kSlideEveryMillis) {
    try {
      (void)db.Write([&](db::Connection& c) -> Result<Unit> {
        c.Exec("UPDATE tenant_sessions SET last_seen_at = ?, idle_expires_at = ? "
               "WHERE id_hash = ?",
               {P(now), P(now + int64_t{s.idle_minutes} * 60000), P(hash)});
        return Unit{};
      });
    } catch (const db::DbError&) {
    }
  }
  return actor;
}

Result<Unit> TenantSetsPassword(db::Database& db, const auth::Actor& a, const std::string& password) {
  // The staff's rule, one place: length and data/common-passwords.txt.
  if (auto why = identity::CheckPasswordPolicy(password)) return Invalid("password", *why);
  const std::string hash = auth::HashPassword(password);
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE tenant_accounts SET password_hash = ? WHERE id = ?", {P(hash), P(a.user_id)});
    // Other devices signed in before the change are signed out.
    c.Exec("DELETE FROM tenant_sessions WHERE account_id = ? AND id_hash <> ?", {P(a.user_id), P(a.session_hash)});
    audit::AppendInTransaction(c, {0, a.organisation_id, 0, "update", "tenant_account", a.user_id, a.remote_ip});
    return Unit{};
  });
}

Result<Unit> TenantSignsOut(db::Database& db, const auth::Actor& a) {
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("DELETE FROM tenant_sessions WHERE id_hash = ?", {P(a.session_hash)});
    return Unit{};
  });
}

Result<int64_t> TenantSignsOutEverywhere(db::Database& db, const auth::Actor& a) {
  return db.Write([&](db::Connection& c) -> Result<int64_t> {
    return c.Exec("DELETE FROM tenant_sessions WHERE account_id = ?", {P(a.user_id)});
  });
}

PortalSettings LoadPortalSettings(db::Connection& c, int64_t organisation_id) {
  PortalSettings p;
  c.Query("SELECT show_members, show_rent, show_lease_start, show_agency FROM tenant_portal_settings "
          "WHERE organisation_id = ?",
          {P(organisation_id)}, [&](const db::Row& r) {
            p = {r.Bool(0), r.Bool(1), r.Bool(2), r.Bool(3)};
          });
  return p;
}

Result<Unit> AdministratorSetsPortalSettings(db::Database& db, const auth::Actor& a, const PortalSettings& p) {
  // The route checks too; the use case answers on its own for every caller (tenant_policy.h).
  if (!CanChangePortalSettings(a)) return Forbidden();
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    const int64_t now = NowMillis();
    c.Exec("DELETE FROM tenant_portal_settings WHERE organisation_id = ?", {P(a.organisation_id)});
    c.Exec("INSERT INTO tenant_portal_settings (organisation_id, show_members, show_rent, show_lease_start, "
           "show_agency, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
           {P(a.organisation_id), P(p.show_members), P(p.show_rent), P(p.show_lease_start), P(p.show_agency),
            P(now)});
    audit::AppendInTransaction(c, audit::Of(a, "update", "tenant_portal_settings", a.organisation_id));
    return Unit{};
  });
}

Result<nlohmann::json> TenantReadsHousehold(db::Database& db, const auth::Actor& a) {
  if (!CanReadOwnHousehold(a)) return NotFound();
  return db.Read([&](db::Connection& c) -> Result<nlohmann::json> {
    const PortalSettings p = LoadPortalSettings(c, a.organisation_id);
    std::optional<nlohmann::json> out;
    // Scoped twice: the session's household, within the session's organisation.
    c.Query("SELECT h.reference, d.reference, d.floor, d.rooms, d.surface_cm2, b.street, b.postal_code, "
            "b.commune_insee, b.name, g.name, o.name "
            "FROM households h JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b ON b.id = d.building_id "
            "JOIN organisations o ON o.id = h.organisation_id LEFT JOIN agencies g ON g.id = b.agency_id "
            "WHERE h.id = ? AND h.organisation_id = ?",
            {P(a.household_id), P(a.organisation_id)}, [&](const db::Row& r) {
              const auto* commune = housing::FindCommune(r.Text(7));
              out = nlohmann::json{
                  {"reference", r.Str(0)},
                  {"landlord", {{"name", r.Str(10)}}},
                  {"dwelling",
                   {{"reference", r.Str(1)}, {"floor", r.Int(2)}, {"rooms", r.Int(3)},
                    {"surface_m2", static_cast<double>(r.Int(4)) / 100.0}}},  // surface_cm2: hundredths of m²
                  {"address",
                   {{"building_name", r.Str(8)}, {"street", r.Str(5)}, {"postal_code", r.Str(6)},
                    {"commune", commune ? commune->name : r.Str(7)}}},
              };
              if (p.show_agency) (*out)["agency"] = r.IsNull(9) ? nlohmann::json(nullptr) : nlohmann::json{{"name", r.Str(9)}};
            });
    if (!out) return NotFound();
    if (p.show_members) {
      auto members = nlohmann::json::array();
      c.Query("SELECT first_name FROM members WHERE household_id = ? AND organisation_id = ? ORDER BY position",
              {P(a.household_id), P(a.organisation_id)},
              [&](const db::Row& r) { members.push_back({{"first_name", r.Str(0)}}); });
      (*out)["members"] = members;
    }
    if (p.show_rent || p.show_lease_start) {
      nlohmann::json lease = nullptr;
      c.Query("SELECT start_date, rent_cents, charges_cents FROM leases WHERE household_id = ? AND "
              "organisation_id = ? AND end_date IS NULL ORDER BY start_date DESC LIMIT 1",
              {P(a.household_id), P(a.organisation_id)}, [&](const db::Row& r) {
                lease = nlohmann::json::object();
                if (p.show_lease_start) lease["start_date"] = r.Str(0);
                if (p.show_rent) {
                  lease["rent_cents"] = r.Int(1);
                  lease["charges_cents"] = r.Int(2);
                }
              });
      (*out)["lease"] = lease;
    }
    (*out)["shown"] = {{"members", p.show_members}, {"rent", p.show_rent}, {"lease_start", p.show_lease_start},
                       {"agency", p.show_agency}};
    return *out;
  });
}

int64_t CloseAccountOfHousehold(db::Connection& c, int64_t household_id) {
  // The sign-in failures counted against its login (the old tenant reference) go with it.
  c.Query("SELECT login FROM tenant_accounts WHERE household_id = ?", {db::P(household_id)},
          [&](const db::Row& r) { identity::ThrottleClear(c, "tenant-ref:" + r.Str(0)); });
  // The foreign keys cascade too; the three statements say what goes.
  c.Exec("DELETE FROM tenant_sessions WHERE household_id = ?", {db::P(household_id)});
  c.Exec("DELETE FROM tenant_codes WHERE account_id IN (SELECT id FROM tenant_accounts WHERE household_id = ?)",
         {db::P(household_id)});
  return c.Exec("DELETE FROM tenant_accounts WHERE household_id = ?", {db::P(household_id)});
}

}  // namespace relais::tenant
