#include "modules/dashboard/dashboard_policy.h"

#include "platform/auth/policy.h"

namespace relais::dashboard {
using auth::Kind;
using auth::Role;

bool CanReadFigures(const auth::Actor& a) {
  return auth::Decide(a.organisation_id > 0 &&
                      ((a.kind == Kind::kObserver && a.Has(Role::kRegionalObserver)) ||
                       (a.kind == Kind::kStaff && a.Has(Role::kManager))));
}

bool CanReadOpenEscalations(const auth::Actor& a) {
  return auth::Decide(a.organisation_id > 0 && a.kind == Kind::kStaff && a.Has(Role::kManager));
}

FiguresScope FiguresScopeOf(const auth::Actor& a) {
  if (a.kind == Kind::kObserver) return FiguresScope::kRegion;
  if (a.kind == Kind::kStaff) return FiguresScope::kOrganisation;
  return FiguresScope::kNone;
}

}  // namespace relais::dashboard
