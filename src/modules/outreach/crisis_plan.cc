#include "modules/outreach/crisis_plan.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "platform/core/dates.h"

namespace relais::outreach {

namespace {
struct KindRow {
  CrisisKind kind;
  std::string_view code;
  Cadence cadence;  // level1, level2, level3 days
};
// The default cadences, one row per kind of crisis (documented in docs/guide/plans-de-crise.md).
constexpr std::array<KindRow, 5> kKinds{{
    {CrisisKind::kPandemicLockdown, "pandemic_lockdown", {14, 7, 2}},
    {CrisisKind::kHeatwave, "heatwave", {14, 7, 1}},
    {CrisisKind::kColdSnap, "cold_snap", {14, 7, 2}},
    {CrisisKind::kFlood, "flood", {14, 7, 2}},
    {CrisisKind::kCustom, "custom", {14, 7, 2}},
}};

bool InRange(int days) { return days >= kMinCadenceDays && days <= kMaxCadenceDays; }
}  // namespace

std::string_view CrisisKindCode(CrisisKind k) {
  for (const auto& r : kKinds)
    if (r.kind == k) return r.code;
  return "custom";
}
std::optional<CrisisKind> CrisisKindFromCode(std::string_view code) {
  for (const auto& r : kKinds)
    if (r.code == code) return r.kind;
  return std::nullopt;
}
Cadence DefaultCadence(CrisisKind k) {
  for (const auto& r : kKinds)
    if (r.kind == k) return r.cadence;
  return Cadence{};
}

int Cadence::ForLevel(int level) const {
  if (level >= 3) return level3_days;
  if (level == 2) return level2_days;
  return level1_days;
}

std::optional<int> ParseClock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}
std::string FormatClock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

bool IsIsoDate(std::string_view d) { return d.size() == 10 && d[4] == '-' && ParseDate(d).has_value(); }

bool Covers(const Perimeter& p, const HouseholdPlace& h) {
  if (p.all) return true;
  if (h.agency_id && std::find(p.agency_ids.begin(), p.agency_ids.end(), h.agency_id) != p.agency_ids.end())
    return true;
  if (!h.commune.empty() && std::find(p.communes.begin(), p.communes.end(), h.commune) != p.communes.end())
    return true;
  return h.building_id &&
         std::find(p.building_ids.begin(), p.building_ids.end(), h.building_id) != p.building_ids.end();
}

void SortPerimeter(Perimeter& p) {
  std::sort(p.agency_ids.begin(), p.agency_ids.end());
  std::sort(p.communes.begin(), p.communes.end());
  std::sort(p.building_ids.begin(), p.building_ids.end());
}

bool CoversSorted(const Perimeter& p, const HouseholdPlace& h) {
  if (p.all) return true;
  if (h.agency_id && std::binary_search(p.agency_ids.begin(), p.agency_ids.end(), h.agency_id)) return true;
  if (!h.commune.empty() && std::binary_search(p.communes.begin(), p.communes.end(), h.commune)) return true;
  return h.building_id && std::binary_search(p.building_ids.begin(), p.building_ids.end(), h.building_id);
}

std::vector<PlanError> ValidatePlan(const CrisisPlan& p) {
  std::vector<PlanError> errors;
  if (p.kind == CrisisKind::kCustom && p.name.empty())
    errors.push_back({"name", "Un plan de crise « autre » doit avoir un nom."});
  if (p.name.size() > 200) errors.push_back({"name", "Le nom ne doit pas dépasser 200 caractères."});
  if (!IsIsoDate(p.start_date))
    errors.push_back({"start_date", "La date de début doit être une date valide (AAAA-MM-JJ)."});
  if (!p.end_date.empty()) {
    if (!IsIsoDate(p.end_date))
      errors.push_back({"end_date", "La date de fin doit être une date valide (AAAA-MM-JJ)."});
    else if (IsIsoDate(p.start_date) && p.end_date < p.start_date)
      errors.push_back({"end_date", "La date de fin ne peut pas précéder la date de début."});
  }
  const std::pair<const char*, int> levels[] = {{"cadence.level1_days", p.cadence.level1_days},
                                                {"cadence.level2_days", p.cadence.level2_days},
                                                {"cadence.level3_days", p.cadence.level3_days}};
  for (const auto& [field, days] : levels)
    if (!InRange(days))
      errors.push_back({field, "La fréquence d'appel doit être comprise entre 1 et 90 jours."});
  if (p.escalation_days < 1 || p.escalation_days > 30)
    errors.push_back({"escalation_days",
                      "Le nombre de jours injoignables avant escalade doit être compris entre 1 et 30."});
  if (p.windows.empty())
    errors.push_back({"call_hours", "Indiquez au moins une plage horaire d'appel."});
  std::vector<CallWindow> sorted = p.windows;
  for (const auto& w : sorted)
    if (w.end_minute <= w.start_minute) {
      errors.push_back({"call_hours", "Une plage horaire d'appel doit finir après son début."});
      return errors;
    }
  std::sort(sorted.begin(), sorted.end(),
            [](const CallWindow& a, const CallWindow& b) { return a.start_minute < b.start_minute; });
  for (size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].start_minute < sorted[i - 1].end_minute) {
      errors.push_back({"call_hours", "Les plages horaires d'appel ne doivent pas se chevaucher."});
      break;
    }
  if (p.call_script.size() > 20000)
    errors.push_back({"call_script", "Le script d'appel ne doit pas dépasser 20 000 caractères."});
  return errors;
}

std::vector<const CrisisPlan*> ActivePlansOn(const std::vector<CrisisPlan>& plans, std::string_view date,
                                             const HouseholdPlace& h) {
  std::vector<const CrisisPlan*> active;
  for (const auto& p : plans) {
    if (date < p.start_date) continue;
    if (!p.end_date.empty() && date > p.end_date) continue;
    if (Covers(p.perimeter, h)) active.push_back(&p);
  }
  return active;
}

std::optional<int> CadenceOn(const std::vector<CrisisPlan>& plans, std::string_view date,
                             const HouseholdPlace& h, int level) {
  std::optional<int> best;
  for (const CrisisPlan* p : ActivePlansOn(plans, date, h)) {
    const int days = p->cadence.ForLevel(level);
    if (!best || days < *best) best = days;
  }
  return best;
}

}  // namespace relais::outreach
