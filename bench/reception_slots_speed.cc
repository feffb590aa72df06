// Free-slot speed (issue 7): a landlord with 10 reception sites and 40 staff members (4 per site),
// each receiving Monday to Friday 09:00-12:00 and 14:00-17:00, a 30-minute reason, over the next
// 4 weeks, with about a third of the slots already booked (a third of those in person, so that
// the sites' capacity of 3 people at once binds), a few absences and one site closed one day.
// Times, on one thread, the median and worst of 21 runs of:
//   mem_ms   FreeSlots on the query built in memory (the pure rule, every site at once);
//   db_ms    with --sqlite FILE: LoadSlotQuery (the reads of a search) + FreeSlots in one read
//            transaction, on a fresh migrated SQLite database holding the same setup.
// Prints one line of key=value figures for bench/run; asserts nothing.
//   relais_bench_reception_slots [--sqlite FILE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "modules/reception/appointment_store.h"
#include "modules/reception/free_slots.h"
#include "platform/core/dates.h"
#include "platform/db/db.h"
#include "platform/db/migrate.h"

using namespace relais;
using namespace relais::reception;

namespace {
constexpr int kSites = 10, kStaff = 40, kDays = 28;

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

template <class F>
std::pair<double, double> Time(F&& f) {
  std::vector<double> runs;
  for (int i = 0; i < 21; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    runs.push_back(Ms(std::chrono::steady_clock::now() - t0));
  }
  std::sort(runs.begin(), runs.end());
  return {runs[runs.size() / 2], runs.back()};
}
}  // namespace

int main(int argc, char** argv) {
  std::string sqlite;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--sqlite") == 0) sqlite = argv[i + 1];

  const int64_t now = NowMillis();
  const CivilDate today = ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(now / 1000)));
  const CivilDate from = CivilFromDays(DaysFromCivil(today) + 1);
  const CivilDate to = CivilFromDays(DaysFromCivil(from) + kDays - 1);

  SlotQuery q;
  q.from = from;
  q.to = to;
  q.now_ms = now;
  q.apply_booking_delays = false;
  q.reason.id = 1;
  q.reason.duration_minutes = 30;
  q.reason.by_phone = true;
  q.reason.max_delay_days = 60;
  for (int s = 1; s <= kSites; ++s) {
    Site site;
    site.id = s;
    site.name = "Accueil " + std::to_string(s);
    site.address = "1 place de la Mairie";
    site.capacity = 3;
    q.sites.push_back(site);
  }
  for (int staff = 1; staff <= kStaff; ++staff) {
    for (int day = 1; day <= 5; ++day) {
      for (auto [start, end] : {std::pair{540, 720}, std::pair{840, 1020}}) {
        OpeningRange o;
        o.site_id = (staff - 1) / 4 + 1;
        o.staff_user_id = staff;
        o.weekday = day;
        o.start_minute = start;
        o.end_minute = end;
        q.ranges.push_back(o);
      }
    }
  }
  // A third of the slots booked, deterministically.
  std::mt19937 rng(7);
  for (const auto& slot : FreeSlots(q)) {
    if (rng() % 3 != 0) continue;
    q.busy.push_back({slot.site_id, slot.staff_user_id, slot.start_ms, slot.end_ms, 1, rng() % 3 == 0});
  }
  for (int staff = 1; staff <= kStaff; staff += 7) {
    const CivilDate d = CivilFromDays(DaysFromCivil(from) + staff % kDays);
    q.absences.push_back({0, staff, ParisLocalToUtcMillis(d, 540), ParisLocalToUtcMillis(d, 1020), "Formation"});
  }
  q.closures.push_back({1, 3, FormatIso(CivilFromDays(DaysFromCivil(from) + 3)), FormatIso(CivilFromDays(DaysFromCivil(from) + 3)), "Inventaire"});

  size_t slots = 0;
  auto [mem_median, mem_max] = Time([&] { slots = FreeSlots(q).size(); });
  std::printf("RESULT sites=%d staff=%d days=%d booked=%zu slots=%zu mem_ms=%.2f mem_max_ms=%.2f", kSites, kStaff, kDays,
              q.busy.size(), slots, mem_median, mem_max);

  if (!sqlite.empty()) {
    std::filesystem::remove(sqlite);
    auto db = db::Database::Open("sqlite://" + sqlite, 2);
    db::Migrate(*db);
    db->Write([&](db::Connection& c) {
      c.Exec("INSERT INTO organisations (id, name, siren, created_at) VALUES (1, 'Bailleur du banc', '000000018', 0)");
      for (int staff = 1; staff <= kStaff; ++staff)
        c.Exec("INSERT INTO staff_users (id, organisation_id, email, display_name, password_hash, roles, created_at) "
               "VALUES (?, 1, ?, ?, 'x', 16, 0)",
               {db::P(staff), db::P("agent" + std::to_string(staff) + "@banc.test"), db::P("Agent " + std::to_string(staff))});
      c.Exec("INSERT INTO buildings (id, organisation_id, reference, street, commune_insee, updated_at) VALUES (1, 1, 'B', '1 rue', '50502', 0)");
      c.Exec("INSERT INTO dwellings (id, organisation_id, building_id, reference, rooms, surface_cm2, financing, rent_cents, "
             "charges_cents, updated_at) VALUES (1, 1, 1, 'D', 3, 600000, 'PLUS', 1, 1, 0)");
      c.Exec("INSERT INTO households (id, organisation_id, reference, dwelling_id, updated_at) VALUES (1, 1, 'H', 1, 0)");
      for (const auto& s : q.sites) InsertSite(c, 1, s);
      InsertReason(c, 1, q.reason);
      for (const auto& o : q.ranges) InsertOpeningRange(c, 1, o);
      int n = 0;
      for (const auto& b : q.busy)
        c.Exec("INSERT INTO appointments (organisation_id, site_id, reason_id, staff_user_id, mode, start_at, end_at, people, "
               "household_id, person_key, state, booked_by, booked_by_id, created_at, updated_at) "
               "VALUES (1, ?, 1, ?, ?, ?, ?, 1, 1, ?, 'booked', 'staff', 1, 0, 0)",
               {db::P(b.site_id), db::P(b.staff_user_id), db::P(b.in_person ? "in_person" : "phone"), db::P(b.start_ms),
                db::P(b.end_ms), db::P("a:bench" + std::to_string(++n))});
      for (const auto& a : q.absences)
        c.Exec("INSERT INTO staff_absences (organisation_id, staff_user_id, start_at, end_at, label, created_at) VALUES (1, ?, ?, ?, ?, 0)",
               {db::P(a.staff_user_id), db::P(a.start_ms), db::P(a.end_ms), db::P(a.label)});
      for (const auto& cl : q.closures)
        c.Exec("INSERT INTO site_closures (organisation_id, site_id, start_date, end_date, label, created_at) VALUES (1, ?, ?, ?, ?, 0)",
               {db::P(cl.site_id), db::P(cl.start_date), db::P(cl.end_date), db::P(cl.label)});
      return 0;
    });
    SlotRequest r{1, 0, Mode::kInPerson, from, to, 1};
    size_t db_slots = 0;
    auto [db_median, db_max] = Time([&] {
      db->Read([&](db::Connection& c) {
        db_slots = FreeSlots(LoadSlotQuery(c, 1, r, now, false)).size();
        return 0;
      });
    });
    std::printf(" db_slots=%zu db_ms=%.2f db_max_ms=%.2f", db_slots, db_median, db_max);
  }
  std::printf("\n");
  return 0;
}
