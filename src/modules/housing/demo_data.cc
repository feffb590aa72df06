// Demo-data generator (see demo_data.h). Calibration figures come from /work/shared/DOMAIN.md §9
// ("§9" below) or are marked "assumption" when §9 has no figure; both kinds are named constants.
// Probabilities are integers per mille (‰) and amounts integer cents: no floating point anywhere,
// so the output is bit-identical on every platform and compiler.
#include "modules/housing/demo_data.h"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <unordered_map>

#include "platform/core/text.h"

namespace relais::housing::demo {
namespace {

// ---- PRNG: xoshiro256** seeded by splitmix64 (Blackman & Vigna), fixed and portable ------------

uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t x = a ^ (b * 0xd1342543de82ef95ULL);
  SplitMix64(x);
  return SplitMix64(x);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = SplitMix64(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n) by Lemire's multiply-shift (bias below n / 2^64: irrelevant here).
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  bool PerMille(int p) { return Below(1000) < static_cast<uint64_t>(p); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Index drawn from integer weights.
template <size_t N>
int Pick(Rng& rng, const std::array<int, N>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (size_t i = 0; i < N; ++i) {
    if (r < weights[i]) return static_cast<int>(i);
    r -= weights[i];
  }
  return static_cast<int>(N - 1);
}

template <class T>
const T& OneOf(Rng& rng, std::span<const T> items) {
  return items[rng.Below(items.size())];
}

// ---- Calibration -----------------------------------------------------------------------------

// Where social housing is. §9 gives 310,642 social dwellings for 3.33 M inhabitants, i.e. about
// 9 per 100 inhabitants on average, but concentrated in towns. Assumption: the share of social
// dwellings among residences grows with the commune's size as below (rural ~2 %, towns of 10-50 k
// ~35 %, like Hérouville, Évreux or Louviers; big cities ~30 %). A commune's weight is its
// population times that share, i.e. superlinear in population. With 2.15 persons per residence
// this puts ~280,000 dwellings in Normandy (RPLS: 310,642), 45 % in Seine-Maritime, 21 % in
// Calvados, 15 % in Eure, 13 % in Manche and 6 % in Orne.
struct SizeClass {
  int64_t below;        // population strictly below this
  int social_permille;  // share of residences that are social dwellings
};
constexpr std::array<SizeClass, 8> kSocialShareBySize = {{
    {500, 20}, {1'000, 40}, {2'000, 80}, {5'000, 150}, {10'000, 240}, {20'000, 320}, {50'000, 360},
    {INT64_MAX, 300},
}};

// Building shapes by commune size (assumption): villages have houses and small blocks, towns
// bigger blocks, cities towers. Group 0: < 2,000 inhabitants, 1: < 5,000, 2: < 20,000, 3: larger.
int ShapeGroup(int64_t population) {
  return population < 2'000 ? 0 : population < 5'000 ? 1 : population < 20'000 ? 2 : 3;
}
// Share of dwellings that are individual houses, per shape group. §9: 24 % of the Norman stock are
// individual houses; these per-group shares (assumption) give 24 % over the region's weights.
constexpr std::array<int, 4> kHouseDwellingPermille = {760, 470, 200, 80};
// Collective buildings of 8-120 dwellings (brief); per group: [min, max] dwellings and their mean.
struct BlockSize {
  int min, max, mean;
};
constexpr std::array<BlockSize, 4> kBlockSize = {{{8, 16, 12}, {8, 30, 19}, {10, 60, 35}, {12, 120, 44}}};
// Probability (per million) that a new building is a house, so that houses make
// kHouseDwellingPermille of the dwellings: p = h·E / (h·E + 1 - h), E the mean block size.
int64_t HouseBuildingPpm(int group) {
  const int64_t h = kHouseDwellingPermille[static_cast<size_t>(group)];
  const int64_t e = kBlockSize[static_cast<size_t>(group)].mean;
  return h * e * 1'000'000 / (h * e + (1000 - h));
}
// Mean dwellings per building (per million), to turn a commune's dwelling weight into a
// building-pick weight: a city pick brings a bigger building than a village pick.
int64_t MeanDwellingsPerBuildingPpm(int group) {
  const int64_t p = HouseBuildingPpm(group);
  return p + (1'000'000 - p) * kBlockSize[static_cast<size_t>(group)].mean;
}
// In cities: 60 % small blocks (12-40), 30 % bars (41-80), 10 % towers (81-120): mean 44.
constexpr std::array<int, 3> kCityBlockMixPermille = {600, 300, 100};
// Storeys above the ground floor (assumption), [min, max]: blocks per shape group 0-2, then the
// three city block types; houses are R+1 60 % of the time, else single-storey.
constexpr std::array<std::array<int, 2>, 3> kBlockFloors = {{{1, 3}, {2, 4}, {2, 7}}};
constexpr std::array<BlockSize, 3> kCityBlocks = {{{12, 40, 0}, {41, 80, 0}, {81, 120, 0}}};
constexpr std::array<std::array<int, 2>, 3> kCityBlockFloors = {{{3, 5}, {4, 10}, {8, 15}}};
constexpr int kHouseTwoStoreyPermille = 600;

// Priority neighbourhoods (QPV) exist only in urban units of 10,000+ inhabitants (loi Lamy 2014).
// Assumption: there, 55 % of large blocks (40+ dwellings) and 25 % of the others are in a QPV.
constexpr int64_t kQpvMinPopulation = 10'000;
constexpr int kQpvLargeBlockPermille = 550;
constexpr int kQpvSmallBlockPermille = 250;

// Lifts in buildings of 5+ levels (brief), i.e. `floors` (storeys above the ground floor) >= 4;
// assumption: 15 % of R+3 blocks have one (recent builds and retrofits).
constexpr int kLiftMinFloors = 4;
constexpr int kLiftR3Permille = 150;
// Assumption: a quarter of dwellings on the ground floor or served by a lift are adapted to
// persons with reduced mobility (15 % of houses).
constexpr int kPrmBlockPermille = 250;
constexpr int kPrmHousePermille = 150;
// Assumption: 70 % of collective buildings carry a residence name.
constexpr int kNamedBlockPermille = 700;

// Vacant dwellings. Assumption (not in §9): about 3 % of the social stock is vacant (RPLS order of
// magnitude); vacant dwellings are in the stock but have no household.
constexpr int kVacantPermille = 30;

// Typology. §9 Normandy: 1-2 rooms 22 %, 5+ rooms 8 %; France T1 7.4, T2 20.2, T3 37, T4 27.8,
// T5+ 7.5 %. Target for Normandy: the French shape rescaled to the Norman 1-2 and 5+ totals:
// T1 5.9, T2 16.1, T3 40.0, T4 30.0, T5 6.5, T6+ 1.5 (T5/T6 split: assumption).
constexpr std::array<int, 6> kRoomsPermille = {59, 161, 400, 300, 65, 15};
// Occupied dwellings draw their size from the household's size (a family is not in a T1), with
// these rows (assumption, tuned so that the overall mix lands on kRoomsPermille; under-occupation
// by elderly people living alone is real and kept). Row = persons 1..6+, column = T1..T6.
constexpr std::array<std::array<int, 6>, 6> kRoomsByPersonsPermille = {{
    {190, 380, 320, 105, 5, 0},
    {30, 230, 480, 235, 25, 0},
    {0, 30, 440, 470, 55, 5},
    {0, 0, 220, 620, 140, 20},
    {0, 0, 50, 500, 380, 70},
    {0, 0, 0, 250, 470, 280},
}};
// Houses have at least this many rooms (assumption: individual social houses are T3+).
constexpr int kHouseMinRooms = 3;
// Surfaces in m² per typology, [min, max] (assumption: usual social-housing surfaces; the mean
// over the mix is ~68 m², the national average of the social stock). Houses get kHouseExtraM2 more.
constexpr std::array<std::array<int, 2>, 6> kSurfaceM2 = {{{24, 36}, {40, 54}, {57, 73}, {70, 88}, {82, 102}, {95, 120}}};
constexpr int kHouseExtraM2 = 8;

// Financing mix of buildings (assumption: §9 gives no mix; PLUS and older equivalent stock is the
// bulk, PLAI and PLS the recent minority). 15 % of PLUS/PLAI buildings mix both per dwelling.
constexpr std::array<int, 4> kFinancingPermille = {90, 840, 50, 20};  // PLAI, PLUS, PLS, other
constexpr int kMixedProgrammePermille = 150;
constexpr int kMixedPlaiPermille = 300;

// Rent per m² and per month. §9: Manche 5.1, Orne 5.3, Seine-Maritime 5.9, Eure 6.0, Calvados 6.2,
// Normandy 5.8 EUR/m²; PLAI 5.8 and PLS 7.8 EUR/m² region-wide. Financing multipliers relative to
// the average (‰): PLAI 5.8/5.8, PLS 7.8/5.8, PLUS solved so that the mix above averages 1000.
struct DepartementRent {
  std::string_view code;
  int cents_per_m2;
};
constexpr std::array<DepartementRent, 5> kRentPerM2 = {{{"14", 620}, {"27", 600}, {"50", 510}, {"61", 530}, {"76", 590}}};
constexpr int kRegionRentPerM2 = 580;
constexpr std::array<int, 4> kFinancingRentPermille = {1000, 979, 1345, 1000};  // PLAI, PLUS, PLS, other
// Spread of rents (assumption): ±12 % between buildings, ±3 % between dwellings of one building.
constexpr int kBuildingRentSpreadPermille = 120;
constexpr int kDwellingRentSpreadPermille = 30;
// Monthly service charges per m² (assumption): blocks 0.80-2.00 EUR (common areas, heating often
// collective), houses 0.20-0.60 EUR.
constexpr std::array<int, 2> kBlockChargesCentsPerM2 = {80, 200};
constexpr std::array<int, 2> kHouseChargesCentsPerM2 = {20, 60};

// Household reference person's age. §9: tenants are 30 % over 60 and 11 % over 75, and half of
// household heads are over 53. Bands (‰) sum to 1000: 60+ = 300, 75+ = 110, over 53 = 500.
struct AgeBand {
  int from, to, permille;
};
constexpr std::array<AgeBand, 13> kHolderAge = {{
    {18, 24, 25}, {25, 29, 40}, {30, 39, 135}, {40, 49, 170}, {50, 53, 130}, {54, 59, 200}, {60, 64, 70},
    {65, 69, 65}, {70, 74, 55}, {75, 79, 45}, {80, 84, 35}, {85, 89, 20}, {90, 99, 10},
}};

// Household types.
enum class Kind { kAlone, kSingleParent, kCoupleWithChildren, kCoupleNoChildren, kOther };
// Type by the holder's age (‰: alone, single parent, couple + children, couple, other). Calibrated
// on §9: about 40 % single-person households and 21 % single-parent families nationally
// (Haute-Normandie: 38 % single, 19 % single parents, 23 % couples with children, 17 % couples
// without); 6 in 10 retired tenants live alone. Retired = holder aged kRetiredFromAge+.
// Assumption: 68 % of over-75s live alone (widowhood); the 62-74 row then follows from §9's 60 %:
// (600 x 272 - 680 x 110) / 162 ≈ 550 (272‰ of holders are 62+, 110‰ are 75+).
constexpr int kRetiredFromAge = 62;
constexpr int kOver75AlonePermille = 680;
constexpr int kRetiredAlonePermille = 600;
constexpr std::array<std::array<int, 5>, 5> kKindByAge = {{
    {500, 180, 140, 150, 30},                  // under 30
    {180, 360, 390, 40, 30},                   // 30-49
    {380, 240, 200, 150, 30},                  // 50-61
    {550, 20, 0, 400, 30},                     // 62-74
    {kOver75AlonePermille, 20, 0, 270, 30},    // 75+
}};
constexpr std::array<int, kHolderAge.size()> kHolderAgeWeights = [] {
  std::array<int, kHolderAge.size()> w{};
  for (size_t i = 0; i < w.size(); ++i) w[i] = kHolderAge[i].permille;
  return w;
}();
int AgeClass(int age) { return age < 30 ? 0 : age < 50 ? 1 : age < kRetiredFromAge ? 2 : age < 75 ? 3 : 4; }
// Children per family (assumption; with the rest gives ~2.3 persons per household as §9).
constexpr std::array<int, 5> kChildrenSingleParentPermille = {400, 340, 170, 60, 30};  // 1..5 children
constexpr std::array<int, 5> kChildrenCoupleWithPermille = {300, 380, 200, 85, 35};
// Parents' age at their eldest child's birth, and at most this age for a child still at home
// (assumption). Adult children of retired single parents are 20+ years younger.
constexpr int kMinParentAgeAtBirth = 18;
constexpr int kMaxParentAgeAtBirth = 42;
constexpr int kMaxChildAtHome = 26;
constexpr int kMinBirthSpacingDays = 335;
constexpr int kMaxBirthSpacingDays = 1461;

// Sex of the holder (assumption): women are most single parents and most elderly people alone.
constexpr int kFemaleSingleParentPermille = 850;
constexpr std::array<int, 5> kFemaleAlonePermilleByAge = {500, 480, 520, 600, 750};
constexpr int kFemaleCoupleHolderPermille = 400;
// Couples (assumption): married or PACS partners are legally co-holders of the lease; 35 % are
// recorded as a spouse only. 60 % share the holder's last name (usage name).
constexpr int kPartnerCoHolderPermille = 650;
constexpr int kPartnerSameNamePermille = 600;
constexpr int kChildMotherNamePermille = 450;  // a single mother's children carry her name
// Partner's age: the man is on average 2-3 years older (assumption): gap drawn in [-3, +7] years.
constexpr std::array<int, 2> kPartnerAgeGapYears = {-3, 7};
// INSEE: about 105 boys are born for 100 girls.
constexpr int kGirlsAtBirthPermille = 488;
// "Other" households (assumption): 60 % two adults sharing the lease (siblings or friends, same
// last name half the time, ages within 8 years); otherwise a parent living with their adult child
// (holders up to 55) or a grown-up grandchild or nephew with an older holder.
constexpr int kOtherCoHolderPermille = 600;
constexpr int kOtherSameNamePermille = 500;
constexpr int kOtherCoHolderAgeGap = 8;
constexpr int kOtherWithParentMaxAge = 55;

// Housing benefit (APL/AL). §9: about half of households receive housing benefit. By type
// (assumption, weighted ≈ 50 %): alone under 30, alone 30-61, alone retired, single parent,
// couple + children, couple, other.
constexpr std::array<int, 7> kBenefitPermille = {600, 500, 450, 750, 450, 250, 350};
// Paid to the landlord (tiers payant) for most (brief; APL in conventioned social housing is paid
// to the landlord as a rule). Assumption: 95 %.
constexpr int kBenefitToLandlordPermille = 950;
// Amount (assumption): 30-90 % of the rent plus 20-40 EUR per extra person, at most 550 EUR and
// below rent + charges - 5 EUR; under 10 EUR an APL is not paid (seuil de non-versement).
constexpr std::array<int, 2> kBenefitRentSharePermille = {300, 900};
constexpr std::array<int, 2> kBenefitPerExtraPersonCents = {2'000, 4'000};
constexpr int64_t kBenefitMaxCents = 55'000;
constexpr int64_t kBenefitMinCents = 1'000;

// Tenure. Assumption: about 9 % of tenants move out each year (social-housing mobility rate), so
// the years in the dwelling are geometric, capped by adulthood and kMaxTenureYears.
constexpr int kStayPerYearPermille = 910;
constexpr int kMaxTenureYears = 60;

// The tables above keep the §9 figures; these checks fail the build if an edit breaks one.
template <size_t N>
constexpr int Sum(const std::array<int, N>& a) {
  int s = 0;
  for (int x : a) s += x;
  return s;
}
constexpr int Abs(int x) { return x < 0 ? -x : x; }
// ‰ of holders aged from..to (bands counted pro rata of their years).
constexpr int HolderPermille(int from, int to) {
  int s = 0;
  for (const auto& b : kHolderAge) {
    const int lo = std::max(from, b.from), hi = std::min(to, b.to);
    if (lo <= hi) s += b.permille * (hi - lo + 1) / (b.to - b.from + 1);
  }
  return s;
}
static_assert(HolderPermille(18, 99) == 1000);
static_assert(HolderPermille(60, 99) == 300);  // §9: 30 % over 60
static_assert(HolderPermille(75, 99) == 110);  // §9: 11 % over 75
static_assert(HolderPermille(54, 99) == 500);  // §9: half of household heads over 53
static_assert(Sum(kKindByAge[0]) == 1000 && Sum(kKindByAge[1]) == 1000 && Sum(kKindByAge[2]) == 1000 &&
              Sum(kKindByAge[3]) == 1000 && Sum(kKindByAge[4]) == 1000);
// §9: 6 in 10 retired tenants live alone (±1 point).
static_assert(Abs((kKindByAge[3][0] * HolderPermille(kRetiredFromAge, 74) + kKindByAge[4][0] * HolderPermille(75, 99)) /
                           HolderPermille(kRetiredFromAge, 99) -
                       kRetiredAlonePermille) <= 10);
static_assert(Sum(kRoomsPermille) == 1000);
static_assert(kRoomsPermille[0] + kRoomsPermille[1] == 220);  // §9: 1-2 rooms 22 % in Normandy
static_assert(kRoomsPermille[4] + kRoomsPermille[5] == 80);   // §9: 5+ rooms 8 %
static_assert(Sum(kFinancingPermille) == 1000);
// The financing multipliers average 1000 ‰ over the mix, so départements keep their §9 rent.
static_assert(Abs((kFinancingPermille[0] * kFinancingRentPermille[0] + kFinancingPermille[1] * kFinancingRentPermille[1] +
                        kFinancingPermille[2] * kFinancingRentPermille[2] + kFinancingPermille[3] * kFinancingRentPermille[3]) /
                           1000 -
                       1000) <= 2);
static_assert(Sum(kChildrenSingleParentPermille) == 1000 && Sum(kChildrenCoupleWithPermille) == 1000);
// The mean city block size behind the 24 % of houses matches the city block mix.
static_assert(Abs((kCityBlockMixPermille[0] * (kCityBlocks[0].min + kCityBlocks[0].max) +
                   kCityBlockMixPermille[1] * (kCityBlocks[1].min + kCityBlocks[1].max) +
                   kCityBlockMixPermille[2] * (kCityBlocks[2].min + kCityBlocks[2].max)) / 2000 -
                  kBlockSize[3].mean) <= 1);

// Phones and e-mail by the holder's age (<40, 40-59, 60-74, 75+; assumption). The elderly keep
// landlines; some households have no phone at all.
constexpr std::array<int, 4> kMobilePermille = {970, 950, 880, 650};
constexpr std::array<int, 4> kLandlinePermille = {80, 200, 450, 700};
constexpr std::array<int, 4> kEmailPermille = {600, 500, 250, 80};
constexpr int kPartnerMobilePermille = 600;
constexpr int kEmailNumberSuffixPermille = 500;  // "marie.lefevre57@…" rather than "marie.lefevre@…"
int ContactClass(int age) { return age < 40 ? 0 : age < 60 ? 1 : age < 75 ? 2 : 3; }
// ARCEP fiction ranges (brief): mobile 06 39 98 00 00 - 06 39 98 99 99, fixed 01 99 00 00 00 -
// 01 99 00 99 99. Only 10,000 numbers each: numbers are unique within a landlord up to 10,000
// phones of a kind, then repeat (a region of 330,000 households necessarily reuses them).
constexpr std::string_view kMobilePrefix = "063998";
constexpr std::string_view kLandlinePrefix = "019900";
constexpr uint64_t kPhoneStride = 7919;  // prime, coprime with 10,000: a permutation of 0..9999
// RFC 2606 reserved domains only.
constexpr std::array<std::string_view, 3> kEmailDomains = {"example.org", "example.com", "example.net"};

// ---- Names -----------------------------------------------------------------------------------

// Origins of names (assumption: social housing houses many French people of immigrant origin;
// shares are rough, for plausible demos, not statistics). Each has name pools and the share of
// households preferring another language than French (ISO 639-1).
enum Origin { kFrench, kMaghreb, kSubSaharan, kPortuguese, kTurkish, kRomanian, kBritish, kLevant, kAfghan };
constexpr std::array<int, 9> kOriginPermille = {840, 80, 30, 15, 10, 10, 5, 6, 4};
constexpr int kBritishMinAge = 50;  // British people in Normandy are mostly retirees
struct Language {
  std::string_view code;
  int permille;
};
constexpr std::array<std::array<Language, 2>, 9> kOtherLanguage = {{
    {{{"fr", 0}, {"fr", 0}}},
    {{{"ar", 200}, {"fr", 0}}},
    {{{"fr", 0}, {"fr", 0}}},
    {{{"pt", 250}, {"fr", 0}}},
    {{{"tr", 350}, {"fr", 0}}},
    {{{"ro", 400}, {"fr", 0}}},
    {{{"en", 700}, {"fr", 0}}},
    {{{"ar", 600}, {"fr", 0}}},
    {{{"fa", 400}, {"ps", 200}}},
}};
constexpr int kPartnerSameOriginPermille = 800;
constexpr int kChildOriginNamePermille = 500;  // children of non-French-origin parents

using Names = std::span<const std::string_view>;

// French first names by birth decade, 1920s..2020s (most given names of each decade, INSEE
// fichier des prénoms; common knowledge, not exact ranks).
constexpr std::string_view kF1920[] = {"Marie", "Jeanne", "Marguerite", "Germaine", "Louise", "Yvonne", "Madeleine",
                                       "Suzanne", "Marcelle", "Denise", "Simone", "Paulette", "Lucienne", "Odette"};
constexpr std::string_view kM1920[] = {"Jean", "André", "Pierre", "René", "Marcel", "Roger", "Louis",
                                       "Georges", "Robert", "Henri", "Maurice", "Raymond", "Lucien", "Fernand"};
constexpr std::string_view kF1930[] = {"Jacqueline", "Monique", "Simone", "Denise", "Colette", "Ginette", "Jeannine",
                                       "Paulette", "Yvette", "Odette", "Micheline", "Renée", "Lucienne", "Huguette"};
constexpr std::string_view kM1930[] = {"Jean", "Pierre", "Michel", "André", "Jacques", "Roger", "Claude",
                                       "René", "Marcel", "Robert", "Bernard", "Raymond", "Georges", "Gérard"};
constexpr std::string_view kF1940[] = {"Monique", "Jacqueline", "Nicole", "Françoise", "Danielle", "Michèle", "Annie",
                                       "Christiane", "Josiane", "Jeanne", "Colette", "Janine", "Chantal", "Marie-Thérèse"};
constexpr std::string_view kM1940[] = {"Jean", "Michel", "Alain", "Bernard", "Jacques", "Gérard", "Daniel",
                                       "Claude", "Pierre", "Marcel", "Christian", "Jean-Claude", "Roger", "Guy"};
constexpr std::string_view kF1950[] = {"Martine", "Françoise", "Catherine", "Christine", "Sylvie", "Nicole", "Brigitte",
                                       "Chantal", "Dominique", "Danièle", "Évelyne", "Annick", "Marie-Claude", "Patricia"};
constexpr std::string_view kM1950[] = {"Jean-Pierre", "Alain", "Philippe", "Patrick", "Michel", "Gérard", "Daniel",
                                       "Bernard", "Jean-Claude", "Christian", "Serge", "Didier", "Jacques", "Joël"};
constexpr std::string_view kF1960[] = {"Sylvie", "Nathalie", "Isabelle", "Catherine", "Christine", "Véronique", "Valérie",
                                       "Patricia", "Corinne", "Brigitte", "Martine", "Pascale", "Laurence", "Hélène"};
constexpr std::string_view kM1960[] = {"Philippe", "Patrick", "Pascal", "Thierry", "Éric", "Christophe", "Didier",
                                       "Frédéric", "Laurent", "Bruno", "Olivier", "Dominique", "Jean-Luc", "Hervé"};
constexpr std::string_view kF1970[] = {"Nathalie", "Sandrine", "Stéphanie", "Valérie", "Isabelle", "Céline", "Karine",
                                       "Virginie", "Sophie", "Christelle", "Séverine", "Delphine", "Émilie", "Aurélie"};
constexpr std::string_view kM1970[] = {"Christophe", "Stéphane", "Sébastien", "Frédéric", "David", "Nicolas", "Laurent",
                                       "Olivier", "Cédric", "Jérôme", "Franck", "Fabrice", "Arnaud", "Guillaume"};
constexpr std::string_view kF1980[] = {"Aurélie", "Julie", "Émilie", "Céline", "Élodie", "Audrey", "Stéphanie",
                                       "Mélanie", "Laetitia", "Sandra", "Jennifer", "Amandine", "Caroline", "Marion"};
constexpr std::string_view kM1980[] = {"Nicolas", "Julien", "Sébastien", "Mickaël", "Jérémy", "Anthony", "Kévin",
                                       "Romain", "Guillaume", "Maxime", "Mathieu", "Cédric", "Jonathan", "Thomas"};
constexpr std::string_view kF1990[] = {"Laura", "Marine", "Camille", "Manon", "Pauline", "Sarah", "Marie",
                                       "Justine", "Océane", "Anaïs", "Morgane", "Émilie", "Mélissa", "Chloé"};
constexpr std::string_view kM1990[] = {"Kévin", "Thomas", "Nicolas", "Alexandre", "Maxime", "Quentin", "Anthony",
                                       "Dylan", "Florian", "Jordan", "Valentin", "Romain", "Alexis", "Clément"};
constexpr std::string_view kF2000[] = {"Léa", "Manon", "Chloé", "Camille", "Emma", "Océane", "Clara",
                                       "Inès", "Sarah", "Lucie", "Marie", "Lola", "Maëlys", "Jade"};
constexpr std::string_view kM2000[] = {"Lucas", "Thomas", "Hugo", "Théo", "Enzo", "Nathan", "Mathis",
                                       "Louis", "Quentin", "Maxime", "Tom", "Clément", "Alexandre", "Antoine"};
constexpr std::string_view kF2010[] = {"Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Léa",
                                       "Rose", "Anna", "Mila", "Inès", "Ambre", "Julia", "Manon"};
constexpr std::string_view kM2010[] = {"Gabriel", "Raphaël", "Léo", "Louis", "Lucas", "Adam", "Arthur",
                                       "Hugo", "Jules", "Nathan", "Ethan", "Paul", "Sacha", "Noah"};
constexpr std::string_view kF2020[] = {"Jade", "Louise", "Ambre", "Alba", "Emma", "Rose", "Alma",
                                       "Lina", "Alice", "Romy", "Anna", "Mia", "Léna", "Iris"};
constexpr std::string_view kM2020[] = {"Gabriel", "Léo", "Raphaël", "Maël", "Louis", "Noah", "Jules",
                                       "Arthur", "Adam", "Lucas", "Isaac", "Sacha", "Gabin", "Aaron"};
constexpr std::array<Names, 11> kFrenchFemale = {kF1920, kF1930, kF1940, kF1950, kF1960, kF1970,
                                                 kF1980, kF1990, kF2000, kF2010, kF2020};
constexpr std::array<Names, 11> kFrenchMale = {kM1920, kM1930, kM1940, kM1950, kM1960, kM1970,
                                               kM1980, kM1990, kM2000, kM2010, kM2020};

// Other origins: born before 1985 / from 1985 where the fashion changed a lot; one list otherwise.
constexpr std::string_view kMaghrebFOld[] = {"Fatima", "Khadija", "Malika", "Aïcha", "Zohra", "Fatiha",
                                             "Nadia", "Samira", "Rachida", "Naïma", "Karima", "Leïla"};
constexpr std::string_view kMaghrebMOld[] = {"Mohamed", "Ahmed", "Ali", "Abdelkader", "Rachid", "Mustapha",
                                             "Saïd", "Karim", "Brahim", "Farid", "Hamid", "Djamel"};
constexpr std::string_view kMaghrebFNew[] = {"Yasmine", "Sarah", "Inès", "Myriam", "Nour", "Sofia",
                                             "Lina", "Amina", "Salma", "Imane", "Assia", "Sabrina"};
constexpr std::string_view kMaghrebMNew[] = {"Mehdi", "Yanis", "Rayan", "Adam", "Ilyes", "Bilal",
                                             "Nassim", "Sofiane", "Amine", "Walid", "Ismaël", "Younes"};
constexpr std::string_view kAfricaF[] = {"Aminata", "Fatoumata", "Mariam", "Awa", "Kadiatou", "Aïssatou",
                                         "Binta", "Hawa", "Djénéba", "Grâce", "Esther", "Ruth"};
constexpr std::string_view kAfricaM[] = {"Mamadou", "Moussa", "Ibrahima", "Abdoulaye", "Oumar", "Boubacar",
                                         "Seydou", "Souleymane", "Issa", "Cheikh", "Jean-Baptiste", "Emmanuel"};
constexpr std::string_view kPortugalF[] = {"Maria", "Ana", "Rosa", "Fernanda", "Isabel", "Paula", "Sónia", "Cristina"};
constexpr std::string_view kPortugalM[] = {"José", "Manuel", "António", "Joaquim", "Carlos", "Paulo", "João", "Fernando"};
constexpr std::string_view kTurkeyF[] = {"Ayşe", "Fatma", "Emine", "Zeynep", "Elif", "Hatice", "Meryem", "Esra"};
constexpr std::string_view kTurkeyM[] = {"Mehmet", "Mustafa", "Ahmet", "Hüseyin", "Hasan", "Murat", "Emre", "Yusuf"};
constexpr std::string_view kRomaniaF[] = {"Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Gabriela", "Ana", "Cristina"};
constexpr std::string_view kRomaniaM[] = {"Ion", "Gheorghe", "Vasile", "Constantin", "Andrei", "Mihai", "Alexandru", "Florin"};
constexpr std::string_view kBritainF[] = {"Margaret", "Susan", "Patricia", "Linda", "Elizabeth", "Janet", "Carol", "Sarah"};
constexpr std::string_view kBritainM[] = {"John", "David", "Peter", "Michael", "Robert", "Paul", "Richard", "Stephen"};
constexpr std::string_view kLevantF[] = {"Rania", "Hiba", "Nour", "Farah", "Zeinab", "Maryam", "Lama", "Rim"};
constexpr std::string_view kLevantM[] = {"Ahmad", "Omar", "Khaled", "Mahmoud", "Hussein", "Bassel", "Mohammad", "Samer"};
constexpr std::string_view kAfghanF[] = {"Parwana", "Fatemeh", "Zahra", "Mariam", "Shabnam", "Nargis", "Fariba", "Laila"};
constexpr std::string_view kAfghanM[] = {"Ahmad", "Mohammad", "Rahim", "Farid", "Jawad", "Hamid", "Nasir", "Sayed"};

// Last names. French: the most frequent in France plus Norman ones (Le-, -ard, Anquetil...),
// with their accents; the first entries weigh most (Zipf-like, see LastNamePicker).
constexpr std::string_view kFrenchLast[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Lefebvre", "Faure", "André", "Mercier",
    "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin", "Robin",
    "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud",
    "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Gérard", "Roche", "Renard",
    "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Aubert", "Lemoine", "Renaud",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Leclerc", "Rolland", "Leclercq", "Guillaume",
    "Lecomte", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Dupuis", "Moulin", "Louis",
    "Deschamps", "Huet", "Vasseur", "Boucher", "Fleury", "Royer", "Jacquet", "Adam", "Poirier", "Aubry",
    "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly",
    "Hervé", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Cousin",
    "Germain", "Breton", "Langlois", "Rémy", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Gillet", "Étienne", "Poulain",
    "Tessier", "Collin", "Chauvin", "Bouchet", "Lemaître", "Bénard", "Maréchal", "Humbert", "Antoine", "Cordier",
    "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Laporte", "Hébert", "Lecoq", "Lemonnier",
    "Lebas", "Leprince", "Lecanu", "Jouenne", "Lemarchand", "Lelièvre", "Lesueur", "Legros", "Leconte", "Levasseur",
    "Quesnel", "Toutain", "Osmont", "Anquetil", "Duhamel", "Letellier", "Lefrançois", "Lepetit", "Vautier", "Lecacheux",
    "Le Goff", "Le Roux", "Hue", "Leterrier", "Lenormand", "Marguerite", "Lebourgeois", "Auvray", "Delamare", "Thiboult",
};
constexpr std::string_view kMaghrebLast[] = {"Benali", "Haddad", "Belkacem", "Bouzid", "Mansouri", "Cherif", "Saïdi",
                                             "Hamidi", "Amrani", "El Idrissi", "Benyahia", "Brahimi", "Khelifi",
                                             "Meziane", "Aït Ali", "Lahlou", "Bensaïd", "Chaouch", "Zeroual", "Taleb"};
constexpr std::string_view kAfricaLast[] = {"Diallo", "Traoré", "Koné", "Camara", "Diop", "Sow", "Ndiaye", "Keïta",
                                            "Cissé", "Touré", "Sylla", "Kouyaté", "Mukendi", "Ilunga", "Kalonji", "Makiese"};
constexpr std::string_view kPortugalLast[] = {"Da Silva", "Ferreira", "Pereira", "Dos Santos", "Rodrigues",
                                              "Gonçalves", "Oliveira", "Fernandes", "Lopes", "Teixeira"};
constexpr std::string_view kTurkeyLast[] = {"Yilmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydin", "Öztürk", "Arslan"};
constexpr std::string_view kRomaniaLast[] = {"Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Stoica", "Munteanu", "Lazăr"};
constexpr std::string_view kBritainLast[] = {"Smith", "Taylor", "Brown", "Wilson", "Evans", "Roberts", "Walker", "Wright"};
constexpr std::string_view kLevantLast[] = {"Al Hassan", "Khalil", "Hamdan", "Al Ahmad", "Darwish", "Nasser", "Saleh", "Haddad"};
constexpr std::string_view kAfghanLast[] = {"Ahmadi", "Rahimi", "Hosseini", "Karimi", "Sultani", "Noori", "Hakimi", "Azizi"};

struct OriginNames {
  Names female_old, male_old, female_new, male_new, last;
};
const OriginNames& NamesOf(Origin o) {
  static const std::array<OriginNames, 9> kAll = {{
      {{}, {}, {}, {}, kFrenchLast},
      {kMaghrebFOld, kMaghrebMOld, kMaghrebFNew, kMaghrebMNew, kMaghrebLast},
      {kAfricaF, kAfricaM, kAfricaF, kAfricaM, kAfricaLast},
      {kPortugalF, kPortugalM, kPortugalF, kPortugalM, kPortugalLast},
      {kTurkeyF, kTurkeyM, kTurkeyF, kTurkeyM, kTurkeyLast},
      {kRomaniaF, kRomaniaM, kRomaniaF, kRomaniaM, kRomaniaLast},
      {kBritainF, kBritainM, kBritainF, kBritainM, kBritainLast},
      {kLevantF, kLevantM, kLevantF, kLevantM, kLevantLast},
      {kAfghanF, kAfghanM, kAfghanF, kAfghanM, kAfghanLast},
  }};
  return kAll[o];
}
constexpr int kNewFashionYear = 1985;

// ---- Places ----------------------------------------------------------------------------------

constexpr std::string_view kStreets[] = {
    "rue Victor Hugo", "rue Jean Jaurès", "avenue de la Libération", "rue Pasteur", "rue du Général de Gaulle",
    "rue de la République", "rue de l'Église", "rue des Écoles", "rue du Moulin", "rue des Lilas",
    "allée des Tilleuls", "rue Jules Ferry", "rue Émile Zola", "boulevard Gambetta", "rue Jean Moulin",
    "rue du 8 Mai 1945", "rue du 11 Novembre", "rue Anatole France", "avenue Aristide Briand", "rue Georges Clemenceau",
    "rue Paul Doumer", "rue Gustave Flaubert", "rue Guy de Maupassant", "rue Pierre Corneille", "rue Guillaume le Conquérant",
    "rue Jeanne d'Arc", "chemin des Prés", "impasse des Pommiers", "rue de la Gare", "rue de la Mare",
    "rue du Stade", "rue des Jardins", "rue du Château", "rue de la Fontaine", "rue du Calvaire",
    "rue Saint-Martin", "rue de la Paix", "rue des Rosiers", "rue Albert Camus", "rue Jacques Prévert",
    "rue Antoine de Saint-Exupéry", "rue Pablo Picasso", "rue Marcel Pagnol", "rue Pierre Mendès France", "rue Salvador Allende",
    "rue Pablo Neruda", "rue Lucie Aubrac", "rue Simone Veil", "rue Marie Curie", "allée des Peupliers",
    "rue des Hortensias", "rue du Val", "rue des Sapins", "rue du Bocage", "chemin du Moulin",
    "rue des Mésanges", "rue des Coquelicots", "avenue du Maréchal Leclerc", "rue du Maréchal Foch", "rue du Docteur Schweitzer",
    "rue Louis Aragon", "rue Paul Éluard", "rue Maurice Ravel", "rue Claude Debussy", "rue Hector Berlioz",
    "rue Alfred de Musset", "rue George Sand", "rue Colette", "rue Jean de La Fontaine", "rue Molière",
    "rue Racine", "rue Voltaire", "rue Jean-Jacques Rousseau", "rue Denis Diderot", "rue Condorcet",
    "rue Louise Michel", "rue Olympe de Gouges", "rue Rosa Parks", "rue Nelson Mandela", "rue Martin Luther King",
    "avenue des Canadiens", "rue du Débarquement", "rue de la Résistance", "rue des Déportés", "rue du Président Coty",
    "rue Jacques Anquetil", "rue Eugène Boudin", "rue Claude Monet", "rue Jean-François Millet", "rue Erik Satie",
    "rue des Fusillés", "rue de Verdun", "rue de Normandie", "rue de Bretagne", "quai de la Seine",
    "rue des Charmilles", "rue des Acacias", "rue des Érables", "rue des Marronniers", "rue des Cerisiers",
};
constexpr std::string_view kResidences[] = {
    "Les Tilleuls", "Les Peupliers", "Le Clos Fleuri", "Les Marronniers", "Les Glycines", "Les Hortensias",
    "Le Parc", "Les Érables", "Les Acacias", "La Roseraie", "Les Charmilles", "Les Bruyères",
    "Le Bocage", "Les Pommiers", "Les Mouettes", "Les Coquelicots", "Le Val Fleuri", "Les Cèdres",
    "Les Lilas", "Les Sorbiers", "Les Myosotis", "Les Capucines", "Les Jonquilles", "Les Primevères",
    "Les Ormes", "Les Saules", "Les Bleuets", "La Pommeraie", "Les Falaises", "Le Belvédère",
    "Les Terrasses", "Le Hameau", "Les Vergers", "La Prairie", "Les Hêtres", "Le Clos Normand",
    "Les Mimosas", "Les Camélias", "Le Colombier", "Les Genêts",
};

// Made-up landlords of a made-up Norman region (none is a real company); the first is the one
// landlord of the default demo. Each works in one département; `share` splits a département's
// weight between its landlords (‰).
struct LandlordProfile {
  std::string_view name;
  std::string_view departement;
  int share_permille;
};
constexpr std::array<LandlordProfile, 12> kLandlords = {{
    {"Toits de la Plaine de Caen", "14", 600},
    {"Logis de la Côte d'Albâtre", "76", 300},
    {"Résidences de l'Estuaire", "76", 300},
    {"Habitat des Boucles de Seine", "76", 250},
    {"Foyers du Pays de Caux", "76", 150},
    {"Logis du Pays d'Auge", "14", 400},
    {"Habitat du Val d'Iton", "27", 600},
    {"Maisons du Vexin normand", "27", 400},
    {"Toits du Cotentin", "50", 550},
    {"Habitat de la Baie et du Bocage", "50", 450},
    {"Logis du Perche et d'Andaine", "61", 550},
    {"Habitat des Collines du Houlme", "61", 450},
}};
// About one agency per 3,000 households (assumption), 1 to 10.
constexpr int64_t kHouseholdsPerAgency = 3'000;
constexpr int kMaxAgencies = 10;

// SIRENs: no block is reserved for fiction; we use 000xxxxxx, which INSEE does not seem to
// attribute (SIRENs are sequential from 1xx-9xx; public bodies start with 1 or 2) — to confirm.
std::string MakeSiren(int index) {
  int body = 10'000 + static_cast<int>((static_cast<uint64_t>(index) * 7919 + 2027) % 90'000);
  std::string s = "000" + std::to_string(body);  // 8 digits
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    int d = s[i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  // The 9th digit (index 8) is not doubled: choose it so the total is a multiple of 10.
  s.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return s;
}

// "Agence de Caen", "Agence du Havre", "Agence d'Évreux", "Agence des Andelys".
std::string AgencyName(std::string_view town) {
  if (town.starts_with("Le ")) return "Agence du " + std::string(town.substr(3));
  if (town.starts_with("Les ")) return "Agence des " + std::string(town.substr(4));
  static constexpr std::string_view kVowelStarts[] = {"A", "E", "I", "O", "U", "Y", "H", "É", "È", "Ê", "Î", "Ô"};
  for (auto v : kVowelStarts) {
    if (town.starts_with(v)) return "Agence d'" + std::string(town);
  }
  return "Agence de " + std::string(town);
}

int SocialSharePermille(int64_t population) {
  for (const auto& c : kSocialShareBySize) {
    if (population < c.below) return c.social_permille;
  }
  return kSocialShareBySize.back().social_permille;
}

// Not the real postal code (the CSV has none): the département and three digits derived from
// the INSEE code, ending in 0 like most French codes. Stable for a commune.
std::string DerivedPostalCode(const Commune& c) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a of the INSEE code
  for (char ch : c.insee) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
  std::string dep = c.departement.size() == 2 ? c.departement : c.insee.substr(0, 2);
  int mid = 1 + static_cast<int>(h % 99);  // 01..99
  std::string s = dep;
  s.push_back(static_cast<char>('0' + mid / 10));
  s.push_back(static_cast<char>('0' + mid % 10));
  s.push_back('0');
  return s;
}

int RentPerM2(std::string_view departement) {
  for (const auto& r : kRentPerM2) {
    if (r.code == departement) return r.cents_per_m2;
  }
  return kRegionRentPerM2;
}

std::string Padded(char prefix, int64_t n, int width) {
  std::string digits = std::to_string(n);
  std::string s(1, prefix);
  if (static_cast<int>(digits.size()) < width) s.append(static_cast<size_t>(width) - digits.size(), '0');
  s += digits;
  return s;
}

// ---- Dates -----------------------------------------------------------------------------------

CivilDate ShiftYears(CivilDate d, int years) {
  d.year += years;
  d.day = std::min(d.day, DaysInMonth(d.year, d.month));
  return d;
}

// Day numbers of the reference date k years back (k = 0..kMaxYearsBack), so that a date "aged k
// full years on the reference date" is a uniform day in (YearsBack(k + 1), YearsBack(k)].
constexpr int kMaxYearsBack = 120;
class YearsBack {
 public:
  explicit YearsBack(CivilDate ref) {
    for (int k = 0; k <= kMaxYearsBack; ++k) days_[static_cast<size_t>(k)] = DaysFromCivil(ShiftYears(ref, -k));
  }
  int64_t operator()(int k) const { return days_[static_cast<size_t>(std::clamp(k, 0, kMaxYearsBack))]; }
  // A day in the year of life `k`: exactly k full years old on the reference date.
  int64_t DayAged(Rng& rng, int k) const {
    const int64_t hi = (*this)(k), lo = (*this)(k + 1) + 1;
    return lo + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(hi - lo + 1)));
  }

 private:
  std::array<int64_t, kMaxYearsBack + 1> days_{};
};

// ---- Territory -------------------------------------------------------------------------------

struct Place {
  const Commune* commune;
  std::string postal_code;
};

struct Territory {
  std::vector<Place> places;
  std::vector<uint64_t> cumulative;  // of building-pick weights, for Pick
  uint64_t total = 0;
  int64_t weight = 0;                // sum of dwelling weights (sizes the landlord in a region)

  const Place& Pick(Rng& rng) const {
    uint64_t r = rng.Below(total);
    auto it = std::upper_bound(cumulative.begin(), cumulative.end(), r);
    return places[static_cast<size_t>(it - cumulative.begin())];
  }
};

int64_t CommuneWeight(const Commune& c) {
  return c.population <= 0 ? 0 : c.population * SocialSharePermille(c.population);
}

// Communes of `departement` with a weight (all communes when the département has none).
Territory MakeTerritory(const std::vector<Commune>& communes, std::string_view departement) {
  Territory t;
  for (int pass = 0; pass < 2 && t.places.empty(); ++pass) {
    for (const auto& c : communes) {
      int64_t w = CommuneWeight(c);
      if (w <= 0 || (pass == 0 && c.departement != departement)) continue;
      // w <= ~5e7 (Le Havre) times 1e6: far below 2^63.
      t.total += static_cast<uint64_t>(w * 1'000'000 / MeanDwellingsPerBuildingPpm(ShapeGroup(c.population)));
      t.weight += w;
      t.cumulative.push_back(t.total);
      t.places.push_back({&c, DerivedPostalCode(c)});
    }
  }
  return t;
}

// ---- Validation of options -------------------------------------------------------------------

std::optional<Error> CheckOptions(const Options& o, const std::vector<Commune>& communes) {
  if (o.households < 0 || o.households > 50'000'000) {
    return Invalid("households", "Le nombre de ménages doit être compris entre 0 et 50 000 000.");
  }
  if (o.landlords < 1 || o.landlords > 1000) {
    return Invalid("landlords", "Le nombre de bailleurs doit être compris entre 1 et 1 000.");
  }
  if (!IsValid(o.reference_date) || o.reference_date.year < 2000 || o.reference_date.year > 2100) {
    return Invalid("reference_date", "La date de référence doit être une date valide entre 2000 et 2100.");
  }
  if (o.chunk_households < 0) return Invalid("chunk_households", "La taille des lots ne peut pas être négative.");
  bool any = false;
  for (const auto& c : communes) any = any || CommuneWeight(c) > 0;
  if (!any) return Invalid("communes", "Aucune commune peuplée pour placer les bâtiments.");
  return std::nullopt;
}

// The plans, and for each the index of its territory in `territories` (one per département).
std::vector<LandlordPlan> MakePlans(const Options& o, const std::vector<Commune>& communes,
                                    std::vector<Territory>& territories, std::vector<size_t>& territory_index) {
  std::vector<LandlordPlan> plans(static_cast<size_t>(o.landlords));
  std::vector<int64_t> weights(plans.size());
  std::unordered_map<std::string_view, size_t> territory_of_dep;
  territory_index.assign(plans.size(), 0);
  for (size_t i = 0; i < plans.size(); ++i) {
    const LandlordProfile& p = kLandlords[i % kLandlords.size()];
    auto [it, fresh] = territory_of_dep.emplace(p.departement, territories.size());
    if (fresh) territories.push_back(MakeTerritory(communes, p.departement));
    territory_index[i] = it->second;
    weights[i] = territories[it->second].weight / 1000 * p.share_permille + 1;
    LandlordPlan& plan = plans[i];
    plan.index = static_cast<int>(i);
    plan.organisation.name = std::string(p.name);
    if (i >= kLandlords.size()) plan.organisation.name += " " + std::to_string(i / kLandlords.size() + 1);
    plan.organisation.siren = MakeSiren(static_cast<int>(i));
    plan.departement = std::string(p.departement);
  }
  // Households split in proportion to the weights, exactly (largest remainders, ties by index).
  int64_t total_weight = 0;
  for (int64_t w : weights) total_weight += w;
  int64_t given = 0;
  std::vector<std::pair<int64_t, size_t>> remainders;
  for (size_t i = 0; i < plans.size(); ++i) {
    // households <= 5e7 and weight <= ~1.3e9: the product stays far below 2^63.
    const int64_t num = o.households * weights[i];
    plans[i].households = num / total_weight;
    given += plans[i].households;
    remainders.push_back({-(num % total_weight), i});
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t k = 0; given < o.households; ++k, ++given) plans[remainders[k % plans.size()].second].households++;
  // Agencies in the most weighted towns of the territory; other communes are spread over them.
  for (size_t i = 0; i < plans.size(); ++i) {
    LandlordPlan& plan = plans[i];
    const Territory& t = territories[territory_index[i]];
    int n = static_cast<int>(std::clamp<int64_t>((plan.households + kHouseholdsPerAgency / 2) / kHouseholdsPerAgency, 1,
                                                 kMaxAgencies));
    std::vector<size_t> order(t.places.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    n = std::min<int>(n, static_cast<int>(order.size()));
    std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](size_t a, size_t b) {
      int64_t wa = CommuneWeight(*t.places[a].commune), wb = CommuneWeight(*t.places[b].commune);
      return wa != wb ? wa > wb : a < b;
    });
    for (int k = 0; k < n; ++k) plan.agencies.push_back({0, 0, AgencyName(t.places[order[static_cast<size_t>(k)]].commune->name)});
  }
  return plans;
}

// ---- Generation of one landlord --------------------------------------------------------------

struct Person {
  bool female = false;
  int age = 0;
  Origin origin = kFrench;
};

class LandlordGenerator {
 public:
  LandlordGenerator(const Options& o, const LandlordPlan& plan, const Territory& territory)
      : options_(o),
        plan_(plan),
        territory_(territory),
        rng_(Mix(o.seed, static_cast<uint64_t>(plan.index) + 1)),
        households_left_(plan.households),
        ref_days_(DaysFromCivil(o.reference_date)),
        years_back_(o.reference_date) {
    // Agency of each place: its own town's agency, else one spread by the commune's INSEE code
    // (the CSV has no geography to pick the nearest one).
    const int n = static_cast<int>(plan_.agencies.size());
    agency_of_place_.assign(territory_.places.size(), -1);
    for (size_t i = 0; i < territory_.places.size(); ++i) {
      const Commune& c = *territory_.places[i].commune;
      int& agency = agency_of_place_[i];
      for (int k = 0; k < n && agency < 0; ++k) {
        if (plan_.agencies[static_cast<size_t>(k)].name == AgencyName(c.name)) agency = k;
      }
      if (agency < 0 && n > 0) {
        uint64_t h = 0;
        for (char ch : c.insee) h = h * 31 + static_cast<unsigned char>(ch);
        agency = static_cast<int>(Mix(h, 0xa9e2c7ULL) % static_cast<uint64_t>(n));
      }
    }
    last_street_number_.assign(territory_.places.size() * std::size(kStreets), 0);
    mobile_offset_ = Mix(o.seed, 0x6d6f62ULL + static_cast<uint64_t>(plan.index)) % 10'000;
    landline_offset_ = Mix(o.seed, 0x66697865ULL + static_cast<uint64_t>(plan.index)) % 10'000;
    last_names_cumulative_.reserve(std::size(kFrenchLast));
    uint64_t acc = 0;
    for (size_t r = 0; r < std::size(kFrenchLast); ++r) {
      acc += 100'000 / (r + 12);  // Zipf-like: Martin ~17 times as frequent as the last entries
      last_names_cumulative_.push_back(acc);
    }
  }

  bool done() const { return households_left_ <= 0; }

  // Appends the next building (all its dwellings and households) to `chunk`.
  void NextBuilding(Chunk& chunk);

 private:
  // What the lease depends on, besides the dwelling.
  struct Profile {
    Kind kind = Kind::kAlone;
    int holder_age = 0;
  };

  // Members, contacts and address of the household living in `d` (door letter `door`).
  Profile MakeHousehold(Household& h, const Building& b, const Dwelling& d, bool house, char door);
  // The lease on the sized dwelling `d`: start date and housing benefit.
  void MakeLease(Household& h, const Dwelling& d, const Profile& p);
  int PickRooms(int persons);
  std::string_view FirstName(const Person& p, int birth_year);
  std::string_view LastName(Origin o);
  std::string Phone(std::string_view prefix, uint64_t& counter, uint64_t offset);
  // Appends a member to `h`, with a first name nobody else in the household has, born on the day
  // `birth_days` (days since 1970) or on a random day giving p.age years on the reference date.
  void AddMember(Household& h, const Person& p, std::string last_name, Relation r,
                 std::optional<int64_t> birth_days = std::nullopt);

  const Options& options_;
  const LandlordPlan& plan_;
  const Territory& territory_;
  std::vector<int> agency_of_place_;  // index into plan_.agencies, -1 = none
  Rng rng_;
  int64_t households_left_;
  int64_t ref_days_;
  YearsBack years_back_;
  int64_t building_seq_ = 0, dwelling_seq_ = 0, household_seq_ = 0;
  uint64_t mobile_seq_ = 0, landline_seq_ = 0, mobile_offset_ = 0, landline_offset_ = 0;
  std::vector<int> last_street_number_;  // [place * kStreets + street]: last number used
  std::vector<uint64_t> last_names_cumulative_;
  std::vector<Dwelling> dwellings_;     // of the building being made
};

std::string_view LandlordGenerator::LastName(Origin o) {
  if (o == kFrench) {
    uint64_t r = rng_.Below(last_names_cumulative_.back());
    auto it = std::upper_bound(last_names_cumulative_.begin(), last_names_cumulative_.end(), r);
    return kFrenchLast[it - last_names_cumulative_.begin()];
  }
  return OneOf(rng_, NamesOf(o).last);
}

std::string_view LandlordGenerator::FirstName(const Person& p, int birth_year) {
  if (p.origin == kFrench) {
    int decade = std::clamp((birth_year - 1920) / 10, 0, 10);
    return OneOf(rng_, p.female ? kFrenchFemale[static_cast<size_t>(decade)] : kFrenchMale[static_cast<size_t>(decade)]);
  }
  const OriginNames& n = NamesOf(p.origin);
  bool recent = birth_year >= kNewFashionYear;
  return OneOf(rng_, p.female ? (recent ? n.female_new : n.female_old) : (recent ? n.male_new : n.male_old));
}

void LandlordGenerator::AddMember(Household& h, const Person& p, std::string last_name, Relation r,
                                  std::optional<int64_t> birth_days) {
  const CivilDate birth = CivilFromDays(birth_days ? *birth_days : years_back_.DayAged(rng_, p.age));
  std::string_view first = FirstName(p, birth.year);
  // Parents do not give two children the same name: redraw (pools have 8+ names; a 6th child
  // may still share one after a few tries, which is harmless).
  for (int tries = 0; tries < 8; ++tries) {
    bool taken = false;
    for (const Member& o : h.members) taken = taken || o.first_name == first;
    if (!taken) break;
    first = FirstName(p, birth.year);
  }
  Member& m = h.members.emplace_back();
  m.first_name = std::string(first);
  m.last_name = std::move(last_name);
  m.birth_date = birth;
  m.relation = r;
}

int LandlordGenerator::PickRooms(int persons) {
  return 1 + Pick(rng_, kRoomsByPersonsPermille[static_cast<size_t>(std::clamp(persons, 1, 6) - 1)]);
}

std::string LandlordGenerator::Phone(std::string_view prefix, uint64_t& counter, uint64_t offset) {
  uint64_t n = (counter++ * kPhoneStride + offset) % 10'000;
  std::string s(prefix);
  s.push_back(static_cast<char>('0' + n / 1000));
  s.push_back(static_cast<char>('0' + n / 100 % 10));
  s.push_back(static_cast<char>('0' + n / 10 % 10));
  s.push_back(static_cast<char>('0' + n % 10));
  return s;
}

std::string Slug(std::string_view name) {
  std::string s = text::Fold(name);
  for (char& ch : s) {
    if (ch == ' ') ch = '-';
  }
  return s;
}

LandlordGenerator::Profile LandlordGenerator::MakeHousehold(Household& h, const Building& b, const Dwelling& d,
                                                            bool house, char door) {
  // Holder: age, then household type from the age, then the others.
  const AgeBand& band = kHolderAge[static_cast<size_t>(Pick(rng_, kHolderAgeWeights))];
  Person holder;
  holder.age = rng_.Between(band.from, band.to);
  const int age_class = AgeClass(holder.age);
  const Kind kind = static_cast<Kind>(Pick(rng_, kKindByAge[static_cast<size_t>(age_class)]));
  holder.origin = static_cast<Origin>(Pick(rng_, kOriginPermille));
  if (holder.origin == kBritish && holder.age < kBritishMinAge) holder.origin = kFrench;
  switch (kind) {
    case Kind::kAlone: holder.female = rng_.PerMille(kFemaleAlonePermilleByAge[static_cast<size_t>(age_class)]); break;
    case Kind::kSingleParent: holder.female = rng_.PerMille(kFemaleSingleParentPermille); break;
    case Kind::kCoupleWithChildren:
    case Kind::kCoupleNoChildren: holder.female = rng_.PerMille(kFemaleCoupleHolderPermille); break;
    case Kind::kOther: holder.female = rng_.PerMille(500); break;  // no reason to favour either
  }
  std::string holder_last(LastName(holder.origin));
  h.members.reserve(4);
  AddMember(h, holder, holder_last, Relation::kHolder);

  int youngest_parent_age = holder.age;
  std::string father_last = holder.female ? std::string() : holder_last;
  Origin child_origin = holder.origin;
  if (kind == Kind::kCoupleWithChildren || kind == Kind::kCoupleNoChildren) {
    Person partner;
    partner.female = !holder.female;
    const int gap = rng_.Between(kPartnerAgeGapYears[0], kPartnerAgeGapYears[1]);  // in the man's favour
    partner.age = std::clamp(holder.female ? holder.age + gap : holder.age - gap, 18, 100);
    partner.origin = rng_.PerMille(kPartnerSameOriginPermille) ? holder.origin : kFrench;
    std::string last = rng_.PerMille(kPartnerSameNamePermille) ? holder_last : std::string(LastName(partner.origin));
    if (partner.female == false) father_last = last;
    AddMember(h, partner, std::move(last),
              rng_.PerMille(kPartnerCoHolderPermille) ? Relation::kCoHolder : Relation::kSpouse);
    youngest_parent_age = std::min(holder.age, partner.age);
    if (partner.origin == kFrench) child_origin = kFrench;
  }
  if (kind == Kind::kSingleParent || kind == Kind::kCoupleWithChildren) {
    const int n = 1 + Pick(rng_, kind == Kind::kSingleParent ? kChildrenSingleParentPermille : kChildrenCoupleWithPermille);
    const int p = youngest_parent_age;
    // Eldest child: the parent was 18-42 at the birth; children at home are at most 26, except the
    // adult children living with a retired single parent.
    int lo = std::max(0, p - kMaxParentAgeAtBirth);
    int hi = p >= kRetiredFromAge ? p - 20 : std::min(p - kMinParentAgeAtBirth, kMaxChildAtHome);
    hi = std::max(hi, lo);
    lo = std::min(hi, std::max(lo, 2 * (n - 1)));
    const int eldest_age = rng_.Between(lo, hi);
    if (holder.female && kind == Kind::kSingleParent) {
      father_last = rng_.PerMille(kChildMotherNamePermille) ? holder_last : std::string(LastName(holder.origin));
    }
    // Siblings are born 11 months to 4 years apart (assumption); none after the reference date, so
    // young parents may have fewer children than drawn.
    int64_t birth = years_back_.DayAged(rng_, eldest_age);
    for (int k = 0; k < n && birth <= ref_days_; ++k) {
      Person child;
      child.female = rng_.PerMille(kGirlsAtBirthPermille);
      child.origin = child_origin != kFrench && rng_.PerMille(kChildOriginNamePermille) ? child_origin : kFrench;
      AddMember(h, child, father_last, Relation::kChild, birth);
      birth += rng_.Between(kMinBirthSpacingDays, kMaxBirthSpacingDays);
    }
  }
  if (kind == Kind::kOther) {
    Person other;
    other.female = rng_.PerMille(500);
    other.origin = holder.origin;
    if (rng_.PerMille(kOtherCoHolderPermille)) {  // a sibling or a friend sharing the lease
      other.age = std::clamp(holder.age + rng_.Between(-kOtherCoHolderAgeGap, kOtherCoHolderAgeGap), 18, 100);
      AddMember(h, other, rng_.PerMille(kOtherSameNamePermille) ? holder_last : std::string(LastName(other.origin)),
                Relation::kCoHolder);
    } else if (holder.age <= kOtherWithParentMaxAge) {  // a parent living with their adult child
      other.age = std::min(100, holder.age + rng_.Between(20, 32));
      AddMember(h, other, holder_last, Relation::kOther);
    } else {  // a grown-up grandchild or nephew
      other.age = rng_.Between(18, std::max(18, std::min(30, holder.age - 38)));
      AddMember(h, other, std::string(LastName(other.origin)), Relation::kOther);
    }
  }

  // Identity of the household.
  h.reference = Padded('T', ++household_seq_, 8);
  h.dwelling_reference = d.reference;
  h.commune_name = b.commune_name;
  h.address.reserve(b.street.size() + b.postal_code.size() + b.commune_name.size() + 16);
  h.address = b.street;
  if (!house) {
    h.address += ", Apt ";
    if (d.floor == 0) {
      h.address += "RDC-";
    } else {
      h.address += std::to_string(d.floor);
    }
    h.address.push_back(door);
  }
  h.address += ", ";
  h.address += b.postal_code;
  h.address += ' ';
  h.address += b.commune_name;
  if (holder.origin != kFrench) {
    for (const Language& l : kOtherLanguage[holder.origin]) {
      if (l.permille > 0 && rng_.PerMille(l.permille)) {
        h.preferred_language = std::string(l.code);
        break;
      }
    }
  }

  // Contacts.
  const int cc = ContactClass(holder.age);
  h.phones.reserve(3);
  if (rng_.PerMille(kMobilePermille[static_cast<size_t>(cc)])) {
    h.phones.push_back({Phone(kMobilePrefix, mobile_seq_, mobile_offset_), "mobile"});
  }
  if (h.members.size() > 1 && h.members[1].relation != Relation::kChild &&
      (kind == Kind::kCoupleWithChildren || kind == Kind::kCoupleNoChildren) && rng_.PerMille(kPartnerMobilePermille)) {
    h.phones.push_back({Phone(kMobilePrefix, mobile_seq_, mobile_offset_), "mobile"});
  }
  if (rng_.PerMille(kLandlinePermille[static_cast<size_t>(cc)])) {
    h.phones.push_back({Phone(kLandlinePrefix, landline_seq_, landline_offset_), "fixe"});
  }
  if (rng_.PerMille(kEmailPermille[static_cast<size_t>(cc)])) {
    const Member& m = h.members.front();
    h.email = Slug(m.first_name) + "." + Slug(m.last_name);
    if (rng_.PerMille(kEmailNumberSuffixPermille)) h.email += std::to_string(rng_.Between(1, 99));
    h.email += "@";
    h.email += kEmailDomains[rng_.Below(kEmailDomains.size())];
  }

  return {kind, holder.age};
}

void LandlordGenerator::MakeLease(Household& h, const Dwelling& d, const Profile& p) {
  const Kind kind = p.kind;
  // Years in the dwelling, then the benefit.
  Lease lease;
  int tenure = 0;
  const int max_tenure = std::min(p.holder_age - 18, kMaxTenureYears);
  while (tenure < max_tenure && rng_.PerMille(kStayPerYearPermille)) ++tenure;
  int64_t start_hi = years_back_(tenure);
  int64_t start_lo = years_back_(tenure + 1) + 1;
  const int64_t adult = DaysFromCivil(ShiftYears(*h.members.front().birth_date, 18));
  start_lo = std::max(start_lo, adult);
  start_hi = std::max(start_hi, start_lo);
  lease.start_date = CivilFromDays(std::min(ref_days_, start_lo + static_cast<int64_t>(rng_.Below(
                                                                    static_cast<uint64_t>(start_hi - start_lo + 1)))));
  lease.rent_cents = d.rent_cents;
  lease.charges_cents = d.charges_cents;
  const int benefit_class = kind == Kind::kAlone ? (p.holder_age < 30 ? 0 : p.holder_age < kRetiredFromAge ? 1 : 2)
                            : kind == Kind::kSingleParent       ? 3
                            : kind == Kind::kCoupleWithChildren ? 4
                            : kind == Kind::kCoupleNoChildren   ? 5
                                                                : 6;
  if (rng_.PerMille(kBenefitPermille[static_cast<size_t>(benefit_class)])) {
    int64_t amount = d.rent_cents * rng_.Between(kBenefitRentSharePermille[0], kBenefitRentSharePermille[1]) / 1000 +
                     static_cast<int64_t>(h.members.size() - 1) *
                         rng_.Between(kBenefitPerExtraPersonCents[0], kBenefitPerExtraPersonCents[1]);
    amount = std::min({amount, kBenefitMaxCents, d.rent_cents + d.charges_cents - 500});
    if (amount >= kBenefitMinCents) {
      lease.housing_benefit_cents = amount;
      lease.benefit_paid_to_landlord = rng_.PerMille(kBenefitToLandlordPermille);
    }
  }
  h.lease = lease;
}

void LandlordGenerator::NextBuilding(Chunk& chunk) {
  const Place& place = territory_.Pick(rng_);
  const size_t place_index = static_cast<size_t>(&place - territory_.places.data());
  const Commune& commune = *place.commune;
  const int group = ShapeGroup(commune.population);

  const bool house = static_cast<int64_t>(rng_.Below(1'000'000)) < HouseBuildingPpm(group);

  Building b;
  b.reference = Padded('B', ++building_seq_, 6);
  b.commune_insee = commune.insee;
  b.commune_name = commune.name;
  b.postal_code = place.postal_code;
  int n = 1;
  if (house) {
    b.floors = rng_.PerMille(kHouseTwoStoreyPermille) ? 1 : 0;
  } else {
    const BlockSize& s = kBlockSize[static_cast<size_t>(group)];
    if (group < 3) {
      n = rng_.Between(s.min, s.max);
      const auto& f = kBlockFloors[static_cast<size_t>(group)];
      b.floors = rng_.Between(f[0], f[1]);
    } else {
      const size_t type = static_cast<size_t>(Pick(rng_, kCityBlockMixPermille));
      n = rng_.Between(kCityBlocks[type].min, kCityBlocks[type].max);
      b.floors = rng_.Between(kCityBlockFloors[type][0], kCityBlockFloors[type][1]);
    }
    b.has_lift = b.floors >= kLiftMinFloors || (b.floors == kLiftMinFloors - 1 && rng_.PerMille(kLiftR3Permille));
    if (commune.population >= kQpvMinPopulation) {
      b.qpv = rng_.PerMille(n >= 40 ? kQpvLargeBlockPermille : kQpvSmallBlockPermille);
    }
    if (rng_.PerMille(kNamedBlockPermille)) b.name = "Résidence " + std::string(OneOf(rng_, Names(kResidences)));
  }
  // Street and number: numbers on a street of a commune grow as buildings are added, so two
  // buildings of this landlord never share an address.
  const size_t street = rng_.Below(std::size(kStreets));
  int& number = last_street_number_[place_index * std::size(kStreets) + street];
  number += rng_.Between(1, house ? 4 : 12);
  b.street = std::to_string(number) + " " + std::string(kStreets[street]);
  const int agency_index = agency_of_place_[place_index];
  const std::string agency = agency_index >= 0 ? plan_.agencies[static_cast<size_t>(agency_index)].name : std::string();

  // Building-wide rent level and financing.
  const int financing = Pick(rng_, kFinancingPermille);
  const bool mixed = financing <= 1 && rng_.PerMille(kMixedProgrammePermille);
  const int64_t building_rent_permille = 1000 + rng_.Between(-kBuildingRentSpreadPermille, kBuildingRentSpreadPermille);
  const std::array<int, 2>& charges = house ? kHouseChargesCentsPerM2 : kBlockChargesCentsPerM2;
  const int64_t charges_per_m2 = rng_.Between(charges[0], charges[1]);
  const int64_t rent_per_m2 = RentPerM2(commune.departement);
  const int per_level = std::max(1, (n + b.floors) / (b.floors + 1));  // ceil(n / levels)

  dwellings_.clear();
  for (int i = 0; i < n && households_left_ > 0; ++i) {
    Dwelling& d = dwellings_.emplace_back();
    d.reference = Padded('L', ++dwelling_seq_, 7);
    d.building_reference = b.reference;
    d.floor = house ? 0 : std::min(b.floors, i / per_level);
    d.financing = mixed ? (rng_.PerMille(kMixedPlaiPermille) ? Financing::kPlai : Financing::kPlus)
                        : static_cast<Financing>(financing);
    d.accessible_prm = (d.floor == 0 || b.has_lift) && rng_.PerMille(house ? kPrmHousePermille : kPrmBlockPermille);
    // An occupied dwelling is sized for its household (made first); a vacant one by the stock mix.
    Household* h = nullptr;
    Profile profile;
    if (rng_.PerMille(kVacantPermille)) {
      d.rooms = 1 + Pick(rng_, kRoomsPermille);
    } else {
      h = &chunk.households.emplace_back().household;  // no pointer kept past this dwelling
      profile = MakeHousehold(*h, b, d, house, static_cast<char>('A' + i % per_level % 26));
      d.rooms = PickRooms(static_cast<int>(h->members.size()));
      --households_left_;
    }
    if (house) d.rooms = std::max(d.rooms, kHouseMinRooms);
    const auto& sm = kSurfaceM2[static_cast<size_t>(d.rooms - 1)];
    const int64_t m2 = rng_.Between(sm[0], sm[1]) + (house ? kHouseExtraM2 : 0);
    d.surface_cm2 = m2 * 100 + rng_.Between(0, 99);
    const int64_t dwelling_rent_permille = 1000 + rng_.Between(-kDwellingRentSpreadPermille, kDwellingRentSpreadPermille);
    // cm² x cents/m² / 100 = cents; then three ‰ factors. Max ~1.2e4 x 620 x 1345: no overflow.
    d.rent_cents = d.surface_cm2 * rent_per_m2 / 100 * kFinancingRentPermille[static_cast<size_t>(d.financing)] / 1000 *
                   building_rent_permille / 1000 * dwelling_rent_permille / 1000;
    d.charges_cents = d.surface_cm2 * charges_per_m2 / 100;
    if (h != nullptr) MakeLease(*h, d, profile);
  }
  b.dwelling_count = static_cast<int>(dwellings_.size());
  for (Dwelling& d : dwellings_) {
    StockRow& row = chunk.stock.emplace_back();
    row.building = b;
    row.agency_name = agency;
    row.dwelling = std::move(d);
  }
}

}  // namespace

bool IsFictionPhone(std::string_view n) {
  if (n.size() != 10) return false;
  for (char ch : n) {
    if (ch < '0' || ch > '9') return false;
  }
  return n.starts_with(kMobilePrefix) || n.starts_with(kLandlinePrefix);
}

Result<std::vector<LandlordPlan>> PlanLandlords(const Options& options, const std::vector<Commune>& communes) {
  if (auto e = CheckOptions(options, communes)) return *e;
  std::vector<Territory> territories;
  std::vector<size_t> territory_index;
  return MakePlans(options, communes, territories, territory_index);
}

Result<Unit> GenerateChunks(const Options& options, const std::vector<Commune>& communes,
                            const std::function<void(Chunk&)>& sink) {
  if (auto e = CheckOptions(options, communes)) return *e;
  std::vector<Territory> territories;
  std::vector<size_t> territory_index;
  const std::vector<LandlordPlan> plans = MakePlans(options, communes, territories, territory_index);
  Chunk chunk;
  for (size_t i = 0; i < plans.size(); ++i) {
    LandlordGenerator gen(options, plans[i], territories[territory_index[i]]);
    bool first = true;
    do {
      // One chunk whose buffers are reused when the sink leaves them in place: rows are large
      // (~400 bytes), and relocating or re-allocating them costs more than making them.
      chunk.stock.clear();
      chunk.households.clear();
      chunk.landlord = &plans[i];
      const int64_t expected = options.chunk_households > 0 ? std::min(options.chunk_households, plans[i].households)
                                                            : plans[i].households;
      chunk.households.reserve(static_cast<size_t>(expected + kBlockSize.back().max));
      chunk.stock.reserve(static_cast<size_t>(expected + expected / 16 + 2 * kBlockSize.back().max));
      chunk.first = first;
      first = false;
      while (!gen.done() &&
             (options.chunk_households == 0 || static_cast<int64_t>(chunk.households.size()) < options.chunk_households)) {
        gen.NextBuilding(chunk);
      }
      chunk.last = gen.done();
      sink(chunk);
    } while (!gen.done());
  }
  return Unit{};
}

Result<std::vector<LandlordData>> Generate(const Options& options, const std::vector<Commune>& communes) {
  if (auto e = CheckOptions(options, communes)) return *e;
  std::vector<LandlordData> out;
  Options o = options;
  o.chunk_households = 0;
  auto r = GenerateChunks(o, communes, [&out](Chunk& c) {
    out.push_back({*c.landlord, std::move(c.stock), std::move(c.households)});
  });
  if (!r) return r.error();
  return out;
}

}  // namespace relais::housing::demo
