#include "platform/core/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace relais {
namespace {

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

}  // namespace
}  // namespace relais
