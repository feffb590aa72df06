// The actor of a request: who is acting, for which organisation, with which roles.
// Resolved from the session by the identity module; every policy decides from it alone.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::auth {

// Staff roles of a landlord (ARCHITECTURE.md, UX.md "The people"). A person may hold several.
enum class Role : uint32_t {
  kAdministrator = 1u << 0,  // manages the organisation's accounts and settings
  kManager = 1u << 1,        // manager / director: everything in the organisation, read-mostly
  kCallAgent = 1u << 2,      // chargé·e de clientèle calling tenants
  kSocialSupport = 1u << 3,  // CESF: conseiller·ère en économie sociale et familiale
  kReception = 1u << 4,      // reception desk, appointments
  kAllocation = 1u << 5,     // allocation officer (attributions)
  kTechnical = 1u << 6,      // technical manager (works, contractors)
  kCaretaker = 1u << 7,      // gardien·ne
  kDataProtection = 1u << 8, // DPO: délégué·e à la protection des données (reads the audit trail)
  // Roles of the other kinds of organisation (Kind below).
  kPartnerWorker = 1u << 9,     // worker of a partner (CCAS, association): households referred to it
  kRegionalObserver = 1u << 10, // regional association of landlords: aggregated figures only
};

// The roles of a landlord's staff (every role above kPartnerWorker).
inline constexpr uint32_t kLandlordRoles = (1u << 9) - 1;

struct RoleName {
  Role role;
  std::string_view code;   // stable identifier used in the API and the CLI
  std::string_view label;  // French label
};
// Every role, in display order.
const std::vector<RoleName>& AllRoles();
// The role of a code ("call_agent"), nullopt when unknown.
std::optional<Role> RoleFromCode(std::string_view code);
// Role codes of a role mask, in display order.
std::vector<std::string> RoleCodes(uint32_t mask);

// The four kinds of account (issue 4, ADR 0011). Each kind reaches only the routes made for it:
// staff, partner and observer accounts share the signed-in staff app (their policies tell them
// apart); tenants have their own routes, and every other route is unknown to them (404).
enum class Kind {
  kStaff,     // staff of a landlord: roles per organisation and agencies
  kPartner,   // partner staff: a town social service (CCAS) or an association
  kObserver,  // the regional association of landlords: aggregated figures only, never a person
  kTenant,    // a tenant: only their own household
};

// The kind of an organisation's accounts, from organisations.kind ("landlord", "partner",
// "regional"); nullopt when unknown.
std::optional<Kind> KindOfOrganisation(std::string_view organisation_kind);
std::string_view KindCode(Kind k);  // "staff", "partner", "observer", "tenant"

struct Actor {
  Kind kind = Kind::kStaff;
  int64_t user_id = 0;  // the staff, partner or observer account; for a tenant, the tenant account
  int64_t organisation_id = 0;
  uint32_t roles = 0;
  std::vector<int64_t> agency_ids;  // empty: the whole organisation
  std::string display_name;
  std::string session_hash;  // SHA-256 of the session id
  std::string csrf_token;
  std::string remote_ip;  // the address the request came from (for the audit trail)
  int64_t household_id = 0;  // a tenant's own household (kTenant only)

  bool Has(Role r) const { return (roles & static_cast<uint32_t>(r)) != 0; }
};

}  // namespace relais::auth
