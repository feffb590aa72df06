#include "platform/core/json_body.h"

#include <gtest/gtest.h>

namespace relais {
namespace {

TEST(ParseJsonObject, ReadsAnObject) {
  auto j = ParseJsonObject(R"({"a": 1, "b": [{"c": "d"}, {"c": "e"}], "f": {"a": 2}})");
  ASSERT_TRUE(j.ok()) << j.error().message;
  EXPECT_EQ((*j)["b"][1]["c"], "e");
  // The same key in different objects is no duplicate.
  EXPECT_TRUE(ParseJsonObject(R"({"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]})").ok());
}

TEST(ParseJsonObject, RefusesAKeyGivenTwiceNamingItsPath) {
  struct Case {
    const char* body;
    const char* field;
  };
  for (auto [body, field] : {
           Case{R"({"email": "a", "email": "b"})", "email"},
           Case{R"({"email": "a", "\u0065mail": "b"})", "email"},
           Case{R"({"a": 1, "b": {"c": 1, "c": 2}})", "b.c"},
           Case{R"({"members": [{"n": 1}, {"n": 1, "m": 2, "n": 3}]})", "members[1].n"},
           Case{R"({"a": [[1, 2], [{"x": 1, "x": 1}]]})", "a[1][0].x"},
           Case{R"({"a": {}, "a": {}})", "a"},
       }) {
    auto j = ParseJsonObject(body);
    ASSERT_FALSE(j.ok()) << body;
    EXPECT_EQ(j.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(j.error().field, field) << body;
    EXPECT_NE(j.error().message.find("plusieurs fois"), std::string::npos);
  }
}

TEST(ParseJsonObject, NamesTheFieldOfANumberOutOfRange) {
  EXPECT_EQ(ParseJsonObject(R"({"floors": 1e400})").error().field, "floors");
  EXPECT_EQ(ParseJsonObject(R"({"floors": -1e400})").error().field, "floors");
  EXPECT_EQ(ParseJsonObject(R"({"a": 1, "lease": {"rent_cents": 1e999}})").error().field, "lease.rent_cents");
  EXPECT_EQ(ParseJsonObject(R"({"a": [1, 2, 1e400]})").error().field, "a[2]");
  EXPECT_EQ(ParseJsonObject("{\"n\": " + std::string(5000, '9') + "}").error().field, "n");
  EXPECT_NE(ParseJsonObject(R"({"floors": 1e400})").error().message.find("hors limites"), std::string::npos);
  // Large but representable numbers are read; their range is the FieldReader's business.
  EXPECT_TRUE(ParseJsonObject(R"({"a": 18446744073709551616, "b": 1e308, "c": 5e-324})").ok());
}

TEST(ParseJsonObject, SyntaxErrorsNameNoField) {
  for (const char* body : {"", " ", "{", "{\"a\": 1,}", "{\"a\": 1}x", "{\"a\"}", "{'a': 1}", "{\"a\": NaN}",
                           "{\"a\": \"\\ud800\"}", "{\"a\": [1, 2}"}) {
    auto j = ParseJsonObject(body);
    ASSERT_FALSE(j.ok()) << body;
    EXPECT_EQ(j.error().field, "") << body;
    EXPECT_NE(j.error().message.find("JSON valide"), std::string::npos) << body;
  }
  EXPECT_NE(ParseJsonObject("[]").error().message.find("objet JSON"), std::string::npos);
  EXPECT_NE(ParseJsonObject("\"x\"").error().message.find("objet JSON"), std::string::npos);
}

TEST(ParseJsonObject, RefusesDeepNestingAndInvalidUtf8BeforeParsing) {
  EXPECT_NE(ParseJsonObject("{\"a\": " + std::string(100000, '[')).error().message.find("imbriqué"), std::string::npos);
  EXPECT_NE(ParseJsonObject("{\"a\": \"\xff\"}").error().message.find("UTF-8"), std::string::npos);
}

TEST(FieldReader, ReportsEveryFieldInError) {
  auto j = ParseJsonObject(R"({"n": "x", "s": 1, "extra": true})");
  ASSERT_TRUE(j.ok());
  FieldReader f(*j);
  f.Int("n", 0, 10);
  f.Str("s");
  f.Str("missing");
  f.RejectUnknown({"n", "s", "missing"});
  ASSERT_FALSE(f.ok());
  const Error e = f.error();
  ASSERT_EQ(e.fields.size(), 4u);
  EXPECT_EQ(e.field, "n");
  EXPECT_EQ(e.fields[3].first, "extra");
}

}  // namespace
}  // namespace relais
