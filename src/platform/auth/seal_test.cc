#include "platform/auth/seal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace relais::auth {
namespace {

const SealKey kKey = SealKeyOf("0123456789abcdef0123456789abcdef");
const SealKey kOther = SealKeyOf("fedcba9876543210fedcba9876543210");

TEST(Seal, RoundTripsAndHidesThePlainValue) {
  const std::string sealed = Seal(kKey, "JBSWY3DPEHPK3PXP");
  EXPECT_TRUE(IsSealed(sealed));
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_EQ(Unseal(kKey, sealed), "JBSWY3DPEHPK3PXP");
}

TEST(Seal, EachSealUsesANewNonce) { EXPECT_NE(Seal(kKey, "same"), Seal(kKey, "same")); }

TEST(Seal, RefusesAnotherKeyAnAlteredValueOrAPlainOne) {
  std::string sealed = Seal(kKey, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(Unseal(kOther, sealed), std::nullopt);
  sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Unseal(kKey, sealed), std::nullopt);
  EXPECT_EQ(Unseal(kKey, "JBSWY3DPEHPK3PXP"), std::nullopt);
  EXPECT_EQ(Unseal(kKey, "sb1:"), std::nullopt);
  EXPECT_EQ(Unseal(kKey, "sb1:!!!"), std::nullopt);
  EXPECT_THROW(Seal(SealKey{}, "x"), std::logic_error);
}

TEST(SealKeyFile, IsCreatedPrivateThenReadBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("relais-seal-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "sub" / "relais-secret.key").string();
  const SealKey created = LoadOrCreateSealKey(path);
  EXPECT_FALSE(created.empty());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(st.st_size, 32);
  EXPECT_EQ(LoadOrCreateSealKey(path).bytes, created.bytes);

  chmod(path.c_str(), 0644);
  EXPECT_THROW(LoadOrCreateSealKey(path), std::runtime_error);
  chmod(path.c_str(), 0600);
  std::ofstream(path, std::ios::trunc) << "short";
  EXPECT_THROW(LoadOrCreateSealKey(path), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace relais::auth
