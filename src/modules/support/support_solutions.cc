// Use cases of guarantee claims and other solutions: authorise through support_policy, scope every
// load to the actor's organisation, one transaction with its audit entry (record support_case).
// The ledger is read and written through modules/rent/ledger.h; the arrears through
// modules/rent/arrears_rules.h (AnalyseLedger), as the officers' queue sees them.
#include "modules/support/support_solutions.h"

#include "modules/rent/arrears_clock.h"
#include "modules/rent/ledger.h"
#include "modules/support/case_state.h"
#include "modules/support/case_store.h"
#include "modules/support/support_plan.h"
#include "modules/support/support_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/paris_time.h"
#include "platform/pdf/pdf.h"

namespace relais::support {
namespace {

const char* const kWorkForbidden = "Seul·es les CESF suivent les solutions d'un dossier d'accompagnement.";

db::Param OptIso(const std::optional<CivilDate>& d) { return d ? db::P(FormatIso(*d)) : db::P(nullptr); }

// The lease's terms and its arrears on `today`, as the rent module analyses them.
struct LeaseFacts {
  int64_t lease_id = 0;
  ClaimFacts facts;
};
std::optional<LeaseFacts> FactsOf(db::Connection& c, int64_t org, int64_t household_id, const SolutionRules& rules,
                                  CivilDate today) {
  auto lease = CurrentLeaseOf(c, org, household_id, today);
  if (!lease) return std::nullopt;
  LeaseFacts out;
  out.lease_id = *lease;
  c.Query("SELECT start_date, rent_cents, charges_cents, housing_benefit_cents, benefit_paid_to_landlord FROM leases "
          "WHERE id = ? AND organisation_id = ?",
          {db::P(*lease), db::P(org)}, [&](const db::Row& r) {
            out.facts.lease_start = *ParseDate(r.Text(0));
            out.facts.terms.signed_on = out.facts.lease_start;
            out.facts.terms.rent_cents = r.Int(1);
            out.facts.terms.charges_cents = r.Int(2);
            out.facts.terms.benefit_cents = r.Int(3);
            out.facts.terms.benefit_paid_to_landlord = r.Int(4) != 0;
          });
  out.facts.arrears = rent::AnalyseLedger(rent::LinesOfLease(c, org, *lease), out.facts.terms, today, rules.arrears);
  return out;
}

CaseSolutions Load(db::Connection& c, int64_t org, int64_t case_id, int64_t household_id, const SolutionRules& rules,
                   CivilDate today) {
  CaseSolutions s;
  if (auto f = FactsOf(c, org, household_id, rules, today)) {
    s.visale = EligibilityOf(Guarantee::kVisale, f->facts, rules.arrears, rules.guarantee, today);
    s.loca_pass = EligibilityOf(Guarantee::kLocaPass, f->facts, rules.arrears, rules.guarantee, today);
  }
  c.Query("SELECT id, lease_id, guarantee, guarantee_reference, obtained_on, student, debt_cents, first_unpaid_on, "
          "notice_deadline, notice_sent_on, claim_from, max_claim_cents, rent_cents, charges_cents, housing_benefit_cents, "
          "status, COALESCE(outcome, ''), prepared_on, sent_on, closed_on FROM support_guarantee_claims "
          "WHERE organisation_id = ? AND case_id = ? ORDER BY id DESC",
          {db::P(org), db::P(case_id)}, [&](const db::Row& r) {
            GuaranteeClaim g;
            g.id = r.Int(0);
            g.lease_id = r.Int(1);
            g.guarantee = r.Str(2);
            g.guarantee_reference = r.Str(3);
            g.obtained_on = OptDateOf(r, 4);
            g.student = r.Int(5) != 0;
            g.debt_cents = r.Int(6);
            g.first_unpaid_on = OptDateOf(r, 7);
            g.notice_deadline = OptDateOf(r, 8);
            g.notice_sent_on = OptDateOf(r, 9);
            g.claim_from = OptDateOf(r, 10);
            g.max_claim_cents = r.Int(11);
            g.rent_cents = r.Int(12);
            g.charges_cents = r.Int(13);
            g.housing_benefit_cents = r.Int(14);
            g.status = r.Str(15);
            g.outcome = r.Str(16);
            g.prepared_on = *ParseDate(r.Text(17));
            g.sent_on = OptDateOf(r, 18);
            g.closed_on = OptDateOf(r, 19);
            s.claims.push_back(std::move(g));
          });
  for (auto& g : s.claims) {
    c.Query("SELECT id, paid_on, amount_cents, ledger_line_id FROM support_guarantee_payments "
            "WHERE organisation_id = ? AND claim_id = ? ORDER BY id",
            {db::P(org), db::P(g.id)}, [&](const db::Row& r) {
              g.payments.push_back({r.Int(0), *ParseDate(r.Text(1)), r.Int(2), r.Int(3)});
              g.paid_cents += r.Int(2);
            });
  }
  c.Query("SELECT id, kind, started_on, detail, outcome, outcome_on, outcome_note, amount_cents, paid_on, ledger_line_id "
          "FROM support_other_solutions WHERE organisation_id = ? AND case_id = ? ORDER BY id DESC",
          {db::P(org), db::P(case_id)}, [&](const db::Row& r) {
            OtherSolution o;
            o.id = r.Int(0);
            o.kind = r.Str(1);
            o.started_on = *ParseDate(r.Text(2));
            o.detail = r.Str(3);
            o.outcome = r.Str(4);
            o.outcome_on = OptDateOf(r, 5);
            o.outcome_note = r.Str(6);
            o.amount_cents = r.OptInt(7);
            o.paid_on = OptDateOf(r, 8);
            o.ledger_line_id = r.OptInt(9);
            s.others.push_back(std::move(o));
          });
  c.Query("SELECT h.display_name, h.reference, o.name, COALESCE(u.display_name, '') FROM support_cases s "
          "JOIN households h ON h.id = s.household_id JOIN organisations o ON o.id = s.organisation_id "
          "LEFT JOIN staff_users u ON u.id = s.officer_id WHERE s.id = ? AND s.organisation_id = ?",
          {db::P(case_id), db::P(org)}, [&](const db::Row& r) {
            s.household_name = r.Str(0);
            s.household_reference = r.Str(1);
            s.organisation_name = r.Str(2);
            s.officer_name = r.Str(3);
          });
  return s;
}

const GuaranteeClaim* ClaimOf(const CaseSolutions& s, int64_t id) {
  for (const auto& g : s.claims)
    if (g.id == id) return &g;
  return nullptr;
}
const OtherSolution* SolutionOf(const CaseSolutions& s, int64_t id) {
  for (const auto& o : s.others)
    if (o.id == id) return &o;
  return nullptr;
}

// The frame of every change: authorise, find the case in the organisation, one transaction, the
// audit entry; `apply` returns an error or nothing, and the answer is the case's solutions.
template <class F>
Result<CaseSolutions> Change(db::Database& db, const auth::Actor& actor, const SolutionRules& rules, int64_t case_id,
                             CivilDate today, F apply) {
  const int64_t org = actor.organisation_id;
  return ChangeCase<CaseSolutions>(db, actor, case_id, kWorkForbidden,
                                   [&](db::Connection& c, const CaseRow& s) -> Result<CaseSolutions> {
                                     const CaseSolutions before = Load(c, org, case_id, s.household_id, rules, today);
                                     std::optional<Error> e = apply(c, s, before);
                                     if (e) return *e;
                                     return Load(c, org, case_id, s.household_id, rules, today);
                                   });
}

// Moves a case to referred (a referral sent), or keeps it there.
std::optional<Error> Refer(db::Connection& c, int64_t org, int64_t case_id, const CaseRow& s, int64_t ref,
                           const std::string& text, int64_t user, int64_t now) {
  if (s.state == "referred") {
    AddCaseEvent(c, org, case_id, "guarantee_sent", "", "", ref, text, user, now);
    return std::nullopt;
  }
  auto next = NextCaseState(*StateFromCode(s.state), CaseEvent::kRefer, {});
  if (!next.ok()) return next.error();
  const std::string to(CodeOf(*next));
  c.Exec("UPDATE support_cases SET state = ?, updated_at = ? WHERE id = ?", {db::P(to), db::P(now), db::P(case_id)});
  AddCaseEvent(c, org, case_id, "transition", s.state, to, ref, text, user, now);
  return std::nullopt;
}

std::string OtherKindLabel(const std::string& kind) {
  if (kind == "action_logement") return "Aide Action Logement";
  if (kind == "benefit_review") return "Réexamen de l'aide au logement";
  return "Orientation vers un·e travailleur·euse social·e";
}

}  // namespace

bool OtherReferralPending(db::Connection& c, int64_t org, int64_t case_id, const std::string& except_table,
                          int64_t except_id) {
  const int64_t fsl = except_table == "fsl" ? except_id : 0;
  const int64_t claim = except_table == "claim" ? except_id : 0;
  return c.QueryInt("SELECT 1 FROM support_fsl_referrals WHERE organisation_id = ? AND case_id = ? AND status = 'sent' "
                    "AND id <> ? UNION ALL SELECT 1 FROM support_guarantee_claims WHERE organisation_id = ? AND "
                    "case_id = ? AND status = 'sent' AND id <> ? LIMIT 1",
                    {db::P(org), db::P(case_id), db::P(fsl), db::P(org), db::P(case_id), db::P(claim)})
      .has_value();
}

void ResumeAfterReferral(db::Connection& c, int64_t org, int64_t case_id, const std::string& state,
                         const std::string& except_table, int64_t except_id, const std::string& text, int64_t user,
                         int64_t now) {
  if (state != "referred" || OtherReferralPending(c, org, case_id, except_table, except_id)) return;
  const bool plan_running =
      c.QueryInt("SELECT 1 FROM support_plans WHERE organisation_id = ? AND case_id = ? AND status = 'active'",
                 {db::P(org), db::P(case_id)})
          .has_value();
  auto next = NextCaseState(CaseState::kReferred, plan_running ? CaseEvent::kStartPlan : CaseEvent::kResume, {});
  if (!next.ok()) return;
  const std::string to(CodeOf(*next));
  c.Exec("UPDATE support_cases SET state = ?, updated_at = ? WHERE id = ?", {db::P(to), db::P(now), db::P(case_id)});
  AddCaseEvent(c, org, case_id, "transition", state, to, except_id, text, user, now);
}

Result<CaseSolutions> StaffReadsCaseSolutions(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                              int64_t case_id, CivilDate today) {
  if (!CanReadCase(actor)) return RefusedReader(actor);
  return db.Read([&](db::Connection& c) -> Result<CaseSolutions> {
    auto s = FindCaseRow(c, actor.organisation_id, case_id);
    if (!s) return NotFound(kCaseNotFound);
    return Load(c, actor.organisation_id, case_id, s->household_id, rules, today);
  });
}

Result<CaseSolutions> OfficerPreparesGuaranteeClaim(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, const ClaimInput& in,
                                                    CivilDate today) {
  const int64_t org = actor.organisation_id;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions& before) -> std::optional<Error> {
                  if (s.state == "closed") return Conflict("Ce dossier est clos : rouvrez-le d'abord.", "event");
                  auto g = GuaranteeOf(in.guarantee);
                  if (!g) return Invalid("guarantee", "La garantie est Visale (visale) ou Loca-Pass (loca_pass).");
                  if (in.obtained_on && *in.obtained_on > today)
                    return Invalid("obtained_on", "La date d'obtention ne peut pas être dans le futur.");
                  if (in.notice_sent_on && *in.notice_sent_on > today)
                    return Invalid("notice_sent_on", "La date de la mise en demeure ne peut pas être dans le futur.");
                  for (const auto& claim : before.claims)
                    if (claim.guarantee == in.guarantee && claim.status != "closed")
                      return Conflict("Une demande " + std::string(LabelOf(*g)) + " est déjà en cours sur ce dossier.",
                                      "guarantee");
                  auto f = FactsOf(c, org, s.household_id, rules, today);
                  if (!f) return Invalid("lease", "Ce ménage n'a pas de bail en cours : pas de mise en jeu de garantie.");
                  f->facts.obtained_on = in.obtained_on;
                  f->facts.student = in.student;
                  const auto e = EligibilityOf(*g, f->facts, rules.arrears, rules.guarantee, today);
                  if (!e.eligible) {
                    std::string why = "La garantie " + std::string(LabelOf(*g)) + " ne peut pas être mise en jeu :";
                    for (const auto& r : e.reasons) why += " " + r;
                    return Invalid(in.obtained_on || *g == Guarantee::kVisale ? "guarantee" : "obtained_on", why);
                  }
                  const int64_t debt = ArrearsOf(c, org, f->lease_id, today, rules.grace_days);
                  const int64_t now = NowMillis();
                  const auto& t = f->facts.terms;
                  const int64_t id = *c.QueryInt(
                      "INSERT INTO support_guarantee_claims (organisation_id, case_id, lease_id, guarantee, "
                      "guarantee_reference, obtained_on, student, debt_cents, first_unpaid_on, notice_deadline, "
                      "notice_sent_on, claim_from, max_claim_cents, rent_cents, charges_cents, housing_benefit_cents, "
                      "prepared_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?, ?, ?, ?) RETURNING id",
                      {db::P(org), db::P(case_id), db::P(f->lease_id), db::P(in.guarantee), db::P(in.guarantee_reference),
                       OptIso(in.obtained_on), db::P(in.student), db::P(debt), OptIso(e.first_unpaid_on),
                       OptIso(e.notice_deadline), OptIso(in.notice_sent_on), OptIso(e.claim_from), db::P(e.max_claim_cents),
                       db::P(t.rent_cents), db::P(t.charges_cents), db::P(t.benefit_cents), db::P(FormatIso(today)),
                       db::P(actor.user_id), db::P(now), db::P(now)});
                  AddCaseEvent(c, org, case_id, "guarantee_prepared", "", "", id,
                           "Mise en jeu de la garantie " + std::string(LabelOf(*g)) + " préparée : dette de " +
                               rent::FormatEuros(debt),
                           actor.user_id, now);
                  return std::nullopt;
                });
}

Result<CaseSolutions> OfficerSendsGuaranteeClaim(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                 int64_t case_id, int64_t claim_id, CivilDate sent_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions& before) -> std::optional<Error> {
                  const auto* g = ClaimOf(before, claim_id);
                  if (!g) return NotFound("Demande de garantie introuvable.");
                  if (g->status != "prepared") return Conflict("Cette demande est déjà envoyée.", "status");
                  if (sent_on > today) return Invalid("sent_on", "La date d'envoi ne peut pas être dans le futur.");
                  if (sent_on < g->prepared_on)
                    return Invalid("sent_on", "La date d'envoi ne peut pas précéder la préparation de la demande.");
                  const int64_t now = NowMillis();
                  c.Exec("UPDATE support_guarantee_claims SET status = 'sent', sent_on = ?, updated_at = ? WHERE id = ?",
                         {db::P(FormatIso(sent_on)), db::P(now), db::P(claim_id)});
                  return Refer(c, org, case_id, s, claim_id,
                               "Demande " + std::string(LabelOf(*GuaranteeOf(g->guarantee))) + " envoyée le " + ShortDate(sent_on),
                               actor.user_id, now);
                });
}

Result<CaseSolutions> OfficerRecordsGuaranteePayment(db::Database& db, const auth::Actor& actor,
                                                     const SolutionRules& rules, int64_t case_id, int64_t claim_id,
                                                     CivilDate paid_on, int64_t amount_cents, CivilDate today) {
  const int64_t org = actor.organisation_id;
  if (auto refused = RefusedAidPoster(db, actor, case_id)) return *refused;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow&, const CaseSolutions& before) -> std::optional<Error> {
                  const auto* g = ClaimOf(before, claim_id);
                  if (!g) return NotFound("Demande de garantie introuvable.");
                  if (g->status != "sent") return Conflict("Seule une demande envoyée et non close reçoit des versements.", "status");
                  if (amount_cents <= 0) return Invalid("amount_cents", "Indiquez le montant versé (positif).");
                  if (g->paid_cents + amount_cents > g->max_claim_cents)
                    return Invalid("amount_cents", "Ce versement dépasse ce que la garantie couvre au plus (" +
                                                       rent::FormatEuros(g->max_claim_cents) + ", dont " +
                                                       rent::FormatEuros(g->paid_cents) + " déjà versés).");
                  if (paid_on > today) return Invalid("paid_on", "La date de versement ne peut pas être dans le futur.");
                  if (paid_on < *g->sent_on) return Invalid("paid_on", "Le versement ne peut pas précéder l'envoi de la demande.");
                  rent::NewLine line;
                  line.lease_id = g->lease_id;
                  line.reference = "GAR-" + std::to_string(claim_id) + "-" + std::to_string(g->payments.size() + 1);
                  line.date = paid_on;
                  line.kind = rent::LineKind::kGuaranteePayment;
                  line.amount_cents = amount_cents;
                  line.label = "Versement " + std::string(LabelOf(*GuaranteeOf(g->guarantee))) +
                               (g->guarantee_reference.empty() ? "" : " (" + g->guarantee_reference + ")");
                  auto posted = rent::PostLine(c, org, line, actor.user_id);
                  if (!posted.ok()) return posted.error();
                  const int64_t now = NowMillis();
                  c.Exec("INSERT INTO support_guarantee_payments (organisation_id, claim_id, paid_on, amount_cents, "
                         "ledger_line_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         {db::P(org), db::P(claim_id), db::P(FormatIso(paid_on)), db::P(amount_cents), db::P(*posted),
                          db::P(actor.user_id), db::P(now)});
                  AddCaseEvent(c, org, case_id, "guarantee_paid", "", "", claim_id,
                           std::string(LabelOf(*GuaranteeOf(g->guarantee))) + " : " + rent::FormatEuros(amount_cents) +
                               " versés le " + ShortDate(paid_on) + ", portés au compte du locataire",
                           actor.user_id, now);
                  return std::nullopt;
                });
}

Result<CaseSolutions> OfficerClosesGuaranteeClaim(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                  int64_t case_id, int64_t claim_id, const std::string& outcome,
                                                  CivilDate closed_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions& before) -> std::optional<Error> {
                  const auto* g = ClaimOf(before, claim_id);
                  if (!g) return NotFound("Demande de garantie introuvable.");
                  if (outcome != "settled" && outcome != "refused" && outcome != "withdrawn")
                    return Invalid("outcome", "L'issue est réglée (settled), refusée (refused) ou abandonnée (withdrawn).");
                  if (g->status == "closed") return Conflict("Cette demande est déjà close.", "status");
                  if (outcome == "settled" && g->payments.empty())
                    return Invalid("outcome", "Une demande réglée a au moins un versement : enregistrez-le d'abord.");
                  if (closed_on > today) return Invalid("closed_on", "La date ne peut pas être dans le futur.");
                  if (closed_on < g->prepared_on) return Invalid("closed_on", "La date ne peut pas précéder la demande.");
                  const int64_t now = NowMillis();
                  c.Exec("UPDATE support_guarantee_claims SET status = 'closed', outcome = ?, closed_on = ?, updated_at = ? "
                         "WHERE id = ?",
                         {db::P(outcome), db::P(FormatIso(closed_on)), db::P(now), db::P(claim_id)});
                  const std::string label(LabelOf(*GuaranteeOf(g->guarantee)));
                  AddCaseEvent(c, org, case_id, "guarantee_closed", "", "", claim_id,
                           "Demande " + label +
                               (outcome == "settled" ? " réglée" : outcome == "refused" ? " refusée" : " abandonnée") +
                               " le " + ShortDate(closed_on),
                           actor.user_id, now);
                  if (g->status == "sent")
                    ResumeAfterReferral(c, org, case_id, s.state, "claim", claim_id,
                                        "Réponse du garant reçue : le suivi reprend", actor.user_id, now);
                  return std::nullopt;
                });
}

Result<std::string> GuaranteeClaimPdf(const CaseSolutions& s, int64_t claim_id) {
  const auto* g = ClaimOf(s, claim_id);
  if (!g) return NotFound("Demande de garantie introuvable.");
  const std::string label(LabelOf(*GuaranteeOf(g->guarantee)));
  pdf::Document d;
  d.Title("Mise en jeu de la garantie " + label);
  d.Line("Bailleur", s.organisation_name);
  d.Line("Dossier suivi par", s.officer_name);
  d.Line("Locataire", s.household_name + " (" + s.household_reference + ")");
  d.Line("Référence de la garantie", g->guarantee_reference.empty() ? "à compléter" : g->guarantee_reference);
  if (g->obtained_on) d.Line("Garantie obtenue le", FormatFrenchDate(*g->obtained_on));
  d.Line("Préparée le", FormatFrenchDate(g->prepared_on));
  d.Heading("Loyer");
  d.Line("Loyer mensuel", rent::FormatEuros(g->rent_cents));
  d.Line("Charges mensuelles", rent::FormatEuros(g->charges_cents));
  d.Line("Aide au logement (APL/AL)", rent::FormatEuros(g->housing_benefit_cents) + " par mois");
  d.Heading("Impayés");
  d.Line("Dette locative", rent::FormatEuros(g->debt_cents));
  if (g->first_unpaid_on) d.Line("Premier loyer impayé", FormatFrenchDate(*g->first_unpaid_on));
  if (g->notice_deadline) d.Line("Mise en demeure à envoyer au plus tard le", FormatFrenchDate(*g->notice_deadline));
  d.Line("Mise en demeure envoyée le", g->notice_sent_on ? FormatFrenchDate(*g->notice_sent_on) : "à compléter");
  if (g->claim_from) d.Line("Sinistre constitué depuis le", FormatFrenchDate(*g->claim_from));
  d.Line("Montant maximal couvert", rent::FormatEuros(g->max_claim_cents));
  d.Heading("Signature");
  d.Line("Pour le bailleur", "");
  return d.Render();
}

Result<CaseSolutions> OfficerRecordsOtherSolution(db::Database& db, const auth::Actor& actor, const SolutionRules& rules,
                                                  int64_t case_id, const std::string& kind, CivilDate started_on,
                                                  const std::string& detail, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions&) -> std::optional<Error> {
                  if (s.state == "closed") return Conflict("Ce dossier est clos : rouvrez-le d'abord.", "event");
                  if (kind != "action_logement" && kind != "benefit_review" && kind != "social_worker")
                    return Invalid("kind", "Choisissez : aide Action Logement, réexamen de l'aide au logement ou "
                                           "orientation vers un·e travailleur·euse social·e.");
                  if (started_on > today) return Invalid("started_on", "La date ne peut pas être dans le futur.");
                  const int64_t now = NowMillis();
                  const int64_t id = *c.QueryInt(
                      "INSERT INTO support_other_solutions (organisation_id, case_id, kind, started_on, detail, created_by, "
                      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      {db::P(org), db::P(case_id), db::P(kind), db::P(FormatIso(started_on)), db::P(detail),
                       db::P(actor.user_id), db::P(now), db::P(now)});
                  AddCaseEvent(c, org, case_id, "solution_added", "", "", id,
                           OtherKindLabel(kind) + " engagé le " + ShortDate(started_on), actor.user_id, now);
                  return std::nullopt;
                });
}

Result<CaseSolutions> OfficerRecordsSolutionOutcome(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, int64_t solution_id,
                                                    const std::string& outcome, CivilDate outcome_on,
                                                    std::optional<int64_t> amount_cents, bool job_loss,
                                                    const std::string& note, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions& before) -> std::optional<Error> {
                  const auto* o = SolutionOf(before, solution_id);
                  if (!o) return NotFound("Solution introuvable.");
                  if (o->outcome != "pending") return Conflict("L'issue de cette solution est déjà enregistrée.", "outcome");
                  const bool social = o->kind == "social_worker";
                  if (social ? (outcome != "done" && outcome != "declined") : (outcome != "granted" && outcome != "refused"))
                    return Invalid("outcome", social ? "L'issue est « faite » (done) ou « déclinée » (declined)."
                                                     : "L'issue est « accordée » (granted) ou « refusée » (refused).");
                  if (outcome_on > today) return Invalid("outcome_on", "La date ne peut pas être dans le futur.");
                  if (outcome_on < o->started_on) return Invalid("outcome_on", "La date ne peut pas précéder la démarche.");
                  std::optional<int64_t> amount;
                  if (o->kind == "action_logement" && outcome == "granted") {
                    const auto& a = rules.aid;
                    const int64_t cap =
                        a.action_logement_monthly_cents * (job_loss ? a.action_logement_job_loss_months : a.action_logement_months);
                    if (!amount_cents || *amount_cents <= 0)
                      return Invalid("amount_cents", "Indiquez le montant de l'aide Action Logement accordée.");
                    if (*amount_cents > cap)
                      return Invalid("amount_cents", "L'aide Action Logement est de " +
                                                         rent::FormatEuros(a.action_logement_monthly_cents) + " par mois pendant " +
                                                         std::to_string(job_loss ? a.action_logement_job_loss_months
                                                                                 : a.action_logement_months) +
                                                         " mois au plus : " + rent::FormatEuros(cap) + ".");
                    // One per household: another case of the household with an aid granted refuses it.
                    if (c.QueryInt("SELECT 1 FROM support_other_solutions o JOIN support_cases s ON s.id = o.case_id "
                                   "WHERE o.organisation_id = ? AND s.household_id = ? AND o.kind = 'action_logement' "
                                   "AND o.outcome = 'granted' LIMIT 1",
                                   {db::P(org), db::P(s.household_id)}))
                      return Conflict("Ce ménage a déjà obtenu l'aide Action Logement (une par ménage).", "outcome");
                    amount = amount_cents;
                  } else if (amount_cents && *amount_cents != 0) {
                    return Invalid("amount_cents", "Seule une aide Action Logement accordée a un montant.");
                  }
                  const int64_t now = NowMillis();
                  c.Exec("UPDATE support_other_solutions SET outcome = ?, outcome_on = ?, outcome_note = ?, amount_cents = ?, "
                         "updated_at = ? WHERE id = ?",
                         {db::P(outcome), db::P(FormatIso(outcome_on)), db::P(note), db::P(amount), db::P(now),
                          db::P(solution_id)});
                  const std::string words = outcome == "granted" ? "accordée" : outcome == "refused" ? "refusée"
                                            : outcome == "done"  ? "faite"
                                                                 : "déclinée";
                  AddCaseEvent(c, org, case_id, "solution_outcome", "", "", solution_id,
                           OtherKindLabel(o->kind) + " : " + words +
                               (amount ? " (" + rent::FormatEuros(*amount) + ")" : std::string()) + " le " + ShortDate(outcome_on),
                           actor.user_id, now);
                  return std::nullopt;
                });
}

Result<CaseSolutions> OfficerRecordsSolutionPayment(db::Database& db, const auth::Actor& actor,
                                                    const SolutionRules& rules, int64_t case_id, int64_t solution_id,
                                                    CivilDate paid_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  if (auto refused = RefusedAidPoster(db, actor, case_id)) return *refused;
  return Change(db, actor, rules, case_id, today,
                [&](db::Connection& c, const CaseRow& s, const CaseSolutions& before) -> std::optional<Error> {
                  const auto* o = SolutionOf(before, solution_id);
                  if (!o) return NotFound("Solution introuvable.");
                  if (o->kind != "action_logement" || o->outcome != "granted" || !o->amount_cents)
                    return Conflict("Seule une aide Action Logement accordée se verse au compte du locataire.", "outcome");
                  if (o->paid_on) return Conflict("Cette aide est déjà versée.", "outcome");
                  if (paid_on > today) return Invalid("paid_on", "La date de versement ne peut pas être dans le futur.");
                  if (paid_on < *o->outcome_on) return Invalid("paid_on", "Le versement ne peut pas précéder l'accord.");
                  auto lease = CurrentLeaseOf(c, org, s.household_id, today);
                  if (!lease) return Invalid("lease", "Ce ménage n'a pas de bail en cours.");
                  rent::NewLine line;
                  line.lease_id = *lease;
                  line.reference = "AL-" + std::to_string(solution_id);
                  line.date = paid_on;
                  line.kind = rent::LineKind::kOtherAid;
                  line.amount_cents = *o->amount_cents;
                  line.label = "Aide Action Logement";
                  auto posted = rent::PostLine(c, org, line, actor.user_id);
                  if (!posted.ok()) return posted.error();
                  const int64_t now = NowMillis();
                  c.Exec("UPDATE support_other_solutions SET paid_on = ?, ledger_line_id = ?, updated_at = ? WHERE id = ?",
                         {db::P(FormatIso(paid_on)), db::P(*posted), db::P(now), db::P(solution_id)});
                  AddCaseEvent(c, org, case_id, "solution_paid", "", "", solution_id,
                           "Aide Action Logement versée (" + rent::FormatEuros(*o->amount_cents) + ", le " + ShortDate(paid_on) +
                               ") : portée au compte du locataire",
                           actor.user_id, now);
                  return std::nullopt;
                });
}

}  // namespace relais::support
