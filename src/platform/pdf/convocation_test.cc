// The convocation page: every element the issue lists reads back from the PDF (poppler's
// pdftotext), the logo is embedded (pdfimages), a bad logo is a clear error, and the QR code has
// the size libqrencode gives the link.
#include "platform/pdf/convocation.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace relais::pdf {
namespace {

std::string RunTool(const std::string& cmd_prefix, const std::string& bytes) {
  auto in = std::filesystem::temp_directory_path() / ("relais-convocation-test-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(in, std::ios::binary) << bytes;
  std::string out;
  if (FILE* p = ::popen((cmd_prefix + " " + in.string() + (cmd_prefix.starts_with("pdftotext") ? " -" : "") +
                         " 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(in);
  return out;
}

std::string Logo() {
  const char* root = std::getenv("RELAIS_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/fixtures/logo-bailleur.png", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Convocation KeyHandover() {
  Convocation c;
  c.landlord_name = "Habitat Rhône Métropole";
  c.landlord_address = "3 place Bellecour, 69002 Lyon";
  c.logo_png = Logo();
  c.reference = "Rendez-vous n° 42";
  c.person = "Camille Martin";
  c.date = "jeudi 3 décembre 2026";
  c.time = "14 h 30";
  c.place = "Agence Centre — 12 rue de la République, 69001 Lyon";
  c.reason = "Remise des clés";
  c.documents = {"Pièce d'identité", "Attestation d'assurance habitation"};
  c.instructions = "Présentez-vous à l'accueil cinq minutes avant l'heure.";
  c.statement = "Cette convocation justifie votre déplacement : vous vous rendez à un rendez-vous auprès d'un "
                "service public.";
  c.verify_url = "https://relais.example.fr/verify/YzEuMTIuNDIuMg.Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy";
  c.issued = "Document émis le dimanche 29 novembre 2026";
  return c;
}

TEST(Convocation, HoldsEveryElementAndReadsBack) {
  ASSERT_FALSE(Logo().empty()) << "tests/fixtures/logo-bailleur.png";
  auto bytes = RenderConvocation(KeyHandover());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_TRUE(bytes->starts_with("%PDF-"));
  const std::string text = RunTool("pdftotext -enc UTF-8 -raw", *bytes);
  for (const char* want : {"Habitat Rhône Métropole", "Convocation", "Rendez-vous n° 42", "Camille Martin",
                           "jeudi 3 décembre 2026", "14 h 30", "Agence Centre", "Remise des clés", "Pièce d'identité",
                           "Attestation d'assurance habitation", "Documents à apporter", "service public",
                           "Vérifier cette convocation", "https://relais.example.fr/verify/", "Document émis le"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  std::string info = RunTool("pdfinfo", *bytes);
  std::erase(info, ' ');
  EXPECT_NE(info.find("Pages:1\n"), std::string::npos) << info;  // one page
  EXPECT_NE(info.find("595.276x841.89pts(A4)"), std::string::npos) << info;
  // The logo is the one image of the page (the QR code is drawn, not an image).
  const std::string images = RunTool("pdfimages -list", *bytes);
  EXPECT_NE(images.find("120    48"), std::string::npos) << images;
}

TEST(Convocation, WithoutALogoItIsStillMade) {
  auto c = KeyHandover();
  c.logo_png.clear();
  auto bytes = RenderConvocation(c);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_NE(RunTool("pdftotext -enc UTF-8 -raw", *bytes).find("Habitat Rhône Métropole"), std::string::npos);
}

TEST(Convocation, ALogoThatIsNotAPngIsAnErrorOnTheLogo) {
  auto c = KeyHandover();
  c.logo_png = "GIF89a not a png";
  auto bytes = RenderConvocation(c);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bytes.error().field, "logo");
}

TEST(Convocation, AMissingFontNamesThePackage) {
  auto bytes = RenderConvocation(KeyHandover(), "/nonexistent/DejaVuSans.ttf");
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().message.find("fonts-dejavu-core"), std::string::npos);
}

TEST(QrModules, IsASquareWithTheThreeFinderPatterns) {
  const auto qr = QrModules(KeyHandover().verify_url);
  ASSERT_GE(qr.size(), 21u);
  EXPECT_EQ((qr.size() - 17) % 4, 0u);  // versions are 21, 25, 29... modules wide
  const size_t n = qr.size();
  for (auto [r, c] : {std::pair<size_t, size_t>{0, 0}, {0, n - 7}, {n - 7, 0}}) {
    for (size_t i = 0; i < 7; ++i) {
      EXPECT_TRUE(qr[r][c + i]);      // the finder's top edge
      EXPECT_TRUE(qr[r + 6][c + i]);  // and bottom edge
    }
    EXPECT_FALSE(qr[r + 1][c + 1]);  // its white ring
    EXPECT_TRUE(qr[r + 3][c + 3]);   // its dark centre
  }
  EXPECT_EQ(QrModules(KeyHandover().verify_url), qr);  // the same link, the same code
}

}  // namespace
}  // namespace relais::pdf
