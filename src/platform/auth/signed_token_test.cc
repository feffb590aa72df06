#include "platform/auth/signed_token.h"

#include <gtest/gtest.h>

namespace relais::auth {
namespace {

const SealKey kKey = SealKeyOf(std::string(32, 'k'));
const SealKey kOtherKey = SealKeyOf(std::string(32, 'o'));

TEST(SignedToken, RoundTripsAndIsUrlSafe) {
  const std::string t = SignToken(kKey, "convocation", "c1.12.345.2");
  EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."), std::string::npos);
  EXPECT_LT(t.size(), 70u);  // small enough for a QR code read from a photocopy
  EXPECT_EQ(VerifyToken(kKey, "convocation", t), "c1.12.345.2");
}

TEST(SignedToken, RefusesAnotherKeyAnotherPurposeOrAnAlteration) {
  const std::string t = SignToken(kKey, "convocation", "c1.12.345.2");
  EXPECT_FALSE(VerifyToken(kOtherKey, "convocation", t));
  EXPECT_FALSE(VerifyToken(kKey, "calendar", t));
  // The payload changed (appointment 346) with the old MAC.
  const std::string forged = SignToken(kKey, "convocation", "c1.12.346.2");
  EXPECT_FALSE(VerifyToken(kKey, "convocation", forged.substr(0, forged.find('.')) + t.substr(t.find('.'))));
  std::string flipped = t;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyToken(kKey, "convocation", flipped));
  for (const char* bad : {"", ".", "abc", "abc.", ".abc", "a b.c", "abc.def.ghi"}) {
    EXPECT_FALSE(VerifyToken(kKey, "convocation", bad)) << bad;
  }
  EXPECT_FALSE(VerifyToken(SealKey{}, "convocation", t));  // no key: nothing verifies
}

}  // namespace
}  // namespace relais::auth
