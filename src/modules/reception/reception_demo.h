// Demo reception (relais demo): for a landlord, one reception site per agency (three at most),
// the usual appointment reasons, and weekly opening hours for its staff, so that the booking
// pages work without any setting up. Deterministic: the same demo gives the same setup.
#pragma once
#include <cstdint>

#include "platform/db/db.h"

namespace relais::reception {
// In the caller's write transaction, after the landlord's staff accounts exist; returns the
// number of sites made.
int MakeDemoReception(db::Connection& c, int64_t organisation_id);
}  // namespace relais::reception
