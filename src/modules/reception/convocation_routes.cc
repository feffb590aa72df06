#include "modules/reception/convocation_routes.h"

#include "modules/reception/appointment_calendar.h"
#include "platform/core/json_body.h"
#include "platform/core/json_writer.h"

namespace relais::reception {
namespace {

std::string Html(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

http::Response Pdf(ConvocationFile f) {
  http::Response res;
  res.content_type = "application/pdf";
  res.body = std::move(f.pdf);
  res.SetHeader("Content-Disposition", "attachment; filename=\"" + f.filename + "\"");
  return res;
}

http::Response Ics(std::string body, const std::string& filename) {
  http::Response res;
  res.content_type = "text/calendar; charset=utf-8";
  res.body = std::move(body);
  res.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return res;
}

void WriteFeed(JsonWriter& w, const CalendarFeed& f, const std::string& public_url) {
  w.BeginObject();
  w.Key("active").Bool(f.active);
  w.Key("created_at");
  if (f.active) w.String(FormatUtcMillis(f.created_ms)); else w.Null();
  if (!f.token.empty()) w.Key("url").String(public_url + "/calendar/" + f.token + ".ics");
  w.EndObject();
}

}  // namespace

std::string VerifyPage(const ConvocationCheck& check) {
  const bool genuine = check.status != ConvocationCheck::Status::kNotGenuine;
  const std::string heading = check.status == ConvocationCheck::Status::kValid ? "Convocation valable"
                              : genuine ? "Convocation plus valable"
                                        : "Convocation non authentique";
  std::string s =
      "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>" + heading + " — Relais</title>\n</head>\n<body>\n<main>\n"
      "<h1>" + heading + "</h1>\n<p id=\"verdict\" data-status=\"" + std::string(StatusCode(check.status)) + "\">" +
      Html(check.message) + "</p>\n";
  if (genuine) {
    s += "<dl>\n<dt>Date</dt><dd>" + Html(check.date) + " à " + Html(check.time) + "</dd>\n<dt>Lieu</dt><dd>" +
         Html(check.site) + "</dd>\n<dt>Motif</dt><dd>" + Html(check.reason) + "</dd>\n</dl>\n";
  }
  s += "<p>Cette page ne montre aucune donnée personnelle : comparez la date, le lieu et le motif avec la "
       "convocation présentée et une pièce d'identité.</p>\n</main>\n</body>\n</html>\n";
  return s;
}

void RegisterConvocationRoutes(http::Router& router, db::Database& db, audit::Trail& trail,
                               const ConvocationSettings& settings) {
  using http::Access;
  using http::Context;
  const ConvocationSettings s = settings;

  // The convocation names the person: a staff read is audited like the appointment's.
  router.Add("GET", "/api/v1/appointments/{id}/convocation.pdf", Access::kSession, [&db, &trail, s](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto f = ActorGetsConvocation(db, ctx.Actor(), s, *id, NowMillis());
    if (!f.ok()) return http::Problem(f.error());
    auto res = Pdf(std::move(*f));
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "appointment", *id));
    return res;
  });
  router.Add("GET", "/api/v1/tenant/appointments/{id}/convocation.pdf", Access::kTenant, [&db, s](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto f = ActorGetsConvocation(db, ctx.Actor(), s, *id, NowMillis());
    if (!f.ok()) return http::Problem(f.error());
    return Pdf(std::move(*f));
  });
  router.Add("GET", "/api/v1/appointments/{id}/calendar.ics", Access::kSession, [&db, &trail, s](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto ics = ActorGetsCalendarFile(db, ctx.Actor(), s.public_url, *id, NowMillis());
    if (!ics.ok()) return http::Problem(ics.error());
    auto res = Ics(std::move(*ics), "rendez-vous-" + std::to_string(*id) + ".ics");
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "appointment", *id));
    return res;
  });
  router.Add("GET", "/api/v1/tenant/appointments/{id}/calendar.ics", Access::kTenant, [&db, s](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto ics = ActorGetsCalendarFile(db, ctx.Actor(), s.public_url, *id, NowMillis());
    if (!ics.ok()) return http::Problem(ics.error());
    return Ics(std::move(*ics), "rendez-vous-" + std::to_string(*id) + ".ics");
  });

  // Public: anyone holding the paper (a police officer) checks it; only date, site and reason.
  router.Add("GET", "/verify/{token}", Access::kPublic, [&db, s](Context& ctx) {
    const auto check = PublicChecksConvocation(db, s, std::string(ctx.Param("token")), NowMillis());
    http::Response res;
    res.status = check.status == ConvocationCheck::Status::kNotGenuine ? 404 : 200;
    res.content_type = "text/html; charset=utf-8";
    res.body = VerifyPage(check);
    res.SetHeader("X-Robots-Tag", "noindex");
    return res;
  });
  router.Add("GET", "/api/v1/public/convocations/{token}", Access::kPublic, [&db, s](Context& ctx) {
    const auto check = PublicChecksConvocation(db, s, std::string(ctx.Param("token")), NowMillis());
    JsonWriter w;
    w.BeginObject();
    w.Key("status").String(StatusCode(check.status));
    w.Key("message").String(check.message);
    if (check.status != ConvocationCheck::Status::kNotGenuine) {
      w.Key("date").String(check.date);
      w.Key("time").String(check.time);
      w.Key("site").String(check.site);
      w.Key("reason").String(check.reason);
    }
    w.EndObject();
    return http::JsonText(w.Take());
  });

  // Staff calendar feeds: the URL (with its secret) is shown once, when made.
  router.Add("GET", "/api/v1/me/calendar-feed", Access::kSession, [&db, s](Context& ctx) {
    auto f = StaffReadsCalendarFeed(db, ctx.Actor());
    if (!f.ok()) return http::Problem(f.error());
    JsonWriter w;
    WriteFeed(w, *f, s.public_url);
    return http::JsonText(w.Take());
  });
  router.Add("POST", "/api/v1/me/calendar-feed", Access::kSession, [&db, s](Context& ctx) {
    auto f = StaffCreatesCalendarFeed(db, ctx.Actor(), NowMillis());
    if (!f.ok()) return http::Problem(f.error());
    JsonWriter w;
    WriteFeed(w, *f, s.public_url);
    return http::JsonText(w.Take(), 201);
  });
  router.Add("DELETE", "/api/v1/me/calendar-feed", Access::kSession, [&db](Context& ctx) {
    auto r = StaffRevokesCalendarFeed(db, ctx.Actor(), NowMillis());
    if (!r.ok()) return http::Problem(r.error());
    http::Response res;
    res.status = 204;
    return res;
  });
  router.Add("GET", "/calendar/{token}", Access::kPublic, [&db, s](Context& ctx) {
    std::string token(ctx.Param("token"));
    if (token.ends_with(".ics")) token.resize(token.size() - 4);
    auto feed = CalendarFeedOf(db, token, s.public_url, NowMillis());
    if (!feed) return http::Problem(NotFound("Ce calendrier n'existe pas ou a été révoqué."));
    return Ics(std::move(*feed), "rendez-vous.ics");
  });

  // The landlord's logo on convocations: a PNG in base64 ("" removes it).
  router.Add("PUT", "/api/v1/reception/convocation-logo", Access::kSession, [&db](Context& ctx) {
    auto body = ParseJsonObject(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    auto it = body->find("png_base64");
    if (it == body->end() || !it->is_string()) {
      return http::Problem(Invalid("png_base64", "png_base64 doit être le logo PNG encodé en base64 (ou vide)."));
    }
    auto r = ManagerSetsConvocationLogo(db, ctx.Actor(), it->get<std::string>());
    if (!r.ok()) return http::Problem(r.error());
    http::Response res;
    res.status = 204;
    return res;
  });
}

}  // namespace relais::reception
