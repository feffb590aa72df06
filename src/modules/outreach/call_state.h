// The state machine of an outreach call (ADR 0013), without storage: what an attempt's outcome,
// the end of the calling day or a cancellation does to a call, and when a missed call is retried.
// One call is one member on one day's list; its attempts are that day's attempts.
//
//   due / retry / callback (open) --reached_fine, reached_needs_help--> reached
//                                 --reached_refuses--> refused
//                                 --wrong_number--> wrong_number
//                                 --callback_requested(at)--> callback (at the asked time)
//                                 --no_answer, voicemail, busy--> retry (after the retry delay,
//                                     within the plan's calling hours), or unreachable after
//                                     max_attempts_per_day attempts
//                                 --day_end--> unreachable
//                                 --cancel--> cancelled
//   reached, refused, wrong_number, unreachable, cancelled (final): every event is refused.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/outreach/crisis_plan.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"

namespace relais::outreach {

enum class CallState { kDue, kRetry, kCallback, kReached, kRefused, kWrongNumber, kUnreachable, kCancelled };
std::string_view CallStateCode(CallState s);  // "due", "retry", ...
std::optional<CallState> CallStateFromCode(std::string_view code);
const std::vector<CallState>& AllCallStates();
// Open: the call may still be tried (due, retry, callback).
bool IsOpen(CallState s);

// The outcome of one attempt, as the agent records it.
enum class CallOutcome {
  kReachedFine,
  kReachedNeedsHelp,
  kReachedRefuses,
  kCallbackRequested,
  kNoAnswer,
  kVoicemail,
  kBusy,
  kWrongNumber,
};
std::string_view CallOutcomeCode(CallOutcome o);
std::optional<CallOutcome> CallOutcomeFromCode(std::string_view code);
const std::vector<CallOutcome>& AllCallOutcomes();
bool IsReached(CallOutcome o);  // the tenant answered (fine, needs help, refuses, callback)

// What happens to a call: an attempt, the end of the calling day, a cancellation.
struct CallEvent {
  enum class Kind { kAttempt, kDayEnd, kCancel } kind = Kind::kAttempt;
  CallOutcome outcome = CallOutcome::kNoAnswer;  // kAttempt only
  std::optional<int64_t> callback_at;            // ms; kAttempt with kCallbackRequested only
};

// Relais defaults (config outreach.retry_delay_minutes, outreach.max_attempts_per_day), not legal numbers.
struct CallRules {
  int retry_delay_minutes = 120;
  int max_attempts_per_day = 3;
};

// When the plan allows calls: its windows (Europe/Paris), Monday to Friday, Saturday if the plan
// says so, never Sunday.
struct CallingHours {
  std::vector<CallWindow> windows;
  bool saturday = false;
};
CallingHours HoursOf(const CrisisPlan& plan);

bool IsCallingDay(CivilDate d, const CallingHours& h);
// Whether the instant (ms) falls in a calling window of a calling day.
bool InCallingHours(int64_t at_ms, const CallingHours& h);
// The first instant at or after `from_ms` inside the calling hours: `from_ms` itself when inside,
// the start of the next window of the day, or the first window of the next calling day.
// nullopt when the plan has no window.
std::optional<int64_t> NextCallingTime(int64_t from_ms, const CallingHours& h);

// The call as the state machine sees it.
struct CallSnapshot {
  CallState state = CallState::kDue;
  int attempts = 0;
};
struct CallTransition {
  CallState state = CallState::kDue;
  int attempts = 0;                        // after the event
  std::optional<int64_t> next_attempt_at;  // retry and callback
  bool closed = false;                     // the new state is final
};

// Applies an event at `now_ms`. A final state refuses every event (kConflict); a callback time in
// the past or outside the calling hours is refused naming callback_at (kInvalid).
Result<CallTransition> Apply(const CallSnapshot& call, const CallEvent& event, int64_t now_ms,
                             const CallingHours& hours, const CallRules& rules);

}  // namespace relais::outreach
