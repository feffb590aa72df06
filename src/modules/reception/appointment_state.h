// The lifecycle of an appointment (issue 7): booked -> confirmed -> seen, or no-show, or cancelled
// by the tenant or by the landlord, or rescheduled (replaced by a new appointment). A transition
// table with named guards; the person's arrival at the desk confirms a booked appointment and is
// kept as its arrival time. Pure: the clock and the arrival come in as inputs.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "platform/core/error.h"

namespace relais::reception {

enum class AppointmentState { kBooked, kConfirmed, kSeen, kNoShow, kCancelledByTenant, kCancelledByLandlord, kRescheduled };
enum class AppointmentEvent { kConfirm, kArrive, kMarkSeen, kMarkNoShow, kCancelByTenant, kCancelByLandlord, kReschedule };

std::string_view StateCode(AppointmentState s);  // "booked", "confirmed", "seen", "no_show", ...
std::optional<AppointmentState> StateFromCode(std::string_view code);
std::string_view EventCode(AppointmentEvent e);  // "confirm", "arrive", "seen", "no_show", ...
std::optional<AppointmentEvent> EventFromCode(std::string_view code);
const std::vector<AppointmentState>& AllStates();
const std::vector<AppointmentEvent>& AllEvents();

// An appointment still holds its staff member's time and its seat (booked or confirmed).
bool IsActive(AppointmentState s);
// The appointment is over one way or another: no event changes it any more (but a no-show may
// still be corrected to seen when the person was late).
bool IsFinal(AppointmentState s);

struct TransitionFacts {
  int64_t now_ms = 0;       // the clock
  int64_t start_ms = 0;     // the appointment's start
  bool arrived = false;     // the desk recorded the arrival
};

// The state after `event`, or kConflict with a French message when the table forbids it or a
// guard refuses: a no-show only once the start has passed and without an arrival; a tenant
// cancels or reschedules only before the start.
Result<AppointmentState> NextState(AppointmentState from, AppointmentEvent event, const TransitionFacts& facts);

}  // namespace relais::reception
