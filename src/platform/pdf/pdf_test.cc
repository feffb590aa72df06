#include "platform/pdf/pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace relais::pdf {
namespace {

// The text poppler's pdftotext reads back from `bytes` (poppler-utils, installed by scripts/setup).
std::string TextOf(const std::string& bytes) {
  auto dir = std::filesystem::temp_directory_path();
  auto in = dir / ("relais-pdf-test-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(in, std::ios::binary) << bytes;
  std::string cmd = "pdftotext -enc UTF-8 " + in.string() + " - 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(in);
  return out;
}

TEST(Pdf, RendersUtf8FrenchTextThatReadsBack) {
  Document d;
  d.Title("Droit d'accès — ménage Hélène Dupont").Heading("Personnes").Line("Prénom", "Zoé-Cécile");
  for (int i = 0; i < 120; ++i) d.Paragraph("Ligne " + std::to_string(i) + " : œuvre à l'été, ça déçoit ?");
  auto bytes = d.Render();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_TRUE(bytes->starts_with("%PDF-"));
  const std::string text = TextOf(*bytes);
  EXPECT_NE(text.find("Hélène Dupont"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("Zoé-Cécile"), std::string::npos);
  EXPECT_NE(text.find("Ligne 119 : œuvre à l'été"), std::string::npos);  // on a later page
}

TEST(Pdf, AMissingFontIsAClearErrorNamingThePackage) {
  auto bytes = Document().Title("x").Render("/nonexistent/DejaVuSans.ttf");
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(bytes.error().message.find("fonts-dejavu-core"), std::string::npos);
}

TEST(Pdf, WrapsAtSpacesCountingCharactersNotBytes) {
  EXPECT_EQ(Wrap("éééé ààà", 5), (std::vector<std::string>{"éééé", "ààà"}));
  EXPECT_EQ(Wrap("abcdefgh", 3), (std::vector<std::string>{"abc", "def", "gh"}));
  EXPECT_EQ(Wrap("a\n\nb", 10), (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace
}  // namespace relais::pdf
