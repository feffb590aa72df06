#include "platform/pdf/pdf.h"

#include <hpdf.h>

#include <filesystem>
#include <memory>

namespace relais::pdf {
namespace {

constexpr float kMargin = 50;
constexpr float kValueX = 210;  // where the value of a label/value line starts

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// The byte offset of code point `n` of `s` (s.size() when shorter).
size_t ByteOfCodePoint(std::string_view s, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == n) return i;
      ++seen;
    }
  }
  return s.size();
}

// libharu reports errors through a callback: keep the first one, checked once the document is made.
void OnError(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* status = static_cast<HPDF_STATUS*>(user_data);
  if (*status == 0) *status = error_no;
}

}  // namespace

std::vector<std::string> Wrap(const std::string& text, size_t max_chars) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view para(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
    if (para.empty()) out.emplace_back();
    while (!para.empty()) {
      if (CodePoints(para) <= max_chars) {
        out.emplace_back(para);
        break;
      }
      size_t cut = ByteOfCodePoint(para, max_chars);
      size_t space = para.rfind(' ', cut);
      if (space != std::string_view::npos && space > 0) cut = space;
      out.emplace_back(para.substr(0, cut));
      para.remove_prefix(cut);
      while (!para.empty() && para.front() == ' ') para.remove_prefix(1);
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

Result<std::string> Document::Render(const std::string& font_path, const std::string& bold_font_path) const {
  for (const auto& path : {font_path, bold_font_path}) {
    if (!std::filesystem::exists(path)) {
      return Error{ErrorCode::kUnavailable,
                   "Police introuvable : " + path + ". Installez le paquet Debian fonts-dejavu-core (scripts/setup).",
                   {}};
    }
  }
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

  HPDF_Page page = nullptr;
  float y = 0;
  auto new_page = [&] {
    page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y = HPDF_Page_GetHeight(page) - kMargin;
  };
  auto text = [&](HPDF_Font font, float size, float x, const std::string& s) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_TextOut(page, x, y, s.c_str());
    HPDF_Page_EndText(page);
  };
  auto room_for = [&](float height) {
    if (page == nullptr || y - height < kMargin) new_page();
  };
  for (const auto& b : blocks_) {
    switch (b.kind) {
      case Block::Kind::kTitle:
        for (const auto& l : Wrap(b.text, 45)) {
          room_for(24);
          y -= 18;
          text(bold, 18, kMargin, l);
          y -= 6;
        }
        y -= 8;
        break;
      case Block::Kind::kHeading:
        room_for(40);
        y -= 14;
        text(bold, 13, kMargin, b.text);
        y -= 8;
        break;
      case Block::Kind::kLine: {
        auto lines = Wrap(b.text.empty() ? "—" : b.text, 55);
        for (size_t i = 0; i < lines.size(); ++i) {
          room_for(14);
          y -= 10;
          if (i == 0) text(bold, 10, kMargin, b.label);
          text(regular, 10, kValueX, lines[i]);
          y -= 4;
        }
        break;
      }
      case Block::Kind::kParagraph:
        for (const auto& l : Wrap(b.text, 90)) {
          room_for(14);
          y -= 10;
          text(regular, 10, kMargin, l);
          y -= 4;
        }
        y -= 4;
        break;
    }
  }
  if (page == nullptr) new_page();
  HPDF_SaveToStream(pdf);
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  if (status != 0) {
    return Error{ErrorCode::kInternal, "Le document PDF n'a pas pu être produit (libharu, erreur " +
                                           std::to_string(status) + ").", {}};
  }
  return bytes;
}

}  // namespace relais::pdf
