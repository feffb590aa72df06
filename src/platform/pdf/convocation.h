// platform/pdf: the convocation, one A4 page that justifies a trip to a public service: the
// landlord's name and logo, the person convened, the date, time, place and reason, the documents to
// bring, the statement that the trip is to a public service, and a QR code (libqrencode) of the
// link that checks it is genuine. Black on white, readable when photocopied. Knows no module: the
// caller gives the words (already formatted in French) and the link.
#pragma once
#include <string>
#include <vector>

#include "platform/core/error.h"
#include "platform/pdf/pdf.h"

namespace relais::pdf {

struct Convocation {
  std::string landlord_name;       // "Habitat Rhône Métropole"
  std::string landlord_address;    // optional, under the name
  std::string logo_png;            // optional: the landlord's logo, PNG bytes
  std::string title = "Convocation";
  std::string reference;           // "Rendez-vous n° 42"
  std::string person;              // "Camille Martin"
  std::string date;                // "jeudi 3 décembre 2026"
  std::string time;                // "14 h 30"
  std::string place;               // site name and address
  std::string reason;              // "Remise des clés"
  std::vector<std::string> documents;  // documents to bring, one per line
  std::string instructions;        // optional
  std::string statement;           // the public-service statement (given by the caller: its wording is configuration)
  std::string verify_url;          // encoded in the QR code and printed under it
  std::string issued;              // "Document émis le dimanche 29 novembre 2026"
};

// The PDF bytes; kUnavailable when a font is missing, kInvalid (field "logo") when the logo is not a
// PNG libharu can read, kInternal when libharu or libqrencode fails.
Result<std::string> RenderConvocation(const Convocation& c, const std::string& font_path = kFontPath,
                                      const std::string& bold_font_path = kBoldFontPath);

// The modules of the QR code of `text` (error correction M), row by row, true for dark; empty on
// failure. Exposed for tests.
std::vector<std::vector<bool>> QrModules(const std::string& text);

}  // namespace relais::pdf
