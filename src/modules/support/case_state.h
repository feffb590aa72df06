// The lifecycle of a support case (dossier d'accompagnement, issue 6): open when the officer
// (CESF: conseiller·ère en économie sociale et familiale) takes it, in progress once the household
// is met, plan active while a payment plan (plan d'apurement) runs, referred while a fund (FSL),
// a guarantee or a partner decides, closed with an outcome. A pure transition table with named
// guards (ARCHITECTURE.md §4.6); case_state_test.cc tries every state with every event.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.h"

namespace relais::support {

enum class CaseState { kOpen, kInProgress, kPlanActive, kReferred, kClosed };
enum class CaseEvent {
  kStart,       // first contact made: the work begins
  kStartPlan,   // a payment plan is signed
  kRefer,       // a file is sent (FSL, guarantee, aid, social worker)
  kResume,      // the plan ended or broke, or the referral was answered: back to in progress
  kClose,       // the follow-up ends, with an outcome
  kReopen,      // a closed case is taken up again (before its retention ran)
};

// Why a case was closed.
enum class CaseOutcome { kDebtCleared, kPlanCompleted, kReferredElsewhere, kTenantDeclined, kNoContact, kTenantLeft, kOther };

std::string_view CodeOf(CaseState s);    // "open", "in_progress", "plan_active", "referred", "closed"
std::string_view CodeOf(CaseEvent e);    // "start", "start_plan", "refer", "resume", "close", "reopen"
std::string_view CodeOf(CaseOutcome o);  // "debt_cleared", ...
std::optional<CaseState> StateFromCode(std::string_view code);
std::optional<CaseEvent> EventFromCode(std::string_view code);
std::optional<CaseOutcome> OutcomeFromCode(std::string_view code);
const std::vector<CaseState>& AllCaseStates();
const std::vector<CaseEvent>& AllCaseEvents();
const std::vector<CaseOutcome>& AllCaseOutcomes();

// What the guards look at besides the state.
struct TransitionFacts {
  std::optional<CaseOutcome> outcome;  // kClose: required
  bool household_has_other_open_case = false;  // kReopen: refused when true
};

// The state after `event` in `from`. kConflict (field "event") when the event does not apply in
// that state, or a guard refuses (French message saying why); kInvalid (field "outcome") when
// closing without an outcome.
Result<CaseState> NextCaseState(CaseState from, CaseEvent event, const TransitionFacts& facts);

}  // namespace relais::support
