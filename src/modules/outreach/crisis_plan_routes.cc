// HTTP routes of crisis plans (api/openapi.yaml, tag crisis-plans).
#include "modules/outreach/crisis_plan_routes.h"

#include "modules/outreach/crisis_plan_store.h"
#include "platform/core/dates.h"
#include "platform/core/json_body.h"

namespace relais::outreach {
using nlohmann::json;

namespace {

json ToJson(const CrisisPlan& p) {
  json hours = json::array();
  for (const auto& w : p.windows) hours.push_back({{"start", FormatClock(w.start_minute)}, {"end", FormatClock(w.end_minute)}});
  return {{"id", p.id},
          {"kind", CrisisKindCode(p.kind)},
          {"name", p.name},
          {"start_date", p.start_date},
          {"end_date", p.end_date.empty() ? json(nullptr) : json(p.end_date)},
          {"perimeter",
           {{"all", p.perimeter.all},
            {"agency_ids", p.perimeter.agency_ids},
            {"communes", p.perimeter.communes},
            {"building_ids", p.perimeter.building_ids}}},
          {"cadence",
           {{"level1_days", p.cadence.level1_days},
            {"level2_days", p.cadence.level2_days},
            {"level3_days", p.cadence.level3_days}}},
          {"call_hours", hours},
          {"saturday", p.saturday},
          {"escalation_days", p.escalation_days},
          {"call_script", p.call_script}};
}

http::Response Answer(const Result<CrisisPlan>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(ToJson(*r), status);
}

template <class T>
bool ReadIdList(const json& j, std::vector<T>& out) {
  if (!j.is_array()) return false;
  out.clear();
  for (const auto& v : j) {
    if constexpr (std::is_same_v<T, int64_t>) {
      if (!v.is_number_integer()) return false;
      out.push_back(v.get<int64_t>());
    } else {
      if (!v.is_string() || v.get<std::string>().size() != 5) return false;
      out.push_back(v.get<std::string>());
    }
    if (out.size() > 500) return false;
  }
  return true;
}

// Merges the fields present in `j` into `p` (a POST starts from the kind's defaults).
std::optional<Error> Merge(const json& j, CrisisPlan& p, bool creating) {
  FieldReader f(j);
  if (creating || f.Has("kind")) {
    const std::string kind = f.Str("kind", 40);
    auto k = CrisisKindFromCode(kind);
    if (!k) return Invalid("kind", "kind doit valoir pandemic_lockdown, heatwave, cold_snap, flood ou custom.");
    p.kind = *k;
    if (creating) {
      p.cadence = DefaultCadence(*k);
      p.escalation_days = DefaultEscalationDays(*k);
    }
  }
  // name and call_script are optional: an empty text clears them (a custom plan needs its name: ValidatePlan).
  if (f.Has("name")) p.name = f.OptStr("name", 200).value_or("");
  if (creating || f.Has("start_date")) p.start_date = f.Str("start_date", 20);
  if (f.Has("end_date")) p.end_date = f.OptStr("end_date", 20).value_or("");
  if (f.Has("saturday")) p.saturday = f.Bool("saturday");
  if (f.Has("escalation_days")) p.escalation_days = static_cast<int>(f.Int("escalation_days", 1, 30));
  if (f.Has("call_script")) p.call_script = f.OptStr("call_script", 20000).value_or("");
  f.RejectUnknown({"kind", "name", "start_date", "end_date", "perimeter", "cadence", "call_hours", "saturday",
                   "escalation_days", "call_script"});
  if (!f.ok()) return f.error();
  if (j.contains("perimeter")) {
    const auto& pj = j["perimeter"];
    if (!pj.is_object()) return Invalid("perimeter", "Le périmètre doit être un objet.");
    Perimeter per;
    per.all = pj.value("all", false);
    if (pj.contains("agency_ids") && !ReadIdList(pj["agency_ids"], per.agency_ids))
      return Invalid("perimeter.agency_ids", "Liste d'identifiants d'agences invalide.");
    if (pj.contains("communes") && !ReadIdList(pj["communes"], per.communes))
      return Invalid("perimeter.communes", "Liste de codes INSEE (5 caractères) invalide.");
    if (pj.contains("building_ids") && !ReadIdList(pj["building_ids"], per.building_ids))
      return Invalid("perimeter.building_ids", "Liste d'identifiants d'immeubles invalide.");
    if (per.all) per = Perimeter{};
    p.perimeter = per;
  }
  if (j.contains("cadence")) {
    const auto& cj = j["cadence"];
    if (!cj.is_object()) return Invalid("cadence", "La fréquence doit être un objet.");
    for (auto [key, slot] : {std::pair<const char*, int*>{"level1_days", &p.cadence.level1_days},
                             {"level2_days", &p.cadence.level2_days},
                             {"level3_days", &p.cadence.level3_days}}) {
      if (!cj.contains(key)) continue;
      if (!cj[key].is_number_integer())
        return Invalid(std::string("cadence.") + key, "La fréquence d'appel doit être un nombre de jours.");
      const auto v = cj[key].get<int64_t>();
      *slot = v < 0 || v > 1000 ? 0 : static_cast<int>(v);
    }
  }
  if (j.contains("call_hours")) {
    const auto& hj = j["call_hours"];
    if (!hj.is_array() || hj.size() > 10) return Invalid("call_hours", "Les heures d'appel doivent être une liste de plages.");
    p.windows.clear();
    for (const auto& w : hj) {
      std::optional<int> start, end;
      if (w.is_object() && w.contains("start") && w["start"].is_string()) start = ParseClock(w["start"].get<std::string>());
      if (w.is_object() && w.contains("end") && w["end"].is_string()) end = ParseClock(w["end"].get<std::string>());
      if (!start || !end) return Invalid("call_hours", "Chaque plage d'appel a un début et une fin au format HH:MM.");
      p.windows.push_back({*start, *end});
    }
  } else if (creating) {
    p.windows = {{9 * 60, 12 * 60}, {14 * 60, 18 * 60}};
  }
  return std::nullopt;
}

std::string TodayInParis() {
  return FormatIso(ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())));
}

}  // namespace

void RegisterCrisisPlanRoutes(http::Router& router, db::Database& db) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/crisis-plans", Access::kSession, [&db](Context& ctx) {
    auto list = StaffListsCrisisPlans(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& p : *list) items.push_back(ToJson(p));
    // The cadence each kind proposes (crisis_plan.cc kKinds), for the declaration form.
    json defaults = json::object();
    for (auto k : {CrisisKind::kPandemicLockdown, CrisisKind::kHeatwave, CrisisKind::kColdSnap, CrisisKind::kFlood,
                   CrisisKind::kCustom}) {
      const Cadence c = DefaultCadence(k);
      defaults[std::string(CrisisKindCode(k))] = {
          {"level1_days", c.level1_days}, {"level2_days", c.level2_days}, {"level3_days", c.level3_days}};
    }
    return http::Json({{"items", items}, {"default_cadence", defaults}});
  });

  router.Add("POST", "/api/v1/crisis-plans", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    CrisisPlan plan;
    if (auto e = Merge(*j, plan, true)) return http::Problem(*e);
    return Answer(ManagerDeclaresCrisisPlan(db, ctx.Actor(), plan), 201);
  });

  router.Add("GET", "/api/v1/crisis-plans/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(StaffReadsCrisisPlan(db, ctx.Actor(), *id));
  });

  router.Add("PATCH", "/api/v1/crisis-plans/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = StaffReadsCrisisPlan(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    CrisisPlan plan = *current;
    if (auto e = Merge(*j, plan, false)) return http::Problem(*e);
    return Answer(ManagerChangesCrisisPlan(db, ctx.Actor(), plan));
  });

  router.Add("POST", "/api/v1/crisis-plans/{id}/close", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(ManagerClosesCrisisPlan(db, ctx.Actor(), *id, TodayInParis()));
  });
}

}  // namespace relais::outreach
