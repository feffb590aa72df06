// The staff module: a landlord's administrators manage the accounts of their own organisation
// (issue 4). They invite a colleague (a one-time link the invitee opens to choose a password),
// change roles, agencies and names, deactivate and reactivate accounts. A change of roles or
// agencies, and a deactivation, end that person's sessions at once. The organisation always
// keeps one active administrator. Accounts and sessions themselves are the identity module's.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}

namespace relais::staff {

struct Settings {
  int invitation_days = 7;  // staff.invitation_days
  // Where the invitation e-mail's link points (server.public_url); with mail configured
  // (notify.smtp_url) the invitee gets the link by e-mail, otherwise only the administrator sees it.
  std::string public_url;
  bool email_configured = false;
};

struct StaffMember {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  uint32_t roles = 0;
  std::vector<int64_t> agency_ids;
  bool active = true;
  std::optional<int64_t> last_sign_in_at;  // UTC milliseconds
  bool mfa_enabled = false;  // a second factor is confirmed (ADR 0009)
  int64_t created_at = 0;
};

struct InvitationInput {
  std::string email;
  std::string display_name;
  uint32_t roles = 0;
  std::vector<int64_t> agency_ids;
};

struct Invitation {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  uint32_t roles = 0;
  std::vector<int64_t> agency_ids;
  int64_t invited_by = 0;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct IssuedInvitation {
  Invitation invitation;
  std::string token;  // given once, never stored (only its SHA-256)
  bool emailed = false;  // the link was also queued by e-mail to the invitee
};

// What the invitee sees before choosing a password.
struct OpenInvitation {
  std::string organisation_name;
  std::string email;
  std::string display_name;
  int64_t expires_at = 0;
};

struct StaffPatch {
  std::optional<std::string> display_name;
  std::optional<uint32_t> roles;
  std::optional<std::vector<int64_t>> agency_ids;
};

// Every function below loads records of the actor's organisation only: another landlord's
// account or invitation is kNotFound; a visible one the actor may not manage is kForbidden.
Result<std::vector<StaffMember>> AdminListsStaff(db::Database& db, const auth::Actor& actor);
Result<StaffMember> AdminReadsStaff(db::Database& db, const auth::Actor& actor, int64_t id);
// Roles or agencies changed: the person's sessions end. kConflict when the last active
// administrator would lose the role.
Result<StaffMember> AdminUpdatesStaff(db::Database& db, const auth::Actor& actor, int64_t id, const StaffPatch& p);
// Ends every session of the account; sign-in is then refused as for a wrong password. kConflict
// for the actor's own account and for the last active administrator.
Result<StaffMember> AdminDeactivatesStaff(db::Database& db, const auth::Actor& actor, int64_t id);
Result<StaffMember> AdminReactivatesStaff(db::Database& db, const auth::Actor& actor, int64_t id);

// kConflict when an account or a pending invitation already has the e-mail.
Result<IssuedInvitation> AdminInvitesStaff(db::Database& db, const auth::Actor& actor, const Settings& s,
                                           const InvitationInput& in);
// Pending invitations: neither accepted, revoked nor expired.
Result<std::vector<Invitation>> AdminListsInvitations(db::Database& db, const auth::Actor& actor);
Result<Unit> AdminRevokesInvitation(db::Database& db, const auth::Actor& actor, int64_t id);

// Public side, by token. kNotFound alike for an unknown, used, revoked or expired token.
Result<OpenInvitation> VisitorReadsInvitation(db::Database& db, const std::string& token);
// Creates the account (password policy applies) and uses the token up. Returns the account id.
Result<int64_t> InviteeAccepts(db::Database& db, const std::string& token, const std::string& password);

// The link an administrator transmits to the invitee (relative to the server's address).
std::string InvitationLink(const std::string& token);

// Registers /api/v1/staff... and /api/v1/invitations/{token}.
void RegisterRoutes(http::Router& router, db::Database& db, const Settings& s);

}  // namespace relais::staff
