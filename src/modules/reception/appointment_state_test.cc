// Every state x every event of an appointment, with the guards on both sides of the start.
#include "modules/reception/appointment_state.h"

#include <gtest/gtest.h>

#include <map>

namespace relais::reception {
namespace {
using S = AppointmentState;
using E = AppointmentEvent;

TEST(AppointmentState, ExhaustiveTable) {
  // Expected target when allowed (no guard refusing): anything absent is forbidden.
  const std::map<std::pair<S, E>, S> allowed = {
      {{S::kBooked, E::kConfirm}, S::kConfirmed},
      {{S::kBooked, E::kArrive}, S::kConfirmed},
      {{S::kBooked, E::kMarkSeen}, S::kSeen},
      {{S::kBooked, E::kMarkNoShow}, S::kNoShow},
      {{S::kBooked, E::kCancelByTenant}, S::kCancelledByTenant},
      {{S::kBooked, E::kCancelByLandlord}, S::kCancelledByLandlord},
      {{S::kBooked, E::kReschedule}, S::kRescheduled},
      {{S::kConfirmed, E::kArrive}, S::kConfirmed},
      {{S::kConfirmed, E::kMarkSeen}, S::kSeen},
      {{S::kConfirmed, E::kMarkNoShow}, S::kNoShow},
      {{S::kConfirmed, E::kCancelByTenant}, S::kCancelledByTenant},
      {{S::kConfirmed, E::kCancelByLandlord}, S::kCancelledByLandlord},
      {{S::kConfirmed, E::kReschedule}, S::kRescheduled},
      {{S::kNoShow, E::kMarkSeen}, S::kSeen},
  };
  ASSERT_EQ(AllStates().size(), 7u);
  ASSERT_EQ(AllEvents().size(), 7u);
  const int64_t start = 1'000'000;
  for (S s : AllStates()) {
    for (E e : AllEvents()) {
      const std::string what = std::string(StateCode(s)) + " + " + std::string(EventCode(e));
      auto it = allowed.find({s, e});
      // A fact set that satisfies each guard: no-shows after the start, tenant acts before it.
      TransitionFacts f{e == E::kMarkNoShow ? start + 1 : start - 1, start, false};
      auto r = NextState(s, e, f);
      if (it == allowed.end()) {
        ASSERT_FALSE(r.ok()) << what;
        EXPECT_EQ(r.error().code, ErrorCode::kConflict) << what;
      } else {
        ASSERT_TRUE(r.ok()) << what << ": " << r.error().message;
        EXPECT_EQ(*r, it->second) << what;
      }
    }
  }
}

TEST(AppointmentState, NoShowOnlyOnceStartedAndNotArrived) {
  const int64_t start = 5'000;
  EXPECT_FALSE(NextState(S::kBooked, E::kMarkNoShow, {start - 1, start, false}).ok());  // a millisecond before
  EXPECT_TRUE(NextState(S::kBooked, E::kMarkNoShow, {start, start, false}).ok());       // exactly at the start
  EXPECT_FALSE(NextState(S::kConfirmed, E::kMarkNoShow, {start + 60'000, start, true}).ok());  // arrived
}

TEST(AppointmentState, TenantCancelsOnlyBeforeTheStart) {
  const int64_t start = 5'000;
  EXPECT_TRUE(NextState(S::kBooked, E::kCancelByTenant, {start - 1, start, false}).ok());
  EXPECT_FALSE(NextState(S::kBooked, E::kCancelByTenant, {start, start, false}).ok());
  EXPECT_TRUE(NextState(S::kBooked, E::kCancelByLandlord, {start + 1, start, false}).ok());  // the landlord may
}

TEST(AppointmentState, CodesRoundTripAndActivity) {
  for (S s : AllStates()) EXPECT_EQ(StateFromCode(StateCode(s)), s);
  for (E e : AllEvents()) EXPECT_EQ(EventFromCode(EventCode(e)), e);
  EXPECT_FALSE(StateFromCode("arrived"));
  EXPECT_TRUE(IsActive(S::kBooked));
  EXPECT_TRUE(IsActive(S::kConfirmed));
  for (S s : {S::kSeen, S::kNoShow, S::kCancelledByTenant, S::kCancelledByLandlord, S::kRescheduled})
    EXPECT_FALSE(IsActive(s)) << StateCode(s);
}

}  // namespace
}  // namespace relais::reception
