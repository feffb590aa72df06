#include "modules/audit/audit_policy.h"

#include "platform/auth/policy.h"

namespace relais::audit {

bool CanReadTrail(const auth::Actor& a) {
  return auth::Decide(a.kind == auth::Kind::kStaff && a.organisation_id > 0 &&
                      (a.Has(auth::Role::kAdministrator) || a.Has(auth::Role::kDataProtection)));
}

}  // namespace relais::audit
