// platform/ical: iCalendar files (RFC 5545) for appointments: one event (the file attached to a
// notice, or downloaded from a booking) or many (a staff member's calendar feed). Times are written
// in Europe/Paris with its VTIMEZONE, so that any client shows the hour people were told; lines end
// in CRLF, text is escaped, and long lines are folded at 75 octets without cutting a UTF-8
// character. A pure function of its input: no clock, no I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace relais::ical {

struct Event {
  std::string uid;         // stable across changes, globally unique: "rdv-42-7@relais.example.fr"
  int64_t stamp_ms = 0;    // DTSTAMP: when this version of the event was made (UTC)
  int64_t start_ms = 0;    // UTC instants; written as Europe/Paris local time
  int64_t end_ms = 0;
  int sequence = 0;        // grows with each change, so that clients replace the earlier version
  bool cancelled = false;  // STATUS:CANCELLED (else CONFIRMED)
  std::string summary;     // "Remise des clés"
  std::string location;    // address, or "Par téléphone"
  std::string description;
  std::string url;         // optional: where to see or change the appointment
  std::string organizer_name;   // optional, with organizer_email
  std::string organizer_email;
};

enum class Method { kPublish, kRequest, kCancel };

struct Calendar {
  std::string name;  // X-WR-CALNAME, shown by clients for a feed; optional
  Method method = Method::kPublish;
  std::vector<Event> events;
};

// The whole file, CRLF line ends, UTF-8. Precondition: each event has a uid and start <= end.
std::string Build(const Calendar& calendar);

// The MIME type of a file made with `method` ("text/calendar; charset=utf-8; method=REQUEST").
std::string ContentType(Method method);

// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, and newline as \n (CR dropped).
std::string EscapeText(std::string_view text);
// One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, continuation lines
// start with a space, never inside a UTF-8 sequence; ends with CRLF.
std::string FoldLine(std::string_view line);
// "20260312T143000": the Europe/Paris wall-clock time of a UTC instant.
std::string ParisLocal(int64_t utc_ms);
// "20260312T133000Z".
std::string UtcStamp(int64_t utc_ms);

}  // namespace relais::ical
