// The day's call list without storage (call_list.h): who is due, in which order, which agent gets
// each call. Table tests, one per rule.
#include "modules/outreach/call_list.h"

#include <gtest/gtest.h>

#include "platform/core/dates.h"

namespace relais::outreach {
namespace {

constexpr const char* kDate = "2026-07-10";
const int64_t kDay = DaysFromCivil({2026, 7, 10});

CrisisPlan Plan(int64_t id, Cadence cadence, Perimeter perimeter = {}, std::string start = "2026-07-01",
                std::string end = "") {
  CrisisPlan p;
  p.id = id;
  p.kind = CrisisKind::kHeatwave;
  p.start_date = std::move(start);
  p.end_date = std::move(end);
  p.cadence = cadence;
  p.perimeter = std::move(perimeter);
  return p;
}

CallCandidate Member(int64_t id, int level, int64_t last_reached_days_ago = -1, int64_t agency = 1) {
  CallCandidate c;
  c.member_id = id;
  c.household_id = 100 + id;
  c.place = {agency, "50502", 1000 + agency};
  c.level = level;
  c.last_reached_day = last_reached_days_ago < 0 ? -1 : kDay - last_reached_days_ago;
  return c;
}

CallAgent Agent(int64_t id, std::vector<int64_t> agencies, int remaining, std::vector<std::string> langs = {"fr"},
                int assigned = 0, bool available = true) {
  CallAgent a;
  a.user_id = id;
  a.agency_ids = std::move(agencies);
  a.remaining = remaining;
  a.assigned = assigned;
  for (const auto& l : langs) a.languages.push_back(PackLanguage(l));
  a.available = available;
  return a;
}

std::vector<int64_t> Members(const std::vector<PlannedCall>& calls) {
  std::vector<int64_t> out;
  for (const auto& c : calls) out.push_back(c.member_id);
  return out;
}

TEST(CallList, WhoIsDue) {
  struct Case {
    const char* what;
    CallCandidate member;
    bool listed;
    int64_t overdue;
  };
  const Cadence cadence{14, 7, 2};
  CallCandidate objecting = Member(1, 3);
  objecting.objection = true;
  const Case cases[] = {
      {"level 0 is never listed", Member(1, 0), false, 0},
      {"never reached: due today", Member(1, 1), true, 0},
      {"level 3 reached 2 days ago: due (cadence 2)", Member(1, 3, 2), true, 0},
      {"level 3 reached yesterday: not yet", Member(1, 3, 1), false, 0},
      {"level 3 reached 5 days ago: 3 days overdue", Member(1, 3, 5), true, 3},
      {"level 2 reached 6 days ago: not yet (cadence 7)", Member(1, 2, 6), false, 0},
      {"level 2 reached 7 days ago: due", Member(1, 2, 7), true, 0},
      {"level 1 reached 13 days ago: not yet (cadence 14)", Member(1, 1, 13), false, 0},
      {"level 1 reached today: not due", Member(1, 1, 0), false, 0},
      {"objection: never listed", objecting, false, 0},
  };
  for (const auto& c : cases) {
    std::vector<CallAgent> agents;
    const std::vector<CallCandidate> in{c.member};
    auto calls = BuildCallList(in, {Plan(9, cadence)}, kDate, kDay, agents);
    ASSERT_EQ(calls.size(), c.listed ? 1u : 0u) << c.what;
    if (!c.listed) continue;
    EXPECT_EQ(calls[0].overdue, c.overdue) << c.what;
    EXPECT_EQ(calls[0].due_day, kDay - c.overdue) << c.what;
    EXPECT_EQ(calls[0].plan_id, 9) << c.what;
    EXPECT_EQ(calls[0].level, c.member.level) << c.what;
    EXPECT_EQ(calls[0].agent_id, 0) << c.what;  // no agent
  }
}

TEST(CallList, PlansInForceAndPerimeterShortestCadenceWins) {
  struct Case {
    const char* what;
    std::vector<CrisisPlan> plans;
    int64_t reached_days_ago;  // level 2 member of agency 1, commune 50502, building 1001
    int64_t plan;              // 0: not listed
  };
  const Cadence slow{14, 7, 2}, fast{14, 3, 1};
  const Perimeter agency2{false, {2}, {}, {}}, agency1{false, {1}, {}, {}}, commune{false, {}, {"50502"}, {}},
      building{false, {}, {}, {1001}}, other_commune{false, {}, {"14118"}, {}};
  const Case cases[] = {
      {"no plan", {}, -1, 0},
      {"plan not started", {Plan(1, slow, {}, "2026-07-11")}, -1, 0},
      {"plan ended", {Plan(1, slow, {}, "2026-07-01", "2026-07-09")}, -1, 0},
      {"plan ends today", {Plan(1, slow, {}, "2026-07-01", "2026-07-10")}, -1, 1},
      {"other agency", {Plan(1, slow, agency2)}, -1, 0},
      {"by agency", {Plan(1, slow, agency1)}, -1, 1},
      {"by commune", {Plan(1, slow, commune)}, -1, 1},
      {"by building", {Plan(1, slow, building)}, -1, 1},
      {"other commune", {Plan(1, slow, other_commune)}, -1, 0},
      {"reached 4 days ago: only the faster plan makes it due", {Plan(1, slow), Plan(2, fast, commune)}, 4, 2},
      {"faster plan outside the perimeter", {Plan(1, slow), Plan(2, fast, agency2)}, 4, 0},
      {"faster plan ended", {Plan(1, slow), Plan(2, fast, {}, "2026-07-01", "2026-07-05")}, 4, 0},
      {"never reached: the shortest cadence's plan", {Plan(1, slow), Plan(2, fast)}, -1, 2},
  };
  for (const auto& c : cases) {
    std::vector<CallAgent> agents;
    const std::vector<CallCandidate> in{Member(1, 2, c.reached_days_ago)};
    auto calls = BuildCallList(in, c.plans, kDate, kDay, agents);
    ASSERT_EQ(calls.size(), c.plan ? 1u : 0u) << c.what;
    if (c.plan) EXPECT_EQ(calls[0].plan_id, c.plan) << c.what;
  }
}

TEST(CallList, OrderedByLevelThenDaysOverdueThenMember) {
  const std::vector<CallCandidate> in{Member(1, 1, 20), Member(2, 3, 2), Member(3, 2, 9), Member(4, 3, 6),
                                      Member(5, 3), Member(6, 1), Member(7, 2, 7), Member(8, 3, 6)};
  std::vector<CallAgent> agents;
  auto calls = BuildCallList(in, {Plan(1, {14, 7, 2})}, kDate, kDay, agents);
  // level 3: 4 and 8 (4 days overdue), 2 and 5 (0); level 2: 3 (2), 7 (0); level 1: 1 (6), 6 (0)
  EXPECT_EQ(Members(calls), (std::vector<int64_t>{4, 8, 2, 5, 3, 7, 1, 6}));
}

TEST(CallList, Assignment) {
  struct Case {
    const char* what;
    std::vector<CallAgent> agents;
    int64_t last_agent;
    std::string language;
    int64_t expected;  // 0: unassigned
  };
  const Case cases[] = {
      {"no agent", {}, 0, "fr", 0},
      {"agent of another agency", {Agent(10, {2}, 5)}, 0, "fr", 0},
      {"agent of the agency", {Agent(10, {2}, 5), Agent(11, {1}, 5)}, 0, "fr", 11},
      {"agent of the whole organisation", {Agent(10, {2}, 5), Agent(12, {}, 5)}, 0, "fr", 12},
      {"agent without capacity", {Agent(11, {1}, 0)}, 0, "fr", 0},
      {"absent agent", {Agent(11, {1}, 5, {"fr"}, 0, false)}, 0, "fr", 0},
      {"last agent first, even more loaded", {Agent(11, {1}, 5, {"fr"}, 0), Agent(13, {1}, 5, {"fr"}, 9)}, 13, "fr", 13},
      {"last agent full: next rule", {Agent(11, {1}, 5, {"fr"}, 3), Agent(13, {1}, 0)}, 13, "fr", 11},
      {"last agent absent: next rule", {Agent(11, {1}, 5), Agent(13, {1}, 5, {"fr"}, 0, false)}, 13, "fr", 11},
      {"last agent moved to another agency", {Agent(11, {1}, 5, {"fr"}, 4), Agent(13, {2}, 5)}, 13, "fr", 11},
      {"language before load", {Agent(11, {1}, 5, {"fr"}, 0), Agent(14, {1}, 5, {"fr", "ar"}, 7)}, 0, "ar", 14},
      {"then least loaded", {Agent(11, {1}, 5, {"fr"}, 3), Agent(14, {1}, 5, {"fr"}, 1)}, 0, "fr", 14},
      {"equal load: smallest id", {Agent(14, {1}, 5), Agent(11, {1}, 5)}, 0, "fr", 11},
  };
  for (const auto& c : cases) {
    auto agents = c.agents;
    CallCandidate m = Member(1, 3);
    m.last_agent_id = c.last_agent;
    m.language = PackLanguage(c.language);
    const std::vector<CallCandidate> in{m};
    auto calls = BuildCallList(in, {Plan(1, {14, 7, 2})}, kDate, kDay, agents);
    ASSERT_EQ(calls.size(), 1u) << c.what;
    EXPECT_EQ(calls[0].agent_id, c.expected) << c.what;
    for (const auto& a : agents)
      if (a.user_id == c.expected) {
        const auto before = std::find_if(c.agents.begin(), c.agents.end(), [&](auto& x) { return x.user_id == a.user_id; });
        EXPECT_EQ(a.remaining, before->remaining - 1) << c.what;
        EXPECT_EQ(a.assigned, before->assigned + 1) << c.what;
      }
  }
}

TEST(CallList, CapacityIsSharedInListOrderTheRestUnassigned) {
  // Two agents of agency 1 with 2 and 1 calls left; five level-3..1 members: the three first in
  // list order get agents, spread by load; the two last stay unassigned.
  std::vector<CallAgent> agents{Agent(10, {1}, 2), Agent(11, {1}, 1)};
  const std::vector<CallCandidate> in{Member(1, 1), Member(2, 3), Member(3, 2), Member(4, 3, 5), Member(5, 1)};
  auto calls = BuildCallList(in, {Plan(1, {14, 7, 2})}, kDate, kDay, agents);
  ASSERT_EQ(Members(calls), (std::vector<int64_t>{4, 2, 3, 1, 5}));
  EXPECT_EQ(calls[0].agent_id, 10);
  EXPECT_EQ(calls[1].agent_id, 11);
  EXPECT_EQ(calls[2].agent_id, 10);
  EXPECT_EQ(calls[3].agent_id, 0);
  EXPECT_EQ(calls[4].agent_id, 0);
  EXPECT_EQ(agents[0].remaining, 0);
  EXPECT_EQ(agents[1].remaining, 0);
}

TEST(CallList, LanguagesArePackedCaseInsensitively) {
  EXPECT_EQ(PackLanguage("fr"), kFrench);
  EXPECT_EQ(PackLanguage("FR"), kFrench);
  EXPECT_NE(PackLanguage("ar"), kFrench);
  EXPECT_EQ(PackLanguage(""), 0);
}

}  // namespace
}  // namespace relais::outreach
