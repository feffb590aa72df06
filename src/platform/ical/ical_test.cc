// The iCalendar builder: escaping, folding at 75 octets (never inside a UTF-8 character), Paris
// wall-clock times on both sides of the clock changes, and a whole file read back by a real client
// library, Python's icalendar (Debian python3-icalendar).
#include "platform/ical/ical.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/core/paris_time.h"

namespace relais::ical {
namespace {

int64_t Utc(CivilDate d, int h, int m) { return (DaysFromCivil(d) * 86400 + h * 3600 + m * 60) * 1000; }

TEST(EscapeText, EscapesTheFourSpecialCharactersAndDropsControls) {
  struct Case { std::string in, out; };
  const Case cases[] = {
      {"Remise des clés", "Remise des clés"},
      {"a,b;c\\d", "a\\,b\\;c\\\\d"},
      {"ligne 1\r\nligne 2\nligne 3", "ligne 1\\nligne 2\\nligne 3"},
      {std::string("bip\x07 tab\t"), "bip tab\t"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(EscapeText(c.in), c.out) << c.in;
}

TEST(FoldLine, FoldsAtSeventyFiveOctetsWithoutCuttingACharacter) {
  const std::string a75(75, 'a');
  EXPECT_EQ(FoldLine(a75), a75 + "\r\n");  // exactly at the limit: one line
  EXPECT_EQ(FoldLine(a75 + "b"), a75 + "\r\n b\r\n");  // one over: folded
  // 74 ASCII then "é" (2 octets): the é would end at octet 76, so it moves to the next line.
  const std::string a74(74, 'a');
  EXPECT_EQ(FoldLine(a74 + "é"), a74 + "\r\n é\r\n");
  // Continuation lines hold 74 octets after their space.
  const std::string long_line(75 + 74 + 3, 'x');
  EXPECT_EQ(FoldLine(long_line), std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n xxx\r\n");
  // Every physical line of a long accented text is at most 75 octets and valid UTF-8 on its own.
  std::string text;
  for (int i = 0; i < 40; ++i) text += "é€😀";
  std::istringstream in(FoldLine("DESCRIPTION:" + text));
  std::string physical;
  while (std::getline(in, physical)) {
    ASSERT_TRUE(physical.ends_with("\r"));
    physical.pop_back();
    EXPECT_LE(physical.size(), 75u);
    const unsigned char first = physical.size() > 1 ? physical[physical[0] == ' ' ? 1 : 0] : 'x';
    EXPECT_NE(first & 0xC0, 0x80) << "a line starts inside a character";
  }
}

TEST(ParisLocal, WritesTheWallClockOnBothSidesOfTheChanges) {
  EXPECT_EQ(ParisLocal(Utc({2026, 3, 12}, 13, 30)), "20260312T143000");  // CET, +1
  EXPECT_EQ(ParisLocal(Utc({2026, 7, 14}, 8, 0)), "20260714T100000");   // CEST, +2
  EXPECT_EQ(ParisLocal(Utc({2026, 3, 29}, 0, 59)), "20260329T015900");  // the minute before the change
  EXPECT_EQ(ParisLocal(Utc({2026, 3, 29}, 1, 0)), "20260329T030000");   // 02:00 never happens
  EXPECT_EQ(ParisLocal(Utc({2026, 10, 25}, 0, 30)), "20261025T023000"); // first 02:30 (CEST)
  EXPECT_EQ(ParisLocal(Utc({2026, 10, 25}, 1, 30)), "20261025T023000"); // second 02:30 (CET)
  EXPECT_EQ(ParisLocal(Utc({2028, 2, 28}, 23, 15)), "20280229T001500"); // leap day
  EXPECT_EQ(UtcStamp(Utc({2026, 12, 31}, 23, 59) + 59'000), "20261231T235959Z");
}

Event KeyHandover() {
  Event e;
  e.uid = "rdv-42@relais.example.fr";
  e.stamp_ms = Utc({2026, 11, 29}, 2, 0);
  e.start_ms = Utc({2026, 12, 3}, 13, 30);  // jeudi 3 décembre 2026, 14 h 30 à Paris
  e.end_ms = Utc({2026, 12, 3}, 14, 0);
  e.sequence = 2;
  e.summary = "Remise des clés";
  e.location = "Agence Centre, 12 rue de la République, 69001 Lyon";
  e.description = "Apportez : pièce d'identité; attestation d'assurance, RIB.\nLe déplacement est un rendez-vous "
                  "auprès d'un service public. Vérification : https://relais.example.fr/verify/abc";
  e.url = "https://relais.example.fr/locataire/rendez-vous/42";
  e.organizer_name = "Habitat \"Rhône\" Métropole";
  e.organizer_email = "accueil@habitat.example.fr";
  return e;
}

TEST(Build, WritesAnEventInParisTimeWithItsTimezone) {
  Calendar cal;
  cal.events.push_back(KeyHandover());
  const std::string s = Build(cal);
  EXPECT_TRUE(s.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_TRUE(s.ends_with("END:VCALENDAR\r\n"));
  EXPECT_NE(s.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTSTART;TZID=Europe/Paris:20261203T143000\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTEND;TZID=Europe/Paris:20261203T150000\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTSTAMP:20261129T020000Z\r\n"), std::string::npos);
  EXPECT_NE(s.find("LOCATION:Agence Centre\\, 12 rue de la République\\, 69001 Lyon\r\n"), std::string::npos);
  EXPECT_NE(s.find("STATUS:CONFIRMED\r\n"), std::string::npos);
  EXPECT_NE(s.find("ORGANIZER;CN=\"Habitat Rhône Métropole\":mailto:accueil@habitat.example.fr"), std::string::npos);
  // Every line ends in CRLF, and no bare LF is left.
  size_t lf = 0, crlf = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++lf;
      if (i > 0 && s[i - 1] == '\r') ++crlf;
    }
  }
  EXPECT_EQ(lf, crlf);
  EXPECT_EQ(ContentType(Method::kPublish), "text/calendar; charset=utf-8; method=PUBLISH");
}

TEST(Build, ACancelledEventSaysSo) {
  Calendar cal;
  cal.method = Method::kCancel;
  auto e = KeyHandover();
  e.cancelled = true;
  cal.events.push_back(e);
  const std::string s = Build(cal);
  EXPECT_NE(s.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(s.find("STATUS:CANCELLED\r\n"), std::string::npos);
}

// Runs Debian's python3 with icalendar on `ics`; returns what the script prints.
std::string ReadWithPythonIcalendar(const std::string& ics) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path();
  const fs::path file = dir / ("relais-ical-test-" + std::to_string(::getpid()) + ".ics");
  const fs::path script = dir / ("relais-ical-test-" + std::to_string(::getpid()) + ".py");
  std::ofstream(file, std::ios::binary) << ics;
  std::ofstream(script) << R"PY(
import sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    end = ev.decoded('DTEND')
    print('UID', str(ev.get('UID')))
    print('START', start.isoformat(), str(start.tzinfo))
    print('START_UTC', start.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M'))
    print('END_UTC', end.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M'))
    print('SUMMARY', str(ev.get('SUMMARY')))
    print('LOCATION', str(ev.get('LOCATION')))
    print('DESCRIPTION', str(ev.get('DESCRIPTION')).replace('\n', '|'))
    print('STATUS', str(ev.get('STATUS')))
print('TZ', [str(tz.get('TZID')) for tz in cal.walk('VTIMEZONE')])
print('EVENTS', len(cal.walk('VEVENT')))
)PY";
  const std::string cmd = "/usr/bin/python3 " + script.string() + " " + file.string() + " 2>&1";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  fs::remove(file);
  fs::remove(script);
  return out;
}

TEST(Build, ParsesInPythonIcalendarWithTheRightInstants) {
  Calendar cal;
  cal.name = "Rendez-vous de Camille Martin";
  cal.events.push_back(KeyHandover());
  auto summer = KeyHandover();
  summer.uid = "rdv-43@relais.example.fr";
  summer.start_ms = Utc({2027, 7, 1}, 7, 0);  // 9 h 00 in Paris (CEST)
  summer.end_ms = Utc({2027, 7, 1}, 7, 45);
  summer.summary = "État des lieux d'entrée, logement 3; bâtiment B";
  summer.description = std::string(300, 'x') + " é";
  cal.events.push_back(summer);
  const std::string out = ReadWithPythonIcalendar(Build(cal));
  EXPECT_NE(out.find("EVENTS 2"), std::string::npos) << out;
  EXPECT_NE(out.find("TZ ['Europe/Paris']"), std::string::npos) << out;
  EXPECT_NE(out.find("START 2026-12-03T14:30:00+01:00"), std::string::npos) << out;
  EXPECT_NE(out.find("START_UTC 2026-12-03T13:30"), std::string::npos) << out;
  EXPECT_NE(out.find("END_UTC 2026-12-03T14:00"), std::string::npos) << out;
  EXPECT_NE(out.find("START 2027-07-01T09:00:00+02:00"), std::string::npos) << out;
  EXPECT_NE(out.find("START_UTC 2027-07-01T07:00"), std::string::npos) << out;
  EXPECT_NE(out.find("SUMMARY Remise des clés"), std::string::npos) << out;
  EXPECT_NE(out.find("SUMMARY État des lieux d'entrée, logement 3; bâtiment B"), std::string::npos) << out;
  EXPECT_NE(out.find("LOCATION Agence Centre, 12 rue de la République, 69001 Lyon"), std::string::npos) << out;
  EXPECT_NE(out.find("DESCRIPTION Apportez : pièce d'identité; attestation d'assurance, RIB.|Le déplacement"),
            std::string::npos) << out;
  EXPECT_NE(out.find("DESCRIPTION " + std::string(300, 'x') + " é"), std::string::npos) << "folded lines rejoin";
  EXPECT_NE(out.find("STATUS CONFIRMED"), std::string::npos) << out;
}

}  // namespace
}  // namespace relais::ical
