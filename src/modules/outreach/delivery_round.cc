// Use cases of the delivery rounds: authorise through need_policy, one transaction, audited.
#include "modules/outreach/delivery_round.h"

#include <algorithm>
#include <map>

#include "modules/housing/housing.h"
#include "modules/outreach/need_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/text.h"
#include "platform/pdf/pdf.h"

namespace relais::outreach {
namespace {

const char* const kNotFound = "Tournée introuvable.";

Error Refused(const auth::Actor& a) {
  if (a.kind == auth::Kind::kStaff) return Forbidden("Votre rôle ne permet pas d'organiser les livraisons.");
  return NotFound(kNotFound);
}

// The rounds of the organisation matching `where` (on dr), with their counts.
std::vector<DeliveryRound> LoadRounds(db::Connection& c, int64_t org, const std::string& where,
                                      const std::vector<db::Param>& extra) {
  std::vector<db::Param> params{db::P(org)};
  params.insert(params.end(), extra.begin(), extra.end());
  std::vector<DeliveryRound> out;
  c.Query("SELECT dr.id, dr.agency_id, ag.name, dr.round_date, dr.created_at, COUNT(s.action_id), "
          "SUM(CASE WHEN s.result = 'delivered' THEN 1 ELSE 0 END), SUM(CASE WHEN s.result = 'failed' THEN 1 ELSE 0 END) "
          "FROM delivery_rounds dr JOIN agencies ag ON ag.id = dr.agency_id "
          "LEFT JOIN delivery_round_stops s ON s.round_id = dr.id WHERE dr.organisation_id = ? " + where +
              " GROUP BY dr.id, dr.agency_id, ag.name, dr.round_date, dr.created_at ORDER BY dr.round_date DESC, ag.name",
          params, [&](const db::Row& r) {
            DeliveryRound x;
            x.id = r.Int(0);
            x.agency_id = r.Int(1);
            x.agency_name = r.Str(2);
            x.date = r.Str(3);
            x.created_at = r.Int(4);
            x.stops = static_cast<int>(r.Int(5));
            x.delivered = r.IsNull(6) ? 0 : static_cast<int>(r.Int(6));
            x.failed = r.IsNull(7) ? 0 : static_cast<int>(r.Int(7));
            out.push_back(std::move(x));
          });
  return out;
}

// One round with its stops grouped by building (by address), dwellings in reference order.
std::optional<DeliveryRound> FindRound(db::Connection& c, int64_t org, int64_t id) {
  auto list = LoadRounds(c, org, "AND dr.id = ?", {db::P(id)});
  if (list.empty()) return std::nullopt;
  DeliveryRound round = list.front();
  std::map<int64_t, size_t> building_index;
  c.Query("SELECT b.id, b.name, b.street, b.postal_code, b.commune_insee, a.id, a.need_id, h.id, h.display_name, "
          "d.reference, d.floor, COALESCE(a.item, ''), COALESCE(s.result, ''), s.note "
          "FROM delivery_round_stops s JOIN outreach_actions a ON a.id = s.action_id "
          "JOIN households h ON h.id = a.household_id JOIN dwellings d ON d.id = h.dwelling_id "
          "JOIN buildings b ON b.id = d.building_id WHERE s.round_id = ? AND s.organisation_id = ? "
          "ORDER BY b.street, b.id, d.floor, d.reference, a.id",
          {db::P(id), db::P(org)}, [&](const db::Row& r) {
            const int64_t building = r.Int(0);
            auto [it, fresh] = building_index.emplace(building, round.buildings.size());
            if (fresh) {
              DeliveryBuilding b;
              b.id = building;
              b.name = r.Str(1);
              const auto* commune = housing::FindCommune(r.Str(4));
              b.address = r.Str(2) + ", " + (r.Str(3).empty() ? "" : r.Str(3) + " ") +
                          (commune ? commune->name : r.Str(4));
              round.buildings.push_back(std::move(b));
            }
            DeliveryStop s;
            s.action_id = r.Int(5);
            s.need_id = r.Int(6);
            s.household_id = r.Int(7);
            s.household_name = r.Str(8);
            s.dwelling_reference = r.Str(9);
            s.floor = static_cast<int>(r.Int(10));
            s.item = r.Str(11);
            s.result = r.Str(12);
            s.note = r.Str(13);
            round.buildings[it->second].stops.push_back(std::move(s));
          });
  std::map<int64_t, std::vector<std::string>> phones;
  c.Query("SELECT p.household_id, p.number FROM phones p JOIN outreach_actions a ON a.household_id = p.household_id "
          "JOIN delivery_round_stops s ON s.action_id = a.id WHERE s.round_id = ? AND s.organisation_id = ? "
          "ORDER BY p.household_id, p.position",
          {db::P(id), db::P(org)}, [&](const db::Row& r) {
            auto& list = phones[r.Int(0)];
            if (std::find(list.begin(), list.end(), r.Str(1)) == list.end()) list.push_back(r.Str(1));
          });
  for (auto& b : round.buildings) {
    for (auto& s : b.stops) s.phones = phones[s.household_id];
  }
  return round;
}

std::string ItemLabel(const std::string& item) {
  if (item == "food_parcel") return "Colis alimentaire";
  if (item == "medicines") return "Médicaments";
  return item;
}

}  // namespace

Result<DeliveryRound> StaffBuildsRound(db::Database& db, const auth::Actor& actor, CivilDate date, int64_t agency_id,
                                       bool* created) {
  if (!CanRunDeliveryRounds(actor)) return Refused(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<DeliveryRound> {
    if (!c.QueryInt("SELECT id FROM agencies WHERE id = ? AND organisation_id = ?", {db::P(agency_id), db::P(org)})) {
      return Invalid("agency_id", "Agence inconnue.");
    }
    const std::string day = FormatIso(date);
    auto existing = c.QueryInt("SELECT id FROM delivery_rounds WHERE agency_id = ? AND round_date = ?",
                               {db::P(agency_id), db::P(day)});
    // Open deliveries of the agency's buildings that no round is bringing (or has brought).
    std::vector<int64_t> waiting;
    c.Query("SELECT a.id FROM outreach_actions a JOIN households h ON h.id = a.household_id "
            "JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b ON b.id = d.building_id "
            "JOIN outreach_needs n ON n.id = a.need_id "
            "WHERE a.organisation_id = ? AND a.kind = 'delivery' AND a.status = 'open' AND n.cancelled_at IS NULL "
            "AND b.agency_id = ? AND NOT EXISTS (SELECT 1 FROM delivery_round_stops s WHERE s.action_id = a.id "
            "AND (s.result IS NULL OR s.result = 'delivered')) ORDER BY a.id",
            {db::P(org), db::P(agency_id)}, [&](const db::Row& r) { waiting.push_back(r.Int(0)); });
    if (!existing && waiting.empty()) {
      return Conflict("Aucune livraison en attente dans les résidences de cette agence.", "agency_id");
    }
    const int64_t id = existing ? *existing
                                : *c.QueryInt("INSERT INTO delivery_rounds (organisation_id, agency_id, round_date, "
                                              "created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                              {db::P(org), db::P(agency_id), db::P(day), db::P(actor.user_id),
                                               db::P(NowMillis())});
    for (int64_t action : waiting) {
      c.Exec("INSERT INTO delivery_round_stops (round_id, action_id, organisation_id) VALUES (?, ?, ?)",
             {db::P(id), db::P(action), db::P(org)});
    }
    if (created) *created = !existing;
    audit::AppendInTransaction(c, audit::Of(actor, existing ? "update" : "create", "delivery_round", id));
    return *FindRound(c, org, id);
  });
}

Result<std::vector<DeliveryRound>> StaffListsRounds(db::Database& db, const auth::Actor& actor,
                                                    std::optional<CivilDate> date) {
  if (!CanReadNeeds(actor)) return Refused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<DeliveryRound>> {
    if (date) return LoadRounds(c, actor.organisation_id, "AND dr.round_date = ?", {db::P(FormatIso(*date))});
    return LoadRounds(c, actor.organisation_id, "", {});
  });
}

Result<DeliveryRound> StaffReadsRound(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadNeeds(actor)) return Refused(actor);
  return db.Read([&](db::Connection& c) -> Result<DeliveryRound> {
    auto r = FindRound(c, actor.organisation_id, id);
    if (!r) return NotFound(kNotFound);
    return *r;
  });
}

Result<DeliveryRound> StaffRecordsDelivery(db::Database& db, const auth::Actor& actor, int64_t round_id,
                                           int64_t action_id, const std::string& result, const std::string& note_in) {
  if (!CanRunDeliveryRounds(actor)) return Refused(actor);
  const int64_t org = actor.organisation_id;
  const std::string note(text::Trim(note_in));
  return db.Write([&](db::Connection& c) -> Result<DeliveryRound> {
    if (!c.QueryInt("SELECT id FROM delivery_rounds WHERE id = ? AND organisation_id = ?", {db::P(round_id), db::P(org)})) {
      return NotFound(kNotFound);
    }
    std::optional<std::string> current;
    bool found = false;
    c.Query("SELECT result FROM delivery_round_stops WHERE round_id = ? AND action_id = ?",
            {db::P(round_id), db::P(action_id)}, [&](const db::Row& r) {
              found = true;
              current = r.OptStr(0);
            });
    if (!found) return Invalid("action_id", "Cette livraison n'est pas dans cette tournée.");
    if (result != "delivered" && result != "failed") return Invalid("result", "result doit valoir delivered ou failed.");
    if (current) return Conflict("Cette livraison est déjà notée.", "action_id");
    const int64_t now = NowMillis();
    c.Exec("UPDATE delivery_round_stops SET result = ?, note = ?, recorded_by = ?, recorded_at = ? "
           "WHERE round_id = ? AND action_id = ?",
           {db::P(result), db::P(note), db::P(actor.user_id), db::P(now), db::P(round_id), db::P(action_id)});
    if (result == "delivered") {
      c.Exec("UPDATE outreach_actions SET status = 'done', closed_by = ?, closed_at = ? WHERE id = ? AND status = 'open'",
             {db::P(actor.user_id), db::P(now), db::P(action_id)});
    }
    audit::AppendInTransaction(c, audit::Of(actor, "update", "delivery_round", round_id));
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_action", action_id));
    return *FindRound(c, org, round_id);
  });
}

Result<std::string> RoundPdf(const DeliveryRound& r) {
  pdf::Document doc;
  doc.Title("Tournée de livraison du " + r.date + " — " + r.agency_name);
  doc.Paragraph(std::to_string(r.stops) + " livraison(s) dans " + std::to_string(r.buildings.size()) + " résidence(s).");
  for (const auto& b : r.buildings) {
    doc.Heading(b.name.empty() ? b.address : b.name + " — " + b.address);
    for (const auto& s : b.stops) {
      std::string where = "Étage " + std::to_string(s.floor) + ", logement " + s.dwelling_reference;
      std::string phones;
      for (const auto& p : s.phones) phones += (phones.empty() ? "" : ", ") + p;
      std::string line = where + " — " + ItemLabel(s.item) + " — Tél. " + (phones.empty() ? "aucun" : phones);
      if (!s.result.empty()) line += s.result == "delivered" ? " — livré" : " — échec";
      doc.Line(s.household_name, line);
    }
  }
  return doc.Render();
}

}  // namespace relais::outreach
