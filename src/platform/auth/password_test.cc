#include "platform/auth/password.h"

#include <gtest/gtest.h>

#include "platform/auth/token.h"

namespace relais::auth {
namespace {

TEST(PasswordTest, HashesWithArgon2idAndVerifies) {
  std::string h = HashPassword("correct horse battery staple");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_NE(h.find("m=19456,t=2"), std::string::npos) << h;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", h));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", h));
  EXPECT_NE(HashPassword("correct horse battery staple"), h);  // salted
}

TEST(TokenTest, MakesDistinctUrlSafeTokens) {
  std::string a = RandomToken(16), b = RandomToken(16);
  EXPECT_EQ(a.size(), 22u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(SafeEquals(a, a));
  EXPECT_FALSE(SafeEquals(a, b));
  EXPECT_FALSE(SafeEquals("", ""));
}

}  // namespace
}  // namespace relais::auth
