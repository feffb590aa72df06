// platform/pdf: simple text documents (a title, headings, label/value lines, paragraphs) as PDF,
// with libharu. Text is UTF-8 and rendered with a TrueType font (DejaVu Sans of the Debian package
// fonts-dejavu-core), so French accents and any Latin text show as written. Pages are A4; lines
// wrap and pages break on their own.
#pragma once
#include <string>
#include <vector>

#include "platform/core/error.h"

namespace relais::pdf {

// Where the fonts are looked for (Debian's fonts-dejavu-core).
inline constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kBoldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

struct Block {
  enum class Kind { kTitle, kHeading, kLine, kParagraph };
  Kind kind = Kind::kParagraph;
  std::string label;  // kLine: "Nom"
  std::string text;
};

class Document {
 public:
  Document& Title(std::string text) { return Add({Block::Kind::kTitle, {}, std::move(text)}); }
  Document& Heading(std::string text) { return Add({Block::Kind::kHeading, {}, std::move(text)}); }
  Document& Line(std::string label, std::string value) {
    return Add({Block::Kind::kLine, std::move(label), std::move(value)});
  }
  Document& Paragraph(std::string text) { return Add({Block::Kind::kParagraph, {}, std::move(text)}); }

  // The PDF bytes; kUnavailable when the font is missing (names the package) or libharu fails.
  Result<std::string> Render(const std::string& font_path = kFontPath,
                             const std::string& bold_font_path = kBoldFontPath) const;

 private:
  Document& Add(Block b) {
    blocks_.push_back(std::move(b));
    return *this;
  }
  std::vector<Block> blocks_;
};

// Splits `text` into lines of at most `max_chars` characters (UTF-8 code points), at spaces when
// it can; explicit newlines are kept. Exposed for tests.
std::vector<std::string> Wrap(const std::string& text, size_t max_chars);

}  // namespace relais::pdf
