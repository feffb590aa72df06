// Every state with every event: the allowed transitions give their target, every other pair is
// refused with a conflict; the guards (an outcome to close, no other open case to reopen).
#include "modules/support/case_state.h"

#include <gtest/gtest.h>

#include <map>

namespace relais::support {
namespace {
using S = CaseState;
using E = CaseEvent;

TEST(CaseState, EveryStateWithEveryEvent) {
  const std::map<std::pair<S, E>, S> allowed{
      {{S::kOpen, E::kStart}, S::kInProgress},         {{S::kOpen, E::kStartPlan}, S::kPlanActive},
      {{S::kOpen, E::kRefer}, S::kReferred},           {{S::kOpen, E::kClose}, S::kClosed},
      {{S::kInProgress, E::kStartPlan}, S::kPlanActive}, {{S::kInProgress, E::kRefer}, S::kReferred},
      {{S::kInProgress, E::kClose}, S::kClosed},       {{S::kPlanActive, E::kRefer}, S::kReferred},
      {{S::kPlanActive, E::kResume}, S::kInProgress},  {{S::kPlanActive, E::kClose}, S::kClosed},
      {{S::kReferred, E::kStartPlan}, S::kPlanActive}, {{S::kReferred, E::kResume}, S::kInProgress},
      {{S::kReferred, E::kClose}, S::kClosed},         {{S::kClosed, E::kReopen}, S::kInProgress},
  };
  ASSERT_EQ(AllCaseStates().size(), 5u);
  ASSERT_EQ(AllCaseEvents().size(), 6u);
  int checked = 0;
  for (S s : AllCaseStates()) {
    for (E e : AllCaseEvents()) {
      const std::string what = std::string(CodeOf(s)) + " + " + std::string(CodeOf(e));
      auto r = NextCaseState(s, e, {CaseOutcome::kDebtCleared, false});
      auto it = allowed.find({s, e});
      if (it != allowed.end()) {
        ASSERT_TRUE(r.ok()) << what << ": " << r.error().message;
        EXPECT_EQ(*r, it->second) << what;
      } else {
        ASSERT_FALSE(r.ok()) << what;
        EXPECT_EQ(r.error().code, ErrorCode::kConflict) << what;
        EXPECT_EQ(r.error().field, "event") << what;
        EXPECT_FALSE(r.error().message.empty()) << what;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 30);
}

TEST(CaseState, ClosingNeedsAnOutcome) {
  for (S s : {S::kOpen, S::kInProgress, S::kPlanActive, S::kReferred}) {
    auto r = NextCaseState(s, E::kClose, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "outcome");
    for (CaseOutcome o : AllCaseOutcomes()) EXPECT_EQ(*NextCaseState(s, E::kClose, {o, false}), S::kClosed);
  }
}

TEST(CaseState, ReopeningIsRefusedWhileAnotherCaseIsOpen) {
  auto r = NextCaseState(S::kClosed, E::kReopen, {std::nullopt, true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(*NextCaseState(S::kClosed, E::kReopen, {std::nullopt, false}), S::kInProgress);
}

TEST(CaseState, CodesRoundTrip) {
  for (S s : AllCaseStates()) EXPECT_EQ(StateFromCode(CodeOf(s)), s);
  for (E e : AllCaseEvents()) EXPECT_EQ(EventFromCode(CodeOf(e)), e);
  for (CaseOutcome o : AllCaseOutcomes()) EXPECT_EQ(OutcomeFromCode(CodeOf(o)), o);
  EXPECT_FALSE(StateFromCode("Open"));
  EXPECT_FALSE(EventFromCode(""));
  EXPECT_FALSE(OutcomeFromCode("won"));
}

}  // namespace
}  // namespace relais::support
