#include "platform/core/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include <nlohmann/json.hpp>

namespace relais {
namespace {

// Double writes what printf's "%.15g" wrote before it used to_chars: money rates, surfaces and
// the request log's durations keep their exact text.
TEST(JsonWriterTest, DoubleIsTheTextOfPrintfG15) {
  const double values[] = {0.0, -0.0, 1.0, 65.5, 0.1, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 123.45, 0.01,
                           1e-5, 1.5e-7, 123456789012345.0, 1234567890123456.0, 1e15, 1e16, 1e21,
                           -42.25, 3.14159265358979, 12.34, 99999.995, 1e-300, 1.7976931348623157e308};
  for (double v : values) {
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.15g", v);
    JsonWriter w;
    w.Double(v);
    EXPECT_EQ(w.str(), expected) << v;
  }
  JsonWriter w;
  w.BeginArray().Double(std::numeric_limits<double>::infinity()).Double(std::nan("")).EndArray();
  EXPECT_EQ(w.str(), "[null,null]");
}

TEST(JsonWriterTest, WritesNestedValuesThatParseBack) {
  JsonWriter w;
  w.BeginObject()
      .Field("name", "Hélène \"Lefèvre\"\n\\")
      .Field("n", int64_t{-42})
      .Field("x", 65.5)
      .Field("ok", true)
      .Field("none", std::optional<int64_t>())
      .Key("list")
      .BeginArray()
      .Int(1)
      .BeginObject()
      .Field("a", "b")
      .EndObject()
      .EndArray()
      .Key("empty")
      .BeginArray()
      .EndArray()
      .EndObject();
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["name"], "Hélène \"Lefèvre\"\n\\");
  EXPECT_EQ(j["n"], -42);
  EXPECT_EQ(j["x"], 65.5);
  EXPECT_EQ(j["ok"], true);
  EXPECT_TRUE(j["none"].is_null());
  EXPECT_EQ(j["list"][1]["a"], "b");
  EXPECT_TRUE(j["empty"].empty());
}

TEST(JsonWriterTest, EscapesControlsAndReplacesInvalidUtf8) {
  std::string out;
  JsonWriter::Escape(std::string("a\x01" "b\xE9" "c\xED\xA0\x80", 8), out);
  EXPECT_EQ(out, "a\\u0001b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_NO_THROW(nlohmann::json::parse("\"" + out + "\""));
}

// Escape copies plain ASCII eight bytes at a time: a character to escape or a UTF-8 sequence must be
// found wherever it sits in or across those blocks.
TEST(JsonWriterTest, EscapesSpecialCharactersAtEveryPositionOfLongStrings) {
  for (std::string special : {"\"", "\\", "\n", "\x1f", "\x7f", "é", "\xE2\x80\xAF"}) {
    for (size_t len = 0; len < 40; ++len) {
      for (size_t at = 0; at <= len; ++at) {
        std::string s(len, 'a');
        s.insert(at, special);
        std::string out;
        JsonWriter::Escape(s, out);
        EXPECT_EQ(nlohmann::json::parse("\"" + out + "\"").get<std::string>(), s) << len << " " << at;
      }
    }
  }
  std::string plain(100, 'x');
  std::string out;
  JsonWriter::Escape(plain, out);
  EXPECT_EQ(out, plain);
}

TEST(JsonWriterTest, WritesIntegersAtTheirLimits) {
  JsonWriter w;
  w.BeginArray().Int(0).Int(-1).Int(INT64_MAX).Int(INT64_MIN).EndArray();
  EXPECT_EQ(w.str(), "[0,-1,9223372036854775807,-9223372036854775808]");
}

}  // namespace
}  // namespace relais
