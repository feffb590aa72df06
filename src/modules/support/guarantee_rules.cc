#include "modules/support/guarantee_rules.h"

#include <algorithm>

#include "modules/rent/arrears_clock.h"

namespace relais::support {

std::string_view CodeOf(Guarantee g) { return g == Guarantee::kVisale ? "visale" : "loca_pass"; }
std::string_view LabelOf(Guarantee g) { return g == Guarantee::kVisale ? "Visale" : "Loca-Pass"; }
std::optional<Guarantee> GuaranteeOf(std::string_view code) {
  if (code == "visale") return Guarantee::kVisale;
  if (code == "loca_pass") return Guarantee::kLocaPass;
  return std::nullopt;
}

namespace {
std::string Short(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}
}  // namespace

Eligibility EligibilityOf(Guarantee g, const ClaimFacts& f, const rent::ArrearsRules& ar, const GuaranteeRules& rules,
                          CivilDate today) {
  Eligibility e;
  e.first_unpaid_on = f.arrears.arrears_since;
  const int64_t residual = rent::ResidualRent(f.terms);
  if (f.arrears.arrears_cents <= 0) e.reasons.push_back("Aucun impayé : rien à réclamer à la garantie.");
  if (g == Guarantee::kVisale) {
    if (e.first_unpaid_on) e.notice_deadline = rent::VisaleNoticeDeadline(*e.first_unpaid_on, ar);
    e.claim_from = f.arrears.visale_claim_since;
    const int64_t rent = f.terms.rent_cents + f.terms.charges_cents;
    bool ok = f.arrears.arrears_cents > 0;
    if (rent > rules.visale_rent_cap_cents) {
      ok = false;
      e.reasons.push_back("Loyer et charges (" + rent::FormatEuros(rent) + ") au-dessus du plafond Visale (" +
                          rent::FormatEuros(rules.visale_rent_cap_cents) + ").");
    }
    if (f.arrears.arrears_cents > 0 && !e.claim_from) {
      ok = false;
      e.reasons.push_back("Pas encore de sinistre Visale : il faut " + std::to_string(ar.visale_full_months) +
                          " mois entièrement impayés ou un impayé partiel de plus de " +
                          std::to_string(ar.visale_partial_months) + " mois de loyer résiduel.");
    }
    if (e.notice_deadline && today > *e.notice_deadline)
      e.reasons.push_back("La mise en demeure devait être envoyée au plus tard le " + Short(*e.notice_deadline) +
                          " : vérifiez qu'elle l'a été.");
    e.eligible = ok;
    const int months = f.student ? rules.visale_student_cover_months : rules.visale_cover_months;
    e.max_claim_cents = months * residual;
  } else {
    bool ok = f.arrears.arrears_cents > 0;
    if (!f.obtained_on) {
      ok = false;
      e.reasons.push_back("Indiquez la date d'obtention de la garantie Loca-Pass.");
    } else if (*f.obtained_on > rent::AddMonths(f.lease_start, rules.locapass_apply_months)) {
      ok = false;
      e.reasons.push_back("La garantie Loca-Pass doit avoir été demandée dans les " +
                          std::to_string(rules.locapass_apply_months) + " mois de l'entrée dans les lieux.");
    }
    e.eligible = ok;
    e.max_claim_cents = rules.locapass_cover_months * std::min(residual, rules.locapass_monthly_cap_cents);
  }
  return e;
}

}  // namespace relais::support
