#include "modules/reception/crisis_switch.h"

#include "modules/reception/appointment_notice.h"
#include "modules/reception/appointment_store.h"
#include "modules/reception/reception_policy.h"
#include "platform/core/paris_time.h"

namespace relais::reception {
namespace {

using db::P;

std::string Today(int64_t now_ms) { return FormatIso(ParisTimeOf(now_ms).date); }

// The switches of the organisation ending on or after from_date; `seen(site agency)` keeps those of
// a site (a switch of every site is always kept, as a site of no agency).
template <typename Seen>
std::vector<CrisisSwitch> Load(db::Connection& c, int64_t org, const std::string& from_date, Seen seen) {
  std::vector<CrisisSwitch> out;
  c.Query("SELECT s.id, COALESCE(s.site_id, 0), COALESCE(r.name, ''), s.start_date, s.end_date, s.mode, "
          "s.cancel_in_person, s.message, s.created_at, s.converted, s.cancelled, s.notified, r.agency_id "
          "FROM reception_crisis_switches s LEFT JOIN reception_sites r ON r.id = s.site_id "
          "WHERE s.organisation_id = ? AND s.end_date >= ? ORDER BY s.start_date DESC, s.id DESC",
          {P(org), P(from_date)}, [&](const db::Row& r) {
            if (r.Int(1) != 0 && !seen(r.OptInt(12))) return;
            CrisisSwitch s;
            s.id = r.Int(0);
            s.site_id = r.Int(1);
            s.site_name = r.Str(2);
            s.start_date = r.Str(3);
            s.end_date = r.Str(4);
            s.mode = ModeFromCode(r.Text(5)).value_or(Mode::kPhone);
            s.cancel_in_person = r.Int(6) != 0;
            s.message = r.Str(7);
            s.created_ms = r.Int(8);
            s.converted = static_cast<int>(r.Int(9));
            s.cancelled = static_cast<int>(r.Int(10));
            s.notified = static_cast<int>(r.Int(11));
            out.push_back(std::move(s));
          });
  return out;
}

}  // namespace

std::optional<FieldError> ValidateCrisisSwitch(const CrisisSwitch& s) {
  auto from = ParseDate(s.start_date);
  auto to = ParseDate(s.end_date);
  if (!from || s.start_date.size() != 10) return FieldError{"start_date", "La date de début doit être au format AAAA-MM-JJ."};
  if (!to || s.end_date.size() != 10) return FieldError{"end_date", "La date de fin doit être au format AAAA-MM-JJ."};
  if (*to < *from) return FieldError{"end_date", "La date de fin doit suivre la date de début."};
  if (DaysFromCivil(*to) - DaysFromCivil(*from) > 92) {
    return FieldError{"end_date", "Une bascule dure au plus 93 jours : renouvelez-la au besoin."};
  }
  if (s.mode == Mode::kInPerson) return FieldError{"mode", "La bascule se fait vers le téléphone ou la vidéo."};
  if (s.message.size() > 500) return FieldError{"message", "Le message ne doit pas dépasser 500 caractères."};
  return std::nullopt;
}

Result<CrisisSwitch> ManagerSwitchesToRemote(db::Database& db, const auth::Actor& actor, CrisisSwitch s,
                                             int64_t now_ms) {
  if (actor.kind == auth::Kind::kTenant || !CanManageReceptionSetup(actor)) return Forbidden();
  if (auto bad = ValidateCrisisSwitch(s)) return Invalid(bad->field, bad->message);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<CrisisSwitch> {
    if (s.site_id != 0) {
      auto site = FindSite(c, org, s.site_id);
      if (!site || !CanUseSiteOfAgency(actor, site->agency_id)) return NotFound("Ce site n'existe pas.");
      s.site_name = site->name;
    } else if (!CanActOnEverySite(actor)) {
      // Every site would include other agencies' sites: a manager of some agencies names one.
      return Invalid("site_id", "Votre compte est limité à certaines agences : choisissez le site à basculer.");
    }
    const std::string where = s.site_id ? "L'accueil « " + s.site_name + " »" : "L'accueil de votre bailleur";
    if (s.message.empty()) {
      s.message = where + " reçoit uniquement " + (s.mode == Mode::kPhone ? "par téléphone" : "en vidéo") + " du " +
                  FormatFrenchDate(*ParseDate(s.start_date)) + " au " + FormatFrenchDate(*ParseDate(s.end_date)) + ".";
    }
    const int64_t from_ms = ParisMidnightUtcMillis(*ParseDate(s.start_date));
    const int64_t to_ms = ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(*ParseDate(s.end_date)) + 1));
    s.created_ms = now_ms;
    // Every affected person hears of it in this one transaction, with the switch's message.
    CrisisNotices scope(s.message);
    for (const auto& a : AppointmentsBetween(c, org, s.site_id, from_ms, to_ms)) {
      if (!IsActive(a.state) || a.mode != Mode::kInPerson) continue;
      auto reason = FindReason(c, org, a.reason_id);
      const bool convert = !s.cancel_in_person && reason && reason->Allows(s.mode);
      const int64_t before = c.QueryInt("SELECT COUNT(*) FROM appointment_notices WHERE appointment_id = ?",
                                        {P(a.id)}).value_or(0);
      if (convert) {
        auto r = ChangeAppointmentMode(c, org, a.id, s.mode);
        if (!r.ok()) return r.error();
        ++s.converted;
      } else {
        auto r = ApplyAppointmentEvent(c, org, a.id, AppointmentEvent::kCancelByLandlord, now_ms, actor.user_id,
                                       "Bascule de crise : " + s.message);
        if (!r.ok()) return r.error();
        ++s.cancelled;
      }
      const int64_t after = c.QueryInt("SELECT COUNT(*) FROM appointment_notices WHERE appointment_id = ?",
                                       {P(a.id)}).value_or(0);
      if (after > before) ++s.notified;
    }
    s.id = c.QueryInt(
        "INSERT INTO reception_crisis_switches (organisation_id, site_id, start_date, end_date, mode, cancel_in_person, "
        "message, created_by, created_at, converted, cancelled, notified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {P(org), s.site_id ? P(s.site_id) : P(nullptr), P(s.start_date), P(s.end_date), P(ModeCode(s.mode)),
         P(s.cancel_in_person ? 1 : 0), P(s.message), P(actor.user_id), P(now_ms), P(s.converted), P(s.cancelled),
         P(s.notified)}).value_or(0);
    return s;
  });
}

Result<std::vector<CrisisSwitch>> StaffListsCrisisSwitches(db::Database& db, const auth::Actor& actor,
                                                           int64_t now_ms) {
  if (actor.kind == auth::Kind::kTenant || !CanReadReceptionSetup(actor)) return NotFound();
  // A staff member limited to agencies sees the switches of their sites and those of every site.
  return db.Read([&](db::Connection& c) {
    return Load(c, actor.organisation_id, Today(now_ms),
                [&](std::optional<int64_t> agency) { return CanUseSiteOfAgency(actor, agency); });
  });
}

Result<std::vector<CrisisSwitch>> TenantReadsCrisisBanners(db::Database& db, const auth::Actor& actor,
                                                           int64_t now_ms) {
  if (!CanTenantBook(actor)) return NotFound();
  return db.Read([&](db::Connection& c) {
    return Load(c, actor.organisation_id, Today(now_ms), [](std::optional<int64_t>) { return true; });
  });
}

std::optional<Mode> RemoteModeAt(db::Connection& c, int64_t org, int64_t site_id, int64_t start_ms) {
  const std::string day = FormatIso(ParisTimeOf(start_ms).date);
  std::optional<Mode> mode;
  c.Query("SELECT mode FROM reception_crisis_switches WHERE organisation_id = ? AND (site_id IS NULL OR site_id = ?) "
          "AND start_date <= ? AND end_date >= ? ORDER BY id DESC LIMIT 1",
          {P(org), P(site_id), P(day), P(day)}, [&](const db::Row& r) { mode = ModeFromCode(r.Text(0)); });
  return mode;
}

}  // namespace relais::reception
