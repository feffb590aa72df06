// Who may do what with call lists: every role of every kind x every action.
#include "modules/outreach/call_list_policy.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

TEST(CallListPolicy, ManagersBuildAgentsReadTheirOwnOthersNever) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & auth::kLandlordRoles) != 0;
      const bool manager = staff && (r.role == Role::kManager || r.role == Role::kAdministrator);
      const bool agent = staff && r.role == Role::kCallAgent;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(SeesCallLists(a), staff) << what;
      EXPECT_EQ(CanManageCallLists(a), manager) << what;
      EXPECT_EQ(CanReadOwnCalls(a), agent) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(SeesCallLists(a)) << what;
      EXPECT_FALSE(CanManageCallLists(a)) << what;
      EXPECT_FALSE(CanReadOwnCalls(a)) << what;
    }
  }
}

// A manager of organisation 3 (the agencies are each case's).
auth::Actor Manager() {
  auth::Actor a;
  a.kind = Kind::kStaff;
  a.organisation_id = 3;
  a.roles = static_cast<uint32_t>(Role::kManager);
  return a;
}

TEST(CallListPolicy, AnAgencyScopedManagerSeesOnlyTheirAgencies) {
  auth::Actor a = Manager();
  struct Case {
    const char* what;
    std::vector<int64_t> agencies;
    int64_t agency;
    bool in;
  } cases[] = {
      {"no agency: the organisation", {}, 5, true},
      {"no agency: a call without agency", {}, 0, true},
      {"their agency", {5}, 5, true},
      {"another agency", {5}, 6, false},
      {"a call without agency", {5}, 0, false},
      {"one of two", {5, 6}, 6, true},
  };
  for (const auto& c : cases) {
    a.agency_ids = c.agencies;
    EXPECT_EQ(InCallListScope(a, c.agency), c.in) << c.what;
  }
}

TEST(CallListPolicy, AnAgencyScopedManagerSetsOnlyTheAgentsOfTheirAgencies) {
  auth::Actor a = Manager();
  struct Case {
    const char* what;
    std::vector<int64_t> manager, agent;
    bool in;
  } cases[] = {
      {"manager of the organisation, agent of an agency", {}, {5}, true},
      {"manager of the organisation, agent of the organisation", {}, {}, true},
      {"same agency", {5}, {5}, true},
      {"another agency", {5}, {6}, false},
      {"agent of the organisation", {5}, {}, true},
      {"one agency shared of two", {5, 7}, {6, 7}, true},
      {"none shared of two", {5, 7}, {6, 8}, false},
  };
  for (const auto& c : cases) {
    a.agency_ids = c.manager;
    EXPECT_EQ(InAgentScope(a, c.agent), c.in) << c.what;
  }
}

}  // namespace
}  // namespace relais::outreach
