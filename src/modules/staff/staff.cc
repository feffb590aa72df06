#include "modules/staff/staff.h"

#include <algorithm>

#include "modules/identity/identity.h"
#include "modules/staff/staff_policy.h"
#include "platform/auth/token.h"
#include "platform/core/dates.h"
#include "platform/core/text.h"
#include "platform/notify/notify.h"

namespace relais::staff {
namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;
constexpr uint32_t kAdmin = static_cast<uint32_t>(auth::Role::kAdministrator);

const Error kNotAllowed = Forbidden("Seule l'administration de l'organisme gère les comptes du personnel.");
const Error kNoSuchStaff = NotFound("Compte introuvable.");
const Error kNoSuchInvitation = NotFound("Invitation introuvable.");
// The same answer for an unknown, used, revoked or expired token: nothing to learn by guessing.
const Error kInvitationClosed = NotFound("Cette invitation n'existe pas, a déjà servi, a été annulée ou a expiré.");

const char* kStaffColumns =
    "SELECT id, email, display_name, roles, active, last_sign_in_at, created_at, mfa_enabled_at FROM staff_users ";

StaffMember StaffOf(const db::Row& r) {
  StaffMember m;
  m.id = r.Int(0);
  m.email = r.Str(1);
  m.display_name = r.Str(2);
  m.roles = static_cast<uint32_t>(r.Int(3));
  m.active = r.Bool(4);
  m.last_sign_in_at = r.OptInt(5);
  m.created_at = r.Int(6);
  m.mfa_enabled = r.Int(7) > 0;
  return m;
}

std::vector<int64_t> AgenciesOf(db::Connection& c, const char* table, const char* key, int64_t id) {
  std::vector<int64_t> out;
  c.Query(std::string("SELECT agency_id FROM ") + table + " WHERE " + key + " = ? ORDER BY agency_id", {db::P(id)},
          [&](const db::Row& r) { out.push_back(r.Int(0)); });
  return out;
}

std::optional<StaffMember> FindStaff(db::Connection& c, int64_t organisation_id, int64_t id) {
  std::optional<StaffMember> m;
  c.Query(std::string(kStaffColumns) + "WHERE organisation_id = ? AND id = ?", {db::P(organisation_id), db::P(id)},
          [&](const db::Row& r) { m = StaffOf(r); });
  if (m) m->agency_ids = AgenciesOf(c, "staff_user_agencies", "user_id", m->id);
  return m;
}

std::optional<Error> CheckRolesAndAgencies(db::Connection& c, int64_t organisation_id, uint32_t roles,
                                           const std::vector<int64_t>& agency_ids) {
  if (roles == 0) return Invalid("roles", "Au moins un rôle est nécessaire.");
  for (int64_t agency : agency_ids) {
    if (!c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?",
                    {db::P(agency), db::P(organisation_id)})) {
      return Invalid("agency_ids", "Agence inconnue pour cet organisme : " + std::to_string(agency) + ".");
    }
  }
  return std::nullopt;
}

// Active administrators of the organisation other than `except`. The organisation's row is
// locked first, so that two administrators demoting each other at once cannot both succeed.
int64_t OtherActiveAdministrators(db::Connection& c, int64_t organisation_id, int64_t except) {
  c.Exec("UPDATE organisations SET id = id WHERE id = ?", {db::P(organisation_id)});
  return c
      .QueryInt("SELECT COUNT(*) FROM staff_users WHERE organisation_id = ? AND active = 1 AND id <> ? "
                "AND (roles & ?) <> 0",
                {db::P(organisation_id), db::P(except), db::P(static_cast<int64_t>(kAdmin))})
      .value_or(0);
}

const Error kLastAdministrator = Conflict(
    "L'organisme doit garder au moins un compte administrateur actif : nommez d'abord un·e autre "
    "administrateur·rice.",
    "roles");

void EndSessions(db::Connection& c, int64_t user_id) {
  c.Exec("DELETE FROM sessions WHERE user_id = ?", {db::P(user_id)});
}

std::optional<Invitation> FindPendingInvitation(db::Connection& c, std::string_view where, std::vector<db::Param> params,
                                                int64_t now) {
  std::optional<Invitation> inv;
  params.push_back(db::P(now));
  c.Query("SELECT id, email, display_name, roles, invited_by, created_at, expires_at "
          "FROM staff_invitations WHERE " + std::string(where) +
              " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
          params, [&](const db::Row& r) {
            inv = Invitation{r.Int(0), r.Str(1), r.Str(2), static_cast<uint32_t>(r.Int(3)), {}, r.Int(4), r.Int(5),
                             r.Int(6)};
          });
  if (inv) inv->agency_ids = AgenciesOf(c, "staff_invitation_agencies", "invitation_id", inv->id);
  return inv;
}

}  // namespace

std::string InvitationLink(const std::string& token) { return "/invitation/" + token; }

static notify::Message InvitationEmail(const std::string& email, const std::string& name, const std::string& organisation,
                                       const std::string& link, int days) {
  notify::Message m;
  m.channel = notify::Channel::kEmail;
  m.recipient = email;
  m.subject = "Votre invitation à Relais (" + organisation + ")";
  m.body = "Bonjour " + name + ",\n\n" + organisation +
           " vous invite à utiliser Relais, la plateforme de continuité de service de votre organisme.\n\n"
           "Pour créer votre compte, ouvrez ce lien et choisissez votre mot de passe :\n" +
           link + "\n\nCe lien est personnel, ne sert qu'une fois et expire dans " + std::to_string(days) +
           " jours. Si vous n'attendiez pas cette invitation, ignorez ce message.\n";
  return m;
}

Result<std::vector<StaffMember>> AdminListsStaff(db::Database& db, const auth::Actor& actor) {
  if (!MayManageStaff(actor, StaffAction::kList, actor.organisation_id)) return kNotAllowed;
  return db.Read([&](db::Connection& c) {
    std::vector<StaffMember> out;
    c.Query(std::string(kStaffColumns) + "WHERE organisation_id = ? ORDER BY display_name, id",
            {db::P(actor.organisation_id)}, [&](const db::Row& r) { out.push_back(StaffOf(r)); });
    for (auto& m : out) m.agency_ids = AgenciesOf(c, "staff_user_agencies", "user_id", m.id);
    return Result<std::vector<StaffMember>>(std::move(out));
  });
}

Result<StaffMember> AdminReadsStaff(db::Database& db, const auth::Actor& actor, int64_t id) {
  return db.Read([&](db::Connection& c) -> Result<StaffMember> {
    auto m = FindStaff(c, actor.organisation_id, id);
    if (!m || !SeesStaffAccounts(actor)) return kNoSuchStaff;
    if (!MayManageStaff(actor, StaffAction::kRead, actor.organisation_id)) return kNotAllowed;
    return *m;
  });
}

Result<StaffMember> AdminUpdatesStaff(db::Database& db, const auth::Actor& actor, int64_t id, const StaffPatch& p) {
  return db.Write([&](db::Connection& c) -> Result<StaffMember> {
    const int64_t org = actor.organisation_id;
    auto m = FindStaff(c, org, id);
    if (!m || !SeesStaffAccounts(actor)) return kNoSuchStaff;
    if (!MayManageStaff(actor, StaffAction::kUpdate, org)) return kNotAllowed;
    const uint32_t roles = p.roles.value_or(m->roles);
    std::vector<int64_t> agencies = p.agency_ids.value_or(m->agency_ids);
    std::sort(agencies.begin(), agencies.end());
    agencies.erase(std::unique(agencies.begin(), agencies.end()), agencies.end());
    if (auto e = CheckRolesAndAgencies(c, org, roles, agencies)) return *e;
    std::string name = m->display_name;
    if (p.display_name) {
      name = std::string(text::Trim(*p.display_name));
      if (name.empty()) return Invalid("display_name", "Le nom affiché est obligatoire.");
    }
    if (m->active && (m->roles & kAdmin) && !(roles & kAdmin) && OtherActiveAdministrators(c, org, id) == 0) {
      return kLastAdministrator;
    }
    const bool privileges_changed = roles != m->roles || agencies != m->agency_ids;
    c.Exec("UPDATE staff_users SET display_name = ?, roles = ? WHERE id = ?",
           {db::P(name), db::P(static_cast<int64_t>(roles)), db::P(id)});
    if (agencies != m->agency_ids) {
      c.Exec("DELETE FROM staff_user_agencies WHERE user_id = ?", {db::P(id)});
      for (int64_t a : agencies) {
        c.Exec("INSERT INTO staff_user_agencies (user_id, agency_id) VALUES (?, ?)", {db::P(id), db::P(a)});
      }
    }
    // A privilege change takes effect at once: the person signs in again, with a new session id.
    if (privileges_changed) EndSessions(c, id);
    audit::AppendInTransaction(c, audit::Of(actor, "update", "staff_user", id));
    return *FindStaff(c, org, id);
  });
}

Result<StaffMember> AdminDeactivatesStaff(db::Database& db, const auth::Actor& actor, int64_t id) {
  return db.Write([&](db::Connection& c) -> Result<StaffMember> {
    const int64_t org = actor.organisation_id;
    auto m = FindStaff(c, org, id);
    if (!m || !SeesStaffAccounts(actor)) return kNoSuchStaff;
    if (!MayManageStaff(actor, StaffAction::kDeactivate, org)) return kNotAllowed;
    if (id == actor.user_id) {
      return Conflict("Vous ne pouvez pas désactiver votre propre compte : demandez-le à un·e autre administrateur·rice.");
    }
    if (m->active && (m->roles & kAdmin) && OtherActiveAdministrators(c, org, id) == 0) {
      return Conflict(kLastAdministrator.message);
    }
    c.Exec("UPDATE staff_users SET active = 0 WHERE id = ?", {db::P(id)});
    EndSessions(c, id);
    audit::AppendInTransaction(c, audit::Of(actor, "deactivate", "staff_user", id));
    return *FindStaff(c, org, id);
  });
}

Result<StaffMember> AdminReactivatesStaff(db::Database& db, const auth::Actor& actor, int64_t id) {
  return db.Write([&](db::Connection& c) -> Result<StaffMember> {
    const int64_t org = actor.organisation_id;
    auto m = FindStaff(c, org, id);
    if (!m || !SeesStaffAccounts(actor)) return kNoSuchStaff;
    if (!MayManageStaff(actor, StaffAction::kReactivate, org)) return kNotAllowed;
    c.Exec("UPDATE staff_users SET active = 1, failed_logins = 0, locked_until = 0 WHERE id = ?", {db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "reactivate", "staff_user", id));
    return *FindStaff(c, org, id);
  });
}

Result<IssuedInvitation> AdminInvitesStaff(db::Database& db, const auth::Actor& actor, const Settings& s,
                                           const InvitationInput& in) {
  if (!MayManageStaff(actor, StaffAction::kInvite, actor.organisation_id)) return kNotAllowed;
  const std::string email = identity::NormalizeEmail(in.email);
  if (!identity::LooksLikeEmail(email)) return Invalid("email", "L'adresse e-mail n'est pas valide.");
  const std::string name(text::Trim(in.display_name));
  if (name.empty()) return Invalid("display_name", "Le nom affiché est obligatoire.");
  std::vector<int64_t> agencies = in.agency_ids;
  std::sort(agencies.begin(), agencies.end());
  agencies.erase(std::unique(agencies.begin(), agencies.end()), agencies.end());
  const int64_t org = actor.organisation_id;
  const int64_t now = NowMillis();
  IssuedInvitation out;
  out.token = auth::RandomToken(16);
  auto written = db.Write([&](db::Connection& c) -> Result<Unit> {
    if (auto e = CheckRolesAndAgencies(c, org, in.roles, agencies)) return *e;
    if (c.QueryInt("SELECT COUNT(*) FROM staff_users WHERE email = ?", {db::P(email)}).value_or(0) > 0) {
      return Conflict("Un compte existe déjà avec cette adresse e-mail.", "email");
    }
    if (FindPendingInvitation(c, "organisation_id = ? AND email = ?", {db::P(org), db::P(email)}, now)) {
      return Conflict("Une invitation est déjà en attente pour cette adresse : annulez-la pour en envoyer une autre.",
                      "email");
    }
    const int64_t expires = now + s.invitation_days * kDayMillis;
    auto id = c.QueryInt(
        "INSERT INTO staff_invitations (organisation_id, token_hash, email, display_name, roles, invited_by, "
        "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {db::P(org), db::P(auth::Sha256Hex(out.token)), db::P(email), db::P(name),
         db::P(static_cast<int64_t>(in.roles)), db::P(actor.user_id), db::P(now), db::P(expires)});
    for (int64_t a : agencies) {
      c.Exec("INSERT INTO staff_invitation_agencies (invitation_id, agency_id) VALUES (?, ?)", {db::P(*id), db::P(a)});
    }
    out.invitation = Invitation{*id, email, name, in.roles, agencies, actor.user_id, now, expires};
    audit::AppendInTransaction(c, audit::Of(actor, "invite", "staff_invitation", *id));
    if (s.email_configured && !s.public_url.empty()) {
      std::string organisation;
      c.Query("SELECT name FROM organisations WHERE id = ?", {db::P(org)},
              [&](const db::Row& r) { organisation = r.Str(0); });
      notify::Queue(c, InvitationEmail(email, name, organisation, s.public_url + InvitationLink(out.token),
                                       s.invitation_days));
      out.emailed = true;
    }
    return Unit{};
  });
  if (!written.ok()) return written.error();
  return out;
}

Result<std::vector<Invitation>> AdminListsInvitations(db::Database& db, const auth::Actor& actor) {
  if (!MayManageStaff(actor, StaffAction::kList, actor.organisation_id)) return kNotAllowed;
  return db.Read([&](db::Connection& c) {
    std::vector<Invitation> out;
    c.Query("SELECT id, email, display_name, roles, invited_by, created_at, expires_at FROM staff_invitations "
            "WHERE organisation_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? "
            "ORDER BY created_at DESC, id DESC",
            {db::P(actor.organisation_id), db::P(NowMillis())}, [&](const db::Row& r) {
              out.push_back(Invitation{r.Int(0), r.Str(1), r.Str(2), static_cast<uint32_t>(r.Int(3)), {}, r.Int(4),
                                       r.Int(5), r.Int(6)});
            });
    for (auto& i : out) i.agency_ids = AgenciesOf(c, "staff_invitation_agencies", "invitation_id", i.id);
    return Result<std::vector<Invitation>>(std::move(out));
  });
}

Result<Unit> AdminRevokesInvitation(db::Database& db, const auth::Actor& actor, int64_t id) {
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    const int64_t org = actor.organisation_id;
    if (!SeesStaffAccounts(actor) ||
        !FindPendingInvitation(c, "organisation_id = ? AND id = ?", {db::P(org), db::P(id)}, NowMillis())) {
      return kNoSuchInvitation;
    }
    if (!MayManageStaff(actor, StaffAction::kRevoke, org)) return kNotAllowed;
    c.Exec("UPDATE staff_invitations SET revoked_at = ? WHERE id = ?", {db::P(NowMillis()), db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "revoke", "staff_invitation", id));
    return Unit{};
  });
}

Result<OpenInvitation> VisitorReadsInvitation(db::Database& db, const std::string& token) {
  if (token.size() != 22) return kInvitationClosed;
  return db.Read([&](db::Connection& c) -> Result<OpenInvitation> {
    std::optional<OpenInvitation> out;
    c.Query("SELECT o.name, i.email, i.display_name, i.expires_at FROM staff_invitations i "
            "JOIN organisations o ON o.id = i.organisation_id "
            "WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?",
            {db::P(auth::Sha256Hex(token)), db::P(NowMillis())},
            [&](const db::Row& r) { out = OpenInvitation{r.Str(0), r.Str(1), r.Str(2), r.Int(3)}; });
    if (!out) return kInvitationClosed;
    return *out;
  });
}

Result<int64_t> InviteeAccepts(db::Database& db, const std::string& token, const std::string& password) {
  if (token.size() != 22) return kInvitationClosed;
  return db.Write([&](db::Connection& c) -> Result<int64_t> {
    const int64_t now = NowMillis();
    auto inv = FindPendingInvitation(c, "token_hash = ?", {db::P(auth::Sha256Hex(token))}, now);
    if (!inv) return kInvitationClosed;
    const auto organisation_id = c.QueryInt("SELECT organisation_id FROM staff_invitations WHERE id = ?", {db::P(inv->id)});
    auto user = identity::AdminCreatesStaffUser(
        c, identity::NewStaffUser{*organisation_id, inv->email, inv->display_name, password, inv->roles, inv->agency_ids});
    if (!user.ok()) return user.error();
    c.Exec("UPDATE staff_invitations SET accepted_at = ? WHERE id = ?", {db::P(now), db::P(inv->id)});
    auth::Actor invitee;
    invitee.user_id = *user;
    invitee.organisation_id = *organisation_id;
    audit::AppendInTransaction(c, audit::Of(invitee, "create", "staff_user", *user));
    return *user;
  });
}

}  // namespace relais::staff
