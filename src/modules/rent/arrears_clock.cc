#include "modules/rent/arrears_clock.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace relais::rent {
namespace {

struct StepInfo {
  Step step;
  std::string_view code;
  std::string_view label;
};
constexpr std::array<StepInfo, 6> kSteps = {{
    {Step::kReminder, "reminder", "Relance amiable"},
    {Step::kCafReport, "caf_report", "Signalement CAF"},
    {Step::kCcapexReferral, "ccapex_referral", "Saisine de la CCAPEX"},
    {Step::kRepaymentPlan, "repayment_plan", "Plan d'apurement"},
    {Step::kPaymentDemand, "payment_demand", "Commandement de payer"},
    {Step::kSummons, "summons", "Assignation"},
}};

std::string Months(int64_t hundredths) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld,%02lld", static_cast<long long>(hundredths / 100),
                static_cast<long long>(hundredths % 100));
  return buf;
}

const Crisis* CrisisOn(const std::vector<Crisis>& crises, CivilDate day) {
  for (const auto& c : crises)
    if (c.from <= day && (!c.until || day <= *c.until)) return &c;
  return nullptr;
}

}  // namespace

std::string_view CodeOf(Step s) { return kSteps[static_cast<size_t>(s)].code; }
std::string_view LabelOf(Step s) { return kSteps[static_cast<size_t>(s)].label; }
std::optional<Step> StepOf(std::string_view code) {
  for (const auto& i : kSteps)
    if (i.code == code) return i.step;
  return std::nullopt;
}
const std::vector<Step>& AllSteps() {
  static const std::vector<Step> all = {Step::kReminder,      Step::kCafReport,     Step::kCcapexReferral,
                                        Step::kRepaymentPlan, Step::kPaymentDemand, Step::kSummons};
  return all;
}

std::optional<CivilDate>& StepsDone::Of(Step s) {
  switch (s) {
    case Step::kReminder: return reminder;
    case Step::kCafReport: return caf_report;
    case Step::kCcapexReferral: return ccapex_referral;
    case Step::kRepaymentPlan: return repayment_plan;
    case Step::kPaymentDemand: return payment_demand;
    case Step::kSummons: break;
  }
  return summons;
}
const std::optional<CivilDate>& StepsDone::Of(Step s) const { return const_cast<StepsDone*>(this)->Of(s); }

std::string FormatDayMonth(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d", d.day, d.month);
  return buf;
}

std::string FormatEuros(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t v = negative ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string units = std::to_string(v / 100);
  std::string grouped;
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u00a0";  // no-break space between thousands
    grouped += units[i];
  }
  char decimals[8];
  std::snprintf(decimals, sizeof decimals, ",%02llu", static_cast<unsigned long long>(v % 100));
  return (negative ? "-" : "") + grouped + decimals + "\u00a0€";
}

std::optional<NextAction> NextActionOf(const ArrearsFacts& f, const LeaseTerms& t, const StepsDone& done,
                                       CivilDate today, const ArrearsRules& r, const std::vector<Crisis>& crises,
                                       const CrisisPolicy& policy) {
  if (f.arrears_cents <= 0 || !f.arrears_since || done.summons) return std::nullopt;
  std::vector<NextAction> open;
  auto add = [&](Step s, CivilDate due, bool not_before, bool escalation, std::string reason) {
    NextAction a;
    a.step = s;
    a.due = due;
    a.not_before = not_before;
    a.escalation = escalation;
    a.reason = std::move(reason);
    open.push_back(std::move(a));
  };
  const bool later_step_done =
      done.caf_report || done.ccapex_referral || done.repayment_plan || done.payment_demand;
  if (!done.reminder && !later_step_done) {
    add(Step::kReminder, AddDays(*f.arrears_since, r.payment_term_days + 1), false, true,
        "Relance amiable à faire — impayé depuis l'échéance du " + FormatDayMonth(*f.arrears_since) + " : " +
            FormatEuros(f.arrears_cents) + ", soit " + Months(f.months_hundredths) + " mois de loyer résiduel");
  }
  // The referral: the CAF/MSA report for a benefit recipient (it counts as the CCAPEX referral),
  // the CCAPEX itself otherwise; both once the impayé is constituted.
  const bool benefit = t.benefit_cents > 0;
  if (f.caf_threshold_since) {
    const CivilDate since = *f.caf_threshold_since;
    if (benefit && !done.caf_report) {
      add(Step::kCafReport, CafReportDeadline(since, r), false, false,
          "Signalement CAF à faire avant le " + FormatDayMonth(CafReportDeadline(since, r)) +
              " — impayé constitué le " + FormatDayMonth(since));
    } else if (!benefit && !done.ccapex_referral) {
      add(Step::kCcapexReferral, since, true, false,
          "Saisine de la CCAPEX à faire — impayé constitué le " + FormatDayMonth(since) +
              " (préalable à toute assignation)");
    }
  }
  const std::optional<CivilDate> referred = done.caf_report ? done.caf_report : done.ccapex_referral;
  const std::string referral_words = done.caf_report ? "signalement CAF" : "saisine de la CCAPEX";
  if (referred && !done.repayment_plan && !done.payment_demand && !(benefit && FollowsCafPlan(f.arrears_cents, r))) {
    const CivilDate plan_deadline = RepaymentPlanDeadline(*referred, r);
    if (today <= plan_deadline) {
      add(Step::kRepaymentPlan, plan_deadline, false, false,
          "Plan d'apurement à mettre en place avant le " + FormatDayMonth(plan_deadline) + " — " + referral_words +
              " du " + FormatDayMonth(*referred));
    } else {
      const CivilDate from = AddDays(plan_deadline, 1);
      add(Step::kPaymentDemand, from, true, true,
          "Commandement de payer possible depuis le " + FormatDayMonth(from) + " — pas de plan d'apurement dans les " +
              std::to_string(r.repayment_plan_months) + " mois du " + referral_words + " (" +
              FormatDayMonth(*referred) + ")");
    }
  }
  if (done.payment_demand && referred) {
    const CivilDate demand_ends = PaymentDemandEnds(t.signed_on, *done.payment_demand, r);
    const CivilDate from = std::max(AddDays(demand_ends, 1), EarliestSummons(*referred, r));
    const bool weeks = t.signed_on >= r.payment_demand_reform_date;
    std::string reason = "Assignation possible à partir du " + FormatDayMonth(from) + " — commandement de payer du " +
                         FormatDayMonth(*done.payment_demand) + " (délai de " +
                         (weeks ? std::to_string(r.payment_demand_weeks) + " semaines"
                                : std::to_string(r.payment_demand_months_before_reform) + " mois") +
                         ")";
    if (auto truce = WinterTruceEnds(std::max(from, today), r))
      reason += " ; trêve hivernale jusqu'au " + FormatDayMonth(*truce) + " : aucune expulsion exécutée";
    add(Step::kSummons, from, true, true, std::move(reason));
  }
  if (open.empty()) return std::nullopt;

  // A crisis in force today: the landlord's reminders and escalations wait; legal deadlines stay.
  if (const Crisis* c = CrisisOn(crises, today)) {
    for (auto& a : open) {
      a.crisis = c->name;
      if (!a.escalation || policy.mode == CrisisMode::kNone) {
        if (!a.escalation) a.reason += " — crise « " + c->name + " » en cours : ce délai légal n'est pas suspendu";
        continue;
      }
      if (policy.mode == CrisisMode::kPause) {
        a.paused = true;
        if (c->until) {
          a.due = std::max(a.due, AddDays(*c->until, 1));
          a.reason += " — suspendu : crise « " + c->name + " » jusqu'au " + FormatDayMonth(*c->until);
        } else {
          a.reason += " — suspendu pendant la crise « " + c->name + " »";
        }
      } else {
        a.due = AddDays(std::max(a.due, c->until.value_or(today)), policy.postpone_days);
        a.not_before = true;
        a.reason += " — reporté au " + FormatDayMonth(a.due) + " : crise « " + c->name + " »";
      }
    }
  }
  const auto order = [](const NextAction& a, const NextAction& b) {
    if (a.paused != b.paused) return !a.paused;
    if (a.due != b.due) return a.due < b.due;
    return a.step < b.step;
  };
  return *std::min_element(open.begin(), open.end(), order);
}

}  // namespace relais::rent
