// HTTP routes of reception: parse, call a use case of appointment_store.h, answer JSON. Instants
// are UTC ("...Z"); each also comes with its Europe/Paris date and time for display.
#include "modules/reception/reception_routes.h"

#include <chrono>

#include "modules/reception/appointment_store.h"
#include "modules/reception/holidays.h"
#include "modules/reception/reception_policy.h"
#include "platform/core/dates.h"
#include "platform/core/json_body.h"
#include "platform/http/params.h"

namespace relais::reception {
using nlohmann::json;

std::optional<int64_t> ParseUtcInstant(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s.back() != 'Z') return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  auto two = [&](size_t at) -> int {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  const int h = two(11), m = two(14), sec = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  int ms = 0;
  if (s.size() == 24 && s[19] == '.') {
    for (size_t i = 20; i < 23; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      ms = ms * 10 + (s[i] - '0');
    }
  } else if (s.size() != 20) {
    return std::nullopt;
  }
  return (DaysFromCivil(*date) * 86400 + h * 3600 + m * 60 + sec) * 1000 + ms;
}

namespace {

std::string LocalDate(int64_t ms) {
  const int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  return FormatIso(ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(secs))));
}
CivilDate TodayInParis() {
  return ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}
json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json SiteJson(const Site& s) {
  return {{"id", s.id},
          {"agency_id", Opt(s.agency_id)},
          {"name", s.name},
          {"address", s.address},
          {"postal_code", s.postal_code},
          {"city", s.city},
          {"access_notes", s.access_notes},
          {"capacity", s.capacity},
          {"sanitary_capacity", s.sanitary_capacity ? json(*s.sanitary_capacity) : json(nullptr)},
          {"sanitary_start_date", OptText(s.sanitary_start_date)},
          {"sanitary_end_date", OptText(s.sanitary_end_date)},
          {"capacity_today", CapacityOn(s, TodayInParis())},
          {"active", s.active}};
}
json ReasonJson(const Reason& r) {
  json modes = json::array();
  for (Mode m : {Mode::kInPerson, Mode::kPhone, Mode::kVideo})
    if (r.Allows(m)) modes.push_back(ModeCode(m));
  json booked_by = json::array({"staff"});
  if (r.open_to_tenants) booked_by.push_back("tenant");
  if (r.open_to_applicants) booked_by.push_back("applicant");
  return {{"id", r.id},
          {"kind", ReasonKindCode(r.kind)},
          {"name", r.name},
          {"duration_minutes", r.duration_minutes},
          {"modes", modes},
          {"booked_by", booked_by},
          {"min_delay_minutes", r.min_delay_minutes},
          {"max_delay_days", r.max_delay_days},
          {"instructions", r.instructions},
          {"documents", r.documents},
          {"active", r.active}};
}
json RangeJson(const OpeningRange& o) {
  return {{"id", o.id},
          {"site_id", o.site_id},
          {"staff_user_id", o.staff_user_id},
          {"weekday", o.weekday},
          {"start", FormatMinute(o.start_minute)},
          {"end", FormatMinute(o.end_minute)},
          {"valid_from", OptText(o.valid_from)},
          {"valid_to", OptText(o.valid_to)},
          {"reason_ids", o.reason_ids}};
}
json SlotJson(const Slot& s) {
  return {{"site_id", s.site_id},
          {"staff_user_id", s.staff_user_id},
          {"start_at", FormatUtcMillis(s.start_ms)},
          {"end_at", FormatUtcMillis(s.end_ms)},
          {"date", LocalDate(s.start_ms)},
          {"time", FormatMinute(ParisMinuteOf(s.start_ms))},
          {"mode", ModeCode(s.mode)}};
}
json AppointmentJson(const Appointment& a, bool for_tenant) {
  json j = {{"id", a.id},
            {"site_id", a.site_id},
            {"site_name", a.site_name},
            {"reason_id", a.reason_id},
            {"reason_name", a.reason_name},
            {"mode", ModeCode(a.mode)},
            {"start_at", FormatUtcMillis(a.start_ms)},
            {"end_at", FormatUtcMillis(a.end_ms)},
            {"date", LocalDate(a.start_ms)},
            {"time", FormatMinute(ParisMinuteOf(a.start_ms))},
            {"end_time", FormatMinute(ParisMinuteOf(a.end_ms))},
            {"people", a.people},
            {"state", StateCode(a.state)},
            {"arrived_at", a.arrived_ms ? json(FormatUtcMillis(*a.arrived_ms)) : json(nullptr)},
            {"rescheduled_to", Opt(a.rescheduled_to)},
            {"staff_name", a.staff_name}};
  if (!for_tenant) {
    j["staff_user_id"] = a.staff_user_id;
    j["household_id"] = Opt(a.household_id);
    j["household_reference"] = OptText(a.household_reference);
    j["person_name"] = a.person_name;
    j["applicant_phone"] = a.applicant_phone;
    j["applicant_email"] = a.applicant_email;
    j["booked_by"] = a.booked_by;
    j["notes"] = a.notes;
    j["cancel_reason"] = a.cancel_reason;
  }
  return j;
}
json WaitJson(const WaitlistEntry& w) {
  return {{"id", w.id},
          {"appointment_id", w.appointment_id},
          {"state", w.state},
          {"offered_start_at", w.offered_start_ms ? json(FormatUtcMillis(*w.offered_start_ms)) : json(nullptr)},
          {"offered_time", w.offered_start_ms ? json(LocalDate(*w.offered_start_ms) + " " +
                                                     FormatMinute(ParisMinuteOf(*w.offered_start_ms)))
                                              : json(nullptr)}};
}

template <class T, class F>
http::Response List(const Result<std::vector<T>>& r, F&& to_json) {
  if (!r.ok()) return http::Problem(r.error());
  json items = json::array();
  for (const auto& x : *r) items.push_back(to_json(x));
  return http::Json({{"items", items}});
}
template <class T, class F>
http::Response One(const Result<T>& r, F&& to_json, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(to_json(*r), status);
}

// Merges the fields of `j` into a site (POST: every required field).
std::optional<Error> MergeSite(const json& j, Site& s, bool creating) {
  FieldReader f(j);
  if (creating || f.Has("name")) s.name = f.Str("name", 200);
  if (creating || f.Has("address")) s.address = f.Str("address", 400);
  if (f.Has("postal_code")) s.postal_code = f.OptStr("postal_code", 10).value_or("");
  if (f.Has("city")) s.city = f.OptStr("city", 200).value_or("");
  if (f.Has("access_notes")) s.access_notes = f.OptStr("access_notes", 2000).value_or("");
  if (creating || f.Has("capacity")) s.capacity = static_cast<int>(f.Int("capacity", 1, 500));
  if (f.Has("agency_id")) s.agency_id = f.OptInt("agency_id", 1, INT64_MAX);
  if (f.Has("sanitary_capacity")) {
    auto k = f.OptInt("sanitary_capacity", 1, 500);
    s.sanitary_capacity = k ? std::optional<int>(static_cast<int>(*k)) : std::nullopt;
  }
  if (f.Has("sanitary_start_date")) s.sanitary_start_date = f.OptStr("sanitary_start_date", 10).value_or("");
  if (f.Has("sanitary_end_date")) s.sanitary_end_date = f.OptStr("sanitary_end_date", 10).value_or("");
  if (f.Has("active")) s.active = f.Bool("active");
  f.RejectUnknown({"name", "address", "postal_code", "city", "access_notes", "capacity", "agency_id", "sanitary_capacity",
                   "sanitary_start_date", "sanitary_end_date", "active"});
  if (!f.ok()) return f.error();
  if (!s.sanitary_capacity) s.sanitary_start_date = s.sanitary_end_date = "";
  return std::nullopt;
}

std::optional<Error> MergeReason(const json& j, Reason& r, bool creating) {
  FieldReader f(j);
  if (creating || f.Has("kind")) {
    auto k = ReasonKindFromCode(f.Str("kind", 40));
    if (!k) f.Fail("kind", "kind doit valoir lease_signing, key_handover, inspection, rental_management, social_support ou custom.");
    else r.kind = *k;
  }
  if (creating || f.Has("name")) r.name = f.Str("name", 200);
  if (creating || f.Has("duration_minutes")) r.duration_minutes = static_cast<int>(f.Int("duration_minutes", 5, 480));
  if (f.Has("min_delay_minutes")) r.min_delay_minutes = static_cast<int>(f.Int("min_delay_minutes", 0, 60 * 24 * 90));
  if (f.Has("max_delay_days")) r.max_delay_days = static_cast<int>(f.Int("max_delay_days", 1, 365));
  if (f.Has("instructions")) r.instructions = f.OptStr("instructions", 4000).value_or("");
  if (f.Has("active")) r.active = f.Bool("active");
  f.RejectUnknown({"kind", "name", "duration_minutes", "modes", "booked_by", "min_delay_minutes", "max_delay_days",
                   "instructions", "documents", "active"});
  if (!f.ok()) return f.error();
  if (j.contains("modes")) {
    const auto& m = j["modes"];
    if (!m.is_array()) return Invalid("modes", "modes est une liste parmi in_person, phone, video.");
    r.in_person = r.by_phone = r.by_video = false;
    for (const auto& v : m) {
      auto mode = v.is_string() ? ModeFromCode(v.get<std::string>()) : std::nullopt;
      if (!mode) return Invalid("modes", "modes est une liste parmi in_person, phone, video.");
      (*mode == Mode::kInPerson ? r.in_person : *mode == Mode::kPhone ? r.by_phone : r.by_video) = true;
    }
  }
  if (j.contains("booked_by")) {
    const auto& b = j["booked_by"];
    if (!b.is_array()) return Invalid("booked_by", "booked_by est une liste parmi staff, tenant, applicant.");
    r.open_to_tenants = r.open_to_applicants = false;
    for (const auto& v : b) {
      const std::string who = v.is_string() ? v.get<std::string>() : "";
      if (who == "tenant") r.open_to_tenants = true;
      else if (who == "applicant") r.open_to_applicants = true;
      else if (who != "staff") return Invalid("booked_by", "booked_by est une liste parmi staff, tenant, applicant.");
    }
  }
  if (j.contains("documents")) {
    const auto& d = j["documents"];
    if (!d.is_array() || d.size() > 30) return Invalid("documents", "documents est une liste de 30 textes au plus.");
    r.documents.clear();
    for (const auto& v : d) {
      if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 300 ||
          v.get<std::string>().find('\n') != std::string::npos)
        return Invalid("documents", "Chaque document à apporter est un texte d'une ligne (300 caractères au plus).");
      r.documents.push_back(v.get<std::string>());
    }
  }
  return std::nullopt;
}

Result<Mode> ModeParam(const http::Request& req) {
  auto m = req.QueryParam("mode");
  if (!m) return Mode::kInPerson;
  auto mode = ModeFromCode(*m);
  if (!mode) return Invalid("mode", "mode doit valoir in_person, phone ou video.");
  return *mode;
}

// The slot search of the query string: reason_id (required), site_id, mode, from, to (14 days by default).
Result<SlotRequest> SlotParams(const http::Request& req) {
  SlotRequest r;
  auto reason = http::IdQueryParam(req, "reason_id");
  if (!reason.ok()) return reason.error();
  if (!*reason) return Invalid("reason_id", "reason_id est obligatoire.");
  r.reason_id = **reason;
  auto site = http::IdQueryParam(req, "site_id");
  if (!site.ok()) return site.error();
  r.site_id = site->value_or(0);
  auto mode = ModeParam(req);
  if (!mode.ok()) return mode.error();
  r.mode = *mode;
  auto from = http::DateQueryParam(req, "from");
  if (!from.ok()) return from.error();
  auto to = http::DateQueryParam(req, "to");
  if (!to.ok()) return to.error();
  r.from = from->value_or(TodayInParis());
  r.to = to->value_or(CivilFromDays(DaysFromCivil(r.from) + 13));
  return r;
}

std::optional<Error> ReadBooking(const json& j, BookingRequest& b, bool tenant) {
  FieldReader f(j);
  b.reason_id = f.Int("reason_id", 1, INT64_MAX);
  b.site_id = f.Int("site_id", 1, INT64_MAX);
  const std::string start = f.Str("start_at", 40);
  if (auto m = f.OptStr("mode", 20)) {
    auto mode = ModeFromCode(*m);
    if (!mode) f.Fail("mode", "mode doit valoir in_person, phone ou video.");
    else b.mode = *mode;
  }
  b.people = static_cast<int>(f.OptInt("people", 1, 10).value_or(1));
  if (!tenant) {
    b.staff_user_id = f.OptInt("staff_user_id", 1, INT64_MAX).value_or(0);
    b.household_id = f.OptInt("household_id", 1, INT64_MAX);
    b.applicant_name = f.OptStr("applicant_name", 200).value_or("");
    b.applicant_phone = f.OptStr("applicant_phone", 40).value_or("");
    b.applicant_email = f.OptStr("applicant_email", 200).value_or("");
    b.notes = f.OptStr("notes", 4000).value_or("");
    f.RejectUnknown({"reason_id", "site_id", "start_at", "mode", "people", "staff_user_id", "household_id",
                     "applicant_name", "applicant_phone", "applicant_email", "notes"});
  } else {
    f.RejectUnknown({"reason_id", "site_id", "start_at", "mode", "people"});
  }
  if (!start.empty()) {
    auto at = ParseUtcInstant(start);
    if (!at) f.Fail("start_at", "start_at doit être l'heure d'un créneau, par exemple 2026-12-07T08:00:00.000Z.");
    else b.start_ms = *at;
  }
  if (!f.ok()) return f.error();
  return std::nullopt;
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail) {
  using http::Access;
  using http::Context;

  // ---- configuration ----
  router.Add("GET", "/api/v1/reception/sites", Access::kSession,
             [&db](Context& ctx) { return List(StaffListsSites(db, ctx.Actor()), SiteJson); });
  router.Add("POST", "/api/v1/reception/sites", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    Site s;
    if (auto e = MergeSite(*j, s, true)) return http::Problem(*e);
    return One(ManagerCreatesSite(db, ctx.Actor(), s), SiteJson, 201);
  });
  router.Add("GET", "/api/v1/reception/sites/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    if (!CanReadReceptionSetup(ctx.Actor())) return http::Problem(NotFound("Site d'accueil introuvable."));
    return One(ActorReadsSite(db, ctx.Actor(), *id), SiteJson);
  });
  router.Add("PATCH", "/api/v1/reception/sites/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = ActorReadsSite(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    Site s = *current;
    if (auto e = MergeSite(*j, s, false)) return http::Problem(*e);
    return One(ManagerChangesSite(db, ctx.Actor(), s), SiteJson);
  });

  router.Add("GET", "/api/v1/reception/reasons", Access::kSession,
             [&db](Context& ctx) { return List(StaffListsReasons(db, ctx.Actor()), ReasonJson); });
  router.Add("POST", "/api/v1/reception/reasons", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    Reason r;
    if (auto e = MergeReason(*j, r, true)) return http::Problem(*e);
    return One(ManagerCreatesReason(db, ctx.Actor(), r), ReasonJson, 201);
  });
  router.Add("PATCH", "/api/v1/reception/reasons/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = StaffReadsReason(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    Reason r = *current;
    if (auto e = MergeReason(*j, r, false)) return http::Problem(*e);
    return One(ManagerChangesReason(db, ctx.Actor(), r), ReasonJson);
  });

  router.Add("GET", "/api/v1/reception/opening-hours", Access::kSession, [&db](Context& ctx) {
    auto site = http::IdQueryParam(ctx.req, "site_id");
    if (!site.ok()) return http::Problem(site.error());
    return List(StaffListsOpeningHours(db, ctx.Actor(), site->value_or(0)), RangeJson);
  });
  router.Add("POST", "/api/v1/reception/opening-hours", Access::kSession, [&db](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    OpeningRange o;
    o.site_id = f.Int("site_id", 1, INT64_MAX);
    o.staff_user_id = f.Int("staff_user_id", 1, INT64_MAX);
    o.weekday = static_cast<int>(f.Int("weekday", 1, 7));
    const std::string start = f.Str("start", 5), end = f.Str("end", 5);
    o.valid_from = f.OptStr("valid_from", 10).value_or("");
    o.valid_to = f.OptStr("valid_to", 10).value_or("");
    f.RejectUnknown({"site_id", "staff_user_id", "weekday", "start", "end", "valid_from", "valid_to", "reason_ids"});
    auto s = ParseMinute(start), e = ParseMinute(end);
    if (!start.empty() && !s) f.Fail("start", "Heure au format HH:MM, par exemple 09:00.");
    if (!end.empty() && !e) f.Fail("end", "Heure au format HH:MM, par exemple 12:00.");
    if (!f.ok()) return http::Problem(f.error());
    o.start_minute = *s;
    o.end_minute = *e;
    if (j->contains("reason_ids")) {
      const auto& ids = (*j)["reason_ids"];
      if (!ids.is_array() || ids.size() > 100) return http::Problem(Invalid("reason_ids", "reason_ids est une liste d'identifiants de motifs."));
      for (const auto& v : ids) {
        if (!v.is_number_integer() || v.get<int64_t>() < 1)
          return http::Problem(Invalid("reason_ids", "reason_ids est une liste d'identifiants de motifs."));
        o.reason_ids.push_back(v.get<int64_t>());
      }
    }
    return One(ManagerAddsOpeningRange(db, ctx.Actor(), o), RangeJson, 201);
  });
  router.Add("DELETE", "/api/v1/reception/opening-hours/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = ManagerRemovesOpeningRange(db, ctx.Actor(), *id);
    return r.ok() ? http::NoContent() : http::Problem(r.error());
  });

  auto absence_json = [](const Absence& a) {
    return json{{"id", a.id}, {"staff_user_id", a.staff_user_id}, {"start_at", FormatUtcMillis(a.start_ms)},
                {"end_at", FormatUtcMillis(a.end_ms)}, {"label", a.label}};
  };
  router.Add("GET", "/api/v1/reception/absences", Access::kSession, [&db, absence_json](Context& ctx) {
    return List(StaffListsAbsences(db, ctx.Actor(), NowMillis()), absence_json);
  });
  router.Add("POST", "/api/v1/reception/absences", Access::kSession, [&db, absence_json](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    Absence a;
    a.staff_user_id = f.Int("staff_user_id", 1, INT64_MAX);
    const std::string start = f.Str("start_at", 40), end = f.Str("end_at", 40);
    a.label = f.OptStr("label", 200).value_or("");
    f.RejectUnknown({"staff_user_id", "start_at", "end_at", "label"});
    auto s = ParseUtcInstant(start), e = ParseUtcInstant(end);
    if (!start.empty() && !s) f.Fail("start_at", "Date et heure UTC attendues, par exemple 2026-12-07T08:00:00Z.");
    if (!end.empty() && !e) f.Fail("end_at", "Date et heure UTC attendues, par exemple 2026-12-07T17:00:00Z.");
    if (!f.ok()) return http::Problem(f.error());
    a.start_ms = *s;
    a.end_ms = *e;
    return One(ManagerAddsAbsence(db, ctx.Actor(), a), absence_json, 201);
  });
  router.Add("DELETE", "/api/v1/reception/absences/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = ManagerRemovesAbsence(db, ctx.Actor(), *id);
    return r.ok() ? http::NoContent() : http::Problem(r.error());
  });

  auto closure_json = [](const Closure& c) {
    return json{{"id", c.id}, {"site_id", c.site_id > 0 ? json(c.site_id) : json(nullptr)}, {"start_date", c.start_date},
                {"end_date", c.end_date}, {"label", c.label}};
  };
  router.Add("GET", "/api/v1/reception/closures", Access::kSession, [&db, closure_json](Context& ctx) {
    return List(StaffListsClosures(db, ctx.Actor(), FormatIso(TodayInParis())), closure_json);
  });
  router.Add("POST", "/api/v1/reception/closures", Access::kSession, [&db, closure_json](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    Closure c;
    c.site_id = f.OptInt("site_id", 1, INT64_MAX).value_or(0);
    c.start_date = f.Str("start_date", 10);
    c.end_date = f.Str("end_date", 10);
    c.label = f.OptStr("label", 200).value_or("");
    f.RejectUnknown({"site_id", "start_date", "end_date", "label"});
    if (!f.ok()) return http::Problem(f.error());
    return One(ManagerAddsClosure(db, ctx.Actor(), c), closure_json, 201);
  });
  router.Add("DELETE", "/api/v1/reception/closures/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto r = ManagerRemovesClosure(db, ctx.Actor(), *id);
    return r.ok() ? http::NoContent() : http::Problem(r.error());
  });

  router.Add("GET", "/api/v1/reception/staff", Access::kSession, [&db](Context& ctx) {
    return List(StaffListsReceivingStaff(db, ctx.Actor()),
                [](const StaffMember& m) { return json{{"id", m.id}, {"name", m.name}}; });
  });

  router.Add("GET", "/api/v1/reception/holidays", Access::kSession, [](Context& ctx) {
    if (!CanReadReceptionSetup(ctx.Actor())) return http::Problem(NotFound("Introuvable."));
    int year = TodayInParis().year;
    if (auto y = ctx.req.QueryParam("year")) {
      if (y->size() != 4 || y->find_first_not_of("0123456789") != std::string::npos || *y < "1900" || *y > "2200")
        return http::Problem(Invalid("year", "year doit être une année entre 1900 et 2200."));
      year = std::stoi(*y);
    }
    json items = json::array();
    for (const auto& h : FrenchPublicHolidays(year)) items.push_back({{"date", FormatIso(h.date)}, {"name", h.name}});
    return http::Json({{"year", year}, {"items", items}});
  });

  // ---- slots, appointments, day view (staff) ----
  router.Add("GET", "/api/v1/reception/slots", Access::kSession, [&db](Context& ctx) {
    auto r = SlotParams(ctx.req);
    if (!r.ok()) return http::Problem(r.error());
    return List(ActorFindsFreeSlots(db, ctx.Actor(), *r, NowMillis()), SlotJson);
  });

  auto staff_json = [](const Appointment& a) { return AppointmentJson(a, false); };
  router.Add("GET", "/api/v1/appointments", Access::kSession, [&db, staff_json](Context& ctx) {
    AppointmentFilter f;
    auto site = http::IdQueryParam(ctx.req, "site_id");
    if (!site.ok()) return http::Problem(site.error());
    f.site_id = site->value_or(0);
    auto household = http::IdQueryParam(ctx.req, "household_id");
    if (!household.ok()) return http::Problem(household.error());
    f.household_id = *household;
    auto from = http::DateQueryParam(ctx.req, "from");
    if (!from.ok()) return http::Problem(from.error());
    auto to = http::DateQueryParam(ctx.req, "to");
    if (!to.ok()) return http::Problem(to.error());
    f.from_ms = ParisMidnightUtcMillis(from->value_or(TodayInParis()));
    if (*to) f.to_ms = ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(**to) + 1));
    if (auto s = ctx.req.QueryParam("state")) {
      f.state = StateFromCode(*s);
      if (!f.state) return http::Problem(Invalid("state", "État de rendez-vous inconnu."));
    }
    auto limit = http::LimitParam(ctx.req, 1000);
    if (!limit.ok()) return http::Problem(limit.error());
    f.limit = *limit;
    return List(StaffListsAppointments(db, ctx.Actor(), f), staff_json);
  });
  router.Add("POST", "/api/v1/appointments", Access::kSession, [&db, staff_json](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    BookingRequest b;
    if (auto e = ReadBooking(*j, b, false)) return http::Problem(*e);
    return One(StaffBooksAppointment(db, ctx.Actor(), b, NowMillis()), staff_json, 201);
  });
  router.Add("GET", "/api/v1/appointments/{id}", Access::kSession, [&db, &trail, staff_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto a = StaffReadsAppointment(db, ctx.Actor(), *id);
    if (!a.ok()) return http::Problem(a.error());
    http::Response res = http::Json(staff_json(*a));
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "appointment", *id));
    return res;
  });
  router.Add("POST", "/api/v1/appointments/{id}/events", Access::kSession, [&db, staff_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const std::string code = f.Str("event", 40);
    const std::string reason = f.OptStr("reason", 400).value_or("");
    f.RejectUnknown({"event", "reason"});
    auto event = EventFromCode(code);
    if (!code.empty() && (!event || *event == AppointmentEvent::kReschedule))
      f.Fail("event", "event doit valoir confirm, arrive, seen, no_show, cancel_by_tenant ou cancel_by_landlord.");
    if (!f.ok()) return http::Problem(f.error());
    return One(StaffChangesAppointment(db, ctx.Actor(), *id, *event, NowMillis(), reason), staff_json);
  });
  router.Add("POST", "/api/v1/appointments/{id}/reschedule", Access::kSession, [&db, staff_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    const std::string start = f.Str("start_at", 40);
    const int64_t staff = f.OptInt("staff_user_id", 1, INT64_MAX).value_or(0);
    f.RejectUnknown({"start_at", "staff_user_id"});
    auto at = ParseUtcInstant(start);
    if (!start.empty() && !at) f.Fail("start_at", "start_at doit être l'heure d'un créneau, par exemple 2026-12-07T08:00:00.000Z.");
    if (!f.ok()) return http::Problem(f.error());
    return One(ActorReschedulesAppointment(db, ctx.Actor(), *id, *at, staff, NowMillis()), staff_json);
  });
  router.Add("GET", "/api/v1/appointments/{id}/waitlist", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto w = ActorReadsWaitlistOf(db, ctx.Actor(), *id);
    if (!w.ok()) return http::Problem(w.error());
    return http::Json({{"entry", *w ? WaitJson(**w) : json(nullptr)}});
  });
  router.Add("POST", "/api/v1/appointments/{id}/waitlist", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return One(ActorJoinsWaitlist(db, ctx.Actor(), *id), WaitJson, 201);
  });
  router.Add("POST", "/api/v1/appointment-waitlist/{id}/accept", Access::kSession, [&db, staff_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return One(ActorAcceptsWaitlistOffer(db, ctx.Actor(), *id, NowMillis()), staff_json);
  });

  router.Add("GET", "/api/v1/reception/day", Access::kSession, [&db, staff_json](Context& ctx) {
    auto date = http::DateQueryParam(ctx.req, "date");
    if (!date.ok()) return http::Problem(date.error());
    auto site = http::IdQueryParam(ctx.req, "site_id");
    if (!site.ok()) return http::Problem(site.error());
    auto v = StaffReadsDayView(db, ctx.Actor(), date->value_or(TodayInParis()), site->value_or(0));
    if (!v.ok()) return http::Problem(v.error());
    json sites = json::array(), items = json::array();
    for (const auto& s : v->sites) sites.push_back(SiteJson(s));
    int arrived = 0, seen = 0, no_show = 0, expected = 0;
    for (const auto& a : v->appointments) {
      items.push_back(staff_json(a));
      if (a.arrived_ms) ++arrived;
      if (a.state == AppointmentState::kSeen) ++seen;
      if (a.state == AppointmentState::kNoShow) ++no_show;
      if (IsActive(a.state) || a.state == AppointmentState::kSeen || a.state == AppointmentState::kNoShow) ++expected;
    }
    return http::Json({{"date", v->date},
                       {"sites", sites},
                       {"items", items},
                       {"counts", {{"expected", expected}, {"arrived", arrived}, {"seen", seen}, {"no_show", no_show}}}});
  });

  // ---- tenant ----
  auto tenant_json = [](const Appointment& a) { return AppointmentJson(a, true); };
  router.Add("GET", "/api/v1/tenant/appointment-reasons", Access::kTenant,
             [&db](Context& ctx) { return List(TenantListsReasons(db, ctx.Actor()), ReasonJson); });
  router.Add("GET", "/api/v1/tenant/reception-sites", Access::kTenant, [&db](Context& ctx) {
    return List(TenantListsSites(db, ctx.Actor()), [](const Site& s) {
      return json{{"id", s.id}, {"name", s.name}, {"address", s.address}, {"postal_code", s.postal_code},
                  {"city", s.city}, {"access_notes", s.access_notes}};
    });
  });
  router.Add("GET", "/api/v1/tenant/slots", Access::kTenant, [&db](Context& ctx) {
    auto r = SlotParams(ctx.req);
    if (!r.ok()) return http::Problem(r.error());
    auto slots = ActorFindsFreeSlots(db, ctx.Actor(), *r, NowMillis());
    if (!slots.ok()) return http::Problem(slots.error());
    // A tenant chooses a time and a site, not a person: one entry per site and start.
    json items = json::array();
    int64_t last_start = -1, last_site = -1;
    for (const auto& s : *slots) {
      if (s.start_ms == last_start && s.site_id == last_site) continue;
      last_start = s.start_ms;
      last_site = s.site_id;
      json j = SlotJson(s);
      j.erase("staff_user_id");
      items.push_back(j);
    }
    return http::Json({{"items", items}});
  });
  router.Add("GET", "/api/v1/tenant/appointments", Access::kTenant,
             [&db, tenant_json](Context& ctx) { return List(TenantListsAppointments(db, ctx.Actor()), tenant_json); });
  router.Add("POST", "/api/v1/tenant/appointments", Access::kTenant, [&db, tenant_json](Context& ctx) {
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    BookingRequest b;
    if (auto e = ReadBooking(*j, b, true)) return http::Problem(*e);
    return One(TenantBooksAppointment(db, ctx.Actor(), b, NowMillis()), tenant_json, 201);
  });
  router.Add("POST", "/api/v1/tenant/appointments/{id}/cancel", Access::kTenant, [&db, tenant_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return One(TenantCancelsAppointment(db, ctx.Actor(), *id, NowMillis()), tenant_json);
  });
  // The tenant's own entry for an appointment, so that "Mes rendez-vous" shows the offer to accept.
  router.Add("GET", "/api/v1/tenant/appointments/{id}/waitlist", Access::kTenant, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto w = ActorReadsWaitlistOf(db, ctx.Actor(), *id);
    if (!w.ok()) return http::Problem(w.error());
    return http::Json({{"entry", *w ? WaitJson(**w) : json(nullptr)}});
  });
  router.Add("POST", "/api/v1/tenant/appointments/{id}/waitlist", Access::kTenant, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return One(ActorJoinsWaitlist(db, ctx.Actor(), *id), WaitJson, 201);
  });
  router.Add("POST", "/api/v1/tenant/waitlist/{id}/accept", Access::kTenant, [&db, tenant_json](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return One(ActorAcceptsWaitlistOffer(db, ctx.Actor(), *id, NowMillis()), tenant_json);
  });
}

}  // namespace relais::reception
