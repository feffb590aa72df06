#include "modules/outreach/outreach_policy.h"

#include "platform/auth/policy.h"

namespace relais::outreach {
using auth::Kind;
using auth::Role;

namespace {
bool ContactStaff(const auth::Actor& a) {
  return a.kind == Kind::kStaff && a.organisation_id > 0 &&
         (a.Has(Role::kAdministrator) || a.Has(Role::kManager) || a.Has(Role::kCallAgent) ||
          a.Has(Role::kSocialSupport) || a.Has(Role::kReception) || a.Has(Role::kAllocation));
}
bool PartnerWorker(const auth::Actor& a) {
  return a.kind == Kind::kPartner && a.organisation_id > 0 && a.Has(Role::kPartnerWorker);
}
}  // namespace

bool CanOpenReferral(const auth::Actor& a) { return auth::Decide(ContactStaff(a)); }
bool CanReadReferrals(const auth::Actor& a) { return auth::Decide(ContactStaff(a) || PartnerWorker(a)); }
bool CanCloseReferral(const auth::Actor& a) { return auth::Decide(ContactStaff(a) || PartnerWorker(a)); }
bool CanListPartners(const auth::Actor& a) { return auth::Decide(ContactStaff(a)); }
bool CanAnswerReferral(const auth::Actor& a) { return auth::Decide(PartnerWorker(a)); }
bool IsContactStaff(const auth::Actor& a) { return ContactStaff(a); }

ReferralScope ReferralScopeOf(const auth::Actor& a) {
  if (a.kind == Kind::kStaff) return ReferralScope::kLandlord;
  if (a.kind == Kind::kPartner) return ReferralScope::kPartner;
  return ReferralScope::kNone;
}

}  // namespace relais::outreach
