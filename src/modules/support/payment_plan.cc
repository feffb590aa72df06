#include "modules/support/payment_plan.h"

namespace relais::support {

CivilDate AddMonthsClamped(CivilDate first, int months) {
  const int index = first.year * 12 + (first.month - 1) + months;
  CivilDate d{index / 12, index % 12 + 1, 1};
  d.day = std::min(first.day, DaysInMonth(d.year, d.month));
  return d;
}

Result<std::vector<Instalment>> ScheduleOf(int64_t debt_cents, int months, CivilDate first_due_on, const PlanRules& rules) {
  if (debt_cents <= 0) return Invalid("debt_cents", "La dette à étaler doit être positive.");
  if (months < 1 || months > rules.max_months)
    return Invalid("months", "Le plan compte de 1 à " + std::to_string(rules.max_months) + " mensualités.");
  if (!IsValid(first_due_on)) return Invalid("first_due_on", "Date de première échéance invalide.");
  const int64_t base = debt_cents / months;
  if (base < rules.min_instalment_cents)
    return Invalid("months", "Chaque mensualité doit être d'au moins " + std::to_string(rules.min_instalment_cents / 100) +
                                 " € : choisissez moins de mensualités.");
  std::vector<Instalment> out;
  out.reserve(static_cast<size_t>(months));
  for (int i = 0; i < months; ++i) out.push_back({i + 1, AddMonthsClamped(first_due_on, i), base});
  out.back().amount_cents += debt_cents - base * months;
  return out;
}

Adherence AdherenceOf(const std::vector<Instalment>& schedule, int64_t debt_at_start_cents, int64_t debt_now_cents,
                      CivilDate today, const PlanRules& rules) {
  Adherence a;
  a.expected_debt_cents = debt_at_start_cents;
  const int64_t today_days = DaysFromCivil(today);
  int64_t remaining = debt_at_start_cents;
  for (const auto& i : schedule) {
    if (DaysFromCivil(i.due_on) + rules.grace_days >= today_days) break;  // not yet past its grace period
    remaining -= i.amount_cents;
    a.expected_debt_cents = remaining;
    if (debt_now_cents > remaining && !a.first_missed) a.first_missed = i.number;
  }
  a.behind_cents = std::max<int64_t>(0, debt_now_cents - a.expected_debt_cents);
  if (a.behind_cents == 0) a.first_missed.reset();
  a.completed = !schedule.empty() && a.expected_debt_cents <= 0 && debt_now_cents <= 0;
  return a;
}

std::string_view CodeOf(PlanStatus s) {
  switch (s) {
    case PlanStatus::kActive: return "active";
    case PlanStatus::kCompleted: return "completed";
    case PlanStatus::kBroken: return "broken";
    case PlanStatus::kCancelled: return "cancelled";
  }
  return "active";
}

std::optional<PlanStatus> PlanStatusFromCode(std::string_view code) {
  for (PlanStatus s : {PlanStatus::kActive, PlanStatus::kCompleted, PlanStatus::kBroken, PlanStatus::kCancelled})
    if (CodeOf(s) == code) return s;
  return std::nullopt;
}

Result<PlanStatus> NextPlanStatus(PlanStatus from, PlanEvent event) {
  if (from != PlanStatus::kActive) {
    return Conflict(from == PlanStatus::kCompleted ? "Ce plan d'apurement est déjà mené à son terme."
                    : from == PlanStatus::kBroken  ? "Ce plan d'apurement est déjà rompu."
                                                   : "Ce plan d'apurement est déjà annulé.",
                    "status");
  }
  switch (event) {
    case PlanEvent::kComplete: return PlanStatus::kCompleted;
    case PlanEvent::kBreak: return PlanStatus::kBroken;
    case PlanEvent::kCancel: return PlanStatus::kCancelled;
  }
  return Conflict("Événement de plan inconnu.", "status");
}

bool PlanIsBroken(int missed, const PlanRules& rules) {
  return rules.broken_after_missed > 0 && missed >= rules.broken_after_missed;
}

}  // namespace relais::support
