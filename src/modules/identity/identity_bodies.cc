#include "modules/identity/identity_bodies.h"

#include "platform/core/json_body.h"

namespace relais::identity {

Result<SignIn> DecodeSignIn(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  SignIn s;
  s.email = f.Str("email", 254);
  s.password = f.Str("password", 1024);
  f.RejectUnknown({"email", "password"});
  if (!f.ok()) return f.error();
  return s;
}

Result<std::string> DecodeMfaCode(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  std::string code = f.Str("code", 64);
  f.RejectUnknown({"code"});
  if (!f.ok()) return f.error();
  return code;
}

Result<std::optional<int>> DecodeMfaPolicy(std::string_view body) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  if (!f.Has("grace_days")) f.Fail("grace_days", "Le délai de grâce est obligatoire (null : la valeur par défaut).");
  auto days = f.OptInt("grace_days", 0, 365);
  f.RejectUnknown({"grace_days"});
  if (!f.ok()) return f.error();
  return days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt;
}

}  // namespace relais::identity
