// Use cases of the outreach module: authorise through outreach_policy, validate, one transaction.
#include "modules/outreach/outreach.h"

#include <functional>

#include "modules/housing/housing.h"
#include "modules/outreach/outreach_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/core/text.h"

namespace relais::outreach {
namespace {

const Error kNoAccess = Forbidden("Votre rôle ne permet pas de suivre les orientations.");
const char* const kNotFound = "Orientation introuvable.";

// The refusal of a read: a landlord's staff is told its role may not (403); for anyone else the
// referrals of others do not exist (404).
Error ReadRefused(const auth::Actor& a) {
  return ReferralScopeOf(a) == ReferralScope::kLandlord ? kNoAccess : NotFound(kNotFound);
}

constexpr const char* kSelect =
    "SELECT r.id, r.organisation_id, lo.name, r.partner_id, po.name, r.household_id, h.display_name, "
    "b.commune_insee, r.reason, r.status, r.opened_at, r.closed_at, r.response, r.response_reason, "
    "r.responded_at, r.outcome, r.consent_on, r.consent_given_by FROM referrals r "
    "JOIN organisations lo ON lo.id = r.organisation_id JOIN organisations po ON po.id = r.partner_id "
    "JOIN households h ON h.id = r.household_id JOIN dwellings d ON d.id = h.dwelling_id "
    "JOIN buildings b ON b.id = d.building_id ";

Referral ReadRow(const db::Row& r) {
  Referral x;
  x.id = r.Int(0);
  x.landlord_id = r.Int(1);
  x.landlord_name = r.Str(2);
  x.partner_id = r.Int(3);
  x.partner_name = r.Str(4);
  x.household_id = r.Int(5);
  x.household_name = r.Str(6);
  const auto* commune = housing::FindCommune(r.Str(7));
  x.commune_name = commune ? commune->name : r.Str(7);
  x.reason = r.Str(8);
  x.open = r.Str(9) == "open";
  x.opened_at = r.Int(10);
  if (!r.IsNull(11)) x.closed_at = r.Int(11);
  if (!r.IsNull(12)) x.response = r.Str(12);
  x.response_reason = r.Str(13);
  if (!r.IsNull(14)) x.responded_at = r.Int(14);
  x.outcome = r.Str(15);
  if (!r.IsNull(16)) x.consent_on = r.Str(16);
  x.consent_given_by = r.Str(17);
  return x;
}

// The scope's condition on `r` and its parameter.
std::string ScopeWhere(const auth::Actor& a) {
  return ReferralScopeOf(a) == ReferralScope::kPartner ? "r.partner_id = ?" : "r.organisation_id = ?";
}

std::optional<Referral> Find(db::Connection& c, const auth::Actor& a, int64_t id) {
  std::optional<Referral> out;
  c.Query(std::string(kSelect) + "WHERE r.id = ? AND " + ScopeWhere(a), {db::P(id), db::P(a.organisation_id)},
          [&](const db::Row& r) { out = ReadRow(r); });
  return out;
}

}  // namespace

int64_t InsertReferral(db::Connection& c, int64_t landlord_id, int64_t partner_id, int64_t household_id,
                       const std::string& reason, int64_t user_id, CivilDate consent_on,
                       const std::string& consent_given_by) {
  return *c.QueryInt(
      "INSERT INTO referrals (organisation_id, partner_id, household_id, reason, status, opened_by, opened_at, "
      "consent_on, consent_given_by) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id",
      {db::P(landlord_id), db::P(partner_id), db::P(household_id), db::P(reason), db::P(user_id),
       db::P(NowMillis()), db::P(FormatIso(consent_on)), db::P(consent_given_by)});
}

std::optional<Error> CheckConsent(const Consent& consent, CivilDate today) {
  if (!consent.on) {
    return Invalid("consent_on",
                   "Le consentement du locataire au partage avec ce partenaire est obligatoire : indiquez sa date.");
  }
  if (*consent.on > today) return Invalid("consent_on", "La date du consentement est dans le futur.");
  if (text::Trim(consent.given_by).empty()) {
    return Invalid("consent_given_by", "Indiquez qui a donné son consentement (le locataire, un proche...).");
  }
  return std::nullopt;
}

Result<int64_t> OpenReferralIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                               int64_t partner_id, const std::string& reason_in, const Consent& consent) {
  const std::string reason(text::Trim(reason_in));
  if (reason.empty()) return Invalid("reason", "Le motif de l'orientation est obligatoire.");
  // Never without the tenant's consent, whichever way the referral is opened.
  if (auto e = CheckConsent(consent, ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())))) {
    return *e;
  }
  const int64_t org = actor.organisation_id;
  std::optional<std::string> commune;
  c.Query("SELECT b.commune_insee FROM households h JOIN dwellings d ON d.id = h.dwelling_id "
          "JOIN buildings b ON b.id = d.building_id WHERE h.id = ? AND h.organisation_id = ?",
          {db::P(household_id), db::P(org)}, [&](const db::Row& r) { commune = r.Str(0); });
  if (!commune) return Invalid("household_id", "Ménage inconnu.");
  if (!c.QueryInt("SELECT pl.partner_id FROM partner_landlords pl JOIN partner_communes pc "
                  "ON pc.partner_id = pl.partner_id WHERE pl.partner_id = ? AND pl.landlord_id = ? "
                  "AND pc.commune_insee = ?",
                  {db::P(partner_id), db::P(org), db::P(*commune)})) {
    return Invalid("partner_id",
                   "Ce partenaire ne travaille pas avec votre organisme dans la commune de ce ménage.");
  }
  if (c.QueryInt("SELECT id FROM referrals WHERE household_id = ? AND partner_id = ? AND status = 'open'",
                 {db::P(household_id), db::P(partner_id)})) {
    return Conflict("Ce ménage est déjà orienté vers ce partenaire.", "partner_id");
  }
  const int64_t id = InsertReferral(c, org, partner_id, household_id, reason, actor.user_id, *consent.on,
                                    std::string(text::Trim(consent.given_by)));
  audit::AppendInTransaction(c, audit::Of(actor, "create", "referral", id));
  return id;
}

Result<Referral> StaffOpensReferral(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                    int64_t partner_id, const std::string& reason, const Consent& consent) {
  if (!CanOpenReferral(actor)) return ReadRefused(actor);
  return db.Write([&](db::Connection& c) -> Result<Referral> {
    auto id = OpenReferralIn(c, actor, household_id, partner_id, reason, consent);
    if (!id.ok()) return id.error();
    return *Find(c, actor, *id);
  });
}

Result<std::vector<Referral>> ActorListsReferrals(db::Database& db, const auth::Actor& actor,
                                                  const ReferralFilter& f) {
  if (!CanReadReferrals(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Referral>> {
    std::string sql = std::string(kSelect) + "WHERE " + ScopeWhere(actor);
    std::vector<db::Param> params{db::P(actor.organisation_id)};
    if (f.open) {
      sql += " AND r.status = ?";
      params.push_back(db::P(std::string(*f.open ? "open" : "closed")));
    }
    sql += " ORDER BY r.id DESC LIMIT 500";
    std::vector<Referral> out;
    c.Query(sql, params, [&](const db::Row& r) { out.push_back(ReadRow(r)); });
    return out;
  });
}

Result<Referral> ActorReadsReferral(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReferrals(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<Referral> {
    auto r = Find(c, actor, id);
    if (!r) return NotFound(kNotFound);
    return *r;
  });
}

Result<Referral> ActorClosesReferral(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadReferrals(actor)) return ReadRefused(actor);
  return db.Write([&](db::Connection& c) -> Result<Referral> {
    auto r = Find(c, actor, id);
    if (!r) return NotFound(kNotFound);
    if (!CanCloseReferral(actor)) return Forbidden("Votre rôle ne permet pas de clore une orientation.");
    if (!r->open) return Conflict("Cette orientation est déjà close.", "status");
    c.Exec("UPDATE referrals SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(actor.user_id), db::P(NowMillis()), db::P(id)});
    // The entry belongs to the landlord, whichever side closes.
    auto entry = audit::Of(actor, "update", "referral", id);
    entry.organisation_id = r->landlord_id;
    audit::AppendInTransaction(c, entry);
    return *Find(c, actor, id);
  });
}

namespace {

// An answer of the partner's worker to a referral it sees: `change` runs on the open referral.
Result<Referral> PartnerChanges(db::Database& db, const auth::Actor& actor, int64_t id,
                                const std::function<std::optional<Error>(db::Connection&, const Referral&)>& change) {
  if (!CanReadReferrals(actor)) return ReadRefused(actor);
  return db.Write([&](db::Connection& c) -> Result<Referral> {
    auto r = Find(c, actor, id);
    if (!r) return NotFound(kNotFound);
    if (!CanAnswerReferral(actor)) {
      return Forbidden("Seul le partenaire destinataire répond à une orientation et en rend compte.");
    }
    if (!r->open) return Conflict("Cette orientation est close.", "status");
    if (auto e = change(c, *r)) return *e;
    auto entry = audit::Of(actor, "update", "referral", id);
    entry.organisation_id = r->landlord_id;
    audit::AppendInTransaction(c, entry);
    return *Find(c, actor, id);
  });
}

}  // namespace

Result<Referral> PartnerAcceptsReferral(db::Database& db, const auth::Actor& actor, int64_t id) {
  return PartnerChanges(db, actor, id, [&](db::Connection& c, const Referral& r) -> std::optional<Error> {
    if (!r.response.empty()) return Conflict("Vous avez déjà répondu à cette orientation.", "response");
    c.Exec("UPDATE referrals SET response = 'accepted', responded_by = ?, responded_at = ? WHERE id = ?",
           {db::P(actor.user_id), db::P(NowMillis()), db::P(id)});
    return std::nullopt;
  });
}

Result<Referral> PartnerDeclinesReferral(db::Database& db, const auth::Actor& actor, int64_t id,
                                         const std::string& reason_in) {
  const std::string reason(text::Trim(reason_in));
  return PartnerChanges(db, actor, id, [&](db::Connection& c, const Referral& r) -> std::optional<Error> {
    if (!r.response.empty()) return Conflict("Vous avez déjà répondu à cette orientation.", "response");
    if (reason.empty()) return Invalid("reason", "Le motif du refus est obligatoire.");
    const int64_t now = NowMillis();
    // Declined, it closes: the partner no longer sees the household.
    c.Exec("UPDATE referrals SET response = 'declined', response_reason = ?, responded_by = ?, responded_at = ?, "
           "status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(reason), db::P(actor.user_id), db::P(now), db::P(actor.user_id), db::P(now), db::P(id)});
    return std::nullopt;
  });
}

Result<Referral> PartnerRecordsOutcome(db::Database& db, const auth::Actor& actor, int64_t id,
                                       const std::string& outcome_in) {
  const std::string outcome(text::Trim(outcome_in));
  return PartnerChanges(db, actor, id, [&](db::Connection& c, const Referral& r) -> std::optional<Error> {
    if (r.response != "accepted") {
      return Conflict("Acceptez d'abord l'orientation pour rendre compte de ce qui a été fait.", "response");
    }
    if (outcome.empty()) return Invalid("outcome", "Décrivez ce qui a été fait.");
    c.Exec("UPDATE referrals SET outcome = ? WHERE id = ?", {db::P(outcome), db::P(id)});
    return std::nullopt;
  });
}

Result<std::vector<Partner>> StaffListsPartners(db::Database& db, const auth::Actor& actor) {
  if (!CanListPartners(actor)) return ReadRefused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Partner>> {
    std::vector<Partner> out;
    c.Query("SELECT o.id, o.name, pc.commune_insee FROM partner_landlords pl JOIN organisations o "
            "ON o.id = pl.partner_id LEFT JOIN partner_communes pc ON pc.partner_id = o.id "
            "WHERE pl.landlord_id = ? ORDER BY o.name, o.id, pc.commune_insee",
            {db::P(actor.organisation_id)}, [&](const db::Row& r) {
              if (out.empty() || out.back().id != r.Int(0)) out.push_back({r.Int(0), r.Str(1), {}});
              if (!r.IsNull(2)) out.back().communes.push_back(r.Str(2));
            });
    return out;
  });
}

}  // namespace relais::outreach
