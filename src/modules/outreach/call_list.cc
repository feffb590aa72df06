#include "modules/outreach/call_list.h"

#include <algorithm>
#include <unordered_map>

namespace relais::outreach {

LanguageCode PackLanguage(std::string_view s) {
  if (s.size() < 2) return 0;
  auto lower = [](char ch) { return static_cast<unsigned char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch); };
  return static_cast<LanguageCode>(lower(s[0]) << 8 | lower(s[1]));
}

std::vector<const CrisisPlan*> PlansInForce(const std::vector<CrisisPlan>& plans, std::string_view date) {
  std::vector<const CrisisPlan*> out;
  for (const auto& p : plans) {
    if (date < p.start_date) continue;
    if (!p.end_date.empty() && date > p.end_date) continue;
    out.push_back(&p);
  }
  return out;
}

std::vector<CrisisPlan> SortedPlansInForce(const std::vector<CrisisPlan>& plans, std::string_view date) {
  std::vector<CrisisPlan> out;
  for (const CrisisPlan* p : PlansInForce(plans, date)) {
    out.push_back(*p);
    SortPerimeter(out.back().perimeter);
  }
  return out;
}

PlanChoice ChoosePlan(std::span<const CrisisPlan* const> in_force, const CallCandidate& c) {
  PlanChoice best;
  for (const CrisisPlan* p : in_force) {
    if (!CoversSorted(p->perimeter, c.place)) continue;
    const int days = p->cadence.ForLevel(c.level);
    if (!best.plan || days < best.cadence_days) best = {p, days};
  }
  return best;
}

void AssignAgents(std::vector<PlannedCall>& calls, std::span<const int64_t> last_agent,
                  std::span<const LanguageCode> language, std::vector<CallAgent>& agents) {
  // The agents who may take a call of each agency: theirs plus those of the whole organisation.
  std::vector<int> everywhere;
  std::unordered_map<int64_t, std::vector<int>> by_agency;
  for (int i = 0; i < static_cast<int>(agents.size()); ++i) {
    if (!agents[i].available) continue;
    if (agents[i].agency_ids.empty()) everywhere.push_back(i);
    for (int64_t a : agents[i].agency_ids) by_agency[a].push_back(i);
  }
  for (auto& [agency, list] : by_agency) list.insert(list.end(), everywhere.begin(), everywhere.end());

  for (size_t k = 0; k < calls.size(); ++k) {
    PlannedCall& call = calls[k];
    if (call.agent_id) continue;
    auto it = by_agency.find(call.agency_id);
    const std::vector<int>& pool = it == by_agency.end() ? everywhere : it->second;
    int chosen = -1;
    if (last_agent[k])
      for (int i : pool)
        if (agents[i].user_id == last_agent[k] && agents[i].remaining > 0) chosen = i;
    if (chosen < 0) {
      for (int i : pool) {
        const CallAgent& a = agents[i];
        if (a.remaining <= 0) continue;
        if (chosen < 0) {
          chosen = i;
          continue;
        }
        const CallAgent& b = agents[chosen];
        const bool a_speaks = std::find(a.languages.begin(), a.languages.end(), language[k]) != a.languages.end();
        const bool b_speaks = std::find(b.languages.begin(), b.languages.end(), language[k]) != b.languages.end();
        if (a_speaks != b_speaks) {
          if (a_speaks) chosen = i;
        } else if (a.assigned != b.assigned ? a.assigned < b.assigned : a.user_id < b.user_id) {
          chosen = i;
        }
      }
    }
    if (chosen < 0) continue;
    call.agent_id = agents[chosen].user_id;
    --agents[chosen].remaining;
    ++agents[chosen].assigned;
  }
}

std::vector<PlannedCall> BuildCallList(std::span<const CallCandidate> candidates,
                                       const std::vector<CrisisPlan>& plans, std::string_view date,
                                       int64_t day, std::vector<CallAgent>& agents) {
  const std::vector<CrisisPlan> sorted_plans = SortedPlansInForce(plans, date);
  std::vector<const CrisisPlan*> in_force;
  for (const auto& p : sorted_plans) in_force.push_back(&p);
  std::vector<PlannedCall> calls;
  std::vector<uint32_t> source;  // index of each call's candidate
  if (in_force.empty()) return calls;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const CallCandidate& c = candidates[i];
    if (c.level < 1 || c.objection) continue;
    const PlanChoice choice = ChoosePlan(in_force, c);
    if (!choice.plan) continue;
    const int64_t due = c.last_reached_day < 0 ? day : c.last_reached_day + choice.cadence_days;
    if (due > day) continue;
    calls.push_back({c.member_id, c.household_id, c.place.agency_id, choice.plan->id, c.level, due, day - due, 0});
    source.push_back(static_cast<uint32_t>(i));
  }
  std::vector<uint32_t> order(calls.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const PlannedCall& x = calls[a];
    const PlannedCall& y = calls[b];
    if (x.level != y.level) return x.level > y.level;
    if (x.overdue != y.overdue) return x.overdue > y.overdue;
    return x.member_id < y.member_id;
  });
  std::vector<PlannedCall> sorted;
  sorted.reserve(calls.size());
  std::vector<int64_t> last_agent;
  last_agent.reserve(calls.size());
  std::vector<LanguageCode> language;
  language.reserve(calls.size());
  for (uint32_t i : order) {
    sorted.push_back(calls[i]);
    last_agent.push_back(candidates[source[i]].last_agent_id);
    language.push_back(candidates[source[i]].language);
  }
  AssignAgents(sorted, last_agent, language, agents);
  return sorted;
}

}  // namespace relais::outreach
