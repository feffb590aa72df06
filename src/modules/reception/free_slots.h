// Free slots (créneaux libres): the weekly opening hours of each staff member at each site, minus
// public holidays, closures, absences and the staff member's appointments, cut into slots of the
// reason's duration from the start of each range; an in-person slot also needs a free seat under
// the site's capacity of the day (the sanitary capacity K during a crisis). While a crisis switch
// (bascule de crise, crisis_switch.h) is in force at a site, in person is offered in the switch's
// remote mode when the reason allows it, and not at all otherwise. Pure: everything, the clock
// included, comes in the query, so the same query always gives the same slots.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/reception/reception.h"

namespace relais::reception {

// What occupies time: an active appointment (booked or confirmed) of a staff member at a site.
struct Busy {
  int64_t site_id = 0;
  int64_t staff_user_id = 0;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  int people = 1;
  bool in_person = true;
};

// A crisis switch as the search needs it: from start_date to end_date (YYYY-MM-DD, Europe/Paris,
// inclusive) the site (every site when site_id is 0) receives in `mode` (phone or video) instead
// of in person. When several are in force, the latest (highest id) wins, as in RemoteModeAt.
struct RemoteSwitch {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string start_date;
  std::string end_date;
  Mode mode = Mode::kPhone;
};

struct SlotQuery {
  CivilDate from;  // first day (Europe/Paris), inclusive
  CivilDate to;    // last day, inclusive
  int64_t now_ms = 0;
  Reason reason;
  Mode mode = Mode::kInPerson;
  // Tenants and applicants book between the reason's minimum and maximum delay; staff from now on.
  bool apply_booking_delays = true;
  int people = 1;  // visitors the new appointment brings on site
  std::vector<Site> sites;  // the sites to search (inactive ones give nothing)
  std::vector<OpeningRange> ranges;
  std::vector<Absence> absences;
  std::vector<Closure> closures;
  std::vector<Busy> busy;
  std::vector<RemoteSwitch> switches;  // loaded once per search
};

struct Slot {
  int64_t site_id = 0;
  int64_t staff_user_id = 0;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // The mode the slot is held in: the query's, or the switch's remote mode when the query asks in
  // person on a switched day.
  Mode mode = Mode::kInPerson;
  auto operator<=>(const Slot&) const = default;
};

// Every free slot, ordered by start, then site, then staff member. Empty when the reason does not
// allow the mode. Days beyond 400 after `from` are not searched. In person on a day when a switch is
// in force at the site: slots in the switch's mode when the reason allows it (no seat needed),
// none otherwise.
std::vector<Slot> FreeSlots(const SlotQuery& q);

// The most visitors on site at once during [start, end) among the in-person appointments given
// (sorted or not): the number that the capacity bounds.
int PeakOccupancy(const std::vector<const Busy*>& at_site, int64_t start_ms, int64_t end_ms);

}  // namespace relais::reception
