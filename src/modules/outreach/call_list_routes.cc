#include "modules/outreach/call_list_routes.h"

#include "platform/core/json_body.h"
#include "platform/http/params.h"

namespace relais::outreach {
using nlohmann::json;

namespace {

int64_t ListRecordId(CivilDate d) { return int64_t{d.year} * 10000 + d.month * 100 + d.day; }

Result<CivilDate> DateParam(const http::Context& ctx) {
  const std::string_view s = ctx.Param("date");
  auto d = ParseDate(s);
  if (!d || s.size() != 10 || s[4] != '-') return Invalid("date", "La date doit être une date valide (AAAA-MM-JJ).");
  return *d;
}

CivilDate TodayInParis() {
  return ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

json ToJson(const ListedCall& k) {
  json j = {{"id", k.id},
            {"list_date", k.list_date},
            {"member_id", k.member_id},
            {"member_name", k.member_name},
            {"household_id", k.household_id},
            {"household_reference", k.household_reference},
            {"agency_id", k.agency_id ? json(k.agency_id) : json(nullptr)},
            {"agency_name", k.agency_name},
            {"plan_id", k.plan_id},
            {"plan_kind", k.plan_kind},
            {"plan_name", k.plan_name},
            {"level", k.level},
            {"due_date", k.due_date},
            {"agent_id", k.agent_id ? json(k.agent_id) : json(nullptr)},
            {"agent_name", k.agent_name},
            {"state", k.state},
            {"attempts", k.attempts},
            {"next_attempt_at", k.next_attempt_at ? json(FormatUtcMillis(*k.next_attempt_at)) : json(nullptr)}};
  return j;
}

json ToJson(const AgentSettings& a) {
  return {{"user_id", a.user_id},       {"display_name", a.display_name}, {"agency_ids", a.agency_ids},
          {"daily_capacity", a.daily_capacity}, {"languages", a.languages}, {"available", a.available},
          {"configured", a.configured}};
}

}  // namespace

void RegisterCallListRoutes(http::Router& router, db::Database& db, audit::Trail& trail,
                            const CallListSettings& settings) {
  using http::Access;
  using http::Context;

  router.Add("POST", "/api/v1/call-lists/{date}/build", Access::kSession, [&db, settings](Context& ctx) {
    auto date = DateParam(ctx);
    if (!date.ok()) return http::Problem(date.error());
    auto built = ManagerBuildsCallList(db, ctx.Actor(), *date, settings);
    if (!built.ok()) return http::Problem(built.error());
    return http::Json({{"date", built->date}, {"added", built->added}, {"unassigned", built->unassigned}});
  });

  router.Add("GET", "/api/v1/call-lists/{date}", Access::kSession, [&db, &trail](Context& ctx) {
    auto date = DateParam(ctx);
    if (!date.ok()) return http::Problem(date.error());
    CallFilter f;
    auto agency = http::IdQueryParam(ctx.req, "agency_id");
    if (!agency.ok()) return http::Problem(agency.error());
    f.agency_id = *agency;
    if (auto agent = ctx.req.QueryParam("agent_id")) {
      if (*agent == "none") {
        f.agent_id = 0;
      } else {
        auto id = http::IdQueryParam(ctx.req, "agent_id");
        if (!id.ok()) return http::Problem(id.error());
        f.agent_id = *id;
      }
    }
    if (auto state = ctx.req.QueryParam("state")) {
      if (!IsCallState(*state))
        return http::Problem(Invalid("state", "state doit valoir due, retry, callback, reached, refused, "
                                              "wrong_number, unreachable ou cancelled."));
      f.state = *state;
    }
    auto limit = http::LimitParam(ctx.req, 999);
    if (!limit.ok()) return http::Problem(limit.error());
    if (ctx.req.QueryParam("limit")) f.limit = *limit;
    auto v = ManagerReadsCallList(db, ctx.Actor(), *date, f);
    if (!v.ok()) return http::Problem(v.error());
    json items = json::array();
    for (const auto& k : v->calls) items.push_back(ToJson(k));
    json by_state = json::object();
    for (const auto& [state, n] : v->by_state) by_state[state] = n;
    auto res = http::Json({{"date", v->date},
                           {"items", items},
                           {"truncated", v->truncated},
                           {"counts", {{"total", v->total}, {"unassigned", v->unassigned}, {"by_state", by_state}}}});
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "call_list", ListRecordId(*date)));
    return res;
  });

  router.Add("GET", "/api/v1/me/calls", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto date = http::DateQueryParam(ctx.req, "date");
    if (!date.ok()) return http::Problem(date.error());
    const CivilDate day = date->value_or(TodayInParis());
    auto calls = AgentReadsOwnCalls(db, ctx.Actor(), day, settings.rule);
    if (!calls.ok()) return http::Problem(calls.error());
    json items = json::array();
    for (const auto& k : *calls) {
      json j = ToJson(k);
      json phones = json::array();
      for (const auto& p : k.phones) phones.push_back({{"number", p.number}, {"label", p.label}});
      json attempts = json::array();
      for (const auto& a : k.last_attempts)
        attempts.push_back({{"outcome", a.outcome}, {"note", a.note}, {"attempted_at", FormatUtcMillis(a.attempted_at)}});
      j["phones"] = phones;
      j["level_summary"] = k.level_summary;
      j["call_script"] = k.call_script;
      j["last_attempts"] = attempts;
      items.push_back(std::move(j));
    }
    auto res = http::Json({{"date", FormatIso(day)}, {"items", items}});
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "call_list", ListRecordId(day)));
    return res;
  });

  router.Add("PUT", "/api/v1/calls/{id}/agent", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    if (!f.Has("agent_id")) f.Fail("agent_id", "Indiquez le ou la chargé·e d'appels (agent_id, ou null).");
    const auto agent = f.OptInt("agent_id", 1, INT64_MAX);
    f.RejectUnknown({"agent_id"});
    if (!f.ok()) return http::Problem(f.error());
    auto moved = ManagerReassignsCall(db, ctx.Actor(), *id, agent.value_or(0));
    if (!moved.ok()) return http::Problem(moved.error());
    return http::Json(ToJson(*moved));
  });

  router.Add("GET", "/api/v1/call-agents", Access::kSession, [&db, settings](Context& ctx) {
    auto date = http::DateQueryParam(ctx.req, "date");
    if (!date.ok()) return http::Problem(date.error());
    auto agents = ManagerListsCallAgents(db, ctx.Actor(), date->value_or(TodayInParis()), settings.default_capacity);
    if (!agents.ok()) return http::Problem(agents.error());
    json items = json::array();
    for (const auto& a : *agents) {
      json j = ToJson(a);
      j["assigned"] = a.assigned;
      items.push_back(std::move(j));
    }
    return http::Json({{"items", items}});
  });

  router.Add("GET", "/api/v1/call-agents/{userId}/settings", Access::kSession, [&db, settings](Context& ctx) {
    auto id = ctx.IdParam("userId");
    if (!id.ok()) return http::Problem(id.error());
    auto a = ManagerReadsAgentSettings(db, ctx.Actor(), *id, settings.default_capacity);
    if (!a.ok()) return http::Problem(a.error());
    return http::Json(ToJson(*a));
  });

  router.Add("PUT", "/api/v1/call-agents/{userId}/settings", Access::kSession, [&db, settings](Context& ctx) {
    auto id = ctx.IdParam("userId");
    if (!id.ok()) return http::Problem(id.error());
    auto current = ManagerReadsAgentSettings(db, ctx.Actor(), *id, settings.default_capacity);
    if (!current.ok()) return http::Problem(current.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    AgentSettings s = *current;
    FieldReader f(*j);
    if (f.Has("daily_capacity")) s.daily_capacity = static_cast<int>(f.Int("daily_capacity", 0, 500));
    if (f.Has("available")) s.available = f.Bool("available");
    f.RejectUnknown({"daily_capacity", "languages", "available"});
    if (!f.ok()) return http::Problem(f.error());
    if (j->contains("languages")) {
      const auto& l = (*j)["languages"];
      if (!l.is_array() || l.empty() || l.size() > 20)
        return http::Problem(Invalid("languages", "Indiquez entre une et vingt langues (codes ISO 639-1)."));
      s.languages.clear();
      for (const auto& v : l) {
        if (!v.is_string())
          return http::Problem(Invalid("languages", "Chaque langue est un code ISO 639-1 de deux lettres (fr, ar, en…)."));
        s.languages.push_back(v.get<std::string>());
      }
    }
    auto changed = ManagerChangesAgentSettings(db, ctx.Actor(), s, settings.default_capacity);
    if (!changed.ok()) return http::Problem(changed.error());
    return http::Json(ToJson(*changed));
  });
}

}  // namespace relais::outreach
