// Free slots as a table: each case changes one thing of a base week (one site, one staff member,
// Monday 09:00-12:00, 30-minute reason) and states the slots that remain, local time.
#include "modules/reception/free_slots.h"

#include <gtest/gtest.h>

#include <functional>

namespace relais::reception {
namespace {

constexpr CivilDate kMonday{2026, 12, 7};  // a Monday in winter (CET)
int64_t At(CivilDate d, int h, int m = 0) { return ParisLocalToUtcMillis(d, h * 60 + m); }

SlotQuery Base() {
  SlotQuery q;
  q.from = kMonday;
  q.to = kMonday;
  q.now_ms = At({2026, 12, 1}, 8);
  q.reason.id = 5;
  q.reason.duration_minutes = 30;
  q.reason.in_person = true;
  q.reason.by_phone = true;
  q.reason.min_delay_minutes = 0;
  q.reason.max_delay_days = 60;
  Site s;
  s.id = 1;
  s.capacity = 2;
  q.sites = {s};
  OpeningRange r;
  r.site_id = 1;
  r.staff_user_id = 10;
  r.weekday = 1;
  r.start_minute = 9 * 60;
  r.end_minute = 12 * 60;
  q.ranges = {r};
  return q;
}

// "09:00" for each slot, in order.
std::vector<std::string> Times(const std::vector<Slot>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(FormatMinute(ParisMinuteOf(s.start_ms)));
  return out;
}

struct Case {
  const char* what;
  std::function<void(SlotQuery&)> change;
  std::vector<std::string> expected;
};

TEST(FreeSlots, Table) {
  const std::vector<std::string> all = {"09:00", "09:30", "10:00", "10:30", "11:00", "11:30"};
  const std::vector<Case> cases = {
      {"the base week", [](SlotQuery&) {}, all},
      {"a 45-minute reason: the rest of the range is unused",
       [](SlotQuery& q) { q.reason.duration_minutes = 45; }, {"09:00", "09:45", "10:30", "11:15"}},
      {"a range shorter than the reason", [](SlotQuery& q) { q.ranges[0].end_minute = 9 * 60 + 29; }, {}},
      {"another weekday", [](SlotQuery& q) { q.ranges[0].weekday = 2; }, {}},
      {"Easter Monday", [](SlotQuery& q) { q.from = q.to = {2026, 4, 6}; }, {}},
      {"the Monday after Easter Monday", [](SlotQuery& q) { q.from = q.to = {2026, 4, 13}; q.now_ms = At({2026, 4, 1}, 8); },
       all},
      {"Whit Monday", [](SlotQuery& q) { q.from = q.to = {2026, 5, 25}; q.now_ms = At({2026, 5, 1}, 8); }, {}},
      {"a closure of the site that day", [](SlotQuery& q) { q.closures = {{1, 1, "2026-12-07", "2026-12-07", "Travaux"}}; }, {}},
      {"a closure of every site", [](SlotQuery& q) { q.closures = {{1, 0, "2026-12-01", "2026-12-31", ""}}; }, {}},
      {"a closure ending the day before", [](SlotQuery& q) { q.closures = {{1, 1, "2026-12-01", "2026-12-06", ""}}; }, all},
      {"a closure of another site", [](SlotQuery& q) { q.closures = {{1, 2, "2026-12-07", "2026-12-07", ""}}; }, all},
      {"an absence 10:00-10:30", [](SlotQuery& q) { q.absences = {{1, 10, At(kMonday, 10), At(kMonday, 10, 30), ""}}; },
       {"09:00", "09:30", "10:30", "11:00", "11:30"}},
      {"an absence 10:10-10:40 takes two slots",
       [](SlotQuery& q) { q.absences = {{1, 10, At(kMonday, 10, 10), At(kMonday, 10, 40), ""}}; },
       {"09:00", "09:30", "11:00", "11:30"}},
      {"an absence of another staff member", [](SlotQuery& q) { q.absences = {{1, 11, At(kMonday, 9), At(kMonday, 12), ""}}; },
       all},
      {"an appointment of the staff member at another site",
       [](SlotQuery& q) { q.busy = {{2, 10, At(kMonday, 9), At(kMonday, 10), 1, true}}; },
       {"10:00", "10:30", "11:00", "11:30"}},
      {"the site full at 09:00 with others' visitors (capacity 2)",
       [](SlotQuery& q) {
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, true}, {1, 21, At(kMonday, 9), At(kMonday, 9, 30), 1, true}};
       },
       {"09:30", "10:00", "10:30", "11:00", "11:30"}},
      {"one seat left at 09:00 is still a slot",
       [](SlotQuery& q) { q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, true}}; }, all},
      {"two visitors who do not overlap each other leave a seat",
       [](SlotQuery& q) {
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 15), 1, true}, {1, 21, At(kMonday, 9, 15), At(kMonday, 9, 30), 1, true}};
       },
       all},
      {"phone appointments take no seat",
       [](SlotQuery& q) {
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, false}, {1, 21, At(kMonday, 9), At(kMonday, 9, 30), 1, false}};
       },
       all},
      {"by phone, a full site still has slots",
       [](SlotQuery& q) {
         q.mode = Mode::kPhone;
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 2, true}};
       },
       all},
      {"by video, not allowed by the reason", [](SlotQuery& q) { q.mode = Mode::kVideo; }, {}},
      {"sanitary capacity 1 in force that day",
       [](SlotQuery& q) {
         q.sites[0].sanitary_capacity = 1;
         q.sites[0].sanitary_start_date = "2026-12-07";
         q.sites[0].sanitary_end_date = "2026-12-20";
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, true}};
       },
       {"09:30", "10:00", "10:30", "11:00", "11:30"}},
      {"sanitary capacity 1 from the next day",
       [](SlotQuery& q) {
         q.sites[0].sanitary_capacity = 1;
         q.sites[0].sanitary_start_date = "2026-12-08";
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, true}};
       },
       all},
      {"a visit of two people needs two seats",
       [](SlotQuery& q) {
         q.people = 2;
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 1, true}};
       },
       {"09:30", "10:00", "10:30", "11:00", "11:30"}},
      {"minimum delay: exactly at now + delay is offered",
       [](SlotQuery& q) {
         q.now_ms = At(kMonday, 8);
         q.reason.min_delay_minutes = 120;
       },
       {"10:00", "10:30", "11:00", "11:30"}},
      {"minimum delay ignored for staff",
       [](SlotQuery& q) {
         q.now_ms = At(kMonday, 8);
         q.reason.min_delay_minutes = 120;
         q.apply_booking_delays = false;
       },
       all},
      {"slots already past are never offered",
       [](SlotQuery& q) {
         q.now_ms = At(kMonday, 10, 1);
         q.apply_booking_delays = false;
       },
       {"10:30", "11:00", "11:30"}},
      {"maximum delay: 6 days is too short for a slot in 6 days and 1 hour",
       [](SlotQuery& q) { q.reason.max_delay_days = 6; }, {}},
      {"maximum delay: exactly at now + 6 days",
       [](SlotQuery& q) {
         q.now_ms = At({2026, 12, 1}, 9);
         q.reason.max_delay_days = 6;
       },
       {"09:00"}},
      {"a range for another reason", [](SlotQuery& q) { q.ranges[0].reason_ids = {6}; }, {}},
      {"a range listing the reason", [](SlotQuery& q) { q.ranges[0].reason_ids = {6, 5}; }, all},
      {"a range valid until the day before", [](SlotQuery& q) { q.ranges[0].valid_to = "2026-12-06"; }, {}},
      {"a range valid from that day", [](SlotQuery& q) { q.ranges[0].valid_from = "2026-12-07"; }, all},
      {"an inactive site", [](SlotQuery& q) { q.sites[0].active = false; }, {}},
      {"an inactive reason", [](SlotQuery& q) { q.reason.active = false; }, {}},
      {"a crisis switch of the site to phone that day: every slot, the site's seats no longer count",
       [](SlotQuery& q) {
         q.switches = {{1, 1, "2026-12-07", "2026-12-07", Mode::kPhone}};
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 12), 2, true}};
       },
       all},
      {"a crisis switch to video, a reason in person or by phone only: nothing that day",
       [](SlotQuery& q) { q.switches = {{1, 1, "2026-12-01", "2026-12-31", Mode::kVideo}}; }, {}},
      {"a crisis switch to phone, a reason in person only: nothing that day",
       [](SlotQuery& q) {
         q.reason.by_phone = false;
         q.switches = {{1, 0, "2026-12-07", "2026-12-07", Mode::kPhone}};
       },
       {}},
      {"a crisis switch ending the day before: in person, seats count again",
       [](SlotQuery& q) {
         q.reason.by_phone = false;
         q.switches = {{1, 1, "2026-12-01", "2026-12-06", Mode::kPhone}};
         q.busy = {{1, 20, At(kMonday, 9), At(kMonday, 9, 30), 2, true}};
       },
       {"09:30", "10:00", "10:30", "11:00", "11:30"}},
      {"a crisis switch starting the day after", [](SlotQuery& q) {
         q.reason.by_phone = false;
         q.switches = {{1, 0, "2026-12-08", "2026-12-20", Mode::kPhone}};
       }, all},
      {"a crisis switch of another site", [](SlotQuery& q) {
         q.reason.by_phone = false;
         q.switches = {{1, 2, "2026-12-07", "2026-12-07", Mode::kPhone}};
       }, all},
      {"the Sunday the clocks go back: still 09:00 local",
       [](SlotQuery& q) {
         q.from = q.to = {2026, 10, 25};
         q.ranges[0].weekday = 7;
         q.now_ms = At({2026, 10, 1}, 8);
       },
       all},
  };
  for (const auto& c : cases) {
    SlotQuery q = Base();
    c.change(q);
    EXPECT_EQ(Times(FreeSlots(q)), c.expected) << c.what;
  }
}

TEST(FreeSlots, TwoStaffMembersGiveTwoSlotsAtTheSameTimeOrderedBySiteThenStaff) {
  SlotQuery q = Base();
  q.ranges[0].end_minute = 9 * 60 + 30;
  OpeningRange other = q.ranges[0];
  other.staff_user_id = 9;
  q.ranges.push_back(other);
  q.ranges.push_back(q.ranges[0]);  // a duplicate range gives no duplicate slot
  auto slots = FreeSlots(q);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].staff_user_id, 9);
  EXPECT_EQ(slots[1].staff_user_id, 10);
  EXPECT_EQ(slots[0].end_ms - slots[0].start_ms, 30 * 60'000);
}

// The mode each slot is held in while crisis switches are in force (crisis_switch.h).
TEST(FreeSlots, CrisisSwitchGivesTheRemoteModeOfTheLatestSwitch) {
  struct ModeCase {
    const char* what;
    std::function<void(SlotQuery&)> change;
    std::vector<Mode> expected;  // one per slot, in order
  };
  SlotQuery base = Base();
  base.ranges[0].end_minute = 10 * 60;  // two slots: 09:00 and 09:30
  base.reason.by_video = true;
  const std::vector<ModeCase> cases = {
      {"no switch: in person", [](SlotQuery&) {}, {Mode::kInPerson, Mode::kInPerson}},
      {"a switch of the site to phone", [](SlotQuery& q) { q.switches = {{1, 1, "2026-12-07", "2026-12-07", Mode::kPhone}}; },
       {Mode::kPhone, Mode::kPhone}},
      {"every site to video", [](SlotQuery& q) { q.switches = {{1, 0, "2026-12-01", "2026-12-07", Mode::kVideo}}; },
       {Mode::kVideo, Mode::kVideo}},
      {"the latest switch wins: every site to video after the site to phone",
       [](SlotQuery& q) {
         q.switches = {{2, 0, "2026-12-07", "2026-12-07", Mode::kVideo}, {1, 1, "2026-12-07", "2026-12-07", Mode::kPhone}};
       },
       {Mode::kVideo, Mode::kVideo}},
      {"the latest switch wins: the site to phone after every site to video",
       [](SlotQuery& q) {
         q.switches = {{3, 1, "2026-12-07", "2026-12-07", Mode::kPhone}, {2, 0, "2026-12-07", "2026-12-07", Mode::kVideo}};
       },
       {Mode::kPhone, Mode::kPhone}},
      {"asking by phone is unchanged by a switch to video",
       [](SlotQuery& q) {
         q.mode = Mode::kPhone;
         q.switches = {{1, 1, "2026-12-07", "2026-12-07", Mode::kVideo}};
       },
       {Mode::kPhone, Mode::kPhone}},
  };
  for (const auto& c : cases) {
    SlotQuery q = base;
    c.change(q);
    std::vector<Mode> modes;
    for (const auto& s : FreeSlots(q)) modes.push_back(s.mode);
    EXPECT_EQ(modes, c.expected) << c.what;
  }
}

TEST(FreeSlots, PeakOccupancyCountsOnlyWhoIsThereAtOnce) {
  std::vector<Busy> b = {{1, 1, 0, 10, 1, true}, {1, 2, 10, 20, 1, true}, {1, 3, 5, 15, 2, true}, {1, 4, 0, 20, 5, false}};
  std::vector<const Busy*> p;
  for (const auto& x : b) p.push_back(&x);
  EXPECT_EQ(PeakOccupancy(p, 0, 20), 3);
  EXPECT_EQ(PeakOccupancy(p, 0, 5), 1);
  EXPECT_EQ(PeakOccupancy(p, 15, 20), 1);
  EXPECT_EQ(PeakOccupancy(p, 20, 30), 0);
}

}  // namespace
}  // namespace relais::reception
