#include "modules/reception/appointment_state.h"

#include <array>

namespace relais::reception {
namespace {
using S = AppointmentState;
using E = AppointmentEvent;

constexpr std::array<std::pair<S, std::string_view>, 7> kStates{{{S::kBooked, "booked"},
                                                                {S::kConfirmed, "confirmed"},
                                                                {S::kSeen, "seen"},
                                                                {S::kNoShow, "no_show"},
                                                                {S::kCancelledByTenant, "cancelled_by_tenant"},
                                                                {S::kCancelledByLandlord, "cancelled_by_landlord"},
                                                                {S::kRescheduled, "rescheduled"}}};
constexpr std::array<std::pair<E, std::string_view>, 7> kEvents{{{E::kConfirm, "confirm"},
                                                                {E::kArrive, "arrive"},
                                                                {E::kMarkSeen, "seen"},
                                                                {E::kMarkNoShow, "no_show"},
                                                                {E::kCancelByTenant, "cancel_by_tenant"},
                                                                {E::kCancelByLandlord, "cancel_by_landlord"},
                                                                {E::kReschedule, "reschedule"}}};

enum class Guard { kNone, kStarted, kBeforeStart };

struct Transition {
  S from;
  E event;
  S to;
  Guard guard;
};
// The table: anything not listed is refused.
constexpr Transition kTable[] = {
    {S::kBooked, E::kConfirm, S::kConfirmed, Guard::kNone},
    {S::kBooked, E::kArrive, S::kConfirmed, Guard::kNone},
    {S::kBooked, E::kMarkSeen, S::kSeen, Guard::kNone},
    {S::kBooked, E::kMarkNoShow, S::kNoShow, Guard::kStarted},
    {S::kBooked, E::kCancelByTenant, S::kCancelledByTenant, Guard::kBeforeStart},
    {S::kBooked, E::kCancelByLandlord, S::kCancelledByLandlord, Guard::kNone},
    {S::kBooked, E::kReschedule, S::kRescheduled, Guard::kNone},
    {S::kConfirmed, E::kArrive, S::kConfirmed, Guard::kNone},
    {S::kConfirmed, E::kMarkSeen, S::kSeen, Guard::kNone},
    {S::kConfirmed, E::kMarkNoShow, S::kNoShow, Guard::kStarted},
    {S::kConfirmed, E::kCancelByTenant, S::kCancelledByTenant, Guard::kBeforeStart},
    {S::kConfirmed, E::kCancelByLandlord, S::kCancelledByLandlord, Guard::kNone},
    {S::kConfirmed, E::kReschedule, S::kRescheduled, Guard::kNone},
    // The person came late after all: the desk corrects the no-show.
    {S::kNoShow, E::kMarkSeen, S::kSeen, Guard::kNone},
};
}  // namespace

std::string_view StateCode(S s) {
  for (const auto& [v, c] : kStates) if (v == s) return c;
  return "booked";
}
std::optional<S> StateFromCode(std::string_view code) {
  for (const auto& [v, c] : kStates) if (c == code) return v;
  return std::nullopt;
}
std::string_view EventCode(E e) {
  for (const auto& [v, c] : kEvents) if (v == e) return c;
  return "confirm";
}
std::optional<E> EventFromCode(std::string_view code) {
  for (const auto& [v, c] : kEvents) if (c == code) return v;
  return std::nullopt;
}
const std::vector<S>& AllStates() {
  static const std::vector<S> all = [] { std::vector<S> v; for (const auto& [s, c] : kStates) v.push_back(s); return v; }();
  return all;
}
const std::vector<E>& AllEvents() {
  static const std::vector<E> all = [] { std::vector<E> v; for (const auto& [e, c] : kEvents) v.push_back(e); return v; }();
  return all;
}

bool IsActive(S s) { return s == S::kBooked || s == S::kConfirmed; }
bool IsFinal(S s) { return !IsActive(s); }

Result<S> NextState(S from, E event, const TransitionFacts& f) {
  for (const auto& t : kTable) {
    if (t.from != from || t.event != event) continue;
    switch (t.guard) {
      case Guard::kStarted:
        if (f.now_ms < f.start_ms) return Conflict("Le rendez-vous n'a pas encore commencé : l'absence ne peut pas être notée.");
        if (f.arrived) return Conflict("La personne est arrivée : elle ne peut pas être notée absente.");
        break;
      case Guard::kBeforeStart:
        if (f.now_ms >= f.start_ms) return Conflict("Le rendez-vous a commencé : il ne peut plus être annulé.");
        break;
      case Guard::kNone:
        break;
    }
    return t.to;
  }
  return Conflict("Ce changement n'est pas possible pour un rendez-vous « " + std::string(StateCode(from)) + " ».",
                  "state");
}

}  // namespace relais::reception
