// HTTP routes of appointment notices and the crisis switch (api/openapi.yaml, tag "reception"):
// the notices log of an appointment, the tenant's SMS choice, the switches and their banner.
#include "modules/reception/appointment_notice_routes.h"

#include "modules/reception/appointment_notice.h"
#include "modules/reception/crisis_switch.h"
#include "platform/core/json_body.h"
#include "platform/core/json_writer.h"

namespace relais::reception {
namespace {

void WriteSwitch(JsonWriter& w, const CrisisSwitch& s) {
  w.BeginObject();
  w.Key("id").Int(s.id);
  w.Key("site_id");
  if (s.site_id) w.Int(s.site_id); else w.Null();
  w.Key("site_name").String(s.site_name);
  w.Key("start_date").String(s.start_date);
  w.Key("end_date").String(s.end_date);
  w.Key("mode").String(ModeCode(s.mode));
  w.Key("cancel_in_person").Bool(s.cancel_in_person);
  w.Key("message").String(s.message);
  w.Key("created_at").String(FormatUtcMillis(s.created_ms));
  w.Key("converted").Int(s.converted);
  w.Key("cancelled").Int(s.cancelled);
  w.Key("notified").Int(s.notified);
  w.EndObject();
}

http::Response Switches(const std::vector<CrisisSwitch>& list) {
  JsonWriter w;
  w.BeginObject();
  w.Key("items").BeginArray();
  for (const auto& s : list) WriteSwitch(w, s);
  w.EndArray();
  w.EndObject();
  return http::JsonText(w.Take());
}

}  // namespace

void RegisterNoticeRoutes(http::Router& router, db::Database& db) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/appointments/{id}/notices", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto log = StaffReadsNoticeLog(db, ctx.Actor(), *id);
    if (!log.ok()) return http::Problem(log.error());
    JsonWriter w;
    w.BeginObject();
    w.Key("items").BeginArray();
    for (const auto& e : *log) {
      w.BeginObject();
      w.Key("id").Int(e.id);
      w.Key("kind").String(e.kind);
      w.Key("channel").String(e.channel);
      w.Key("status").String(e.status);
      w.Key("attempts").Int(e.attempts);
      w.Key("last_error").String(e.last_error);
      w.Key("created_at").String(FormatUtcMillis(e.created_ms));
      w.Key("done_at");
      if (e.done_ms) w.String(FormatUtcMillis(e.done_ms)); else w.Null();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return http::JsonText(w.Take());
  });

  router.Add("GET", "/api/v1/tenant/notice-preferences", Access::kTenant, [&db](Context& ctx) {
    auto opt_out = TenantReadsSmsOptOut(db, ctx.Actor());
    if (!opt_out.ok()) return http::Problem(opt_out.error());
    return http::Json({{"sms", !*opt_out}});
  });
  router.Add("PUT", "/api/v1/tenant/notice-preferences", Access::kTenant, [&db](Context& ctx) {
    auto body = ParseJsonObject(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    auto sms = body->find("sms");
    if (sms == body->end() || !sms->is_boolean()) {
      return http::Problem(Invalid("sms", "sms doit valoir true (recevoir les SMS) ou false."));
    }
    auto opt_out = TenantSetsSmsOptOut(db, ctx.Actor(), !sms->get<bool>());
    if (!opt_out.ok()) return http::Problem(opt_out.error());
    return http::Json({{"sms", !*opt_out}});
  });

  router.Add("GET", "/api/v1/reception/crisis-switches", Access::kSession, [&db](Context& ctx) {
    auto list = StaffListsCrisisSwitches(db, ctx.Actor(), NowMillis());
    if (!list.ok()) return http::Problem(list.error());
    return Switches(*list);
  });
  router.Add("POST", "/api/v1/reception/crisis-switches", Access::kSession, [&db](Context& ctx) {
    auto body = ParseJsonObject(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    CrisisSwitch s;
    const auto& b = *body;
    auto str = [&](const char* k) { auto it = b.find(k); return it != b.end() && it->is_string() ? it->get<std::string>() : std::string(); };
    if (auto it = b.find("site_id"); it != b.end() && !it->is_null()) {
      if (!it->is_number_integer() || it->get<int64_t>() <= 0) return http::Problem(Invalid("site_id", "site_id doit être l'identifiant d'un site, ou null pour tous."));
      s.site_id = it->get<int64_t>();
    }
    s.start_date = str("start_date");
    s.end_date = str("end_date");
    auto mode = ModeFromCode(str("mode"));
    if (!mode) return http::Problem(Invalid("mode", "mode doit valoir phone ou video."));
    s.mode = *mode;
    if (auto it = b.find("cancel_in_person"); it != b.end()) {
      if (!it->is_boolean()) return http::Problem(Invalid("cancel_in_person", "cancel_in_person doit valoir true ou false."));
      s.cancel_in_person = it->get<bool>();
    }
    s.message = str("message");
    auto r = ManagerSwitchesToRemote(db, ctx.Actor(), s, NowMillis());
    if (!r.ok()) return http::Problem(r.error());
    JsonWriter w;
    WriteSwitch(w, *r);
    return http::JsonText(w.Take(), 201);
  });
  router.Add("GET", "/api/v1/tenant/reception-banners", Access::kTenant, [&db](Context& ctx) {
    auto list = TenantReadsCrisisBanners(db, ctx.Actor(), NowMillis());
    if (!list.ok()) return http::Problem(list.error());
    return Switches(*list);
  });
}

}  // namespace relais::reception
