// HTTP routes of the outreach module (api/openapi.yaml).
#include "modules/outreach/crisis_plan_routes.h"
#include "modules/outreach/outreach.h"
#include "platform/core/dates.h"
#include "platform/core/json_body.h"
#include "platform/http/router.h"

namespace relais::outreach {
using nlohmann::json;

namespace {

json ToJson(const Referral& r) {
  return {{"id", r.id},
          {"landlord", {{"id", r.landlord_id}, {"name", r.landlord_name}}},
          {"partner", {{"id", r.partner_id}, {"name", r.partner_name}}},
          {"household_id", r.household_id},
          {"household_name", r.household_name},
          {"commune_name", r.commune_name},
          {"reason", r.reason},
          {"status", r.open ? "open" : "closed"},
          {"opened_at", FormatUtcMillis(r.opened_at)},
          {"closed_at", r.closed_at ? json(FormatUtcMillis(*r.closed_at)) : json(nullptr)}};
}

http::Response Answer(const Result<Referral>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(ToJson(*r), status);
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/referrals", Access::kSession, [&db](Context& ctx) {
    ReferralFilter f;
    if (auto s = ctx.req.QueryParam("status")) {
      if (*s == "open") f.open = true;
      else if (*s == "closed") f.open = false;
      else return http::Problem(Invalid("status", "status doit valoir open ou closed."));
    }
    auto list = ActorListsReferrals(db, ctx.Actor(), f);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& r : *list) items.push_back(ToJson(r));
    return http::Json({{"items", items}});
  });

  router.Add("POST", "/api/v1/referrals", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const int64_t household = f.Int("household_id", 1, INT64_MAX);
    const int64_t partner = f.Int("partner_id", 1, INT64_MAX);
    const std::string reason = f.Str("reason", 1000);
    f.RejectUnknown({"household_id", "partner_id", "reason"});
    if (!f.ok()) return http::Problem(f.error());
    return Answer(StaffOpensReferral(db, ctx.Actor(), household, partner, reason), 201);
  });

  router.Add("GET", "/api/v1/referrals/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(ActorReadsReferral(db, ctx.Actor(), *id));
  });

  router.Add("POST", "/api/v1/referrals/{id}/close", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(ActorClosesReferral(db, ctx.Actor(), *id));
  });

  router.Add("GET", "/api/v1/partners", Access::kSession, [&db](Context& ctx) {
    auto list = StaffListsPartners(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& p : *list) items.push_back({{"id", p.id}, {"name", p.name}, {"communes", p.communes}});
    return http::Json({{"items", items}});
  });

  RegisterCrisisPlanRoutes(router, db);
}

}  // namespace relais::outreach
