#include "platform/auth/actor.h"

namespace relais::auth {

const std::vector<RoleName>& AllRoles() {
  static const std::vector<RoleName> k = {
      {Role::kAdministrator, "administrator", "Administrateur·rice"},
      {Role::kManager, "manager", "Responsable"},
      {Role::kCallAgent, "call_agent", "Chargé·e d'appels"},
      {Role::kSocialSupport, "social_support", "Conseiller·ère social·e (CESF)"},
      {Role::kReception, "reception", "Accueil"},
      {Role::kAllocation, "allocation", "Chargé·e d'attribution"},
      {Role::kTechnical, "technical", "Responsable technique"},
      {Role::kCaretaker, "caretaker", "Gardien·ne"},
      {Role::kDataProtection, "data_protection", "Délégué·e à la protection des données"},
      {Role::kPartnerWorker, "partner_worker", "Intervenant·e partenaire"},
      {Role::kRegionalObserver, "regional_observer", "Observateur·rice régional·e"},
  };
  return k;
}

std::optional<Role> RoleFromCode(std::string_view code) {
  for (const auto& r : AllRoles()) {
    if (r.code == code) return r.role;
  }
  return std::nullopt;
}

std::vector<std::string> RoleCodes(uint32_t mask) {
  std::vector<std::string> out;
  for (const auto& r : AllRoles()) {
    if (mask & static_cast<uint32_t>(r.role)) out.emplace_back(r.code);
  }
  return out;
}

std::optional<Kind> KindOfOrganisation(std::string_view organisation_kind) {
  if (organisation_kind == "landlord") return Kind::kStaff;
  if (organisation_kind == "partner") return Kind::kPartner;
  if (organisation_kind == "regional") return Kind::kObserver;
  return std::nullopt;
}

std::string_view KindCode(Kind k) {
  switch (k) {
    case Kind::kStaff: return "staff";
    case Kind::kPartner: return "partner";
    case Kind::kObserver: return "observer";
    case Kind::kTenant: return "tenant";
  }
  return "staff";
}

}  // namespace relais::auth
