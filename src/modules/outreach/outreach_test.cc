// Referrals on both engines, through the use cases the API runs, and the housing scope they open:
// role x action x (own landlord / other landlord / partner with and without an open referral).
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/outreach/outreach.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {

// The tenant's consent as a referral records it: the day before yesterday, the tenant.
Consent Consented() {
  const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  return {CivilFromDays(DaysFromCivil(today) - 2), "La locataire"};
}
using auth::Kind;
using auth::Role;

class OutreachTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    landlord_a_ = Org("Habitat A", "732829320", "landlord");
    landlord_b_ = Org("Habitat B", "552100554", "landlord");
    ccas_ = Org("CCAS de Saint-Lô", "130023757", "partner");
    other_partner_ = Org("Association Entraide", "130087109", "partner");
    regional_ = Org("Association régionale", "130221732", "regional");
    ASSERT_TRUE(db().Write([&](db::Connection& c) {
      return housing::AttachPartner(c, ccas_, landlord_a_, "50502");
    }).ok());
    ASSERT_TRUE(db().Write([&](db::Connection& c) {
      return housing::AttachPartner(c, other_partner_, landlord_a_, "14118");  // not the household's commune
    }).ok());
    household_a_ = Household(Staff(landlord_a_, Role::kManager), "A");
    household_b_ = Household(Staff(landlord_b_, Role::kManager), "B");
  }
  db::Database& db() { return t_->db(); }

  int64_t Org(const std::string& name, const std::string& siren, const std::string& kind) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, kind); });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  static auth::Actor Staff(int64_t org, Role role, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  auth::Actor PartnerWorker() const { return Staff(ccas_, Role::kPartnerWorker, Kind::kPartner); }
  auth::Actor Observer() const { return Staff(regional_, Role::kRegionalObserver, Kind::kObserver); }

  // A household in Saint-Lô (50502) of `manager`'s landlord.
  int64_t Household(const auth::Actor& manager, const std::string& tag) {
    housing::Building b;
    b.reference = "BAT-" + tag;
    b.street = "1 rue des Lilas";
    b.commune_insee = "50502";
    auto building = housing::ManagerCreatesBuilding(db(), manager, b);
    EXPECT_TRUE(building.ok()) << building.error().message;
    housing::Dwelling d;
    d.reference = "LGT-" + tag;
    d.building_id = building->id;
    d.rooms = 2;
    d.surface_cm2 = 4500;
    auto dwelling = housing::ManagerCreatesDwelling(db(), manager, d);
    EXPECT_TRUE(dwelling.ok());
    housing::Household h;
    h.reference = "TEN-" + tag;
    h.dwelling_id = dwelling->id;
    h.members.push_back({0, "Hélène", "Dupont" + tag, CivilDate{1950, 1, 2}, housing::Relation::kHolder});
    h.phones.push_back({"0612345678", "mobile"});
    h.notes = "Note interne";
    h.email = "helene@example.org";
    housing::Lease l;
    l.start_date = {2001, 5, 1};
    l.rent_cents = 30000;
    h.lease = l;
    auto made = housing::AgentCreatesHousehold(db(), manager, h);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? made->id : 0;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t landlord_a_ = 0, landlord_b_ = 0, ccas_ = 0, other_partner_ = 0, regional_ = 0;
  int64_t household_a_ = 0, household_b_ = 0;
};

TEST_P(OutreachTest, ALandlordRefersAHouseholdToAnAttachedPartnerWhichThenSeesOnlyWhatItNeeds) {
  const auto agent = Staff(landlord_a_, Role::kCallAgent);
  // Before any referral, the partner's worker finds nothing: neither the household nor a referral.
  EXPECT_EQ(housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ActorListsReferrals(db(), PartnerWorker(), {})->empty());

  auto r = StaffOpensReferral(db(), agent, household_a_, ccas_, "Impayés depuis trois mois, aide au budget", Consented());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->open);
  EXPECT_EQ(r->partner_name, "CCAS de Saint-Lô");
  EXPECT_EQ(r->household_name, "Hélène DupontA");
  EXPECT_EQ(r->commune_name, "Saint-Lô");

  auto seen = housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->DisplayName(), "Hélène DupontA");
  ASSERT_EQ(seen->phones.size(), 1u);
  EXPECT_FALSE(seen->address.empty());
  EXPECT_EQ(seen->organisation_id, landlord_a_);  // the audit entry goes to the landlord's trail
  // Never the lease, birth dates, the e-mail or the landlord's notes.
  EXPECT_FALSE(seen->lease.has_value());
  EXPECT_FALSE(seen->members[0].birth_date.has_value());
  EXPECT_EQ(seen->notes, "");
  EXPECT_EQ(seen->email, "");
  // Both sides list it.
  EXPECT_EQ(ActorListsReferrals(db(), PartnerWorker(), {})->size(), 1u);
  EXPECT_EQ(ActorListsReferrals(db(), agent, {})->size(), 1u);
  // The same household twice to the same partner: refused while open.
  EXPECT_EQ(StaffOpensReferral(db(), agent, household_a_, ccas_, "encore", Consented()).error().code, ErrorCode::kConflict);

  // The partner closes it: the household is gone from its sight.
  auto closed = ActorClosesReferral(db(), PartnerWorker(), r->id);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->open);
  EXPECT_TRUE(closed->closed_at.has_value());
  EXPECT_EQ(ActorClosesReferral(db(), agent, r->id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ActorListsReferrals(db(), agent, {true})->size(), 0u);
  EXPECT_EQ(ActorListsReferrals(db(), agent, {false})->size(), 1u);
}

TEST_P(OutreachTest, OpeningChecksTheHouseholdThePartnerAndTheCommune) {
  const auto agent = Staff(landlord_a_, Role::kCallAgent);
  auto field = [](const Result<Referral>& r) { return r.ok() ? std::string("ok") : r.error().field; };
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_b_, ccas_, "x", Consented())), "household_id");  // B's
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_a_, other_partner_, "x", Consented())), "partner_id");  // commune
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_a_, landlord_b_, "x", Consented())), "partner_id");  // not a partner
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_a_, ccas_, "  ", Consented())), "reason");
  // B is not attached to the CCAS: its staff may not refer to it.
  EXPECT_EQ(field(StaffOpensReferral(db(), Staff(landlord_b_, Role::kManager), household_b_, ccas_, "x", Consented())),
            "partner_id");
  auto partners = StaffListsPartners(db(), agent);
  ASSERT_TRUE(partners.ok());
  ASSERT_EQ(partners->size(), 2u);
  EXPECT_EQ((*partners)[1].name, "CCAS de Saint-Lô");
  EXPECT_EQ((*partners)[1].communes, std::vector<std::string>{"50502"});
  EXPECT_TRUE(StaffListsPartners(db(), Staff(landlord_b_, Role::kManager))->empty());
}

// The table: every actor x every action on A's household and A's referral.
TEST_P(OutreachTest, RoleByActionByScope) {
  auto referral = StaffOpensReferral(db(), Staff(landlord_a_, Role::kSocialSupport), household_a_, ccas_, "Suivi", Consented());
  ASSERT_TRUE(referral.ok());
  const auto outcome = [](const auto& r) {
    return r.ok() ? std::string("ok") : r.error().code == ErrorCode::kNotFound ? "404" : r.error().code == ErrorCode::kForbidden ? "403" : "other";
  };
  struct Who {
    std::string name;
    auth::Actor actor;
    // expected: read referral, read household, open referral (on A's household to the CCAS: only
    // conflicts/ok/validation), list partners
    std::string read_referral, read_household, open, partners;
  };
  std::vector<Who> table;
  const uint32_t contact = static_cast<uint32_t>(Role::kAdministrator) | static_cast<uint32_t>(Role::kManager) |
                           static_cast<uint32_t>(Role::kCallAgent) | static_cast<uint32_t>(Role::kSocialSupport) |
                           static_cast<uint32_t>(Role::kReception) | static_cast<uint32_t>(Role::kAllocation);
  for (const auto& role : auth::AllRoles()) {
    const uint32_t bit = static_cast<uint32_t>(role.role);
    if ((bit & auth::kLandlordRoles) == 0) continue;
    const bool c = (bit & contact) != 0;
    // Own landlord: contact roles work; others are told their role may not (403).
    table.push_back({std::string("A ") + std::string(role.code), Staff(landlord_a_, role.role), c ? "ok" : "403",
                     "ok", c ? "other" /* conflict: already open */ : "403", c ? "ok" : "403"});
    // Other landlord: A's records do not exist (404) or its role may not (403, before looking).
    table.push_back({std::string("B ") + std::string(role.code), Staff(landlord_b_, role.role), c ? "404" : "403",
                     "404", c ? "other" /* invalid household_id */ : "403", c ? "ok" : "403"});
  }
  table.push_back({"partner with referral", PartnerWorker(), "ok", "ok", "404", "404"});
  table.push_back({"partner without referral", Staff(other_partner_, Role::kPartnerWorker, Kind::kPartner), "404",
                   "404", "404", "404"});
  table.push_back({"observer", Observer(), "404", "404", "404", "404"});
  for (const auto& w : table) {
    EXPECT_EQ(outcome(ActorReadsReferral(db(), w.actor, referral->id)), w.read_referral) << w.name;
    EXPECT_EQ(outcome(housing::ActorReadsHousehold(db(), w.actor, household_a_)), w.read_household) << w.name;
    EXPECT_EQ(outcome(StaffOpensReferral(db(), w.actor, household_a_, ccas_, "x", Consented())), w.open) << w.name;
    EXPECT_EQ(outcome(StaffListsPartners(db(), w.actor)), w.partners) << w.name;
  }
  // Closing last (it changes the referral): B's staff and the other partner find nothing.
  EXPECT_EQ(outcome(ActorClosesReferral(db(), Staff(landlord_b_, Role::kManager), referral->id)), "404");
  EXPECT_EQ(outcome(ActorClosesReferral(db(), Staff(other_partner_, Role::kPartnerWorker, Kind::kPartner),
                                        referral->id)), "404");
  EXPECT_EQ(outcome(ActorClosesReferral(db(), Observer(), referral->id)), "404");
  EXPECT_EQ(outcome(ActorClosesReferral(db(), Staff(landlord_a_, Role::kCaretaker), referral->id)), "403");
  EXPECT_EQ(outcome(ActorClosesReferral(db(), Staff(landlord_a_, Role::kAllocation), referral->id)), "ok");
}

// The partner answers: accept (it stays open and visible), record what was done, close; or decline
// with a reason (it closes and the household is gone). The landlord sees the status, may not answer.
TEST_P(OutreachTest, ThePartnerAcceptsOrDeclinesRecordsAndCloses) {
  const auto agent = Staff(landlord_a_, Role::kCallAgent);
  auto r = StaffOpensReferral(db(), agent, household_a_, ccas_, "Colis et suivi", Consented());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->response, "");
  EXPECT_EQ(PartnerAcceptsReferral(db(), agent, r->id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(PartnerRecordsOutcome(db(), PartnerWorker(), r->id, "x").error().field, "response");  // not accepted
  auto accepted = PartnerAcceptsReferral(db(), PartnerWorker(), r->id);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->response, "accepted");
  EXPECT_TRUE(accepted->open);
  EXPECT_EQ(PartnerAcceptsReferral(db(), PartnerWorker(), r->id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(PartnerDeclinesReferral(db(), PartnerWorker(), r->id, "non").error().code, ErrorCode::kConflict);
  // Accepted, the household is still visible to the partner.
  EXPECT_TRUE(housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_).ok());
  EXPECT_EQ(PartnerRecordsOutcome(db(), PartnerWorker(), r->id, "  ").error().field, "outcome");
  auto recorded = PartnerRecordsOutcome(db(), PartnerWorker(), r->id, "Visite à domicile, aide alimentaire accordée");
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(ActorReadsReferral(db(), agent, r->id)->outcome, "Visite à domicile, aide alimentaire accordée");
  ASSERT_TRUE(ActorClosesReferral(db(), PartnerWorker(), r->id).ok());
  EXPECT_EQ(housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(PartnerRecordsOutcome(db(), PartnerWorker(), r->id, "x").error().code, ErrorCode::kConflict);

  // A second referral, declined: a reason is required; then it is closed and the household hidden.
  auto second = StaffOpensReferral(db(), agent, household_a_, ccas_, "Isolement", Consented());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(PartnerDeclinesReferral(db(), PartnerWorker(), second->id, " ").error().field, "reason");
  auto declined = PartnerDeclinesReferral(db(), PartnerWorker(), second->id, "Hors de nos missions");
  ASSERT_TRUE(declined.ok());
  EXPECT_FALSE(declined->open);
  EXPECT_EQ(declined->response, "declined");
  EXPECT_EQ(ActorReadsReferral(db(), agent, second->id)->response_reason, "Hors de nos missions");
  EXPECT_EQ(housing::ActorReadsHousehold(db(), PartnerWorker(), household_a_).error().code, ErrorCode::kNotFound);
  // Another partner or landlord: not found.
  EXPECT_EQ(PartnerAcceptsReferral(db(), Staff(other_partner_, Role::kPartnerWorker, Kind::kPartner), second->id)
                .error().code, ErrorCode::kNotFound);
}

TEST(Consent, ADayNotInTheFutureAndWhoGaveIt) {
  const CivilDate today{2028, 2, 29};  // a leap day
  struct Case {
    const char* what;
    Consent consent;
    std::string field;  // "" : complete
  } cases[] = {
      {"none", {std::nullopt, "La locataire"}, "consent_on"},
      {"today", {CivilDate{2028, 2, 29}, "La locataire"}, ""},
      {"the day before", {CivilDate{2028, 2, 28}, "Sa fille"}, ""},
      {"a year before", {CivilDate{2027, 2, 28}, "Sa fille"}, ""},
      {"tomorrow", {CivilDate{2028, 3, 1}, "La locataire"}, "consent_on"},
      {"nobody", {CivilDate{2028, 2, 1}, ""}, "consent_given_by"},
      {"blanks", {CivilDate{2028, 2, 1}, "   "}, "consent_given_by"},
      {"nothing", {std::nullopt, ""}, "consent_on"},
  };
  for (const auto& c : cases) {
    auto e = CheckConsent(c.consent, today);
    EXPECT_EQ(e ? e->field : std::string(), c.field) << c.what;
  }
}

TEST_P(OutreachTest, NoReferralWithoutTheTenantsConsent) {
  const auto agent = Staff(landlord_a_, Role::kCallAgent);
  auto field = [](const Result<Referral>& r) { return r.ok() ? std::string("ok") : r.error().field; };
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_a_, ccas_, "Aide au budget", {})), "consent_on");
  EXPECT_EQ(field(StaffOpensReferral(db(), agent, household_a_, ccas_, "Aide au budget", {Consented().on, " "})),
            "consent_given_by");
  EXPECT_TRUE(ActorListsReferrals(db(), agent, {})->empty());
  auto r = StaffOpensReferral(db(), agent, household_a_, ccas_, "Aide au budget", {Consented().on, " Sa fille "});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->consent_on.has_value());
  EXPECT_EQ(*r->consent_on, FormatIso(*Consented().on));
  EXPECT_EQ(r->consent_given_by, "Sa fille");
}

INSTANTIATE_TEST_SUITE_P(Engines, OutreachTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
