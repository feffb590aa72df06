#include "modules/reception/appointment_calendar.h"

#include "modules/reception/appointment_store.h"
#include "modules/reception/convocation.h"
#include "modules/reception/reception_policy.h"
#include "platform/auth/token.h"
#include "platform/core/paris_time.h"

namespace relais::reception {
namespace {

using db::P;

std::string ModeWords(Mode m) {
  switch (m) {
    case Mode::kPhone: return "Par téléphone : nous vous appelons à l'heure du rendez-vous.";
    case Mode::kVideo: return "En vidéo : le lien vous est envoyé avant le rendez-vous.";
    case Mode::kInPerson: break;
  }
  return "Sur place.";
}

}  // namespace

std::string HostOf(const std::string& public_url) {
  std::string_view u = public_url;
  const auto scheme = u.find("://");
  if (scheme != std::string_view::npos) u.remove_prefix(scheme + 3);
  u = u.substr(0, u.find_first_of("/:"));
  return u.empty() ? "relais.invalid" : std::string(u);
}

ical::Event CalendarEventOf(const Appointment& a, const Site& site, const Reason& reason, const std::string& host,
                            const std::string& verify_url, int64_t stamp_ms) {
  ical::Event e;
  e.uid = "rdv-" + std::to_string(a.id) + "-" + std::to_string(a.organisation_id) + "@" + host;
  e.stamp_ms = stamp_ms;
  e.start_ms = a.start_ms;
  e.end_ms = a.end_ms;
  // Seconds since 2024: grows with each new version of the file and fits a 32-bit integer.
  e.sequence = static_cast<int>(std::max<int64_t>(0, stamp_ms / 1000 - 1'704'067'200));
  e.cancelled = !IsActive(a.state) && a.state != AppointmentState::kSeen;
  e.summary = reason.name + (a.mode == Mode::kInPerson ? "" : a.mode == Mode::kPhone ? " (téléphone)" : " (vidéo)");
  if (a.mode == Mode::kInPerson) {
    e.location = site.name + ", " + site.address + (site.city.empty() ? "" : ", " + site.postal_code + " " + site.city);
  } else {
    e.location = a.mode == Mode::kPhone ? "Par téléphone" : "En vidéo";
  }
  std::string d = ModeWords(a.mode);
  if (!reason.documents.empty() && a.mode == Mode::kInPerson) {
    d += "\nDocuments à apporter :";
    for (const auto& doc : reason.documents) d += "\n- " + doc;
  }
  if (!reason.instructions.empty()) d += "\n" + reason.instructions;
  if (a.mode == Mode::kInPerson && !verify_url.empty()) d += "\nConvocation vérifiable : " + verify_url;
  e.description = d;
  return e;
}

std::string CalendarFileOf(db::Connection& c, const Appointment& a, const std::string& public_url,
                           const std::string& verify_url, int64_t now_ms) {
  auto site = FindSite(c, a.organisation_id, a.site_id);
  auto reason = FindReason(c, a.organisation_id, a.reason_id);
  ical::Calendar cal;
  cal.method = ical::Method::kPublish;
  if (site && reason) cal.events.push_back(CalendarEventOf(a, *site, *reason, HostOf(public_url), verify_url, now_ms));
  return ical::Build(cal);
}

Result<std::string> ActorGetsCalendarFile(db::Database& db, const auth::Actor& actor, const std::string& public_url,
                                          int64_t id, int64_t now_ms) {
  const bool tenant = actor.kind == auth::Kind::kTenant;
  if (tenant ? !CanTenantBook(actor) : !CanBookAppointments(actor)) return NotFound();
  return db.Read([&](db::Connection& c) -> Result<std::string> {
    auto a = FindVisibleAppointment(c, actor, id);
    if (!a) return NotFound();
    return CalendarFileOf(c, *a, public_url, {}, now_ms);
  });
}

Result<CalendarFeed> StaffCreatesCalendarFeed(db::Database& db, const auth::Actor& actor, int64_t now_ms) {
  if (actor.kind == auth::Kind::kTenant || !CanBookAppointments(actor)) return Forbidden();
  const std::string token = auth::RandomToken(24);
  db.Write([&](db::Connection& c) {
    c.Exec("UPDATE staff_calendar_feeds SET revoked_at = ? WHERE organisation_id = ? AND staff_user_id = ? AND "
           "revoked_at IS NULL",
           {P(now_ms), P(actor.organisation_id), P(actor.user_id)});
    c.Exec("INSERT INTO staff_calendar_feeds (organisation_id, staff_user_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
           {P(actor.organisation_id), P(actor.user_id), P(auth::Sha256Hex(token)), P(now_ms)});
    return 0;
  });
  return CalendarFeed{true, now_ms, token};
}

Result<CalendarFeed> StaffReadsCalendarFeed(db::Database& db, const auth::Actor& actor) {
  if (actor.kind == auth::Kind::kTenant || !CanBookAppointments(actor)) return Forbidden();
  CalendarFeed feed;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT created_at FROM staff_calendar_feeds WHERE organisation_id = ? AND staff_user_id = ? AND "
            "revoked_at IS NULL",
            {P(actor.organisation_id), P(actor.user_id)}, [&](const db::Row& r) {
              feed.active = true;
              feed.created_ms = r.Int(0);
            });
    return 0;
  });
  return feed;
}

Result<Unit> StaffRevokesCalendarFeed(db::Database& db, const auth::Actor& actor, int64_t now_ms) {
  if (actor.kind == auth::Kind::kTenant || !CanBookAppointments(actor)) return Forbidden();
  db.Write([&](db::Connection& c) {
    return c.Exec("UPDATE staff_calendar_feeds SET revoked_at = ? WHERE organisation_id = ? AND staff_user_id = ? AND "
                  "revoked_at IS NULL",
                  {P(now_ms), P(actor.organisation_id), P(actor.user_id)});
  });
  return Unit{};
}

std::optional<std::string> CalendarFeedOf(db::Database& db, const std::string& token, const std::string& public_url,
                                          int64_t now_ms) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  return db.Read([&](db::Connection& c) -> std::optional<std::string> {
    int64_t org = 0, staff = 0;
    c.Query("SELECT organisation_id, staff_user_id FROM staff_calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL",
            {P(auth::Sha256Hex(token))}, [&](const db::Row& r) {
              org = r.Int(0);
              staff = r.Int(1);
            });
    if (org == 0) return std::nullopt;
    ical::Calendar cal;
    cal.name = "Rendez-vous Relais";
    const std::string host = HostOf(public_url);
    for (const auto& a : AppointmentsOfStaff(c, org, staff, now_ms - 30LL * 86400'000)) {
      auto site = FindSite(c, org, a.site_id);
      auto reason = FindReason(c, org, a.reason_id);
      if (!site || !reason) continue;
      auto e = CalendarEventOf(a, *site, *reason, host, {}, now_ms);
      // The staff member's own calendar: who they receive (the feed is private to them).
      const std::string who = !a.person_name.empty() ? a.person_name : a.applicant_name;
      if (!who.empty()) e.summary += " — " + who;
      cal.events.push_back(std::move(e));
    }
    return ical::Build(cal);
  });
}

}  // namespace relais::reception
