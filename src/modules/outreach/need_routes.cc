// HTTP routes of needs, delivery rounds and the household timeline (api/openapi.yaml, tag
// "outreach"). Reads of needs, rounds and the timeline are personal data: they leave once their
// audit entry is durable.
#include <set>
#include <utility>

#include "modules/outreach/delivery_round.h"
#include "modules/outreach/need.h"
#include "platform/audit/audit.h"
#include "platform/core/json_body.h"
#include "platform/http/params.h"
#include "platform/http/router.h"

namespace relais::outreach {
using nlohmann::json;

namespace {

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ToJson(const Action& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"status", a.status},
          {"owner", {{"id", a.owner_id}, {"name", a.owner_name}}},
          {"due_date", a.due_date},
          {"item", a.item.empty() ? json(nullptr) : json(a.item)},
          {"referral_id", OptId(a.referral_id)},
          {"partner_name", a.kind == "referral" ? json(a.partner_name) : json(nullptr)},
          {"task_id", OptId(a.task_id)},
          {"description", a.description},
          {"created_at", FormatUtcMillis(a.created_at)}};
}

json ToJson(const Need& n) {
  json actions = json::array();
  for (const auto& a : n.actions) actions.push_back(ToJson(a));
  return {{"id", n.id},
          {"household_id", n.household_id},
          {"call_id", OptId(n.call_id)},
          {"category", n.category},
          {"description", n.description},
          {"status", n.status},
          {"created_at", FormatUtcMillis(n.created_at)},
          {"support_case_id", OptId(n.support_case_id)},
          {"actions", actions}};
}

json ToJson(const DeliveryRound& r, bool with_stops) {
  json out{{"id", r.id},
           {"agency", {{"id", r.agency_id}, {"name", r.agency_name}}},
           {"date", r.date},
           {"created_at", FormatUtcMillis(r.created_at)},
           {"stops", r.stops},
           {"delivered", r.delivered},
           {"failed", r.failed}};
  if (!with_stops) return out;
  json buildings = json::array();
  for (const auto& b : r.buildings) {
    json stops = json::array();
    for (const auto& s : b.stops) {
      stops.push_back({{"action_id", s.action_id},
                       {"need_id", s.need_id},
                       {"household_id", s.household_id},
                       {"household_name", s.household_name},
                       {"dwelling_reference", s.dwelling_reference},
                       {"floor", s.floor},
                       {"phones", s.phones},
                       {"item", s.item},
                       {"result", s.result.empty() ? json(nullptr) : json(s.result)},
                       {"note", s.note}});
    }
    buildings.push_back({{"id", b.id}, {"name", b.name}, {"address", b.address}, {"stops", stops}});
  }
  out["buildings"] = buildings;
  return out;
}

json ToJson(const TimelineEntry& e) {
  json debt = nullptr;
  if (e.debt) {
    debt = {{"balance_cents", e.debt->balance_cents},
            {"arrears_cents", e.debt->arrears_cents},
            {"months_hundredths", e.debt->months_hundredths},
            {"caf_threshold_cents", e.debt->caf_threshold_cents}};
  }
  return {{"type", e.type},
          {"id", e.id},
          {"at", FormatUtcMillis(e.at)},
          {"status", e.status},
          {"code", e.code},
          {"text", e.text},
          {"parent_id", OptId(e.parent_id)},
          {"debt", debt}};
}

// A use case's result as the answer. Routes with a body look for the record first when the body
// is wrong (another landlord's record is 404 whatever the body says), then answer the body's error.
template <typename T>
http::Response AnswerAfter(const Result<T>& r, int status, json (*to_json)(const T&)) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(to_json(*r), status);
}

json NeedJson(const Need& n) { return ToJson(n); }
json RoundJson(const DeliveryRound& r) { return ToJson(r, true); }

}  // namespace

void RegisterNeedRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const rent::ClockSettings& rent_rules) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/households/{id}/needs", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto list = StaffListsNeeds(db, ctx.Actor(), *id);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& n : *list) items.push_back(ToJson(n));
    http::Response res = http::Json({{"items", items}});
    // The household's outreach follow-up (its needs, like its timeline), found by the household's id.
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "household_timeline", *id));
    return res;
  });

  router.Add("POST", "/api/v1/households/{id}/needs", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    NeedInput in;
    const auto body_error = ReadJsonBody(ctx.req.body, [&](FieldReader& f) {
      in.category = f.Str("category", 40);
      in.call_id = f.OptInt("call_id", 1, INT64_MAX);
      in.description = f.OptStr("description", 2000).value_or("");
      f.RejectUnknown({"category", "call_id", "description"});
    });
    // The household decides first (404/403), then the body's own errors.
    if (body_error) {
      auto h = StaffListsNeeds(db, ctx.Actor(), *id);
      return http::Problem(h.ok() ? *body_error : h.error());
    }
    return AnswerAfter<Need>(StaffRecordsNeed(db, ctx.Actor(), *id, in), 201, NeedJson);
  });

  router.Add("GET", "/api/v1/households/{id}/timeline", Access::kSession, [&db, &trail, rent_rules](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto list = StaffReadsTimeline(db, ctx.Actor(), *id, rent::TodayInParis(), rent_rules);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    // The household's timeline is read; so is each record whose content it shows (a lease's debt
    // and legal steps: a read of its ledger, as GET /leases/{id}/arrears writes it).
    std::vector<audit::Entry> reads{audit::Of(ctx.Actor(), "read", "household_timeline", *id)};
    std::set<std::pair<std::string, int64_t>> revealed;
    for (const auto& e : *list) {
      items.push_back(ToJson(e));
      if (e.reveals && revealed.emplace(e.reveals->record_type, e.reveals->record_id).second)
        reads.push_back(audit::Of(ctx.Actor(), "read", e.reveals->record_type, e.reveals->record_id));
    }
    http::Response res = http::Json({{"items", items}});
    res.hold = trail.HoldAll(std::move(reads));
    return res;
  });

  router.Add("GET", "/api/v1/needs/{id}", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto n = StaffReadsNeed(db, ctx.Actor(), *id);
    if (!n.ok()) return http::Problem(n.error());
    http::Response res = http::Json(ToJson(*n));
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "outreach_need", *id));
    return res;
  });

  router.Add("POST", "/api/v1/needs/{id}/actions", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    ActionInput in;
    const auto body_error = ReadJsonBody(ctx.req.body, [&](FieldReader& f) {
      in.kind = f.Str("kind", 20);
      in.owner_id = f.Int("owner_id", 1, INT64_MAX);
      in.due_date = f.Date("due_date");
      in.item = f.OptStr("item", 40).value_or("");
      in.partner_id = f.OptInt("partner_id", 1, INT64_MAX);
      in.reason = f.OptStr("reason", 1000).value_or("");
      in.consent_on = f.OptDate("consent_on");
      in.consent_given_by = f.OptStr("consent_given_by", 200).value_or("");
      in.description = f.OptStr("description", 2000).value_or("");
      f.RejectUnknown({"kind", "owner_id", "due_date", "item", "partner_id", "reason", "consent_on",
                       "consent_given_by", "description"});
    });
    // With an unreadable body the need is still looked for first: another's is 404.
    if (body_error) {
      auto n = StaffReadsNeed(db, ctx.Actor(), *id);
      return http::Problem(n.ok() ? *body_error : n.error());
    }
    return AnswerAfter<Need>(StaffAddsAction(db, ctx.Actor(), *id, in), 201, NeedJson);
  });

  router.Add("POST", "/api/v1/needs/{id}/actions/close", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    int64_t action = 0;
    std::string status;
    const auto body_error = ReadJsonBody(ctx.req.body, [&](FieldReader& f) {
      action = f.Int("action_id", 1, INT64_MAX);
      status = f.Str("status", 20);
      f.RejectUnknown({"action_id", "status"});
    });
    if (body_error) {
      auto n = StaffReadsNeed(db, ctx.Actor(), *id);
      return http::Problem(n.ok() ? *body_error : n.error());
    }
    return AnswerAfter<Need>(StaffClosesAction(db, ctx.Actor(), *id, action, status), 200, NeedJson);
  });

  router.Add("POST", "/api/v1/needs/{id}/cancel", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return AnswerAfter<Need>(StaffCancelsNeed(db, ctx.Actor(), *id), 200, NeedJson);
  });

  router.Add("GET", "/api/v1/delivery-rounds", Access::kSession, [&db](Context& ctx) {
    auto date = http::DateQueryParam(ctx.req, "date");
    if (!date.ok()) return http::Problem(date.error());
    auto list = StaffListsRounds(db, ctx.Actor(), *date);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& r : *list) items.push_back(ToJson(r, false));
    return http::Json({{"items", items}});
  });

  router.Add("POST", "/api/v1/delivery-rounds", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const CivilDate date = f.Date("date");
    const int64_t agency = f.Int("agency_id", 1, INT64_MAX);
    f.RejectUnknown({"date", "agency_id"});
    if (!f.ok()) return http::Problem(f.error());
    bool created = false;
    auto r = StaffBuildsRound(db, ctx.Actor(), date, agency, &created);
    return AnswerAfter<DeliveryRound>(r, created ? 201 : 200, RoundJson);
  });

  // The round with its stops, as JSON or as the printable PDF list (format=pdf).
  router.Add("GET", "/api/v1/delivery-rounds/{id}", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = StaffReadsRound(db, ctx.Actor(), *id);
    if (!r.ok()) return http::Problem(r.error());
    const std::string format = ctx.req.QueryParam("format").value_or("json");
    if (format != "json" && format != "pdf") return http::Problem(Invalid("format", "format doit valoir json ou pdf."));
    http::Response res;
    if (format == "pdf") {
      auto bytes = RoundPdf(*r);
      if (!bytes.ok()) return http::Problem(bytes.error());
      res.content_type = "application/pdf";
      res.body = std::move(*bytes);
      res.SetHeader("Content-Disposition",
                    "inline; filename=\"tournee-" + r->date + "-" + std::to_string(r->id) + ".pdf\"");
      res.hold = trail.Hold(audit::Of(ctx.Actor(), "export", "delivery_round", *id));
    } else {
      res = http::Json(ToJson(*r, true));
      res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "delivery_round", *id));
    }
    return res;
  });

  router.Add("POST", "/api/v1/delivery-rounds/{id}/stops", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    int64_t action = 0;
    std::string result, note;
    const auto body_error = ReadJsonBody(ctx.req.body, [&](FieldReader& f) {
      action = f.Int("action_id", 1, INT64_MAX);
      result = f.Str("result", 20);
      note = f.OptStr("note", 1000).value_or("");
      f.RejectUnknown({"action_id", "result", "note"});
    });
    if (body_error) {
      auto r = StaffReadsRound(db, ctx.Actor(), *id);
      return http::Problem(r.ok() ? *body_error : r.error());
    }
    return AnswerAfter<DeliveryRound>(StaffRecordsDelivery(db, ctx.Actor(), *id, action, result, note), 200, RoundJson);
  });
}

}  // namespace relais::outreach
