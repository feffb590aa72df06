// HTTP routes of the identity module: sign in, who am I, sign out.
#include "modules/identity/identity.h"
#include "modules/identity/identity_bodies.h"
#include "modules/identity/identity_policy.h"
#include "platform/http/router.h"

namespace relais::identity {
namespace {

nlohmann::json SessionJson(const auth::Actor& a, const Settings& s, db::Database& db) {
  std::string org_name;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT name FROM organisations WHERE id = ?", {db::P(a.organisation_id)},
            [&](const db::Row& r) { org_name = r.Str(0); });
    return 0;
  });
  return {{"user",
           {{"id", a.user_id},
            {"display_name", a.display_name},
            {"kind", auth::KindCode(a.kind)},
            {"roles", auth::RoleCodes(a.roles)},
            {"agency_ids", a.agency_ids},
            {"organisation", {{"id", a.organisation_id}, {"name", org_name}}}}},
          {"csrf_token", a.csrf_token},
          {"idle_timeout_seconds", s.staff_idle_minutes * 60}};
}

std::string CookieHeader(const Settings& s, const std::string& value, int max_age_seconds) {
  std::string c = SessionCookieName(s) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (!s.dev_mode) c += "; Secure";
  return c;
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const Settings& s) {
  const std::string cookie = SessionCookieName(s);
  router.SetAuthenticator([&db, s, cookie](const http::Request& req) -> std::optional<auth::Actor> {
    std::string token = req.Cookie(cookie);
    if (token.empty()) return std::nullopt;
    return ResolveSession(db, s, token);
  });

  router.Add("POST", "/api/v1/session", http::Access::kPublic, [&db, s](http::Context& ctx) {
    auto body = DecodeSignIn(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    auto login = UserLogsIn(db, s, body->email, body->password);
    if (!login.ok()) return http::Problem(login.error());
    http::Response res = http::Json(SessionJson(login->actor, s, db));
    res.SetHeader("Set-Cookie", CookieHeader(s, login->session_token, s.absolute_hours * 3600));
    return res;
  });

  router.Add("GET", "/api/v1/session", http::Access::kSession,
             [&db, s](http::Context& ctx) {
               if (!CanUseOwnSession(ctx.Actor())) return http::Problem(NotFound());
               return http::Json(SessionJson(ctx.Actor(), s, db));
             });

  router.Add("DELETE", "/api/v1/session", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanUseOwnSession(ctx.Actor())) return http::Problem(NotFound());
    const auto everywhere = ctx.req.QueryParam("everywhere");
    if (everywhere && *everywhere != "true" && *everywhere != "false") {
      return http::Problem(Invalid("everywhere", "everywhere doit valoir true ou false."));
    }
    if (everywhere == "true") {
      auto all = UserLogsOutEverywhere(db, ctx.Actor());
      if (!all.ok()) return http::Problem(all.error());
    } else if (auto r = UserLogsOut(db, ctx.Actor()); !r.ok()) {
      return http::Problem(r.error());
    }
    http::Response res = http::NoContent();
    res.SetHeader("Set-Cookie", CookieHeader(s, "", 0));
    return res;
  });
}

}  // namespace relais::identity
