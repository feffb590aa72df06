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

}  // namespace relais::identity
