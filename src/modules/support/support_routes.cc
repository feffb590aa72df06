// HTTP routes of support cases (api/openapi.yaml, tag "support"). Every read of a case (its page,
// the list, a document, even the household's summary) leaves only once its audit entry is durable.
#include <atomic>
#include <memory>

#include "modules/support/support.h"
#include "modules/support/support_fsl.h"
#include "modules/support/support_solutions.h"
#include "modules/support/support_plan.h"
#include "platform/audit/audit.h"
#include "platform/core/json_body.h"
#include "platform/http/params.h"
#include "platform/http/router.h"

namespace relais::support {
using nlohmann::json;

namespace {

json OptMillis(const std::optional<int64_t>& v) { return v ? json(FormatUtcMillis(*v)) : json(nullptr); }
json OptStr(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json SummaryJson(const CaseSummary& s) {
  return {{"id", s.id},
          {"household_id", s.household_id},
          {"officer", {{"id", s.officer_id}, {"name", s.officer_name}}},
          {"open", s.open},
          {"opened_at", FormatUtcMillis(s.opened_at)},
          {"closed_at", OptMillis(s.closed_at)}};
}

json CaseJson(const SupportCase& s, bool with_content) {
  json out{{"id", s.id},
           {"household", {{"id", s.household_id}, {"reference", s.household_reference}, {"name", s.household_name}}},
           {"officer", {{"id", s.officer_id}, {"name", s.officer_name}}},
           {"state", s.state},
           {"outcome", OptStr(s.outcome)},
           {"opened_from", s.opened_from},
           {"reason", s.reason},
           {"opened_at", FormatUtcMillis(s.opened_at)},
           {"updated_at", FormatUtcMillis(s.updated_at)},
           {"closed_at", OptMillis(s.closed_at)},
           {"follow_up_ended_on", OptStr(s.follow_up_ended_on)},
           {"anonymised_at", OptMillis(s.anonymised_at)}};
  if (!with_content) return out;
  json events = json::array(), tasks = json::array(), notes = json::array(), documents = json::array();
  for (const auto& e : s.events) {
    events.push_back({{"id", e.id},
                      {"kind", e.kind},
                      {"from_state", OptStr(e.from_state)},
                      {"to_state", OptStr(e.to_state)},
                      {"ref_id", e.ref_id ? json(*e.ref_id) : json(nullptr)},
                      {"text", e.text},
                      {"by", e.user_id ? json({{"id", e.user_id}, {"name", e.user_name}}) : json(nullptr)},
                      {"at", FormatUtcMillis(e.at)}});
  }
  for (const auto& t : s.tasks) {
    tasks.push_back({{"id", t.id},
                     {"title", t.title},
                     {"due_date", t.due_date},
                     {"owner", {{"id", t.owner_id}, {"name", t.owner_name}}},
                     {"status", t.status},
                     {"source", t.source},
                     {"created_at", FormatUtcMillis(t.created_at)},
                     {"closed_at", OptMillis(t.closed_at)}});
  }
  for (const auto& n : s.notes) {
    notes.push_back({{"id", n.id},
                     {"body", n.body},
                     {"author", {{"id", n.author_id}, {"name", n.author_name}}},
                     {"created_at", FormatUtcMillis(n.created_at)}});
  }
  for (const auto& d : s.documents) {
    documents.push_back({{"id", d.id},
                         {"filename", d.filename},
                         {"content_type", d.content_type},
                         {"size_bytes", d.size_bytes},
                         {"sha256", d.sha256},
                         {"uploaded_by", {{"id", d.uploaded_by}, {"name", d.uploaded_by_name}}},
                         {"uploaded_at", FormatUtcMillis(d.uploaded_at)}});
  }
  out["events"] = events;
  out["tasks"] = tasks;
  out["notes"] = notes;
  out["documents"] = documents;
  return out;
}

audit::Entry ReadEntry(const http::Context& ctx, int64_t case_id) {
  return audit::Of(ctx.Actor(), "read", "support_case", case_id);
}

// A change's answer: the case as it is now (the change's own audit entry covers it).
http::Response AnswerChange(const Result<SupportCase>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(CaseJson(*r, true), status);
}

// A route with a body: the case is looked for first (another landlord's case is 404 and a role
// that may not is 403 whatever the body says), then the body's own errors.
template <class Decode, class Apply>
http::Response WithBody(db::Database& db, http::Context& ctx, Decode decode, Apply apply) {
  auto id = ctx.IdParam();
  if (!id.ok()) return http::Problem(id.error());
  auto j = ParseJsonObject(ctx.req.body);
  std::optional<Error> body_error;
  if (j.ok()) {
    FieldReader f(*j);
    decode(f);
    if (!f.ok()) body_error = f.error();
  } else {
    body_error = j.error();
  }
  if (body_error) {
    auto s = StaffReadsSupportCase(db, ctx.Actor(), *id);
    return http::Problem(s.ok() ? *body_error : s.error());
  }
  return apply(*id);
}

json PlanJson(const PaymentPlanView& p) {
  json instalments = json::array();
  for (const auto& i : p.instalments) {
    instalments.push_back({{"number", i.instalment.number},
                           {"due_on", FormatIso(i.instalment.due_on)},
                           {"amount_cents", i.instalment.amount_cents},
                           {"missed_task_id", i.missed_task_id ? json(*i.missed_task_id) : json(nullptr)}});
  }
  return {{"id", p.id},
          {"case_id", p.case_id},
          {"lease_id", p.lease_id},
          {"debt_cents", p.debt_cents},
          {"months", p.months},
          {"first_due_on", FormatIso(p.first_due_on)},
          {"signed_on", FormatIso(p.signed_on)},
          {"status", p.status},
          {"ended_on", p.ended_on ? json(FormatIso(*p.ended_on)) : json(nullptr)},
          {"end_reason", p.end_reason},
          {"debt_now_cents", p.debt_now_cents},
          {"expected_debt_cents", p.adherence.expected_debt_cents},
          {"behind_cents", p.adherence.behind_cents},
          {"first_missed", p.adherence.first_missed ? json(*p.adherence.first_missed) : json(nullptr)},
          {"instalments", instalments}};
}

json OptDateJson(const std::optional<CivilDate>& d) { return d ? json(FormatIso(*d)) : json(nullptr); }
json OptCents(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json FslJson(const FslReferralView& f) {
  json members = json::array();
  for (const auto& m : f.members) {
    members.push_back({{"first_name", m.first_name},
                       {"last_name", m.last_name},
                       {"relation", m.relation},
                       {"birth_year", m.birth_year ? json(*m.birth_year) : json(nullptr)}});
  }
  const auto& d = f.departement;
  auto configured = [](int64_t v) { return v > 0 ? json(v) : json(nullptr); };
  return {{"id", f.id},
          {"case_id", f.case_id},
          {"lease_id", f.lease_id},
          {"departement",
           {{"code", d.code},
            {"name", d.name},
            {"fund_address", OptStr(d.fund_address)},
            {"resource_ceiling_cents", configured(d.resource_ceiling_cents)},
            {"resource_ceiling_per_person_cents", configured(d.resource_ceiling_per_person_cents)},
            {"max_grant_cents", configured(d.max_grant_cents)}}},
          {"aid_kind", f.aid_kind},
          {"household_size", f.household_size},
          {"members", members},
          {"monthly_resources_cents", f.monthly_resources_cents},
          {"resources_note", f.resources_note},
          {"difficulty", f.difficulty},
          {"resources_ceiling_cents", f.resources.configured ? json(f.resources.ceiling_cents) : json(nullptr)},
          {"resources_within_ceiling", f.resources.configured ? json(f.resources.within) : json(nullptr)},
          {"debt_cents", f.debt_cents},
          {"rent_cents", f.rent_cents},
          {"charges_cents", f.charges_cents},
          {"housing_benefit_cents", f.housing_benefit_cents},
          {"benefit_paid_to_landlord", f.benefit_paid_to_landlord},
          {"requested_cents", f.requested_cents},
          {"status", f.status},
          {"decision", OptStr(f.decision)},
          {"granted_cents", OptCents(f.granted_cents)},
          {"decision_note", f.decision_note},
          {"prepared_on", FormatIso(f.prepared_on)},
          {"sent_on", OptDateJson(f.sent_on)},
          {"decided_on", OptDateJson(f.decided_on)},
          {"paid_on", OptDateJson(f.paid_on)},
          {"ledger_line_id", OptCents(f.ledger_line_id)}};
}

http::Response AnswerFsl(const Result<FslReferralView>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json({{"referral", FslJson(*r)}}, status);
}

json EligibilityJson(const std::optional<Eligibility>& e) {
  if (!e) return nullptr;
  return {{"eligible", e->eligible},
          {"reasons", e->reasons},
          {"first_unpaid_on", OptDateJson(e->first_unpaid_on)},
          {"notice_deadline", OptDateJson(e->notice_deadline)},
          {"claim_from", OptDateJson(e->claim_from)},
          {"max_claim_cents", e->max_claim_cents}};
}

json SolutionsJson(const CaseSolutions& s) {
  json claims = json::array(), others = json::array();
  for (const auto& g : s.claims) {
    json payments = json::array();
    for (const auto& p : g.payments)
      payments.push_back({{"id", p.id}, {"paid_on", FormatIso(p.paid_on)}, {"amount_cents", p.amount_cents},
                          {"ledger_line_id", p.ledger_line_id}});
    claims.push_back({{"id", g.id},
                      {"lease_id", g.lease_id},
                      {"guarantee", g.guarantee},
                      {"guarantee_reference", g.guarantee_reference},
                      {"obtained_on", OptDateJson(g.obtained_on)},
                      {"student", g.student},
                      {"debt_cents", g.debt_cents},
                      {"first_unpaid_on", OptDateJson(g.first_unpaid_on)},
                      {"notice_deadline", OptDateJson(g.notice_deadline)},
                      {"notice_sent_on", OptDateJson(g.notice_sent_on)},
                      {"claim_from", OptDateJson(g.claim_from)},
                      {"max_claim_cents", g.max_claim_cents},
                      {"rent_cents", g.rent_cents},
                      {"charges_cents", g.charges_cents},
                      {"housing_benefit_cents", g.housing_benefit_cents},
                      {"status", g.status},
                      {"outcome", OptStr(g.outcome)},
                      {"prepared_on", FormatIso(g.prepared_on)},
                      {"sent_on", OptDateJson(g.sent_on)},
                      {"closed_on", OptDateJson(g.closed_on)},
                      {"paid_cents", g.paid_cents},
                      {"payments", payments}});
  }
  for (const auto& o : s.others) {
    others.push_back({{"id", o.id},
                      {"kind", o.kind},
                      {"started_on", FormatIso(o.started_on)},
                      {"detail", o.detail},
                      {"outcome", o.outcome},
                      {"outcome_on", OptDateJson(o.outcome_on)},
                      {"outcome_note", o.outcome_note},
                      {"amount_cents", OptCents(o.amount_cents)},
                      {"paid_on", OptDateJson(o.paid_on)},
                      {"ledger_line_id", OptCents(o.ledger_line_id)}});
  }
  return {{"eligibility", {{"visale", EligibilityJson(s.visale)}, {"loca_pass", EligibilityJson(s.loca_pass)}}},
          {"claims", claims},
          {"others", others}};
}

http::Response AnswerSolutions(const Result<CaseSolutions>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  return http::Json(SolutionsJson(*r), status);
}

CivilDate Today() { return ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const Settings& settings) {
  using http::Access;
  using http::Context;

  // What contact staff see of a household's cases: that they exist, their officer.
  router.Add("GET", "/api/v1/households/{id}/support-cases", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto list = StaffListsHouseholdCases(db, ctx.Actor(), *id);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    std::vector<audit::Entry> entries;
    for (const auto& s : *list) {
      items.push_back(SummaryJson(s));
      entries.push_back(ReadEntry(ctx, s.id));
    }
    http::Response res = http::Json({{"items", items}});
    res.hold = trail.HoldAll(std::move(entries));
    return res;
  });

  router.Add("POST", "/api/v1/households/{id}/support-cases", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    OpenCaseInput in;
    std::optional<Error> body_error;
    auto j = ParseJsonObject(ctx.req.body);
    if (j.ok()) {
      FieldReader f(*j);
      f.RejectUnknown({"opened_from", "officer_id", "reason"});
      if (auto from = f.OptStr("opened_from", 20)) in.opened_from = *from;
      in.officer_id = f.OptInt("officer_id", 1, INT64_MAX);
      in.reason = f.OptStr("reason", 2000).value_or("");
      if (!f.ok()) body_error = f.error();
    } else {
      body_error = j.error();
    }
    if (body_error) {
      // The household decides first (404/403), then the body's own errors.
      auto h = StaffListsHouseholdCases(db, ctx.Actor(), *id);
      if (!h.ok()) return http::Problem(h.error());
      return http::Problem(*body_error);
    }
    return AnswerChange(OfficerOpensSupportCase(db, ctx.Actor(), *id, in), 201);
  });

  router.Add("GET", "/api/v1/support-cases", Access::kSession, [&db, &trail](Context& ctx) {
    CaseFilter filter;
    auto limit = http::LimitParam(ctx.req, 500);
    if (!limit.ok()) return http::Problem(limit.error());
    filter.limit = *limit;
    auto officer = http::IdQueryParam(ctx.req, "officer_id");
    if (!officer.ok()) return http::Problem(officer.error());
    filter.officer_id = *officer;
    if (auto mine = ctx.req.QueryParam("mine"); mine && *mine == "1") filter.officer_id = ctx.Actor().user_id;
    filter.state = ctx.req.QueryParam("state");
    auto list = StaffListsSupportCases(db, ctx.Actor(), filter);
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    std::vector<audit::Entry> entries;
    for (const auto& s : *list) {
      items.push_back(CaseJson(s, false));
      entries.push_back(ReadEntry(ctx, s.id));
    }
    http::Response res = http::Json({{"items", items}});
    res.hold = trail.HoldAll(std::move(entries));
    return res;
  });

  router.Add("GET", "/api/v1/support-cases/{id}", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto s = StaffReadsSupportCase(db, ctx.Actor(), *id);
    if (!s.ok()) return http::Problem(s.error());
    http::Response res = http::Json(CaseJson(*s, true));
    res.hold = trail.Hold(ReadEntry(ctx, *id));
    return res;
  });

  router.Add("POST", "/api/v1/support-cases/{id}/transitions", Access::kSession, [&db](Context& ctx) {
    std::string event, outcome, comment;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"event", "outcome", "comment"});
          event = f.Str("event", 40);
          outcome = f.OptStr("outcome", 40).value_or("");
          comment = f.OptStr("comment", 2000).value_or("");
        },
        [&](int64_t id) { return AnswerChange(OfficerMovesSupportCase(db, ctx.Actor(), id, event, outcome, comment)); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/officer", Access::kSession, [&db](Context& ctx) {
    int64_t officer = 0;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"officer_id"});
          officer = f.Int("officer_id", 1, INT64_MAX);
        },
        [&](int64_t id) { return AnswerChange(OfficerReassignsSupportCase(db, ctx.Actor(), id, officer)); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/tasks", Access::kSession, [&db](Context& ctx) {
    std::string title;
    CivilDate due;
    std::optional<int64_t> owner;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"title", "due_date", "owner_id"});
          title = f.Str("title", 300);
          due = f.Date("due_date");
          owner = f.OptInt("owner_id", 1, INT64_MAX);
        },
        [&](int64_t id) { return AnswerChange(OfficerAddsCaseTask(db, ctx.Actor(), id, title, due, owner), 201); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/tasks/close", Access::kSession, [&db](Context& ctx) {
    int64_t task = 0;
    std::string status;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"task_id", "status"});
          task = f.Int("task_id", 1, INT64_MAX);
          status = f.Str("status", 20);
        },
        [&](int64_t id) { return AnswerChange(OfficerClosesCaseTask(db, ctx.Actor(), id, task, status)); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/notes", Access::kSession, [&db](Context& ctx) {
    std::string body;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"body"});
          body = f.Str("body", 10000);
        },
        [&](int64_t id) { return AnswerChange(OfficerAddsCaseNote(db, ctx.Actor(), id, body), 201); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/documents", Access::kSession, [&db, settings](Context& ctx) {
    std::string filename, content_type, content;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"filename", "content_type", "content_base64"});
          filename = f.Str("filename", 200);
          content_type = f.Str("content_type", 100);
          // The size is checked once decoded (document.h), against the configured limit.
          content = f.Str("content_base64", 1u << 30);
        },
        [&](int64_t id) {
          return AnswerChange(OfficerAddsCaseDocument(db, ctx.Actor(), settings, id, filename, content_type, content), 201);
        });
  });

  router.Add("GET", "/api/v1/support-cases/{id}/plan", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto p = StaffReadsPaymentPlan(db, ctx.Actor(), settings.plan_rules, *id, Today());
    if (!p.ok()) return http::Problem(p.error());
    http::Response res = http::Json({{"plan", *p ? PlanJson(**p) : json(nullptr)}});
    res.hold = trail.Hold(ReadEntry(ctx, *id));
    return res;
  });

  router.Add("GET", "/api/v1/support-cases/{id}/plan/pdf", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto p = StaffReadsPaymentPlan(db, ctx.Actor(), settings.plan_rules, *id, Today());
    if (!p.ok()) return http::Problem(p.error());
    if (!*p) return http::Problem(NotFound("Ce dossier n'a pas de plan d'apurement."));
    auto bytes = PaymentPlanPdf(**p);
    if (!bytes.ok()) return http::Problem(bytes.error());
    http::Response res;
    res.content_type = "application/pdf";
    res.body = std::move(*bytes);
    res.SetHeader("Content-Disposition", "attachment; filename=\"plan-apurement-" + std::to_string(*id) + ".pdf\"");
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "export", "support_case", *id));
    return res;
  });

  router.Add("POST", "/api/v1/support-cases/{id}/plan", Access::kSession, [&db, settings](Context& ctx) {
    PlanInput in;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"months", "first_due_on", "signed_on"});
          in.months = static_cast<int>(f.Int("months", 1, 1200));
          in.first_due_on = f.Date("first_due_on");
          in.signed_on = f.Date("signed_on");
        },
        [&](int64_t id) -> http::Response {
          auto p = OfficerSetsUpPaymentPlan(db, ctx.Actor(), settings.plan_rules, id, in, Today());
          if (!p.ok()) return http::Problem(p.error());
          return http::Json({{"plan", PlanJson(*p)}}, 201);
        });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/plan/cancel", Access::kSession, [&db, settings](Context& ctx) {
    std::string reason;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"reason"});
          reason = f.OptStr("reason", 1000).value_or("");
        },
        [&](int64_t id) -> http::Response {
          auto p = OfficerCancelsPaymentPlan(db, ctx.Actor(), settings.plan_rules, id, reason, Today());
          if (!p.ok()) return http::Problem(p.error());
          return http::Json({{"plan", PlanJson(*p)}});
        });
  });

  // FSL referrals (support_fsl.h).
  router.Add("GET", "/api/v1/support-cases/{id}/fsl", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto f = StaffReadsFslReferral(db, ctx.Actor(), settings.fsl_rules, *id);
    if (!f.ok()) return http::Problem(f.error());
    http::Response res = http::Json({{"referral", *f ? FslJson(**f) : json(nullptr)}});
    res.hold = trail.Hold(ReadEntry(ctx, *id));
    return res;
  });

  router.Add("GET", "/api/v1/support-cases/{id}/fsl/pdf", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto f = StaffReadsFslReferral(db, ctx.Actor(), settings.fsl_rules, *id);
    if (!f.ok()) return http::Problem(f.error());
    if (!*f) return http::Problem(NotFound("Ce dossier n'a pas de dossier FSL."));
    auto bytes = FslReferralPdf(**f);
    if (!bytes.ok()) return http::Problem(bytes.error());
    http::Response res;
    res.content_type = "application/pdf";
    res.body = std::move(*bytes);
    res.SetHeader("Content-Disposition", "attachment; filename=\"dossier-fsl-" + std::to_string(*id) + ".pdf\"");
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "export", "support_case", *id));
    return res;
  });

  router.Add("POST", "/api/v1/support-cases/{id}/fsl", Access::kSession, [&db, settings](Context& ctx) {
    FslInput in;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"aid_kind", "monthly_resources_cents", "resources_note", "difficulty", "requested_cents"});
          in.aid_kind = f.OptStr("aid_kind", 20).value_or("arrears");
          in.monthly_resources_cents = f.Int("monthly_resources_cents", 0, 100000000);
          in.resources_note = f.OptStr("resources_note", 2000).value_or("");
          in.difficulty = f.OptStr("difficulty", 4000).value_or("");
          in.requested_cents = f.OptInt("requested_cents", 1, 100000000);
        },
        [&](int64_t id) {
          return AnswerFsl(OfficerPreparesFslReferral(db, ctx.Actor(), settings.fsl_rules, id, in, Today(),
                                                      settings.plan_rules.grace_days),
                           201);
        });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/fsl/send", Access::kSession, [&db, settings](Context& ctx) {
    CivilDate sent_on;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"sent_on"});
          sent_on = f.Date("sent_on");
        },
        [&](int64_t id) { return AnswerFsl(OfficerSendsFslReferral(db, ctx.Actor(), settings.fsl_rules, id, sent_on, Today())); });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/fsl/decision", Access::kSession, [&db, settings](Context& ctx) {
    std::string decision, note;
    std::optional<int64_t> granted;
    CivilDate decided_on;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"decision", "granted_cents", "decided_on", "note"});
          decision = f.Str("decision", 20);
          granted = f.OptInt("granted_cents", 0, 100000000);
          decided_on = f.Date("decided_on");
          note = f.OptStr("note", 2000).value_or("");
        },
        [&](int64_t id) {
          return AnswerFsl(OfficerRecordsFslDecision(db, ctx.Actor(), settings.fsl_rules, id, decision, granted, note,
                                                     decided_on, Today()));
        });
  });

  router.Add("POST", "/api/v1/support-cases/{id}/fsl/payment", Access::kSession, [&db, settings](Context& ctx) {
    CivilDate paid_on;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"paid_on"});
          paid_on = f.Date("paid_on");
        },
        [&](int64_t id) { return AnswerFsl(OfficerRecordsFslPayment(db, ctx.Actor(), settings.fsl_rules, id, paid_on, Today())); });
  });

  // Guarantee claims and other solutions (support_solutions.h).
  router.Add("GET", "/api/v1/support-cases/{id}/solutions", Access::kSession, [&db, &trail, settings](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto s = StaffReadsCaseSolutions(db, ctx.Actor(), settings.solution_rules, *id, Today());
    if (!s.ok()) return http::Problem(s.error());
    http::Response res = http::Json(SolutionsJson(*s));
    res.hold = trail.Hold(ReadEntry(ctx, *id));
    return res;
  });

  router.Add("POST", "/api/v1/support-cases/{id}/guarantee-claims", Access::kSession, [&db, settings](Context& ctx) {
    ClaimInput in;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"guarantee", "guarantee_reference", "obtained_on", "student", "notice_sent_on"});
          in.guarantee = f.Str("guarantee", 20);
          in.guarantee_reference = f.OptStr("guarantee_reference", 60).value_or("");
          in.obtained_on = f.OptDate("obtained_on");
          in.student = f.OptBool("student").value_or(false);
          in.notice_sent_on = f.OptDate("notice_sent_on");
        },
        [&](int64_t id) {
          return AnswerSolutions(OfficerPreparesGuaranteeClaim(db, ctx.Actor(), settings.solution_rules, id, in, Today()), 201);
        });
  });

  router.Add("GET", "/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/pdf", Access::kSession,
             [&db, &trail, settings](Context& ctx) {
               auto id = ctx.IdParam();
               if (!id.ok()) return http::Problem(id.error());
               auto claim = ctx.IdParam("claim_id");
               if (!claim.ok()) return http::Problem(claim.error());
               auto s = StaffReadsCaseSolutions(db, ctx.Actor(), settings.solution_rules, *id, Today());
               if (!s.ok()) return http::Problem(s.error());
               auto bytes = GuaranteeClaimPdf(*s, *claim);
               if (!bytes.ok()) return http::Problem(bytes.error());
               http::Response res;
               res.content_type = "application/pdf";
               res.body = std::move(*bytes);
               res.SetHeader("Content-Disposition",
                             "attachment; filename=\"garantie-" + std::to_string(*id) + "-" + std::to_string(*claim) + ".pdf\"");
               res.hold = trail.Hold(audit::Of(ctx.Actor(), "export", "support_case", *id));
               return res;
             });

  // The claim's id from the path, then the case and the body as the other routes.
  auto claim_route = [&db](Context& ctx, auto decode, auto apply) {
    auto claim = ctx.IdParam("claim_id");
    if (!claim.ok()) return http::Problem(claim.error());
    return WithBody(db, ctx, decode, [&](int64_t id) { return apply(id, *claim); });
  };

  router.Add("POST", "/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/send", Access::kSession,
             [&db, settings, claim_route](Context& ctx) {
               CivilDate on;
               return claim_route(
                   ctx,
                   [&](FieldReader& f) {
                     f.RejectUnknown({"sent_on"});
                     on = f.Date("sent_on");
                   },
                   [&](int64_t id, int64_t claim) {
                     return AnswerSolutions(OfficerSendsGuaranteeClaim(db, ctx.Actor(), settings.solution_rules, id, claim, on, Today()));
                   });
             });

  router.Add("POST", "/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/payments", Access::kSession,
             [&db, settings, claim_route](Context& ctx) {
               CivilDate on;
               int64_t amount = 0;
               return claim_route(
                   ctx,
                   [&](FieldReader& f) {
                     f.RejectUnknown({"paid_on", "amount_cents"});
                     on = f.Date("paid_on");
                     amount = f.Int("amount_cents", 1, 100000000);
                   },
                   [&](int64_t id, int64_t claim) {
                     return AnswerSolutions(
                         OfficerRecordsGuaranteePayment(db, ctx.Actor(), settings.solution_rules, id, claim, on, amount, Today()), 201);
                   });
             });

  router.Add("POST", "/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/close", Access::kSession,
             [&db, settings, claim_route](Context& ctx) {
               CivilDate on;
               std::string outcome;
               return claim_route(
                   ctx,
                   [&](FieldReader& f) {
                     f.RejectUnknown({"outcome", "closed_on"});
                     outcome = f.Str("outcome", 20);
                     on = f.Date("closed_on");
                   },
                   [&](int64_t id, int64_t claim) {
                     return AnswerSolutions(
                         OfficerClosesGuaranteeClaim(db, ctx.Actor(), settings.solution_rules, id, claim, outcome, on, Today()));
                   });
             });

  router.Add("POST", "/api/v1/support-cases/{id}/other-solutions", Access::kSession, [&db, settings](Context& ctx) {
    std::string kind, detail;
    CivilDate on;
    return WithBody(
        db, ctx,
        [&](FieldReader& f) {
          f.RejectUnknown({"kind", "started_on", "detail"});
          kind = f.Str("kind", 30);
          on = f.Date("started_on");
          detail = f.OptStr("detail", 2000).value_or("");
        },
        [&](int64_t id) {
          return AnswerSolutions(OfficerRecordsOtherSolution(db, ctx.Actor(), settings.solution_rules, id, kind, on, detail, Today()),
                                 201);
        });
  });

  auto solution_route = [&db](Context& ctx, auto decode, auto apply) {
    auto sid = ctx.IdParam("solution_id");
    if (!sid.ok()) return http::Problem(sid.error());
    return WithBody(db, ctx, decode, [&](int64_t id) { return apply(id, *sid); });
  };

  router.Add("POST", "/api/v1/support-cases/{id}/other-solutions/{solution_id}/outcome", Access::kSession,
             [&db, settings, solution_route](Context& ctx) {
               std::string outcome, note;
               CivilDate on;
               std::optional<int64_t> amount;
               bool job_loss = false;
               return solution_route(
                   ctx,
                   [&](FieldReader& f) {
                     f.RejectUnknown({"outcome", "outcome_on", "amount_cents", "job_loss", "note"});
                     outcome = f.Str("outcome", 20);
                     on = f.Date("outcome_on");
                     amount = f.OptInt("amount_cents", 0, 100000000);
                     job_loss = f.OptBool("job_loss").value_or(false);
                     note = f.OptStr("note", 2000).value_or("");
                   },
                   [&](int64_t id, int64_t sid) {
                     return AnswerSolutions(OfficerRecordsSolutionOutcome(db, ctx.Actor(), settings.solution_rules, id, sid, outcome,
                                                                          on, amount, job_loss, note, Today()));
                   });
             });

  router.Add("POST", "/api/v1/support-cases/{id}/other-solutions/{solution_id}/payment", Access::kSession,
             [&db, settings, solution_route](Context& ctx) {
               CivilDate on;
               return solution_route(
                   ctx,
                   [&](FieldReader& f) {
                     f.RejectUnknown({"paid_on"});
                     on = f.Date("paid_on");
                   },
                   [&](int64_t id, int64_t sid) {
                     return AnswerSolutions(
                         OfficerRecordsSolutionPayment(db, ctx.Actor(), settings.solution_rules, id, sid, on, Today()));
                   });
             });

  router.Add("GET", "/api/v1/support-cases/{id}/documents/{document_id}", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto doc_id = ctx.IdParam("document_id");
    if (!doc_id.ok()) return http::Problem(doc_id.error());
    auto file = StaffReadsCaseDocument(db, ctx.Actor(), *id, *doc_id);
    if (!file.ok()) return http::Problem(file.error());
    http::Response res;
    res.content_type = file->meta.content_type;
    res.body = std::move(file->bytes);
    // The name as an RFC 5987 parameter too: French names keep their accents.
    std::string ascii;
    for (char c : file->meta.filename) ascii.push_back(static_cast<unsigned char>(c) < 0x80 && c != '"' ? c : '_');
    std::string encoded;
    for (unsigned char c : file->meta.filename) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
        encoded.push_back(static_cast<char>(c));
      } else {
        static const char* kHex = "0123456789ABCDEF";
        encoded += '%';
        encoded += kHex[c >> 4];
        encoded += kHex[c & 15];
      }
    }
    res.SetHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
    res.hold = trail.Hold(ReadEntry(ctx, *id));
    return res;
  });
}

}  // namespace relais::support
