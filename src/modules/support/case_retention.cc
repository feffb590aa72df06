// Anonymisation of support cases (docs/adr/0021-support-case-retention.md): what tells about the
// household goes (free texts, documents, the FSL file's snapshot of the household and its
// resources, guarantee references), what counts for statistics stays (states, outcome, dates,
// amounts, kinds of solution). The caller audits.
#include <chrono>

#include "modules/support/support.h"

namespace relais::support {

bool AnonymiseCaseIn(db::Connection& c, int64_t org, int64_t case_id, const std::string& reason) {
  const auto found = c.QueryInt("SELECT id FROM support_cases WHERE id = ? AND organisation_id = ? AND anonymised_at IS NULL",
                                {db::P(case_id), db::P(org)});
  if (!found) return false;
  const int64_t now = NowMillis();
  c.Exec("UPDATE support_cases SET reason = '', anonymised_at = ?, anonymisation_reason = ? WHERE id = ? AND organisation_id = ?",
         {db::P(now), db::P(reason), db::P(case_id), db::P(org)});
  // The timeline keeps its kinds, states and dates; its texts (comments, task titles, file names,
  // amounts in words) go.
  c.Exec("UPDATE support_case_events SET text = '' WHERE case_id = ? AND organisation_id = ?", {db::P(case_id), db::P(org)});
  c.Exec("UPDATE support_tasks SET title = '' WHERE case_id = ? AND organisation_id = ?", {db::P(case_id), db::P(org)});
  c.Exec("DELETE FROM support_notes WHERE case_id = ? AND organisation_id = ?", {db::P(case_id), db::P(org)});
  c.Exec("DELETE FROM support_documents WHERE case_id = ? AND organisation_id = ?", {db::P(case_id), db::P(org)});
  c.Exec("UPDATE support_plans SET end_reason = '' WHERE case_id = ? AND organisation_id = ?", {db::P(case_id), db::P(org)});
  // The FSL file: the members and the resources the household declared; the amounts, the
  // département, the kind of aid and the decision stay.
  c.Exec("UPDATE support_fsl_referrals SET composition = '[]', monthly_resources_cents = 0, resources_note = '', "
         "difficulty = '', decision_note = '' WHERE case_id = ? AND organisation_id = ?",
         {db::P(case_id), db::P(org)});
  c.Exec("UPDATE support_guarantee_claims SET guarantee_reference = '' WHERE case_id = ? AND organisation_id = ?",
         {db::P(case_id), db::P(org)});
  c.Exec("UPDATE support_other_solutions SET detail = '', outcome_note = '' WHERE case_id = ? AND organisation_id = ?",
         {db::P(case_id), db::P(org)});
  return true;
}

std::vector<int64_t> AnonymiseHouseholdCasesIn(db::Connection& c, int64_t org, int64_t household_id) {
  std::vector<int64_t> ids;
  c.Query("SELECT id FROM support_cases WHERE organisation_id = ? AND household_id = ? AND anonymised_at IS NULL ORDER BY id",
          {db::P(org), db::P(household_id)}, [&](const db::Row& r) { ids.push_back(r.Int(0)); });
  const int64_t now = NowMillis();
  const std::string today = FormatIso(ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())));
  for (int64_t id : ids) {
    // The follow-up of an anonymised household ends with it: its case closes (outcome other) and
    // a running plan stops, so that no nightly job writes on the case again.
    c.Exec("UPDATE support_plans SET status = 'cancelled' WHERE case_id = ? AND organisation_id = ? AND status = 'active'",
           {db::P(id), db::P(org)});
    c.Exec("UPDATE support_cases SET state = 'closed', outcome = 'other', closed_at = ?, follow_up_ended_on = ? "
           "WHERE id = ? AND organisation_id = ? AND state <> 'closed'",
           {db::P(now), db::P(today), db::P(id), db::P(org)});
    AnonymiseCaseIn(c, org, id, "household");
  }
  return ids;
}

std::vector<CaseRef> CasesPastRetention(db::Connection& c, CivilDate ended_before) {
  std::vector<CaseRef> out;
  // Dates are stored as ISO text (YYYY-MM-DD): they compare as strings.
  c.Query("SELECT organisation_id, id FROM support_cases WHERE state = 'closed' AND anonymised_at IS NULL "
          "AND follow_up_ended_on IS NOT NULL AND follow_up_ended_on < ? ORDER BY organisation_id, id",
          {db::P(FormatIso(ended_before))}, [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1)}); });
  return out;
}

}  // namespace relais::support
