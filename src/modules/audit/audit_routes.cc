// HTTP routes of the audit module (api/openapi.yaml, tag "audit").
#include "modules/audit/audit.h"
#include "modules/audit/audit_policy.h"
#include "modules/housing/housing.h"
#include "modules/identity/identity.h"
#include "platform/core/json_writer.h"
#include "platform/csv/csv.h"
#include "platform/http/params.h"
#include "platform/http/router.h"

namespace relais::audit {

namespace {
// Grouped by the module that writes them.
constexpr std::string_view kRecordTypes[] = {
    // housing, privacy, imports
    "household", "building", "dwelling", "household_timeline",
    // the trail itself (its exports)
    "audit_trail",
    // identity, staff, organisations
    "staff_user", "staff_invitation", "organisation",
    // tenant accounts and portal
    "tenant_account", "tenant_portal_settings",
    // referrals to partners
    "referral",
    // outreach (crisis plans, calls, needs, vulnerability profiles, rounds)
    "crisis_plan", "call_list", "outreach_call", "call_agent_settings", "outreach_task", "outreach_escalation",
    "vulnerability_profile", "outreach_need", "outreach_action", "delivery_round",
    // support cases
    "support_case",
    // rent: ledgers and arrears
    "lease_ledger", "ledger_line", "arrears_step",
    // reception: appointments, sites, opening hours, closures, absences, reasons, waiting list
    "appointment", "appointment_reason", "appointment_waitlist", "reception_site", "opening_range", "site_closure",
    "staff_absence",
};

// Grouped by what they concern.
constexpr std::string_view kOperations[] = {
    // any record
    "read", "create", "update", "delete",
    // exports (the trail, a subject-access request), imports (a whole file), erasure
    "export", "import", "anonymise",
    // staff accounts and invitations
    "invite", "revoke", "deactivate", "reactivate", "mfa_enrol", "mfa_reset",
    // tenant sign-in
    "sign_in_code", "sign_in_password",
};
}  // namespace

std::span<const std::string_view> Operations() { return kOperations; }

bool KnownOperation(std::string_view operation) {
  for (auto op : kOperations) {
    if (op == operation) return true;
  }
  return false;
}

std::span<const std::string_view> RecordTypes() { return kRecordTypes; }

bool KnownRecordType(std::string_view type) {
  for (auto t : kRecordTypes) {
    if (t == type) return true;
  }
  return false;
}

std::string RecordTypesInWords() {
  std::string words;
  const size_t n = std::size(kRecordTypes);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) words += i + 1 == n ? " ou " : ", ";
    words += kRecordTypes[i];
  }
  return words;
}

namespace {

using http::Context;

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;

const Error kNotAllowed =
    Forbidden("Seuls l'administration et le·la délégué·e à la protection des données consultent le journal des accès.");

// The filters of the list and of the export, from the query string.
Result<Filter> FilterOf(const http::Request& req, const auth::Actor& actor, int max_limit) {
  Filter f;
  f.organisation_id = actor.organisation_id;
  auto limit = http::LimitParam(req, max_limit);
  if (!limit.ok()) return limit.error();
  f.limit = *limit;
  auto user = http::IdQueryParam(req, "user_id");
  if (!user.ok()) return user.error();
  f.user_id = *user;
  auto record = http::IdQueryParam(req, "record_id");
  if (!record.ok()) return record.error();
  f.record_id = *record;
  if (auto type = req.QueryParam("record_type")) {
    if (!KnownRecordType(*type)) {
      return Invalid("record_type",
                     "record_type doit valoir " + RecordTypesInWords() + ".");
    }
    f.record_type = *type;
  }
  if (f.record_id && !f.record_type) return Invalid("record_type", "record_id demande aussi record_type.");
  auto from = http::DateQueryParam(req, "from");
  if (!from.ok()) return from.error();
  if (*from) f.from_ms = ParisMidnightUtcMillis(**from);
  auto to = http::DateQueryParam(req, "to");
  if (!to.ok()) return to.error();
  // "to" is the last day included.
  if (*to) f.to_ms = ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(**to) + 1));
  if (f.from_ms && f.to_ms && *f.from_ms >= *f.to_ms) return Invalid("to", "La période se termine avant de commencer.");
  auto after = http::CursorParam(req);
  if (!after.ok()) return after.error();
  if (*after) f.before_seq = std::stoll(**after);
  return f;
}

std::unordered_map<int64_t, std::string> NamesOf(db::Connection& c, int64_t organisation_id,
                                                 const std::vector<Listed>& entries) {
  std::vector<int64_t> ids;
  for (const auto& e : entries) {
    if (e.user_id != 0 && std::find(ids.begin(), ids.end(), e.user_id) == ids.end()) ids.push_back(e.user_id);
  }
  return identity::StaffNames(c, organisation_id, ids);
}

void Write(JsonWriter& w, const Listed& e, const std::unordered_map<int64_t, std::string>& names) {
  auto name = names.find(e.user_id);
  w.BeginObject()
      .Field("seq", e.seq)
      .Field("at", FormatUtcMillis(e.at_ms))
      .Field("user_id", e.user_id)
      .Field("user_name", name == names.end() ? std::string() : name->second)
      .Field("operation", e.operation)
      .Field("record_type", e.record_type)
      .Field("record_id", e.record_id)
      .Field("remote_ip", e.remote_ip)
      .EndObject();
}

}  // namespace

Result<TrailPage> StaffReadsTrail(db::Database& db, const auth::Actor& actor, Filter f) {
  if (!CanReadTrail(actor)) return kNotAllowed;
  f.organisation_id = actor.organisation_id;
  return db.Read([&](db::Connection& c) -> Result<TrailPage> {
    TrailPage page;
    page.entries = List(c, f);
    page.names = NamesOf(c, f.organisation_id, page.entries);
    return page;
  });
}

Result<std::string> StaffExportsTrail(db::Database& db, const auth::Actor& actor, Filter f) {
  auto page = StaffReadsTrail(db, actor, f);
  if (!page.ok()) return page.error();
  if (static_cast<int>(page->entries.size()) > kExportMaxRows) {
    return Invalid("from", "L'export dépasse " + std::to_string(kExportMaxRows) +
                               " lignes : réduisez la période (from, to) ou filtrez.");
  }
  std::string out = "\xEF\xBB\xBF" "numero;date_utc;utilisateur_id;utilisateur;operation;type;enregistrement;adresse_ip\r\n";
  for (const auto& e : page->entries) {
    auto name = page->names.find(e.user_id);
    out += std::to_string(e.seq) + ';' + FormatUtcMillis(e.at_ms) + ';' + std::to_string(e.user_id) + ';';
    csv::AppendCell(out, name == page->names.end() ? std::string_view() : std::string_view(name->second));
    out += ';';
    csv::AppendCell(out, e.operation);
    out += ';';
    csv::AppendCell(out, e.record_type);
    out += ';' + std::to_string(e.record_id) + ';';
    csv::AppendCell(out, e.remote_ip);
    out += "\r\n";
  }
  return out;
}

Result<TrailPage> StaffReadsHouseholdViews(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                           int limit) {
  // Existence in the actor's organisation first: a record of another landlord is a 404.
  auto household = housing::ActorReadsHousehold(db, actor, household_id);
  if (!household.ok()) return household.error();
  if (!CanReadTrail(actor)) return kNotAllowed;
  return StaffReadsTrail(db, actor,
                         Filter{.organisation_id = actor.organisation_id,
                                .record_type = "household",
                                .record_id = household_id,
                                .from_ms = NowMillis() - 365 * kDayMillis,
                                .limit = limit});
}

void RegisterRoutes(http::Router& router, db::Database& db, Trail& trail) {
  using http::Access;

  router.Add("GET", "/api/v1/audit", Access::kSession, [&db](Context& ctx) {
    if (!CanReadTrail(ctx.Actor())) return http::Problem(kNotAllowed);
    auto f = FilterOf(ctx.req, ctx.Actor(), 200);
    if (!f.ok()) return http::Problem(f.error());
    auto page = StaffReadsTrail(db, ctx.Actor(), *f);
    if (!page.ok()) return http::Problem(page.error());
    JsonWriter w;
    w.BeginObject().Key("items").BeginArray();
    for (const auto& e : page->entries) Write(w, e, page->names);
    w.EndArray().Key("next_cursor");
    if (static_cast<int>(page->entries.size()) == f->limit) w.String(std::to_string(page->entries.back().seq));
    else w.Null();
    w.EndObject();
    return http::JsonText(w.Take());
  });

  // The export is itself recorded, and leaves once that entry is durable.
  router.Add("GET", "/api/v1/audit/export", Access::kSession, [&db, &trail](Context& ctx) {
    if (!CanReadTrail(ctx.Actor())) return http::Problem(kNotAllowed);
    auto f = FilterOf(ctx.req, ctx.Actor(), kExportMaxRows);
    if (!f.ok()) return http::Problem(f.error());
    if (!ctx.req.QueryParam("limit")) f->limit = kExportMaxRows + 1;  // to tell "too many" from "exactly"
    auto csv = StaffExportsTrail(db, ctx.Actor(), *f);
    if (!csv.ok()) return http::Problem(csv.error());
    http::Response res;
    res.content_type = "text/csv; charset=utf-8";
    res.body = std::move(*csv);
    res.SetHeader("Content-Disposition", "attachment; filename=\"journal-des-acces.csv\"");
    res.hold = trail.Hold(Of(ctx.Actor(), "export", "audit_trail", 0));
    return res;
  });

  // Who looked at (or changed) a household in the last 12 months.
  router.Add("GET", "/api/v1/households/{id}/views", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto limit = http::LimitParam(ctx.req, 200);
    if (!limit.ok()) return http::Problem(limit.error());
    auto page = StaffReadsHouseholdViews(db, ctx.Actor(), *id, *limit);
    if (!page.ok()) return http::Problem(page.error());
    JsonWriter w;
    w.BeginObject().Key("items").BeginArray();
    for (const auto& e : page->entries) Write(w, e, page->names);
    w.EndArray().EndObject();
    return http::JsonText(w.Take());
  });
}

}  // namespace relais::audit
