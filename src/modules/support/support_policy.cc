#include "modules/support/support_policy.h"

#include "platform/auth/policy.h"

namespace relais::support {
namespace {
using auth::Role;

constexpr uint32_t Mask(std::initializer_list<Role> roles) {
  uint32_t m = 0;
  for (Role r : roles) m |= static_cast<uint32_t>(r);
  return m;
}
constexpr uint32_t kContact = Mask({Role::kAdministrator, Role::kManager, Role::kCallAgent, Role::kSocialSupport,
                                    Role::kReception, Role::kAllocation});
constexpr uint32_t kContent = Mask({Role::kManager, Role::kSocialSupport});
constexpr uint32_t kOfficer = Mask({Role::kSocialSupport});

bool Landlord(const auth::Actor& a, uint32_t mask) {
  return a.kind == auth::Kind::kStaff && a.organisation_id > 0 && (a.roles & mask) != 0;
}

}  // namespace

bool CanSeeCaseExists(const auth::Actor& a) { return auth::Decide(Landlord(a, kContact)); }
bool CanReadCase(const auth::Actor& a) { return auth::Decide(Landlord(a, kContent)); }
bool CanOpenCase(const auth::Actor& a) { return auth::Decide(Landlord(a, kOfficer)); }
bool CanWorkOnCase(const auth::Actor& a) { return auth::Decide(Landlord(a, kOfficer)); }
bool CanPostAidPayment(const auth::Actor& a) { return auth::Decide(Landlord(a, kOfficer)); }
bool CanEndPaymentPlan(const auth::Actor& a) { return auth::Decide(Landlord(a, kOfficer)); }

}  // namespace relais::support
