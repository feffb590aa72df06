#include "modules/outreach/crisis_plan_store.h"

#include <sstream>

#include "modules/outreach/crisis_plan_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"

namespace relais::outreach {
namespace {

const char* const kNotFound = "Plan de crise introuvable.";
const Error kNoChange = Forbidden("Seuls les responsables et administrateurs déclarent les plans de crise.");

constexpr const char* kSelect =
    "SELECT id, organisation_id, kind, name, start_date, end_date, perimeter_all, agency_ids, communes, "
    "building_ids, level1_days, level2_days, level3_days, call_hours, saturday, escalation_days, call_script "
    "FROM crisis_plans ";

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}
std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}
std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}
std::string WindowsText(const std::vector<CallWindow>& ws) {
  std::string out;
  for (const auto& w : ws)
    out += (out.empty() ? "" : ",") + FormatClock(w.start_minute) + "-" + FormatClock(w.end_minute);
  return out;
}

CrisisPlan ReadRow(const db::Row& r) {
  CrisisPlan p;
  p.id = r.Int(0);
  p.organisation_id = r.Int(1);
  p.kind = CrisisKindFromCode(r.Str(2)).value_or(CrisisKind::kCustom);
  p.name = r.Str(3);
  p.start_date = r.Str(4);
  p.end_date = r.OptStr(5).value_or("");
  p.perimeter.all = r.Bool(6);
  for (const auto& s : Split(r.Str(7))) p.perimeter.agency_ids.push_back(std::stoll(s));
  p.perimeter.communes = Split(r.Str(8));
  for (const auto& s : Split(r.Str(9))) p.perimeter.building_ids.push_back(std::stoll(s));
  p.cadence = {static_cast<int>(r.Int(10)), static_cast<int>(r.Int(11)), static_cast<int>(r.Int(12))};
  for (const auto& w : Split(r.Str(13))) {
    auto start = ParseClock(w.substr(0, 5));
    auto end = ParseClock(w.substr(6));
    if (start && end) p.windows.push_back({*start, *end});
  }
  p.saturday = r.Bool(14);
  p.escalation_days = static_cast<int>(r.Int(15));
  p.call_script = r.Str(16);
  return p;
}

std::optional<CrisisPlan> Find(db::Connection& c, int64_t org, int64_t id) {
  std::optional<CrisisPlan> out;
  c.Query(std::string(kSelect) + "WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = ReadRow(r); });
  return out;
}

// The plan's own rules, then its perimeter: every agency, commune and building of the organisation.
std::optional<Error> Check(db::Connection& c, int64_t org, const CrisisPlan& p) {
  const auto errors = ValidatePlan(p);
  if (!errors.empty()) return Invalid(errors.front().field, errors.front().message);
  if (p.perimeter.all) return std::nullopt;
  if (p.perimeter.agency_ids.empty() && p.perimeter.communes.empty() && p.perimeter.building_ids.empty())
    return Invalid("perimeter", "Choisissez au moins une agence, une commune ou un immeuble, ou tout l'organisme.");
  for (auto id : p.perimeter.agency_ids)
    if (!c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)}))
      return Invalid("perimeter.agency_ids", "Agence inconnue dans votre organisme : " + std::to_string(id) + ".");
  for (const auto& insee : p.perimeter.communes)
    if (!c.QueryInt("SELECT id FROM buildings WHERE commune_insee = ? AND organisation_id = ? LIMIT 1",
                    {db::P(insee), db::P(org)}))
      return Invalid("perimeter.communes", "Votre organisme n'a pas d'immeuble dans la commune " + insee + ".");
  for (auto id : p.perimeter.building_ids)
    if (!c.QueryInt("SELECT id FROM buildings WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)}))
      return Invalid("perimeter.building_ids", "Immeuble inconnu dans votre organisme : " + std::to_string(id) + ".");
  return std::nullopt;
}

Error ReadRefused() { return NotFound(kNotFound); }

}  // namespace

int64_t InsertCrisisPlan(db::Connection& c, int64_t org, const CrisisPlan& plan, int64_t user_id) {
  const int64_t now = NowMillis();
  return *c.QueryInt(
      "INSERT INTO crisis_plans (organisation_id, kind, name, start_date, end_date, perimeter_all, agency_ids, "
      "communes, building_ids, level1_days, level2_days, level3_days, call_hours, saturday, escalation_days, "
      "call_script, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?) RETURNING id",
      {db::P(org), db::P(std::string(CrisisKindCode(plan.kind))), db::P(plan.name), db::P(plan.start_date),
       plan.end_date.empty() ? db::P(nullptr) : db::P(plan.end_date), db::P(plan.perimeter.all),
       db::P(JoinIds(plan.perimeter.agency_ids)), db::P(Join(plan.perimeter.communes)),
       db::P(JoinIds(plan.perimeter.building_ids)), db::P(plan.cadence.level1_days),
       db::P(plan.cadence.level2_days), db::P(plan.cadence.level3_days), db::P(WindowsText(plan.windows)),
       db::P(plan.saturday), db::P(plan.escalation_days), db::P(plan.call_script), db::P(user_id),
       db::P(now), db::P(now)});
}

std::vector<CrisisPlan> CrisisPlansOf(db::Connection& c, int64_t org) {
  std::vector<CrisisPlan> out;
  c.Query(std::string(kSelect) + "WHERE organisation_id = ? ORDER BY id", {db::P(org)},
          [&](const db::Row& r) { out.push_back(ReadRow(r)); });
  return out;
}

Result<CrisisPlan> ManagerDeclaresCrisisPlan(db::Database& db, const auth::Actor& actor, CrisisPlan plan) {
  if (!CanManageCrisisPlans(actor)) return CanReadCrisisPlans(actor) ? kNoChange : ReadRefused();
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<CrisisPlan> {
    if (auto e = Check(c, org, plan)) return *e;
    const int64_t id = InsertCrisisPlan(c, org, plan, actor.user_id);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "crisis_plan", id));
    return *Find(c, org, id);
  });
}

Result<std::vector<CrisisPlan>> StaffListsCrisisPlans(db::Database& db, const auth::Actor& actor) {
  if (!CanReadCrisisPlans(actor)) return ReadRefused();
  return db.Read([&](db::Connection& c) -> Result<std::vector<CrisisPlan>> {
    std::vector<CrisisPlan> out;
    c.Query(std::string(kSelect) + "WHERE organisation_id = ? ORDER BY start_date DESC, id DESC LIMIT 500",
            {db::P(actor.organisation_id)}, [&](const db::Row& r) { out.push_back(ReadRow(r)); });
    return out;
  });
}

Result<CrisisPlan> StaffReadsCrisisPlan(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadCrisisPlans(actor)) return ReadRefused();
  return db.Read([&](db::Connection& c) -> Result<CrisisPlan> {
    auto p = Find(c, actor.organisation_id, id);
    if (!p) return NotFound(kNotFound);
    return *p;
  });
}

Result<CrisisPlan> ManagerChangesCrisisPlan(db::Database& db, const auth::Actor& actor, CrisisPlan plan) {
  if (!CanReadCrisisPlans(actor)) return ReadRefused();
  const int64_t org = actor.organisation_id;
  const bool may_change = CanManageCrisisPlans(actor);
  return db.Write([&](db::Connection& c) -> Result<CrisisPlan> {
    if (!Find(c, org, plan.id)) return NotFound(kNotFound);
    if (!may_change) return kNoChange;
    if (auto e = Check(c, org, plan)) return *e;
    c.Exec("UPDATE crisis_plans SET kind = ?, name = ?, start_date = ?, end_date = ?, perimeter_all = ?, "
           "agency_ids = ?, communes = ?, building_ids = ?, level1_days = ?, level2_days = ?, level3_days = ?, "
           "call_hours = ?, saturday = ?, escalation_days = ?, call_script = ?, updated_at = ? "
           "WHERE id = ? AND organisation_id = ?",
           {db::P(std::string(CrisisKindCode(plan.kind))), db::P(plan.name), db::P(plan.start_date),
            plan.end_date.empty() ? db::P(nullptr) : db::P(plan.end_date), db::P(plan.perimeter.all),
            db::P(JoinIds(plan.perimeter.agency_ids)), db::P(Join(plan.perimeter.communes)),
            db::P(JoinIds(plan.perimeter.building_ids)), db::P(plan.cadence.level1_days),
            db::P(plan.cadence.level2_days), db::P(plan.cadence.level3_days), db::P(WindowsText(plan.windows)),
            db::P(plan.saturday), db::P(plan.escalation_days), db::P(plan.call_script), db::P(NowMillis()),
            db::P(plan.id), db::P(org)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "crisis_plan", plan.id));
    return *Find(c, org, plan.id);
  });
}

Result<CrisisPlan> ManagerClosesCrisisPlan(db::Database& db, const auth::Actor& actor, int64_t id,
                                           const std::string& today) {
  if (!CanReadCrisisPlans(actor)) return ReadRefused();
  const int64_t org = actor.organisation_id;
  const bool may_change = CanManageCrisisPlans(actor);
  return db.Write([&](db::Connection& c) -> Result<CrisisPlan> {
    auto p = Find(c, org, id);
    if (!p) return NotFound(kNotFound);
    if (!may_change) return kNoChange;
    const std::string end = today < p->start_date ? p->start_date : today;
    c.Exec("UPDATE crisis_plans SET end_date = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
           {db::P(end), db::P(NowMillis()), db::P(id), db::P(org)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "crisis_plan", id));
    return *Find(c, org, id);
  });
}

}  // namespace relais::outreach
