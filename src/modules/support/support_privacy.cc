// What the support module holds about a household, for its subject-access export (privacy module,
// docs/adr/0010-subject-access-and-anonymisation.md): the cases and everything filed in them. The
// anonymisation of the same columns is case_retention.cc (AnonymiseCaseIn).
#include "modules/support/support.h"

namespace relais::support {

std::vector<db::ExportSection> HouseholdSupportRecords(db::Connection& c, int64_t org, int64_t household_id) {
  using db::ExportAs;
  const std::vector<db::Param> p{db::P(household_id), db::P(org)};
  // Every table below hangs off a case of the household; the case's organisation scopes it.
  const std::string of_cases = "SELECT id FROM support_cases WHERE household_id = ? AND organisation_id = ?";
  std::vector<db::ExportSection> out;
  out.push_back(db::ExportQuery(
      c, "cases", "Dossiers d'accompagnement",
      "SELECT id, state, outcome, opened_from, reason, opened_at, closed_at, follow_up_ended_on, anonymised_at "
      "FROM support_cases WHERE household_id = ? AND organisation_id = ? ORDER BY id",
      p,
      {{"id", "Dossier n°"}, {"state", "État"}, {"outcome", "Issue"}, {"opened_from", "Ouvert depuis"},
       {"reason", "Motif"}, {"opened_at", "Ouvert le", ExportAs::kInstant}, {"closed_at", "Clos le", ExportAs::kInstant},
       {"follow_up_ended_on", "Fin du suivi le"}, {"anonymised_at", "Anonymisé le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "case_events", "Historique des dossiers",
      "SELECT case_id, kind, from_state, to_state, text, at FROM support_case_events WHERE case_id IN (" + of_cases +
          ") ORDER BY case_id, id",
      p,
      {{"case_id", "Dossier n°"}, {"kind", "Événement"}, {"from_state", "De l'état"}, {"to_state", "Vers l'état"},
       {"text", "Commentaire"}, {"at", "Le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "notes", "Notes des dossiers",
      "SELECT case_id, body, created_at FROM support_notes WHERE case_id IN (" + of_cases + ") ORDER BY case_id, id", p,
      {{"case_id", "Dossier n°"}, {"body", "Note"}, {"created_at", "Écrite le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "tasks", "Tâches des dossiers",
      "SELECT case_id, title, due_date, status, created_at FROM support_tasks WHERE case_id IN (" + of_cases +
          ") ORDER BY case_id, id",
      p,
      {{"case_id", "Dossier n°"}, {"title", "Tâche"}, {"due_date", "Échéance"}, {"status", "Statut"},
       {"created_at", "Créée le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "documents", "Pièces jointes (copie sur demande)",
      "SELECT case_id, filename, content_type, size_bytes, uploaded_at FROM support_documents WHERE case_id IN (" +
          of_cases + ") ORDER BY case_id, id",
      p,
      {{"case_id", "Dossier n°"}, {"filename", "Fichier"}, {"content_type", "Type"}, {"size_bytes", "Taille (octets)"},
       {"uploaded_at", "Déposé le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "plans", "Plans d'apurement (dettes et échéanciers)",
      "SELECT id, case_id, debt_cents, months, first_due_on, signed_on, status, ended_on, end_reason "
      "FROM support_plans WHERE case_id IN (" + of_cases + ") ORDER BY case_id, id",
      p,
      {{"id", "Plan n°"}, {"case_id", "Dossier n°"}, {"debt_cents", "Dette", ExportAs::kCents}, {"months", "Durée (mois)"},
       {"first_due_on", "Première échéance"}, {"signed_on", "Signé le"}, {"status", "Statut"}, {"ended_on", "Arrêté le"},
       {"end_reason", "Raison de l'arrêt"}}));
  out.push_back(db::ExportQuery(
      c, "instalments", "Échéances des plans",
      "SELECT i.plan_id, i.number, i.due_on, i.amount_cents FROM support_plan_instalments i "
      "JOIN support_plans pl ON pl.id = i.plan_id WHERE pl.case_id IN (" + of_cases + ") ORDER BY i.plan_id, i.number",
      p,
      {{"plan_id", "Plan n°"}, {"number", "Échéance n°"}, {"due_on", "Due le"},
       {"amount_cents", "Montant", ExportAs::kCents}}));
  out.push_back(db::ExportQuery(
      c, "fsl_referrals", "Dossiers FSL (Fonds de solidarité pour le logement)",
      "SELECT id, case_id, departement, aid_kind, composition, household_size, monthly_resources_cents, resources_note, "
      "difficulty, debt_cents, requested_cents, status, decision, granted_cents, decision_note, prepared_on, sent_on, "
      "decided_on, paid_on FROM support_fsl_referrals WHERE case_id IN (" + of_cases + ") ORDER BY case_id, id",
      p,
      {{"id", "Dossier FSL n°"}, {"case_id", "Dossier n°"}, {"departement", "Département"}, {"aid_kind", "Aide demandée"},
       {"composition", "Composition du ménage déclarée"}, {"household_size", "Personnes"},
       {"monthly_resources_cents", "Ressources mensuelles déclarées", ExportAs::kCents},
       {"resources_note", "Précisions sur les ressources"}, {"difficulty", "Nature de la difficulté"},
       {"debt_cents", "Dette", ExportAs::kCents}, {"requested_cents", "Montant demandé", ExportAs::kCents},
       {"status", "Statut"}, {"decision", "Décision"}, {"granted_cents", "Montant accordé", ExportAs::kCents},
       {"decision_note", "Commentaire de la décision"}, {"prepared_on", "Préparé le"}, {"sent_on", "Envoyé le"},
       {"decided_on", "Décidé le"}, {"paid_on", "Versé le"}}));
  out.push_back(db::ExportQuery(
      c, "guarantee_claims", "Mises en jeu de garantie (Visale, Loca-Pass)",
      "SELECT id, case_id, guarantee, guarantee_reference, student, debt_cents, first_unpaid_on, notice_sent_on, "
      "status, outcome, prepared_on, sent_on, closed_on FROM support_guarantee_claims WHERE case_id IN (" + of_cases +
          ") ORDER BY case_id, id",
      p,
      {{"id", "Demande n°"}, {"case_id", "Dossier n°"}, {"guarantee", "Garantie"},
       {"guarantee_reference", "Numéro de visa ou de contrat"}, {"student", "Étudiant·e", ExportAs::kFlag},
       {"debt_cents", "Dette", ExportAs::kCents}, {"first_unpaid_on", "Premier impayé le"},
       {"notice_sent_on", "Mise en demeure le"}, {"status", "Statut"}, {"outcome", "Issue"},
       {"prepared_on", "Préparée le"}, {"sent_on", "Envoyée le"}, {"closed_on", "Close le"}}));
  out.push_back(db::ExportQuery(
      c, "guarantee_payments", "Versements des garanties",
      "SELECT g.claim_id, g.paid_on, g.amount_cents FROM support_guarantee_payments g "
      "JOIN support_guarantee_claims k ON k.id = g.claim_id WHERE k.case_id IN (" + of_cases + ") ORDER BY g.id",
      p, {{"claim_id", "Demande n°"}, {"paid_on", "Versé le"}, {"amount_cents", "Montant", ExportAs::kCents}}));
  out.push_back(db::ExportQuery(
      c, "other_solutions", "Autres solutions (Action Logement, révision des aides, travailleur social)",
      "SELECT id, case_id, kind, started_on, detail, outcome, outcome_on, outcome_note, amount_cents, paid_on "
      "FROM support_other_solutions WHERE case_id IN (" + of_cases + ") ORDER BY case_id, id",
      p,
      {{"id", "Solution n°"}, {"case_id", "Dossier n°"}, {"kind", "Nature"}, {"started_on", "Engagée le"},
       {"detail", "Précisions"}, {"outcome", "Issue"}, {"outcome_on", "Issue le"}, {"outcome_note", "Commentaire"},
       {"amount_cents", "Montant", ExportAs::kCents}, {"paid_on", "Versé le"}}));
  return out;
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id) {
  return {{"support_case", "SELECT id FROM support_cases WHERE household_id = ? AND organisation_id = ?",
           {db::P(household_id), db::P(org)}}};
}

}  // namespace relais::support
