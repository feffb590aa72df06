// For policy tables in tests: what a use case answered, as one short word to compare with the
// table's column ("ok", "403", "404", "invalid <field>", else "other: <message>").
#pragma once
#include <string>

#include "platform/core/error.h"

namespace relais {

template <class T>
std::string PolicyOutcome(const Result<T>& r) {
  if (r.ok()) return "ok";
  switch (r.error().code) {
    case ErrorCode::kNotFound: return "404";
    case ErrorCode::kForbidden: return "403";
    case ErrorCode::kInvalid: return "invalid " + r.error().field;
    default: return "other: " + r.error().message;
  }
}

}  // namespace relais
