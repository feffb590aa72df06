// What outreach holds about a household, for the privacy module (ADR 0010): every record for a
// subject-access export, and the free texts cleared when the household is anonymised. The one
// place that knows which outreach columns are personal.
#include <string>

#include "modules/outreach/outreach.h"
#include "platform/core/dates.h"

namespace relais::outreach {
namespace {

std::string Instant(const db::Row& r, int col) { return r.IsNull(col) ? std::string() : FormatUtcMillis(r.Int(col)); }
std::string Text(const db::Row& r, int col) { return r.IsNull(col) ? std::string() : r.Str(col); }

// Runs `sql` (household and organisation bound, in that order of `params`) and makes one record
// per row from `fields` (code, French label), column i for field i.
ExportSection Section(db::Connection& c, std::string code, std::string title, const std::string& sql,
                      const std::vector<db::Param>& params, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<bool>& instants = {}) {
  ExportSection s{std::move(code), std::move(title), {}};
  c.Query(sql, params, [&](const db::Row& r) {
    ExportRecord rec;
    for (size_t i = 0; i < fields.size(); ++i) {
      const bool instant = i < instants.size() && instants[i];
      rec.push_back({fields[i].first, fields[i].second, instant ? Instant(r, static_cast<int>(i)) : Text(r, static_cast<int>(i))});
    }
    s.records.push_back(std::move(rec));
  });
  return s;
}

}  // namespace

std::vector<ExportSection> HouseholdOutreachRecords(db::Connection& c, int64_t organisation_id, int64_t household_id) {
  const std::vector<db::Param> p{db::P(household_id), db::P(organisation_id)};
  std::vector<ExportSection> out;
  out.push_back(Section(
      c, "vulnerability_profiles", "Profils de fragilité",
      "SELECT m.first_name || ' ' || m.last_name, vp.informed_on, vp.health_consent_on, vp.objection_at, "
      "vp.override_level, vp.override_reason, vp.updated_at "
      "FROM vulnerability_profiles vp JOIN members m ON m.id = vp.member_id "
      "WHERE m.household_id = ? AND vp.organisation_id = ? ORDER BY m.position",
      p,
      {{"member", "Personne"}, {"informed_on", "Informée le"}, {"health_consent_on", "Consentement (santé) le"},
       {"objection_at", "Opposition aux appels le"}, {"override_level", "Niveau fixé à la main"},
       {"override_reason", "Raison du niveau fixé"}, {"updated_at", "Mis à jour le"}},
      {false, false, false, true, false, false, true}));
  out.push_back(Section(
      c, "vulnerability_factors", "Facteurs de fragilité",
      "SELECT m.first_name || ' ' || m.last_name, f.factor, f.source, f.recorded_on FROM vulnerability_factors f "
      "JOIN vulnerability_profiles vp ON vp.member_id = f.member_id JOIN members m ON m.id = f.member_id "
      "WHERE m.household_id = ? AND vp.organisation_id = ? ORDER BY m.position, f.factor",
      p, {{"member", "Personne"}, {"factor", "Facteur"}, {"source", "Source"}, {"recorded_on", "Noté le"}}));
  out.push_back(Section(
      c, "calls", "Appels de veille",
      "SELECT k.id, k.list_date, k.state, k.level, k.attempts, k.created_at FROM outreach_calls k "
      "WHERE k.household_id = ? AND k.organisation_id = ? ORDER BY k.id",
      p,
      {{"id", "Appel n°"}, {"list_date", "Liste du"}, {"state", "État"}, {"level", "Niveau"}, {"attempts", "Essais"},
       {"created_at", "Créé le"}},
      {false, false, false, false, false, true}));
  out.push_back(Section(
      c, "call_attempts", "Essais d'appel",
      "SELECT a.call_id, a.attempted_at, a.outcome, a.note, a.callback_at FROM outreach_call_attempts a "
      "JOIN outreach_calls k ON k.id = a.call_id WHERE k.household_id = ? AND k.organisation_id = ? ORDER BY a.id",
      p,
      {{"call_id", "Appel n°"}, {"attempted_at", "Le"}, {"outcome", "Résultat"}, {"note", "Note"},
       {"callback_at", "Rappel demandé pour le"}},
      {false, true, false, false, true}));
  out.push_back(Section(
      c, "escalations", "Alertes (injoignable)",
      "SELECT e.id, e.unreachable_since, e.raised_at, e.status, e.action, e.outcome, e.closed_at "
      "FROM outreach_escalations e WHERE e.household_id = ? AND e.organisation_id = ? ORDER BY e.id",
      p,
      {{"id", "Alerte n°"}, {"unreachable_since", "Injoignable depuis le"}, {"raised_at", "Levée le"},
       {"status", "Statut"}, {"action", "Action choisie"}, {"outcome", "Résultat"}, {"closed_at", "Close le"}},
      {false, false, true, false, false, false, true}));
  out.push_back(Section(
      c, "needs", "Besoins",
      "SELECT n.id, n.category, n.description, n.created_at, n.cancelled_at FROM outreach_needs n "
      "WHERE n.household_id = ? AND n.organisation_id = ? ORDER BY n.id",
      p,
      {{"id", "Besoin n°"}, {"category", "Catégorie"}, {"description", "Description"}, {"created_at", "Noté le"},
       {"cancelled_at", "Abandonné le"}},
      {false, false, false, true, true}));
  out.push_back(Section(
      c, "actions", "Actions sur les besoins",
      "SELECT a.need_id, a.kind, a.item, a.due_date, a.status, a.created_at FROM outreach_actions a "
      "WHERE a.household_id = ? AND a.organisation_id = ? ORDER BY a.id",
      p,
      {{"need_id", "Besoin n°"}, {"kind", "Action"}, {"item", "À livrer"}, {"due_date", "Échéance"},
       {"status", "Statut"}, {"created_at", "Décidée le"}},
      {false, false, false, false, false, true}));
  out.push_back(Section(
      c, "deliveries", "Livraisons",
      "SELECT a.need_id, r.round_date, s.result, s.note, s.recorded_at FROM delivery_round_stops s "
      "JOIN delivery_rounds r ON r.id = s.round_id JOIN outreach_actions a ON a.id = s.action_id "
      "WHERE a.household_id = ? AND a.organisation_id = ? ORDER BY r.round_date, a.id",
      p,
      {{"need_id", "Besoin n°"}, {"round_date", "Tournée du"}, {"result", "Résultat"}, {"note", "Note"},
       {"recorded_at", "Noté le"}},
      {false, false, false, false, true}));
  out.push_back(Section(
      c, "tasks", "Tâches",
      "SELECT t.id, t.kind, t.description, t.due_date, t.status, t.created_at FROM outreach_tasks t "
      "WHERE t.household_id = ? AND t.organisation_id = ? ORDER BY t.id",
      p,
      {{"id", "Tâche n°"}, {"kind", "Nature"}, {"description", "Description"}, {"due_date", "Échéance"},
       {"status", "Statut"}, {"created_at", "Créée le"}},
      {false, false, false, false, false, true}));
  out.push_back(Section(
      c, "referrals", "Orientations vers un partenaire",
      "SELECT r.id, o.name, r.reason, r.status, r.opened_at, r.consent_on, r.consent_given_by, r.response, "
      "r.response_reason, r.outcome, r.closed_at FROM referrals r JOIN organisations o ON o.id = r.partner_id "
      "WHERE r.household_id = ? AND r.organisation_id = ? ORDER BY r.id",
      p,
      {{"id", "Orientation n°"}, {"partner", "Partenaire"}, {"reason", "Motif"}, {"status", "Statut"},
       {"opened_at", "Ouverte le"}, {"consent_on", "Consentement le"}, {"consent_given_by", "Consentement donné par"},
       {"response", "Réponse du partenaire"}, {"response_reason", "Raison du refus"}, {"outcome", "Ce qui a été fait"},
       {"closed_at", "Close le"}},
      {false, false, false, false, true, false, false, false, false, false, true}));
  return out;
}

void AnonymiseHouseholdOutreach(db::Connection& c, int64_t organisation_id, int64_t household_id) {
  // Each statement binds the household, then the organisation.
  for (const char* sql : {
           "UPDATE outreach_needs SET description = '' WHERE household_id = ? AND organisation_id = ?",
           "UPDATE outreach_tasks SET description = '' WHERE household_id = ? AND organisation_id = ?",
           "UPDATE outreach_call_attempts SET note = '' WHERE call_id IN "
           "(SELECT id FROM outreach_calls WHERE household_id = ? AND organisation_id = ?)",
           "UPDATE outreach_escalations SET outcome = '' WHERE household_id = ? AND organisation_id = ?",
           "UPDATE referrals SET reason = '', response_reason = '', outcome = '', consent_given_by = '' "
           "WHERE household_id = ? AND organisation_id = ?",
           "UPDATE delivery_round_stops SET note = '' WHERE action_id IN "
           "(SELECT id FROM outreach_actions WHERE household_id = ? AND organisation_id = ?)",
       }) {
    c.Exec(sql, {db::P(household_id), db::P(organisation_id)});
  }
}

std::vector<RetentionRef> CallsPastRetention(db::Connection& c, int64_t before_ms) {
  std::vector<RetentionRef> out;
  c.Query("SELECT DISTINCT organisation_id, call_id FROM outreach_call_attempts WHERE attempted_at < ? AND note <> '' "
          "ORDER BY 1, 2",
          {db::P(before_ms)}, [&](const db::Row& r) { out.push_back({r.Int(0), "outreach_call", r.Int(1)}); });
  c.Query("SELECT organisation_id, id FROM outreach_escalations WHERE closed_at < ? AND outcome <> '' ORDER BY 1, 2",
          {db::P(before_ms)}, [&](const db::Row& r) { out.push_back({r.Int(0), "outreach_escalation", r.Int(1)}); });
  return out;
}

bool AnonymiseCallRecordBeforeIn(db::Connection& c, const RetentionRef& ref, int64_t before_ms) {
  if (ref.record_type == "outreach_call") {
    return c.Exec("UPDATE outreach_call_attempts SET note = '' WHERE organisation_id = ? AND call_id = ? AND "
                  "attempted_at < ? AND note <> ''",
                  {db::P(ref.organisation_id), db::P(ref.id), db::P(before_ms)}) > 0;
  }
  if (ref.record_type == "outreach_escalation") {
    return c.Exec("UPDATE outreach_escalations SET outcome = '' WHERE organisation_id = ? AND id = ? AND closed_at < ? "
                  "AND outcome <> ''",
                  {db::P(ref.organisation_id), db::P(ref.id), db::P(before_ms)}) > 0;
  }
  return false;
}

namespace {
// A profile with nothing left but its objection is done: the retention does not come back to it.
constexpr const char* kProfileHoldsMore =
    "(vp.objection_at IS NULL OR vp.override_level IS NOT NULL OR vp.override_reason <> '' OR "
    "vp.health_consent_on IS NOT NULL OR vp.informed_on IS NOT NULL OR "
    "EXISTS (SELECT 1 FROM vulnerability_factors f WHERE f.member_id = vp.member_id))";
}  // namespace

std::vector<RetentionRef> ProfilesPastRetention(db::Connection& c, int64_t before_ms) {
  std::vector<RetentionRef> out;
  c.Query(std::string("SELECT vp.organisation_id, vp.member_id FROM vulnerability_profiles vp WHERE vp.updated_at < ? "
                      "AND ") + kProfileHoldsMore + " ORDER BY 1, 2",
          {db::P(before_ms)}, [&](const db::Row& r) { out.push_back({r.Int(0), "vulnerability_profile", r.Int(1)}); });
  return out;
}

bool DeleteProfileIn(db::Connection& c, const RetentionRef& ref) {
  const auto member = db::P(ref.id), org = db::P(ref.organisation_id);
  const bool due = c.QueryInt(std::string("SELECT 1 FROM vulnerability_profiles vp WHERE vp.member_id = ? AND "
                                          "vp.organisation_id = ? AND ") + kProfileHoldsMore,
                              {member, org})
                       .has_value();
  if (!due) return false;
  c.Exec("DELETE FROM vulnerability_factors WHERE member_id IN (SELECT member_id FROM vulnerability_profiles "
         "WHERE member_id = ? AND organisation_id = ?)",
         {member, org});
  c.Exec("DELETE FROM vulnerability_profiles WHERE member_id = ? AND organisation_id = ? AND objection_at IS NULL",
         {member, org});
  c.Exec("UPDATE vulnerability_profiles SET override_level = NULL, override_reason = '', override_by = NULL, "
         "override_at = NULL, health_consent_on = NULL, informed_on = NULL WHERE member_id = ? AND organisation_id = ?",
         {member, org});
  return true;
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t organisation_id, int64_t household_id) {
  const std::vector<db::Param> p{db::P(household_id), db::P(organisation_id)};
  const auto of = [&](const char* type, const std::string& table) {
    return audit::RecordsAbout{type, "SELECT id FROM " + table + " WHERE household_id = ? AND organisation_id = ?", p};
  };
  return {
      // A profile is named by its member (vulnerability_routes.cc, call_store.cc).
      of("vulnerability_profile", "members"),
      of("outreach_call", "outreach_calls"),
      of("outreach_escalation", "outreach_escalations"),
      of("outreach_need", "outreach_needs"),
      of("outreach_action", "outreach_actions"),
      of("outreach_task", "outreach_tasks"),
      of("referral", "referrals"),
      // The household's timeline is named by the household.
      {"household_timeline", "SELECT id FROM households WHERE id = ? AND organisation_id = ?", p},
  };
}

}  // namespace relais::outreach
