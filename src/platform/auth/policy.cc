#include "platform/auth/policy.h"

namespace relais::auth {
namespace {
thread_local int decisions = 0;
}

bool Decide(bool allowed) {
  ++decisions;
  return allowed;
}

void PolicyDecisions::Reset() { decisions = 0; }
int PolicyDecisions::Count() { return decisions; }

}  // namespace relais::auth
