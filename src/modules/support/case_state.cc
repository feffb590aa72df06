#include "modules/support/case_state.h"

#include <array>

namespace relais::support {
namespace {

constexpr std::array<std::pair<CaseState, std::string_view>, 5> kStates{{{CaseState::kOpen, "open"},
                                                                          {CaseState::kInProgress, "in_progress"},
                                                                          {CaseState::kPlanActive, "plan_active"},
                                                                          {CaseState::kReferred, "referred"},
                                                                          {CaseState::kClosed, "closed"}}};
constexpr std::array<std::pair<CaseEvent, std::string_view>, 6> kEvents{{{CaseEvent::kStart, "start"},
                                                                          {CaseEvent::kStartPlan, "start_plan"},
                                                                          {CaseEvent::kRefer, "refer"},
                                                                          {CaseEvent::kResume, "resume"},
                                                                          {CaseEvent::kClose, "close"},
                                                                          {CaseEvent::kReopen, "reopen"}}};
constexpr std::array<std::pair<CaseOutcome, std::string_view>, 7> kOutcomes{
    {{CaseOutcome::kDebtCleared, "debt_cleared"},
     {CaseOutcome::kPlanCompleted, "plan_completed"},
     {CaseOutcome::kReferredElsewhere, "referred_elsewhere"},
     {CaseOutcome::kTenantDeclined, "tenant_declined"},
     {CaseOutcome::kNoContact, "no_contact"},
     {CaseOutcome::kTenantLeft, "tenant_left"},
     {CaseOutcome::kOther, "other"}}};

template <class E, size_t N>
std::string_view Code(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [e, c] : table)
    if (e == v) return c;
  return "";
}
template <class E, size_t N>
std::optional<E> From(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [e, c] : table)
    if (c == code) return e;
  return std::nullopt;
}
template <class E, size_t N>
std::vector<E> All(const std::array<std::pair<E, std::string_view>, N>& table) {
  std::vector<E> out;
  for (const auto& [e, c] : table) out.push_back(e);
  return out;
}

// The transition table: (from, event) -> to. Anything absent is refused.
struct Transition {
  CaseState from;
  CaseEvent event;
  CaseState to;
};
constexpr Transition kTable[] = {
    {CaseState::kOpen, CaseEvent::kStart, CaseState::kInProgress},
    {CaseState::kOpen, CaseEvent::kStartPlan, CaseState::kPlanActive},
    {CaseState::kOpen, CaseEvent::kRefer, CaseState::kReferred},
    {CaseState::kOpen, CaseEvent::kClose, CaseState::kClosed},
    {CaseState::kInProgress, CaseEvent::kStartPlan, CaseState::kPlanActive},
    {CaseState::kInProgress, CaseEvent::kRefer, CaseState::kReferred},
    {CaseState::kInProgress, CaseEvent::kClose, CaseState::kClosed},
    {CaseState::kPlanActive, CaseEvent::kRefer, CaseState::kReferred},
    {CaseState::kPlanActive, CaseEvent::kResume, CaseState::kInProgress},
    {CaseState::kPlanActive, CaseEvent::kClose, CaseState::kClosed},
    {CaseState::kReferred, CaseEvent::kStartPlan, CaseState::kPlanActive},
    {CaseState::kReferred, CaseEvent::kResume, CaseState::kInProgress},
    {CaseState::kReferred, CaseEvent::kClose, CaseState::kClosed},
    {CaseState::kClosed, CaseEvent::kReopen, CaseState::kInProgress},
};

}  // namespace

std::string_view CodeOf(CaseState s) { return Code(kStates, s); }
std::string_view CodeOf(CaseEvent e) { return Code(kEvents, e); }
std::string_view CodeOf(CaseOutcome o) { return Code(kOutcomes, o); }
std::optional<CaseState> StateFromCode(std::string_view code) { return From(kStates, code); }
std::optional<CaseEvent> EventFromCode(std::string_view code) { return From(kEvents, code); }
std::optional<CaseOutcome> OutcomeFromCode(std::string_view code) { return From(kOutcomes, code); }
const std::vector<CaseState>& AllCaseStates() {
  static const auto kAll = All(kStates);
  return kAll;
}
const std::vector<CaseEvent>& AllCaseEvents() {
  static const auto kAll = All(kEvents);
  return kAll;
}
const std::vector<CaseOutcome>& AllCaseOutcomes() {
  static const auto kAll = All(kOutcomes);
  return kAll;
}

Result<CaseState> NextCaseState(CaseState from, CaseEvent event, const TransitionFacts& facts) {
  const Transition* found = nullptr;
  for (const auto& t : kTable)
    if (t.from == from && t.event == event) found = &t;
  if (!found) {
    if (from == CaseState::kClosed) return Conflict("Ce dossier est clos : rouvrez-le d'abord.", "event");
    if (event == CaseEvent::kReopen) return Conflict("Ce dossier n'est pas clos.", "event");
    if (event == CaseEvent::kStart) return Conflict("Le suivi de ce dossier a déjà commencé.", "event");
    if (event == CaseEvent::kResume) return Conflict("Aucun plan ni orientation en cours à clore.", "event");
    if (event == CaseEvent::kStartPlan) return Conflict("Un plan d'apurement est déjà en cours.", "event");
    return Conflict("Le dossier est déjà orienté.", "event");
  }
  // Guards.
  if (event == CaseEvent::kClose && !facts.outcome)
    return Invalid("outcome", "Indiquez l'issue du dossier pour le clore.");
  if (event == CaseEvent::kReopen && facts.household_has_other_open_case)
    return Conflict("Ce ménage a déjà un autre dossier en cours.", "event");
  return found->to;
}

}  // namespace relais::support
