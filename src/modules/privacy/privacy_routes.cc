// HTTP routes of the privacy module (api/openapi.yaml, tag "privacy").
#include "modules/privacy/privacy.h"
#include "platform/core/json_body.h"
#include "platform/core/json_writer.h"
#include "platform/http/router.h"

namespace relais::privacy {

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail) {
  using http::Access;
  using http::Context;

  // The export is personal data leaving Relais: it leaves once its audit entry is durable.
  router.Add("GET", "/api/v1/households/{id}/subject-access", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    // The household first: another landlord's is 404 whatever the query says.
    auto s = OfficerExportsSubjectAccess(db, ctx.Actor(), *id);
    if (!s.ok()) return http::Problem(s.error());
    const std::string format = ctx.req.QueryParam("format").value_or("json");
    if (format != "json" && format != "pdf") return http::Problem(Invalid("format", "format doit valoir json ou pdf."));
    const std::string file = "droit-acces-menage-" + std::to_string(*id);
    http::Response res;
    if (format == "pdf") {
      auto bytes = SubjectAccessPdf(*s);
      if (!bytes.ok()) return http::Problem(bytes.error());
      res.content_type = "application/pdf";
      res.body = std::move(*bytes);
      res.SetHeader("Content-Disposition", "attachment; filename=\"" + file + ".pdf\"");
    } else {
      res = http::JsonText(SubjectAccessJson(*s));
      res.SetHeader("Content-Disposition", "attachment; filename=\"" + file + ".json\"");
    }
    res.hold = trail.Hold(audit::Of(ctx.Actor(), "export", "household", *id));
    return res;
  });

  router.Add("POST", "/api/v1/households/{id}/anonymise", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    // The household is looked for before the body is judged: another landlord's is 404 whatever is sent.
    auto body = ParseJsonObject(ctx.req.body);
    std::string reason;
    if (body.ok()) {
      if (auto r = body->find("reason"); r != body->end() && r->is_string()) reason = r->get<std::string>();
    }
    auto h = OfficerAnonymisesHousehold(db, ctx.Actor(), *id, reason);
    if (!h.ok()) {
      if (!body.ok() && h.error().code == ErrorCode::kInvalid) return http::Problem(body.error());
      return http::Problem(h.error());
    }
    JsonWriter w;
    housing::WriteJson(w, *h);
    return http::JsonText(w.Take());
  });
}

}  // namespace relais::privacy
