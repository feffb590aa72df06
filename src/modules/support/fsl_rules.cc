#include "modules/support/fsl_rules.h"

#include <array>
#include <tuple>

namespace relais::support {

FslRules DefaultFslRules() {
  // The départements of Normandy and their codes (DOMAIN.md §3); every local rule is configuration.
  FslRules r;
  for (const auto& [code, name] : std::array<std::pair<const char*, const char*>, 5>{
           {{"14", "Calvados"}, {"27", "Eure"}, {"50", "Manche"}, {"61", "Orne"}, {"76", "Seine-Maritime"}}}) {
    FslDepartement d;
    d.code = code;
    d.name = name;
    r.departements.push_back(d);
  }
  return r;
}

const FslDepartement* DepartementOf(const FslRules& rules, std::string_view commune_insee) {
  if (commune_insee.size() < 2) return nullptr;
  for (const auto& d : rules.departements)
    if (commune_insee.substr(0, 2) == d.code) return &d;
  return nullptr;
}

ResourceCheck CheckResources(const FslDepartement& d, int household_size, int64_t monthly_resources_cents) {
  ResourceCheck out;
  if (d.resource_ceiling_cents <= 0) return out;
  out.configured = true;
  const int extra = household_size > 1 ? household_size - 1 : 0;
  out.ceiling_cents = d.resource_ceiling_cents + extra * d.resource_ceiling_per_person_cents;
  out.within = monthly_resources_cents <= out.ceiling_cents;
  return out;
}

namespace {
constexpr std::array<std::tuple<FslAidKind, std::string_view, std::string_view>, 4> kKinds{{
    {FslAidKind::kArrears, "arrears", "Impayés de loyer et de charges"},
    {FslAidKind::kEnergy, "energy", "Impayés d'énergie"},
    {FslAidKind::kWater, "water", "Impayés d'eau"},
    {FslAidKind::kInsurance, "insurance", "Assurance habitation"},
}};
constexpr std::array<std::pair<FslDecision, std::string_view>, 3> kDecisions{
    {{FslDecision::kGranted, "granted"}, {FslDecision::kPartial, "partial"}, {FslDecision::kRefused, "refused"}}};
}  // namespace

std::string_view CodeOf(FslAidKind k) {
  for (const auto& [v, code, label] : kKinds)
    if (v == k) return code;
  return "";
}
std::string_view LabelOf(FslAidKind k) {
  for (const auto& [v, code, label] : kKinds)
    if (v == k) return label;
  return "";
}
std::optional<FslAidKind> FslAidKindOf(std::string_view c) {
  for (const auto& [v, code, label] : kKinds)
    if (code == c) return v;
  return std::nullopt;
}
std::string_view CodeOf(FslDecision d) {
  for (const auto& [v, code] : kDecisions)
    if (v == d) return code;
  return "";
}
std::optional<FslDecision> FslDecisionOf(std::string_view c) {
  for (const auto& [v, code] : kDecisions)
    if (code == c) return v;
  return std::nullopt;
}

Result<Unit> CheckRequest(const FslDepartement& d, int64_t requested_cents) {
  if (requested_cents <= 0) return Invalid("requested_cents", "Indiquez le montant demandé au FSL (positif).");
  if (d.max_grant_cents > 0 && requested_cents > d.max_grant_cents)
    return Invalid("requested_cents", "Le montant demandé dépasse l'aide maximale configurée pour le FSL du département (" +
                                          d.name + ").");
  return Unit{};
}

Result<Unit> CheckDecision(FslDecision d, int64_t requested_cents, std::optional<int64_t> granted_cents) {
  switch (d) {
    case FslDecision::kRefused:
      if (granted_cents && *granted_cents != 0)
        return Invalid("granted_cents", "Un refus ne comporte pas de montant accordé.");
      return Unit{};
    case FslDecision::kGranted:
      if (!granted_cents || *granted_cents <= 0)
        return Invalid("granted_cents", "Indiquez le montant accordé par le FSL.");
      return Unit{};
    case FslDecision::kPartial:
      if (!granted_cents || *granted_cents <= 0)
        return Invalid("granted_cents", "Indiquez le montant accordé par le FSL.");
      if (*granted_cents >= requested_cents)
        return Invalid("granted_cents",
                       "Un accord partiel accorde moins que le montant demandé : sinon, enregistrez un accord.");
      return Unit{};
  }
  return Invalid("decision", "Décision inconnue.");
}

}  // namespace relais::support
