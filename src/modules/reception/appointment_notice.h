// Notices of appointments (issue 7): on booking, change, cancellation and 48 h before, the person
// gets an e-mail (through the outbox of platform/notify) with the appointment's calendar file and,
// in person, its convocation attached, and an SMS through the landlord's gateway unless their
// household opted out of SMS. Every message is logged per appointment with its outbox id, so its
// delivery status can be shown (pending, sent, abandoned). When the waiting list offers a freed
// slot to the first in line, that person gets an offer saying which slot and how to take it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/reception/appointment_store.h"
#include "modules/reception/convocation.h"
#include "modules/reception/reception.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::reception {

enum class NoticeKind { kBooked, kChanged, kCancelled, kReminder, kCrisis, kWaitlistOffer };
// "booked", "changed", "cancelled", "reminder", "crisis", "waitlist_offer"
std::string_view NoticeKindCode(NoticeKind k);

// What a notice says, in French: the e-mail's subject and body and the SMS text (at most 300
// characters). Pure.
struct NoticeFacts {
  NoticeKind kind = NoticeKind::kBooked;
  std::string landlord;    // "Habitat Rhône Métropole"
  std::string person;      // "Camille Martin" ("" : "Bonjour,")
  std::string reason;      // "Remise des clés"
  Mode mode = Mode::kInPerson;
  std::string date;        // "jeudi 3 décembre 2026"
  std::string time;        // "14 h 30"
  std::string place;       // site and address (in person)
  std::vector<std::string> documents;
  std::string instructions;
  std::string verify_url;  // in person and active
  std::string crisis_message;  // kCrisis: why the appointment changed
  bool cancelled = false;  // kCrisis: cancelled rather than converted
  // kWaitlistOffer: the earlier slot offered (date and time as above), in `offered_mode` at
  // `offered_place`; the fields above describe the appointment held now.
  std::string offered_date;
  std::string offered_time;
  Mode offered_mode = Mode::kInPerson;
  std::string offered_place;
  bool tenant_account = false;  // a household (may take it in the tenant app), not an applicant
};
struct NoticeText {
  std::string subject;
  std::string email;
  std::string sms;
};
NoticeText ComposeNotice(const NoticeFacts& f);

struct NoticeSettings {
  ConvocationSettings convocation;
  int reminder_hours = 48;  // reception.reminder_hours
};

// Queues the notice of `kind` for appointment `a` in the caller's transaction (the one that made
// the change): e-mail when the person has an address, SMS when they have a mobile number and did not
// opt out. Logs each message. Returns how many were queued (0 when the person cannot be reached).
int QueueAppointmentNotice(db::Connection& c, const NoticeSettings& s, const Appointment& a, NoticeKind kind,
                           int64_t now_ms, const std::string& crisis_message = {});

// Queues the waiting list's offer to the holder of offer.appointment_id (e-mail, and SMS unless
// opted out), logged with kind waitlist_offer. Returns how many messages were queued.
int QueueWaitlistOfferNotice(db::Connection& c, const NoticeSettings& s, const WaitlistOffer& offer, int64_t now_ms);

// Sends the reminders due at now_ms: active appointments starting within reminder_hours that have
// none yet and were booked before the reminder window opened (a later booking's own notice is its
// reminder). Returns how many appointments were reminded. The server runs it every 10 minutes.
int SendDueReminders(db::Database& db, const NoticeSettings& s, int64_t now_ms);

// The messages sent about an appointment, with their delivery status (staff who read appointments).
struct NoticeLogEntry {
  int64_t id = 0;
  std::string kind;     // NoticeKindCode
  std::string channel;  // "email" or "sms"
  std::string status;   // "pending", "sent", "abandoned" ("purged" once the outbox row is gone)
  int attempts = 0;
  std::string last_error;
  int64_t created_ms = 0;
  int64_t done_ms = 0;
};
Result<std::vector<NoticeLogEntry>> StaffReadsNoticeLog(db::Database& db, const auth::Actor& actor,
                                                        int64_t appointment_id);

// The hooks the composition root gives SetAppointmentHooks (appointment_store.h): a notice for
// each booking, change and cancellation, and each waiting-list offer, queued in the transaction
// that makes it. Inside a CrisisNotices scope the change and cancellation notices are crisis
// notices with its message.
AppointmentHooks NoticeHooks(NoticeSettings s);
class CrisisNotices {
 public:
  explicit CrisisNotices(std::string message);
  ~CrisisNotices();
  CrisisNotices(const CrisisNotices&) = delete;
  CrisisNotices& operator=(const CrisisNotices&) = delete;
  // The message of the innermost scope on this thread; nullptr outside any.
  static const std::string* Current();

 private:
  std::string message_;
  const std::string* previous_;
};

// A tenant's choice: SMS about appointments or not (e-mails always go).
Result<bool> TenantReadsSmsOptOut(db::Database& db, const auth::Actor& actor);
Result<bool> TenantSetsSmsOptOut(db::Database& db, const auth::Actor& actor, bool opt_out);

}  // namespace relais::reception
