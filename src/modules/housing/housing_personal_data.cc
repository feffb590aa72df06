// Anonymisation of a household and the households past their retention (ADR 0010). The privacy
// module decides who may do it and audits it; this file only knows the housing tables.
#include "modules/housing/housing.h"
#include "modules/housing/housing_repository.h"

namespace relais::housing {
using db::P;

// The neutral values that replace personal data: the same for everyone, so they identify no one.
constexpr const char* kNeutralFirstName = "Personne";
constexpr const char* kNeutralLastName = "anonymisée";

Anonymisation AnonymiseHousehold(db::Connection& c, int64_t org, int64_t id, const std::string& reason) {
  auto h = repo::FindHousehold(c, org, id);
  if (!h) return Anonymisation::kNotFound;
  if (h->anonymised_at) return Anonymisation::kAlreadyDone;
  const int64_t now = NowMillis();
  // The tenant reference links the record to the landlord's other systems: replaced by one that
  // only Relais knows (unique, as the reference must be).
  const std::string reference = "ANONYME-" + std::to_string(id);
  const std::string display = std::string(kNeutralFirstName) + " " + kNeutralLastName;
  c.Exec("UPDATE households SET reference = ?, email = '', notes = '', display_name = ?, content_hash = '', "
         "anonymised_at = ?, anonymisation_reason = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
         {P(reference), P(display), P(now), P(reason), P(now), P(id), P(org)});
  c.Exec("UPDATE members SET first_name = ?, last_name = ?, birth_date = NULL WHERE household_id = ? "
         "AND organisation_id = ?",
         {P(kNeutralFirstName), P(kNeutralLastName), P(id), P(org)});
  c.Exec("DELETE FROM phones WHERE household_id = ? AND organisation_id = ?", {P(id), P(org)});
  // Vulnerability profiles (outreach, migration 0017) tell of health and isolation: removed whole.
  const std::string members_of = "(SELECT id FROM members WHERE household_id = ? AND organisation_id = ?)";
  c.Exec("DELETE FROM vulnerability_factors WHERE member_id IN " + members_of, {P(id), P(org)});
  c.Exec("DELETE FROM vulnerability_profiles WHERE member_id IN " + members_of, {P(id), P(org)});
  // Not findable any more, by its old names, phones or reference, nor by its address.
  c.Exec("DELETE FROM household_search WHERE household_id = ? AND organisation_id = ?", {P(id), P(org)});
  return Anonymisation::kDone;
}

std::vector<HouseholdRef> HouseholdsPastRetention(db::Connection& c, CivilDate ended_before) {
  std::vector<HouseholdRef> out;
  // Dates are stored as ISO text (YYYY-MM-DD): they compare as strings.
  c.Query("SELECT h.organisation_id, h.id FROM households h WHERE h.anonymised_at IS NULL "
          "AND EXISTS (SELECT 1 FROM leases l WHERE l.household_id = h.id) "
          "AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.household_id = h.id AND "
          "(l.end_date IS NULL OR l.end_date >= ?)) ORDER BY h.organisation_id, h.id",
          {P(FormatIso(ended_before))},
          [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1)}); });
  return out;
}

std::vector<std::string> HouseholdContacts(db::Connection& c, int64_t org, int64_t household_id) {
  std::vector<std::string> out;
  c.Query("SELECT number FROM phones WHERE household_id = ? AND organisation_id = ? AND number <> '' "
          "UNION ALL SELECT email FROM households WHERE id = ? AND organisation_id = ? AND email <> ''",
          {P(household_id), P(org), P(household_id), P(org)}, [&](const db::Row& r) { out.push_back(r.Str(0)); });
  return out;
}

std::vector<db::ExportSection> HouseholdHousingRecords(db::Connection& c, int64_t org, int64_t household_id) {
  using db::ExportAs;
  auto leases = db::ExportQuery(
      c, "leases", "Baux (en cours et terminés)",
      "SELECT l.id, CASE WHEN l.end_date IS NULL THEN 1 ELSE 0 END, l.start_date, l.end_date, d.reference, d.rooms, "
      "d.floor, b.reference, b.name, b.street, b.postal_code, b.commune_insee, l.rent_cents, l.charges_cents, "
      "l.housing_benefit_cents, l.benefit_paid_to_landlord FROM leases l JOIN dwellings d ON d.id = l.dwelling_id "
      "JOIN buildings b ON b.id = d.building_id WHERE l.household_id = ? AND l.organisation_id = ? "
      "ORDER BY l.start_date, l.id",
      {P(household_id), P(org)},
      {{"id", "Bail n°"}, {"current", "En cours", ExportAs::kFlag}, {"start_date", "Début"}, {"end_date", "Fin"},
       {"dwelling", "Logement"}, {"rooms", "Pièces"}, {"floor", "Étage"}, {"building", "Immeuble"},
       {"building_name", "Nom de l'immeuble"}, {"street", "Adresse"}, {"postal_code", "Code postal"},
       {"commune", "Commune"}, {"rent_cents", "Loyer", ExportAs::kCents}, {"charges_cents", "Charges", ExportAs::kCents},
       {"housing_benefit_cents", "Aide au logement", ExportAs::kCents},
       {"benefit_paid_to_landlord", "Aide versée au bailleur", ExportAs::kFlag}});
  // The commune by its name (the INSEE code is kept in the database).
  for (auto& record : leases.records) {
    for (auto& f : record) {
      if (f.code != "commune") continue;
      if (const Commune* commune = FindCommune(f.value)) f.value = commune->name;
    }
  }
  return {std::move(leases)};
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id) {
  return {{"household", "SELECT id FROM households WHERE id = ? AND organisation_id = ?", {P(household_id), P(org)}}};
}

}  // namespace relais::housing
