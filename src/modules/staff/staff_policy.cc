#include "modules/staff/staff_policy.h"

#include "platform/auth/policy.h"

namespace relais::staff {

bool MayManageStaff(const auth::Actor& a, StaffAction /*every action alike*/, int64_t organisation_id) {
  return auth::Decide(a.kind == auth::Kind::kStaff && a.organisation_id > 0 &&
                      a.organisation_id == organisation_id && a.Has(auth::Role::kAdministrator));
}

bool SeesStaffAccounts(const auth::Actor& a) {
  return auth::Decide(a.kind == auth::Kind::kStaff && a.organisation_id > 0);
}

}  // namespace relais::staff
