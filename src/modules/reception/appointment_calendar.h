// Calendars of appointments (issue 7): the iCalendar file of one booking (platform/ical), offered
// for download and attached to every notice, and each staff member's private calendar feed, a
// secret URL their calendar application subscribes to. The feed's token is random, stored only as
// its SHA-256, shown once when made, and revocable (a new one replaces the old).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/reception/reception.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/ical/ical.h"

namespace relais::reception {

// Pure: the calendar event of an appointment. `host` makes the UID globally unique
// ("relais.example.fr"); `verify_url` is added to the description for an appointment in person.
// A cancelled or moved appointment is a CANCELLED event; the sequence grows with `stamp_ms`, so
// a later file replaces an earlier one in the client.
ical::Event CalendarEventOf(const Appointment& a, const Site& site, const Reason& reason, const std::string& host,
                            const std::string& verify_url, int64_t stamp_ms);
// The host part of server.public_url ("https://relais.example.fr" -> "relais.example.fr"); "relais.invalid" when empty.
std::string HostOf(const std::string& public_url);

// The .ics of appointment `id` (inside a caller's transaction, no policy check).
std::string CalendarFileOf(db::Connection& c, const Appointment& a, const std::string& public_url,
                           const std::string& verify_url, int64_t now_ms);
// The .ics of appointment `id` for staff who may read appointments, or its household's tenant; 404 otherwise.
Result<std::string> ActorGetsCalendarFile(db::Database& db, const auth::Actor& actor, const std::string& public_url,
                                          int64_t id, int64_t now_ms);

// ---- Staff calendar feeds -------------------------------------------------------------------
struct CalendarFeed {
  bool active = false;
  int64_t created_ms = 0;
  std::string token;  // only right after it is made
};
// Staff who receive appointments (CanBookAppointments). Makes a new secret feed token, revoking any
// previous one.
Result<CalendarFeed> StaffCreatesCalendarFeed(db::Database& db, const auth::Actor& actor, int64_t now_ms);
Result<CalendarFeed> StaffReadsCalendarFeed(db::Database& db, const auth::Actor& actor);
Result<Unit> StaffRevokesCalendarFeed(db::Database& db, const auth::Actor& actor, int64_t now_ms);
// The feed of the token's owner: their appointments from 30 days ago on. nullopt for an unknown or
// revoked token (the route answers 404, whatever the reason).
std::optional<std::string> CalendarFeedOf(db::Database& db, const std::string& token, const std::string& public_url,
                                          int64_t now_ms);

}  // namespace relais::reception
