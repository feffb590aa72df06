// Convocations (issue 7): every appointment in person has a one-page PDF that justifies the trip
// to a public service (platform/pdf/convocation.h), with a QR code of a link to
// /verify/<token>. The token is signed with the convocation key (ADR 0017) and names only the
// organisation and the appointment; checking it reveals only the date, the site and the reason.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/reception/reception.h"
#include "platform/auth/actor.h"
#include "platform/auth/seal.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/pdf/convocation.h"

namespace relais::reception {

// What the convocation needs from the composition root.
struct ConvocationSettings {
  auth::SealKey key;            // reception.convocation_key_file
  std::string public_url;       // server.public_url ("https://relais.example.fr"); "" -> relative link
  // The statement printed on every convocation. Its wording is the landlord's to adapt: Relais
  // only says what the appointment is (DOMAIN.md §4), it does not quote a decree.
  std::string statement =
      "Cette convocation justifie votre déplacement : vous vous rendez à un rendez-vous auprès d'un service "
      "public (votre bailleur social), à la date, à l'heure et au lieu indiqués. Présentez-la avec une pièce "
      "d'identité en cas de contrôle.";
};

// The token of an appointment's convocation, and the link that checks it.
std::string ConvocationToken(const auth::SealKey& key, int64_t organisation_id, int64_t appointment_id);
std::string VerifyUrl(const ConvocationSettings& s, const std::string& token);
struct ConvocationRef {
  int64_t organisation_id = 0;
  int64_t appointment_id = 0;
};
// nullopt when the token is not one of ours (forged, altered, another key or purpose, malformed).
std::optional<ConvocationRef> ReadConvocationToken(const auth::SealKey& key, const std::string& token);

// What /verify shows. Only genuine convocations carry the date, site and reason.
struct ConvocationCheck {
  enum class Status { kValid, kNoLongerValid, kNotGenuine };
  Status status = Status::kNotGenuine;
  std::string message;  // French, one sentence
  std::string date;     // "jeudi 3 décembre 2026"
  std::string time;     // "14 h 30"
  std::string site;     // "Agence Centre, Lyon"
  std::string reason;   // "Remise des clés"
};
std::string_view StatusCode(ConvocationCheck::Status s);  // "valid", "no_longer_valid", "not_genuine"

// Pure: the verdict on a genuine token's appointment (nullopt: not found, so not genuine). Valid
// while the appointment is in person and booked, confirmed or seen, until the end of its day in
// Europe/Paris (the trip home is covered); otherwise no longer valid, saying why.
ConvocationCheck CheckConvocation(const std::optional<Appointment>& a, const std::string& site_label,
                                  const std::string& reason_name, int64_t now_ms);

// Anyone, no session: the verdict on `token` at now_ms.
ConvocationCheck PublicChecksConvocation(db::Database& db, const ConvocationSettings& s, const std::string& token,
                                         int64_t now_ms);

// The convocation PDF of appointment `id`: staff who may read appointments, or the tenant of its
// household. kNotFound outside the actor's reach; kConflict (field mode) when the appointment is
// not in person, or is cancelled or moved. The person, date, time, place, reason, documents.
struct ConvocationFile {
  std::string filename;  // "convocation-42.pdf"
  std::string pdf;
  Appointment appointment;
};
Result<ConvocationFile> ActorGetsConvocation(db::Database& db, const auth::Actor& actor, const ConvocationSettings& s,
                                             int64_t id, int64_t now_ms);
// The same inside a caller's transaction, without a policy check (the notices that attach it).
Result<ConvocationFile> ConvocationOf(db::Connection& c, const ConvocationSettings& s, const Appointment& a,
                                      int64_t now_ms);

// The landlord's logo printed on convocations, set by a manager: a PNG (at most 200 KB) in base64;
// empty removes it. kInvalid (field png_base64) when it is not base64 of a PNG.
Result<Unit> ManagerSetsConvocationLogo(db::Database& db, const auth::Actor& actor, const std::string& png_base64);

}  // namespace relais::reception
