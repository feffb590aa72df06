// The one list of record types (audit.h): every type the code writes in the trail is in it, and
// api/openapi.yaml's AuditRecordType enum is the same list, so that the trail's filter accepts
// every type an entry can carry (it once refused appointments, ledgers and closures with a 400).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "modules/audit/audit.h"
#include "modules/audit/source_scan_testing.h"

namespace relais::audit {
namespace {

std::set<std::string> Listed() {
  std::set<std::string> listed;
  for (auto t : RecordTypes()) listed.insert(std::string(t));
  return listed;
}

TEST(RecordTypesTest, AreUniqueSnakeCaseAndKnown) {
  const std::regex snake("[a-z]+(_[a-z]+)*");
  EXPECT_EQ(Listed().size(), RecordTypes().size()) << "a type is listed twice";
  for (auto t : RecordTypes()) {
    EXPECT_TRUE(std::regex_match(std::string(t), snake)) << t;
    EXPECT_TRUE(KnownRecordType(t)) << t;
  }
  for (auto t : {"appointment", "lease_ledger", "arrears_step", "reception_site", "opening_range", "site_closure",
                 "staff_absence", "appointment_reason", "appointment_waitlist", "support_case", "household"}) {
    EXPECT_TRUE(KnownRecordType(t)) << t;
  }
  for (auto t : {"", "appointments", "Household", "household ", "menage"}) EXPECT_FALSE(KnownRecordType(t)) << t;
  const std::string words = RecordTypesInWords();
  EXPECT_TRUE(words.starts_with("household, building, ")) << words;
  EXPECT_TRUE(words.ends_with(" ou staff_absence")) << words;
}

// Reads the sources: every record type written by the modules (audit::Of(actor, "op", "type", id),
// Entry{..., "op", "type", ...}, e.record_type = "type", kRecordType = "type") is in the list.
TEST(RecordTypesTest, EveryTypeTheCodeWritesIsListed) {
  // An operation of the one list of operations (audit.h), then the type.
  std::string operations;
  for (auto op : Operations()) operations += (operations.empty() ? "" : "|") + std::string(op);
  const std::regex written("\"(?:" + operations + R"re()"\s*,\s*"([a-z_]+)")re"
                           R"re(|record_type = "([a-z_]+)"|kRecordType = "([a-z_]+)")re");
  const auto listed = Listed();
  std::set<std::string> seen;
  const auto wanted = [](const std::string& path) { return path.ends_with(".cc") && !path.ends_with("_test.cc"); };
  ForEachSourceFile(wanted, [&](const std::string& path, const std::string& text) {
    for (std::sregex_iterator m(text.begin(), text.end(), written), end; m != end; ++m) {
      for (size_t g = 1; g <= 3; ++g) {
        if (!(*m)[g].matched) continue;
        const std::string type = (*m)[g].str();
        // Two operations in a row are the list of operations itself (audit_routes.cc), not a write.
        if (g == 1 && KnownOperation(type)) continue;
        seen.insert(type);
        EXPECT_TRUE(listed.count(type)) << path << " writes record type \"" << type
                                        << "\" that src/modules/audit/audit_routes.cc does not list";
      }
    }
  });
  EXPECT_GE(seen.size(), 30u);
}

TEST(RecordTypesTest, TheOpenApiEnumIsTheSameList) {
  const auto in_spec = OpenApiEnum(ReadAll(SourceDir() + "/api/openapi.yaml"), "AuditRecordType");
  ASSERT_TRUE(in_spec.has_value()) << "no AuditRecordType schema in api/openapi.yaml";
  EXPECT_EQ(*in_spec, Listed());
}

}  // namespace
}  // namespace relais::audit
