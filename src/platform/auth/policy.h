// Every authorisation answer of a module policy goes through Decide, which counts it for the
// request being handled. The router resets the count before a signed-in route's handler and, when
// the handler answers with success without any decision taken, refuses to send the answer (500):
// a route registered without a policy check would otherwise serve anyone with a session
// (ADR 0011). Decisions are counted per thread: one request is handled by one thread at a time.
#pragma once

namespace relais::auth {

// Records that a policy was asked and returns its answer unchanged: `return Decide(a.Has(...));`.
bool Decide(bool allowed);

// The router's side of Decide.
struct PolicyDecisions {
  static void Reset();
  static int Count();
};

}  // namespace relais::auth
