// HTTP routes of the rent module (api/openapi.yaml, tag arrears).
#include <atomic>
#include <cstdlib>

#include "modules/rent/rent.h"
#include "platform/core/json_body.h"
#include "platform/http/params.h"
#include "platform/log/log.h"

namespace relais::rent {
using nlohmann::json;

namespace {

json OptDate(const std::optional<CivilDate>& d) { return d ? json(FormatIso(*d)) : json(nullptr); }
json OptText(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ToJson(const NextAction& a) {
  return {{"step", CodeOf(a.step)},
          {"label", LabelOf(a.step)},
          {"due", FormatIso(a.due)},
          {"not_before", a.not_before},
          {"paused", a.paused},
          {"crisis", OptText(a.crisis)},
          {"reason", a.reason}};
}

json ToJson(const QueueItem& i) {
  return {{"lease_id", i.lease_id},
          {"household_id", i.household_id},
          {"household_reference", i.household_reference},
          {"household_name", i.household_name},
          {"balance_cents", i.balance_cents},
          {"arrears_cents", i.arrears_cents},
          {"months_hundredths", i.months_hundredths},
          {"arrears_since", OptText(i.arrears_since)},
          {"next",
           {{"step", CodeOf(i.step)},
            {"label", LabelOf(i.step)},
            {"due", i.due},
            {"not_before", i.not_before},
            {"paused", i.paused},
            {"crisis", OptText(i.crisis)},
            {"reason", i.reason}}},
          {"computed_on", i.computed_on}};
}

json ToJson(const LedgerLine& l) {
  return {{"id", l.id},
          {"reference", l.reference},
          {"date", FormatIso(l.date)},
          {"kind", CodeOf(l.kind)},
          {"kind_label", LabelOf(l.kind)},
          {"method", l.method ? json(CodeOf(*l.method)) : json(nullptr)},
          {"amount_cents", l.amount_cents},
          {"label", l.label}};
}

json ToJson(const StepRecord& s) {
  return {{"id", s.id},
          {"step", CodeOf(s.step)},
          {"label", LabelOf(s.step)},
          {"done_on", s.done_on},
          {"note", s.note},
          {"recorded_by", s.recorded_by}};
}

json ToJson(const LeaseArrears& a) {
  const Situation& s = a.situation;
  json lines = json::array();
  int64_t running = 0;
  for (const auto& l : a.lines) {
    running += l.amount_cents;
    json j = ToJson(l);
    j["balance_cents"] = running;
    lines.push_back(std::move(j));
  }
  json steps = json::array();
  for (const auto& st : a.steps) steps.push_back(ToJson(st));
  return {{"lease_id", s.lease_id},
          {"household_id", s.household_id},
          {"household_reference", a.household_reference},
          {"household_name", a.household_name},
          {"terms",
           {{"signed_on", FormatIso(s.terms.signed_on)},
            {"rent_cents", s.terms.rent_cents},
            {"charges_cents", s.terms.charges_cents},
            {"benefit_cents", s.terms.benefit_cents},
            {"benefit_paid_to_landlord", s.terms.benefit_paid_to_landlord}}},
          {"balance_cents", s.facts.balance_cents},
          {"arrears_cents", s.facts.arrears_cents},
          {"residual_rent_cents", s.facts.residual_rent_cents},
          {"months_hundredths", s.facts.months_hundredths},
          {"arrears_since", OptDate(s.facts.arrears_since)},
          {"fully_unpaid_months", s.facts.fully_unpaid_months},
          {"caf_threshold_cents", s.caf_threshold_cents},
          {"caf_threshold_since", OptDate(s.facts.caf_threshold_since)},
          {"visale_claim_since", OptDate(s.facts.visale_claim_since)},
          {"winter_truce_until", OptDate(s.truce_until)},
          {"next", s.next ? ToJson(*s.next) : json(nullptr)},
          {"lines", lines},
          {"steps", steps}};
}

Result<int> OffsetParam(const http::Request& req) {
  auto v = req.QueryParam("offset");
  if (!v) return 0;
  const std::string s(*v);
  if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string::npos)
    return Invalid("offset", "offset doit être un entier entre 0 et 9 999 999.");
  return std::atoi(s.c_str());
}

}  // namespace

CivilDate TodayInParis() {
  return ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const ClockSettings& settings) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/arrears/queue", Access::kSession, [&db, settings](Context& ctx) {
    QueueFilter f;
    auto limit = http::LimitParam(ctx.req, 200);
    if (!limit.ok()) return http::Problem(limit.error());
    f.limit = *limit;
    auto offset = OffsetParam(ctx.req);
    if (!offset.ok()) return http::Problem(offset.error());
    f.offset = *offset;
    auto due_by = http::DateQueryParam(ctx.req, "due_by");
    if (!due_by.ok()) return http::Problem(due_by.error());
    f.due_by = *due_by;
    const CivilDate today = TodayInParis();
    auto page = OfficerListsArrearsQueue(db, ctx.Actor(), f, today, settings);
    if (!page.ok()) return http::Problem(page.error());
    json items = json::array();
    for (const auto& i : page->items) items.push_back(ToJson(i));
    return http::Json({{"items", items},
                       {"total", page->total},
                       {"today", FormatIso(today)},
                       {"computed_on", OptText(page->computed_on)},
                       {"crises", page->crises}});
  });

  router.Add("POST", "/api/v1/arrears/compute", Access::kSession, [&db, settings](Context& ctx) {
    const CivilDate today = TodayInParis();
    auto counts = OfficerComputesArrears(db, ctx.Actor(), today, settings);
    if (!counts.ok()) return http::Problem(counts.error());
    return http::Json({{"computed_on", FormatIso(today)},
                       {"leases", counts->leases},
                       {"in_arrears", counts->in_arrears},
                       {"with_step", counts->with_step}});
  });

  router.Add("GET", "/api/v1/leases/{id}/arrears", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto a = OfficerReadsLeaseArrears(db, ctx.Actor(), *id, TodayInParis(), settings);
    if (!a.ok()) return http::Problem(a.error());
    auto res = http::Json(ToJson(*a));
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "read", "lease_ledger", *id));
    return res;
  });

  router.Add("POST", "/api/v1/leases/{id}/arrears/steps", Access::kSession, [&db, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto j = ParseJsonObject(ctx.req.body);
    if (!j.ok()) return http::Problem(j.error());
    FieldReader f(*j);
    StepRecord step;
    const std::string code = f.Str("step", 40);
    auto s = StepOf(code);
    if (f.ok() && !s)
      f.Fail("step", "step doit valoir reminder, caf_report, ccapex_referral, repayment_plan, payment_demand ou summons.");
    if (s) step.step = *s;
    step.done_on = FormatIso(f.Date("done_on"));
    step.note = f.OptStr("note", 2000).value_or("");
    f.RejectUnknown({"step", "done_on", "note"});
    if (!f.ok()) return http::Problem(f.error());
    auto made = OfficerRecordsArrearsStep(db, ctx.Actor(), *id, step, TodayInParis(), settings);
    if (!made.ok()) return http::Problem(made.error());
    return http::Json(ToJson(*made), 201);
  });
}

std::unique_ptr<DailyJob> StartNightlyArrears(db::Database& db, ClockSettings settings) {
  if (settings.compute_hour < 0) return nullptr;
  return std::make_unique<DailyJob>(settings.compute_hour, [&db, settings](CivilDate today) {
    try {
      const auto counts = ComputeEveryOrganisation(db, today, settings);
      log::Info("arrears: computed", {{"date", FormatIso(today)}, {"leases", counts.leases},
                                      {"in_arrears", counts.in_arrears}, {"with_step", counts.with_step}});
      return true;
    } catch (const std::exception& e) {
      log::Error("arrears: computation failed, retried in 5 minutes", {{"error", std::string(e.what())}});
      return false;
    }
  }, std::chrono::seconds(45));
}

}  // namespace relais::rent
