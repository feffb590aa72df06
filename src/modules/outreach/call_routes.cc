// HTTP routes of outreach calls, tasks and escalations (api/openapi.yaml, tag calls).
#include "modules/outreach/call_routes.h"

#include "platform/core/dates.h"
#include "platform/core/json_body.h"
#include "platform/http/params.h"

namespace relais::outreach {
using nlohmann::json;

std::optional<int64_t> ParseInstant(std::string_view s) {
  if (s.size() < 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  auto digits = [&](size_t at) -> int {
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  const int h = digits(11), m = digits(14);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  int sec = 0;
  size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    sec = digits(at + 1);
    if (sec < 0 || sec > 59) return std::nullopt;
    at += 3;
    if (at < s.size() && s[at] == '.') {
      ++at;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    }
  }
  const int64_t clock_ms = (int64_t{h} * 3600 + int64_t{m} * 60 + sec) * 1000;
  if (at == s.size()) return ParisMidnightUtcMillis(*date) + clock_ms;  // Paris wall clock (never on a Sunday night)
  int64_t offset_min = 0;
  if (s[at] == 'Z' && at + 1 == s.size()) {
    offset_min = 0;
  } else if ((s[at] == '+' || s[at] == '-') && at + 6 == s.size() && s[at + 3] == ':') {
    const int oh = digits(at + 1), om = digits(at + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset_min = (s[at] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return DaysFromCivil(*date) * 86'400'000 + clock_ms - offset_min * 60'000;
}

namespace {

json Opt(const std::optional<int64_t>& ms) { return ms ? json(FormatUtcMillis(*ms)) : json(nullptr); }

json PhonesJson(const std::vector<Phone>& phones) {
  json out = json::array();
  for (const auto& p : phones) out.push_back({{"number", p.number}, {"label", p.label}});
  return out;
}

json CallJson(const CallDetail& d) {
  const Call& c = d.call;
  json hours = json::array();
  for (const auto& w : d.call_hours) hours.push_back({{"start", FormatClock(w.start_minute)}, {"end", FormatClock(w.end_minute)}});
  json attempts = json::array();
  for (const auto& a : d.attempts)
    attempts.push_back({{"id", a.id},
                        {"agent_id", a.agent_id},
                        {"agent_name", a.agent_name},
                        {"outcome", CallOutcomeCode(a.outcome)},
                        {"note", a.note},
                        {"callback_at", Opt(a.callback_at)},
                        {"attempted_at", FormatUtcMillis(a.attempted_at)}});
  return {{"id", c.id},
          {"list_date", c.list_date},
          {"due_date", c.due_date},
          {"state", CallStateCode(c.state)},
          {"attempts_count", c.attempts},
          {"next_attempt_at", Opt(c.next_attempt_at)},
          {"closed_at", Opt(c.closed_at)},
          {"level", c.level},
          {"level_reasons", d.level_reasons},
          {"agent_id", c.agent_id ? json(c.agent_id) : json(nullptr)},
          {"agent_name", d.agent_name},
          {"member",
           {{"id", c.member_id},
            {"name", d.member_name},
            {"birth_date", d.member_birth_date ? json(*d.member_birth_date) : json(nullptr)}}},
          {"household", {{"id", c.household_id}, {"reference", d.household_reference}, {"address", d.address}}},
          {"agency_id", c.agency_id},
          {"phones", PhonesJson(d.phones)},
          {"plan",
           {{"id", c.plan_id},
            {"name", d.plan_name},
            {"kind", d.plan_kind},
            {"call_script", d.call_script},
            {"call_hours", hours},
            {"saturday", d.saturday}}},
          {"attempts", attempts}};
}

json EscalationJson(const Escalation& e) {
  return {{"id", e.id},
          {"member", {{"id", e.member_id}, {"name", e.member_name}}},
          {"household", {{"id", e.household_id}, {"reference", e.household_reference}}},
          {"phones", PhonesJson(e.phones)},
          {"agency", {{"id", e.agency_id}, {"name", e.agency_name}}},
          {"plan", {{"id", e.plan_id}, {"name", e.plan_name}}},
          {"call_id", e.call_id ? json(*e.call_id) : json(nullptr)},
          {"unreachable_since", e.unreachable_since},
          {"raised_at", FormatUtcMillis(e.raised_at)},
          {"status", e.status},
          {"action", e.action ? json(*e.action) : json(nullptr)},
          {"action_at", Opt(e.action_at)},
          {"outcome", e.outcome},
          {"closed_at", Opt(e.closed_at)},
          {"closed_by_name", e.closed_by_name}};
}

json TaskJson(const OutreachTask& t) {
  return {{"id", t.id},
          {"household", {{"id", t.household_id}, {"reference", t.household_reference}, {"name", t.household_name}}},
          {"kind", t.kind},
          {"description", t.description},
          {"owner_id", t.owner_id ? json(t.owner_id) : json(nullptr)},
          {"due_date", t.due_date},
          {"status", t.status},
          {"call_id", t.call_id ? json(*t.call_id) : json(nullptr)},
          {"created_at", FormatUtcMillis(t.created_at)},
          {"closed_at", Opt(t.closed_at)}};
}

}  // namespace

void RegisterCallRoutes(http::Router& router, db::Database& db, audit::Trail& trail, CallSettings settings) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/calls/{id}", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto d = StaffReadsCall(db, ctx.Actor(), *id, settings);
    if (!d.ok()) return http::Problem(d.error());
    auto res = http::Json(CallJson(*d));
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "outreach_call", *id));
    return res;
  });

  router.Add("POST", "/api/v1/calls/{id}/attempts", Access::kSession, [&db, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    AttemptInput in;
    const std::string outcome = f.Str("outcome", 40);
    if (f.ok()) {
      auto o = CallOutcomeFromCode(outcome);
      if (!o)
        f.Fail("outcome", "outcome doit valoir reached_fine, reached_needs_help, reached_refuses, callback_requested, "
                          "no_answer, voicemail, busy ou wrong_number.");
      else
        in.outcome = *o;
    }
    in.note = f.OptStr("note", 4000).value_or("");
    if (auto at = f.OptStr("callback_at", 40)) {
      in.callback_at = ParseInstant(*at);
      if (!in.callback_at)
        f.Fail("callback_at", "callback_at doit être une date et heure, par exemple 2026-07-02T15:30 (heure de Paris).");
    }
    f.RejectUnknown({"outcome", "note", "callback_at"});
    if (!f.ok()) return http::Problem(f.error());
    auto d = AgentRecordsAttempt(db, ctx.Actor(), *id, in, settings, NowMillis());
    if (!d.ok()) return http::Problem(d.error());
    return http::Json(CallJson(*d), 201);
  });

  router.Add("GET", "/api/v1/outreach-tasks", Access::kSession, [&db](Context& ctx) {
    TaskFilter f;
    if (auto s = ctx.req.QueryParam("status")) {
      if (*s != "open" && *s != "done" && *s != "cancelled")
        return http::Problem(Invalid("status", "status doit valoir open, done ou cancelled."));
      f.status = *s;
    }
    auto list = StaffListsOutreachTasks(db, ctx.Actor(), f);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& t : *list) items.push_back(TaskJson(t));
    return http::Json({{"items", items}});
  });

  router.Add("POST", "/api/v1/outreach-tasks/{id}/close", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    std::string status = "done";
    if (!ctx.req.body.empty()) {
      auto j = ParseJsonObject(ctx.req.body);
      if (!j.ok()) return http::Problem(j.error());
      FieldReader f(*j);
      status = f.OptStr("status", 20).value_or("done");
      f.RejectUnknown({"status"});
      if (!f.ok()) return http::Problem(f.error());
    }
    auto t = StaffClosesOutreachTask(db, ctx.Actor(), *id, status);
    if (!t.ok()) return http::Problem(t.error());
    return http::Json(TaskJson(*t));
  });

  router.Add("GET", "/api/v1/escalations", Access::kSession, [&db, &trail](Context& ctx) {
    EscalationFilter f;
    if (auto s = ctx.req.QueryParam("status")) {
      if (*s != "open" && *s != "closed") return http::Problem(Invalid("status", "status doit valoir open ou closed."));
      f.status = *s;
    }
    auto agency = http::IdQueryParam(ctx.req, "agency_id");
    if (!agency.ok()) return http::Problem(agency.error());
    f.agency_id = *agency;
    auto list = ManagerListsEscalations(db, ctx.Actor(), f);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& e : *list) items.push_back(EscalationJson(e));
    auto res = http::Json({{"items", items}});
    // The list names fragile persons and their phones: an audited read.
    if (!list->empty()) res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "outreach_escalation", 0));
    return res;
  });

  router.Add("POST", "/api/v1/escalations/{id}/action", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const std::string code = f.Str("action", 40);
    std::optional<EscalationAction> action;
    if (f.ok()) {
      action = EscalationActionFromCode(code);
      if (!action)
        f.Fail("action", "action doit valoir caretaker_visit, emergency_contact, town_social_service ou "
                         "emergency_services.");
    }
    const std::string outcome = f.OptStr("outcome", 4000).value_or("");
    f.RejectUnknown({"action", "outcome"});
    if (!f.ok()) return http::Problem(f.error());
    auto e = ManagerRecordsEscalationAction(db, ctx.Actor(), *id, *action, outcome);
    if (!e.ok()) return http::Problem(e.error());
    return http::Json(EscalationJson(*e));
  });

  router.Add("POST", "/api/v1/escalations/{id}/close", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const std::string outcome = f.OptStr("outcome", 4000).value_or("");
    f.RejectUnknown({"outcome"});
    if (!f.ok()) return http::Problem(f.error());
    auto e = ManagerClosesEscalation(db, ctx.Actor(), *id, outcome);
    if (!e.ok()) return http::Problem(e.error());
    return http::Json(EscalationJson(*e));
  });
}

}  // namespace relais::outreach
