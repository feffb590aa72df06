#include "platform/auth/totp.h"

#include <gtest/gtest.h>

namespace relais::auth {
namespace {

// RFC 6238 appendix B, SHA-1 rows: the 20-byte ASCII key "12345678901234567890", 8 digits.
TEST(TotpTest, Rfc6238TestVectors) {
  const std::string key = "12345678901234567890";
  const std::pair<int64_t, const char*> rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : rows) {
    EXPECT_EQ(Hotp(key, static_cast<uint64_t>(TotpStep(time)), 8), code) << time;
    // Six digits are the last six of the eight.
    EXPECT_EQ(Hotp(key, static_cast<uint64_t>(TotpStep(time))), std::string(code).substr(2)) << time;
  }
}

// RFC 4226 appendix D: HOTP values of the same key for counters 0..2.
TEST(TotpTest, Rfc4226Hotp) {
  EXPECT_EQ(Hotp("12345678901234567890", 0), "755224");
  EXPECT_EQ(Hotp("12345678901234567890", 1), "287082");
  EXPECT_EQ(Hotp("12345678901234567890", 2), "359152");
}

TEST(TotpTest, AcceptsOneStepOfDriftAndEachCodeOnce) {
  const std::string key = "12345678901234567890";
  const int64_t now = 1111111111;  // step 37037037
  const int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(key, Hotp(key, step), now, 0), step);
  EXPECT_EQ(MatchTotp(key, Hotp(key, step - 1), now, 0), step - 1);
  EXPECT_EQ(MatchTotp(key, Hotp(key, step + 1), now, 0), step + 1);
  EXPECT_FALSE(MatchTotp(key, Hotp(key, step - 2), now, 0));
  EXPECT_FALSE(MatchTotp(key, Hotp(key, step + 2), now, 0));
  // Replay: a step already used, or an earlier one, is refused.
  EXPECT_FALSE(MatchTotp(key, Hotp(key, step), now, step));
  EXPECT_FALSE(MatchTotp(key, Hotp(key, step - 1), now, step));
  EXPECT_FALSE(MatchTotp(key, "12345", now, 0));
  EXPECT_FALSE(MatchTotp(key, "abcdef", now, 0));
}

TEST(TotpTest, Base32RoundTripAndRfc4648Vectors) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi"), "foobar");
  EXPECT_FALSE(Base32Decode("MZ1W"));
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 20u);
  EXPECT_EQ(Base32Decode(Base32Encode(secret)), secret);
  EXPECT_NE(NewTotpSecret(), secret);
}

TEST(TotpTest, OtpauthUriAndQrCode) {
  const std::string uri = OtpauthUri("Relais", "ana@example.fr", "12345678901234567890");
  EXPECT_EQ(uri,
            "otpauth://totp/Relais:ana@example.fr?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Relais"
            "&algorithm=SHA1&digits=6&period=30");
  const std::string svg = QrSvg(uri);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg.substr(0, 80);
  EXPECT_NE(svg.find("<path"), std::string::npos);
}

}  // namespace
}  // namespace relais::auth
