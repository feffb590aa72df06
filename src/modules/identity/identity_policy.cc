#include "modules/identity/identity_policy.h"

#include "platform/auth/policy.h"

namespace relais::identity {

bool CanUseOwnSession(const auth::Actor& a) { return auth::Decide(a.user_id > 0); }

bool CanEnrolOwnMfa(const auth::Actor& a) { return auth::Decide(a.user_id > 0 && a.kind == auth::Kind::kStaff); }

bool CanManageMfaPolicy(const auth::Actor& a) {
  return auth::Decide(a.kind == auth::Kind::kStaff && a.Has(auth::Role::kAdministrator));
}

bool CanResetStaffMfa(const auth::Actor& a) {
  return auth::Decide(a.kind == auth::Kind::kStaff && a.Has(auth::Role::kAdministrator));
}

}  // namespace relais::identity
