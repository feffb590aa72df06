// Storage and use cases of reception (issue 7): configuration (sites, reasons, opening hours,
// absences, closures), free slots, bookings by staff and tenants, the appointment lifecycle, the
// waiting list and the desk's day view. Every use case authorises through reception_policy and
// scopes to the actor's organisation (another landlord's records are 404); bookings run in one
// write transaction that serialises the organisation's bookings (a row lock on PostgreSQL, the
// single writer on SQLite), so two requests for the last seat cannot both win.
//
// For the other parts of issue 7 (convocations, calendars, notifications, crisis switch): the
// unchecked Connection-level functions below read and change appointments inside a caller's
// transaction, and SetAppointmentHooks lets the notifier hear every booking, change,
// cancellation and waiting-list offer inside the transaction that makes it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/reception/free_slots.h"
#include "modules/reception/reception.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::reception {

// ---- Hooks for notifications ---------------------------------------------------------------
enum class AppointmentChange { kBooked, kChanged, kCancelled, kAttendance };
// A waiting-list entry offered a freed slot: the holder of `appointment_id` may move to it.
struct WaitlistOffer {
  int64_t entry_id = 0;
  int64_t organisation_id = 0;
  int64_t appointment_id = 0;  // the appointment of the person first in line (still at its later time)
  int64_t site_id = 0;
  int64_t reason_id = 0;
  int64_t staff_user_id = 0;   // of the freed slot
  int64_t start_ms = 0;        // the freed slot
  int64_t end_ms = 0;
  Mode mode = Mode::kInPerson;  // the slot's mode (remote on a day under a crisis switch)
};
struct AppointmentHooks {
  // After an appointment is booked, moved (kChanged: rescheduled, mode changed), cancelled, or its
  // attendance recorded; `a` is the appointment as stored now. Called inside the write
  // transaction: queue messages with the connection (an exception rolls the change back).
  std::function<void(db::Connection&, const Appointment& a, AppointmentChange)> on_change;
  // After a freed slot is offered to the first in line of the waiting list.
  std::function<void(db::Connection&, const WaitlistOffer&)> on_waitlist_offer;
};
// Set once at start-up (composition root), before serving; replaces the hooks of a previous call.
void SetAppointmentHooks(AppointmentHooks hooks);

// ---- Unchecked access inside a caller's transaction (no policy, no audit) ------------------------
std::optional<Site> FindSite(db::Connection& c, int64_t org, int64_t id);
std::optional<Reason> FindReason(db::Connection& c, int64_t org, int64_t id);
// With site, reason, staff and person names filled.
std::optional<Appointment> FindAppointment(db::Connection& c, int64_t org, int64_t id);
// The appointment `id` of the actor's organisation when the actor may see it: a tenant's only when of
// their household, a staff member's only at a site they may use (CanUseSiteOfAgency); nullopt
// otherwise, which the caller answers 404. The scoped load of every route that names an appointment.
std::optional<Appointment> FindVisibleAppointment(db::Connection& c, const auth::Actor& actor, int64_t id);
// Appointments of the organisation starting in [from_ms, to_ms), of one site (site_id > 0) or all,
// every state, by start time.
std::vector<Appointment> AppointmentsBetween(db::Connection& c, int64_t org, int64_t site_id, int64_t from_ms,
                                             int64_t to_ms);
// A staff member's appointments starting from `from_ms` (their calendar feed), by start time.
std::vector<Appointment> AppointmentsOfStaff(db::Connection& c, int64_t org, int64_t staff_user_id, int64_t from_ms);
// Applies a lifecycle event (appointment_state.h) by `user_id` at `now_ms`, calls the hooks, and
// on a cancellation offers the freed slot to the waiting list. kNotFound / kConflict on failure.
Result<Appointment> ApplyAppointmentEvent(db::Connection& c, int64_t org, int64_t id, AppointmentEvent event,
                                          int64_t now_ms, int64_t user_id, const std::string& reason = {});
// Changes the mode of an active appointment (the crisis switch: in person -> phone); kConflict
// when the reason does not allow the mode or the appointment is over. Calls on_change (kChanged).
Result<Appointment> ChangeAppointmentMode(db::Connection& c, int64_t org, int64_t id, Mode mode);

// Inserts configuration as given (demo data, tests): no check, no audit.
int64_t InsertSite(db::Connection& c, int64_t org, const Site& s);
int64_t InsertReason(db::Connection& c, int64_t org, const Reason& r);
int64_t InsertOpeningRange(db::Connection& c, int64_t org, const OpeningRange& o);

// ---- Configuration use cases ----------------------------------------------------------------
Result<std::vector<Site>> StaffListsSites(db::Database& db, const auth::Actor& actor);
Result<Site> ManagerCreatesSite(db::Database& db, const auth::Actor& actor, Site s);
Result<Site> ManagerChangesSite(db::Database& db, const auth::Actor& actor, Site s);
Result<Site> ActorReadsSite(db::Database& db, const auth::Actor& actor, int64_t id);  // tenants too

Result<std::vector<Reason>> StaffListsReasons(db::Database& db, const auth::Actor& actor);
Result<Reason> ManagerCreatesReason(db::Database& db, const auth::Actor& actor, Reason r);
Result<Reason> ManagerChangesReason(db::Database& db, const auth::Actor& actor, Reason r);
Result<Reason> StaffReadsReason(db::Database& db, const auth::Actor& actor, int64_t id);

// Opening ranges of a site (site_id > 0) or of every site the actor may use.
Result<std::vector<OpeningRange>> StaffListsOpeningHours(db::Database& db, const auth::Actor& actor, int64_t site_id);
// The staff member must be active staff of the organisation; the reasons its own.
Result<OpeningRange> ManagerAddsOpeningRange(db::Database& db, const auth::Actor& actor, OpeningRange o);
Result<Unit> ManagerRemovesOpeningRange(db::Database& db, const auth::Actor& actor, int64_t id);

// Absences ending after `from_ms`, of the staff members the actor sees (CanSeeStaffOfAgencies).
Result<std::vector<Absence>> StaffListsAbsences(db::Database& db, const auth::Actor& actor, int64_t from_ms);
Result<Absence> ManagerAddsAbsence(db::Database& db, const auth::Actor& actor, Absence a);
Result<Unit> ManagerRemovesAbsence(db::Database& db, const auth::Actor& actor, int64_t id);

// Closures ending on or after `from_date` (YYYY-MM-DD), of the sites the actor may use and of every
// site. A closure of every site is created and removed only by staff not limited to agencies.
Result<std::vector<Closure>> StaffListsClosures(db::Database& db, const auth::Actor& actor, const std::string& from_date);
Result<Closure> ManagerAddsClosure(db::Database& db, const auth::Actor& actor, Closure c);
Result<Unit> ManagerRemovesClosure(db::Database& db, const auth::Actor& actor, int64_t id);

// The staff members an opening range may name (active staff of the organisation that the actor
// sees, CanSeeStaffOfAgencies): id and name.
struct StaffMember {
  int64_t id = 0;
  std::string name;
};
Result<std::vector<StaffMember>> StaffListsReceivingStaff(db::Database& db, const auth::Actor& actor);

// ---- Slots and bookings --------------------------------------------------------------------
struct SlotRequest {
  int64_t reason_id = 0;
  int64_t site_id = 0;  // 0: every site
  Mode mode = Mode::kInPerson;
  CivilDate from;
  CivilDate to;  // at most 62 days after from
  int people = 1;
};
// Staff: from now on; tenants: only reasons open to tenants, within the reason's booking delays.
Result<std::vector<Slot>> ActorFindsFreeSlots(db::Database& db, const auth::Actor& actor, const SlotRequest& r,
                                              int64_t now_ms);
// Builds the pure query of FreeSlots from the database (the bench and the use cases above).
SlotQuery LoadSlotQuery(db::Connection& c, int64_t org, const SlotRequest& r, int64_t now_ms, bool apply_delays);

struct BookingRequest {
  int64_t reason_id = 0;
  int64_t site_id = 0;
  Mode mode = Mode::kInPerson;
  int64_t start_ms = 0;
  int64_t staff_user_id = 0;  // 0: the first free staff member at that time
  int people = 1;
  std::optional<int64_t> household_id;  // staff booking for a household; a tenant's own is forced
  std::string applicant_name;           // staff booking for an applicant (no household)
  std::string applicant_phone;
  std::string applicant_email;
  std::string notes;
};
// The slot must be one FreeSlots offers now (kConflict "Ce créneau n'est plus libre." otherwise,
// field start_at); the person may hold no other future active appointment for the reason
// (kConflict, field reason_id). Audited (create, appointment).
Result<Appointment> StaffBooksAppointment(db::Database& db, const auth::Actor& actor, BookingRequest r, int64_t now_ms);
Result<Appointment> TenantBooksAppointment(db::Database& db, const auth::Actor& actor, BookingRequest r, int64_t now_ms);

struct AppointmentFilter {
  int64_t site_id = 0;
  int64_t from_ms = 0;
  int64_t to_ms = 0;  // 0: no end
  std::optional<int64_t> household_id;
  std::optional<AppointmentState> state;
  int limit = 200;
};
Result<std::vector<Appointment>> StaffListsAppointments(db::Database& db, const auth::Actor& actor,
                                                        const AppointmentFilter& f);
// The route records the read in the audit trail (record type appointment) before answering.
Result<Appointment> StaffReadsAppointment(db::Database& db, const auth::Actor& actor, int64_t id);
// A staff event: confirm, arrive, seen, no_show (reception staff), cancel_by_landlord (bookers).
Result<Appointment> StaffChangesAppointment(db::Database& db, const auth::Actor& actor, int64_t id,
                                            AppointmentEvent event, int64_t now_ms, const std::string& reason);
// Moves an active appointment to a free slot: a new appointment (booked), the old one rescheduled
// and pointing to it. Staff of the organisation, or the tenant of the appointment (within delays).
Result<Appointment> ActorReschedulesAppointment(db::Database& db, const auth::Actor& actor, int64_t id,
                                                int64_t start_ms, int64_t staff_user_id, int64_t now_ms);

Result<std::vector<Appointment>> TenantListsAppointments(db::Database& db, const auth::Actor& actor);
Result<Appointment> TenantCancelsAppointment(db::Database& db, const auth::Actor& actor, int64_t id, int64_t now_ms);
// Tenants see the reasons open to them, and the active sites.
Result<std::vector<Reason>> TenantListsReasons(db::Database& db, const auth::Actor& actor);
Result<std::vector<Site>> TenantListsSites(db::Database& db, const auth::Actor& actor);

// ---- Waiting list --------------------------------------------------------------------------
struct WaitlistEntry {
  int64_t id = 0;
  int64_t appointment_id = 0;
  std::string state;  // waiting, offered, accepted, withdrawn
  std::optional<int64_t> offered_start_ms;
  std::optional<int64_t> offered_staff_user_id;
};
// The holder of an active future appointment (its tenant, or staff for them) asks for an earlier
// slot of the same reason and site. kConflict when already in line.
Result<WaitlistEntry> ActorJoinsWaitlist(db::Database& db, const auth::Actor& actor, int64_t appointment_id);
// Accepts the offered slot: the appointment is rescheduled to it when it is still free
// (kConflict otherwise, and the entry waits again).
Result<Appointment> ActorAcceptsWaitlistOffer(db::Database& db, const auth::Actor& actor, int64_t entry_id,
                                              int64_t now_ms);
Result<std::optional<WaitlistEntry>> ActorReadsWaitlistOf(db::Database& db, const auth::Actor& actor,
                                                          int64_t appointment_id);
// Offers a slot freed at [start, end) by `staff` to the first person in line whose appointment of
// the same site and reason is later, when the slot is free for them; calls on_waitlist_offer.
// Called by ApplyAppointmentEvent on cancellations; nullopt when nobody is offered it.
std::optional<WaitlistOffer> OfferFreedSlot(db::Connection& c, int64_t org, int64_t site_id, int64_t reason_id,
                                            int64_t staff_user_id, int64_t start_ms, int64_t now_ms);

// ---- The desk's day view -------------------------------------------------------------------
struct DayView {
  std::string date;  // YYYY-MM-DD, Europe/Paris
  std::vector<Site> sites;
  std::vector<Appointment> appointments;  // of that day, every state, by site then start
};
Result<DayView> StaffReadsDayView(db::Database& db, const auth::Actor& actor, CivilDate day, int64_t site_id);

}  // namespace relais::reception
