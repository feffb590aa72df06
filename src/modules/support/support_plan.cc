// Use cases of payment plans: authorise through support_policy, scope to the organisation, one
// transaction with its audit entry. The ledger is read through modules/rent/ledger.h only.
#include "modules/support/support_plan.h"

#include "modules/rent/ledger.h"
#include "modules/support/case_state.h"
#include "modules/support/case_store.h"
#include "modules/support/support.h"
#include "modules/support/support_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/paris_time.h"
#include "platform/core/text.h"
#include "platform/log/log.h"
#include "platform/pdf/pdf.h"

namespace relais::support {
namespace {

std::string Euros(int64_t cents) {
  const bool negative = cents < 0;
  int64_t v = negative ? -cents : cents;
  std::string units = std::to_string(v / 100);
  std::string grouped;
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u202f";
    grouped += units[i];
  }
  const int64_t c = v % 100;
  return (negative ? "-" : "") + grouped + "," + (c < 10 ? "0" : "") + std::to_string(c) + " €";
}

std::optional<PaymentPlanView> LoadPlan(db::Connection& c, int64_t org, const std::string& where, int64_t value,
                                        const PlanRules& rules, CivilDate today) {
  std::optional<PaymentPlanView> p;
  c.Query("SELECT p.id, p.case_id, p.lease_id, p.debt_cents, p.months, p.first_due_on, p.signed_on, p.status, "
          "l.rent_cents, l.charges_cents, h.display_name, h.reference, o.name, COALESCE(u.display_name, ''), p.ended_on, "
          "p.end_reason "
          "FROM support_plans p JOIN support_cases s ON s.id = p.case_id JOIN leases l ON l.id = p.lease_id "
          "JOIN households h ON h.id = s.household_id JOIN organisations o ON o.id = p.organisation_id "
          "LEFT JOIN staff_users u ON u.id = s.officer_id WHERE p.organisation_id = ? AND " + where +
              " ORDER BY p.id DESC LIMIT 1",
          {db::P(org), db::P(value)}, [&](const db::Row& r) {
            PaymentPlanView v;
            v.id = r.Int(0);
            v.case_id = r.Int(1);
            v.lease_id = r.Int(2);
            v.debt_cents = r.Int(3);
            v.months = static_cast<int>(r.Int(4));
            v.first_due_on = *ParseDate(r.Text(5));
            v.signed_on = *ParseDate(r.Text(6));
            v.status = r.Str(7);
            v.rent_cents = r.Int(8);
            v.charges_cents = r.Int(9);
            v.household_name = r.Str(10);
            v.household_reference = r.Str(11);
            v.organisation_name = r.Str(12);
            v.officer_name = r.Str(13);
            v.ended_on = OptDateOf(r, 14);
            v.end_reason = r.Str(15);
            p = std::move(v);
          });
  if (!p) return p;
  std::vector<Instalment> schedule;
  c.Query("SELECT number, due_on, amount_cents, missed_task_id FROM support_plan_instalments WHERE plan_id = ? ORDER BY number",
          {db::P(p->id)}, [&](const db::Row& r) {
            Instalment i{static_cast<int>(r.Int(0)), *ParseDate(r.Text(1)), r.Int(2)};
            schedule.push_back(i);
            p->instalments.push_back({i, r.OptInt(3)});
          });
  p->debt_now_cents = ArrearsOf(c, org, p->lease_id, today, rules.grace_days);
  p->adherence = AdherenceOf(schedule, p->debt_cents, p->debt_now_cents, today, rules);
  return p;
}

// A plan ended before its term (broken or cancelled): a case in "plan active" resumes (in
// progress) with the transition on its timeline; in another state (referred: a fund decides) it
// stays, and the end is written as `kind`.
void EndPlanOnCase(db::Connection& c, int64_t org, int64_t case_id, const std::string& state, int64_t plan_id,
                   const std::string& kind, const std::string& text, int64_t user_id) {
  const int64_t now = NowMillis();
  if (state == "plan_active") {
    auto next = NextCaseState(CaseState::kPlanActive, CaseEvent::kResume, {});
    if (next.ok()) {
      const std::string to(CodeOf(*next));
      c.Exec("UPDATE support_cases SET state = ? WHERE id = ? AND organisation_id = ?",
             {db::P(to), db::P(case_id), db::P(org)});
      AddCaseEvent(c, org, case_id, "transition", state, to, plan_id, text, user_id, now);
      return;
    }
  }
  AddCaseEvent(c, org, case_id, kind, "", "", plan_id, text, user_id, now);
}

}  // namespace

std::optional<int64_t> CurrentLeaseOf(db::Connection& c, int64_t org, int64_t household_id, CivilDate today) {
  return c.QueryInt("SELECT id FROM leases WHERE organisation_id = ? AND household_id = ? AND start_date <= ? "
                    "AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date DESC, id DESC LIMIT 1",
                    {db::P(org), db::P(household_id), db::P(FormatIso(today)), db::P(FormatIso(today))});
}

int64_t ArrearsOf(db::Connection& c, int64_t org, int64_t lease_id, CivilDate today, int grace_days) {
  int64_t balance = rent::BalanceOfLease(c, org, lease_id, today);
  const int64_t today_days = DaysFromCivil(today);
  for (const auto& l : rent::LinesOfLease(c, org, lease_id)) {
    const int64_t d = DaysFromCivil(l.date);
    if ((l.kind == rent::LineKind::kRent || l.kind == rent::LineKind::kCharges) && d <= today_days &&
        d + grace_days >= today_days)
      balance -= l.amount_cents;
  }
  return balance;
}

Result<PaymentPlanView> OfficerSetsUpPaymentPlan(db::Database& db, const auth::Actor& actor, const PlanRules& rules,
                                                 int64_t case_id, const PlanInput& in, CivilDate today) {
  const int64_t org = actor.organisation_id;
  const auto apply = [&](db::Connection& c, const CaseRow& s) -> Result<PaymentPlanView> {
    auto to = NextCaseState(*StateFromCode(s.state), CaseEvent::kStartPlan, {});
    if (!to.ok()) return to.error();
    if (in.signed_on > today) return Invalid("signed_on", "La date de signature ne peut pas être dans le futur.");
    if (in.first_due_on < in.signed_on)
      return Invalid("first_due_on", "La première échéance ne peut pas précéder la signature du plan.");
    auto lease = CurrentLeaseOf(c, org, s.household_id, today);
    if (!lease) return Invalid("lease", "Ce ménage n'a pas de bail en cours : pas de plan d'apurement possible.");
    const int64_t debt = ArrearsOf(c, org, *lease, today, rules.grace_days);
    if (debt <= 0) return Invalid("debt", "Le compte du locataire ne présente pas de dette à étaler.");
    auto schedule = ScheduleOf(debt, in.months, in.first_due_on, rules);
    if (!schedule.ok()) return schedule.error();
    const int64_t now = NowMillis();
    const int64_t id = *c.QueryInt(
        "INSERT INTO support_plans (organisation_id, case_id, lease_id, debt_cents, months, first_due_on, signed_on, "
        "status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id",
        {db::P(org), db::P(case_id), db::P(*lease), db::P(debt), db::P(in.months), db::P(FormatIso(in.first_due_on)),
         db::P(FormatIso(in.signed_on)), db::P(actor.user_id), db::P(now)});
    for (const auto& i : *schedule) {
      c.Exec("INSERT INTO support_plan_instalments (plan_id, number, organisation_id, due_on, amount_cents) VALUES (?, ?, ?, ?, ?)",
             {db::P(id), db::P(i.number), db::P(org), db::P(FormatIso(i.due_on)), db::P(i.amount_cents)});
    }
    c.Exec("UPDATE support_cases SET state = 'plan_active' WHERE id = ? AND organisation_id = ?",
           {db::P(case_id), db::P(org)});
    AddCaseEvent(c, org, case_id, "transition", s.state, "plan_active", id,
                 "Plan d'apurement : " + Euros(debt) + " en " + std::to_string(in.months) + " mensualités", actor.user_id,
                 now);
    return *LoadPlan(c, org, "p.id = ?", id, rules, today);
  };
  return ChangeCase<PaymentPlanView>(db, actor, case_id, "Seul·es les CESF mettent en place un plan d'apurement.", apply);
}

Result<PaymentPlanView> OfficerCancelsPaymentPlan(db::Database& db, const auth::Actor& actor, const PlanRules& rules,
                                                  int64_t case_id, const std::string& reason_in, CivilDate today) {
  const int64_t org = actor.organisation_id;
  const std::string reason(text::Trim(reason_in));
  const auto apply = [&](db::Connection& c, const CaseRow& s) -> Result<PaymentPlanView> {
    if (!CanEndPaymentPlan(actor)) return Forbidden("Seul·es les CESF annulent un plan d'apurement.");
    const auto plan = c.QueryInt("SELECT id FROM support_plans WHERE organisation_id = ? AND case_id = ? AND status = 'active'",
                                 {db::P(org), db::P(case_id)});
    if (!plan) return Conflict("Aucun plan d'apurement en cours sur ce dossier.", "status");
    if (reason.empty()) return Invalid("reason", "Indiquez le motif de l'annulation du plan.");
    if (reason.size() > 1000) return Invalid("reason", "Le motif ne doit pas dépasser 1000 caractères.");
    auto next = NextPlanStatus(PlanStatus::kActive, PlanEvent::kCancel);
    if (!next.ok()) return next.error();
    c.Exec("UPDATE support_plans SET status = ?, ended_on = ?, ended_by = ?, end_reason = ? WHERE id = ? AND organisation_id = ?",
           {db::P(std::string(CodeOf(*next))), db::P(FormatIso(today)), db::P(actor.user_id), db::P(reason), db::P(*plan),
            db::P(org)});
    EndPlanOnCase(c, org, case_id, s.state, *plan, "plan_cancelled", "Plan d'apurement annulé : " + reason, actor.user_id);
    return *LoadPlan(c, org, "p.id = ?", *plan, rules, today);
  };
  return ChangeCase<PaymentPlanView>(db, actor, case_id, "Seul·es les CESF annulent un plan d'apurement.", apply);
}

Result<std::optional<PaymentPlanView>> StaffReadsPaymentPlan(db::Database& db, const auth::Actor& actor,
                                                             const PlanRules& rules, int64_t case_id, CivilDate today) {
  if (!CanReadCase(actor)) return RefusedReader(actor);
  return db.Read([&](db::Connection& c) -> Result<std::optional<PaymentPlanView>> {
    if (!FindCaseRow(c, actor.organisation_id, case_id)) return NotFound(kCaseNotFound);
    return LoadPlan(c, actor.organisation_id, "p.case_id = ?", case_id, rules, today);
  });
}

Result<std::string> PaymentPlanPdf(const PaymentPlanView& p) {
  pdf::Document d;
  d.Title("Plan d'apurement de la dette locative");
  d.Line("Bailleur", p.organisation_name);
  d.Line("Ménage", p.household_name + " (" + p.household_reference + ")");
  d.Line("Dossier suivi par", p.officer_name);
  d.Line("Dette étalée", Euros(p.debt_cents));
  d.Line("Nombre de mensualités", std::to_string(p.months));
  d.Line("Loyer et charges courants", Euros(p.rent_cents + p.charges_cents) + " par mois");
  d.Line("Signé le", FormatFrenchDate(p.signed_on));
  d.Heading("Échéancier");
  d.Paragraph("Chaque mensualité s'ajoute au loyer et aux charges du mois, qui restent dus à leur échéance habituelle.");
  for (const auto& i : p.instalments)
    d.Line("Échéance n° " + std::to_string(i.instalment.number) + " — " + ShortDate(i.instalment.due_on),
           Euros(i.instalment.amount_cents));
  d.Heading("Engagements");
  d.Paragraph("Le ménage s'engage à payer chaque mensualité en plus du loyer courant. En cas de difficulté, il prévient "
              "sans attendre sa ou son conseiller·ère : une échéance non payée n'est pas une fin de plan, mais un point à "
              "revoir ensemble.");
  d.Heading("Signatures");
  d.Line("Pour le ménage", "");
  d.Line("Pour le bailleur", "");
  return d.Render();
}

PlanCheckReport CheckPaymentPlans(db::Database& db, const PlanRules& rules, CivilDate today) {
  PlanCheckReport report;
  std::vector<std::pair<int64_t, int64_t>> plans;  // organisation, plan
  db.Read([&](db::Connection& c) {
    c.Query("SELECT organisation_id, id FROM support_plans WHERE status = 'active' AND (checked_on IS NULL OR checked_on < ?)",
            {db::P(FormatIso(today))}, [&](const db::Row& r) { plans.emplace_back(r.Int(0), r.Int(1)); });
    return 0;
  });
  for (const auto& entry : plans) {
    // Plain names, not a structured binding: clang 14 (the sanitizer build) cannot capture those.
    const int64_t org = entry.first, plan_id = entry.second;
    db.Write([&](db::Connection& c) {
      auto p = LoadPlan(c, org, "p.id = ?", plan_id, rules, today);
      if (!p || p->status != "active") return 0;
      ++report.checked;
      if (p->adherence.first_missed) {
        // Every instalment past its grace period from the first uncovered one gets its task, once.
        int64_t expected = p->debt_cents;
        for (const auto& i : p->instalments) {
          if (DaysFromCivil(i.instalment.due_on) + rules.grace_days >= DaysFromCivil(today)) break;
          expected -= i.instalment.amount_cents;
          if (p->debt_now_cents <= expected || i.missed_task_id) continue;
          const int64_t task = AddSystemTaskIn(
              c, org, p->case_id,
              "Échéance n° " + std::to_string(i.instalment.number) + " du plan d'apurement non payée (" +
                  Euros(i.instalment.amount_cents) + ", échue le " + ShortDate(i.instalment.due_on) + ") : recontacter le ménage",
              today);
          c.Exec("UPDATE support_plan_instalments SET missed_task_id = ? WHERE plan_id = ? AND number = ?",
                 {db::P(task), db::P(plan_id), db::P(i.instalment.number)});
          ++report.missed_tasks;
        }
        const int missed = static_cast<int>(*c.QueryInt(
            "SELECT COUNT(*) FROM support_plan_instalments WHERE plan_id = ? AND missed_task_id IS NOT NULL", {db::P(plan_id)}));
        if (PlanIsBroken(missed, rules)) {
          c.Exec("UPDATE support_plans SET status = 'broken', ended_on = ?, ended_by = 0 WHERE id = ?",
                 {db::P(FormatIso(today)), db::P(plan_id)});
          const std::string count = std::to_string(missed) + " échéance" + (missed > 1 ? "s" : "") + " non payée" +
                                    (missed > 1 ? "s" : "");
          std::string state;
          c.Query("SELECT state FROM support_cases WHERE id = ? AND organisation_id = ?", {db::P(p->case_id), db::P(org)},
                  [&](const db::Row& r) { state = r.Str(0); });
          EndPlanOnCase(c, org, p->case_id, state, plan_id, "plan_broken", "Plan d'apurement rompu : " + count, 0);
          AddSystemTaskIn(c, org, p->case_id, "Plan d'apurement rompu (" + count + ") : revoir la situation avec le ménage",
                          today);
          ++report.broken;
        }
      } else if (p->adherence.completed) {
        c.Exec("UPDATE support_plans SET status = 'completed' WHERE id = ?", {db::P(plan_id)});
        AddCaseEvent(c, org, p->case_id, "plan_completed", "", "", plan_id, "Plan d'apurement respecté jusqu'au bout", 0,
                     NowMillis());
        ++report.completed;
      }
      c.Exec("UPDATE support_plans SET checked_on = ? WHERE id = ?", {db::P(FormatIso(today)), db::P(plan_id)});
      return 0;
    });
  }
  return report;
}

PlanAdherenceJob::PlanAdherenceJob(db::Database& db, PlanRules rules)
    : job_(std::chrono::minutes(2), std::chrono::hours(6), [&db, rules] {
        try {
          const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
          auto r = CheckPaymentPlans(db, rules, today);
          if (r.checked > 0)
            log::Info("payment plans checked", {{"plans", std::to_string(r.checked)},
                                                {"missed_tasks", std::to_string(r.missed_tasks)},
                                                {"completed", std::to_string(r.completed)},
                                                {"broken", std::to_string(r.broken)}});
        } catch (const std::exception& e) {
          log::Error("payment plan check failed", {{"error", e.what()}});
        }
      }) {}

}  // namespace relais::support
