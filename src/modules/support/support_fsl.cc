// Use cases of FSL referrals: authorise through support_policy, scope every load to the actor's
// organisation, one transaction with its audit entry (record type support_case). The ledger is
// read and written through modules/rent/ledger.h only.
#include "modules/support/support_fsl.h"

#include <nlohmann/json.hpp>

#include "modules/rent/arrears_clock.h"
#include "modules/rent/ledger.h"
#include "modules/support/case_state.h"
#include "modules/support/case_store.h"
#include "modules/support/support_plan.h"
#include "modules/support/support_policy.h"
#include "modules/support/support_solutions.h"
#include "platform/audit/audit.h"
#include "platform/core/paris_time.h"
#include "platform/pdf/pdf.h"

namespace relais::support {
namespace {

const char* const kWorkForbidden = "Seul·es les CESF préparent et suivent les dossiers FSL.";

std::string RelationLabel(const std::string& code) {
  if (code == "holder") return "titulaire du bail";
  if (code == "co_holder") return "cotitulaire du bail";
  if (code == "spouse") return "conjoint·e";
  if (code == "child") return "enfant";
  return "autre personne du foyer";
}

FslDepartement DepartementByCode(const FslRules& rules, const std::string& code) {
  for (const auto& d : rules.departements)
    if (d.code == code) return d;
  FslDepartement unknown;  // a département no longer configured: its code only
  unknown.code = code;
  unknown.name = code;
  return unknown;
}

// The latest referral of the case, with `extra` appended to the WHERE clause.
std::optional<FslReferralView> LoadReferral(db::Connection& c, const FslRules& rules, int64_t org, int64_t case_id,
                                            const std::string& extra = "") {
  std::optional<FslReferralView> out;
  c.Query(
      "SELECT f.id, f.case_id, f.lease_id, f.departement, f.aid_kind, f.composition, f.household_size, "
      "f.monthly_resources_cents, f.resources_note, f.difficulty, f.debt_cents, f.rent_cents, f.charges_cents, "
      "f.housing_benefit_cents, f.benefit_paid_to_landlord, f.requested_cents, f.status, COALESCE(f.decision, ''), "
      "f.granted_cents, f.decision_note, f.prepared_on, f.sent_on, f.decided_on, f.paid_on, f.ledger_line_id, "
      "h.display_name, h.reference, b.street, b.postal_code, o.name, COALESCE(u.display_name, '') "
      "FROM support_fsl_referrals f JOIN support_cases s ON s.id = f.case_id "
      "JOIN households h ON h.id = s.household_id JOIN dwellings d ON d.id = h.dwelling_id "
      "JOIN buildings b ON b.id = d.building_id JOIN organisations o ON o.id = f.organisation_id "
      "LEFT JOIN staff_users u ON u.id = s.officer_id "
      "WHERE f.organisation_id = ? AND f.case_id = ? " + extra + " ORDER BY f.id DESC LIMIT 1",
      {db::P(org), db::P(case_id)}, [&](const db::Row& r) {
        FslReferralView v;
        v.id = r.Int(0);
        v.case_id = r.Int(1);
        v.lease_id = r.Int(2);
        v.departement = DepartementByCode(rules, r.Str(3));
        v.aid_kind = r.Str(4);
        const auto members = nlohmann::json::parse(r.Str(5), nullptr, false);
        if (members.is_array()) {
          for (const auto& m : members) {
            FslMember fm;
            fm.first_name = m.value("first_name", "");
            fm.last_name = m.value("last_name", "");
            fm.relation = m.value("relation", "");
            if (m.contains("birth_year") && m["birth_year"].is_number_integer()) fm.birth_year = m["birth_year"].get<int>();
            v.members.push_back(fm);
          }
        }
        v.household_size = static_cast<int>(r.Int(6));
        v.monthly_resources_cents = r.Int(7);
        v.resources_note = r.Str(8);
        v.difficulty = r.Str(9);
        v.debt_cents = r.Int(10);
        v.rent_cents = r.Int(11);
        v.charges_cents = r.Int(12);
        v.housing_benefit_cents = r.Int(13);
        v.benefit_paid_to_landlord = r.Int(14) != 0;
        v.requested_cents = r.Int(15);
        v.status = r.Str(16);
        v.decision = r.Str(17);
        v.granted_cents = r.OptInt(18);
        v.decision_note = r.Str(19);
        v.prepared_on = *ParseDate(r.Text(20));
        v.sent_on = OptDateOf(r, 21);
        v.decided_on = OptDateOf(r, 22);
        v.paid_on = OptDateOf(r, 23);
        v.ledger_line_id = r.OptInt(24);
        v.household_name = r.Str(25);
        v.household_reference = r.Str(26);
        v.address = r.Str(27) + (r.Str(28).empty() ? "" : ", " + r.Str(28));
        v.organisation_name = r.Str(29);
        v.officer_name = r.Str(30);
        v.resources = CheckResources(v.departement, v.household_size, v.monthly_resources_cents);
        out = std::move(v);
      });
  return out;
}

}  // namespace

Result<FslReferralView> OfficerPreparesFslReferral(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                   int64_t case_id, const FslInput& in, CivilDate today, int grace_days) {
  const int64_t org = actor.organisation_id;
  return ChangeCase<FslReferralView>(db, actor, case_id, kWorkForbidden, [&](db::Connection& c, const CaseRow& s) -> Result<FslReferralView> {
    if (s.state == "closed") return Conflict("Ce dossier est clos : rouvrez-le d'abord.", "event");
    if (!FslAidKindOf(in.aid_kind))
      return Invalid("aid_kind", "Choisissez l'objet de la demande : impayés de loyer, énergie, eau ou assurance.");
    if (in.monthly_resources_cents < 0)
      return Invalid("monthly_resources_cents", "Les ressources mensuelles ne peuvent pas être négatives.");
    auto open = LoadReferral(c, rules, org, case_id, "AND f.status IN ('prepared', 'sent', 'granted', 'partial')");
    if (open && open->status != "prepared")
      return Conflict("Un dossier FSL est déjà envoyé pour ce dossier : enregistrez d'abord sa décision et son versement.",
                      "status");
    auto lease = CurrentLeaseOf(c, org, s.household_id, today);
    if (!lease) return Invalid("lease", "Ce ménage n'a pas de bail en cours : pas de dossier FSL de maintien possible.");
    std::string commune;
    c.Query("SELECT b.commune_insee FROM households h JOIN dwellings d ON d.id = h.dwelling_id "
            "JOIN buildings b ON b.id = d.building_id WHERE h.id = ? AND h.organisation_id = ?",
            {db::P(s.household_id), db::P(org)}, [&](const db::Row& r) { commune = r.Str(0); });
    const FslDepartement* dep = DepartementOf(rules, commune);
    if (!dep)
      return Invalid("departement", "Le logement n'est pas dans un département dont le FSL est configuré (commune " +
                                        commune + ").");
    int64_t rent = 0, charges = 0, benefit = 0, to_landlord = 0;
    c.Query("SELECT rent_cents, charges_cents, housing_benefit_cents, benefit_paid_to_landlord FROM leases "
            "WHERE id = ? AND organisation_id = ?",
            {db::P(*lease), db::P(org)}, [&](const db::Row& r) {
              rent = r.Int(0);
              charges = r.Int(1);
              benefit = r.Int(2);
              to_landlord = r.Int(3);
            });
    const int64_t debt = ArrearsOf(c, org, *lease, today, grace_days);
    const int64_t requested = in.requested_cents.value_or(debt);
    if (!in.requested_cents && debt <= 0)
      return Invalid("requested_cents", "Le compte ne présente pas de dette : indiquez le montant demandé au FSL.");
    if (auto ok = CheckRequest(*dep, requested); !ok.ok()) return ok.error();
    nlohmann::json members = nlohmann::json::array();
    c.Query("SELECT first_name, last_name, relation, birth_date FROM members WHERE household_id = ? AND organisation_id = ? "
            "ORDER BY position",
            {db::P(s.household_id), db::P(org)}, [&](const db::Row& r) {
              nlohmann::json m{{"first_name", r.Str(0)}, {"last_name", r.Str(1)}, {"relation", r.Str(2)}};
              // The birth year only: what the fund needs to know of ages, no more (GDPR minimisation).
              if (!r.IsNull(3)) {
                if (auto d = ParseDate(r.Text(3))) m["birth_year"] = d->year;
              }
              members.push_back(m);
            });
    const int64_t now = NowMillis();
    const std::string composition = members.dump(), prepared_on = FormatIso(today);
    const int64_t size = static_cast<int64_t>(members.size());
    int64_t id = 0;
    if (open) {
      id = open->id;
      c.Exec("UPDATE support_fsl_referrals SET lease_id = ?, departement = ?, aid_kind = ?, composition = ?, "
             "household_size = ?, monthly_resources_cents = ?, resources_note = ?, difficulty = ?, debt_cents = ?, "
             "rent_cents = ?, charges_cents = ?, housing_benefit_cents = ?, benefit_paid_to_landlord = ?, "
             "requested_cents = ?, prepared_on = ?, updated_at = ? WHERE id = ?",
             {db::P(*lease), db::P(dep->code), db::P(in.aid_kind), db::P(composition), db::P(size),
              db::P(in.monthly_resources_cents), db::P(in.resources_note), db::P(in.difficulty), db::P(debt), db::P(rent),
              db::P(charges), db::P(benefit), db::P(to_landlord), db::P(requested), db::P(prepared_on), db::P(now),
              db::P(id)});
    } else {
      id = *c.QueryInt(
          "INSERT INTO support_fsl_referrals (organisation_id, case_id, lease_id, departement, aid_kind, composition, "
          "household_size, monthly_resources_cents, resources_note, difficulty, debt_cents, rent_cents, charges_cents, "
          "housing_benefit_cents, benefit_paid_to_landlord, requested_cents, prepared_on, updated_at, created_by, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {db::P(org), db::P(case_id), db::P(*lease), db::P(dep->code), db::P(in.aid_kind), db::P(composition),
           db::P(size), db::P(in.monthly_resources_cents), db::P(in.resources_note), db::P(in.difficulty), db::P(debt),
           db::P(rent), db::P(charges), db::P(benefit), db::P(to_landlord), db::P(requested), db::P(prepared_on),
           db::P(now), db::P(actor.user_id), db::P(now)});
    }
    AddCaseEvent(c, org, case_id, "fsl_prepared", "", "", id,
             "Dossier FSL préparé (" + dep->name + ") : " + rent::FormatEuros(requested) + " demandés", actor.user_id, now);
    return *LoadReferral(c, rules, org, case_id);
  });
}

Result<FslReferralView> OfficerSendsFslReferral(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                int64_t case_id, CivilDate sent_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return ChangeCase<FslReferralView>(db, actor, case_id, kWorkForbidden, [&](db::Connection& c, const CaseRow& s) -> Result<FslReferralView> {
    auto f = LoadReferral(c, rules, org, case_id, "AND f.status = 'prepared'");
    if (!f) return Conflict("Aucun dossier FSL préparé à envoyer.", "status");
    if (sent_on > today) return Invalid("sent_on", "La date d'envoi ne peut pas être dans le futur.");
    if (sent_on < f->prepared_on) return Invalid("sent_on", "La date d'envoi ne peut pas précéder la préparation du dossier.");
    // A case already referred (another fund or partner at the same time) stays referred.
    std::string to = s.state;
    if (s.state != "referred") {
      auto next = NextCaseState(*StateFromCode(s.state), CaseEvent::kRefer, {});
      if (!next.ok()) return next.error();
      to = std::string(CodeOf(*next));
    }
    const int64_t now = NowMillis();
    c.Exec("UPDATE support_fsl_referrals SET status = 'sent', sent_on = ?, updated_at = ? WHERE id = ?",
           {db::P(FormatIso(sent_on)), db::P(now), db::P(f->id)});
    c.Exec("UPDATE support_cases SET state = ?, updated_at = ? WHERE id = ?", {db::P(to), db::P(now), db::P(case_id)});
    AddCaseEvent(c, org, case_id, to != s.state ? "transition" : "fsl_sent", to != s.state ? s.state : "",
             to != s.state ? to : "", f->id, "Dossier FSL envoyé au FSL — " + f->departement.name + " — le " + ShortDate(sent_on),
             actor.user_id, now);
    return *LoadReferral(c, rules, org, case_id);
  });
}

Result<FslReferralView> OfficerRecordsFslDecision(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                  int64_t case_id, const std::string& decision,
                                                  std::optional<int64_t> granted_cents, const std::string& note,
                                                  CivilDate decided_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  return ChangeCase<FslReferralView>(db, actor, case_id, kWorkForbidden, [&](db::Connection& c, const CaseRow& s) -> Result<FslReferralView> {
    auto d = FslDecisionOf(decision);
    if (!d) return Invalid("decision", "La décision est accordée (granted), partielle (partial) ou refusée (refused).");
    auto f = LoadReferral(c, rules, org, case_id, "AND f.status = 'sent'");
    if (!f) return Conflict("Aucun dossier FSL envoyé n'attend de décision.", "status");
    if (auto ok = CheckDecision(*d, f->requested_cents, granted_cents); !ok.ok()) return ok.error();
    if (decided_on > today) return Invalid("decided_on", "La date de décision ne peut pas être dans le futur.");
    if (decided_on < *f->sent_on) return Invalid("decided_on", "La décision ne peut pas précéder l'envoi du dossier.");
    const int64_t now = NowMillis();
    const std::optional<int64_t> amount = *d == FslDecision::kRefused ? std::nullopt : granted_cents;
    c.Exec("UPDATE support_fsl_referrals SET status = ?, decision = ?, granted_cents = ?, decision_note = ?, "
           "decided_on = ?, updated_at = ? WHERE id = ?",
           {db::P(decision), db::P(decision), db::P(amount), db::P(note), db::P(FormatIso(decided_on)), db::P(now),
            db::P(f->id)});
    std::string text = *d == FslDecision::kRefused ? "Le FSL a refusé l'aide"
                       : *d == FslDecision::kPartial
                           ? "Le FSL accorde une aide partielle de " + rent::FormatEuros(*amount) + " (" +
                                 rent::FormatEuros(f->requested_cents) + " demandés)"
                           : "Le FSL accorde " + rent::FormatEuros(*amount);
    text += " — décision du " + ShortDate(decided_on);
    AddCaseEvent(c, org, case_id, "fsl_decision", "", "", f->id, text, actor.user_id, now);
    // The referral is answered: a referred case resumes (back to its running plan, if any) unless
    // another referral (a guarantee claim) still awaits its answer.
    ResumeAfterReferral(c, org, case_id, s.state, "fsl", f->id, "Réponse du FSL reçue : le suivi reprend", actor.user_id,
                        now);
    return *LoadReferral(c, rules, org, case_id);
  });
}

Result<FslReferralView> OfficerRecordsFslPayment(db::Database& db, const auth::Actor& actor, const FslRules& rules,
                                                 int64_t case_id, CivilDate paid_on, CivilDate today) {
  const int64_t org = actor.organisation_id;
  if (auto refused = RefusedAidPoster(db, actor, case_id)) return *refused;
  return ChangeCase<FslReferralView>(db, actor, case_id, kWorkForbidden, [&](db::Connection& c, const CaseRow&) -> Result<FslReferralView> {
    auto f = LoadReferral(c, rules, org, case_id, "AND f.status IN ('granted', 'partial')");
    if (!f) return Conflict("Aucune aide du FSL accordée n'attend son versement.", "status");
    if (paid_on > today) return Invalid("paid_on", "La date de versement ne peut pas être dans le futur.");
    if (paid_on < *f->decided_on) return Invalid("paid_on", "Le versement ne peut pas précéder la décision du FSL.");
    rent::NewLine line;
    line.lease_id = f->lease_id;
    line.reference = "FSL-" + std::to_string(f->id);
    line.date = paid_on;
    line.kind = rent::LineKind::kFslGrant;
    line.amount_cents = *f->granted_cents;
    line.label = "Aide du FSL (" + f->departement.name + "), décision du " + ShortDate(*f->decided_on);
    auto posted = rent::PostLine(c, org, line, actor.user_id);
    if (!posted.ok()) return posted.error();
    const int64_t now = NowMillis();
    c.Exec("UPDATE support_fsl_referrals SET status = 'paid', paid_on = ?, ledger_line_id = ?, updated_at = ? WHERE id = ?",
           {db::P(FormatIso(paid_on)), db::P(*posted), db::P(now), db::P(f->id)});
    AddCaseEvent(c, org, case_id, "fsl_paid", "", "", f->id,
             "Aide du FSL versée (" + rent::FormatEuros(*f->granted_cents) + ", le " + ShortDate(paid_on) +
                 ") : portée au compte du locataire",
             actor.user_id, now);
    return *LoadReferral(c, rules, org, case_id);
  });
}

Result<std::optional<FslReferralView>> StaffReadsFslReferral(db::Database& db, const auth::Actor& actor,
                                                             const FslRules& rules, int64_t case_id) {
  if (!CanReadCase(actor)) return RefusedReader(actor);
  return db.Read([&](db::Connection& c) -> Result<std::optional<FslReferralView>> {
    if (!FindCaseRow(c, actor.organisation_id, case_id)) return NotFound(kCaseNotFound);
    return LoadReferral(c, rules, actor.organisation_id, case_id);
  });
}

Result<std::string> FslReferralPdf(const FslReferralView& r) {
  pdf::Document d;
  d.Title("Demande d'aide au Fonds de solidarité pour le logement (FSL)");
  d.Line("Département", r.departement.name + " (" + r.departement.code + ")");
  d.Line("Adresse du FSL", r.departement.fund_address.empty()
                               ? "non configurée (fsl.d" + r.departement.code + "_address) : à compléter"
                               : r.departement.fund_address);
  d.Line("Objet de la demande", std::string(LabelOf(*FslAidKindOf(r.aid_kind))));
  d.Line("Préparée le", FormatFrenchDate(r.prepared_on));
  d.Heading("Bailleur");
  d.Line("Bailleur", r.organisation_name);
  d.Line("Dossier suivi par", r.officer_name);
  d.Heading("Ménage");
  d.Line("Ménage", r.household_name + " (" + r.household_reference + ")");
  d.Line("Adresse du logement", r.address);
  d.Line("Nombre de personnes", std::to_string(r.household_size));
  for (const auto& m : r.members)
    d.Line(m.first_name + " " + m.last_name,
           RelationLabel(m.relation) + (m.birth_year ? ", né·e en " + std::to_string(*m.birth_year) : ""));
  d.Heading("Ressources");
  d.Line("Ressources mensuelles déclarées", rent::FormatEuros(r.monthly_resources_cents));
  if (!r.resources_note.empty()) d.Line("Détail", r.resources_note);
  d.Line("Plafond de ressources du FSL",
         r.resources.configured ? rent::FormatEuros(r.resources.ceiling_cents) +
                                      (r.resources.within ? " : ressources sous le plafond" : " : ressources au-dessus du plafond")
                                : "non configuré : à vérifier auprès du FSL");
  d.Heading("Logement et dette");
  d.Line("Loyer mensuel", rent::FormatEuros(r.rent_cents));
  d.Line("Charges mensuelles", rent::FormatEuros(r.charges_cents));
  d.Line("Aide au logement (APL/AL)", rent::FormatEuros(r.housing_benefit_cents) +
                                          (r.benefit_paid_to_landlord ? " par mois, versée au bailleur"
                                                                      : " par mois, versée au locataire"));
  d.Line("Dette locative à la préparation", rent::FormatEuros(r.debt_cents));
  d.Line("Montant demandé", rent::FormatEuros(r.requested_cents));
  if (!r.difficulty.empty()) {
    d.Heading("Nature de la difficulté");
    d.Paragraph(r.difficulty);
  }
  d.Heading("Engagements");
  d.Paragraph("Le ménage a été informé de cette demande et des informations transmises au FSL. Il peut aussi saisir "
              "lui-même le FSL de son département.");
  d.Heading("Signatures");
  d.Line("Pour le ménage", "");
  d.Line("Pour le bailleur", "");
  return d.Render();
}

}  // namespace relais::support
