// The call state machine: every (state, event) pair, allowed or refused (table-driven,
// exhaustive), the retry time within the calling hours, the attempts limit and the callback rules.
#include "modules/outreach/call_state.h"

#include <gtest/gtest.h>

#include <map>

namespace relais::outreach {
namespace {

// Paris wall clock on a date (summer time in July: UTC+2) -> ms.
int64_t At(CivilDate d, int hour, int minute = 0) {
  return ParisMidnightUtcMillis(d) + (int64_t{hour} * 60 + minute) * 60'000;
}
constexpr CivilDate kWednesday{2026, 7, 1};
constexpr CivilDate kThursday{2026, 7, 2};
constexpr CivilDate kFriday{2026, 7, 3};
constexpr CivilDate kSaturday{2026, 7, 4};
constexpr CivilDate kSunday{2026, 7, 5};
constexpr CivilDate kMonday{2026, 7, 6};

CallingHours Hours(bool saturday = false) { return {{{9 * 60, 12 * 60}, {14 * 60, 18 * 60}}, saturday}; }

CallEvent Attempt(CallOutcome o, std::optional<int64_t> callback_at = std::nullopt) {
  return {CallEvent::Kind::kAttempt, o, callback_at};
}

// The events of the table: the eight outcomes, the day's end, the cancellation.
struct NamedEvent {
  std::string name;
  CallEvent event;
};
std::vector<NamedEvent> AllEvents(int64_t now) {
  std::vector<NamedEvent> out;
  for (auto o : AllCallOutcomes()) {
    std::optional<int64_t> cb;
    if (o == CallOutcome::kCallbackRequested) cb = now + 60 * 60'000;  // in an hour, inside the window
    out.push_back({std::string(CallOutcomeCode(o)), Attempt(o, cb)});
  }
  out.push_back({"day_end", {CallEvent::Kind::kDayEnd, CallOutcome::kNoAnswer, std::nullopt}});
  out.push_back({"cancel", {CallEvent::Kind::kCancel, CallOutcome::kNoAnswer, std::nullopt}});
  return out;
}

// The expected state after each event from an open state with one attempt so far (nullopt: refused).
const std::map<std::string, CallState> kFromOpen = {
    {"reached_fine", CallState::kReached},       {"reached_needs_help", CallState::kReached},
    {"reached_refuses", CallState::kRefused},    {"callback_requested", CallState::kCallback},
    {"no_answer", CallState::kRetry},            {"voicemail", CallState::kRetry},
    {"busy", CallState::kRetry},                 {"wrong_number", CallState::kWrongNumber},
    {"day_end", CallState::kUnreachable},        {"cancel", CallState::kCancelled},
};

TEST(CallState, EveryStateAndEventPair) {
  const int64_t now = At(kWednesday, 10);
  int checked = 0;
  for (CallState s : AllCallStates()) {
    for (const auto& [name, event] : AllEvents(now)) {
      SCOPED_TRACE(std::string(CallStateCode(s)) + " + " + name);
      auto r = Apply({s, 1}, event, now, Hours(), CallRules{});
      ++checked;
      if (!IsOpen(s)) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kConflict);
        continue;
      }
      ASSERT_TRUE(r.ok()) << r.error().message;
      const CallState expected = kFromOpen.at(name);
      EXPECT_EQ(r->state, expected);
      EXPECT_EQ(r->closed, !IsOpen(expected));
      const bool is_attempt = event.kind == CallEvent::Kind::kAttempt;
      EXPECT_EQ(r->attempts, is_attempt ? 2 : 1);
      EXPECT_EQ(r->next_attempt_at.has_value(), expected == CallState::kRetry || expected == CallState::kCallback);
    }
  }
  EXPECT_EQ(checked, 8 * 10);
}

TEST(CallState, OpenAndFinalStates) {
  for (CallState s : AllCallStates()) {
    const bool open = s == CallState::kDue || s == CallState::kRetry || s == CallState::kCallback;
    EXPECT_EQ(IsOpen(s), open) << CallStateCode(s);
    EXPECT_EQ(CallStateFromCode(CallStateCode(s)), s);
  }
  for (CallOutcome o : AllCallOutcomes()) EXPECT_EQ(CallOutcomeFromCode(CallOutcomeCode(o)), o);
  EXPECT_FALSE(CallStateFromCode("open"));
  EXPECT_FALSE(CallOutcomeFromCode("hung_up"));
}

TEST(CallState, RetryAfterTheDelayInsideAWindow) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kWednesday, 9, 15), Hours(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, CallState::kRetry);
  EXPECT_EQ(*r->next_attempt_at, At(kWednesday, 11, 15));
}

TEST(CallState, RetryFallingInTheLunchBreakMovesToTheNextWindow) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kBusy), At(kWednesday, 11), Hours(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->next_attempt_at, At(kWednesday, 14));
}

TEST(CallState, RetryAfterTheLastWindowMovesToTheNextCallingDay) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kVoicemail), At(kWednesday, 17), Hours(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->next_attempt_at, At(kThursday, 9));
}

TEST(CallState, FridayEveningRetryIsMondayUnlessThePlanCallsOnSaturday) {
  auto weekdays = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kFriday, 17), Hours(false), {});
  ASSERT_TRUE(weekdays.ok());
  EXPECT_EQ(*weekdays->next_attempt_at, At(kMonday, 9));
  auto saturday = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kFriday, 17), Hours(true), {});
  ASSERT_TRUE(saturday.ok());
  EXPECT_EQ(*saturday->next_attempt_at, At(kSaturday, 9));
  // Saturday evening: never Sunday.
  auto sat_evening = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kSaturday, 17), Hours(true), {});
  ASSERT_TRUE(sat_evening.ok());
  EXPECT_EQ(*sat_evening->next_attempt_at, At(kMonday, 9));
}

TEST(CallState, ConfiguredRetryDelay) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kWednesday, 9), Hours(), {30, 3});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->next_attempt_at, At(kWednesday, 9, 30));
}

TEST(CallState, UnreachableAfterTheMaximumAttemptsOfTheDay) {
  CallSnapshot call{CallState::kDue, 0};
  for (int i = 1; i <= 3; ++i) {
    auto r = Apply(call, Attempt(CallOutcome::kNoAnswer), At(kWednesday, 9 + i), Hours(), {});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->attempts, i);
    EXPECT_EQ(r->state, i < 3 ? CallState::kRetry : CallState::kUnreachable);
    EXPECT_EQ(r->closed, i == 3);
    call = {r->state, r->attempts};
  }
  auto fourth = Apply(call, Attempt(CallOutcome::kNoAnswer), At(kWednesday, 15), Hours(), {});
  EXPECT_FALSE(fourth.ok());
  // A configured limit of 1: the first miss ends the day.
  auto one = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kBusy), At(kWednesday, 9), Hours(), {120, 1});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->state, CallState::kUnreachable);
}

TEST(CallState, APlanWithoutWindowsNeverRetries) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kNoAnswer), At(kWednesday, 9), CallingHours{}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, CallState::kUnreachable);
}

TEST(CallState, CallbackAtTheAskedTime) {
  auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kCallbackRequested, At(kThursday, 15, 30)),
                 At(kWednesday, 10), Hours(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, CallState::kCallback);
  EXPECT_EQ(*r->next_attempt_at, At(kThursday, 15, 30));
  EXPECT_FALSE(r->closed);
}

TEST(CallState, CallbackRefusedNamingCallbackAt) {
  const int64_t now = At(kWednesday, 10);
  const std::vector<std::pair<std::string, std::optional<int64_t>>> bad = {
      {"missing", std::nullopt},
      {"past", At(kWednesday, 9, 30)},
      {"now", now},
      {"lunch break", At(kWednesday, 13)},
      {"evening", At(kWednesday, 18)},
      {"sunday", At(kSunday, 10)},
      {"saturday without saturday calls", At(kSaturday, 10)},
  };
  for (const auto& [why, at] : bad) {
    auto r = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kCallbackRequested, at), now, Hours(), {});
    ASSERT_FALSE(r.ok()) << why;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << why;
    EXPECT_EQ(r.error().field, "callback_at") << why;
    EXPECT_NE(r.error().message.find("callback_at"), std::string::npos) << why;
  }
  auto saturday = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kCallbackRequested, At(kSaturday, 10)), now,
                        Hours(true), {});
  EXPECT_TRUE(saturday.ok());
  // A callback time with another outcome is a mistake, not silently dropped.
  auto stray = Apply({CallState::kDue, 0}, Attempt(CallOutcome::kReachedFine, At(kThursday, 10)), now, Hours(), {});
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().field, "callback_at");
}

TEST(CallState, CallingHours) {
  EXPECT_TRUE(InCallingHours(At(kWednesday, 9), Hours()));
  EXPECT_TRUE(InCallingHours(At(kWednesday, 11, 59), Hours()));
  EXPECT_FALSE(InCallingHours(At(kWednesday, 12), Hours()));
  EXPECT_FALSE(InCallingHours(At(kWednesday, 8, 59), Hours()));
  EXPECT_FALSE(InCallingHours(At(kSunday, 10), Hours(true)));
  EXPECT_FALSE(IsCallingDay(kSunday, Hours(true)));
  EXPECT_TRUE(IsCallingDay(kMonday, Hours()));
  // Winter time (UTC+1): 9:00 in Paris is 08:00 UTC.
  const CivilDate winter{2026, 1, 7};  // a Wednesday
  EXPECT_TRUE(InCallingHours(DaysFromCivil(winter) * 86'400'000 + 8 * 3'600'000, Hours()));
  EXPECT_FALSE(InCallingHours(DaysFromCivil(winter) * 86'400'000 + 7 * 3'600'000 + 59 * 60'000, Hours()));
  EXPECT_EQ(NextCallingTime(At(kWednesday, 7), Hours()), At(kWednesday, 9));
  EXPECT_EQ(NextCallingTime(At(kWednesday, 10), Hours()), At(kWednesday, 10));
  EXPECT_EQ(NextCallingTime(At(kWednesday, 10), CallingHours{}), std::nullopt);
}

}  // namespace
}  // namespace relais::outreach
