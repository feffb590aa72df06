// The day's call list on both engines through the use cases the API runs: build (due members only,
// objection and level 0 left out, capacity), idempotent rebuild, the manager's list and counts, the
// agent's own calls with phones and reasons, reassignment rules, agents' settings, other landlord 404.
#include <gtest/gtest.h>


#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/outreach/call_list_store.h"
#include "modules/outreach/crisis_plan_store.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

const CivilDate kDay{2026, 7, 10};

class CallListStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    a_ = Org("Habitat A", "732829320");
    b_ = Org("Habitat B", "552100554");
    settings_.rule.age_from = 75;
    settings_.rule.weights[static_cast<size_t>(Factor::kAge)] = 2;
    settings_.rule.weights[static_cast<size_t>(Factor::kLivesAlone)] = 2;
    settings_.rule.weights[static_cast<size_t>(Factor::kNoRelativeNearby)] = 1;
    settings_.rule.level_min_score = {1, 3, 5};
    settings_.default_capacity = 40;
    db().Write([&](db::Connection& c) {
      north_ = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Nord') RETURNING id", {db::P(a_)});
      south_ = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Sud') RETURNING id", {db::P(a_)});
      CrisisPlan p;
      p.kind = CrisisKind::kHeatwave;
      p.start_date = "2026-07-01";
      p.cadence = {14, 7, 2};
      p.windows = {{540, 720}};
      p.call_script = "Bonjour, ici votre bailleur.";
      plan_ = InsertCrisisPlan(c, a_, p, 1);
      return 0;
    });
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  static auth::Actor Actor(int64_t org, Role role, int64_t user = 7, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = user;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  int64_t Agent(const std::string& name, std::vector<int64_t> agencies, std::optional<int> capacity = {},
                const std::string& languages = "fr") {
    return db().Write([&](db::Connection& c) {
      const int64_t id = *c.QueryInt(
          "INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) "
          "VALUES (?, ?, ?, 'x', ?, 0) RETURNING id",
          {db::P(a_), db::P(name + "@a.example"), db::P(name), db::P(static_cast<int64_t>(Role::kCallAgent))});
      for (int64_t ag : agencies)
        c.Exec("INSERT INTO staff_user_agencies (user_id, agency_id) VALUES (?, ?)", {db::P(id), db::P(ag)});
      if (capacity)
        c.Exec("INSERT INTO call_agent_settings (user_id, organisation_id, daily_capacity, languages, available, "
               "updated_at) VALUES (?, ?, ?, ?, 1, 0)",
               {db::P(id), db::P(a_), db::P(*capacity), db::P(languages)});
      return id;
    });
  }
  // A member with a profile in a household of `agency`; returns the member id.
  int64_t Member(int64_t org, int64_t agency, const std::string& tag, std::string birth,
                 std::vector<std::string> factors, std::optional<int> override_level = {}, bool objection = false,
                 std::optional<std::string> last_reached = {}) {
    return db().Write([&](db::Connection& c) {
      const int64_t b = *c.QueryInt(
          "INSERT INTO buildings (organisation_id, reference, street, commune_insee, agency_id, updated_at) "
          "VALUES (?, ?, '1 rue des Lilas', '50502', ?, 0) RETURNING id",
          {db::P(org), db::P("BAT-" + tag), agency ? db::P(agency) : db::P(nullptr)});
      const int64_t d = *c.QueryInt(
          "INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, "
          "rent_cents, charges_cents, updated_at) VALUES (?, ?, ?, 2, 4500, 'PLUS', 30000, 5000, 0) RETURNING id",
          {db::P(org), db::P(b), db::P("LGT-" + tag)});
      const int64_t h = *c.QueryInt(
          "INSERT INTO households (organisation_id, reference, dwelling_id, updated_at) VALUES (?, ?, ?, 0) "
          "RETURNING id",
          {db::P(org), db::P("TEN-" + tag), db::P(d)});
      c.Exec("INSERT INTO phones (household_id, organisation_id, position, number, label) VALUES (?, ?, 0, "
             "'0612345678', 'mobile')",
             {db::P(h), db::P(org)});
      const int64_t m = *c.QueryInt(
          "INSERT INTO members (organisation_id, household_id, position, first_name, last_name, birth_date, "
          "relation) VALUES (?, ?, 0, 'Hélène', ?, ?, 'holder') RETURNING id",
          {db::P(org), db::P(h), db::P("Nom" + tag), db::P(birth)});
      c.Exec("INSERT INTO vulnerability_profiles (member_id, organisation_id, override_level, objection_at, "
             "updated_by, updated_at) VALUES (?, ?, ?, ?, 1, 0)",
             {db::P(m), db::P(org), override_level ? db::P(*override_level) : db::P(nullptr),
              objection ? db::P(int64_t{1}) : db::P(nullptr)});
      for (const auto& f : factors)
        c.Exec("INSERT INTO vulnerability_factors (member_id, factor, source, recorded_on) VALUES (?, ?, "
               "'tenant', '2026-06-01')",
               {db::P(m), db::P(f)});
      if (last_reached)
        c.Exec("INSERT INTO outreach_contact_state (member_id, organisation_id, last_reached_on, updated_at) "
               "VALUES (?, ?, ?, 0)",
               {db::P(m), db::P(org), db::P(*last_reached)});
      return m;
    });
  }

  std::unique_ptr<db::TestDatabase> t_;
  CallListSettings settings_;
  int64_t a_ = 0, b_ = 0, north_ = 0, south_ = 0, plan_ = 0;
};

TEST_P(CallListStoreTest, BuildsTheDueMembersOnceInOrderWithinCapacity) {
  const int64_t agent = Agent("Ali", {north_}, 2);
  // level 3 (84 years, lives alone, no relative): never reached -> due
  const int64_t m3 = Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  // level 2 (lives alone, no relative) reached 8 days ago -> 1 day overdue
  const int64_t m2 = Member(a_, north_, "2", "1980-01-01", {"lives_alone", "no_relative_nearby"}, {}, false, "2026-07-02");
  // level 1 override, never reached -> due
  const int64_t m1 = Member(a_, north_, "3", "1980-01-01", {}, 1);
  Member(a_, north_, "4", "1980-01-01", {});                                    // level 0
  Member(a_, north_, "5", "1940-01-01", {"lives_alone"}, {}, true);             // objection
  Member(a_, north_, "6", "1942-01-01", {"lives_alone"}, {}, false, "2026-07-09");  // level 2 reached yesterday
  Member(b_, 0, "7", "1940-01-01", {"lives_alone", "no_relative_nearby"});      // other landlord, no plan

  auto built = ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_);
  ASSERT_TRUE(built.ok()) << built.error().message;
  EXPECT_EQ(built->date, "2026-07-10");
  EXPECT_EQ(built->added, 3);
  EXPECT_EQ(built->unassigned, 1);  // capacity 2

  auto list = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->calls.size(), 3u);
  EXPECT_EQ(list->calls[0].member_id, m3);
  EXPECT_EQ(list->calls[0].level, 3);
  EXPECT_EQ(list->calls[0].agent_id, agent);
  EXPECT_EQ(list->calls[0].agent_name, "Ali");
  EXPECT_EQ(list->calls[0].agency_name, "Nord");
  EXPECT_EQ(list->calls[1].member_id, m2);
  EXPECT_EQ(list->calls[1].due_date, "2026-07-09");
  EXPECT_EQ(list->calls[1].agent_id, agent);
  EXPECT_EQ(list->calls[2].member_id, m1);
  EXPECT_EQ(list->calls[2].agent_id, 0);
  EXPECT_EQ(list->total, 3);
  EXPECT_EQ(list->unassigned, 1);

  // Again: nothing new. A member becoming due is added, once.
  auto again = ManagerBuildsCallList(db(), Actor(a_, Role::kAdministrator), kDay, settings_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  const int64_t late = Member(a_, south_, "8", "1942-01-01", {"lives_alone"});
  again = ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_);
  EXPECT_EQ(again->added, 1);
  EXPECT_EQ(again->unassigned, 1);  // no agent in the south
  auto filtered = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {south_, {}, {}, 1000});
  ASSERT_EQ(filtered->calls.size(), 1u);
  EXPECT_EQ(filtered->calls[0].member_id, late);
  EXPECT_EQ(filtered->total, 4);
  filtered = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {{}, 0, {}, 1000});
  EXPECT_EQ(filtered->calls.size(), 2u);  // unassigned
  filtered = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {{}, agent, "due", 1000});
  EXPECT_EQ(filtered->calls.size(), 2u);

  // The other landlord has no plan: nothing; the job builds every landlord's list.
  EXPECT_EQ(ManagerBuildsCallList(db(), Actor(b_, Role::kManager), kDay, settings_)->added, 0);
  EXPECT_EQ(BuildEveryCallList(db(), {2026, 7, 11}, settings_), 4);  // not reached: due again; m6 not yet
}

// The morning job prepares a landlord's list on a reader, then writes it: unless the day's calls
// changed in between, when it builds again rather than write a stale list (no duplicate, no
// error, the newcomer's build counted once).
TEST_P(CallListStoreTest, APreparedListIsWrittenOnlyIfTheDaysCallsDidNotChange) {
  Agent("Ali", {north_}, 5);
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  Member(a_, north_, "2", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  auto prepare = [&] { return db().Read([&](db::Connection& c) { return PrepareCallList(c, a_, kDay, settings_); }); };
  auto write = [&](const PreparedList& p) {
    return db().Write([&](db::Connection& c) { return WritePreparedCallList(c, a_, kDay, settings_, p); });
  };

  const PreparedList stale = prepare();
  EXPECT_EQ(stale.calls.size(), 2u);
  // A manager builds the list in between: the prepared list is not written again.
  EXPECT_EQ(ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_)->added, 2);
  EXPECT_EQ(write(stale), 0);
  EXPECT_EQ(ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {})->total, 2);

  // A newcomer: prepared and written with nothing in between, it is added once.
  Member(a_, north_, "3", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  const PreparedList fresh = prepare();
  ASSERT_EQ(fresh.calls.size(), 1u);
  EXPECT_EQ(write(fresh), 1);
  EXPECT_EQ(ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {})->total, 3);

  // A reassignment in between changes the agents' loads: the list is built again, not written as read.
  Member(a_, north_, "4", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  const PreparedList before_reassign = prepare();
  ASSERT_EQ(before_reassign.calls.size(), 1u);
  const auto first = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {})->calls[0];
  ASSERT_TRUE(ManagerReassignsCall(db(), Actor(a_, Role::kManager), first.id, 0).ok());
  EXPECT_NE(db().Read([&](db::Connection& c) { return PrepareCallList(c, a_, kDay, settings_); }).stamp,
            before_reassign.stamp);
  EXPECT_EQ(write(before_reassign), 1);
  EXPECT_EQ(ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {})->total, 4);
}

TEST_P(CallListStoreTest, AnAgencyScopedManagerReadsAndReassignsOnlyTheirAgencysCalls) {
  const int64_t north_agent = Agent("Ali", {north_}, 5);
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  const int64_t south_member = Member(a_, south_, "2", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  ASSERT_TRUE(ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_).ok());
  auto south_manager = Actor(a_, Role::kManager);
  south_manager.agency_ids = {south_};
  auto list = ManagerReadsCallList(db(), south_manager, kDay, {});
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->calls.size(), 1u);
  EXPECT_EQ(list->calls[0].member_id, south_member);
  EXPECT_EQ(list->total, 1);  // the counts too
  // Even when asking for the north by name.
  EXPECT_TRUE(ManagerReadsCallList(db(), south_manager, kDay, {north_, {}, {}, 1000})->calls.empty());
  // The north's call is not found for them; the whole organisation's manager sees both.
  auto whole = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {});
  ASSERT_EQ(whole->calls.size(), 2u);
  const auto north_call = whole->calls[0].member_id == south_member ? whole->calls[1] : whole->calls[0];
  EXPECT_EQ(ManagerReassignsCall(db(), south_manager, north_call.id, 0).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ManagerReassignsCall(db(), Actor(a_, Role::kManager), north_call.id, north_agent).ok());
}

TEST_P(CallListStoreTest, AgentsOwnCallsWithPhonesAndReasons) {
  const int64_t agent = Agent("Ali", {}, {});
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  ASSERT_TRUE(ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_).ok());
  auto mine = AgentReadsOwnCalls(db(), Actor(a_, Role::kCallAgent, agent), kDay, settings_.rule);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  ASSERT_EQ(mine->size(), 1u);
  const auto& k = (*mine)[0];
  EXPECT_EQ(k.member_name, "Hélène Nom1");
  EXPECT_EQ(k.household_reference, "TEN-1");
  ASSERT_EQ(k.phones.size(), 1u);
  EXPECT_EQ(k.phones[0].number, "0612345678");
  EXPECT_EQ(k.level_summary, "3 — 84 ans, vit seul·e, sans proche");
  EXPECT_EQ(k.call_script, "Bonjour, ici votre bailleur.");
  EXPECT_TRUE(k.last_attempts.empty());
  // Another agent has none; a manager without the role is refused; another landlord 404.
  EXPECT_TRUE(AgentReadsOwnCalls(db(), Actor(a_, Role::kCallAgent, agent + 100), kDay, settings_.rule)->empty());
  EXPECT_EQ(AgentReadsOwnCalls(db(), Actor(a_, Role::kManager), kDay, settings_.rule).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(AgentReadsOwnCalls(db(), Actor(a_, Role::kPartnerWorker, 7, Kind::kPartner), kDay, settings_.rule)
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_P(CallListStoreTest, ReassignmentRules) {
  const int64_t north_agent = Agent("Nora", {north_}, 0);  // no capacity: the call stays unassigned
  const int64_t south_agent = Agent("Sami", {south_}, 5);
  const int64_t everywhere = Agent("Eve", {}, 5);
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  ASSERT_TRUE(ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_).ok());
  const auto call = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {})->calls.at(0);
  EXPECT_EQ(call.agent_id, everywhere);

  const auto manager = Actor(a_, Role::kManager);
  auto moved = ManagerReassignsCall(db(), manager, call.id, north_agent);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->agent_id, north_agent);
  auto refused = ManagerReassignsCall(db(), manager, call.id, south_agent);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "agent_id");
  refused = ManagerReassignsCall(db(), manager, call.id, 999999);
  EXPECT_EQ(refused.error().field, "agent_id");
  EXPECT_EQ(ManagerReassignsCall(db(), manager, call.id, 0)->agent_id, 0);
  EXPECT_EQ(ManagerReassignsCall(db(), Actor(a_, Role::kCallAgent), call.id, everywhere).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(ManagerReassignsCall(db(), Actor(b_, Role::kManager), call.id, everywhere).error().code,
            ErrorCode::kNotFound);
  db().Write([&](db::Connection& c) {
    return c.Exec("UPDATE outreach_calls SET state = 'reached' WHERE id = ?", {db::P(call.id)});
  });
  EXPECT_EQ(ManagerReassignsCall(db(), manager, call.id, everywhere).error().code, ErrorCode::kConflict);
}

TEST_P(CallListStoreTest, AgentSettingsDefaultsChangeAndScope) {
  const int64_t agent = Agent("Ali", {north_});
  const auto manager = Actor(a_, Role::kManager);
  auto read = ManagerReadsAgentSettings(db(), manager, agent, 40);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->configured);
  EXPECT_EQ(read->daily_capacity, 40);
  EXPECT_EQ(read->languages, std::vector<std::string>{"fr"});
  EXPECT_EQ(read->agency_ids, std::vector<int64_t>{north_});
  AgentSettings s = *read;
  s.daily_capacity = 12;
  s.languages = {"fr", "ar"};
  s.available = false;
  auto changed = ManagerChangesAgentSettings(db(), manager, s, 40);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_TRUE(changed->configured);
  EXPECT_EQ(changed->daily_capacity, 12);
  EXPECT_EQ(changed->languages, (std::vector<std::string>{"fr", "ar"}));
  EXPECT_FALSE(changed->available);
  s.languages = {"arabe"};
  EXPECT_EQ(ManagerChangesAgentSettings(db(), manager, s, 40).error().field, "languages");
  s.languages = {"fr"};
  s.daily_capacity = 501;
  EXPECT_EQ(ManagerChangesAgentSettings(db(), manager, s, 40).error().field, "daily_capacity");
  EXPECT_EQ(ManagerReadsAgentSettings(db(), Actor(b_, Role::kManager), agent, 40).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ManagerReadsAgentSettings(db(), Actor(a_, Role::kCallAgent), agent, 40).error().code,
            ErrorCode::kForbidden);
  // An absent agent gets no call.
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  EXPECT_EQ(ManagerBuildsCallList(db(), manager, kDay, settings_)->unassigned, 1);
  auto agents = ManagerListsCallAgents(db(), manager, kDay, 40);
  ASSERT_TRUE(agents.ok());
  ASSERT_EQ(agents->size(), 1u);
  EXPECT_EQ((*agents)[0].assigned, 0);
}

// The policy on real records (call_list_policy.h), as a table: every landlord role of A and of B,
// managers of A limited to the agency of the call (North) and to another (South), a partner with
// an open referral of the called household and one without, the regional observer and the
// household's tenant; on the day's list of A, a call of North assigned to Ali and Ali's settings:
// build the list, read it, read one's own calls, reassign the call, read and change Ali's
// settings. A's managers and administrators manage the list; A's call agents read their own calls;
// A's other roles, and B's roles on the role alone, are told they may not (403). B's managers build
// and read their own (empty) list and find neither A's call nor A's agent (404). A manager limited
// to South finds neither the North call nor the North agent (404). Partners, observers and tenants
// find nothing (404).
TEST_P(CallListStoreTest, RoleByActionByScope) {
  const int64_t ali = Agent("Ali", {north_}, 5);
  Member(a_, north_, "1", "1942-01-01", {"lives_alone", "no_relative_nearby"});
  ASSERT_TRUE(ManagerBuildsCallList(db(), Actor(a_, Role::kManager), kDay, settings_).ok());
  const auto calls = ManagerReadsCallList(db(), Actor(a_, Role::kManager), kDay, {});
  ASSERT_TRUE(calls.ok() && calls->calls.size() == 1u);
  const ListedCall call = calls->calls[0];
  ASSERT_EQ(call.agent_id, ali);
  const auto partners = housing::CreateTablePartners(db(), a_, call.household_id);
  AgentSettings settings = *ManagerReadsAgentSettings(db(), Actor(a_, Role::kManager), ali, 40);
  settings.daily_capacity = 6;
  housing::PolicyTable table({"build", "read list", "own calls", "reassign", "read agent", "change agent"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool manager = r.role == Role::kManager || r.role == Role::kAdministrator;
    const bool agent = r.role == Role::kCallAgent;
    const std::string manages = manager ? "ok" : "403";
    table.Add("A " + std::string(r.code), Actor(a_, r.role, agent ? ali : 7),
              {manages, manages, agent ? "ok" : "403", manages, manages, manages});
    // Landlord B: its own list; A's call and agent do not exist for it.
    const std::string finds_nothing = manager ? "404" : "403";
    table.Add("B " + std::string(r.code), Actor(b_, r.role),
              {manages, manages, agent ? "ok" : "403", "404", finds_nothing, finds_nothing});
  }
  auth::Actor north_manager = Actor(a_, Role::kManager), south_manager = Actor(a_, Role::kManager);
  north_manager.agency_ids = {north_};
  south_manager.agency_ids = {south_};
  table.Add("A manager of North", north_manager, {"ok", "ok", "403", "ok", "ok", "ok"});
  table.Add("A manager of South", south_manager, {"ok", "ok", "403", "404", "404", "404"});
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral),
            {"404", "404", "404", "404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral),
            {"404", "404", "404", "404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(a_), {"404", "404", "404", "404", "404", "404"});
  table.Add("the household's tenant", housing::TableTenant(a_, call.household_id),
            {"404", "404", "404", "404", "404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 6u);
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerBuildsCallList(db(), a, kDay, settings_)); },
      [&](const auth::Actor& a) {
        auto list = ManagerReadsCallList(db(), a, kDay, {});
        // What a manager reads is their own landlord's, and their agencies' only.
        if (list.ok()) {
          const bool sees = a.organisation_id == a_ && (a.agency_ids.empty() || a.agency_ids[0] == north_);
          EXPECT_EQ(list->calls.size(), sees ? 1u : 0u);
        }
        return PolicyOutcome(list);
      },
      [&](const auth::Actor& a) {
        auto mine = AgentReadsOwnCalls(db(), a, kDay, settings_.rule);
        if (mine.ok()) {
          EXPECT_EQ(mine->size(), a.organisation_id == a_ ? 1u : 0u);
        }
        return PolicyOutcome(mine);
      },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerReassignsCall(db(), a, call.id, ali)); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerReadsAgentSettings(db(), a, ali, 40)); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerChangesAgentSettings(db(), a, settings, 40)); },
  });
  // The South manager's list of agents leaves Ali out; the North manager's has him.
  EXPECT_TRUE(ManagerListsCallAgents(db(), south_manager, kDay, 40)->empty());
  EXPECT_EQ(ManagerListsCallAgents(db(), north_manager, kDay, 40)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, CallListStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
