#include "modules/staff/staff_bodies.h"

#include "platform/core/json_body.h"

namespace relais::staff {
namespace {

using nlohmann::json;

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
      const bool short_text = v.is_string() && v.get<std::string>().size() <= 40;
      f.Fail("roles", short_text ? "Rôle inconnu : « " + v.get<std::string>() + " »." : std::string("Rôle inconnu."));
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

}  // namespace

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

Result<StaffPatch> DecodeStaffPatch(std::string_view body) {
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

Result<std::string> DecodeAcceptInvitation(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  std::string password = f.Str("password", 1024);
  f.RejectUnknown({"password"});
  if (!f.ok()) return f.error();
  return password;
}

}  // namespace relais::staff
