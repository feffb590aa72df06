// The manager's crisis view: counted in SQL (calls, tasks, escalations), over the profiles of the
// organisation (the level is computed, never stored) or over its needs (their status is computed),
// grouped by agency, limited to the plan's perimeter.
#include "modules/outreach/crisis_report.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "modules/outreach/crisis_plan_policy.h"
#include "modules/outreach/crisis_plan_store.h"
#include "modules/outreach/need.h"
#include "platform/core/dates.h"
#include "platform/csv/csv.h"
#include "platform/http/router.h"

namespace relais::outreach {
using nlohmann::json;

namespace {

HouseholdPlace PlaceOf(const db::Row& r, int agency_col);

// The open needs (need.h: not given up, not met) and the open escalations of the perimeter's
// households, per agency of their building, as the open tasks.
void CountNeedsAndEscalations(db::Connection& c, int64_t org, const CrisisPlan& plan,
                              const std::function<bool(int64_t)>& visible, std::map<int64_t, CrisisCounts>& counts) {
  const auto open_needs = OpenNeedsPerHousehold(c, org);
  if (!open_needs.empty()) {
    c.Query("SELECT b.agency_id, b.commune_insee, b.id, h.id FROM households h JOIN dwellings d ON d.id = h.dwelling_id "
            "JOIN buildings b ON b.id = d.building_id WHERE h.organisation_id = ? AND h.id IN "
            "(SELECT household_id FROM outreach_needs WHERE organisation_id = ? AND cancelled_at IS NULL)",
            {db::P(org), db::P(org)}, [&](const db::Row& r) {
              const HouseholdPlace place = PlaceOf(r, 0);
              auto it = open_needs.find(r.Int(3));
              if (it != open_needs.end() && Covers(plan.perimeter, place) && visible(place.agency_id))
                counts[place.agency_id].open_needs += it->second;
            });
  }
  c.Query("SELECT b.agency_id, b.commune_insee, b.id, COUNT(*) FROM outreach_escalations e "
          "JOIN households h ON h.id = e.household_id JOIN dwellings d ON d.id = h.dwelling_id "
          "JOIN buildings b ON b.id = d.building_id WHERE e.organisation_id = ? AND e.status = 'open' "
          "GROUP BY b.agency_id, b.commune_insee, b.id",
          {db::P(org)}, [&](const db::Row& r) {
            const HouseholdPlace place = PlaceOf(r, 0);
            if (Covers(plan.perimeter, place) && visible(place.agency_id)) counts[place.agency_id].open_escalations += r.Int(3);
          });
}

HouseholdPlace PlaceOf(const db::Row& r, int agency_col) {
  return {r.OptInt(agency_col).value_or(0), r.Str(agency_col + 1), r.Int(agency_col + 2)};
}

void Add(CrisisCounts& to, const CrisisCounts& c) {
  for (size_t i = 0; i < to.profiles_by_level.size(); ++i) to.profiles_by_level[i] += c.profiles_by_level[i];
  to.calls_due_today += c.calls_due_today;
  to.calls_done_today += c.calls_done_today;
  to.calls_overdue += c.calls_overdue;
  to.calls_attempted += c.calls_attempted;
  to.calls_reached += c.calls_reached;
  to.open_tasks += c.open_tasks;
  to.open_needs += c.open_needs;
  to.open_escalations += c.open_escalations;
}

}  // namespace

Result<CrisisReport> ManagerReadsCrisisReport(db::Database& db, const auth::Actor& actor, int64_t plan_id,
                                              const VulnerabilityRule& rule, const std::string& today) {
  auto plan = StaffReadsCrisisPlan(db, actor, plan_id);  // 404 for who may not see the plan
  if (!plan.ok()) return plan.error();
  if (!CanReadCrisisReport(actor)) {
    return Forbidden("La vue de crise est réservée aux responsables et aux administrateurs.");
  }
  CrisisReport rep;
  rep.plan = *plan;
  rep.today = today;
  rep.period_end = plan->end_date.empty() || plan->end_date > today ? today : plan->end_date;
  const int64_t org = actor.organisation_id;
  const std::set<int64_t> mine(actor.agency_ids.begin(), actor.agency_ids.end());
  auto visible = [&](int64_t agency) { return mine.empty() || mine.count(agency) > 0; };
  const auto today_civil = *ParseDate(today);

  std::map<int64_t, CrisisCounts> counts;  // by agency
  std::map<std::pair<std::string, int64_t>, CrisisDay> per_day;  // (date, agency)
  std::map<int64_t, std::string> names;
  auto status = db.Read([&](db::Connection& c) -> Result<int> {
    c.Query("SELECT id, name FROM agencies WHERE organisation_id = ?", {db::P(org)},
            [&](const db::Row& r) { names[r.Int(0)] = r.Str(1); });

    // Profiles by effective level: the override, else the configured rule; objection excluded.
    std::map<int64_t, std::vector<Factor>> factors;
    c.Query("SELECT f.member_id, f.factor FROM vulnerability_factors f JOIN vulnerability_profiles vp ON "
            "vp.member_id = f.member_id WHERE vp.organisation_id = ? AND vp.objection_at IS NULL",
            {db::P(org)}, [&](const db::Row& r) {
              if (auto f = FactorFromCode(r.Text(1))) factors[r.Int(0)].push_back(*f);
            });
    c.Query("SELECT vp.member_id, m.birth_date, vp.override_level, b.agency_id, b.commune_insee, b.id "
            "FROM vulnerability_profiles vp JOIN members m ON m.id = vp.member_id "
            "JOIN households h ON h.id = m.household_id JOIN dwellings d ON d.id = h.dwelling_id "
            "JOIN buildings b ON b.id = d.building_id "
            "WHERE vp.organisation_id = ? AND vp.objection_at IS NULL AND h.anonymised_at IS NULL",
            {db::P(org)}, [&](const db::Row& r) {
              const HouseholdPlace place = PlaceOf(r, 3);
              if (!Covers(plan->perimeter, place) || !visible(place.agency_id)) return;
              int level = 0;
              if (auto o = r.OptInt(2)) {
                level = static_cast<int>(*o);
              } else {
                std::optional<int> age;
                if (auto b = r.OptStr(1)) {
                  if (auto birth = ParseDate(*b)) age = AgeOn(*birth, today_civil);
                }
                level = ComputeLevel(rule, age, factors[r.Int(0)]).level;
              }
              counts[place.agency_id].profiles_by_level[std::clamp(level, 0, 3)] += 1;
            });

    // Calls of the plan, per agency and list date.
    c.Query("SELECT agency_id, list_date, "
            "SUM(CASE WHEN state <> 'cancelled' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN state IN ('reached', 'refused') THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN state = 'unreachable' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN state IN ('reached', 'refused', 'wrong_number') THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) "
            "FROM outreach_calls WHERE organisation_id = ? AND plan_id = ? AND list_date <= ? "
            "GROUP BY agency_id, list_date",
            {db::P(org), db::P(plan->id), db::P(today)}, [&](const db::Row& r) {
              const int64_t agency = r.Int(0);
              if (!visible(agency)) return;
              const std::string date = r.Str(1);
              auto& k = counts[agency];
              if (date == today) {
                k.calls_due_today += r.Int(2);
                k.calls_done_today += r.Int(5);
              }
              k.calls_attempted += r.Int(6);
              k.calls_reached += r.Int(3);
              if (date >= plan->start_date && date <= rep.period_end) {
                per_day[{date, agency}] = {date, agency, r.Int(2), r.Int(3), r.Int(4)};
              }
            });
    c.Query("SELECT agency_id, COUNT(*) FROM outreach_calls WHERE organisation_id = ? AND plan_id = ? "
            "AND state IN ('due', 'retry', 'callback') AND (list_date < ? OR due_date < ?) GROUP BY agency_id",
            {db::P(org), db::P(plan->id), db::P(today), db::P(today)}, [&](const db::Row& r) {
              if (visible(r.Int(0))) counts[r.Int(0)].calls_overdue += r.Int(1);
            });

    // Open follow-up tasks of the perimeter's households.
    c.Query("SELECT b.agency_id, b.commune_insee, b.id, COUNT(*) FROM outreach_tasks t "
            "JOIN households h ON h.id = t.household_id JOIN dwellings d ON d.id = h.dwelling_id "
            "JOIN buildings b ON b.id = d.building_id WHERE t.organisation_id = ? AND t.status = 'open' "
            "GROUP BY b.agency_id, b.commune_insee, b.id",
            {db::P(org)}, [&](const db::Row& r) {
              const HouseholdPlace place = PlaceOf(r, 0);
              if (Covers(plan->perimeter, place) && visible(place.agency_id)) counts[place.agency_id].open_tasks += r.Int(3);
            });

    CountNeedsAndEscalations(c, org, *plan, visible, counts);
    return 0;
  });
  if (!status.ok()) return status.error();

  // The perimeter's agencies appear even without any count yet.
  for (int64_t a : plan->perimeter.agency_ids)
    if (visible(a) && names.count(a)) counts[a];
  if (plan->perimeter.all && mine.empty()) {
    for (const auto& [id, name] : names) counts[id];
  } else if (plan->perimeter.all) {
    for (int64_t a : mine)
      if (names.count(a)) counts[a];
  }
  for (const auto& [agency, k] : counts) {
    Add(rep.totals, k);
    rep.agencies.push_back({agency, agency == 0 ? std::string() : names[agency], k});
  }
  std::sort(rep.agencies.begin(), rep.agencies.end(), [](const auto& a, const auto& b) {
    if ((a.agency_id == 0) != (b.agency_id == 0)) return b.agency_id == 0;  // "no agency" last
    return a.name < b.name;
  });

  // The daily series from the plan's start to its end or today (its last kMaxReportDays days).
  if (plan->start_date <= rep.period_end) {
    const int64_t first = DaysFromCivil(*ParseDate(plan->start_date));
    const int64_t last = DaysFromCivil(*ParseDate(rep.period_end));
    for (int64_t d = std::max(first, last - kMaxReportDays + 1); d <= last; ++d) {
      const std::string date = FormatIso(CivilFromDays(d));
      CrisisDay sum{date, 0, 0, 0, 0};
      for (auto it = per_day.lower_bound({date, INT64_MIN}); it != per_day.end() && it->first.first == date; ++it) {
        sum.listed += it->second.listed;
        sum.reached += it->second.reached;
        sum.unreachable += it->second.unreachable;
        rep.agency_days.push_back(it->second);
      }
      rep.days.push_back(sum);
    }
  }
  return rep;
}

std::string CrisisReportCsv(const CrisisReport& r) {
  std::string out = "\xEF\xBB\xBF" "date;agence_id;agence;appels_listes;joints;injoignables;besoins_ouverts;alertes_ouvertes\r\n";
  std::map<std::pair<std::string, int64_t>, const CrisisDay*> by_day;
  for (const auto& x : r.agency_days) by_day[{x.date, x.agency_id}] = &x;
  for (const auto& day : r.days) {
    for (const auto& a : r.agencies) {
      CrisisDay d{day.date, a.agency_id, 0, 0, 0};
      if (auto it = by_day.find({day.date, a.agency_id}); it != by_day.end()) d = *it->second;
      out += d.date + ';' + std::to_string(a.agency_id) + ';';
      // An agency's name is the landlord's text: a leading =, +, - or @ would be a formula in Excel.
      std::string name = a.agency_id == 0 ? "Sans agence" : a.name;
      if (!name.empty() && std::string_view("=+-@").find(name[0]) != std::string_view::npos) name = "'" + name;
      csv::AppendCell(out, name);
      out += ';' + std::to_string(d.listed) + ';' + std::to_string(d.reached) + ';' + std::to_string(d.unreachable) + ';';
      if (day.date == r.days.back().date) {
        out += std::to_string(a.counts.open_needs) + ';' + std::to_string(a.counts.open_escalations);
      } else {
        out += ';';
      }
      out += "\r\n";
    }
  }
  return out;
}

namespace {

json CountsJson(const CrisisCounts& k) {
  return {{"profiles_by_level",
           {{"level0", k.profiles_by_level[0]},
            {"level1", k.profiles_by_level[1]},
            {"level2", k.profiles_by_level[2]},
            {"level3", k.profiles_by_level[3]}}},
          {"calls_due_today", k.calls_due_today},
          {"calls_done_today", k.calls_done_today},
          {"calls_overdue", k.calls_overdue},
          {"calls_attempted", k.calls_attempted},
          {"calls_reached", k.calls_reached},
          {"reach_rate", k.calls_attempted == 0
                             ? json(nullptr)
                             : json(static_cast<double>(k.calls_reached) / static_cast<double>(k.calls_attempted))},
          {"open_tasks", k.open_tasks},
          {"open_needs", k.open_needs},
          {"open_escalations", k.open_escalations}};
}

json DayJson(const CrisisDay& d) {
  return {{"date", d.date}, {"listed", d.listed}, {"reached", d.reached}, {"unreachable", d.unreachable}};
}

std::string TodayInParis() {
  return FormatIso(ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())));
}

}  // namespace

void RegisterCrisisReportRoutes(http::Router& router, db::Database& db, const VulnerabilityRule& rule) {
  router.Add("GET", "/api/v1/crisis-plans/{id}/report", http::Access::kSession, [&db, rule](http::Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = ManagerReadsCrisisReport(db, ctx.Actor(), *id, rule, TodayInParis());
    if (!r.ok()) return http::Problem(r.error());
    json agencies = json::array();
    for (const auto& a : r->agencies) {
      json days = json::array();
      for (const auto& d : r->agency_days)
        if (d.agency_id == a.agency_id) days.push_back(DayJson(d));
      agencies.push_back({{"agency_id", a.agency_id == 0 ? json(nullptr) : json(a.agency_id)},
                          {"name", a.name},
                          {"counts", CountsJson(a.counts)},
                          {"days", days}});
    }
    json days = json::array();
    for (const auto& d : r->days) days.push_back(DayJson(d));
    return http::Json({{"plan_id", r->plan.id},
                       {"today", r->today},
                       {"period_start", r->plan.start_date},
                       {"period_end", r->period_end},
                       {"totals", CountsJson(r->totals)},
                       {"agencies", agencies},
                       {"days", days}});
  });

  router.Add("GET", "/api/v1/crisis-plans/{id}/report.csv", http::Access::kSession, [&db, rule](http::Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = ManagerReadsCrisisReport(db, ctx.Actor(), *id, rule, TodayInParis());
    if (!r.ok()) return http::Problem(r.error());
    http::Response res;
    res.content_type = "text/csv; charset=utf-8";
    res.body = CrisisReportCsv(*r);
    res.SetHeader("Content-Disposition",
                  "attachment; filename=\"vue-de-crise-" + std::to_string(r->plan.id) + ".csv\"");
    return res;
  });
}

}  // namespace relais::outreach
