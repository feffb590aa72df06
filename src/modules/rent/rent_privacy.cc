// What the rent module holds about a household (rent.h): the ledger of its leases, the arrears
// situation computed for them and the legal steps recorded, for its subject-access export; and the
// free texts cleared when it is anonymised (the amounts and dates stay: they are the landlord's
// accounts and serve statistics).
#include "modules/rent/rent.h"

#include <string>

#include "modules/rent/ledger.h"

namespace relais::rent {

std::vector<db::ExportSection> HouseholdRentRecords(db::Connection& c, int64_t org, int64_t household_id) {
  using db::ExportAs;
  const std::vector<db::Param> p{db::P(household_id), db::P(org)};
  const std::string of_leases = "SELECT id FROM leases WHERE household_id = ? AND organisation_id = ?";
  std::vector<db::ExportSection> out;
  db::ExportSection lines = db::ExportQuery(
      c, "ledger_lines", "Compte locataire (lignes du compte)",
      "SELECT lease_id, line_day, kind_code, method, amount_cents, label, reference FROM ledger_lines "
      "WHERE lease_id IN (" + of_leases + ") ORDER BY lease_id, line_day, id",
      p,
      {{"lease_id", "Bail n°"}, {"line_date", "Date"}, {"kind", "Nature"}, {"method", "Mode de paiement"},
       {"amount_cents", "Montant (+ dû, − payé)", ExportAs::kCents}, {"label", "Libellé"},
       {"reference", "Référence comptable"}});
  // Stored as a day number and a code (ledger.h): exported as the date and the word, as the API
  // shows them, the PDF with the French name of the kind.
  for (auto& record : lines.records) {
    db::ExportField& date = record[1];
    db::ExportField& kind = record[2];
    date.value = FormatIso(DateOfStoredDay(std::stoll(date.value)));
    if (auto k = LineKindOfStored(std::stoll(kind.value))) {
      kind.value = std::string(CodeOf(*k));
      kind.display = std::string(LabelOf(*k));
    }
  }
  out.push_back(std::move(lines));
  out.push_back(db::ExportQuery(
      c, "arrears_situations", "Situation d'impayé",
      "SELECT lease_id, computed_on, balance_cents, arrears_cents, months_hundredths, arrears_since, "
      "caf_threshold_cents, caf_threshold_since, visale_claim_since, next_step, next_due, paused, crisis, reason "
      "FROM arrears_situations WHERE household_id = ? AND organisation_id = ? ORDER BY lease_id",
      p,
      {{"lease_id", "Bail n°"}, {"computed_on", "Calculée le"}, {"balance_cents", "Solde", ExportAs::kCents},
       {"arrears_cents", "Impayé", ExportAs::kCents}, {"months_hundredths", "Mois d'impayé (centièmes)"},
       {"arrears_since", "Impayé depuis le"}, {"caf_threshold_cents", "Seuil de signalement CAF", ExportAs::kCents},
       {"caf_threshold_since", "Seuil atteint le"}, {"visale_claim_since", "Garantie Visale mobilisable depuis le"},
       {"next_step", "Prochaine étape"}, {"next_due", "Pour le"}, {"paused", "Suspendue", ExportAs::kFlag},
       {"crisis", "Période de crise"}, {"reason", "Explication"}}));
  out.push_back(db::ExportQuery(
      c, "arrears_steps", "Étapes de la procédure d'impayé",
      "SELECT lease_id, step, done_on, note, recorded_at FROM arrears_steps WHERE lease_id IN (" + of_leases +
          ") AND organisation_id = ? ORDER BY lease_id, done_on, id",
      {db::P(household_id), db::P(org), db::P(org)},
      {{"lease_id", "Bail n°"}, {"step", "Étape"}, {"done_on", "Faite le"}, {"note", "Note"},
       {"recorded_at", "Notée le", ExportAs::kInstant}}));
  return out;
}

void AnonymiseHouseholdRentIn(db::Connection& c, int64_t org, int64_t household_id) {
  // Labels may carry a name (an imported "VIR M DUPONT"), notes what the officer heard.
  const std::string of_leases = "SELECT id FROM leases WHERE household_id = ? AND organisation_id = ?";
  c.Exec("UPDATE ledger_lines SET label = '' WHERE organisation_id = ? AND lease_id IN (" + of_leases + ")",
         {db::P(org), db::P(household_id), db::P(org)});
  c.Exec("UPDATE arrears_steps SET note = '' WHERE organisation_id = ? AND lease_id IN (" + of_leases + ")",
         {db::P(org), db::P(household_id), db::P(org)});
}

std::vector<LedgerRef> LedgersPastRetention(db::Connection& c, CivilDate before) {
  // Lines store a day number (ledger.h), steps an ISO date (compared as text). Both parts read a
  // partial index (0055).
  std::vector<LedgerRef> out;
  c.Query("SELECT organisation_id, lease_id FROM ledger_lines WHERE line_day < ? AND label <> '' "
          "UNION SELECT organisation_id, lease_id FROM arrears_steps WHERE done_on < ? AND note <> '' ORDER BY 1, 2",
          {db::P(StoredDayOf(before)), db::P(FormatIso(before))},
          [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1)}); });
  return out;
}

int64_t AnonymiseLedgerBeforeIn(db::Connection& c, int64_t org, int64_t lease_id, CivilDate before) {
  const std::string day = FormatIso(before);
  return c.Exec("UPDATE ledger_lines SET label = '' WHERE organisation_id = ? AND lease_id = ? AND line_day < ? "
                "AND label <> ''",
                {db::P(org), db::P(lease_id), db::P(StoredDayOf(before))}) +
         c.Exec("UPDATE arrears_steps SET note = '' WHERE organisation_id = ? AND lease_id = ? AND done_on < ? "
                "AND note <> ''",
                {db::P(org), db::P(lease_id), db::P(day)});
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id) {
  const std::string of_leases = "SELECT id FROM leases WHERE household_id = ? AND organisation_id = ?";
  return {{"lease_ledger", of_leases, {db::P(household_id), db::P(org)}},
          {"arrears_step", "SELECT id FROM arrears_steps WHERE organisation_id = ? AND lease_id IN (" + of_leases + ")",
           {db::P(org), db::P(household_id), db::P(org)}}};
}

}  // namespace relais::rent
