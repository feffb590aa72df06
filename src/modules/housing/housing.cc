// Use cases of the housing module: authorise through housing_policy, validate, one transaction.
#include "modules/housing/housing.h"

#include <map>

#include "modules/housing/housing_policy.h"
#include "modules/housing/housing_repository.h"
#include "platform/audit/audit.h"
#include "platform/core/text.h"

namespace relais::housing {
namespace {

const Error kNoAccess = Forbidden("Votre rôle ne permet pas de consulter le patrimoine et les ménages.");

// The refusal of a read: a landlord's staff whose role does not read housing is told so (403); for
// a partner or an observer, the landlord's stock does not exist (404, ADR 0011).
Error ReadRefused(const auth::Actor& a) {
  return HouseholdScopeOf(a) == HouseholdScope::kOrganisation ? kNoAccess : NotFound();
}

// What a partner sees of a household referred to it: who, how to reach them, where they live.
// Never the lease, the rent, the benefits, birth dates, the e-mail or the landlord's notes.
Household ForPartner(Household h) {
  Household out;
  out.id = h.id;
  out.organisation_id = h.organisation_id;
  out.reference = h.reference;
  out.address = h.address;
  out.commune_name = h.commune_name;
  out.phones = h.phones;
  out.preferred_language = h.preferred_language;
  out.updated_at = h.updated_at;
  for (auto& m : h.members) {
    m.birth_date.reset();
    out.members.push_back(m);
  }
  return out;
}

Household Normalized(Household h) {
  for (auto& p : h.phones) {
    if (auto n = text::NormalizePhoneFr(p.number); !n.empty()) p.number = n;
  }
  h.email = std::string(text::Trim(h.email));
  for (auto& ch : h.email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return h;
}

// Checks that the agency belongs to the organisation.
std::optional<Error> CheckAgency(db::Connection& c, int64_t org, const std::optional<int64_t>& agency) {
  if (!agency) return std::nullopt;
  if (!c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?", {db::P(*agency), db::P(org)})) {
    return Invalid("agency_id", "Agence inconnue.");
  }
  return std::nullopt;
}

}  // namespace

Result<Organisation> ActorReadsOrganisation(db::Database& db, const auth::Actor& actor) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Organisation> {
    std::optional<Organisation> o;
    c.Query("SELECT id, name, siren FROM organisations WHERE id = ?", {db::P(ScopeOrganisation(actor))},
            [&](const db::Row& r) { o = Organisation{r.Int(0), r.Str(1), r.Str(2)}; });
    if (!o) return NotFound();
    return *o;
  });
}

Result<std::vector<Agency>> ActorListsAgencies(db::Database& db, const auth::Actor& actor) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Agency>> {
    std::vector<Agency> out;
    c.Query("SELECT id, organisation_id, name FROM agencies WHERE organisation_id = ? ORDER BY name",
            {db::P(ScopeOrganisation(actor))},
            [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1), r.Str(2)}); });
    return out;
  });
}

Result<Page<Building>> ActorListsBuildings(db::Database& db, const auth::Actor& actor, const BuildingFilter& f) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Page<Building>> {
    return repo::ListBuildings(c, ScopeOrganisation(actor), f);
  });
}

Result<Building> ActorReadsBuilding(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Building> {
    auto b = repo::FindBuilding(c, ScopeOrganisation(actor), id);
    if (!b) return NotFound("Bâtiment introuvable.");
    return *b;
  });
}

Result<Building> ManagerCreatesBuilding(db::Database& db, const auth::Actor& actor, Building b) {
  if (!CanEditStock(actor)) return Forbidden("Seuls l'administration et les responsables modifient le patrimoine.");
  if (auto e = ValidateBuilding(b)) return *e;
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Building> {
    if (auto e = CheckAgency(c, org, b.agency_id)) return *e;
    if (repo::BuildingIdByReference(c, org, b.reference)) {
      return Conflict("Un bâtiment porte déjà la référence « " + b.reference + " ».", "reference");
    }
    int64_t id = repo::InsertBuilding(c, org, b);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "building", id));
    return *repo::FindBuilding(c, org, id);
  });
}

Result<Building> ManagerUpdatesBuilding(db::Database& db, const auth::Actor& actor, Building b) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Building> {
    if (!repo::FindBuilding(c, org, b.id)) return NotFound("Bâtiment introuvable.");
    if (!CanEditStock(actor)) return Forbidden("Seuls l'administration et les responsables modifient le patrimoine.");
    if (auto e = ValidateBuilding(b)) return *e;
    if (auto e = CheckAgency(c, org, b.agency_id)) return *e;
    if (auto other = repo::BuildingIdByReference(c, org, b.reference); other && *other != b.id) {
      return Conflict("Un bâtiment porte déjà la référence « " + b.reference + " ».", "reference");
    }
    repo::UpdateBuilding(c, org, b);
    audit::AppendInTransaction(c, audit::Of(actor, "update", "building", b.id));
    return *repo::FindBuilding(c, org, b.id);
  });
}

Result<std::vector<Dwelling>> ActorListsDwellingsOfBuilding(db::Database& db, const auth::Actor& actor,
                                                             int64_t building_id) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Dwelling>> {
    if (!repo::FindBuilding(c, ScopeOrganisation(actor), building_id)) return NotFound("Bâtiment introuvable.");
    return repo::ListDwellingsOfBuilding(c, ScopeOrganisation(actor), building_id);
  });
}

Result<Dwelling> ActorReadsDwelling(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Dwelling> {
    auto d = repo::FindDwelling(c, ScopeOrganisation(actor), id);
    if (!d) return NotFound("Logement introuvable.");
    return *d;
  });
}

Result<Dwelling> ManagerCreatesDwelling(db::Database& db, const auth::Actor& actor, Dwelling d) {
  if (!CanEditStock(actor)) return Forbidden("Seuls l'administration et les responsables modifient le patrimoine.");
  if (auto e = ValidateDwelling(d)) return *e;
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Dwelling> {
    if (!repo::FindBuilding(c, org, d.building_id)) return Invalid("building_id", "Bâtiment inconnu.");
    if (repo::DwellingIdByReference(c, org, d.reference)) {
      return Conflict("Un logement porte déjà la référence « " + d.reference + " ».", "reference");
    }
    int64_t id = repo::InsertDwelling(c, org, d);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "dwelling", id));
    return *repo::FindDwelling(c, org, id);
  });
}

Result<Dwelling> ManagerUpdatesDwelling(db::Database& db, const auth::Actor& actor, Dwelling d) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Dwelling> {
    if (!repo::FindDwelling(c, org, d.id)) return NotFound("Logement introuvable.");
    if (!CanEditStock(actor)) return Forbidden("Seuls l'administration et les responsables modifient le patrimoine.");
    if (auto e = ValidateDwelling(d)) return *e;
    if (!repo::FindBuilding(c, org, d.building_id)) return Invalid("building_id", "Bâtiment inconnu.");
    if (auto other = repo::DwellingIdByReference(c, org, d.reference); other && *other != d.id) {
      return Conflict("Un logement porte déjà la référence « " + d.reference + " ».", "reference");
    }
    repo::UpdateDwelling(c, org, d);
    audit::AppendInTransaction(c, audit::Of(actor, "update", "dwelling", d.id));
    return *repo::FindDwelling(c, org, d.id);
  });
}

Result<Page<HouseholdSummary>> ActorListsHouseholds(db::Database& db, const auth::Actor& actor,
                                                     const HouseholdFilter& f) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Page<HouseholdSummary>> {
    return repo::ListHouseholds(c, ScopeOrganisation(actor), f);
  });
}

Result<std::vector<HouseholdSummary>> ActorSearchesHouseholds(db::Database& db, const auth::Actor& actor,
                                                              const std::string& q, int limit) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  if (q.size() > 200) return Invalid("q", "La recherche dépasse 200 caractères.");
  return db.Read([&](db::Connection& c) -> Result<std::vector<HouseholdSummary>> {
    return repo::SearchHouseholds(c, ScopeOrganisation(actor), q, limit);
  });
}

Result<Household> ActorReadsHousehold(db::Database& db, const auth::Actor& actor, int64_t id) {
  switch (HouseholdScopeOf(actor)) {
    case HouseholdScope::kOrganisation:
      if (!CanReadHousing(actor)) return kNoAccess;
      return db.Read([&](db::Connection& c) -> Result<Household> {
        auto h = repo::FindHousehold(c, ScopeOrganisation(actor), id);
        if (!h) return NotFound("Ménage introuvable.");
        h->organisation_id = ScopeOrganisation(actor);
        return *h;
      });
    case HouseholdScope::kReferred:
      if (!CanReadReferredHousehold(actor)) return NotFound("Ménage introuvable.");
      return db.Read([&](db::Connection& c) -> Result<Household> {
        // The landlord that referred the household to the actor's organisation, while it is open.
        auto landlord = c.QueryInt(
            "SELECT organisation_id FROM referrals WHERE partner_id = ? AND household_id = ? AND status = 'open' "
            "ORDER BY id LIMIT 1",
            {db::P(ScopeOrganisation(actor)), db::P(id)});
        if (!landlord) return NotFound("Ménage introuvable.");
        auto h = repo::FindHousehold(c, *landlord, id);
        if (!h) return NotFound("Ménage introuvable.");
        h->organisation_id = *landlord;
        return ForPartner(std::move(*h));
      });
    case HouseholdScope::kNone:
      break;
  }
  return NotFound("Ménage introuvable.");
}

Result<Household> AgentCreatesHousehold(db::Database& db, const auth::Actor& actor, Household h) {
  if (!CanEditHousehold(actor)) return Forbidden("Votre rôle ne permet pas de modifier les ménages.");
  h = Normalized(std::move(h));
  if (auto e = ValidateHousehold(h)) return *e;
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Household> {
    if (!repo::FindDwelling(c, org, h.dwelling_id)) return Invalid("dwelling_id", "Logement inconnu.");
    if (repo::HouseholdIdByReference(c, org, h.reference)) {
      return Conflict("Un ménage porte déjà la référence locataire « " + h.reference + " ».", "reference");
    }
    int64_t id = repo::InsertHousehold(c, org, h);
    audit::AppendInTransaction(c, audit::Of(actor, "create", "household", id));
    return *repo::FindHousehold(c, org, id);
  });
}

Result<Household> AgentUpdatesHousehold(db::Database& db, const auth::Actor& actor, Household h) {
  if (!CanReadHousing(actor)) return ReadRefused(actor);
  h = Normalized(std::move(h));
  const int64_t org = ScopeOrganisation(actor);
  return db.Write([&](db::Connection& c) -> Result<Household> {
    auto current = repo::FindHousehold(c, org, h.id);
    if (!current) return NotFound("Ménage introuvable.");
    if (!CanEditHousehold(actor)) return Forbidden("Votre rôle ne permet pas de modifier les ménages.");
    if (current->anonymised_at) return Conflict("Ce ménage a été anonymisé : il ne peut plus être modifié.");
    if (auto e = ValidateHousehold(h)) return *e;
    if (!repo::FindDwelling(c, org, h.dwelling_id)) return Invalid("dwelling_id", "Logement inconnu.");
    if (auto other = repo::HouseholdIdByReference(c, org, h.reference); other && *other != h.id) {
      return Conflict("Un ménage porte déjà la référence locataire « " + h.reference + " ».", "reference");
    }
    repo::UpdateHousehold(c, org, h);
    audit::AppendInTransaction(c, audit::Of(actor, "update", "household", h.id));
    return *repo::FindHousehold(c, org, h.id);
  });
}

// ---- Bulk ------------------------------------------------------------------------------------

Result<int64_t> CreateOrganisation(db::Connection& c, const std::string& name, const std::string& siren,
                                   const std::string& kind) {
  if (text::Trim(name).empty()) return Invalid("name", "Le nom de l'organisme est obligatoire.");
  if (!auth::KindOfOrganisation(kind)) {
    return Invalid("kind", "Le type d'organisme doit être landlord, partner ou regional.");
  }
  if (!IsValidSiren(siren)) return Invalid("siren", "Le SIREN doit comporter 9 chiffres valides.");
  if (c.QueryInt("SELECT id FROM organisations WHERE siren = ?", {db::P(siren)})) {
    return Conflict("Un organisme existe déjà avec ce SIREN.", "siren");
  }
  return *c.QueryInt("INSERT INTO organisations (name, siren, created_at, kind) VALUES (?, ?, ?, ?) RETURNING id",
                     {db::P(name), db::P(siren), db::P(NowMillis()), db::P(kind)});
}

Result<Unit> AttachPartner(db::Connection& c, int64_t partner_id, std::optional<int64_t> landlord_id,
                           const std::string& commune_insee) {
  auto kind_of = [&](int64_t id) {
    std::string kind;
    c.Query("SELECT kind FROM organisations WHERE id = ?", {db::P(id)}, [&](const db::Row& r) { kind = r.Str(0); });
    return kind;
  };
  if (kind_of(partner_id) != "partner") return Invalid("partner", "Cet organisme n'est pas un partenaire.");
  if (landlord_id) {
    if (kind_of(*landlord_id) != "landlord") return Invalid("landlord", "Cet organisme n'est pas un bailleur.");
    if (!c.QueryInt("SELECT partner_id FROM partner_landlords WHERE partner_id = ? AND landlord_id = ?",
                    {db::P(partner_id), db::P(*landlord_id)})) {
      c.Exec("INSERT INTO partner_landlords (partner_id, landlord_id) VALUES (?, ?)",
             {db::P(partner_id), db::P(*landlord_id)});
    }
  }
  if (!commune_insee.empty()) {
    if (!FindCommune(commune_insee)) return Invalid("commune", "Code INSEE inconnu : " + commune_insee + ".");
    if (!c.QueryInt("SELECT partner_id FROM partner_communes WHERE partner_id = ? AND commune_insee = ?",
                    {db::P(partner_id), db::P(commune_insee)})) {
      c.Exec("INSERT INTO partner_communes (partner_id, commune_insee) VALUES (?, ?)",
             {db::P(partner_id), db::P(commune_insee)});
    }
  }
  return Unit{};
}

Result<UpsertCounts> UpsertStock(db::Connection& c, int64_t org, const std::vector<StockRow>& rows,
                                 const Progress& progress) {
  UpsertCounts counts;
  std::map<std::string, int64_t> agencies;
  std::map<std::string, int64_t> buildings;  // reference -> id, for buildings seen in this file
  for (size_t i = 0; i < rows.size(); ++i) {
    if (progress && i % 1024 == 0) progress(i);
    StockRow row = rows[i];
    if (!row.agency_name.empty()) {
      auto it = agencies.find(row.agency_name);
      if (it == agencies.end()) {
        auto id = repo::AgencyIdByName(c, org, row.agency_name);
        it = agencies.emplace(row.agency_name, id ? *id : repo::InsertAgency(c, org, row.agency_name)).first;
      }
      row.building.agency_id = it->second;
    }
    auto b = buildings.find(row.building.reference);
    if (b == buildings.end()) {
      auto existing = repo::BuildingIdByReference(c, org, row.building.reference);
      int64_t id;
      if (!existing) {
        id = repo::InsertBuilding(c, org, row.building);
      } else {
        id = *existing;
        row.building.id = id;
        auto hash = c.QueryInt("SELECT COUNT(*) FROM buildings WHERE id = ? AND content_hash = ?",
                               {db::P(id), db::P(repo::ContentHash(row.building))});
        if (hash.value_or(0) == 0) repo::UpdateBuilding(c, org, row.building);
      }
      b = buildings.emplace(row.building.reference, id).first;
    }
    row.dwelling.building_id = b->second;
    auto existing = repo::DwellingIdByReference(c, org, row.dwelling.reference);
    if (!existing) {
      repo::InsertDwelling(c, org, row.dwelling);
      ++counts.created;
    } else {
      row.dwelling.id = *existing;
      auto same = c.QueryInt("SELECT COUNT(*) FROM dwellings WHERE id = ? AND content_hash = ?",
                             {db::P(*existing), db::P(repo::ContentHash(row.dwelling))});
      if (same.value_or(0) > 0) {
        ++counts.unchanged;
      } else {
        repo::UpdateDwelling(c, org, row.dwelling);
        ++counts.updated;
      }
    }
  }
  if (progress) progress(rows.size());
  return counts;
}

Result<UpsertCounts> UpsertHouseholds(db::Connection& c, int64_t org, const std::vector<HouseholdRow>& rows,
                                      const Progress& progress) {
  UpsertCounts counts;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (progress && i % 1024 == 0) progress(i);
    Household h = Normalized(rows[i].household);
    auto dwelling = repo::DwellingIdByReference(c, org, h.dwelling_reference);
    if (!dwelling) {
      // field = the row index, which the importer turns into a file line.
      return Invalid(std::to_string(i), "Le logement « " + h.dwelling_reference + " » du ménage « " + h.reference +
                                            " » est inconnu.");
    }
    h.dwelling_id = *dwelling;
    auto existing = repo::HouseholdIdByReference(c, org, h.reference);
    if (!existing) {
      repo::InsertHousehold(c, org, h);
      ++counts.created;
      continue;
    }
    h.id = *existing;
    if (c.QueryInt("SELECT 1 FROM households WHERE id = ? AND anonymised_at IS NOT NULL", {db::P(h.id)})) {
      return Invalid(std::to_string(i), "Le ménage « " + h.reference + " » a été anonymisé : il ne peut plus être modifié.");
    }
    auto same = c.QueryInt("SELECT COUNT(*) FROM households WHERE id = ? AND content_hash = ?",
                           {db::P(h.id), db::P(repo::ContentHash(h))});
    if (same.value_or(0) > 0) {
      ++counts.unchanged;
    } else {
      repo::UpdateHousehold(c, org, h);
      ++counts.updated;
    }
  }
  if (progress) progress(rows.size());
  return counts;
}

}  // namespace relais::housing
