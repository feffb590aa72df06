#include "platform/core/error.h"

#include <gtest/gtest.h>

namespace relais {
namespace {

TEST(ErrorTest, MapsEachCodeToItsHttpStatus) {
  EXPECT_EQ(HttpStatusOf(ErrorCode::kInvalid), 400);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kForbidden), 403);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusOf(ErrorCode::kStorageFull), 507);
}

TEST(ErrorTest, ResultCarriesValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = Invalid("name", "Le nom est obligatoire.");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "name");
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace relais
