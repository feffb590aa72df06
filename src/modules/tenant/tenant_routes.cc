// HTTP routes of the tenant portal: /api/v1/tenant/... (public: ask for a code, sign in; tenant:
// the session, the password, the household) and the staff route of the portal settings.
#include "modules/tenant/tenant.h"
#include "modules/tenant/tenant_policy.h"
#include "platform/core/json_body.h"
#include "platform/http/router.h"

namespace relais::tenant {
namespace {

std::string CookieHeader(const Settings& s, const std::string& value, int max_age_seconds) {
  std::string c = SessionCookieName(s) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (!s.dev_mode) c += "; Secure";
  return c;
}

nlohmann::json SessionJson(const auth::Actor& a, const Settings& s, bool has_password) {
  return {{"tenant", {{"account_id", a.user_id}, {"household_id", a.household_id}, {"has_password", has_password}}},
          {"csrf_token", a.csrf_token},
          {"idle_timeout_seconds", s.idle_minutes * 60}};
}

nlohmann::json SettingsJson(const PortalSettings& p) {
  return {{"show_members", p.show_members}, {"show_rent", p.show_rent}, {"show_lease_start", p.show_lease_start},
          {"show_agency", p.show_agency}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const Settings& s) {
  const std::string cookie = SessionCookieName(s);
  router.AddAuthenticator([&db, s, cookie](const http::Request& req) -> std::optional<auth::Actor> {
    std::string token = req.Cookie(cookie);
    if (token.empty()) return std::nullopt;
    return ResolveSession(db, s, token);
  });

  router.Add("POST", "/api/v1/tenant/codes", http::Access::kPublic, [&db, s](http::Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    std::string reference = f.Str("reference", 64);
    f.RejectUnknown({"reference"});
    if (!f.ok()) return http::Problem(f.error());
    int64_t retry_after = 0;
    auto sent = TenantRequestsCode(db, reference, ctx.req.remote_ip, &retry_after);
    if (!sent.ok()) return http::Problem(sent.error(), retry_after);
    if (sent->queued && s.notify_wake) s.notify_wake();
    return http::Json({{"message", "Si cette référence est connue, un code à usage unique vient d'être envoyé. "
                                   "Il est valable 10 minutes."},
                       {"hint", sent->hint}},
                      202);
  });

  router.Add("POST", "/api/v1/tenant/session", http::Access::kPublic, [&db, &trail, s](http::Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    std::string reference = f.Str("reference", 64);
    auto code = f.OptStr("code", 16);
    auto password = f.OptStr("password", 1024);
    f.RejectUnknown({"reference", "code", "password"});
    if (!f.ok()) return http::Problem(f.error());
    int64_t retry_after = 0;
    auto login = TenantSignsIn(db, s, reference, code, password, ctx.req.remote_ip, &retry_after);
    if (!login.ok()) return http::Problem(login.error(), retry_after);
    trail.Nudge();
    http::Response res = http::Json(SessionJson(login->actor, s, login->has_password));
    res.SetHeader("Set-Cookie", CookieHeader(s, login->session_token, s.absolute_hours * 3600));
    return res;
  });

  router.Add("GET", "/api/v1/tenant/session", http::Access::kTenant, [&db, s](http::Context& ctx) {
    if (!CanUseOwnTenantSession(ctx.Actor())) return http::Problem(NotFound());
    bool has_password = db.Read([&](db::Connection& c) {
      return c.QueryInt("SELECT COUNT(*) FROM tenant_accounts WHERE id = ? AND password_hash IS NOT NULL",
                        {db::P(ctx.Actor().user_id)}).value_or(0) > 0;
    });
    return http::Json(SessionJson(ctx.Actor(), s, has_password));
  });

  router.Add("DELETE", "/api/v1/tenant/session", http::Access::kTenant, [&db, s](http::Context& ctx) {
    if (!CanUseOwnTenantSession(ctx.Actor())) return http::Problem(NotFound());
    const auto everywhere = ctx.req.QueryParam("everywhere");
    if (everywhere && *everywhere != "true" && *everywhere != "false") {
      return http::Problem(Invalid("everywhere", "everywhere doit valoir true ou false."));
    }
    if (everywhere == "true") {
      if (auto all = TenantSignsOutEverywhere(db, ctx.Actor()); !all.ok()) return http::Problem(all.error());
    } else if (auto r = TenantSignsOut(db, ctx.Actor()); !r.ok()) {
      return http::Problem(r.error());
    }
    http::Response res = http::NoContent();
    res.SetHeader("Set-Cookie", CookieHeader(s, "", 0));
    return res;
  });

  router.Add("PUT", "/api/v1/tenant/password", http::Access::kTenant, [&db](http::Context& ctx) {
    if (!CanUseOwnTenantSession(ctx.Actor())) return http::Problem(NotFound());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    std::string password = f.Str("password", 1024);
    f.RejectUnknown({"password"});
    if (!f.ok()) return http::Problem(f.error());
    if (auto r = TenantSetsPassword(db, ctx.Actor(), password); !r.ok()) return http::Problem(r.error());
    return http::NoContent();
  });

  router.Add("GET", "/api/v1/tenant/household", http::Access::kTenant, [&db](http::Context& ctx) {
    if (!CanReadOwnHousehold(ctx.Actor())) return http::Problem(NotFound());
    auto h = TenantReadsHousehold(db, ctx.Actor());
    if (!h.ok()) return http::Problem(h.error());
    return http::Json(*h);
  });

  router.Add("GET", "/api/v1/tenant-portal/settings", http::Access::kSession, [&db](http::Context& ctx) {
    if (!CanReadPortalSettings(ctx.Actor())) return http::Problem(Forbidden());
    auto p = db.Read([&](db::Connection& c) { return LoadPortalSettings(c, ctx.Actor().organisation_id); });
    return http::Json(SettingsJson(p));
  });

  router.Add("PUT", "/api/v1/tenant-portal/settings", http::Access::kSession, [&db, &trail](http::Context& ctx) {
    if (!CanChangePortalSettings(ctx.Actor())) return http::Problem(Forbidden());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    PortalSettings p;
    p.show_members = f.Bool("show_members");
    p.show_rent = f.Bool("show_rent");
    p.show_lease_start = f.Bool("show_lease_start");
    p.show_agency = f.Bool("show_agency");
    f.RejectUnknown({"show_members", "show_rent", "show_lease_start", "show_agency"});
    if (!f.ok()) return http::Problem(f.error());
    if (auto r = AdministratorSetsPortalSettings(db, ctx.Actor(), p); !r.ok()) return http::Problem(r.error());
    trail.Nudge();
    return http::Json(SettingsJson(p));
  });
}

}  // namespace relais::tenant
