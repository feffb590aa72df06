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
          {"closed_at", r.closed_at ? json(FormatUtcMillis(*r.closed_at)) : json(nullptr)},
          {"response", r.response.empty() ? json(nullptr) : json(r.response)},
          {"response_reason", r.response_reason},
          {"responded_at", r.responded_at ? json(FormatUtcMillis(*r.responded_at)) : json(nullptr)},
          {"outcome", r.outcome},
          {"consent", r.consent_on ? json{{"on", *r.consent_on}, {"given_by", r.consent_given_by}} : json(nullptr)}};
}

// The one text field of an answer's body ("reason", "outcome"), required.
Result<std::string> TextOf(const std::string& body, const char* key) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  std::string v = f.Str(key, 2000);
  f.RejectUnknown({key});
  if (!f.ok()) return f.error();
  return v;
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
    Consent consent;
    consent.on = f.OptDate("consent_on");
    consent.given_by = f.OptStr("consent_given_by", 200).value_or("");
    f.RejectUnknown({"household_id", "partner_id", "reason", "consent_on", "consent_given_by"});
    if (!f.ok()) return http::Problem(f.error());
    return Answer(StaffOpensReferral(db, ctx.Actor(), household, partner, reason, consent), 201);
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

  router.Add("POST", "/api/v1/referrals/{id}/accept", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(PartnerAcceptsReferral(db, ctx.Actor(), *id));
  });

  router.Add("POST", "/api/v1/referrals/{id}/decline", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    // The referral is looked for first: another's is 404 whatever the body.
    auto reason = TextOf(ctx.req.body, "reason");
    auto r = PartnerDeclinesReferral(db, ctx.Actor(), *id, reason.ok() ? *reason : "");
    if (!r.ok() && r.error().code == ErrorCode::kInvalid && !reason.ok()) return http::Problem(reason.error());
    return Answer(r);
  });

  router.Add("POST", "/api/v1/referrals/{id}/outcome", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto outcome = TextOf(ctx.req.body, "outcome");
    auto r = PartnerRecordsOutcome(db, ctx.Actor(), *id, outcome.ok() ? *outcome : "");
    if (!r.ok() && r.error().code == ErrorCode::kInvalid && !outcome.ok()) return http::Problem(outcome.error());
    return Answer(r);
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
