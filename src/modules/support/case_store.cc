#include "modules/support/case_store.h"

#include <cstdio>

namespace relais::support {

Error RefusedReader(const auth::Actor& a) {
  if (a.kind == auth::Kind::kStaff && a.organisation_id > 0)
    return Forbidden("Votre rôle ne voit que l'existence du dossier d'accompagnement et son ou sa référent·e, pas son contenu.");
  return NotFound(kCaseNotFound);
}

std::optional<CaseRow> FindCaseRow(db::Connection& c, int64_t org, int64_t id) {
  std::optional<CaseRow> out;
  c.Query("SELECT id, household_id, officer_id, state, anonymised_at FROM support_cases WHERE id = ? AND organisation_id = ?",
          {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = CaseRow{r.Int(0), r.Int(1), r.Int(2), r.Str(3), !r.IsNull(4)}; });
  return out;
}

void AddCaseEvent(db::Connection& c, int64_t org, int64_t case_id, const std::string& kind, const std::string& from,
                  const std::string& to, std::optional<int64_t> ref_id, const std::string& text, int64_t user_id,
                  int64_t at) {
  c.Exec("INSERT INTO support_case_events (organisation_id, case_id, kind, from_state, to_state, ref_id, text, user_id, at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {db::P(org), db::P(case_id), db::P(kind), from.empty() ? db::P(nullptr) : db::P(from),
          to.empty() ? db::P(nullptr) : db::P(to), db::P(ref_id), db::P(text), db::P(user_id), db::P(at)});
  c.Exec("UPDATE support_cases SET updated_at = ? WHERE id = ? AND organisation_id = ?",
         {db::P(at), db::P(case_id), db::P(org)});
}

std::string ShortDate(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

std::optional<CivilDate> OptDateOf(const db::Row& r, int col) {
  if (r.IsNull(col)) return std::nullopt;
  return ParseDate(r.Text(col));
}

std::optional<Error> RefusedAidPoster(db::Database& db, const auth::Actor& actor, int64_t case_id) {
  if (!CanReadCase(actor) || CanPostAidPayment(actor)) return std::nullopt;
  const bool seen = db.Read([&](db::Connection& c) { return FindCaseRow(c, actor.organisation_id, case_id).has_value(); });
  if (!seen) return NotFound(kCaseNotFound);
  return Forbidden("Seul·es les CESF enregistrent le versement d'une aide au compte du locataire.");
}

}  // namespace relais::support
