// HTTP routes of the staff module (api/openapi.yaml, tag "staff").
#include "modules/staff/staff.h"
#include "modules/staff/staff_bodies.h"
#include "platform/core/dates.h"
#include "platform/http/router.h"

namespace relais::staff {
namespace {

using http::Context;
using nlohmann::json;

json Iso(std::optional<int64_t> ms) { return ms ? json(FormatUtcMillis(*ms)) : json(nullptr); }

json ToJson(const StaffMember& m) {
  return {{"id", m.id},
          {"email", m.email},
          {"display_name", m.display_name},
          {"roles", auth::RoleCodes(m.roles)},
          {"agency_ids", m.agency_ids},
          {"active", m.active},
          {"last_sign_in_at", Iso(m.last_sign_in_at)},
          {"mfa_enabled", m.mfa_enabled},
          {"created_at", FormatUtcMillis(m.created_at)}};
}

json ToJson(const Invitation& i) {
  return {{"id", i.id},
          {"email", i.email},
          {"display_name", i.display_name},
          {"roles", auth::RoleCodes(i.roles)},
          {"agency_ids", i.agency_ids},
          {"invited_by", i.invited_by},
          {"created_at", FormatUtcMillis(i.created_at)},
          {"expires_at", FormatUtcMillis(i.expires_at)}};
}

http::Response Answer(const Result<StaffMember>& r) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(ToJson(*r));
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const Settings& s) {
  using http::Access;

  router.Add("GET", "/api/v1/staff", Access::kSession, [&db](Context& ctx) {
    auto list = AdminListsStaff(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& m : *list) items.push_back(ToJson(m));
    return http::Json({{"items", items}});
  });

  router.Add("GET", "/api/v1/staff/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(AdminReadsStaff(db, ctx.Actor(), *id));
  });

  router.Add("PATCH", "/api/v1/staff/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    // Existence and the right first: another landlord's account is a 404 whatever the body.
    auto current = AdminReadsStaff(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto p = DecodeStaffPatch(ctx.req.body);
    if (!p.ok()) return http::Problem(p.error());
    return Answer(AdminUpdatesStaff(db, ctx.Actor(), *id, *p));
  });

  router.Add("POST", "/api/v1/staff/{id}/deactivate", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(AdminDeactivatesStaff(db, ctx.Actor(), *id));
  });

  router.Add("POST", "/api/v1/staff/{id}/reactivate", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(AdminReactivatesStaff(db, ctx.Actor(), *id));
  });

  router.Add("GET", "/api/v1/staff/invitations", Access::kSession, [&db](Context& ctx) {
    auto list = AdminListsInvitations(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& i : *list) items.push_back(ToJson(i));
    return http::Json({{"items", items}});
  });

  router.Add("POST", "/api/v1/staff/invitations", Access::kSession, [&db, s](Context& ctx) {
    auto in = DecodeInvitation(ctx.req.body);
    if (!in.ok()) return http::Problem(in.error());
    auto issued = AdminInvitesStaff(db, ctx.Actor(), s, *in);
    if (!issued.ok()) return http::Problem(issued.error());
    return http::Json({{"invitation", ToJson(issued->invitation)}, {"link", InvitationLink(issued->token)},
                       {"emailed", issued->emailed}},
                      201);
  });

  router.Add("DELETE", "/api/v1/staff/invitations/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = AdminRevokesInvitation(db, ctx.Actor(), *id);
    if (!r.ok()) return http::Problem(r.error());
    return http::NoContent();
  });

  router.Add("GET", "/api/v1/invitations/{token}", Access::kPublic, [&db](Context& ctx) {
    auto inv = VisitorReadsInvitation(db, std::string(ctx.Param("token")));
    if (!inv.ok()) return http::Problem(inv.error());
    return http::Json({{"organisation", {{"name", inv->organisation_name}}},
                       {"email", inv->email},
                       {"display_name", inv->display_name},
                       {"expires_at", FormatUtcMillis(inv->expires_at)}});
  });

  router.Add("POST", "/api/v1/invitations/{token}", Access::kPublic, [&db](Context& ctx) {
    auto password = DecodeAcceptInvitation(ctx.req.body);
    if (!password.ok()) return http::Problem(password.error());
    auto user = InviteeAccepts(db, std::string(ctx.Param("token")), *password);
    if (!user.ok()) return http::Problem(user.error());
    return http::NoContent();
  });
}

}  // namespace relais::staff
