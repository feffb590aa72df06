// What the use cases of a support case's solutions (payment plan, FSL referral, guarantee claims,
// other solutions) share: finding the case within the actor's organisation, refusing a reader by
// role, writing on the case's timeline, and the frame of a change (authorise, find the case, one
// transaction, the audit entry). Internal to the module: other modules use support.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/support/support_policy.h"
#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::support {

inline constexpr const char* kCaseNotFound = "Dossier d'accompagnement introuvable.";
inline constexpr const char* kCaseAnonymised =
    "Ce dossier a été anonymisé (durée de conservation écoulée) : il ne peut plus être modifié.";

// For an actor who may not read cases: partners, observers and tenants are told nothing exists
// (404); the landlord's other staff that their role sees only that a case exists (403).
Error RefusedReader(const auth::Actor& a);

// A case's row as the solutions need it (nullopt: not the organisation's case).
struct CaseRow {
  int64_t id = 0, household_id = 0, officer_id = 0;
  std::string state;
  bool anonymised = false;
};
std::optional<CaseRow> FindCaseRow(db::Connection& c, int64_t org, int64_t id);

// An event on the case's timeline (from/to empty: no transition), and the case's updated_at.
void AddCaseEvent(db::Connection& c, int64_t org, int64_t case_id, const std::string& kind, const std::string& from,
                  const std::string& to, std::optional<int64_t> ref_id, const std::string& text, int64_t user_id,
                  int64_t at);

// DD/MM/YYYY, as the timeline's texts write dates.
std::string ShortDate(CivilDate d);
// A nullable ISO date column.
std::optional<CivilDate> OptDateOf(const db::Row& r, int col);

// The frame of a change on a case: RefusedReader unless the actor may read cases, kNotFound when
// the case is not the organisation's, kForbidden (`work_forbidden`) unless the actor works on
// cases, kConflict (field state) when the case is anonymised; then `apply(connection, case_row)` -> Result<T> in one write transaction, audited as an
// update of the case when it succeeds (the transaction rolls back otherwise).
template <class T, class F>
Result<T> ChangeCase(db::Database& db, const auth::Actor& actor, int64_t case_id, const char* work_forbidden, F apply) {
  if (!CanReadCase(actor)) return RefusedReader(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<T> {
    auto s = FindCaseRow(c, org, case_id);
    if (!s) return NotFound(kCaseNotFound);
    if (!CanWorkOnCase(actor)) return Forbidden(work_forbidden);
    if (s->anonymised) return Conflict(kCaseAnonymised, "state");
    Result<T> r = apply(c, *s);
    if (!r.ok()) return r.error();
    audit::AppendInTransaction(c, audit::Of(actor, "update", "support_case", case_id));
    return r;
  });
}

// Posting an aid payment to the ledger is for the officers only: a manager reading the case is
// told so (403), still after the case decides (404 outside the organisation). nullopt: go on.
std::optional<Error> RefusedAidPoster(db::Database& db, const auth::Actor& actor, int64_t case_id);

}  // namespace relais::support
