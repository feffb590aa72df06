// Figures of the dashboard: counted in SQL, grouped, then suppressed before they leave.
#include "modules/dashboard/dashboard.h"

#include <algorithm>
#include <map>

#include "modules/dashboard/dashboard_policy.h"
#include "modules/housing/housing.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/http/router.h"

namespace relais::dashboard {
using nlohmann::json;

Table Suppress(const std::vector<std::vector<int64_t>>& counts, size_t columns) {
  Table t;
  t.rows.assign(counts.size(), std::vector<Cell>(columns));
  t.totals.assign(columns, Cell{});
  for (size_t j = 0; j < columns; ++j) {
    int64_t total = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
      total += counts[i][j];
      const bool small = counts[i][j] < kThreshold;
      t.rows[i][j] = small ? Cell{std::nullopt, true} : Cell{counts[i][j], false};
    }
    bool total_hidden = total < kThreshold;
    while (!total_hidden) {
      int hidden = 0;
      int64_t hidden_sum = 0;
      std::optional<size_t> smallest_shown;
      for (size_t i = 0; i < counts.size(); ++i) {
        if (t.rows[i][j].suppressed) {
          ++hidden;
          hidden_sum += counts[i][j];
        } else if (!smallest_shown || counts[i][j] < counts[*smallest_shown][j]) {
          smallest_shown = i;
        }
      }
      if (hidden == 0 || (hidden >= 2 && hidden_sum >= kThreshold)) break;
      if (smallest_shown) t.rows[*smallest_shown][j] = Cell{std::nullopt, true};
      else total_hidden = true;
    }
    t.totals[j] = total_hidden ? Cell{std::nullopt, true} : Cell{total, false};
  }
  return t;
}

Result<Figures> ActorReadsFigures(db::Database& db, const auth::Actor& actor, GroupBy by) {
  const FiguresScope scope = FiguresScopeOf(actor);
  if (!CanReadFigures(actor)) {
    if (scope == FiguresScope::kOrganisation) {
      return Forbidden("Le tableau de bord est réservé aux responsables et à l'association régionale.");
    }
    return NotFound();
  }
  Figures f;
  f.scope = scope == FiguresScope::kRegion ? "region" : "organisation";
  f.by = by;
  f.columns = {"households", "dwellings", "referrals_open", "referrals_closed"};
  // Each count is grouped by key; `where` limits to the landlords of the scope (alias o).
  const std::string where = scope == FiguresScope::kRegion ? "o.kind = 'landlord'" : "o.id = ?";
  std::vector<db::Param> params;
  if (scope == FiguresScope::kOrganisation) params.push_back(db::P(actor.organisation_id));
  const std::string key = by == GroupBy::kCommune ? "b.commune_insee" : "CAST(o.id AS TEXT)";
  std::map<std::string, std::vector<int64_t>> counts;
  std::map<std::string, std::string> labels;
  auto add = [&](const std::string& sql, size_t column_of_first, bool by_status) {
    db.Read([&](db::Connection& c) {
      c.Query(sql, params, [&](const db::Row& r) {
        auto& row = counts[r.Str(0)];
        row.resize(4, 0);
        labels[r.Str(0)] = r.Str(1);
        const size_t column = by_status ? (r.Str(2) == "open" ? 2 : 3) : column_of_first;
        row[column] += r.Int(by_status ? 3 : 2);
      });
      return 0;
    });
  };
  const std::string head = "SELECT " + key + ", MIN(o.name), ";
  add(head + "COUNT(*) FROM households h JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b ON b.id = "
             "d.building_id JOIN organisations o ON o.id = h.organisation_id WHERE " + where + " GROUP BY " + key,
      0, false);
  add(head + "COUNT(*) FROM dwellings d JOIN buildings b ON b.id = d.building_id JOIN organisations o ON o.id = "
             "d.organisation_id WHERE " + where + " GROUP BY " + key,
      1, false);
  add(head + "r.status, COUNT(*) FROM referrals r JOIN households h ON h.id = r.household_id JOIN dwellings d "
             "ON d.id = h.dwelling_id JOIN buildings b ON b.id = d.building_id JOIN organisations o ON o.id = "
             "r.organisation_id WHERE " + where + " GROUP BY " + key + ", r.status",
      0, true);
  std::vector<std::vector<int64_t>> raw;
  for (auto& [k, row] : counts) {
    std::string label = labels[k];
    if (by == GroupBy::kCommune) {
      const auto* commune = housing::FindCommune(k);
      label = commune ? commune->name : k;
    }
    f.keys.emplace_back(k, label);
    raw.push_back(row);
  }
  f.table = Suppress(raw, f.columns.size());
  return f;
}

Result<std::vector<outreach::OpenEscalation>> ManagerReadsOpenEscalations(db::Database& db, const auth::Actor& actor) {
  if (!CanReadOpenEscalations(actor)) {
    if (FiguresScopeOf(actor) == FiguresScope::kOrganisation) {
      return Forbidden("Les alertes du tableau de bord sont réservées aux responsables.");
    }
    return NotFound();
  }
  return outreach::ManagerListsOpenEscalations(db, actor);
}

namespace {
json CellJson(const Cell& c) { return {{"value", c.value ? json(*c.value) : json(nullptr)}, {"suppressed", c.suppressed}}; }
}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail) {
  router.Add("GET", "/api/v1/dashboard/escalations", http::Access::kSession, [&db, &trail](http::Context& ctx) {
    auto list = ManagerReadsOpenEscalations(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& e : *list) {
      items.push_back({{"id", e.id},
                       {"member_name", e.member_name},
                       {"household", {{"id", e.household_id}, {"reference", e.household_reference}}},
                       {"agency", {{"id", e.agency_id}, {"name", e.agency_name}}},
                       {"plan_name", e.plan_name},
                       {"unreachable_since", e.unreachable_since},
                       {"raised_at", FormatUtcMillis(e.raised_at)},
                       {"action", e.action ? json(*e.action) : json(nullptr)}});
    }
    auto res = http::Json({{"items", items}});
    // The alerts name fragile persons: an audited read, as the Alertes page's.
    if (!list->empty()) res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "outreach_escalation", 0));
    return res;
  });

  router.Add("GET", "/api/v1/dashboard/figures", http::Access::kSession, [&db](http::Context& ctx) {
    GroupBy by = GroupBy::kCommune;
    if (auto s = ctx.req.QueryParam("by")) {
      if (*s == "landlord") by = GroupBy::kLandlord;
      else if (*s != "commune") return http::Problem(Invalid("by", "by doit valoir commune ou landlord."));
    }
    auto f = ActorReadsFigures(db, ctx.Actor(), by);
    if (!f.ok()) return http::Problem(f.error());
    json rows = json::array();
    for (size_t i = 0; i < f->keys.size(); ++i) {
      json cells = json::array();
      for (const auto& c : f->table.rows[i]) cells.push_back(CellJson(c));
      rows.push_back({{"key", f->keys[i].first}, {"label", f->keys[i].second}, {"cells", cells}});
    }
    json totals = json::array();
    for (const auto& c : f->table.totals) totals.push_back(CellJson(c));
    return http::Json({{"scope", f->scope},
                       {"by", by == GroupBy::kCommune ? "commune" : "landlord"},
                       {"threshold", kThreshold},
                       {"columns", f->columns},
                       {"rows", rows},
                       {"totals", totals}});
  });
}

}  // namespace relais::dashboard
