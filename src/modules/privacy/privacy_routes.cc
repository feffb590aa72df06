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
    const std::string format = ctx.req.QueryParam("format").value_or("json");
    if (format != "json" && format != "pdf") return http::Problem(Invalid("format", "format doit valoir json ou pdf."));
    auto s = OfficerExportsSubjectAccess(db, ctx.Actor(), *id);
    if (!s.ok()) return http::Problem(s.error());
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
    auto body = ParseJsonObject(ctx.req.body);
    if (!body.ok()) return http::Problem(body.error());
    auto reason = body->find("reason");
    if (reason == body->end() || !reason->is_string()) {
      return http::Problem(Invalid("reason", "Indiquez le motif de l'anonymisation (reason)."));
    }
    auto h = OfficerAnonymisesHousehold(db, ctx.Actor(), *id, reason->get<std::string>());
    if (!h.ok()) return http::Problem(h.error());
    JsonWriter w;
    housing::WriteJson(w, *h);
    return http::JsonText(w.Take());
  });
}

}  // namespace relais::privacy
