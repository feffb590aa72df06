// HTTP routes of the staff module (api/openapi.yaml, tag "staff").
#include "modules/staff/staff.h"
#include "platform/core/dates.h"
#include "platform/core/json_body.h"
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

// "roles": a non-empty array of role codes.
std::optional<uint32_t> RolesOf(const json& obj, FieldReader& f) {
  auto it = obj.find("roles");
  if (it == obj.end()) return std::nullopt;
  if (!it->is_array()) {
    f.Fail("roles", "roles doit être une liste de rôles.");
    return std::nullopt;
  }
  uint32_t mask = 0;
  for (const auto& v : *it) {
    auto role = v.is_string() ? auth::RoleFromCode(v.get<std::string>()) : std::nullopt;
    if (!role) {
      f.Fail("roles", "Rôle inconnu : " + v.dump() + ".");
      return std::nullopt;
    }
    mask |= static_cast<uint32_t>(*role);
  }
  if (mask == 0) f.Fail("roles", "Au moins un rôle est nécessaire.");
  return mask;
}

// "agency_ids": an array of agency ids (empty: the whole organisation).
std::optional<std::vector<int64_t>> AgenciesOf(const json& obj, FieldReader& f) {
  auto it = obj.find("agency_ids");
  if (it == obj.end()) return std::nullopt;
  std::vector<int64_t> out;
  if (!it->is_array()) {
    f.Fail("agency_ids", "agency_ids doit être une liste d'identifiants d'agences.");
    return std::nullopt;
  }
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() < 1) {
      f.Fail("agency_ids", "agency_ids doit être une liste d'identifiants d'agences.");
      return std::nullopt;
    }
    out.push_back(v.get<int64_t>());
  }
  return out;
}

Result<InvitationInput> DecodeInvitation(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  InvitationInput in;
  in.email = f.Str("email", 254);
  in.display_name = f.Str("display_name", 200);
  auto roles = RolesOf(*j, f);
  if (!roles && !j->contains("roles")) f.Fail("roles", "Au moins un rôle est nécessaire.");
  in.roles = roles.value_or(0);
  in.agency_ids = AgenciesOf(*j, f).value_or(std::vector<int64_t>{});
  f.RejectUnknown({"email", "display_name", "roles", "agency_ids"});
  if (!f.ok()) return f.error();
  return in;
}

Result<StaffPatch> DecodePatch(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  StaffPatch p;
  if (j->contains("display_name")) p.display_name = f.Str("display_name", 200);
  p.roles = RolesOf(*j, f);
  p.agency_ids = AgenciesOf(*j, f);
  f.RejectUnknown({"display_name", "roles", "agency_ids"});
  if (!f.ok()) return f.error();
  return p;
}

Result<std::string> DecodePassword(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  std::string password = f.Str("password", 1024);
  f.RejectUnknown({"password"});
  if (!f.ok()) return f.error();
  return password;
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
    auto p = DecodePatch(ctx.req.body);
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
    return http::Json({{"invitation", ToJson(issued->invitation)}, {"link", InvitationLink(issued->token)}}, 201);
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
    auto password = DecodePassword(ctx.req.body);
    if (!password.ok()) return http::Problem(password.error());
    auto user = InviteeAccepts(db, std::string(ctx.Param("token")), *password);
    if (!user.ok()) return http::Problem(user.error());
    return http::NoContent();
  });
}

}  // namespace relais::staff
