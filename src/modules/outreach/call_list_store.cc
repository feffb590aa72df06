#include "modules/outreach/call_list_store.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <unordered_map>

#include "modules/outreach/call_list.h"
#include "modules/outreach/call_list_policy.h"
#include "modules/outreach/crisis_plan_store.h"
#include "platform/audit/audit.h"

namespace relais::outreach {
namespace {

constexpr const char* kCallNotFound = "Appel introuvable.";
constexpr const char* kAgentNotFound = "Chargé·e d'appels introuvable.";
const Error kManagersOnly = Forbidden("Seuls les responsables et administrateurs gèrent les listes d'appels.");
constexpr int64_t kCallAgentRole = static_cast<int64_t>(auth::Role::kCallAgent);
constexpr std::string_view kStates[] = {"due",   "retry",        "callback",    "reached",
                                        "refused", "wrong_number", "unreachable", "cancelled"};

// The audit record id of a day's list: its date as YYYYMMDD.
int64_t ListRecordId(CivilDate d) { return int64_t{d.year} * 10000 + d.month * 100 + d.day; }

std::vector<LanguageCode> LanguagesOf(std::string_view csv) {
  std::vector<LanguageCode> out;
  size_t start = 0;
  while (start <= csv.size()) {
    size_t end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    if (auto code = PackLanguage(csv.substr(start, end - start))) out.push_back(code);
    start = end + 1;
  }
  return out;
}
std::vector<std::string> SplitLanguages(std::string_view csv) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= csv.size()) {
    size_t end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    if (end > start) out.emplace_back(csv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The call agents of an organisation with their settings and agencies, and their load on `date`.
std::vector<CallAgent> LoadAgents(db::Connection& c, int64_t org, const std::string& date, int default_capacity) {
  std::vector<CallAgent> agents;
  std::unordered_map<int64_t, size_t> index;
  c.Query("SELECT u.id, s.daily_capacity, s.languages, s.available FROM staff_users u "
          "LEFT JOIN call_agent_settings s ON s.user_id = u.id "
          "WHERE u.organisation_id = ? AND u.active = 1 AND (u.roles & ?) <> 0 ORDER BY u.id",
          {db::P(org), db::P(kCallAgentRole)}, [&](const db::Row& r) {
            CallAgent a;
            a.user_id = r.Int(0);
            a.remaining = r.IsNull(1) ? default_capacity : static_cast<int>(r.Int(1));
            a.languages = r.IsNull(2) ? std::vector<LanguageCode>{kFrench} : LanguagesOf(r.Text(2));
            a.available = r.IsNull(3) || r.Bool(3);
            index[a.user_id] = agents.size();
            agents.push_back(std::move(a));
          });
  c.Query("SELECT a.user_id, a.agency_id FROM staff_user_agencies a JOIN staff_users u ON u.id = a.user_id "
          "WHERE u.organisation_id = ? AND (u.roles & ?) <> 0",
          {db::P(org), db::P(kCallAgentRole)}, [&](const db::Row& r) {
            auto it = index.find(r.Int(0));
            if (it != index.end()) agents[it->second].agency_ids.push_back(r.Int(1));
          });
  c.Query("SELECT agent_id, COUNT(*) FROM outreach_calls WHERE organisation_id = ? AND list_date = ? "
          "AND agent_id IS NOT NULL AND state <> 'cancelled' GROUP BY agent_id",
          {db::P(org), db::P(date)}, [&](const db::Row& r) {
            auto it = index.find(r.Int(0));
            if (it == index.end()) return;
            auto& a = agents[it->second];
            a.assigned = static_cast<int>(r.Int(1));
            a.remaining = std::max(0, a.remaining - a.assigned);
          });
  return agents;
}

// The members with a profile not yet on `date`'s list, with their effective level.
std::vector<CallCandidate> LoadCandidates(db::Connection& c, int64_t org, CivilDate date, const std::string& iso,
                                          const VulnerabilityRule& rule) {
  // Factors of every profile of the organisation, in member order (merged below).
  std::vector<std::pair<int64_t, Factor>> factors;
  c.Query("SELECT f.member_id, f.factor FROM vulnerability_factors f "
          "JOIN vulnerability_profiles p ON p.member_id = f.member_id WHERE p.organisation_id = ? "
          "ORDER BY f.member_id",
          {db::P(org)}, [&](const db::Row& r) {
            if (auto f = FactorFromCode(r.Text(1))) factors.emplace_back(r.Int(0), *f);
          });
  std::vector<CallCandidate> out;
  size_t next = 0;
  std::vector<Factor> own;
  c.Query("SELECT p.member_id, m.household_id, b.agency_id, b.commune_insee, d.building_id, p.override_level, "
          "m.birth_date, h.preferred_language, cs.last_reached_on, cs.last_agent_id "
          "FROM vulnerability_profiles p JOIN members m ON m.id = p.member_id "
          "JOIN households h ON h.id = m.household_id JOIN dwellings d ON d.id = h.dwelling_id "
          "JOIN buildings b ON b.id = d.building_id "
          "LEFT JOIN outreach_contact_state cs ON cs.member_id = p.member_id "
          "WHERE p.organisation_id = ? AND p.objection_at IS NULL AND h.anonymised_at IS NULL "
          "AND NOT EXISTS (SELECT 1 FROM outreach_calls oc WHERE oc.member_id = p.member_id AND oc.list_date = ?) "
          "ORDER BY p.member_id",
          {db::P(org), db::P(iso)}, [&](const db::Row& r) {
            CallCandidate k;
            k.member_id = r.Int(0);
            k.household_id = r.Int(1);
            k.place.agency_id = r.IsNull(2) ? 0 : r.Int(2);
            k.place.commune = r.Text(3);
            k.place.building_id = r.Int(4);
            own.clear();
            while (next < factors.size() && factors[next].first < k.member_id) ++next;
            while (next < factors.size() && factors[next].first == k.member_id) own.push_back(factors[next++].second);
            if (!r.IsNull(5)) {
              k.level = static_cast<int>(r.Int(5));
            } else {
              std::optional<int> age;
              if (!r.IsNull(6))
                if (auto birth = ParseDate(r.Text(6))) age = AgeOn(*birth, date);
              k.level = ComputeLevel(rule, age, own).level;
            }
            if (k.level < 1) return;
            k.language = PackLanguage(r.Text(7));
            if (!r.IsNull(8))
              if (auto reached = ParseDate(r.Text(8))) k.last_reached_day = DaysFromCivil(*reached);
            k.last_agent_id = r.IsNull(9) ? 0 : r.Int(9);
            out.push_back(std::move(k));
          });
  return out;
}

// One bulk load (a prepared insert on SQLite, COPY on PostgreSQL). No duplicate can reach it: the
// candidates left out every member already on the day's list, read after LockBuilds in the same
// transaction or checked unchanged since (BuildEveryCallList's DayStamp), and the unique
// (member_id, list_date) stays the last guard.
void InsertCalls(db::Connection& c, int64_t org, const std::string& iso, const std::vector<PlannedCall>& calls) {
  const int64_t now = NowMillis();
  auto bulk = c.Bulk("outreach_calls", {"organisation_id", "plan_id", "member_id", "household_id", "agency_id",
                                        "list_date", "level", "due_date", "agent_id", "state", "attempts",
                                        "created_at", "updated_at"});
  // In member order: the unique index (member_id, list_date) and the household index then grow
  // at their ends instead of at random pages (the list's order is the query's, not the rows').
  std::vector<uint32_t> order(calls.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return calls[a].member_id < calls[b].member_id; });
  for (uint32_t i : order) {
    const PlannedCall& k = calls[i];
    bulk->Add({db::P(org), db::P(k.plan_id), db::P(k.member_id), db::P(k.household_id), db::P(k.agency_id),
               db::P(iso), db::P(k.level), db::P(FormatIso(CivilFromDays(k.due_day))),
               k.agent_id ? db::P(k.agent_id) : db::P(nullptr), db::P("due"), db::P(0), db::P(now), db::P(now)});
  }
  bulk->Finish();
}

// Builds of one organisation's lists run one at a time: SQLite has one writer; on PostgreSQL the
// organisation's row is locked, and each later statement (READ COMMITTED) sees the calls the
// build before committed.
void LockBuilds(db::Connection& c, int64_t org) {
  if (c.dialect() == db::Dialect::kPostgres)
    c.Query("SELECT id FROM organisations WHERE id = ? FOR UPDATE", {db::P(org)}, nullptr);
}

constexpr const char* kListSelect =
    "SELECT oc.id, oc.list_date, oc.member_id, m.first_name, m.last_name, oc.household_id, h.reference, "
    "oc.agency_id, ag.name, oc.plan_id, cp.kind, cp.name, oc.level, oc.due_date, oc.agent_id, u.display_name, "
    "oc.state, oc.attempts, oc.next_attempt_at, cp.call_script "
    "FROM outreach_calls oc JOIN members m ON m.id = oc.member_id JOIN households h ON h.id = oc.household_id "
    "JOIN crisis_plans cp ON cp.id = oc.plan_id LEFT JOIN agencies ag ON ag.id = oc.agency_id "
    "LEFT JOIN staff_users u ON u.id = oc.agent_id ";
constexpr const char* kListOrder = " ORDER BY oc.level DESC, oc.due_date, oc.member_id";

ListedCall ReadCall(const db::Row& r, bool with_script) {
  ListedCall k;
  k.id = r.Int(0);
  k.list_date = r.Str(1);
  k.member_id = r.Int(2);
  k.member_name = r.Str(3) + " " + r.Str(4);
  k.household_id = r.Int(5);
  k.household_reference = r.Str(6);
  k.agency_id = r.Int(7);
  k.agency_name = r.IsNull(8) ? "" : r.Str(8);
  k.plan_id = r.Int(9);
  k.plan_kind = r.Str(10);
  k.plan_name = r.Str(11);
  k.level = static_cast<int>(r.Int(12));
  k.due_date = r.Str(13);
  k.agent_id = r.IsNull(14) ? 0 : r.Int(14);
  k.agent_name = r.IsNull(15) ? "" : r.Str(15);
  k.state = r.Str(16);
  k.attempts = static_cast<int>(r.Int(17));
  k.next_attempt_at = r.OptInt(18);
  if (with_script) k.call_script = r.Str(19);
  return k;
}

std::optional<ListedCall> FindCall(db::Connection& c, int64_t org, int64_t id) {
  std::optional<ListedCall> out;
  c.Query(std::string(kListSelect) + "WHERE oc.id = ? AND oc.organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = ReadCall(r, false); });
  return out;
}

std::optional<AgentSettings> FindAgent(db::Connection& c, int64_t org, int64_t user_id, int default_capacity) {
  std::optional<AgentSettings> out;
  c.Query("SELECT u.id, u.display_name, s.daily_capacity, s.languages, s.available FROM staff_users u "
          "LEFT JOIN call_agent_settings s ON s.user_id = u.id "
          "WHERE u.id = ? AND u.organisation_id = ? AND u.active = 1 AND (u.roles & ?) <> 0",
          {db::P(user_id), db::P(org), db::P(kCallAgentRole)}, [&](const db::Row& r) {
            AgentSettings a;
            a.user_id = r.Int(0);
            a.display_name = r.Str(1);
            a.configured = !r.IsNull(2);
            a.daily_capacity = a.configured ? static_cast<int>(r.Int(2)) : default_capacity;
            a.languages = a.configured ? SplitLanguages(r.Text(3)) : std::vector<std::string>{"fr"};
            a.available = !a.configured || r.Bool(4);
            out = std::move(a);
          });
  if (out)
    c.Query("SELECT agency_id FROM staff_user_agencies WHERE user_id = ? ORDER BY agency_id", {db::P(user_id)},
            [&](const db::Row& r) { out->agency_ids.push_back(r.Int(0)); });
  return out;
}

DayStamp StampOf(db::Connection& c, int64_t org, const std::string& iso) {
  DayStamp d;
  c.Query("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(updated_at), 0) FROM outreach_calls "
          "WHERE organisation_id = ? AND list_date = ?",
          {db::P(org), db::P(iso)}, [&](const db::Row& r) { d = {r.Int(0), r.Int(1), r.Int(2)}; });
  return d;
}

}  // namespace

bool IsCallState(std::string_view s) { return std::find(std::begin(kStates), std::end(kStates), s) != std::end(kStates); }

PreparedList PrepareCallList(db::Connection& c, int64_t org, CivilDate date, const CallListSettings& s) {
  PreparedList p;
  p.summary.date = FormatIso(date);
  p.stamp = StampOf(c, org, p.summary.date);
  const std::vector<CrisisPlan> plans = CrisisPlansOf(c, org);
  if (PlansInForce(plans, p.summary.date).empty()) return p;
  const std::vector<CallCandidate> candidates = LoadCandidates(c, org, date, p.summary.date, s.rule);
  std::vector<CallAgent> agents = LoadAgents(c, org, p.summary.date, s.default_capacity);
  p.calls = BuildCallList(candidates, plans, p.summary.date, DaysFromCivil(date), agents);
  p.summary.added = static_cast<int64_t>(p.calls.size());
  for (const auto& k : p.calls) p.summary.unassigned += k.agent_id == 0;
  return p;
}

int64_t WritePreparedCallList(db::Connection& c, int64_t org, CivilDate date, const CallListSettings& s,
                              const PreparedList& p) {
  LockBuilds(c, org);
  if (StampOf(c, org, p.summary.date) != p.stamp) return BuildCallListIn(c, org, date, s).added;
  InsertCalls(c, org, p.summary.date, p.calls);
  return p.summary.added;
}

BuildSummary BuildCallListIn(db::Connection& c, int64_t org, CivilDate date, const CallListSettings& s) {
  LockBuilds(c, org);
  PreparedList p = PrepareCallList(c, org, date, s);
  InsertCalls(c, org, p.summary.date, p.calls);
  return p.summary;
}

Result<BuildSummary> ManagerBuildsCallList(db::Database& db, const auth::Actor& actor, CivilDate date,
                                           const CallListSettings& s) {
  if (!CanManageCallLists(actor)) return SeesCallLists(actor) ? Result<BuildSummary>(kManagersOnly) : NotFound();
  return db.Write([&](db::Connection& c) -> Result<BuildSummary> {
    BuildSummary out = BuildCallListIn(c, actor.organisation_id, date, s);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "call_list", ListRecordId(date)));
    return out;
  });
}

int64_t BuildEveryCallList(db::Database& db, CivilDate date, const CallListSettings& s) {
  std::vector<int64_t> orgs;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT DISTINCT organisation_id FROM crisis_plans ORDER BY organisation_id", {},
            [&](const db::Row& r) { orgs.push_back(r.Int(0)); });
    return 0;
  });
  // A pipeline on two cores: while one landlord's calls are written (the one writer), the next
  // landlord's list is read and built on a reader (WritePreparedCallList).
  auto prepare = [&db, date, &s](int64_t org) {
    return std::async(std::launch::async, [&db, date, &s, org] {
      return db.Read([&](db::Connection& c) { return PrepareCallList(c, org, date, s); });
    });
  };
  int64_t added = 0;
  std::future<PreparedList> next;
  if (!orgs.empty()) next = prepare(orgs[0]);
  for (size_t i = 0; i < orgs.size(); ++i) {
    PreparedList p = next.get();
    if (i + 1 < orgs.size()) next = prepare(orgs[i + 1]);
    const int64_t org = orgs[i];
    added += db.Write([&](db::Connection& c) {
      const int64_t n = WritePreparedCallList(c, org, date, s, p);
      audit::Entry e;
      e.organisation_id = org;
      e.operation = "create";
      e.record_type = "call_list";
      e.record_id = ListRecordId(date);
      audit::AppendInTransaction(c, e);
      return n;
    });
  }
  return added;
}

namespace {
// The scope filter of call_list_policy (InCallListScope): an agency-scoped manager's agencies.
void AppendAgencyScope(const auth::Actor& a, const char* column, std::string& where, std::vector<db::Param>& params) {
  if (a.agency_ids.empty()) return;
  where += std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < a.agency_ids.size(); ++i) {
    where += i ? ", ?" : "?";
    params.push_back(db::P(a.agency_ids[i]));
  }
  where += ")";
}
}  // namespace

Result<CallListView> ManagerReadsCallList(db::Database& db, const auth::Actor& actor, CivilDate date,
                                          const CallFilter& f) {
  if (!CanManageCallLists(actor)) return SeesCallLists(actor) ? Result<CallListView>(kManagersOnly) : NotFound();
  const int64_t org = actor.organisation_id;
  CallListView v;
  v.date = FormatIso(date);
  return db.Read([&](db::Connection& c) -> Result<CallListView> {
    std::string where = "WHERE oc.organisation_id = ? AND oc.list_date = ?";
    std::vector<db::Param> params{db::P(org), db::P(v.date)};
    AppendAgencyScope(actor, "oc.agency_id", where, params);
    if (f.agency_id) {
      where += " AND oc.agency_id = ?";
      params.push_back(db::P(*f.agency_id));
    }
    if (f.agent_id) {
      if (*f.agent_id == 0) {
        where += " AND oc.agent_id IS NULL";
      } else {
        where += " AND oc.agent_id = ?";
        params.push_back(db::P(*f.agent_id));
      }
    }
    if (f.state) {
      where += " AND oc.state = ?";
      params.push_back(db::P(*f.state));
    }
    params.push_back(db::P(f.limit + 1));
    c.Query(std::string(kListSelect) + where + kListOrder + " LIMIT ?", params,
            [&](const db::Row& r) { v.calls.push_back(ReadCall(r, false)); });
    if (static_cast<int>(v.calls.size()) > f.limit) {
      v.calls.pop_back();
      v.truncated = true;
    }
    std::unordered_map<std::string, int64_t> counts;
    std::string counted = "WHERE organisation_id = ? AND list_date = ?";
    std::vector<db::Param> counted_params{db::P(org), db::P(v.date)};
    AppendAgencyScope(actor, "agency_id", counted, counted_params);
    c.Query("SELECT state, COUNT(*), SUM(CASE WHEN agent_id IS NULL THEN 1 ELSE 0 END) FROM outreach_calls " +
                counted + " GROUP BY state",
            counted_params, [&](const db::Row& r) {
              counts[r.Str(0)] = r.Int(1);
              v.total += r.Int(1);
              v.unassigned += r.Int(2);
            });
    for (auto s : kStates) v.by_state.emplace_back(std::string(s), counts[std::string(s)]);
    return v;
  });
}

Result<std::vector<ListedCall>> AgentReadsOwnCalls(db::Database& db, const auth::Actor& actor, CivilDate date,
                                                   const VulnerabilityRule& rule) {
  if (!CanReadOwnCalls(actor)) return SeesCallLists(actor) ? Result<std::vector<ListedCall>>(Forbidden(
                                                                 "Seuls les chargé·es d'appels ont une liste d'appels."))
                                                           : NotFound();
  const int64_t org = actor.organisation_id;
  const std::string iso = FormatIso(date);
  return db.Read([&](db::Connection& c) -> Result<std::vector<ListedCall>> {
    std::vector<ListedCall> calls;
    std::unordered_map<int64_t, size_t> by_id;
    std::unordered_map<int64_t, std::vector<size_t>> by_household;
    std::unordered_map<int64_t, size_t> by_member;
    c.Query(std::string(kListSelect) + "WHERE oc.organisation_id = ? AND oc.list_date = ? AND oc.agent_id = ?" +
                kListOrder,
            {db::P(org), db::P(iso), db::P(actor.user_id)}, [&](const db::Row& r) {
              by_id[r.Int(0)] = calls.size();
              by_household[r.Int(5)].push_back(calls.size());
              by_member[r.Int(2)] = calls.size();
              calls.push_back(ReadCall(r, true));
            });
    if (calls.empty()) return calls;
    const std::string mine =
        "SELECT %s FROM outreach_calls oc WHERE oc.organisation_id = ? AND oc.list_date = ? AND oc.agent_id = ?";
    auto own = [&](const std::string& column) {
      std::string s = mine;
      s.replace(s.find("%s"), 2, column);
      return s;
    };
    c.Query("SELECT household_id, number, label FROM phones WHERE household_id IN (" + own("oc.household_id") +
                ") ORDER BY household_id, position",
            {db::P(org), db::P(iso), db::P(actor.user_id)}, [&](const db::Row& r) {
              for (size_t i : by_household[r.Int(0)]) calls[i].phones.push_back({r.Str(1), r.Str(2)});
            });
    c.Query("SELECT call_id, outcome, note, attempted_at FROM outreach_call_attempts WHERE call_id IN (" +
                own("oc.id") + ") ORDER BY call_id, id DESC",
            {db::P(org), db::P(iso), db::P(actor.user_id)}, [&](const db::Row& r) {
              auto& k = calls[by_id[r.Int(0)]];
              if (k.last_attempts.size() < 3) k.last_attempts.push_back({r.Str(1), r.Str(2), r.Int(3)});
            });
    // The level's reasons, computed now from the recorded factors (the level is the listed one).
    std::unordered_map<int64_t, std::vector<Factor>> factors;
    c.Query("SELECT member_id, factor FROM vulnerability_factors WHERE member_id IN (" + own("oc.member_id") + ")",
            {db::P(org), db::P(iso), db::P(actor.user_id)}, [&](const db::Row& r) {
              if (auto f = FactorFromCode(r.Text(1))) factors[r.Int(0)].push_back(*f);
            });
    c.Query("SELECT m.id, m.birth_date, p.override_level, p.override_reason FROM members m "
            "LEFT JOIN vulnerability_profiles p ON p.member_id = m.id WHERE m.id IN (" +
                own("oc.member_id") + ")",
            {db::P(org), db::P(iso), db::P(actor.user_id)}, [&](const db::Row& r) {
              auto& k = calls[by_member[r.Int(0)]];
              std::optional<int> age;
              if (!r.IsNull(1))
                if (auto birth = ParseDate(r.Text(1))) age = AgeOn(*birth, date);
              auto level = ComputeLevel(rule, age, factors[r.Int(0)]);
              if (!r.IsNull(2)) {
                const std::string reason = r.IsNull(3) ? "" : r.Str(3);
                k.level_summary = std::to_string(r.Int(2)) + " — niveau fixé" + (reason.empty() ? "" : " : " + reason) +
                                  " (calculé : " + level.summary + ")";
              } else {
                k.level_summary = level.summary;
              }
            });
    return calls;
  });
}

Result<ListedCall> ManagerReassignsCall(db::Database& db, const auth::Actor& actor, int64_t call_id,
                                        int64_t agent_id) {
  if (!SeesCallLists(actor)) return NotFound(kCallNotFound);
  const bool may = CanManageCallLists(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<ListedCall> {
    auto call = FindCall(c, org, call_id);
    if (!call || !InCallListScope(actor, call->agency_id)) return NotFound(kCallNotFound);
    if (!may) return kManagersOnly;
    if (call->state != "due" && call->state != "retry" && call->state != "callback")
      return Conflict("Cet appel est terminé : il ne peut plus changer de chargé·e d'appels.", "state");
    if (agent_id) {
      auto agent = FindAgent(c, org, agent_id, 0);
      if (!agent)
        return Invalid("agent_id", "Ce compte n'est pas un·e chargé·e d'appels actif·ve de votre organisme.");
      if (!agent->agency_ids.empty() &&
          std::find(agent->agency_ids.begin(), agent->agency_ids.end(), call->agency_id) == agent->agency_ids.end())
        return Invalid("agent_id", "Ce·tte chargé·e d'appels ne travaille pas pour l'agence du ménage.");
      if (!agent->available)
        return Invalid("agent_id", "Ce·tte chargé·e d'appels est indiqué·e absent·e.");
    }
    c.Exec("UPDATE outreach_calls SET agent_id = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
           {agent_id ? db::P(agent_id) : db::P(nullptr), db::P(NowMillis()), db::P(call_id), db::P(org)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_call", call_id));
    return *FindCall(c, org, call_id);
  });
}

Result<std::vector<AgentSettings>> ManagerListsCallAgents(db::Database& db, const auth::Actor& actor,
                                                          CivilDate date, int default_capacity) {
  if (!CanManageCallLists(actor))
    return SeesCallLists(actor) ? Result<std::vector<AgentSettings>>(kManagersOnly) : NotFound();
  const int64_t org = actor.organisation_id;
  return db.Read([&](db::Connection& c) -> Result<std::vector<AgentSettings>> {
    std::vector<int64_t> ids;
    c.Query("SELECT id FROM staff_users WHERE organisation_id = ? AND active = 1 AND (roles & ?) <> 0 "
            "ORDER BY display_name, id",
            {db::P(org), db::P(kCallAgentRole)}, [&](const db::Row& r) { ids.push_back(r.Int(0)); });
    std::vector<AgentSettings> out;
    for (int64_t id : ids)  // a team is a few dozen agents
      if (auto a = FindAgent(c, org, id, default_capacity); a && InAgentScope(actor, a->agency_ids))
        out.push_back(std::move(*a));
    std::unordered_map<int64_t, int64_t> load;
    c.Query("SELECT agent_id, COUNT(*) FROM outreach_calls WHERE organisation_id = ? AND list_date = ? "
            "AND agent_id IS NOT NULL AND state <> 'cancelled' GROUP BY agent_id",
            {db::P(org), db::P(FormatIso(date))}, [&](const db::Row& r) { load[r.Int(0)] = r.Int(1); });
    for (auto& a : out) a.assigned = load[a.user_id];
    return out;
  });
}

Result<AgentSettings> ManagerReadsAgentSettings(db::Database& db, const auth::Actor& actor, int64_t user_id,
                                                int default_capacity) {
  if (!CanManageCallLists(actor)) return SeesCallLists(actor) ? Result<AgentSettings>(kManagersOnly) : NotFound(kAgentNotFound);
  return db.Read([&](db::Connection& c) -> Result<AgentSettings> {
    auto a = FindAgent(c, actor.organisation_id, user_id, default_capacity);
    if (!a || !InAgentScope(actor, a->agency_ids)) return NotFound(kAgentNotFound);
    return *a;
  });
}

Result<AgentSettings> ManagerChangesAgentSettings(db::Database& db, const auth::Actor& actor, const AgentSettings& s,
                                                  int default_capacity) {
  if (!CanManageCallLists(actor)) return SeesCallLists(actor) ? Result<AgentSettings>(kManagersOnly) : NotFound(kAgentNotFound);
  const int64_t org = actor.organisation_id;
  if (s.daily_capacity < 0 || s.daily_capacity > 500)
    return Invalid("daily_capacity", "La capacité journalière doit être comprise entre 0 et 500 appels.");
  std::string languages;
  for (const auto& l : s.languages) {
    if (l.size() != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z')
      return Invalid("languages", "Chaque langue est un code ISO 639-1 de deux lettres minuscules (fr, ar, en…).");
    languages += (languages.empty() ? "" : ",") + l;
  }
  return db.Write([&](db::Connection& c) -> Result<AgentSettings> {
    auto agent = FindAgent(c, org, s.user_id, default_capacity);
    if (!agent || !InAgentScope(actor, agent->agency_ids)) return NotFound(kAgentNotFound);
    const int64_t now = NowMillis();
    c.Exec("INSERT INTO call_agent_settings (user_id, organisation_id, daily_capacity, languages, available, "
           "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET daily_capacity = "
           "excluded.daily_capacity, languages = excluded.languages, available = excluded.available, "
           "updated_at = excluded.updated_at",
           {db::P(s.user_id), db::P(org), db::P(s.daily_capacity), db::P(languages), db::P(s.available), db::P(now)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "call_agent_settings", s.user_id));
    return *FindAgent(c, org, s.user_id, default_capacity);
  });
}

}  // namespace relais::outreach
