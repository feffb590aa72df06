// The reception module (issue 7, DOMAIN.md §4): a landlord receives people by appointment at its
// reception sites (accueils d'agence). This header holds the module's records and their own
// rules without storage: sites with their capacity, appointment reasons (motifs de rendez-vous),
// weekly opening hours (plages d'ouverture), absences and closures, and appointments.
// Storage and use cases: appointment_store.h; free slots: free_slots.h; lifecycle: appointment_state.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/reception/appointment_state.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/db/export_section.h"

namespace relais::reception {

// An agency reception desk. capacity: visitors received at once; sanitary_capacity: the lower
// number K in force from sanitary_start to sanitary_end (inclusive) during a crisis.
struct Site {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::optional<int64_t> agency_id;
  std::string name;
  std::string address;
  std::string postal_code;
  std::string city;
  std::string access_notes;
  int capacity = 1;
  std::optional<int> sanitary_capacity;
  std::string sanitary_start_date;  // YYYY-MM-DD or ""
  std::string sanitary_end_date;    // YYYY-MM-DD or ""
  bool active = true;
};
// The capacity in force on a day: the sanitary one inside its dates, else the normal one.
int CapacityOn(const Site& s, CivilDate day);

enum class ReasonKind { kLeaseSigning, kKeyHandover, kInspection, kRentalManagement, kSocialSupport, kCustom };
std::string_view ReasonKindCode(ReasonKind k);  // "lease_signing", "key_handover", "inspection", ...
std::optional<ReasonKind> ReasonKindFromCode(std::string_view code);
std::string_view ReasonKindLabel(ReasonKind k);  // "Remise des clés"

enum class Mode { kInPerson, kPhone, kVideo };
std::string_view ModeCode(Mode m);  // "in_person", "phone", "video"
std::optional<Mode> ModeFromCode(std::string_view code);

// A reason for an appointment (motif). Staff always may book it; tenants and applicants only
// when open to them, between min_delay_minutes and max_delay_days ahead.
struct Reason {
  int64_t id = 0;
  int64_t organisation_id = 0;
  ReasonKind kind = ReasonKind::kCustom;
  std::string name;
  int duration_minutes = 30;
  bool in_person = true;
  bool by_phone = false;
  bool by_video = false;
  bool open_to_tenants = false;
  bool open_to_applicants = false;
  int min_delay_minutes = 0;
  int max_delay_days = 60;
  std::string instructions;
  std::vector<std::string> documents;  // documents to bring
  bool active = true;
  bool Allows(Mode m) const;
};

// A weekly range during which a staff member receives at a site: weekday 1 = Monday .. 7 = Sunday,
// [start_minute, end_minute) local time in Europe/Paris, valid between two dates (inclusive, ""
// = open), for every reason (reason_ids empty) or those listed.
struct OpeningRange {
  int64_t id = 0;
  int64_t site_id = 0;
  int64_t staff_user_id = 0;
  int weekday = 1;
  int start_minute = 0;
  int end_minute = 0;
  std::string valid_from;
  std::string valid_to;
  std::vector<int64_t> reason_ids;
  bool Covers(int64_t reason_id) const;
};

struct Absence {
  int64_t id = 0;
  int64_t staff_user_id = 0;
  int64_t start_ms = 0;  // UTC
  int64_t end_ms = 0;
  std::string label;
};

// A closure of one site, or of every site when site_id is 0; dates inclusive.
struct Closure {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string start_date;
  std::string end_date;
  std::string label;
};

struct Appointment {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t site_id = 0;
  int64_t reason_id = 0;
  int64_t staff_user_id = 0;
  Mode mode = Mode::kInPerson;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  int people = 1;
  std::optional<int64_t> household_id;
  std::string applicant_name;
  std::string applicant_phone;
  std::string applicant_email;
  std::string person_key;
  AppointmentState state = AppointmentState::kBooked;
  std::string booked_by = "staff";  // "staff" or "tenant"
  int64_t booked_by_id = 0;
  std::string notes;
  std::optional<int64_t> arrived_ms;
  std::optional<int64_t> rescheduled_to;
  std::string cancel_reason;
  // Filled by the queries that join them (lists, day view), for display.
  std::string site_name;
  std::string reason_name;
  std::string staff_name;
  std::string person_name;
  std::string household_reference;
};

// "h:<id>" for a household; "a:<e-mail, lower case>" or "a:<phone digits>" for an applicant; ""
// when neither is given.
std::string PersonKey(std::optional<int64_t> household_id, std::string_view email, std::string_view phone);

// A field error with a French message; ValidateX returns the first one, or nullopt.
struct FieldError {
  std::string field;
  std::string message;
};
std::optional<FieldError> ValidateSite(const Site& s);
std::optional<FieldError> ValidateReason(const Reason& r);
std::optional<FieldError> ValidateOpeningRange(const OpeningRange& o);

// "09:00" -> 540; nullopt when malformed. 1440 is written "24:00".
std::optional<int> ParseMinute(std::string_view hhmm);
std::string FormatMinute(int minute);

// ---- Personal data (privacy module, ADR 0010), in the caller's transaction; the caller authorises.
// What reception holds about household `household_id` of `org`: appointments, waiting list,
// notices sent, refusal of SMS (reception_privacy.cc).
std::vector<db::ExportSection> HouseholdReceptionRecords(db::Connection& c, int64_t org, int64_t household_id);
// An anonymised household: its pending notices are abandoned and wiped, its future appointments
// cancelled (by the landlord) and its waiting-list requests withdrawn, the free texts and the
// name, phone and e-mail given at booking cleared, its refusal of SMS deleted. Dates, reasons,
// sites and states stay (statistics of the reception).
void AnonymiseHouseholdReceptionIn(db::Connection& c, int64_t org, int64_t household_id, int64_t now_ms);
// The records of household `household_id` of `org` that reception holds: its appointments and
// their waiting-list requests whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id);

// Retention of appointments (retention.appointment_months, docs/adr/0023-retention-per-category.md):
// an appointment of any organisation (the daily job) that ended before `ended_before_ms` and still
// holds a free text or what an applicant gave (name, phone, e-mail, the key made of them).
struct AppointmentRef {
  int64_t organisation_id = 0;
  int64_t appointment_id = 0;
};
std::vector<AppointmentRef> AppointmentsPastRetention(db::Connection& c, int64_t ended_before_ms);
// Clears them in the caller's transaction: notes, cancellation reason, the applicant's name, phone
// and e-mail and the key made of them. Date, site, reason, mode, state and the household stay.
// False when there was nothing left to clear.
bool AnonymiseAppointmentIn(db::Connection& c, int64_t org, int64_t appointment_id);

}  // namespace relais::reception
