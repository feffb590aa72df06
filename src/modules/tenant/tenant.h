// The tenant module: tenant accounts and the tenant portal (issue 4, docs/adr/0012-tenant-accounts.md).
// A tenant activates their account with their tenant reference (the household's reference, printed
// on rent notices) and a one-time code sent to the phone (SMS) or e-mail on file; then signs in by
// password (optional) or by a new one-time code. A tenant sees only their own household, and of it
// what their landlord chooses to show (PortalSettings).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/db/export_section.h"

namespace relais::http {
class Router;
}

namespace relais::tenant {

struct Settings {
  int idle_minutes = 30;     // sessions.tenant_idle_minutes
  int absolute_hours = 12;   // sessions.absolute_hours
  bool dev_mode = false;     // cookie without Secure and __Host-
  std::function<void()> notify_wake;  // wakes the notify worker after a code is queued (may be empty)
};

constexpr int kCodeMinutes = 10;   // a one-time code expires after this
constexpr int kCodeTries = 5;      // wrong codes before a code is spent
constexpr int kResendSeconds = 60; // a new code is not sent sooner than this after the last one

// The tenant session cookie: "__Host-relais_tenant", or "relais_tenant" in development mode.
std::string SessionCookieName(const Settings& s);
// Tenant session ids start with this, so that they are never mistaken for staff ones.
constexpr std::string_view kTokenPrefix = "tn_";

// "06 •• •• •• 42" for a phone number, "j•••@e•••.fr" for an e-mail address.
std::string MaskPhone(const std::string& number);
std::string MaskEmail(const std::string& email);
// True for a French mobile number (06, 07, +336, +337), spaces and dots allowed.
bool IsMobile(const std::string& number);

struct CodeRequest {
  std::string hint;  // "SMS au 06 •• •• •• 42" or "e-mail à j•••@e•••.fr"
  bool queued = false;  // a code was queued now (never told to the caller: it would reveal the reference)
};
// Sends a one-time code for the household of `reference` (creating its pending account on first
// use) to its mobile phone, else its e-mail, through the notify outbox. The answer is the same
// whether the reference exists or not: a masked hint (a made-up one, stable per reference, when
// nothing is sent), so that it reveals neither the reference nor what is on file. Every request
// counts against its address (`remote_ip`, throttle key "tenant-code-ip:ADDRESS", ADR 0012): past
// the free requests of an hour, kRateLimited with the seconds to wait in `*retry_after`.
Result<CodeRequest> TenantRequestsCode(db::Database& db, const std::string& reference, const std::string& remote_ip,
                                       int64_t* retry_after = nullptr);

struct Login {
  std::string session_token;  // goes in the cookie, never stored
  auth::Actor actor;
  bool has_password = false;
};
// Signs in with the reference and either a one-time code (which activates a pending account) or
// the password. kUnauthenticated with one message for every wrong input; kRateLimited after
// repeated failures of the account, and of the address (throttle key "tenant-ip:ADDRESS"). The
// sign-in is written to the audit trail.
Result<Login> TenantSignsIn(db::Database& db, const Settings& s, const std::string& reference,
                            const std::optional<std::string>& code, const std::optional<std::string>& password,
                            const std::string& remote_ip, int64_t* retry_after = nullptr);

// The actor of a valid tenant session (slides the idle timeout); nullopt otherwise.
std::optional<auth::Actor> ResolveSession(db::Database& db, const Settings& s, const std::string& token);
Result<Unit> TenantSetsPassword(db::Database& db, const auth::Actor& a, const std::string& password);
Result<Unit> TenantSignsOut(db::Database& db, const auth::Actor& a);
// Ends every session of the tenant's account, on every device (a lost phone, a shared computer);
// returns how many ended.
Result<int64_t> TenantSignsOutEverywhere(db::Database& db, const auth::Actor& a);

// Closes the tenant account of a household, in the caller's transaction: the account, its pending
// code, the sign-in failures counted against its login and every open session go (an anonymised household has no tenant left to sign in). Returns
// how many accounts were closed (0 or 1).
int64_t CloseAccountOfHousehold(db::Connection& c, int64_t household_id);

// What the tenant module holds about household `household_id` of `org`, for its subject-access
// export (privacy module, ADR 0010), in the caller's transaction (the caller authorises): the
// account (not its secrets), its open sessions and its sign-ins from the audit trail.
std::vector<db::ExportSection> HouseholdTenantRecords(db::Connection& c, int64_t org, int64_t household_id);
// The records of household `household_id` of `org` that tenant holds: its account (gone once
// the household is anonymised: its entries then stay in the trail, unlisted here) whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id);

// What a landlord shows its tenants. The address, the dwelling and the reference always.
struct PortalSettings {
  bool show_members = true;      // first names of the household's members
  bool show_rent = true;         // rent and charges of the current lease
  bool show_lease_start = true;  // start date of the current lease
  bool show_agency = true;       // the agency in charge of the building
};
PortalSettings LoadPortalSettings(db::Connection& c, int64_t organisation_id);
// The actor's organisation's settings; kForbidden for anyone but its administrators.
Result<Unit> AdministratorSetsPortalSettings(db::Database& db, const auth::Actor& a, const PortalSettings& p);

// The tenant's own household, as JSON, filtered by the landlord's settings; kNotFound for any
// other actor and outside the session's organisation.
Result<nlohmann::json> TenantReadsHousehold(db::Database& db, const auth::Actor& a);

// Registers the /api/v1/tenant/... routes, the staff route of the portal settings, and the
// tenant session authenticator (added to the router's chain).
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const Settings& s);

}  // namespace relais::tenant
