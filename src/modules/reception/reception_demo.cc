#include "modules/reception/reception_demo.h"

#include <string>
#include <vector>

#include "modules/reception/appointment_store.h"

namespace relais::reception {

int MakeDemoReception(db::Connection& c, int64_t org) {
  struct AgencyRow {
    int64_t id;
    std::string name, street, postal_code;
  };
  std::vector<AgencyRow> agencies;
  c.Query("SELECT a.id, a.name, COALESCE(MIN(b.street), ''), COALESCE(MIN(b.postal_code), '') FROM agencies a "
          "LEFT JOIN buildings b ON b.agency_id = a.id WHERE a.organisation_id = ? GROUP BY a.id, a.name ORDER BY a.id LIMIT 3",
          {db::P(org)}, [&](const db::Row& r) { agencies.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3)}); });
  if (agencies.empty()) agencies.push_back({0, "Siège", "1 place de la République", ""});

  std::vector<int64_t> sites;
  for (const auto& a : agencies) {
    Site s;
    if (a.id > 0) s.agency_id = a.id;
    s.name = "Accueil " + a.name;
    s.address = a.street.empty() ? "1 place de la République" : a.street;
    s.postal_code = a.postal_code;
    s.access_notes = "Accès de plain-pied ; sonnez à l'interphone « Accueil ».";
    s.capacity = 4;
    sites.push_back(InsertSite(c, org, s));
  }

  struct Motif {
    ReasonKind kind;
    int minutes;
    bool phone, video, tenants;
    const char* instructions;
    std::vector<std::string> documents;
  };
  const std::vector<Motif> motifs = {
      {ReasonKind::kLeaseSigning, 45, false, false, false, "Venez avec toutes les personnes qui signent le bail.",
       {"Pièce d'identité de chaque signataire", "Attestation d'assurance habitation", "RIB"}},
      {ReasonKind::kKeyHandover, 30, false, false, true, "Les clés sont remises au titulaire du bail ou à une personne munie d'une procuration.",
       {"Pièce d'identité", "Attestation d'assurance habitation"}},
      {ReasonKind::kInspection, 60, false, false, false, "L'état des lieux a lieu dans le logement ; prévoyez une heure.",
       {"Pièce d'identité", "Clés du logement (état des lieux de sortie)"}},
      {ReasonKind::kRentalManagement, 30, true, true, true, "Pour une question sur votre loyer, vos charges ou votre bail.",
       {"Dernier avis d'échéance"}},
      {ReasonKind::kSocialSupport, 45, true, false, true, "Un entretien confidentiel avec une conseillère en économie sociale et familiale.",
       {"Justificatifs de ressources", "Dernier avis d'échéance"}},
  };
  for (const auto& m : motifs) {
    Reason r;
    r.kind = m.kind;
    r.name = std::string(ReasonKindLabel(m.kind));
    r.duration_minutes = m.minutes;
    r.in_person = true;
    r.by_phone = m.phone;
    r.by_video = m.video;
    r.open_to_tenants = m.tenants;
    r.min_delay_minutes = m.tenants ? 24 * 60 : 0;
    r.max_delay_days = 60;
    r.instructions = m.instructions;
    r.documents = m.documents;
    InsertReason(c, org, r);
  }

  // Who receives: the reception agent (first landlord) or the manager, and the social-support
  // officer when there is one; weekdays 09:00-12:00 and 14:00-17:00 at the first site, Tuesday
  // and Thursday mornings at the others.
  std::vector<int64_t> staff;
  for (const char* role_email : {"reception", "manager", "social_support"}) {
    c.Query("SELECT id FROM staff_users WHERE organisation_id = ? AND email LIKE ? ORDER BY id LIMIT 1",
            {db::P(org), db::P(std::string(role_email) + "%@demo.relais.test")}, [&](const db::Row& r) { staff.push_back(r.Int(0)); });
  }
  if (staff.empty()) {
    c.Query("SELECT id FROM staff_users WHERE organisation_id = ? ORDER BY id LIMIT 1", {db::P(org)},
            [&](const db::Row& r) { staff.push_back(r.Int(0)); });
  }
  for (size_t k = 0; k < staff.size(); ++k) {
    for (int day = 1; day <= 5; ++day) {
      for (auto [start, end] : {std::pair{9 * 60, 12 * 60}, std::pair{14 * 60, 17 * 60}}) {
        OpeningRange o;
        o.site_id = sites.front();
        o.staff_user_id = staff[k];
        o.weekday = day;
        o.start_minute = start;
        o.end_minute = end;
        InsertOpeningRange(c, org, o);
      }
    }
  }
  for (size_t s = 1; s < sites.size(); ++s) {
    for (int day : {2, 4}) {
      OpeningRange o;
      o.site_id = sites[s];
      o.staff_user_id = staff.front();
      o.weekday = day;
      o.start_minute = 9 * 60;
      o.end_minute = 12 * 60;
      InsertOpeningRange(c, org, o);
    }
  }
  return static_cast<int>(sites.size());
}

}  // namespace relais::reception
