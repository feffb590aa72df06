#include "modules/housing/housing_bodies.h"

#include "platform/core/json_body.h"

namespace relais::housing {
using nlohmann::json;

namespace {

// Reads a building body; on update (`partial`), absent fields keep `base` values.
Building ReadBuilding(FieldReader& f, Building base, bool partial) {
  auto str = [&](const char* key, std::string& into, size_t max, bool required) {
    if (partial && !f.Has(key)) return;
    if (required) into = f.Str(key, max);
    else into = f.OptStr(key, max).value_or("");
  };
  str("reference", base.reference, 40, true);
  str("name", base.name, 200, false);
  str("street", base.street, 200, true);
  str("postal_code", base.postal_code, 5, false);
  str("commune_insee", base.commune_insee, 5, true);
  if (!partial || f.Has("agency_id")) base.agency_id = f.OptInt("agency_id", 1, INT64_MAX);
  if (!partial || f.Has("qpv")) base.qpv = f.OptBool("qpv").value_or(false);
  if (!partial || f.Has("has_lift")) base.has_lift = f.OptBool("has_lift").value_or(false);
  if (!partial || f.Has("floors")) base.floors = static_cast<int>(f.OptInt("floors", 0, 60).value_or(0));
  f.RejectUnknown({"reference", "name", "street", "postal_code", "commune_insee", "agency_id", "qpv", "has_lift",
                   "floors"});
  return base;
}

Dwelling ReadDwelling(FieldReader& f, const json& body, Dwelling base, bool partial) {
  if (!partial || f.Has("reference")) base.reference = f.Str("reference", 40);
  if (!partial || f.Has("building_id")) base.building_id = f.Int("building_id", 1, INT64_MAX);
  if (!partial || f.Has("floor")) base.floor = static_cast<int>(f.OptInt("floor", -5, 60).value_or(0));
  if (!partial || f.Has("rooms")) base.rooms = static_cast<int>(f.Int("rooms", 1, 6));
  if (!partial || f.Has("surface_m2")) {
    auto it = body.find("surface_m2");
    if (it == body.end() || !it->is_number()) {
      f.Fail("surface_m2", "La surface est obligatoire, en m² (nombre).");
    } else {
      double m2 = it->get<double>();
      if (!(m2 >= 5 && m2 <= 1000)) f.Fail("surface_m2", "La surface doit être comprise entre 5 et 1 000 m².");
      else base.surface_cm2 = static_cast<int64_t>(m2 * 100 + 0.5);
    }
  }
  if (!partial || f.Has("financing")) {
    std::string code = f.Str("financing", 10);
    if (auto fin = FinancingFromCode(code)) base.financing = *fin;
    else if (!code.empty()) f.Fail("financing", "Le financement doit être PLAI, PLUS, PLS ou AUTRE.");
  }
  if (!partial || f.Has("rent_cents")) base.rent_cents = f.Int("rent_cents", 0, 1'000'000);
  if (!partial || f.Has("charges_cents")) base.charges_cents = f.Int("charges_cents", 0, 1'000'000);
  if (!partial || f.Has("accessible_prm")) base.accessible_prm = f.OptBool("accessible_prm").value_or(false);
  f.RejectUnknown({"reference", "building_id", "floor", "rooms", "surface_m2", "financing", "rent_cents",
                   "charges_cents", "accessible_prm"});
  return base;
}

Household ReadHousehold(FieldReader& f, const json& body, Household base, bool partial) {
  if (!partial || f.Has("reference")) base.reference = f.Str("reference", 40);
  if (!partial || f.Has("dwelling_id")) base.dwelling_id = f.Int("dwelling_id", 1, INT64_MAX);
  if (!partial || f.Has("email")) base.email = f.OptStr("email", 254).value_or("");
  if (!partial || f.Has("preferred_language")) base.preferred_language = f.OptStr("preferred_language", 2).value_or("fr");
  if (!partial || f.Has("notes")) base.notes = f.OptStr("notes", 4000).value_or("");
  if (!partial || f.Has("members")) {
    base.members.clear();
    auto it = body.find("members");
    if (it == body.end() || !it->is_array()) {
      f.Fail("members", "La liste des personnes du ménage est obligatoire.");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& m = (*it)[i];
        const std::string at = "members[" + std::to_string(i) + "]";
        if (!m.is_object()) {
          f.Fail(at, "Chaque personne doit être un objet.");
          continue;
        }
        FieldReader mf(m);
        Member member;
        member.id = mf.OptInt("id", 1, INT64_MAX).value_or(0);
        member.first_name = mf.Str("first_name", 100);
        member.last_name = mf.Str("last_name", 100);
        member.birth_date = mf.OptDate("birth_date");
        std::string rel = mf.OptStr("relation", 20).value_or("holder");
        if (auto r = RelationFromCode(rel)) member.relation = *r;
        else mf.Fail("relation", "La relation doit être holder, co_holder, spouse, child ou other.");
        mf.RejectUnknown({"id", "first_name", "last_name", "birth_date", "relation"});
        for (const auto& [field, msg] : mf.error().fields) f.Fail(at + "." + field, msg);
        base.members.push_back(std::move(member));
      }
    }
  }
  if (!partial || f.Has("phones")) {
    base.phones.clear();
    auto it = body.find("phones");
    if (it != body.end() && !it->is_null()) {
      if (!it->is_array()) {
        f.Fail("phones", "Les téléphones doivent être une liste.");
      } else {
        for (size_t i = 0; i < it->size(); ++i) {
          const json& p = (*it)[i];
          const std::string at = "phones[" + std::to_string(i) + "]";
          if (!p.is_object()) {
            f.Fail(at, "Chaque téléphone doit être un objet.");
            continue;
          }
          FieldReader pf(p);
          Phone phone{pf.Str("number", 30), pf.OptStr("label", 40).value_or("")};
          pf.RejectUnknown({"number", "label"});
          for (const auto& [field, msg] : pf.error().fields) f.Fail(at + "." + field, msg);
          base.phones.push_back(std::move(phone));
        }
      }
    }
  }
  if (!partial || f.Has("lease")) {
    auto it = body.find("lease");
    if (it == body.end() || it->is_null()) {
      if (!partial) base.lease.reset();
    } else if (!it->is_object()) {
      f.Fail("lease", "Le bail doit être un objet.");
    } else {
      FieldReader lf(*it);
      Lease l = base.lease.value_or(Lease{});
      l.start_date = lf.Date("start_date");
      l.rent_cents = lf.Int("rent_cents", 0, 1'000'000);
      l.charges_cents = lf.Int("charges_cents", 0, 1'000'000);
      l.housing_benefit_cents = lf.OptInt("housing_benefit_cents", 0, 1'000'000).value_or(0);
      l.benefit_paid_to_landlord = lf.OptBool("benefit_paid_to_landlord").value_or(false);
      lf.RejectUnknown({"start_date", "rent_cents", "charges_cents", "housing_benefit_cents",
                        "benefit_paid_to_landlord", "id"});
      for (const auto& [field, msg] : lf.error().fields) f.Fail("lease." + field, msg);
      base.lease = l;
    }
  }
  f.RejectUnknown({"reference", "dwelling_id", "email", "preferred_language", "notes", "members", "phones", "lease"});
  return base;
}

}  // namespace

Result<Building> DecodeBuilding(std::string_view body, const Building& base, bool partial) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  Building b = ReadBuilding(f, base, partial);
  if (!f.ok()) return f.error();
  return b;
}

Result<Dwelling> DecodeDwelling(std::string_view body, const Dwelling& base, bool partial) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  Dwelling d = ReadDwelling(f, *j, base, partial);
  if (!f.ok()) return f.error();
  return d;
}

Result<Household> DecodeHousehold(std::string_view body, const Household& base, bool partial) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  Household h = ReadHousehold(f, *j, base, partial);
  if (!f.ok()) return f.error();
  return h;
}

}  // namespace relais::housing
