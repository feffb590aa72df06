// Referrals to the FSL (Fonds de solidarité pour le logement: the département's solidarity fund
// that helps households keep their home — rent arrears, energy, water, insurance; DOMAIN.md §3).
// Each département runs its own fund under its housing plan, with its own rules: Relais knows the
// five of Normandy (Calvados 14, Eure 27, Manche 50, Orne 61, Seine-Maritime 76) and takes what
// differs from one to the other — the fund's address, resource ceilings, the largest aid — from
// configuration (fsl.d<NN>_* keys, docs/operations.md). DOMAIN.md gives none of these numbers: they
// default to "not configured" and the file says so, rather than a made-up value. Pure functions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.h"

namespace relais::support {

// One département's fund. Amounts in cents; 0 means "not configured" (no value is assumed).
struct FslDepartement {
  std::string code;  // "14": the first two digits of the dwelling's commune INSEE code
  std::string name;  // "Calvados"
  std::string fund_address;                        // fsl.dNN_address: where the file is sent
  int64_t resource_ceiling_cents = 0;              // fsl.dNN_resource_ceiling_cents: monthly, one person
  int64_t resource_ceiling_per_person_cents = 0;   // fsl.dNN_resource_ceiling_per_person_cents: each further person
  int64_t max_grant_cents = 0;                     // fsl.dNN_max_grant_cents: largest aid to stay in the home
};

struct FslRules {
  std::vector<FslDepartement> departements;  // DefaultFslRules(): the five of Normandy, nothing configured
};
FslRules DefaultFslRules();

// The fund of the département of a commune (INSEE code, 5 characters); nullptr when the commune is
// not in one of the configured départements.
const FslDepartement* DepartementOf(const FslRules& rules, std::string_view commune_insee);

// What the file says of the household's resources against the département's ceiling.
struct ResourceCheck {
  bool configured = false;    // false: the département's ceiling is not configured
  int64_t ceiling_cents = 0;  // for this household size, when configured
  bool within = false;        // resources <= ceiling (at the ceiling is within)
};
// household_size >= 1 (a smaller value counts as 1).
ResourceCheck CheckResources(const FslDepartement& d, int household_size, int64_t monthly_resources_cents);

// What the fund may be asked for.
enum class FslAidKind { kArrears, kEnergy, kWater, kInsurance };
std::string_view CodeOf(FslAidKind k);   // "arrears", "energy", "water", "insurance"
std::string_view LabelOf(FslAidKind k);  // French: "Impayés de loyer", ...
std::optional<FslAidKind> FslAidKindOf(std::string_view code);

// The amount asked: positive; at most the département's largest aid when configured.
// kInvalid (field requested_cents) otherwise.
Result<Unit> CheckRequest(const FslDepartement& d, int64_t requested_cents);

// The fund's decision: granted (the amount it grants, positive), partial (positive, less than what
// was asked), refused (no amount). kInvalid naming decision or granted_cents.
enum class FslDecision { kGranted, kPartial, kRefused };
std::string_view CodeOf(FslDecision d);  // "granted", "partial", "refused"
std::optional<FslDecision> FslDecisionOf(std::string_view code);
Result<Unit> CheckDecision(FslDecision d, int64_t requested_cents, std::optional<int64_t> granted_cents);

}  // namespace relais::support
