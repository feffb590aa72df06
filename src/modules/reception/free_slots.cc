#include "modules/reception/free_slots.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "modules/reception/holidays.h"

namespace relais::reception {
namespace {
constexpr int64_t kMinute = 60'000;
constexpr int64_t kDay = 86'400'000;

struct Interval {
  int64_t start, end;
};
// Sorted intervals; overlap by binary search on the start (intervals of one owner rarely overlap,
// and a linear walk back covers those that do).
struct Timeline {
  std::vector<Interval> items;
  int64_t longest = 0;
  void Sort() {
    std::sort(items.begin(), items.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    for (const auto& i : items) longest = std::max(longest, i.end - i.start);
  }
  bool Overlaps(int64_t start, int64_t end) const {
    // Any interval with start < end and its end > start: those start in (start - longest, end).
    auto it = std::lower_bound(items.begin(), items.end(), end, [](const Interval& i, int64_t v) { return i.start < v; });
    while (it != items.begin()) {
      --it;
      if (it->start + longest <= start) break;
      if (it->end > start) return true;
    }
    return false;
  }
};

int Weekday(int64_t days) {  // 1 = Monday .. 7 = Sunday; 1970-01-01 was a Thursday
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}
}  // namespace

int PeakOccupancy(const std::vector<const Busy*>& at_site, int64_t start_ms, int64_t end_ms) {
  // Sweep the arrivals and departures that fall inside the slot.
  std::vector<std::pair<int64_t, int>> events;
  for (const Busy* b : at_site) {
    if (!b->in_person || b->end_ms <= start_ms || b->start_ms >= end_ms) continue;
    events.push_back({std::max(b->start_ms, start_ms), b->people});
    events.push_back({b->end_ms, -b->people});
  }
  std::sort(events.begin(), events.end());  // departures (-n) before arrivals at the same instant
  int now = 0, peak = 0;
  for (const auto& [t, n] : events) {
    now += n;
    peak = std::max(peak, now);
  }
  return peak;
}

std::vector<Slot> FreeSlots(const SlotQuery& q) {
  std::vector<Slot> out;
  if (!q.reason.Allows(q.mode) || q.reason.duration_minutes <= 0 || !q.reason.active) return out;
  const bool in_person = q.mode == Mode::kInPerson;
  const int64_t duration = int64_t{q.reason.duration_minutes} * kMinute;
  const int64_t earliest = q.now_ms + (q.apply_booking_delays ? int64_t{q.reason.min_delay_minutes} * kMinute : 0);
  const int64_t latest = q.apply_booking_delays ? q.now_ms + int64_t{q.reason.max_delay_days} * kDay : INT64_MAX;

  std::unordered_map<int64_t, const Site*> sites;
  for (const auto& s : q.sites)
    if (s.active) sites[s.id] = &s;
  std::unordered_map<int64_t, Timeline> staff_busy;
  std::unordered_map<int64_t, std::vector<const Busy*>> site_people;
  for (const auto& b : q.busy) {
    staff_busy[b.staff_user_id].items.push_back({b.start_ms, b.end_ms});
    if (b.in_person) site_people[b.site_id].push_back(&b);
  }
  for (const auto& a : q.absences) staff_busy[a.staff_user_id].items.push_back({a.start_ms, a.end_ms});
  for (auto& [id, t] : staff_busy) t.Sort();

  const int64_t first = DaysFromCivil(q.from);
  const int64_t last = std::min(DaysFromCivil(q.to), first + 400);
  for (int64_t day = first; day <= last; ++day) {
    const CivilDate date = CivilFromDays(day);
    if (IsFrenchPublicHoliday(date)) continue;
    const std::string iso = FormatIso(date);
    const int weekday = Weekday(day);
    std::unordered_set<int64_t> closed;
    bool all_closed = false;
    for (const auto& c : q.closures) {
      if (iso < c.start_date || iso > c.end_date) continue;
      if (c.site_id == 0) all_closed = true;
      else closed.insert(c.site_id);
    }
    if (all_closed) continue;
    // The switches in force that day: the latest of every site, and the latest of each site.
    const RemoteSwitch* every_site = nullptr;
    std::unordered_map<int64_t, const RemoteSwitch*> by_site;
    if (in_person) {
      for (const auto& s : q.switches) {
        if (iso < s.start_date || iso > s.end_date) continue;
        const RemoteSwitch*& held = s.site_id == 0 ? every_site : by_site[s.site_id];
        if (!held || s.id > held->id) held = &s;
      }
    }
    auto remote_at = [&](int64_t site_id) -> std::optional<Mode> {
      if (!in_person) return std::nullopt;
      const RemoteSwitch* best = every_site;
      if (auto it = by_site.find(site_id); it != by_site.end() && (!best || it->second->id > best->id)) best = it->second;
      if (!best) return std::nullopt;
      return best->mode;
    };
    for (const auto& r : q.ranges) {
      if (r.weekday != weekday || !r.Covers(q.reason.id)) continue;
      if ((!r.valid_from.empty() && iso < r.valid_from) || (!r.valid_to.empty() && iso > r.valid_to)) continue;
      auto site = sites.find(r.site_id);
      if (site == sites.end() || closed.count(r.site_id)) continue;
      const std::optional<Mode> remote = remote_at(r.site_id);
      if (remote && !q.reason.Allows(*remote)) continue;  // in person only: not held while switched
      const Mode mode = remote.value_or(q.mode);
      const bool needs_seat = mode == Mode::kInPerson;
      const int capacity = CapacityOn(*site->second, date);
      const int64_t range_start = ParisLocalToUtcMillis(date, r.start_minute);
      const int64_t range_end = ParisLocalToUtcMillis(date, r.end_minute);
      auto busy = staff_busy.find(r.staff_user_id);
      const auto& people = site_people[r.site_id];
      for (int64_t start = range_start; start + duration <= range_end; start += duration) {
        if (start < earliest || start > latest) continue;
        const int64_t end = start + duration;
        if (busy != staff_busy.end() && busy->second.Overlaps(start, end)) continue;
        if (needs_seat && PeakOccupancy(people, start, end) + q.people > capacity) continue;
        out.push_back({r.site_id, r.staff_user_id, start, end, mode});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) {
    if (a.start_ms != b.start_ms) return a.start_ms < b.start_ms;
    if (a.site_id != b.site_id) return a.site_id < b.site_id;
    return a.staff_user_id < b.staff_user_id;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace relais::reception
