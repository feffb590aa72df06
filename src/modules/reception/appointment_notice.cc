#include "modules/reception/appointment_notice.h"

#include "modules/housing/housing_contact.h"
#include "modules/reception/appointment_calendar.h"
#include "modules/reception/appointment_store.h"
#include "modules/reception/reception_policy.h"
#include "platform/core/paris_time.h"
#include "platform/ical/ical.h"
#include "platform/core/text.h"
#include "platform/notify/notify.h"

namespace relais::reception {
namespace {

using db::P;

std::string ModeLine(Mode m) {
  switch (m) {
    case Mode::kPhone: return "par téléphone : nous vous appellerons à l'heure du rendez-vous";
    case Mode::kVideo: return "en vidéo : le lien vous sera envoyé avant le rendez-vous";
    case Mode::kInPerson: break;
  }
  return "sur place";
}

// What a notice announces: a change of none of it (a confirmation) is not worth a message.
std::string Fingerprint(const Appointment& a) {
  return std::to_string(a.start_ms) + "/" + std::to_string(a.end_ms) + "/" + std::string(ModeCode(a.mode)) + "/" +
         std::to_string(a.site_id) + "/" + std::to_string(a.staff_user_id) + "/" + std::string(StateCode(a.state));
}

constexpr const char* kSignature = "\n\n-- \nMessage automatique de votre bailleur, envoyé par Relais. Ne répondez pas à "
                                   "ce message.\n";

}  // namespace

std::string_view NoticeKindCode(NoticeKind k) {
  switch (k) {
    case NoticeKind::kBooked: return "booked";
    case NoticeKind::kChanged: return "changed";
    case NoticeKind::kCancelled: return "cancelled";
    case NoticeKind::kReminder: return "reminder";
    case NoticeKind::kWaitlistOffer: return "waitlist_offer";
    case NoticeKind::kCrisis: break;
  }
  return "crisis";
}

namespace {
// The waiting list's offer: the earlier slot, the appointment it would replace, how to take it.
NoticeText ComposeWaitlistOffer(const NoticeFacts& f) {
  NoticeText t;
  const std::string offered = f.offered_date + " à " + f.offered_time;
  const std::string held = f.date + " à " + f.time;
  const bool in_person = f.offered_mode == Mode::kInPerson;
  const std::string how = f.tenant_account
                              ? "Pour le prendre, connectez-vous à votre espace locataire, rubrique « Mes rendez-vous », "
                                "et choisissez « Prendre ce créneau plus tôt » ; ou appelez votre agence."
                              : "Pour le prendre, appelez votre agence.";
  t.subject = "Un créneau plus tôt est libre : " + offered;
  std::string e = (f.person.empty() ? "Bonjour,\n\n" : "Bonjour " + f.person + ",\n\n");
  e += "Vous avez demandé un rendez-vous plus tôt : un créneau s'est libéré et il vous est proposé en premier.\n\n";
  e += "Motif : " + f.reason + "\n";
  e += "Créneau proposé : " + offered + "\n";
  e += in_person ? "Lieu : " + f.offered_place + "\n" : "Mode : " + ModeLine(f.offered_mode) + "\n";
  e += "Votre rendez-vous actuel : " + held + "\n\n";
  e += how + "\n\n";
  e += "Tant que vous ne l'avez pas pris, votre rendez-vous actuel reste prévu, et le créneau proposé peut être "
       "réservé par quelqu'un d'autre.";
  t.email = e + kSignature;
  std::string sms = f.landlord.empty() ? "" : f.landlord + " : ";
  sms += "un créneau plus tôt est libre pour " + f.reason + " : " + offered +
         (in_person ? "" : " (" + std::string(f.offered_mode == Mode::kPhone ? "par téléphone" : "en vidéo") + ")") +
         ", au lieu du " + held + ". " +
         (f.tenant_account ? "Pour le prendre : espace locataire, Mes rendez-vous, ou appelez votre agence."
                           : "Pour le prendre, appelez votre agence.");
  if (sms.size() > 300) sms = sms.substr(0, 297) + "...";
  t.sms = sms;
  return t;
}
}  // namespace

NoticeText ComposeNotice(const NoticeFacts& f) {
  if (f.kind == NoticeKind::kWaitlistOffer) return ComposeWaitlistOffer(f);
  NoticeText t;
  const std::string when = f.date + " à " + f.time;
  const bool in_person = f.mode == Mode::kInPerson;
  const bool cancelled = f.kind == NoticeKind::kCancelled || (f.kind == NoticeKind::kCrisis && f.cancelled);
  std::string intro;
  switch (f.kind) {
    case NoticeKind::kBooked:
      t.subject = "Votre rendez-vous du " + when;
      intro = "Votre rendez-vous est enregistré.";
      break;
    case NoticeKind::kChanged:
      t.subject = "Votre rendez-vous a changé : " + when;
      intro = "Votre rendez-vous a changé. Voici ce qui est désormais prévu.";
      break;
    case NoticeKind::kCancelled:
      t.subject = "Votre rendez-vous du " + when + " est annulé";
      intro = "Votre rendez-vous est annulé.";
      break;
    case NoticeKind::kReminder:
      t.subject = "Rappel : votre rendez-vous du " + when;
      intro = "Nous vous rappelons votre rendez-vous.";
      break;
    case NoticeKind::kCrisis:
      t.subject = cancelled ? "Votre rendez-vous du " + when + " est annulé"
                            : "Votre rendez-vous du " + when + " aura lieu à distance";
      intro = f.crisis_message.empty() ? "En raison de circonstances exceptionnelles, votre rendez-vous change."
                                       : f.crisis_message;
      intro += cancelled ? "\nVotre rendez-vous est annulé. Nous vous recontacterons pour en fixer un autre."
                         : "\nVotre rendez-vous est maintenu, " + ModeLine(f.mode) + ".";
      break;
    case NoticeKind::kWaitlistOffer:
      break;  // ComposeWaitlistOffer
  }
  std::string e = (f.person.empty() ? "Bonjour,\n\n" : "Bonjour " + f.person + ",\n\n") + intro + "\n\n";
  e += "Motif : " + f.reason + "\n";
  e += "Date : " + when + "\n";
  e += in_person ? "Lieu : " + f.place + "\n" : "Mode : " + ModeLine(f.mode) + "\n";
  if (!cancelled) {
    if (in_person && !f.documents.empty()) {
      e += "\nDocuments à apporter :\n";
      for (const auto& d : f.documents) e += "- " + d + "\n";
    }
    if (!f.instructions.empty()) e += "\n" + f.instructions + "\n";
    if (in_person) {
      e += "\nLa convocation jointe (PDF) justifie votre déplacement : vous vous rendez auprès d'un service public. "
           "Gardez-la sur vous ; son code QR permet de vérifier qu'elle est authentique";
      e += f.verify_url.empty() ? ".\n" : " (" + f.verify_url + ").\n";
    }
    e += "\nLe fichier joint rendez-vous.ics ajoute ce rendez-vous à votre agenda.\n";
  } else {
    e += "\nLe fichier joint rendez-vous.ics retire ce rendez-vous de votre agenda.\n";
  }
  e += "\nPour annuler ou déplacer votre rendez-vous, connectez-vous à votre espace locataire ou appelez votre "
       "agence.";
  t.email = e + kSignature;

  // The SMS: short, no link to click from an unknown sender, everything needed to come.
  std::string sms = f.landlord.empty() ? "" : f.landlord + " : ";
  switch (f.kind) {
    case NoticeKind::kBooked: sms += "rendez-vous enregistré"; break;
    case NoticeKind::kChanged: sms += "rendez-vous modifié"; break;
    case NoticeKind::kCancelled: sms += "rendez-vous annulé"; break;
    case NoticeKind::kReminder: sms += "rappel de votre rendez-vous"; break;
    case NoticeKind::kCrisis: sms += cancelled ? "rendez-vous annulé (circonstances exceptionnelles)"
                                                : "rendez-vous maintenu à distance (circonstances exceptionnelles)";
      break;
    case NoticeKind::kWaitlistOffer:
      break;  // ComposeWaitlistOffer
  }
  sms += ", " + f.reason + ", " + when;
  if (!cancelled) sms += in_person ? ", " + f.place + "." : ", " + ModeLine(f.mode) + ".";
  else sms += ".";
  if (!cancelled && in_person) sms += " Convocation envoyée par e-mail.";
  if (sms.size() > 300) sms = sms.substr(0, 297) + "...";  // never inside a word that matters: the date comes first
  t.sms = sms;
  return t;
}

namespace {
// Queues `kind` about `a` (the offer's slot with kWaitlistOffer): resolves the person's e-mail and
// mobile, composes, attaches the .ics and the convocation where they belong, and logs each message.
int QueueNotice(db::Connection& c, const NoticeSettings& s, const Appointment& a, NoticeKind kind, int64_t now_ms,
                const std::string& crisis_message, const WaitlistOffer* offer) {
  const int64_t org = a.organisation_id;
  auto site = FindSite(c, org, a.site_id);
  auto reason = FindReason(c, org, a.reason_id);
  if (!site || !reason) return 0;
  std::string email = a.applicant_email, mobile = text::NormalizePhoneFr(a.applicant_phone), name = a.applicant_name;
  bool sms_ok = true;
  if (a.household_id) {
    auto contact = housing::FindHouseholdContact(c, org, *a.household_id);
    if (!contact) return 0;
    email = contact->email;
    mobile = contact->mobile;
    if (name.empty()) name = !a.person_name.empty() ? a.person_name : contact->name;
    c.Query("SELECT 1 FROM reception_sms_opt_outs WHERE organisation_id = ? AND household_id = ?",
            {P(org), P(*a.household_id)}, [&](const db::Row&) { sms_ok = false; });
  }
  if (!mobile.starts_with("06") && !mobile.starts_with("07")) mobile.clear();
  if (email.find_first_of("\r\n") != std::string::npos || email.find('@') == std::string::npos) email.clear();
  if (email.empty() && (mobile.empty() || !sms_ok)) return 0;

  const auto organisation = housing::FindOrganisation(c, org);
  const bool active = IsActive(a.state);
  const bool in_person = a.mode == Mode::kInPerson;
  NoticeFacts f;
  f.kind = kind;
  f.landlord = organisation ? organisation->name : "";
  f.person = name;
  f.reason = reason->name;
  f.mode = a.mode;
  const ParisTime start = ParisTimeOf(a.start_ms);
  f.date = FormatFrenchDate(start.date);
  f.time = FormatFrenchTime(start.hour, start.minute);
  f.place = site->name + ", " + site->address + (site->city.empty() ? "" : ", " + site->postal_code + " " + site->city);
  f.documents = reason->documents;
  f.instructions = reason->instructions;
  f.crisis_message = crisis_message;
  f.cancelled = !active;
  f.tenant_account = a.household_id.has_value();
  if (offer) {
    const ParisTime at = ParisTimeOf(offer->start_ms);
    f.offered_date = FormatFrenchDate(at.date);
    f.offered_time = FormatFrenchTime(at.hour, at.minute);
    f.offered_mode = offer->mode;
    f.offered_place = f.place;  // the same site: the waiting list is per site and reason
  }
  std::string verify_url;
  if (in_person && active && !offer) verify_url = VerifyUrl(s.convocation, ConvocationToken(s.convocation.key, org, a.id));
  f.verify_url = verify_url;
  const NoticeText text = ComposeNotice(f);

  const std::string fingerprint = Fingerprint(a);
  auto log = [&](std::string_view channel, int64_t outbox_id) {
    c.Exec("INSERT INTO appointment_notices (organisation_id, appointment_id, kind, channel, outbox_id, fingerprint, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
           {P(org), P(a.id), P(NoticeKindCode(kind)), P(channel), P(outbox_id), P(fingerprint), P(now_ms)});
  };
  int queued = 0;
  if (!email.empty()) {
    notify::Message m;
    m.channel = notify::Channel::kEmail;
    m.recipient = email;
    m.subject = text.subject;
    m.body = text.email;
    // An offer is not an appointment yet: no calendar file, no convocation.
    if (!offer) m.attachments.push_back({"rendez-vous.ics", ical::ContentType(ical::Method::kPublish),
                             CalendarFileOf(c, a, s.convocation.public_url, verify_url, now_ms)});
    if (in_person && active && !offer) {
      if (auto conv = ConvocationOf(c, s.convocation, a, now_ms); conv.ok()) {
        m.attachments.push_back({conv->filename, "application/pdf", std::move(conv->pdf)});
      }
    }
    log("email", notify::Queue(c, m, now_ms));
    ++queued;
  }
  if (!mobile.empty() && sms_ok) {
    notify::Message m;
    m.channel = notify::Channel::kSms;
    m.recipient = mobile;
    m.body = text.sms;
    log("sms", notify::Queue(c, m, now_ms));
    ++queued;
  }
  return queued;
}
}  // namespace

int QueueAppointmentNotice(db::Connection& c, const NoticeSettings& s, const Appointment& a, NoticeKind kind,
                           int64_t now_ms, const std::string& crisis_message) {
  return QueueNotice(c, s, a, kind, now_ms, crisis_message, nullptr);
}

int QueueWaitlistOfferNotice(db::Connection& c, const NoticeSettings& s, const WaitlistOffer& offer, int64_t now_ms) {
  auto a = FindAppointment(c, offer.organisation_id, offer.appointment_id);
  if (!a) return 0;
  return QueueNotice(c, s, *a, NoticeKind::kWaitlistOffer, now_ms, {}, &offer);
}

int SendDueReminders(db::Database& db, const NoticeSettings& s, int64_t now_ms) {
  const int64_t window = int64_t{s.reminder_hours} * 3600'000;
  // The appointments entering their reminder window, booked before it opened, not reminded yet.
  struct Due { int64_t org, id; };
  std::vector<Due> due;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT a.organisation_id, a.id FROM appointments a WHERE a.state IN ('booked', 'confirmed') "
            "AND a.start_at > ? AND a.start_at <= ? AND a.created_at < a.start_at - ? "
            "AND NOT EXISTS (SELECT 1 FROM appointment_notices n WHERE n.appointment_id = a.id AND n.kind = 'reminder') "
            "ORDER BY a.start_at LIMIT 500",
            {P(now_ms), P(now_ms + window), P(window)},
            [&](const db::Row& r) { due.push_back({r.Int(0), r.Int(1)}); });
    return 0;
  });
  int sent = 0;
  for (const auto& d : due) {
    sent += db.Write([&](db::Connection& c) {
      // Looked at again inside the write: cancelled or reminded meanwhile (another server) is skipped.
      auto a = FindAppointment(c, d.org, d.id);
      if (!a || !IsActive(a->state)) return 0;
      if (c.QueryInt("SELECT COUNT(*) FROM appointment_notices WHERE appointment_id = ? AND kind = 'reminder'",
                     {P(d.id)}).value_or(0) > 0) {
        return 0;
      }
      if (QueueAppointmentNotice(c, s, *a, NoticeKind::kReminder, now_ms) == 0) {
        // Nobody to reach: still marked, so the job does not look at it again every 10 minutes.
        c.Exec("INSERT INTO appointment_notices (organisation_id, appointment_id, kind, channel, outbox_id, "
               "created_at) VALUES (?, ?, 'reminder', 'none', NULL, ?)",
               {P(d.org), P(d.id), P(now_ms)});
        return 0;
      }
      return 1;
    });
  }
  return sent;
}

Result<std::vector<NoticeLogEntry>> StaffReadsNoticeLog(db::Database& db, const auth::Actor& actor,
                                                        int64_t appointment_id) {
  if (actor.kind == auth::Kind::kTenant || !CanBookAppointments(actor)) return NotFound();
  return db.Read([&](db::Connection& c) -> Result<std::vector<NoticeLogEntry>> {
    if (!FindVisibleAppointment(c, actor, appointment_id)) return NotFound();
    std::vector<NoticeLogEntry> out;
    std::vector<int64_t> outbox;
    c.Query("SELECT id, kind, channel, outbox_id, created_at FROM appointment_notices WHERE organisation_id = ? AND "
            "appointment_id = ? AND channel <> 'none' ORDER BY id",
            {P(actor.organisation_id), P(appointment_id)}, [&](const db::Row& r) {
              NoticeLogEntry e;
              e.id = r.Int(0);
              e.kind = r.Str(1);
              e.channel = r.Str(2);
              e.status = "purged";
              e.created_ms = r.Int(4);
              outbox.push_back(r.IsNull(3) ? 0 : r.Int(3));
              out.push_back(std::move(e));
            });
    const auto status = notify::StatusOf(c, outbox);
    for (size_t i = 0; i < out.size(); ++i) {
      for (const auto& [id, st] : status) {
        if (id != outbox[i]) continue;
        out[i].status = st.status;
        out[i].attempts = st.attempts;
        out[i].last_error = st.last_error;
        out[i].done_ms = st.done_ms;
      }
    }
    return out;
  });
}

Result<bool> TenantReadsSmsOptOut(db::Database& db, const auth::Actor& actor) {
  if (!CanTenantBook(actor)) return NotFound();
  return db.Read([&](db::Connection& c) -> Result<bool> {
    return c.QueryInt("SELECT COUNT(*) FROM reception_sms_opt_outs WHERE organisation_id = ? AND household_id = ?",
                      {P(actor.organisation_id), P(actor.household_id)}).value_or(0) > 0;
  });
}

Result<bool> TenantSetsSmsOptOut(db::Database& db, const auth::Actor& actor, bool opt_out) {
  if (!CanTenantBook(actor)) return NotFound();
  return db.Write([&](db::Connection& c) -> Result<bool> {
    c.Exec("DELETE FROM reception_sms_opt_outs WHERE organisation_id = ? AND household_id = ?",
           {P(actor.organisation_id), P(actor.household_id)});
    if (opt_out) {
      c.Exec("INSERT INTO reception_sms_opt_outs (organisation_id, household_id, created_at) VALUES (?, ?, ?)",
             {P(actor.organisation_id), P(actor.household_id), P(NowMillis())});
    }
    return opt_out;
  });
}

namespace {
thread_local const std::string* crisis_message = nullptr;
}  // namespace

CrisisNotices::CrisisNotices(std::string message) : message_(std::move(message)), previous_(crisis_message) {
  crisis_message = &message_;
}
CrisisNotices::~CrisisNotices() { crisis_message = previous_; }
const std::string* CrisisNotices::Current() { return crisis_message; }

AppointmentHooks NoticeHooks(NoticeSettings s) {
  AppointmentHooks hooks;
  hooks.on_change = [s](db::Connection& c, const Appointment& a, AppointmentChange change) {
    const int64_t now = NowMillis();
    const std::string* crisis = CrisisNotices::Current();
    switch (change) {
      case AppointmentChange::kBooked:
        QueueAppointmentNotice(c, s, a, NoticeKind::kBooked, now);
        break;
      case AppointmentChange::kChanged: {
        // A move makes a new appointment (booked, with its own notice): the old one says nothing more.
        if (a.state == AppointmentState::kRescheduled) break;
        // A confirmation changes nothing the person was told. Compared without the state.
        std::string last;
        c.Query("SELECT fingerprint FROM appointment_notices WHERE appointment_id = ? ORDER BY id DESC LIMIT 1",
                {P(a.id)}, [&](const db::Row& r) { last = r.Str(0); });
        const std::string now_fp = Fingerprint(a);
        if (!last.empty() && last.substr(0, last.rfind('/')) == now_fp.substr(0, now_fp.rfind('/'))) break;
        if (crisis) QueueAppointmentNotice(c, s, a, NoticeKind::kCrisis, now, *crisis);
        else QueueAppointmentNotice(c, s, a, NoticeKind::kChanged, now);
        break;
      }
      case AppointmentChange::kCancelled:
        if (crisis) QueueAppointmentNotice(c, s, a, NoticeKind::kCrisis, now, *crisis);
        else QueueAppointmentNotice(c, s, a, NoticeKind::kCancelled, now);
        break;
      case AppointmentChange::kAttendance:
        break;
    }
  };
  hooks.on_waitlist_offer = [s](db::Connection& c, const WaitlistOffer& offer) {
    QueueWaitlistOfferNotice(c, s, offer, NowMillis());
  };
  return hooks;
}

}  // namespace relais::reception
