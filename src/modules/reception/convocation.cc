#include "modules/reception/convocation.h"

#include <sodium.h>

#include <charconv>

#include "modules/housing/housing_contact.h"
#include "modules/reception/appointment_store.h"
#include "modules/reception/reception_policy.h"
#include "platform/auth/signed_token.h"
#include "platform/core/paris_time.h"

namespace relais::reception {
namespace {

using db::P;

constexpr std::string_view kPurpose = "convocation";

bool ParseId(std::string_view s, int64_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && out > 0;
}

std::string SiteLabel(const Site& s) { return s.city.empty() ? s.name : s.name + ", " + s.city; }

std::string SiteAddress(const Site& s) {
  std::string where = s.name + " — " + s.address;
  if (!s.postal_code.empty() || !s.city.empty()) where += ", " + s.postal_code + (s.postal_code.empty() ? "" : " ") + s.city;
  return where;
}

// The logo is stored in base64 (a TEXT column holds only UTF-8 on PostgreSQL).
std::string LogoOf(db::Connection& c, int64_t org) {
  std::string b64;
  c.Query("SELECT logo_base64 FROM reception_convocation_logos WHERE organisation_id = ?", {P(org)},
          [&](const db::Row& r) { b64 = r.Str(0); });
  std::string png(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), b64.data(), b64.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  png.resize(len);
  return png;
}

}  // namespace

std::string ConvocationToken(const auth::SealKey& key, int64_t organisation_id, int64_t appointment_id) {
  return auth::SignToken(key, kPurpose, "c1." + std::to_string(organisation_id) + "." + std::to_string(appointment_id));
}

std::string VerifyUrl(const ConvocationSettings& s, const std::string& token) { return s.public_url + "/verify/" + token; }

std::optional<ConvocationRef> ReadConvocationToken(const auth::SealKey& key, const std::string& token) {
  auto payload = auth::VerifyToken(key, kPurpose, token);
  if (!payload || !payload->starts_with("c1.")) return std::nullopt;
  const std::string_view rest = std::string_view(*payload).substr(3);
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  ConvocationRef ref;
  if (!ParseId(rest.substr(0, dot), ref.organisation_id) || !ParseId(rest.substr(dot + 1), ref.appointment_id)) {
    return std::nullopt;
  }
  return ref;
}

std::string_view StatusCode(ConvocationCheck::Status s) {
  switch (s) {
    case ConvocationCheck::Status::kValid: return "valid";
    case ConvocationCheck::Status::kNoLongerValid: return "no_longer_valid";
    case ConvocationCheck::Status::kNotGenuine: break;
  }
  return "not_genuine";
}

ConvocationCheck CheckConvocation(const std::optional<Appointment>& a, const std::string& site_label,
                                  const std::string& reason_name, int64_t now_ms) {
  ConvocationCheck out;
  if (!a) {
    out.message = "Cette convocation n'a pas été émise par ce bailleur : elle n'est pas authentique.";
    return out;
  }
  const ParisTime start = ParisTimeOf(a->start_ms);
  out.date = FormatFrenchDate(start.date);
  out.time = FormatFrenchTime(start.hour, start.minute);
  out.site = site_label;
  out.reason = reason_name;
  out.status = ConvocationCheck::Status::kNoLongerValid;
  // The trip home after the appointment is covered: valid until the end of its day in Paris.
  const int64_t day_end = ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(start.date) + 1));
  switch (a->state) {
    case AppointmentState::kCancelledByTenant:
    case AppointmentState::kCancelledByLandlord:
      out.message = "Convocation authentique, mais ce rendez-vous a été annulé : elle ne justifie plus de déplacement.";
      return out;
    case AppointmentState::kRescheduled:
      out.message = "Convocation authentique, mais ce rendez-vous a été déplacé : seule la nouvelle convocation est "
                    "valable.";
      return out;
    case AppointmentState::kNoShow:
      out.message = "Convocation authentique, mais ce rendez-vous est passé.";
      return out;
    case AppointmentState::kBooked:
    case AppointmentState::kConfirmed:
    case AppointmentState::kSeen:
      break;
  }
  if (a->mode != Mode::kInPerson) {
    out.message = "Convocation authentique, mais ce rendez-vous a lieu désormais à distance (téléphone ou vidéo) : "
                  "elle ne justifie plus de déplacement.";
    return out;
  }
  if (now_ms >= day_end) {
    out.message = "Convocation authentique, mais ce rendez-vous est passé.";
    return out;
  }
  out.status = ConvocationCheck::Status::kValid;
  out.message = "Convocation authentique et valable : rendez-vous auprès d'un service public.";
  return out;
}

ConvocationCheck PublicChecksConvocation(db::Database& db, const ConvocationSettings& s, const std::string& token,
                                         int64_t now_ms) {
  const auto ref = ReadConvocationToken(s.key, token);
  if (!ref) return CheckConvocation(std::nullopt, {}, {}, now_ms);
  return db.Read([&](db::Connection& c) {
    auto a = FindAppointment(c, ref->organisation_id, ref->appointment_id);
    if (!a) return CheckConvocation(std::nullopt, {}, {}, now_ms);
    auto site = FindSite(c, ref->organisation_id, a->site_id);
    auto reason = FindReason(c, ref->organisation_id, a->reason_id);
    return CheckConvocation(a, site ? SiteLabel(*site) : a->site_name, reason ? reason->name : a->reason_name, now_ms);
  });
}

Result<ConvocationFile> ConvocationOf(db::Connection& c, const ConvocationSettings& s, const Appointment& a,
                                      int64_t now_ms) {
  if (a.mode != Mode::kInPerson) {
    return Error{ErrorCode::kConflict, "Seul un rendez-vous sur place a une convocation.", "mode"};
  }
  if (!IsActive(a.state) && a.state != AppointmentState::kSeen) {
    return Error{ErrorCode::kConflict, "Ce rendez-vous a été annulé ou déplacé : il n'a plus de convocation.", "state"};
  }
  const int64_t org = a.organisation_id;
  auto site = FindSite(c, org, a.site_id);
  auto reason = FindReason(c, org, a.reason_id);
  if (!site || !reason) return Error{ErrorCode::kNotFound, "Introuvable.", {}};
  const auto organisation = housing::FindOrganisation(c, org);
  pdf::Convocation doc;
  doc.landlord_name = organisation ? organisation->name : "";
  doc.logo_png = LogoOf(c, org);
  doc.reference = "Rendez-vous n° " + std::to_string(a.id);
  doc.person = !a.person_name.empty() ? a.person_name : a.applicant_name;
  if (doc.person.empty() && a.household_id) {
    if (auto h = housing::FindHouseholdContact(c, org, *a.household_id)) doc.person = h->name;
  }
  const ParisTime start = ParisTimeOf(a.start_ms);
  doc.date = FormatFrenchDate(start.date);
  doc.time = FormatFrenchTime(start.hour, start.minute);
  doc.place = SiteAddress(*site);
  if (!site->access_notes.empty()) doc.place += " (" + site->access_notes + ")";
  doc.reason = reason->name;
  doc.documents = reason->documents;
  doc.instructions = reason->instructions;
  doc.statement = s.statement;
  doc.verify_url = VerifyUrl(s, ConvocationToken(s.key, org, a.id));
  doc.issued = "Document émis le " + FormatFrenchDate(ParisTimeOf(now_ms).date) + " par " + doc.landlord_name + ".";
  auto bytes = pdf::RenderConvocation(doc);
  if (!bytes.ok()) return bytes.error();
  return ConvocationFile{"convocation-" + std::to_string(a.id) + ".pdf", std::move(*bytes), a};
}

Result<ConvocationFile> ActorGetsConvocation(db::Database& db, const auth::Actor& actor, const ConvocationSettings& s,
                                             int64_t id, int64_t now_ms) {
  const bool tenant = actor.kind == auth::Kind::kTenant;
  if (tenant ? !CanTenantBook(actor) : !CanBookAppointments(actor)) return NotFound();
  return db.Read([&](db::Connection& c) -> Result<ConvocationFile> {
    // A tenant reaches only their own household's appointments, staff only those of the sites of
    // their agencies; anything else is 404.
    auto a = FindVisibleAppointment(c, actor, id);
    if (!a) return NotFound();
    return ConvocationOf(c, s, *a, now_ms);
  });
}

Result<Unit> ManagerSetsConvocationLogo(db::Database& db, const auth::Actor& actor, const std::string& png_base64) {
  if (actor.kind == auth::Kind::kTenant || !CanManageReceptionSetup(actor)) return Forbidden();
  if (!png_base64.empty()) {
    std::string png(png_base64.size(), '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), png_base64.data(),
                          png_base64.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != png_base64.data() + png_base64.size()) {
      return Invalid("png_base64", "Le logo doit être envoyé en base64.");
    }
    png.resize(len);
    if (png.size() > 200 * 1024) return Invalid("png_base64", "Le logo ne doit pas dépasser 200 Ko.");
    if (!png.starts_with("\x89PNG\r\n\x1a\n")) return Invalid("png_base64", "Le logo doit être une image PNG.");
    // Checked by drawing it once: a PNG libharu cannot read would break every convocation later.
    pdf::Convocation probe;
    probe.logo_png = png;
    probe.verify_url = "https://relais.invalid/verify/x";
    if (auto r = pdf::RenderConvocation(probe); !r.ok() && r.error().field == "logo") {
      return Invalid("png_base64", r.error().message);
    }
  }
  db.Write([&](db::Connection& c) {
    c.Exec("DELETE FROM reception_convocation_logos WHERE organisation_id = ?", {P(actor.organisation_id)});
    if (!png_base64.empty()) {
      c.Exec("INSERT INTO reception_convocation_logos (organisation_id, logo_base64, updated_at) VALUES (?, ?, ?)",
             {P(actor.organisation_id), P(png_base64), P(NowMillis())});
    }
    return 0;
  });
  return Unit{};
}

}  // namespace relais::reception
