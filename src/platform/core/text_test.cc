#include "platform/core/text.h"

#include <gtest/gtest.h>

namespace relais::text {
namespace {

TEST(TextTest, FoldsFrenchAccentsAndCase) {
  EXPECT_EQ(Fold("Hélène"), "helene");
  EXPECT_EQ(Fold("  SAINT-LÔ  "), "saint lo");
  EXPECT_EQ(Fold("Cœur d'Été"), "coeur d ete");
  EXPECT_EQ(Fold("François Ñúñez"), "francois nunez");
  EXPECT_EQ(Fold("Łukasz Dvořák"), "lukasz dvorak");
  EXPECT_EQ(Fold("12, rue des Lilas"), "12 rue des lilas");
}

TEST(TextTest, IndexesJoinedHyphenatedWords) {
  auto t = IndexTokens("Saint-Lô");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], "saint");
  EXPECT_EQ(t[1], "lo");
  EXPECT_EQ(t[2], "saintlo");
}

TEST(TextTest, ExpandsAddressAbbreviationsInQueries) {
  auto t = QueryTokens("St-Lô av. Foch");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0], "saint");
  EXPECT_EQ(t[1], "lo");
  EXPECT_EQ(t[2], "avenue");
  EXPECT_EQ(t[3], "foch");
}

TEST(TextTest, ChecksUtf8) {
  EXPECT_TRUE(IsValidUtf8("Hélène"));
  EXPECT_FALSE(IsValidUtf8("H\xE9l\xE8ne"));       // Windows-1252 bytes
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));            // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));        // surrogate
}

TEST(TextTest, ConvertsWindows1252) {
  EXPECT_EQ(Cp1252ToUtf8("H\xE9l\xE8ne \x80 \x9C"), "Hélène € œ");
}

TEST(TextTest, NormalizesFrenchPhones) {
  EXPECT_EQ(NormalizePhoneFr("06 12 34 56 78"), "0612345678");
  EXPECT_EQ(NormalizePhoneFr("+33 6 12 34 56 78"), "0612345678");
  EXPECT_EQ(NormalizePhoneFr("+33 (0)6 12 34 56 78"), "0612345678");
  EXPECT_EQ(NormalizePhoneFr("02.31.00.00.00"), "0231000000");
  EXPECT_EQ(NormalizePhoneFr("0612"), "");
  EXPECT_EQ(NormalizePhoneFr("06 12 34 56 7a"), "");
}

}  // namespace
}  // namespace relais::text
