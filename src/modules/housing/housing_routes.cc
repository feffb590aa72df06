// HTTP routes of the housing module: parse, call the use case, answer JSON (api/openapi.yaml).
#include "modules/housing/housing.h"
#include "modules/housing/housing_bodies.h"
#include "modules/housing/housing_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/json_writer.h"
#include "platform/core/text.h"
#include "platform/http/params.h"
#include "platform/http/router.h"

namespace relais::housing {
using http::CursorParam;
using http::IdQueryParam;
using http::LimitParam;
using nlohmann::json;

namespace {

void Write(JsonWriter& w, const Building& b) {
  w.BeginObject()
      .Field("id", b.id)
      .Field("reference", b.reference)
      .Field("name", b.name)
      .Field("street", b.street)
      .Field("postal_code", b.postal_code)
      .Field("commune_insee", b.commune_insee)
      .Field("commune_name", b.commune_name)
      .Field("agency_id", b.agency_id)
      .Field("qpv", b.qpv)
      .Field("has_lift", b.has_lift)
      .Field("floors", b.floors)
      .Field("dwelling_count", b.dwelling_count)
      .EndObject();
}

void Write(JsonWriter& w, const Dwelling& d) {
  w.BeginObject()
      .Field("id", d.id)
      .Field("reference", d.reference)
      .Field("building_id", d.building_id)
      .Field("building_reference", d.building_reference)
      .Field("floor", d.floor)
      .Field("rooms", d.rooms)
      .Field("typology", d.rooms >= 6 ? std::string("T6+") : "T" + std::to_string(d.rooms))
      .Field("surface_m2", static_cast<double>(d.surface_cm2) / 100.0)
      .Field("financing", FinancingCode(d.financing))
      .Field("rent_cents", d.rent_cents)
      .Field("charges_cents", d.charges_cents)
      .Field("accessible_prm", d.accessible_prm)
      .Field("household_id", d.household_id)
      .EndObject();
}

// A summary; `score` is written for search results only.
void Write(JsonWriter& w, const HouseholdSummary& s, bool with_score = false) {
  w.BeginObject()
      .Field("id", s.id)
      .Field("reference", s.reference)
      .Field("display_name", s.display_name)
      .Field("address", s.address)
      .Field("commune_name", s.commune_name)
      .Field("phone", s.phone)
      .Field("member_count", s.member_count);
  if (with_score) w.Field("score", s.score);
  w.EndObject();
}

void Write(JsonWriter& w, const Household& h) {
  w.BeginObject()
      .Field("id", h.id)
      .Field("reference", h.reference)
      .Field("display_name", h.DisplayName())
      .Field("dwelling_id", h.dwelling_id)
      .Field("dwelling_reference", h.dwelling_reference)
      .Field("building_id", h.building_id)
      .Field("address", h.address)
      .Field("commune_name", h.commune_name);
  w.Key("lease");
  if (h.lease) {
    w.BeginObject()
        .Field("id", h.lease->id)
        .Field("start_date", FormatIso(h.lease->start_date))
        .Field("rent_cents", h.lease->rent_cents)
        .Field("charges_cents", h.lease->charges_cents)
        .Field("housing_benefit_cents", h.lease->housing_benefit_cents)
        .Field("benefit_paid_to_landlord", h.lease->benefit_paid_to_landlord)
        .EndObject();
  } else {
    w.Null();
  }
  w.Key("members").BeginArray();
  for (const auto& m : h.members) {
    w.BeginObject().Field("id", m.id).Field("first_name", m.first_name).Field("last_name", m.last_name);
    w.Key("birth_date");
    if (m.birth_date) w.String(FormatIso(*m.birth_date));
    else w.Null();
    w.Field("relation", RelationCode(m.relation)).EndObject();
  }
  w.EndArray();
  w.Key("phones").BeginArray();
  for (const auto& p : h.phones) w.BeginObject().Field("number", p.number).Field("label", p.label).EndObject();
  w.EndArray();
  w.Field("email", h.email)
      .Field("preferred_language", h.preferred_language)
      .Field("notes", h.notes)
      .Field("anonymised", h.anonymised_at.has_value())
      .Field("updated_at", FormatUtcMillis(h.updated_at))
      .EndObject();
}

template <class T>
http::Response PageResponse(const Page<T>& p) {
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& x : p.items) Write(w, x);
  w.EndArray().Key("next_cursor");
  if (p.next_cursor) w.String(*p.next_cursor);
  else w.Null();
  w.EndObject();
  return http::JsonText(w.Take());
}

template <class T>
http::Response ItemsResponse(const std::vector<T>& items) {
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& x : items) Write(w, x);
  w.EndArray().EndObject();
  return http::JsonText(w.Take());
}

template <class T>
http::Response Answer(const Result<T>& r, int status = 200) {
  if (!r.ok()) return http::Problem(r.error());
  JsonWriter w;
  Write(w, *r);
  return http::JsonText(w.Take(), status);
}

}  // namespace

void WriteJson(JsonWriter& w, const Building& b) { Write(w, b); }
void WriteJson(JsonWriter& w, const Dwelling& d) { Write(w, d); }
void WriteJson(JsonWriter& w, const Household& h) { Write(w, h); }

void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail) {
  using http::Access;
  using http::Context;

  router.Add("GET", "/api/v1/organisation", Access::kSession, [&db](Context& ctx) {
    auto o = ActorReadsOrganisation(db, ctx.Actor());
    if (!o.ok()) return http::Problem(o.error());
    return http::Json({{"id", o->id}, {"name", o->name}, {"siren", o->siren}});
  });

  router.Add("GET", "/api/v1/agencies", Access::kSession, [&db](Context& ctx) {
    auto list = ActorListsAgencies(db, ctx.Actor());
    if (!list.ok()) return http::Problem(list.error());
    json items = json::array();
    for (const auto& a : *list) items.push_back({{"id", a.id}, {"name", a.name}});
    return http::Json({{"items", items}});
  });

  router.Add("GET", "/api/v1/communes", Access::kSession, [](Context& ctx) {
    if (!CanReadHousing(ctx.Actor())) return http::Problem(Forbidden("Votre rôle ne permet pas de consulter les communes."));
    auto q = ctx.req.QueryParam("q").value_or("");
    auto limit = LimitParam(ctx.req, 50);
    if (!limit.ok()) return http::Problem(limit.error());
    const auto words = text::QueryTokens(q);
    json items = json::array();
    for (const auto& c : Communes()) {
      if (static_cast<int>(items.size()) >= *limit) break;
      std::string folded = " " + text::Fold(c.name) + " ";
      bool all = true;
      for (const auto& w : words) all = all && (folded.find(" " + w) != std::string::npos || c.insee.starts_with(w));
      if (all) items.push_back({{"insee", c.insee}, {"name", c.name}, {"departement", c.departement}});
    }
    return http::Json({{"items", items}});
  });

  router.Add("GET", "/api/v1/buildings", Access::kSession, [&db](Context& ctx) {
    BuildingFilter f;
    auto limit = LimitParam(ctx.req);
    if (!limit.ok()) return http::Problem(limit.error());
    f.limit = *limit;
    auto agency = IdQueryParam(ctx.req, "agency_id");
    if (!agency.ok()) return http::Problem(agency.error());
    f.agency_id = *agency;
    f.commune_insee = ctx.req.QueryParam("commune_insee");
    f.q = ctx.req.QueryParam("q");
    auto after = CursorParam(ctx.req);
    if (!after.ok()) return http::Problem(after.error());
    f.after = *after;
    auto page = ActorListsBuildings(db, ctx.Actor(), f);
    if (!page.ok()) return http::Problem(page.error());
    return PageResponse(*page);
  });

  router.Add("GET", "/api/v1/buildings/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(ActorReadsBuilding(db, ctx.Actor(), *id));
  });

  router.Add("POST", "/api/v1/buildings", Access::kSession, [&db](Context& ctx) {
    auto b = DecodeBuilding(ctx.req.body, {}, false);
    if (!b.ok()) return http::Problem(b.error());
    return Answer(ManagerCreatesBuilding(db, ctx.Actor(), *b), 201);
  });

  router.Add("PATCH", "/api/v1/buildings/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = ActorReadsBuilding(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto b = DecodeBuilding(ctx.req.body, *current, true);
    if (!b.ok()) return http::Problem(b.error());
    return Answer(ManagerUpdatesBuilding(db, ctx.Actor(), *b));
  });

  router.Add("GET", "/api/v1/buildings/{id}/dwellings", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto list = ActorListsDwellingsOfBuilding(db, ctx.Actor(), *id);
    if (!list.ok()) return http::Problem(list.error());
    return ItemsResponse(*list);
  });

  router.Add("GET", "/api/v1/dwellings/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    return Answer(ActorReadsDwelling(db, ctx.Actor(), *id));
  });

  router.Add("POST", "/api/v1/dwellings", Access::kSession, [&db](Context& ctx) {
    auto d = DecodeDwelling(ctx.req.body, {}, false);
    if (!d.ok()) return http::Problem(d.error());
    return Answer(ManagerCreatesDwelling(db, ctx.Actor(), *d), 201);
  });

  router.Add("PATCH", "/api/v1/dwellings/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = ActorReadsDwelling(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    auto d = DecodeDwelling(ctx.req.body, *current, true);
    if (!d.ok()) return http::Problem(d.error());
    return Answer(ManagerUpdatesDwelling(db, ctx.Actor(), *d));
  });

  router.Add("GET", "/api/v1/households", Access::kSession, [&db](Context& ctx) {
    HouseholdFilter f;
    auto limit = LimitParam(ctx.req);
    if (!limit.ok()) return http::Problem(limit.error());
    f.limit = *limit;
    auto building = IdQueryParam(ctx.req, "building_id");
    if (!building.ok()) return http::Problem(building.error());
    f.building_id = *building;
    auto dwelling = IdQueryParam(ctx.req, "dwelling_id");
    if (!dwelling.ok()) return http::Problem(dwelling.error());
    f.dwelling_id = *dwelling;
    auto after = CursorParam(ctx.req);
    if (!after.ok()) return http::Problem(after.error());
    f.after = *after;
    auto page = ActorListsHouseholds(db, ctx.Actor(), f);
    if (!page.ok()) return http::Problem(page.error());
    return PageResponse(*page);
  });

  router.Add("GET", "/api/v1/households/search", Access::kSession, [&db](Context& ctx) {
    auto limit = LimitParam(ctx.req, 50);
    if (!limit.ok()) return http::Problem(limit.error());
    auto q = ctx.req.QueryParam("q");
    if (!q) return http::Problem(Invalid("q", "Le paramètre q (texte recherché) est obligatoire."));
    auto hits = ActorSearchesHouseholds(db, ctx.Actor(), *q, *limit);
    if (!hits.ok()) return http::Problem(hits.error());
    JsonWriter w;
    w.BeginObject().Key("items").BeginArray();
    for (const auto& h : *hits) Write(w, h, /*with_score=*/true);
    w.EndArray().EndObject();
    return http::JsonText(w.Take());
  });

  // A household record is personal data: the answer leaves once its audit entry is durable.
  router.Add("GET", "/api/v1/households/{id}", Access::kSession, [&db, &trail](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto h = ActorReadsHousehold(db, ctx.Actor(), *id);
    if (!h.ok()) return http::Problem(h.error());
    // The entry belongs to the household's landlord (its DPO sees a partner's reads too).
    auto entry = audit::Of(ctx.Actor(), "read", "household", *id);
    entry.organisation_id = h->organisation_id;
    http::Response res = Answer(std::move(h));
    res.hold = trail.Hold(entry);
    return res;
  });

  router.Add("POST", "/api/v1/households", Access::kSession, [&db](Context& ctx) {
    auto h = DecodeHousehold(ctx.req.body, {}, false);
    if (!h.ok()) return http::Problem(h.error());
    return Answer(AgentCreatesHousehold(db, ctx.Actor(), *h), 201);
  });

  router.Add("PATCH", "/api/v1/households/{id}", Access::kSession, [&db](Context& ctx) {
    auto id = ctx.IdParam();
    if (!id.ok()) return http::Problem(id.error());
    auto current = ActorReadsHousehold(db, ctx.Actor(), *id);
    if (!current.ok()) return http::Problem(current.error());
    // Visible, not changeable (a partner's worker, a caretaker): 403 before reading the body.
    if (!CanEditHousehold(ctx.Actor())) {
      return http::Problem(Forbidden("Votre rôle ne permet pas de modifier les ménages."));
    }
    auto h = DecodeHousehold(ctx.req.body, *current, true);
    if (!h.ok()) return http::Problem(h.error());
    return Answer(AgentUpdatesHousehold(db, ctx.Actor(), *h));
  });
}

}  // namespace relais::housing
