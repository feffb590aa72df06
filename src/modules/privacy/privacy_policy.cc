#include "modules/privacy/privacy_policy.h"

#include "platform/auth/policy.h"

namespace relais::privacy {
using auth::Role;

namespace {
bool StaffOfALandlord(const auth::Actor& a) { return a.kind == auth::Kind::kStaff && a.organisation_id > 0; }
}  // namespace

bool CanExportSubjectAccess(const auth::Actor& a) {
  return auth::Decide(StaffOfALandlord(a) && (a.Has(Role::kDataProtection) || a.Has(Role::kAdministrator)));
}

bool CanAnonymise(const auth::Actor& a) { return auth::Decide(StaffOfALandlord(a) && a.Has(Role::kDataProtection)); }

}  // namespace relais::privacy
