#include "modules/outreach/call_state.h"

#include <algorithm>
#include <array>
#include <utility>

namespace relais::outreach {
namespace {

constexpr std::array<std::pair<CallState, std::string_view>, 8> kStates{{
    {CallState::kDue, "due"},
    {CallState::kRetry, "retry"},
    {CallState::kCallback, "callback"},
    {CallState::kReached, "reached"},
    {CallState::kRefused, "refused"},
    {CallState::kWrongNumber, "wrong_number"},
    {CallState::kUnreachable, "unreachable"},
    {CallState::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<CallOutcome, std::string_view>, 8> kOutcomes{{
    {CallOutcome::kReachedFine, "reached_fine"},
    {CallOutcome::kReachedNeedsHelp, "reached_needs_help"},
    {CallOutcome::kReachedRefuses, "reached_refuses"},
    {CallOutcome::kCallbackRequested, "callback_requested"},
    {CallOutcome::kNoAnswer, "no_answer"},
    {CallOutcome::kVoicemail, "voicemail"},
    {CallOutcome::kBusy, "busy"},
    {CallOutcome::kWrongNumber, "wrong_number"},
}};

constexpr int64_t kMinuteMs = 60'000;

// Days since 1970-01-01 -> 0 Monday ... 6 Sunday (1970-01-01 was a Thursday).
int Weekday(int64_t days) {
  int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

CivilDate ParisDateOfMillis(int64_t ms) {
  return ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)));
}

// The windows in order of start. Minutes since the Paris midnight equal the wall clock on every
// calling day: the clocks change on a Sunday night, and Sunday is never a calling day.
std::vector<CallWindow> Sorted(const CallingHours& h) {
  auto ws = h.windows;
  std::sort(ws.begin(), ws.end(), [](const CallWindow& a, const CallWindow& b) { return a.start_minute < b.start_minute; });
  return ws;
}

}  // namespace

std::string_view CallStateCode(CallState s) {
  for (const auto& [state, code] : kStates)
    if (state == s) return code;
  return "due";
}
std::optional<CallState> CallStateFromCode(std::string_view code) {
  for (const auto& [state, c] : kStates)
    if (c == code) return state;
  return std::nullopt;
}
const std::vector<CallState>& AllCallStates() {
  static const std::vector<CallState> all = [] {
    std::vector<CallState> v;
    for (const auto& [s, code] : kStates) v.push_back(s);
    return v;
  }();
  return all;
}
bool IsOpen(CallState s) { return s == CallState::kDue || s == CallState::kRetry || s == CallState::kCallback; }

std::string_view CallOutcomeCode(CallOutcome o) {
  for (const auto& [outcome, code] : kOutcomes)
    if (outcome == o) return code;
  return "no_answer";
}
std::optional<CallOutcome> CallOutcomeFromCode(std::string_view code) {
  for (const auto& [outcome, c] : kOutcomes)
    if (c == code) return outcome;
  return std::nullopt;
}
const std::vector<CallOutcome>& AllCallOutcomes() {
  static const std::vector<CallOutcome> all = [] {
    std::vector<CallOutcome> v;
    for (const auto& [o, code] : kOutcomes) v.push_back(o);
    return v;
  }();
  return all;
}
bool IsReached(CallOutcome o) {
  return o == CallOutcome::kReachedFine || o == CallOutcome::kReachedNeedsHelp || o == CallOutcome::kReachedRefuses ||
         o == CallOutcome::kCallbackRequested;
}

CallingHours HoursOf(const CrisisPlan& plan) { return {plan.windows, plan.saturday}; }

bool IsCallingDay(CivilDate d, const CallingHours& h) {
  const int w = Weekday(DaysFromCivil(d));
  return w <= 4 || (w == 5 && h.saturday);
}

bool InCallingHours(int64_t at_ms, const CallingHours& h) {
  const CivilDate d = ParisDateOfMillis(at_ms);
  if (!IsCallingDay(d, h)) return false;
  const int64_t minute = (at_ms - ParisMidnightUtcMillis(d)) / kMinuteMs;
  for (const auto& w : h.windows)
    if (minute >= w.start_minute && minute < w.end_minute) return true;
  return false;
}

std::optional<int64_t> NextCallingTime(int64_t from_ms, const CallingHours& h) {
  const auto windows = Sorted(h);
  if (windows.empty()) return std::nullopt;
  int64_t day = DaysFromCivil(ParisDateOfMillis(from_ms));
  for (int i = 0; i < 8; ++i, ++day) {
    const CivilDate d = CivilFromDays(day);
    if (!IsCallingDay(d, h)) continue;
    const int64_t midnight = ParisMidnightUtcMillis(d);
    for (const auto& w : windows) {
      const int64_t start = midnight + w.start_minute * kMinuteMs;
      const int64_t end = midnight + w.end_minute * kMinuteMs;
      if (from_ms < end) return std::max(from_ms, start);
    }
  }
  return std::nullopt;
}

Result<CallTransition> Apply(const CallSnapshot& call, const CallEvent& event, int64_t now_ms,
                             const CallingHours& hours, const CallRules& rules) {
  if (!IsOpen(call.state))
    return Conflict("Cet appel est clos (" + std::string(CallStateCode(call.state)) + ") : il ne change plus.", "state");
  CallTransition t;
  t.attempts = call.attempts;
  switch (event.kind) {
    case CallEvent::Kind::kCancel:
      t.state = CallState::kCancelled;
      t.closed = true;
      return t;
    case CallEvent::Kind::kDayEnd:
      t.state = CallState::kUnreachable;
      t.closed = true;
      return t;
    case CallEvent::Kind::kAttempt:
      break;
  }
  if (event.callback_at && event.outcome != CallOutcome::kCallbackRequested)
    return Invalid("callback_at", "callback_at ne s'indique que pour un rappel demandé (callback_requested).");
  t.attempts = call.attempts + 1;
  switch (event.outcome) {
    case CallOutcome::kReachedFine:
    case CallOutcome::kReachedNeedsHelp:
      t.state = CallState::kReached;
      t.closed = true;
      return t;
    case CallOutcome::kReachedRefuses:
      t.state = CallState::kRefused;
      t.closed = true;
      return t;
    case CallOutcome::kWrongNumber:
      t.state = CallState::kWrongNumber;
      t.closed = true;
      return t;
    case CallOutcome::kCallbackRequested:
      if (!event.callback_at)
        return Invalid("callback_at", "Indiquez l'heure de rappel demandée (callback_at).");
      if (*event.callback_at <= now_ms)
        return Invalid("callback_at", "L'heure de rappel (callback_at) est déjà passée : choisissez une heure à venir.");
      if (!InCallingHours(*event.callback_at, hours))
        return Invalid("callback_at",
                       "L'heure de rappel (callback_at) est en dehors des heures d'appel du plan de crise.");
      t.state = CallState::kCallback;
      t.next_attempt_at = event.callback_at;
      return t;
    case CallOutcome::kNoAnswer:
    case CallOutcome::kVoicemail:
    case CallOutcome::kBusy:
      break;
  }
  std::optional<int64_t> next;
  if (t.attempts < rules.max_attempts_per_day)
    next = NextCallingTime(now_ms + int64_t{rules.retry_delay_minutes} * kMinuteMs, hours);
  if (!next) {
    t.state = CallState::kUnreachable;
    t.closed = true;
    return t;
  }
  t.state = CallState::kRetry;
  t.next_attempt_at = next;
  return t;
}

}  // namespace relais::outreach
