// HTTP routes of the identity module: sign in (with its second step), who am I, sign out; the
// enrolment of one's second factor; the organisation's MFA policy and the administrator's reset.
#include "modules/identity/identity.h"
#include "modules/identity/identity_bodies.h"
#include "modules/identity/identity_policy.h"
#include "modules/identity/mfa.h"
#include "platform/core/dates.h"
#include "platform/http/router.h"

namespace relais::identity {
namespace {

nlohmann::json SessionJson(const auth::Actor& a, const Settings& s, db::Database& db) {
  std::string org_name;
  MfaStatus mfa;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT name FROM organisations WHERE id = ?", {db::P(a.organisation_id)},
            [&](const db::Row& r) { org_name = r.Str(0); });
    mfa = MfaStatusOf(c, s, a.user_id);
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
          {"idle_timeout_seconds", s.staff_idle_minutes * 60},
          {"mfa",
           {{"enabled", mfa.enabled},
            {"deadline", mfa.enabled ? nlohmann::json(nullptr) : nlohmann::json(FormatUtcMillis(mfa.deadline_ms))}}}};
}

std::string CookieHeader(const Settings& s, const std::string& value, int max_age_seconds) {
  std::string c = SessionCookieName(s) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (!s.dev_mode) c += "; Secure";
  return c;
}

// The answer to a sign-in step: the session (200) once signed in, else the next step (202: "mfa"
// or "enrolment", with the CSRF token that step's routes need). Either way the new cookie.
http::Response SignInAnswer(const Login& l, const Settings& s, db::Database& db) {
  http::Response res;
  if (l.stage == kStageFull) {
    res = http::Json(SessionJson(l.actor, s, db));
  } else {
    nlohmann::json body = {{"stage", l.stage}, {"csrf_token", l.actor.csrf_token}};
    if (l.stage == kStageEnrolment) body["mfa_deadline"] = FormatUtcMillis(l.mfa_deadline_ms);
    res = http::Json(body, 202);
  }
  res.SetHeader("Set-Cookie", CookieHeader(s, l.session_token, s.absolute_hours * 3600));
  return res;
}

nlohmann::json PolicyJson(const MfaPolicy& p) {
  return {{"grace_days", p.grace_days ? nlohmann::json(*p.grace_days) : nlohmann::json(nullptr)},
          {"default_grace_days", p.default_grace_days},
          {"effective_grace_days", p.grace_days.value_or(p.default_grace_days)}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const Settings& s) {
  const std::string cookie = SessionCookieName(s);
  router.SetAuthenticator([&db, s, cookie](const http::Request& req) -> std::optional<auth::Actor> {
    std::string token = req.Cookie(cookie);
    if (token.empty()) return std::nullopt;
    std::string stage;
    auto actor = ResolveSession(db, s, token, &stage);
    // A session half-way through signing in reaches only the routes of its step.
    if (actor && !StageReaches(stage, req.method, req.path)) return std::nullopt;
    return actor;
  });

  router.Add("POST", "/api/v1/session", http::Access::kPublic, [&db, s](http::Context& ctx) {
    auto body = DecodeSignIn(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    int64_t retry_after = 0;
    auto login = UserLogsIn(db, s, body->email, body->password, ctx.req.remote_ip, &retry_after);
    if (!login.ok()) return http::Problem(login.error(), retry_after);
    return SignInAnswer(*login, s, db);
  });

  router.Add("POST", "/api/v1/session/mfa", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanUseOwnSession(ctx.Actor())) return http::Problem(NotFound());
    auto code = DecodeMfaCode(ctx.req.body);
    if (!code.ok()) return http::Problem(code.error());
    int64_t retry_after = 0;
    auto login = UserCompletesMfaSignIn(db, s, ctx.Actor(), *code, &retry_after);
    if (!login.ok()) return http::Problem(login.error(), retry_after);
    return SignInAnswer(*login, s, db);
  });

  router.Add("POST", "/api/v1/account/mfa", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanEnrolOwnMfa(ctx.Actor())) return http::Problem(NotFound());
    auto e = UserStartsMfaEnrolment(db, s, ctx.Actor());
    if (!e.ok()) return http::Problem(e.error());
    return http::Json({{"secret", e->secret}, {"otpauth_uri", e->otpauth_uri}, {"qr_svg", e->qr_svg}}, 201);
  });

  router.Add("POST", "/api/v1/account/mfa/confirm", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanEnrolOwnMfa(ctx.Actor())) return http::Problem(NotFound());
    auto code = DecodeMfaCode(ctx.req.body);
    if (!code.ok()) return http::Problem(code.error());
    int64_t retry_after = 0;
    auto done = UserConfirmsMfa(db, s, ctx.Actor(), *code, &retry_after);
    if (!done.ok()) return http::Problem(done.error(), retry_after);
    http::Response res = http::Json({{"recovery_codes", done->recovery_codes}, {"signed_in", done->login.has_value()}});
    if (done->login) res.SetHeader("Set-Cookie", CookieHeader(s, done->login->session_token, s.absolute_hours * 3600));
    return res;
  });

  router.Add("GET", "/api/v1/organisation/mfa-policy", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanManageMfaPolicy(ctx.Actor())) return http::Problem(Forbidden());
    auto p = AdminReadsMfaPolicy(db, s, ctx.Actor());
    if (!p.ok()) return http::Problem(p.error());
    return http::Json(PolicyJson(*p));
  });

  router.Add("PUT", "/api/v1/organisation/mfa-policy", http::Access::kSession, [&db, s](http::Context& ctx) {
    if (!CanManageMfaPolicy(ctx.Actor())) return http::Problem(Forbidden());
    auto days = DecodeMfaPolicy(ctx.req.body);
    if (!days.ok()) return http::Problem(days.error());
    auto p = AdminSetsMfaPolicy(db, s, ctx.Actor(), *days);
    if (!p.ok()) return http::Problem(p.error());
    return http::Json(PolicyJson(*p));
  });

  router.Add("POST", "/api/v1/staff/{id}/mfa/reset", http::Access::kSession, [&db](http::Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    // Another organisation's account does not exist for the actor (404, whatever the role).
    if (!StaffIsInOrganisation(db, ctx.Actor().organisation_id, *id)) return http::Problem(NotFound("Compte introuvable."));
    if (!CanResetStaffMfa(ctx.Actor())) return http::Problem(Forbidden());
    if (auto r = AdminResetsStaffMfa(db, ctx.Actor(), *id); !r.ok()) return http::Problem(r.error());
    return http::NoContent();
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
