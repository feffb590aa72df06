#include "platform/ical/ical.h"

#include <cstdio>

#include "platform/core/paris_time.h"

namespace relais::ical {
namespace {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kRequest: return "REQUEST";
    case Method::kCancel: return "CANCEL";
    case Method::kPublish: break;
  }
  return "PUBLISH";
}

std::string Stamp(CivilDate d, int h, int m, int s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", d.year, d.month, d.day, h, m, s);
  return buf;
}

// Europe/Paris by the EU rule in force since 1996 (the one platform/core/dates applies): summer
// time from the last Sunday of March at 02:00 local to the last Sunday of October at 03:00 local.
constexpr std::string_view kParisTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "X-LIC-LOCATION:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default:
        // Other control characters are not allowed in TEXT (RFC 5545 §3.3.11): dropped, except tab.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') break;
        out += ch;
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  size_t width = 0;  // octets on the current physical line
  for (size_t i = 0; i < line.size();) {
    // The whole UTF-8 sequence starting at i.
    size_t n = 1;
    while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string ParisLocal(int64_t utc_ms) {
  const auto t = ParisTimeOf(utc_ms);
  return Stamp(t.date, t.hour, t.minute, t.second);
}

std::string UtcStamp(int64_t utc_ms) {
  const int64_t secs = utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000;
  const int64_t day = (secs >= 0 ? secs : secs - 86399) / 86400;
  const int64_t rem = secs - day * 86400;
  return Stamp(CivilFromDays(day), static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
               static_cast<int>(rem % 60)) + "Z";
}

std::string ContentType(Method method) {
  return "text/calendar; charset=utf-8; method=" + std::string(MethodName(method));
}

std::string Build(const Calendar& calendar) {
  std::string s;
  auto line = [&](std::string_view l) { s += FoldLine(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Relais//Rendez-vous//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:" + std::string(MethodName(calendar.method)));
  if (!calendar.name.empty()) line("X-WR-CALNAME:" + EscapeText(calendar.name));
  line("X-WR-TIMEZONE:Europe/Paris");
  s += kParisTimezone;
  for (const auto& e : calendar.events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + UtcStamp(e.stamp_ms));
    line("DTSTART;TZID=Europe/Paris:" + ParisLocal(e.start_ms));
    line("DTEND;TZID=Europe/Paris:" + ParisLocal(e.end_ms));
    line("SEQUENCE:" + std::to_string(e.sequence));
    line(std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    line("SUMMARY:" + EscapeText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + EscapeText(e.location));
    if (!e.description.empty()) line("DESCRIPTION:" + EscapeText(e.description));
    if (!e.url.empty()) line("URL:" + e.url);
    if (!e.organizer_email.empty()) {
      // CN is a parameter value: quoted, and without the characters a quoted value cannot hold.
      std::string cn;
      for (char ch : e.organizer_name) {
        if (ch != '"' && ch != '\r' && ch != '\n') cn += ch;
      }
      line("ORGANIZER;CN=\"" + cn + "\":mailto:" + e.organizer_email);
    }
    line("TRANSP:OPAQUE");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return s;
}

}  // namespace relais::ical
