// For the tests that read the project's own sources to check that a list of the audit module is
// whole (audit_operations_test, audit_record_types_test): the source files under src/ and the
// enums of api/openapi.yaml. The checkout is RELAIS_SOURCE_DIR (set by relais_test), else ".".
// Test code only (it uses GoogleTest); header-only.
#pragma once
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace relais::audit {

inline std::string SourceDir() {
  const char* dir = std::getenv("RELAIS_SOURCE_DIR");
  return dir ? dir : ".";
}

// The whole file, "" when it cannot be read.
inline std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Calls `visit(path, text)` for each regular file under src/ whose path `wanted` accepts, and
// checks that the sources were found (more than 100 files read).
inline void ForEachSourceFile(const std::function<bool(const std::string& path)>& wanted,
                              const std::function<void(const std::string& path, const std::string& text)>& visit) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SourceDir() + "/src")) {
    const auto path = entry.path().string();
    if (!entry.is_regular_file() || !wanted(path)) continue;
    ++files;
    visit(path, ReadAll(entry.path()));
  }
  EXPECT_GT(files, 100) << "the sources were not found under " << SourceDir();
}

// The values of the string enum of schema `schema` in api/openapi.yaml, written on one line
// (`Name:\n  type: string\n  enum: [a, b]`); nullopt when there is no such schema.
inline std::optional<std::set<std::string>> OpenApiEnum(const std::string& spec, const std::string& schema) {
  const std::regex enum_line(schema + R"(:\s*\n\s*type: string\s*\n\s*enum: \[([^\]]*)\])");
  std::smatch m;
  if (!std::regex_search(spec, m, enum_line)) return std::nullopt;
  std::set<std::string> values;
  std::stringstream items(m[1].str());
  for (std::string item; std::getline(items, item, ',');) {
    const auto b = item.find_first_not_of(" \t\n"), e = item.find_last_not_of(" \t\n");
    if (b != std::string::npos) values.insert(item.substr(b, e - b + 1));
  }
  return values;
}

}  // namespace relais::audit
