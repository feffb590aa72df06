#include "modules/reception/appointment_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "modules/reception/crisis_switch.h"
#include "modules/reception/reception_policy.h"
#include "platform/audit/audit.h"

namespace relais::reception {
namespace {

AppointmentHooks g_hooks;

constexpr int64_t kDayMs = 86'400'000;
const char* const kSiteNotFound = "Site d'accueil introuvable.";
const char* const kReasonNotFound = "Motif de rendez-vous introuvable.";
const char* const kAppointmentNotFound = "Rendez-vous introuvable.";
const Error kSetupForbidden = Forbidden("Seuls les responsables et administrateurs modifient l'accueil.");
const Error kBookForbidden = Forbidden("Votre rôle ne permet pas de prendre ou de lire des rendez-vous.");
const Error kDeskForbidden = Forbidden("Seul l'accueil note l'arrivée et la présence des personnes.");

Error Refused(const char* what = kAppointmentNotFound) { return NotFound(what); }
Error FromField(const FieldError& e) { return Invalid(e.field, e.message); }

// A site of another agency than the staff member's is not theirs: 404, like another landlord's.
bool UsesSite(const auth::Actor& actor, const Site& s) { return CanUseSiteOfAgency(actor, s.agency_id); }

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}
std::vector<int64_t> SplitIds(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(std::stoll(item));
  return out;
}
std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}
db::Param TextOrNull(const std::string& s) { return s.empty() ? db::P(nullptr) : db::P(s); }

// ---- rows ----
constexpr const char* kSiteSelect =
    "SELECT id, organisation_id, agency_id, name, address, postal_code, city, access_notes, capacity, "
    "sanitary_capacity, sanitary_start_date, sanitary_end_date, active FROM reception_sites ";
Site ReadSite(const db::Row& r) {
  Site s;
  s.id = r.Int(0);
  s.organisation_id = r.Int(1);
  s.agency_id = r.OptInt(2);
  s.name = r.Str(3);
  s.address = r.Str(4);
  s.postal_code = r.Str(5);
  s.city = r.Str(6);
  s.access_notes = r.Str(7);
  s.capacity = static_cast<int>(r.Int(8));
  if (auto k = r.OptInt(9)) s.sanitary_capacity = static_cast<int>(*k);
  s.sanitary_start_date = r.OptStr(10).value_or("");
  s.sanitary_end_date = r.OptStr(11).value_or("");
  s.active = r.Bool(12);
  return s;
}

constexpr const char* kReasonSelect =
    "SELECT id, organisation_id, kind, name, duration_minutes, in_person, by_phone, by_video, open_to_tenants, "
    "open_to_applicants, min_delay_minutes, max_delay_days, instructions, documents, active FROM appointment_reasons ";
Reason ReadReason(const db::Row& r) {
  Reason x;
  x.id = r.Int(0);
  x.organisation_id = r.Int(1);
  x.kind = ReasonKindFromCode(r.Str(2)).value_or(ReasonKind::kCustom);
  x.name = r.Str(3);
  x.duration_minutes = static_cast<int>(r.Int(4));
  x.in_person = r.Bool(5);
  x.by_phone = r.Bool(6);
  x.by_video = r.Bool(7);
  x.open_to_tenants = r.Bool(8);
  x.open_to_applicants = r.Bool(9);
  x.min_delay_minutes = static_cast<int>(r.Int(10));
  x.max_delay_days = static_cast<int>(r.Int(11));
  x.instructions = r.Str(12);
  x.documents = SplitLines(r.Str(13));
  x.active = r.Bool(14);
  return x;
}

constexpr const char* kRangeSelect =
    "SELECT id, site_id, staff_user_id, weekday, start_minute, end_minute, valid_from, valid_to, reason_ids "
    "FROM opening_hours ";
OpeningRange ReadRange(const db::Row& r) {
  OpeningRange o;
  o.id = r.Int(0);
  o.site_id = r.Int(1);
  o.staff_user_id = r.Int(2);
  o.weekday = static_cast<int>(r.Int(3));
  o.start_minute = static_cast<int>(r.Int(4));
  o.end_minute = static_cast<int>(r.Int(5));
  o.valid_from = r.OptStr(6).value_or("");
  o.valid_to = r.OptStr(7).value_or("");
  o.reason_ids = SplitIds(r.Str(8));
  return o;
}

constexpr const char* kAppointmentSelect =
    "SELECT a.id, a.organisation_id, a.site_id, a.reason_id, a.staff_user_id, a.mode, a.start_at, a.end_at, "
    "a.people, a.household_id, a.applicant_name, a.applicant_phone, a.applicant_email, a.person_key, a.state, "
    "a.booked_by, a.booked_by_id, a.notes, a.arrived_at, a.rescheduled_to, a.cancel_reason, s.name, r.name, "
    "u.display_name, COALESCE(h.display_name, ''), COALESCE(h.reference, '') "
    "FROM appointments a JOIN reception_sites s ON s.id = a.site_id "
    "JOIN appointment_reasons r ON r.id = a.reason_id JOIN staff_users u ON u.id = a.staff_user_id "
    "LEFT JOIN households h ON h.id = a.household_id ";
Appointment ReadAppointment(const db::Row& r) {
  Appointment a;
  a.id = r.Int(0);
  a.organisation_id = r.Int(1);
  a.site_id = r.Int(2);
  a.reason_id = r.Int(3);
  a.staff_user_id = r.Int(4);
  a.mode = ModeFromCode(r.Str(5)).value_or(Mode::kInPerson);
  a.start_ms = r.Int(6);
  a.end_ms = r.Int(7);
  a.people = static_cast<int>(r.Int(8));
  a.household_id = r.OptInt(9);
  a.applicant_name = r.Str(10);
  a.applicant_phone = r.Str(11);
  a.applicant_email = r.Str(12);
  a.person_key = r.Str(13);
  a.state = StateFromCode(r.Str(14)).value_or(AppointmentState::kBooked);
  a.booked_by = r.Str(15);
  a.booked_by_id = r.Int(16);
  a.notes = r.Str(17);
  a.arrived_ms = r.OptInt(18);
  a.rescheduled_to = r.OptInt(19);
  a.cancel_reason = r.Str(20);
  a.site_name = r.Str(21);
  a.reason_name = r.Str(22);
  a.staff_name = r.Str(23);
  a.household_reference = r.Str(25);
  a.person_name = a.household_id ? r.Str(24) : a.applicant_name;
  return a;
}

std::vector<Appointment> QueryAppointments(db::Connection& c, const std::string& where, const std::vector<db::Param>& params) {
  std::vector<Appointment> out;
  c.Query(std::string(kAppointmentSelect) + where, params, [&](const db::Row& r) { out.push_back(ReadAppointment(r)); });
  return out;
}

// Serialises the organisation's bookings: on PostgreSQL a row lock held to the end of the write
// transaction (two requests for the last seat: the second waits, then sees the first's booking);
// SQLite has a single writer already.
void LockBookings(db::Connection& c, int64_t org) {
  if (c.dialect() == db::Dialect::kPostgres)
    c.Query("SELECT id FROM organisations WHERE id = ? FOR UPDATE", {db::P(org)}, nullptr);
}

void Notify(db::Connection& c, int64_t org, int64_t id, AppointmentChange change) {
  if (!g_hooks.on_change) return;
  if (auto a = FindAppointment(c, org, id)) g_hooks.on_change(c, *a, change);
}

std::optional<Slot> FindFreeSlot(db::Connection& c, int64_t org, const Reason& reason, int64_t site_id, Mode mode,
                                 int64_t start_ms, int64_t staff_user_id, int people, int64_t now_ms, bool delays) {
  const int64_t secs = start_ms >= 0 ? start_ms / 1000 : (start_ms - 999) / 1000;
  const CivilDate day = ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(secs)));
  SlotRequest req{reason.id, site_id, mode, day, day, people};
  SlotQuery q = LoadSlotQuery(c, org, req, now_ms, delays);
  for (const auto& s : FreeSlots(q))
    if (s.start_ms == start_ms && s.site_id == site_id && (staff_user_id == 0 || s.staff_user_id == staff_user_id))
      return s;
  return std::nullopt;
}

std::optional<Error> CheckSite(db::Connection& c, int64_t org, const Site& s) {
  if (auto e = ValidateSite(s)) return FromField(*e);
  if (s.agency_id && !c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?", {db::P(*s.agency_id), db::P(org)}))
    return Invalid("agency_id", "Agence inconnue dans votre organisme.");
  if (c.QueryInt("SELECT id FROM reception_sites WHERE organisation_id = ? AND name = ? AND id <> ?",
                 {db::P(org), db::P(s.name), db::P(s.id)}))
    return Conflict("Un site porte déjà ce nom.", "name");
  return std::nullopt;
}

std::optional<Error> CheckReason(db::Connection& c, int64_t org, const Reason& r) {
  if (auto e = ValidateReason(r)) return FromField(*e);
  if (c.QueryInt("SELECT id FROM appointment_reasons WHERE organisation_id = ? AND name = ? AND id <> ?",
                 {db::P(org), db::P(r.name), db::P(r.id)}))
    return Conflict("Un motif porte déjà ce nom.", "name");
  return std::nullopt;
}

void UpdateState(db::Connection& c, int64_t org, int64_t id, AppointmentState s, const std::string& extra_sql,
                 std::vector<db::Param> extra) {
  std::vector<db::Param> params = {db::P(std::string(StateCode(s))), db::P(NowMillis())};
  for (auto& p : extra) params.push_back(std::move(p));
  params.push_back(db::P(id));
  params.push_back(db::P(org));
  c.Query("UPDATE appointments SET state = ?, updated_at = ?" + extra_sql + " WHERE id = ? AND organisation_id = ?",
          params, nullptr);
}

// Books (insert + audit + hook) once the slot and the person are checked, in the caller's transaction.
Result<Appointment> Book(db::Connection& c, const auth::Actor& actor, const BookingRequest& r, bool by_tenant,
                         int64_t now_ms) {
  const int64_t org = actor.organisation_id;
  LockBookings(c, org);
  auto reason = FindReason(c, org, r.reason_id);
  if (!reason || !reason->active || (by_tenant && !reason->open_to_tenants))
    return Invalid("reason_id", "Ce motif de rendez-vous n'existe pas ou n'est pas ouvert à la réservation.");
  auto site = FindSite(c, org, r.site_id);
  if (!site || !site->active || !UsesSite(actor, *site))
    return Invalid("site_id", "Ce site d'accueil n'existe pas ou est fermé.");
  if (!reason->Allows(r.mode)) return Invalid("mode", "Ce motif ne se tient pas selon ce mode.");
  if (r.people < 1 || r.people > 10) return Invalid("people", "Le nombre de personnes doit être compris entre 1 et 10.");
  if (r.household_id) {
    if (!c.QueryInt("SELECT id FROM households WHERE id = ? AND organisation_id = ?", {db::P(*r.household_id), db::P(org)}))
      return Invalid("household_id", "Ménage inconnu dans votre organisme.");
  } else if (r.applicant_name.empty()) {
    return Invalid("applicant_name", "Indiquez le ménage, ou le nom du demandeur ou de la demandeuse.");
  } else if (r.applicant_phone.empty() && r.applicant_email.empty()) {
    return Invalid("applicant_phone", "Indiquez un téléphone ou une adresse e-mail pour joindre la personne.");
  }
  const std::string person = PersonKey(r.household_id, r.applicant_email, r.applicant_phone);
  if (c.QueryInt("SELECT id FROM appointments WHERE organisation_id = ? AND person_key = ? AND reason_id = ? "
                 "AND state IN ('booked', 'confirmed') AND end_at > ? LIMIT 1",
                 {db::P(org), db::P(person), db::P(reason->id), db::P(now_ms)}))
    return Conflict("Cette personne a déjà un rendez-vous à venir pour ce motif.", "reason_id");
  if (r.mode == Mode::kInPerson) {
    // A crisis switch in force that day at the site: no one is received in person.
    if (auto remote = RemoteModeAt(c, org, site->id, r.start_ms)) {
      const std::string how = *remote == Mode::kPhone ? "par téléphone" : "en vidéo";
      if (reason->Allows(*remote))
        return Invalid("mode", "L'accueil « " + site->name + " » reçoit uniquement " + how +
                                   " ce jour-là (bascule de crise) : prenez ce rendez-vous " + how + ".");
      return Invalid("mode", "L'accueil « " + site->name + " » reçoit uniquement " + how +
                                 " ce jour-là (bascule de crise) et ce motif ne se tient pas à distance : choisissez un autre jour.");
    }
  }
  auto slot = FindFreeSlot(c, org, *reason, site->id, r.mode, r.start_ms, r.staff_user_id, r.people, now_ms, by_tenant);
  if (!slot) return Conflict("Ce créneau n'est plus libre.", "start_at");
  const int64_t now = NowMillis();
  const int64_t id = *c.QueryInt(
      "INSERT INTO appointments (organisation_id, site_id, reason_id, staff_user_id, mode, start_at, end_at, people, "
      "household_id, applicant_name, applicant_phone, applicant_email, person_key, state, booked_by, booked_by_id, "
      "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(site->id), db::P(reason->id), db::P(slot->staff_user_id), db::P(std::string(ModeCode(slot->mode))),
       db::P(slot->start_ms), db::P(slot->end_ms), db::P(r.people), db::P(r.household_id),
       db::P(r.household_id ? std::string() : r.applicant_name), db::P(r.household_id ? std::string() : r.applicant_phone),
       db::P(r.household_id ? std::string() : r.applicant_email), db::P(person), db::P(by_tenant ? "tenant" : "staff"),
       db::P(actor.user_id), db::P(r.notes), db::P(now), db::P(now)});
  audit::AppendInTransaction(c, audit::Of(actor, "create", "appointment", id));
  Notify(c, org, id, AppointmentChange::kBooked);
  return *FindAppointment(c, org, id);
}

// Moves an active appointment to the slot (start, staff), in the caller's transaction: the old one
// becomes rescheduled, a new one is booked; its freed slot goes to the waiting list.
Result<Appointment> Reschedule(db::Connection& c, const auth::Actor& actor, const Appointment& old, int64_t start_ms,
                               int64_t staff_user_id, int64_t now_ms, bool delays) {
  const int64_t org = old.organisation_id;
  LockBookings(c, org);
  auto next = NextState(old.state, AppointmentEvent::kReschedule, {now_ms, old.start_ms, old.arrived_ms.has_value()});
  if (!next.ok()) return next.error();
  UpdateState(c, org, old.id, *next, "", {});  // frees its time before looking for the new slot
  auto reason = FindReason(c, org, old.reason_id);
  if (!reason) return Refused(kReasonNotFound);
  // In person moved to a day under a crisis switch: the new appointment is held remotely (the
  // slot's mode), or there is no slot when the reason allows no remote mode.
  auto slot = FindFreeSlot(c, org, *reason, old.site_id, old.mode, start_ms, staff_user_id, old.people, now_ms, delays);
  if (!slot) return Conflict("Ce créneau n'est plus libre.", "start_at");
  const int64_t now = NowMillis();
  const int64_t id = *c.QueryInt(
      "INSERT INTO appointments (organisation_id, site_id, reason_id, staff_user_id, mode, start_at, end_at, people, "
      "household_id, applicant_name, applicant_phone, applicant_email, person_key, state, booked_by, booked_by_id, "
      "notes, created_at, updated_at) SELECT organisation_id, site_id, reason_id, ?, ?, ?, ?, people, household_id, "
      "applicant_name, applicant_phone, applicant_email, person_key, 'booked', booked_by, booked_by_id, notes, ?, ? "
      "FROM appointments WHERE id = ? AND organisation_id = ? RETURNING id",
      {db::P(slot->staff_user_id), db::P(std::string(ModeCode(slot->mode))), db::P(slot->start_ms), db::P(slot->end_ms), db::P(now), db::P(now), db::P(old.id),
       db::P(org)});
  c.Exec("UPDATE appointments SET rescheduled_to = ? WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(old.id), db::P(org)});
  audit::AppendInTransaction(c, audit::Of(actor, "update", "appointment", old.id));
  audit::AppendInTransaction(c, audit::Of(actor, "create", "appointment", id));
  Notify(c, org, id, AppointmentChange::kChanged);
  OfferFreedSlot(c, org, old.site_id, old.reason_id, old.staff_user_id, old.start_ms, now_ms);
  return *FindAppointment(c, org, id);
}

std::optional<Appointment> FindTenantAppointment(db::Connection& c, const auth::Actor& actor, int64_t id) {
  auto a = FindAppointment(c, actor.organisation_id, id);
  if (!a || !a->household_id || *a->household_id != actor.household_id) return std::nullopt;
  return a;
}

// An appointment of the organisation at a site the staff member may use; nullopt otherwise.
std::optional<Appointment> FindStaffAppointment(db::Connection& c, const auth::Actor& actor, int64_t id) {
  auto a = FindAppointment(c, actor.organisation_id, id);
  if (!a) return std::nullopt;
  auto site = FindSite(c, actor.organisation_id, a->site_id);
  if (!site || !UsesSite(actor, *site)) return std::nullopt;
  return a;
}

// " AND (<column> IS NULL OR <column> IN (?, ...))" for a staff member limited to agencies (the
// column is a site's agency_id), with its parameters; "" for everyone else.
std::string AgencyClause(const auth::Actor& actor, const char* column, std::vector<db::Param>& params) {
  if (actor.kind == auth::Kind::kTenant || actor.agency_ids.empty()) return "";
  std::string sql = std::string(" AND (") + column + " IS NULL OR " + column + " IN (";
  for (size_t i = 0; i < actor.agency_ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.push_back(db::P(actor.agency_ids[i]));
  }
  return sql + "))";
}

// The ids of the organisation's sites the actor may use.
std::set<int64_t> UsableSiteIds(db::Connection& c, const auth::Actor& actor) {
  std::set<int64_t> out;
  c.Query(std::string(kSiteSelect) + "WHERE organisation_id = ?", {db::P(actor.organisation_id)}, [&](const db::Row& r) {
    auto site = ReadSite(r);
    if (UsesSite(actor, site)) out.insert(site.id);
  });
  return out;
}
bool UsesSiteId(db::Connection& c, const auth::Actor& actor, int64_t site_id) {
  auto site = FindSite(c, actor.organisation_id, site_id);
  return site && UsesSite(actor, *site);
}

// The agencies of each staff member of the organisation limited to some (absent: the whole
// organisation), to filter the staff a setup list shows.
std::map<int64_t, std::vector<int64_t>> StaffAgencies(db::Connection& c, int64_t org) {
  std::map<int64_t, std::vector<int64_t>> out;
  c.Query("SELECT g.user_id, g.agency_id FROM staff_user_agencies g JOIN staff_users u ON u.id = g.user_id "
          "WHERE u.organisation_id = ? ORDER BY g.user_id, g.agency_id",
          {db::P(org)}, [&](const db::Row& r) { out[r.Int(0)].push_back(r.Int(1)); });
  return out;
}
bool SeesStaff(const auth::Actor& actor, const std::map<int64_t, std::vector<int64_t>>& agencies, int64_t user_id) {
  auto it = agencies.find(user_id);
  return CanSeeStaffOfAgencies(actor, it == agencies.end() ? std::vector<int64_t>{} : it->second);
}

}  // namespace

void SetAppointmentHooks(AppointmentHooks hooks) { g_hooks = std::move(hooks); }

std::optional<Appointment> FindVisibleAppointment(db::Connection& c, const auth::Actor& actor, int64_t id) {
  if (actor.kind == auth::Kind::kTenant) return FindTenantAppointment(c, actor, id);
  return FindStaffAppointment(c, actor, id);
}

// ---- unchecked ----
std::optional<Site> FindSite(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Site> out;
  c.Query(std::string(kSiteSelect) + "WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = ReadSite(r); });
  return out;
}
std::optional<Reason> FindReason(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Reason> out;
  c.Query(std::string(kReasonSelect) + "WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = ReadReason(r); });
  return out;
}
std::optional<Appointment> FindAppointment(db::Connection& c, int64_t org, int64_t id) {
  auto list = QueryAppointments(c, "WHERE a.id = ? AND a.organisation_id = ?", {db::P(id), db::P(org)});
  if (list.empty()) return std::nullopt;
  return list.front();
}
std::vector<Appointment> AppointmentsBetween(db::Connection& c, int64_t org, int64_t site_id, int64_t from_ms, int64_t to_ms) {
  if (site_id > 0)
    return QueryAppointments(c, "WHERE a.organisation_id = ? AND a.site_id = ? AND a.start_at >= ? AND a.start_at < ? ORDER BY a.start_at, a.id",
                             {db::P(org), db::P(site_id), db::P(from_ms), db::P(to_ms)});
  return QueryAppointments(c, "WHERE a.organisation_id = ? AND a.start_at >= ? AND a.start_at < ? ORDER BY a.start_at, a.id",
                           {db::P(org), db::P(from_ms), db::P(to_ms)});
}
std::vector<Appointment> AppointmentsOfStaff(db::Connection& c, int64_t org, int64_t staff_user_id, int64_t from_ms) {
  return QueryAppointments(c, "WHERE a.organisation_id = ? AND a.staff_user_id = ? AND a.start_at >= ? ORDER BY a.start_at, a.id LIMIT 2000",
                           {db::P(org), db::P(staff_user_id), db::P(from_ms)});
}

Result<Appointment> ApplyAppointmentEvent(db::Connection& c, int64_t org, int64_t id, AppointmentEvent event,
                                          int64_t now_ms, int64_t user_id, const std::string& reason) {
  auto a = FindAppointment(c, org, id);
  if (!a) return Refused();
  if (event == AppointmentEvent::kReschedule)
    return Conflict("Un rendez-vous se déplace vers un nouveau créneau (ActorReschedulesAppointment).", "event");
  auto next = NextState(a->state, event, {now_ms, a->start_ms, a->arrived_ms.has_value()});
  if (!next.ok()) return next.error();
  switch (event) {
    case AppointmentEvent::kArrive:
      UpdateState(c, org, id, *next, ", arrived_at = COALESCE(arrived_at, ?)", {db::P(now_ms)});
      break;
    case AppointmentEvent::kMarkSeen:
    case AppointmentEvent::kMarkNoShow:
      UpdateState(c, org, id, *next, ", attended_by = ?", {db::P(user_id)});
      break;
    case AppointmentEvent::kCancelByTenant:
    case AppointmentEvent::kCancelByLandlord:
      UpdateState(c, org, id, *next, ", cancel_reason = ?", {db::P(reason)});
      break;
    default:
      UpdateState(c, org, id, *next, "", {});
  }
  const bool cancelled = *next == AppointmentState::kCancelledByTenant || *next == AppointmentState::kCancelledByLandlord;
  const bool attendance = event == AppointmentEvent::kArrive || event == AppointmentEvent::kMarkSeen ||
                          event == AppointmentEvent::kMarkNoShow;
  Notify(c, org, id, cancelled ? AppointmentChange::kCancelled
                               : attendance ? AppointmentChange::kAttendance : AppointmentChange::kChanged);
  if (cancelled) OfferFreedSlot(c, org, a->site_id, a->reason_id, a->staff_user_id, a->start_ms, now_ms);
  return *FindAppointment(c, org, id);
}

Result<Appointment> ChangeAppointmentMode(db::Connection& c, int64_t org, int64_t id, Mode mode) {
  auto a = FindAppointment(c, org, id);
  if (!a) return Refused();
  if (!IsActive(a->state)) return Conflict("Ce rendez-vous est terminé ou annulé.", "state");
  auto reason = FindReason(c, org, a->reason_id);
  if (!reason || !reason->Allows(mode)) return Conflict("Ce motif ne se tient pas selon ce mode.", "mode");
  c.Exec("UPDATE appointments SET mode = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
         {db::P(std::string(ModeCode(mode))), db::P(NowMillis()), db::P(id), db::P(org)});
  Notify(c, org, id, AppointmentChange::kChanged);
  return *FindAppointment(c, org, id);
}

int64_t InsertSite(db::Connection& c, int64_t org, const Site& s) {
  const int64_t now = NowMillis();
  return *c.QueryInt(
      "INSERT INTO reception_sites (organisation_id, agency_id, name, address, postal_code, city, access_notes, capacity, "
      "sanitary_capacity, sanitary_start_date, sanitary_end_date, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(s.agency_id), db::P(s.name), db::P(s.address), db::P(s.postal_code), db::P(s.city),
       db::P(s.access_notes), db::P(s.capacity), db::P(s.sanitary_capacity), TextOrNull(s.sanitary_start_date),
       TextOrNull(s.sanitary_end_date), db::P(s.active), db::P(now), db::P(now)});
}
int64_t InsertReason(db::Connection& c, int64_t org, const Reason& r) {
  const int64_t now = NowMillis();
  return *c.QueryInt(
      "INSERT INTO appointment_reasons (organisation_id, kind, name, duration_minutes, in_person, by_phone, by_video, "
      "open_to_tenants, open_to_applicants, min_delay_minutes, max_delay_days, instructions, documents, active, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(std::string(ReasonKindCode(r.kind))), db::P(r.name), db::P(r.duration_minutes), db::P(r.in_person),
       db::P(r.by_phone), db::P(r.by_video), db::P(r.open_to_tenants), db::P(r.open_to_applicants),
       db::P(r.min_delay_minutes), db::P(r.max_delay_days), db::P(r.instructions), db::P(JoinLines(r.documents)),
       db::P(r.active), db::P(now), db::P(now)});
}
int64_t InsertOpeningRange(db::Connection& c, int64_t org, const OpeningRange& o) {
  return *c.QueryInt(
      "INSERT INTO opening_hours (organisation_id, site_id, staff_user_id, weekday, start_minute, end_minute, valid_from, "
      "valid_to, reason_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(o.site_id), db::P(o.staff_user_id), db::P(o.weekday), db::P(o.start_minute), db::P(o.end_minute),
       TextOrNull(o.valid_from), TextOrNull(o.valid_to), db::P(JoinIds(o.reason_ids)), db::P(NowMillis())});
}

// ---- configuration ----
Result<std::vector<Site>> StaffListsSites(db::Database& db, const auth::Actor& actor) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Site>> {
    std::vector<Site> out;
    c.Query(std::string(kSiteSelect) + "WHERE organisation_id = ? ORDER BY name, id", {db::P(actor.organisation_id)},
            [&](const db::Row& r) {
              auto site = ReadSite(r);
              if (UsesSite(actor, site)) out.push_back(std::move(site));
            });
    return out;
  });
}

Result<Site> ManagerCreatesSite(db::Database& db, const auth::Actor& actor, Site s) {
  if (!CanManageReceptionSetup(actor)) return CanReadReceptionSetup(actor) ? kSetupForbidden : Refused(kSiteNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Site> {
    s.id = 0;
    if (auto e = CheckSite(c, org, s)) return *e;
    const int64_t id = InsertSite(c, org, s);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "reception_site", id));
    return *FindSite(c, org, id);
  });
}

Result<Site> ManagerChangesSite(db::Database& db, const auth::Actor& actor, Site s) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  const bool may = CanManageReceptionSetup(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Site> {
    auto current = FindSite(c, org, s.id);
    if (!current || !UsesSite(actor, *current)) return Refused(kSiteNotFound);
    if (!may) return kSetupForbidden;
    if (auto e = CheckSite(c, org, s)) return *e;
    c.Exec("UPDATE reception_sites SET agency_id = ?, name = ?, address = ?, postal_code = ?, city = ?, access_notes = ?, "
           "capacity = ?, sanitary_capacity = ?, sanitary_start_date = ?, sanitary_end_date = ?, active = ?, updated_at = ? "
           "WHERE id = ? AND organisation_id = ?",
           {db::P(s.agency_id), db::P(s.name), db::P(s.address), db::P(s.postal_code), db::P(s.city), db::P(s.access_notes),
            db::P(s.capacity), db::P(s.sanitary_capacity), TextOrNull(s.sanitary_start_date),
            TextOrNull(s.sanitary_end_date), db::P(s.active), db::P(NowMillis()), db::P(s.id), db::P(org)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "reception_site", s.id));
    return *FindSite(c, org, s.id);
  });
}

Result<Site> ActorReadsSite(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReceptionSetup(actor) && !CanTenantBook(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<Site> {
    auto s = FindSite(c, actor.organisation_id, id);
    if (!s || !UsesSite(actor, *s) || (actor.kind == auth::Kind::kTenant && !s->active)) return Refused(kSiteNotFound);
    return *s;
  });
}

Result<std::vector<Reason>> StaffListsReasons(db::Database& db, const auth::Actor& actor) {
  if (!CanReadReceptionSetup(actor)) return Refused(kReasonNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Reason>> {
    std::vector<Reason> out;
    c.Query(std::string(kReasonSelect) + "WHERE organisation_id = ? ORDER BY name, id", {db::P(actor.organisation_id)},
            [&](const db::Row& r) { out.push_back(ReadReason(r)); });
    return out;
  });
}

Result<Reason> ManagerCreatesReason(db::Database& db, const auth::Actor& actor, Reason r) {
  if (!CanManageReceptionSetup(actor)) return CanReadReceptionSetup(actor) ? kSetupForbidden : Refused(kReasonNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Reason> {
    r.id = 0;
    if (auto e = CheckReason(c, org, r)) return *e;
    const int64_t id = InsertReason(c, org, r);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "appointment_reason", id));
    return *FindReason(c, org, id);
  });
}

Result<Reason> ManagerChangesReason(db::Database& db, const auth::Actor& actor, Reason r) {
  if (!CanReadReceptionSetup(actor)) return Refused(kReasonNotFound);
  const bool may = CanManageReceptionSetup(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Reason> {
    if (!FindReason(c, org, r.id)) return Refused(kReasonNotFound);
    if (!may) return kSetupForbidden;
    if (auto e = CheckReason(c, org, r)) return *e;
    c.Exec("UPDATE appointment_reasons SET kind = ?, name = ?, duration_minutes = ?, in_person = ?, by_phone = ?, "
           "by_video = ?, open_to_tenants = ?, open_to_applicants = ?, min_delay_minutes = ?, max_delay_days = ?, "
           "instructions = ?, documents = ?, active = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
           {db::P(std::string(ReasonKindCode(r.kind))), db::P(r.name), db::P(r.duration_minutes), db::P(r.in_person),
            db::P(r.by_phone), db::P(r.by_video), db::P(r.open_to_tenants), db::P(r.open_to_applicants),
            db::P(r.min_delay_minutes), db::P(r.max_delay_days), db::P(r.instructions), db::P(JoinLines(r.documents)),
            db::P(r.active), db::P(NowMillis()), db::P(r.id), db::P(org)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "appointment_reason", r.id));
    return *FindReason(c, org, r.id);
  });
}

Result<Reason> StaffReadsReason(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReceptionSetup(actor)) return Refused(kReasonNotFound);
  return db.Read([&](db::Connection& c) -> Result<Reason> {
    auto r = FindReason(c, actor.organisation_id, id);
    if (!r) return Refused(kReasonNotFound);
    return *r;
  });
}

Result<std::vector<OpeningRange>> StaffListsOpeningHours(db::Database& db, const auth::Actor& actor, int64_t site_id) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<OpeningRange>> {
    std::vector<OpeningRange> out;
    const auto usable = UsableSiteIds(c, actor);
    auto add = [&](const db::Row& r) {
      auto range = ReadRange(r);
      if (usable.count(range.site_id)) out.push_back(std::move(range));
    };
    if (site_id > 0)
      c.Query(std::string(kRangeSelect) + "WHERE organisation_id = ? AND site_id = ? ORDER BY weekday, start_minute, id",
              {db::P(actor.organisation_id), db::P(site_id)}, add);
    else
      c.Query(std::string(kRangeSelect) + "WHERE organisation_id = ? ORDER BY site_id, weekday, start_minute, id",
              {db::P(actor.organisation_id)}, add);
    return out;
  });
}

Result<OpeningRange> ManagerAddsOpeningRange(db::Database& db, const auth::Actor& actor, OpeningRange o) {
  if (!CanManageReceptionSetup(actor)) return CanReadReceptionSetup(actor) ? kSetupForbidden : Refused(kSiteNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<OpeningRange> {
    if (auto e = ValidateOpeningRange(o)) return FromField(*e);
    if (!UsesSiteId(c, actor, o.site_id)) return Invalid("site_id", "Site d'accueil inconnu dans votre organisme.");
    if (!c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ? AND active = 1",
                    {db::P(o.staff_user_id), db::P(org)}) ||
        !SeesStaff(actor, StaffAgencies(c, org), o.staff_user_id))
      return Invalid("staff_user_id", "Membre du personnel inconnu ou inactif dans votre organisme.");
    for (auto id : o.reason_ids)
      if (!FindReason(c, org, id)) return Invalid("reason_ids", "Motif inconnu dans votre organisme : " + std::to_string(id) + ".");
    o.id = InsertOpeningRange(c, org, o);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "opening_range", o.id));
    return o;
  });
}

Result<Unit> ManagerRemovesOpeningRange(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  const bool may = CanManageReceptionSetup(actor);
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    auto site_id = c.QueryInt("SELECT site_id FROM opening_hours WHERE id = ? AND organisation_id = ?",
                              {db::P(id), db::P(actor.organisation_id)});
    if (!site_id || !UsesSiteId(c, actor, *site_id)) return NotFound("Plage d'ouverture introuvable.");
    if (!may) return kSetupForbidden;
    c.Exec("DELETE FROM opening_hours WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(actor.organisation_id)});
    audit::AppendInTransaction(c, audit::Of(actor, "delete", "opening_range", id));
    return Unit{};
  });
}

Result<std::vector<Absence>> StaffListsAbsences(db::Database& db, const auth::Actor& actor, int64_t from_ms) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Absence>> {
    std::vector<Absence> out;
    c.Query("SELECT id, staff_user_id, start_at, end_at, label FROM staff_absences WHERE organisation_id = ? AND end_at > ? "
            "ORDER BY start_at, id LIMIT 1000",
            {db::P(actor.organisation_id), db::P(from_ms)},
            [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Str(4)}); });
    const auto agencies = StaffAgencies(c, actor.organisation_id);
    std::erase_if(out, [&](const Absence& a) { return !SeesStaff(actor, agencies, a.staff_user_id); });
    return out;
  });
}

Result<Absence> ManagerAddsAbsence(db::Database& db, const auth::Actor& actor, Absence a) {
  if (!CanManageReceptionSetup(actor)) return CanReadReceptionSetup(actor) ? kSetupForbidden : Refused(kSiteNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Absence> {
    if (a.end_ms <= a.start_ms) return Invalid("end_at", "La fin de l'absence doit suivre son début.");
    if (!c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ?", {db::P(a.staff_user_id), db::P(org)}) ||
        !SeesStaff(actor, StaffAgencies(c, org), a.staff_user_id))
      return Invalid("staff_user_id", "Membre du personnel inconnu dans votre organisme.");
    a.id = *c.QueryInt("INSERT INTO staff_absences (organisation_id, staff_user_id, start_at, end_at, label, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                       {db::P(org), db::P(a.staff_user_id), db::P(a.start_ms), db::P(a.end_ms), db::P(a.label), db::P(NowMillis())});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "staff_absence", a.id));
    return a;
  });
}

Result<Unit> ManagerRemovesAbsence(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  const bool may = CanManageReceptionSetup(actor);
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    auto user = c.QueryInt("SELECT staff_user_id FROM staff_absences WHERE id = ? AND organisation_id = ?",
                           {db::P(id), db::P(actor.organisation_id)});
    if (!user || !SeesStaff(actor, StaffAgencies(c, actor.organisation_id), *user)) return NotFound("Absence introuvable.");
    if (!may) return kSetupForbidden;
    c.Exec("DELETE FROM staff_absences WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(actor.organisation_id)});
    audit::AppendInTransaction(c, audit::Of(actor, "delete", "staff_absence", id));
    return Unit{};
  });
}

Result<std::vector<Closure>> StaffListsClosures(db::Database& db, const auth::Actor& actor, const std::string& from_date) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Closure>> {
    std::vector<Closure> out;
    c.Query("SELECT id, COALESCE(site_id, 0), start_date, end_date, label FROM site_closures WHERE organisation_id = ? "
            "AND end_date >= ? ORDER BY start_date, id LIMIT 1000",
            {db::P(actor.organisation_id), db::P(from_date)},
            [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4)}); });
    const auto usable = UsableSiteIds(c, actor);
    std::erase_if(out, [&](const Closure& cl) { return cl.site_id > 0 && !usable.count(cl.site_id); });
    return out;
  });
}

Result<Closure> ManagerAddsClosure(db::Database& db, const auth::Actor& actor, Closure cl) {
  if (!CanManageReceptionSetup(actor)) return CanReadReceptionSetup(actor) ? kSetupForbidden : Refused(kSiteNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Closure> {
    if (!ParseDate(cl.start_date) || cl.start_date.size() != 10) return Invalid("start_date", "Date de début invalide (AAAA-MM-JJ).");
    if (!ParseDate(cl.end_date) || cl.end_date.size() != 10 || cl.end_date < cl.start_date)
      return Invalid("end_date", "La date de fin doit être une date (AAAA-MM-JJ) qui suit la date de début.");
    if (cl.site_id > 0 && !UsesSiteId(c, actor, cl.site_id))
      return Invalid("site_id", "Site d'accueil inconnu dans votre organisme.");
    if (cl.site_id <= 0 && !CanActOnEverySite(actor))
      return Invalid("site_id", "Votre compte est limité à certaines agences : choisissez le site à fermer.");
    cl.id = *c.QueryInt("INSERT INTO site_closures (organisation_id, site_id, start_date, end_date, label, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        {db::P(org), cl.site_id > 0 ? db::P(cl.site_id) : db::P(nullptr), db::P(cl.start_date),
                         db::P(cl.end_date), db::P(cl.label), db::P(NowMillis())});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "site_closure", cl.id));
    return cl;
  });
}

Result<Unit> ManagerRemovesClosure(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  const bool may = CanManageReceptionSetup(actor);
  return db.Write([&](db::Connection& c) -> Result<Unit> {
    auto site_id = c.QueryInt("SELECT COALESCE(site_id, 0) FROM site_closures WHERE id = ? AND organisation_id = ?",
                              {db::P(id), db::P(actor.organisation_id)});
    if (!site_id || (*site_id > 0 && !UsesSiteId(c, actor, *site_id))) return NotFound("Fermeture introuvable.");
    if (!may) return kSetupForbidden;
    // A closure of every site is seen by all, removed only by staff of the whole organisation.
    if (*site_id == 0 && !CanActOnEverySite(actor))
      return Forbidden("Votre compte est limité à certaines agences : une fermeture de tous les sites ne se retire pas ici.");
    c.Exec("DELETE FROM site_closures WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(actor.organisation_id)});
    audit::AppendInTransaction(c, audit::Of(actor, "delete", "site_closure", id));
    return Unit{};
  });
}

Result<std::vector<StaffMember>> StaffListsReceivingStaff(db::Database& db, const auth::Actor& actor) {
  if (!CanReadReceptionSetup(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<StaffMember>> {
    std::vector<StaffMember> out;
    c.Query("SELECT id, display_name FROM staff_users WHERE organisation_id = ? AND active = 1 ORDER BY display_name, id LIMIT 2000",
            {db::P(actor.organisation_id)}, [&](const db::Row& r) { out.push_back({r.Int(0), r.Str(1)}); });
    const auto agencies = StaffAgencies(c, actor.organisation_id);
    std::erase_if(out, [&](const StaffMember& m) { return !SeesStaff(actor, agencies, m.id); });
    return out;
  });
}

// ---- slots and bookings ----
SlotQuery LoadSlotQuery(db::Connection& c, int64_t org, const SlotRequest& r, int64_t now_ms, bool apply_delays) {
  SlotQuery q;
  q.from = r.from;
  q.to = r.to;
  q.now_ms = now_ms;
  q.mode = r.mode;
  q.people = r.people;
  q.apply_booking_delays = apply_delays;
  if (auto reason = FindReason(c, org, r.reason_id)) q.reason = *reason;
  else q.reason.active = false;
  const int64_t from_ms = ParisMidnightUtcMillis(r.from);
  const int64_t to_ms = ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(r.to) + 1));
  const std::string site_filter = r.site_id > 0 ? " AND site_id = ?" : "";
  std::vector<db::Param> params = {db::P(org)};
  if (r.site_id > 0) params.push_back(db::P(r.site_id));
  c.Query(std::string(kSiteSelect) + "WHERE organisation_id = ? AND active = 1" + (r.site_id > 0 ? " AND id = ?" : ""),
          params, [&](const db::Row& row) { q.sites.push_back(ReadSite(row)); });
  c.Query(std::string(kRangeSelect) + "WHERE organisation_id = ?" + site_filter, params,
          [&](const db::Row& row) { q.ranges.push_back(ReadRange(row)); });
  c.Query("SELECT id, staff_user_id, start_at, end_at, label FROM staff_absences WHERE organisation_id = ? AND end_at > ? "
          "AND start_at < ?",
          {db::P(org), db::P(from_ms), db::P(to_ms)},
          [&](const db::Row& row) { q.absences.push_back({row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Str(4)}); });
  c.Query("SELECT id, COALESCE(site_id, 0), start_date, end_date, label FROM site_closures WHERE organisation_id = ? "
          "AND end_date >= ? AND start_date <= ?",
          {db::P(org), db::P(FormatIso(r.from)), db::P(FormatIso(r.to))},
          [&](const db::Row& row) { q.closures.push_back({row.Int(0), row.Int(1), row.Str(2), row.Str(3), row.Str(4)}); });
  // Every active appointment of the organisation in the window: a staff member busy at another
  // site is busy here too.
  c.Query("SELECT site_id, staff_user_id, start_at, end_at, people, mode FROM appointments WHERE organisation_id = ? "
          "AND state IN ('booked', 'confirmed') AND start_at < ? AND end_at > ?",
          {db::P(org), db::P(to_ms), db::P(from_ms)}, [&](const db::Row& row) {
            q.busy.push_back({row.Int(0), row.Int(1), row.Int(2), row.Int(3), static_cast<int>(row.Int(4)),
                              row.Text(5) == "in_person"});
          });
  // The crisis switches in force on some day of the window, once for the whole search.
  std::vector<db::Param> switch_params = {db::P(org), db::P(FormatIso(r.from)), db::P(FormatIso(r.to))};
  if (r.site_id > 0) switch_params.push_back(db::P(r.site_id));
  c.Query("SELECT id, COALESCE(site_id, 0), start_date, end_date, mode FROM reception_crisis_switches "
          "WHERE organisation_id = ? AND end_date >= ? AND start_date <= ?" +
              std::string(r.site_id > 0 ? " AND (site_id IS NULL OR site_id = ?)" : ""),
          switch_params, [&](const db::Row& row) {
            q.switches.push_back({row.Int(0), row.Int(1), row.Str(2), row.Str(3),
                                  ModeFromCode(row.Text(4)).value_or(Mode::kPhone)});
          });
  return q;
}

Result<std::vector<Slot>> ActorFindsFreeSlots(db::Database& db, const auth::Actor& actor, const SlotRequest& r, int64_t now_ms) {
  const bool tenant = actor.kind == auth::Kind::kTenant;
  if (tenant ? !CanTenantBook(actor) : !CanBookAppointments(actor)) return Refused(kReasonNotFound);
  const int64_t span = DaysFromCivil(r.to) - DaysFromCivil(r.from);
  if (span < 0 || span > 62) return Invalid("to", "La période cherchée va de 1 à 63 jours.");
  return db.Read([&](db::Connection& c) -> Result<std::vector<Slot>> {
    auto reason = FindReason(c, actor.organisation_id, r.reason_id);
    if (!reason || (tenant && (!reason->open_to_tenants || !reason->active))) return Refused(kReasonNotFound);
    if (r.site_id > 0) {
      auto site = FindSite(c, actor.organisation_id, r.site_id);
      if (!site || !UsesSite(actor, *site)) return Refused(kSiteNotFound);
    }
    SlotQuery q = LoadSlotQuery(c, actor.organisation_id, r, now_ms, tenant);
    std::erase_if(q.sites, [&](const Site& s) { return !UsesSite(actor, s); });
    return FreeSlots(q);
  });
}

Result<Appointment> StaffBooksAppointment(db::Database& db, const auth::Actor& actor, BookingRequest r, int64_t now_ms) {
  if (!CanBookAppointments(actor)) return CanReadReceptionSetup(actor) ? kBookForbidden : Refused();
  return db.Write([&](db::Connection& c) { return Book(c, actor, r, false, now_ms); });
}

Result<Appointment> TenantBooksAppointment(db::Database& db, const auth::Actor& actor, BookingRequest r, int64_t now_ms) {
  if (!CanTenantBook(actor)) return Refused();
  r.household_id = actor.household_id;  // a tenant books for their own household only
  r.staff_user_id = 0;
  r.people = std::clamp(r.people, 1, 10);
  return db.Write([&](db::Connection& c) { return Book(c, actor, r, true, now_ms); });
}

Result<std::vector<Appointment>> StaffListsAppointments(db::Database& db, const auth::Actor& actor, const AppointmentFilter& f) {
  if (!CanBookAppointments(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<std::vector<Appointment>> {
    std::string where = "WHERE a.organisation_id = ? AND a.start_at >= ?";
    std::vector<db::Param> params = {db::P(actor.organisation_id), db::P(f.from_ms)};
    if (f.to_ms > 0) { where += " AND a.start_at < ?"; params.push_back(db::P(f.to_ms)); }
    if (f.site_id > 0) { where += " AND a.site_id = ?"; params.push_back(db::P(f.site_id)); }
    if (f.household_id) { where += " AND a.household_id = ?"; params.push_back(db::P(*f.household_id)); }
    if (f.state) { where += " AND a.state = ?"; params.push_back(db::P(std::string(StateCode(*f.state)))); }
    where += AgencyClause(actor, "s.agency_id", params);
    where += " ORDER BY a.start_at, a.id LIMIT " + std::to_string(std::clamp(f.limit, 1, 1000));
    return QueryAppointments(c, where, params);
  });
}

Result<Appointment> StaffReadsAppointment(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanBookAppointments(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<Appointment> {
    auto a = FindStaffAppointment(c, actor, id);
    if (!a) return Refused();
    return *a;
  });
}

Result<Appointment> StaffChangesAppointment(db::Database& db, const auth::Actor& actor, int64_t id, AppointmentEvent event,
                                            int64_t now_ms, const std::string& reason) {
  if (!CanBookAppointments(actor) && !CanRecordAttendance(actor)) return Refused();
  const bool desk_event = event == AppointmentEvent::kConfirm || event == AppointmentEvent::kArrive ||
                          event == AppointmentEvent::kMarkSeen || event == AppointmentEvent::kMarkNoShow;
  const bool allowed = desk_event ? CanRecordAttendance(actor) : CanBookAppointments(actor);
  return db.Write([&](db::Connection& c) -> Result<Appointment> {
    if (!FindStaffAppointment(c, actor, id)) return Refused();
    if (!allowed) return desk_event ? kDeskForbidden : kBookForbidden;
    auto a = ApplyAppointmentEvent(c, actor.organisation_id, id, event, now_ms, actor.user_id, reason);
    if (a.ok()) audit::AppendInTransaction(c, audit::Of(actor, "update", "appointment", id));
    return a;
  });
}

Result<Appointment> ActorReschedulesAppointment(db::Database& db, const auth::Actor& actor, int64_t id, int64_t start_ms,
                                                int64_t staff_user_id, int64_t now_ms) {
  const bool tenant = actor.kind == auth::Kind::kTenant;
  if (tenant ? !CanTenantBook(actor) : !CanBookAppointments(actor)) return Refused();
  return db.Write([&](db::Connection& c) -> Result<Appointment> {
    auto a = tenant ? FindTenantAppointment(c, actor, id) : FindStaffAppointment(c, actor, id);
    if (!a) return Refused();
    if (tenant && now_ms >= a->start_ms) return Conflict("Le rendez-vous a commencé : il ne peut plus être déplacé.", "state");
    return Reschedule(c, actor, *a, start_ms, tenant ? 0 : staff_user_id, now_ms, tenant);
  });
}

Result<std::vector<Appointment>> TenantListsAppointments(db::Database& db, const auth::Actor& actor) {
  if (!CanTenantBook(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<std::vector<Appointment>> {
    return QueryAppointments(c, "WHERE a.organisation_id = ? AND a.household_id = ? ORDER BY a.start_at DESC, a.id DESC LIMIT 100",
                             {db::P(actor.organisation_id), db::P(actor.household_id)});
  });
}

Result<Appointment> TenantCancelsAppointment(db::Database& db, const auth::Actor& actor, int64_t id, int64_t now_ms) {
  if (!CanTenantBook(actor)) return Refused();
  return db.Write([&](db::Connection& c) -> Result<Appointment> {
    if (!FindTenantAppointment(c, actor, id)) return Refused();
    auto a = ApplyAppointmentEvent(c, actor.organisation_id, id, AppointmentEvent::kCancelByTenant, now_ms, actor.user_id,
                                   "Annulé par le ménage en ligne");
    if (a.ok()) audit::AppendInTransaction(c, audit::Of(actor, "update", "appointment", id));
    return a;
  });
}

Result<std::vector<Reason>> TenantListsReasons(db::Database& db, const auth::Actor& actor) {
  if (!CanTenantBook(actor)) return Refused(kReasonNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Reason>> {
    std::vector<Reason> out;
    c.Query(std::string(kReasonSelect) + "WHERE organisation_id = ? AND open_to_tenants = 1 AND active = 1 ORDER BY name, id",
            {db::P(actor.organisation_id)}, [&](const db::Row& r) { out.push_back(ReadReason(r)); });
    return out;
  });
}

Result<std::vector<Site>> TenantListsSites(db::Database& db, const auth::Actor& actor) {
  if (!CanTenantBook(actor)) return Refused(kSiteNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Site>> {
    std::vector<Site> out;
    c.Query(std::string(kSiteSelect) + "WHERE organisation_id = ? AND active = 1 ORDER BY name, id", {db::P(actor.organisation_id)},
            [&](const db::Row& r) { out.push_back(ReadSite(r)); });
    return out;
  });
}

// ---- waiting list ----
namespace {
constexpr const char* kWaitSelect =
    "SELECT id, appointment_id, state, offered_start_at, offered_staff_user_id FROM appointment_waitlist ";
WaitlistEntry ReadWait(const db::Row& r) { return {r.Int(0), r.Int(1), r.Str(2), r.OptInt(3), r.OptInt(4)}; }

// The appointment as its holder sees it: a tenant's own, or any of the organisation for staff bookers.
std::optional<Appointment> FindHeld(db::Connection& c, const auth::Actor& actor, int64_t appointment_id) {
  return actor.kind == auth::Kind::kTenant ? FindTenantAppointment(c, actor, appointment_id)
                                           : FindStaffAppointment(c, actor, appointment_id);
}
bool MayHold(const auth::Actor& actor) {
  return actor.kind == auth::Kind::kTenant ? CanTenantBook(actor) : CanBookAppointments(actor);
}
}  // namespace

Result<WaitlistEntry> ActorJoinsWaitlist(db::Database& db, const auth::Actor& actor, int64_t appointment_id) {
  if (!MayHold(actor)) return Refused();
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<WaitlistEntry> {
    auto a = FindHeld(c, actor, appointment_id);
    if (!a) return Refused();
    if (!IsActive(a->state) || a->start_ms <= NowMillis())
      return Conflict("Seul un rendez-vous à venir peut attendre un créneau plus tôt.", "appointment_id");
    if (c.QueryInt("SELECT id FROM appointment_waitlist WHERE organisation_id = ? AND appointment_id = ? AND state IN ('waiting', 'offered')",
                   {db::P(org), db::P(appointment_id)}))
      return Conflict("Ce rendez-vous est déjà sur la liste d'attente.", "appointment_id");
    const int64_t now = NowMillis();
    const int64_t id = *c.QueryInt(
        "INSERT INTO appointment_waitlist (organisation_id, appointment_id, site_id, reason_id, state, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'waiting', ?, ?) RETURNING id",
        {db::P(org), db::P(appointment_id), db::P(a->site_id), db::P(a->reason_id), db::P(now), db::P(now)});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "appointment_waitlist", id));
    return WaitlistEntry{id, appointment_id, "waiting", std::nullopt, std::nullopt};
  });
}

Result<std::optional<WaitlistEntry>> ActorReadsWaitlistOf(db::Database& db, const auth::Actor& actor, int64_t appointment_id) {
  if (!MayHold(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<std::optional<WaitlistEntry>> {
    if (!FindHeld(c, actor, appointment_id)) return Refused();
    std::optional<WaitlistEntry> out;
    c.Query(std::string(kWaitSelect) + "WHERE organisation_id = ? AND appointment_id = ? ORDER BY id DESC LIMIT 1",
            {db::P(actor.organisation_id), db::P(appointment_id)}, [&](const db::Row& r) { out = ReadWait(r); });
    return out;
  });
}

Result<Appointment> ActorAcceptsWaitlistOffer(db::Database& db, const auth::Actor& actor, int64_t entry_id, int64_t now_ms) {
  if (!MayHold(actor)) return Refused();
  const int64_t org = actor.organisation_id;
  auto moved = db.Write([&](db::Connection& c) -> Result<Appointment> {
    std::optional<WaitlistEntry> w;
    c.Query(std::string(kWaitSelect) + "WHERE id = ? AND organisation_id = ?", {db::P(entry_id), db::P(org)},
            [&](const db::Row& r) { w = ReadWait(r); });
    if (!w) return NotFound("Proposition introuvable.");
    auto a = FindHeld(c, actor, w->appointment_id);
    if (!a) return NotFound("Proposition introuvable.");
    if (w->state != "offered" || !w->offered_start_ms)
      return Conflict("Aucun créneau n'est proposé pour ce rendez-vous en ce moment.", "state");
    auto r = Reschedule(c, actor, *a, *w->offered_start_ms, w->offered_staff_user_id.value_or(0), now_ms, false);
    if (!r.ok()) return r;
    c.Exec("UPDATE appointment_waitlist SET state = 'accepted', updated_at = ? WHERE id = ? AND organisation_id = ?",
           {db::P(NowMillis()), db::P(entry_id), db::P(org)});
    return r;
  });
  if (!moved.ok() && moved.error().code == ErrorCode::kConflict && moved.error().field == "start_at") {
    // Taken meanwhile: the person waits again for the next freed slot.
    (void)db.Write([&](db::Connection& c) -> Result<Unit> {
      c.Exec("UPDATE appointment_waitlist SET state = 'waiting', offered_start_at = NULL, offered_staff_user_id = NULL, "
             "updated_at = ? WHERE id = ? AND organisation_id = ? AND state = 'offered'",
             {db::P(NowMillis()), db::P(entry_id), db::P(org)});
      return Unit{};
    });
  }
  return moved;
}

std::optional<WaitlistOffer> OfferFreedSlot(db::Connection& c, int64_t org, int64_t site_id, int64_t reason_id,
                                            int64_t staff_user_id, int64_t start_ms, int64_t now_ms) {
  if (start_ms <= now_ms) return std::nullopt;
  auto reason = FindReason(c, org, reason_id);
  if (!reason) return std::nullopt;
  struct Candidate {
    int64_t entry, appointment, start;
    Mode mode;
    int people;
  };
  std::vector<Candidate> line;
  c.Query("SELECT w.id, w.appointment_id, a.start_at, a.mode, a.people FROM appointment_waitlist w "
          "JOIN appointments a ON a.id = w.appointment_id WHERE w.organisation_id = ? AND w.site_id = ? "
          "AND w.reason_id = ? AND w.state = 'waiting' AND a.state IN ('booked', 'confirmed') AND a.start_at > ? "
          "ORDER BY w.id LIMIT 20",
          {db::P(org), db::P(site_id), db::P(reason_id), db::P(start_ms)}, [&](const db::Row& r) {
            line.push_back({r.Int(0), r.Int(1), r.Int(2), ModeFromCode(r.Str(3)).value_or(Mode::kInPerson),
                            static_cast<int>(r.Int(4))});
          });
  for (const auto& cand : line) {
    auto slot = FindFreeSlot(c, org, *reason, site_id, cand.mode, start_ms, staff_user_id, cand.people, now_ms, false);
    if (!slot) continue;
    c.Exec("UPDATE appointment_waitlist SET state = 'offered', offered_start_at = ?, offered_staff_user_id = ?, "
           "offered_at = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
           {db::P(slot->start_ms), db::P(slot->staff_user_id), db::P(now_ms), db::P(NowMillis()), db::P(cand.entry), db::P(org)});
    WaitlistOffer offer{cand.entry,         org,           cand.appointment, site_id,    reason_id,
                        slot->staff_user_id, slot->start_ms, slot->end_ms,    slot->mode};
    if (g_hooks.on_waitlist_offer) g_hooks.on_waitlist_offer(c, offer);
    return offer;
  }
  return std::nullopt;
}

// ---- day view ----
Result<DayView> StaffReadsDayView(db::Database& db, const auth::Actor& actor, CivilDate day, int64_t site_id) {
  if (!CanBookAppointments(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<DayView> {
    DayView v;
    v.date = FormatIso(day);
    const int64_t org = actor.organisation_id;
    c.Query(std::string(kSiteSelect) + "WHERE organisation_id = ? ORDER BY name, id", {db::P(org)}, [&](const db::Row& r) {
      auto s = ReadSite(r);
      if ((site_id == 0 || s.id == site_id) && UsesSite(actor, s)) v.sites.push_back(std::move(s));
    });
    if (site_id > 0 && v.sites.empty()) return Refused(kSiteNotFound);
    v.appointments = AppointmentsBetween(c, org, site_id, ParisMidnightUtcMillis(day),
                                         ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(day) + 1)));
    std::erase_if(v.appointments, [&](const Appointment& a) {
      return std::none_of(v.sites.begin(), v.sites.end(), [&](const Site& s) { return s.id == a.site_id; });
    });
    std::stable_sort(v.appointments.begin(), v.appointments.end(),
                     [](const Appointment& a, const Appointment& b) { return a.site_name < b.site_name; });
    return v;
  });
}

}  // namespace relais::reception
