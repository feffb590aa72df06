#include "platform/pdf/convocation.h"

#include <hpdf.h>
#include <qrencode.h>

#include <filesystem>
#include <memory>

namespace relais::pdf {
namespace {

constexpr float kMargin = 50;

void OnError(HPDF_STATUS error_no, HPDF_STATUS, void* user_data) {
  auto* status = static_cast<HPDF_STATUS*>(user_data);
  if (*status == 0) *status = error_no;
}

}  // namespace

std::vector<std::vector<bool>> QrModules(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M),
                                                     &QRcode_free);
  if (!qr) return {};
  std::vector<std::vector<bool>> rows(qr->width, std::vector<bool>(qr->width));
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) rows[y][x] = (qr->data[y * qr->width + x] & 1) != 0;
  }
  return rows;
}

Result<std::string> RenderConvocation(const Convocation& c, const std::string& font_path,
                                      const std::string& bold_font_path) {
  for (const auto& path : {font_path, bold_font_path}) {
    if (!std::filesystem::exists(path)) {
      return Error{ErrorCode::kUnavailable,
                   "Police introuvable : " + path + ". Installez le paquet Debian fonts-dejavu-core (scripts/setup).",
                   {}};
    }
  }
  const auto qr = QrModules(c.verify_url);
  if (qr.empty()) return Error{ErrorCode::kInternal, "Le code QR de la convocation n'a pas pu être produit.", {}};
  HPDF_STATUS status = 0;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(OnError, &status), HPDF_Free);
  if (!doc) return Error{ErrorCode::kInternal, "Impossible de créer le document PDF.", {}};
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* regular_name = HPDF_LoadTTFontFromFile(pdf, font_path.c_str(), HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(pdf, bold_font_path.c_str(), HPDF_TRUE);
  if (status != 0 || regular_name == nullptr || bold_name == nullptr) {
    return Error{ErrorCode::kUnavailable, "La police " + font_path + " n'a pas pu être chargée.", {}};
  }
  HPDF_Font regular = HPDF_GetFont(pdf, regular_name, "UTF-8");
  HPDF_Font bold = HPDF_GetFont(pdf, bold_name, "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, (c.title + " — " + c.reason).c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, c.landlord_name.c_str());

  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  const float width = HPDF_Page_GetWidth(page);
  float y = HPDF_Page_GetHeight(page) - kMargin;
  auto text = [&](HPDF_Font font, float size, float x, float at, const std::string& s) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_TextOut(page, x, at, s.c_str());
    HPDF_Page_EndText(page);
  };

  // Header: the logo (at most 150 x 60 points, proportions kept), then the landlord's name.
  float name_x = kMargin;
  if (!c.logo_png.empty()) {
    HPDF_Image logo = HPDF_LoadPngImageFromMem(pdf, reinterpret_cast<const HPDF_BYTE*>(c.logo_png.data()),
                                               static_cast<HPDF_UINT>(c.logo_png.size()));
    if (logo == nullptr || status != 0) {
      return Error{ErrorCode::kInvalid, "Le logo du bailleur doit être une image PNG lisible.", "logo"};
    }
    const float iw = static_cast<float>(HPDF_Image_GetWidth(logo));
    const float ih = static_cast<float>(HPDF_Image_GetHeight(logo));
    const float scale = std::min(150.0f / iw, 60.0f / ih);
    HPDF_Page_DrawImage(page, logo, kMargin, y - ih * scale, iw * scale, ih * scale);
    name_x = kMargin + iw * scale + 16;
  }
  text(bold, 14, name_x, y - 18, c.landlord_name);
  float header_y = y - 34;
  for (const auto& l : Wrap(c.landlord_address, 60)) {
    text(regular, 9, name_x, header_y, l);
    header_y -= 12;
  }
  y -= 90;

  // Title and reference.
  text(bold, 22, kMargin, y, c.title);
  if (!c.reference.empty()) text(regular, 10, width - kMargin - 160, y + 4, c.reference);
  y -= 34;

  auto line = [&](const std::string& label, const std::string& value, float size = 12) {
    auto lines = Wrap(value.empty() ? "—" : value, 52);
    text(bold, 11, kMargin, y, label);
    for (const auto& l : lines) {
      text(regular, size, kMargin + 150, y, l);
      y -= size + 6;
    }
    y -= 4;
  };
  line("Personne convoquée", c.person);
  line("Date", c.date, 14);
  line("Heure", c.time, 14);
  line("Lieu", c.place);
  line("Motif", c.reason);
  if (!c.documents.empty()) {
    text(bold, 11, kMargin, y, "Documents à apporter");
    for (const auto& d : c.documents) {
      for (const auto& l : Wrap("• " + d, 52)) {
        text(regular, 11, kMargin + 150, y, l);
        y -= 16;
      }
    }
    y -= 4;
  }
  if (!c.instructions.empty()) line("Consignes", c.instructions, 11);

  // The statement, framed so that it is found at a glance (and survives a grey photocopy).
  const auto statement = Wrap(c.statement, 80);
  const float box_h = 16.0f * static_cast<float>(statement.size()) + 20;
  y -= 6;
  HPDF_Page_SetLineWidth(page, 1.5);
  HPDF_Page_Rectangle(page, kMargin, y - box_h + 12, width - 2 * kMargin, box_h);
  HPDF_Page_Stroke(page);
  float sy = y - 4;
  for (const auto& l : statement) {
    text(bold, 11, kMargin + 10, sy, l);
    sy -= 16;
  }
  y -= box_h + 16;

  // The QR code: 4 modules of quiet zone, about 130 points wide, bottom left; the link beside it.
  const int n = static_cast<int>(qr.size());
  const float module = 130.0f / static_cast<float>(n + 8);
  const float qr_size = module * static_cast<float>(n + 8);
  const float qx = kMargin, qy = std::max(kMargin + 30, y - qr_size);
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int r = 0; r < n; ++r) {
    for (int col = 0; col < n; ++col) {
      if (!qr[r][col]) continue;
      HPDF_Page_Rectangle(page, qx + module * static_cast<float>(col + 4),
                          qy + qr_size - module * static_cast<float>(r + 5), module, module);
    }
  }
  HPDF_Page_Fill(page);
  float ty = qy + qr_size - 20;
  text(bold, 11, qx + qr_size + 14, ty, "Vérifier cette convocation");
  ty -= 16;
  for (const auto& l : Wrap("Scannez le code ou ouvrez l'adresse ci-dessous : elle indique si la convocation est "
                            "authentique et toujours valable, sans donnée personnelle.", 55)) {
    text(regular, 9, qx + qr_size + 14, ty, l);
    ty -= 12;
  }
  ty -= 4;
  for (const auto& l : Wrap(c.verify_url, 58)) {
    text(regular, 8, qx + qr_size + 14, ty, l);
    ty -= 11;
  }
  if (!c.issued.empty()) text(regular, 8, kMargin, kMargin, c.issued);

  HPDF_SaveToStream(pdf);
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  if (status != 0) {
    return Error{ErrorCode::kInternal, "La convocation PDF n'a pas pu être produite (libharu, erreur " +
                                           std::to_string(status) + ").", {}};
  }
  return bytes;
}

}  // namespace relais::pdf
