// Uploads of case documents: base64, the size limit at its edge, the type confirmed by the bytes.
#include "modules/support/document.h"

#include <gtest/gtest.h>

#include "platform/notify/notify.h"

namespace relais::support {
namespace {

const std::string kPdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest";
const std::string kJpeg = "\xFF\xD8\xFF\xE0JFIF";

TEST(Document, Base64RoundTripsEveryLength) {
  std::string raw;
  for (int i = 0; i < 70; ++i) {
    auto back = DecodeBase64(notify::Base64(raw));
    ASSERT_TRUE(back) << i;
    EXPECT_EQ(*back, raw) << i;
    raw.push_back(static_cast<char>(i * 37));
  }
  EXPECT_EQ(DecodeBase64("TWE"), "Ma");  // padding optional
  EXPECT_FALSE(DecodeBase64("TW=E"));
  EXPECT_FALSE(DecodeBase64("T"));
  EXPECT_FALSE(DecodeBase64("TWE*"));
  EXPECT_FALSE(DecodeBase64("TWF="));  // non-zero trailing bits
}

TEST(Document, TypesAreConfirmedByTheirFirstBytes) {
  EXPECT_EQ(SniffContentType(kPdf), "application/pdf");
  EXPECT_EQ(SniffContentType(kPng), "image/png");
  EXPECT_EQ(SniffContentType(kJpeg), "image/jpeg");
  EXPECT_EQ(SniffContentType("MZ\x90"), "");
  EXPECT_EQ(SniffContentType(""), "");
  auto ok = CheckDocument(" avis-caf.pdf ", "application/pdf", notify::Base64(kPdf), 1024);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->filename, "avis-caf.pdf");
  EXPECT_EQ(ok->bytes, kPdf);
  auto renamed = CheckDocument("photo.pdf", "application/pdf", notify::Base64(kPng), 1024);
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error().field, "content_type");
  EXPECT_EQ(CheckDocument("a.exe", "application/octet-stream", notify::Base64("MZ"), 1024).error().field, "content_type");
  EXPECT_EQ(CheckDocument("a.png", "image/png", notify::Base64(kPng), 1024).ok(), true);
  EXPECT_EQ(CheckDocument("a.jpg", "image/jpeg", notify::Base64(kJpeg), 1024).ok(), true);
}

TEST(Document, TheSizeLimitAtItsEdge) {
  std::string at_limit = kPdf + std::string(100 - kPdf.size(), 'x');
  ASSERT_EQ(at_limit.size(), 100u);
  EXPECT_TRUE(CheckDocument("a.pdf", "application/pdf", notify::Base64(at_limit), 100).ok());
  auto over = CheckDocument("a.pdf", "application/pdf", notify::Base64(at_limit + "x"), 100);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(over.error().field, "content_base64");
  auto huge = CheckDocument("a.pdf", "application/pdf", std::string(1000, 'A'), 100);
  EXPECT_EQ(huge.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(CheckDocument("a.pdf", "application/pdf", "", 100).error().field, "content_base64");
}

TEST(Document, FileNames) {
  const auto b64 = notify::Base64(kPdf);
  EXPECT_EQ(CheckDocument("", "application/pdf", b64, 1024).error().field, "filename");
  EXPECT_EQ(CheckDocument("../etc/passwd", "application/pdf", b64, 1024).error().field, "filename");
  EXPECT_EQ(CheckDocument("a\\b.pdf", "application/pdf", b64, 1024).error().field, "filename");
  EXPECT_EQ(CheckDocument(std::string(201, 'a'), "application/pdf", b64, 1024).error().field, "filename");
  EXPECT_TRUE(CheckDocument("Quittance d'octobre – été.pdf", "application/pdf", b64, 1024).ok());
}

}  // namespace
}  // namespace relais::support
