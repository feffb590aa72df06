// The one list of operations (audit.h): every operation the code writes in the trail is in it, every
// one in it is written somewhere, and api/openapi.yaml's AuditOperation enum is the same list, so
// the API never answers an entry whose operation its contract (and the web app's words) lacks.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "modules/audit/audit.h"
#include "modules/audit/source_scan_testing.h"

namespace relais::audit {
namespace {

std::set<std::string> Listed() {
  std::set<std::string> listed;
  for (auto op : Operations()) listed.insert(std::string(op));
  return listed;
}

// The text without its whole-line comments (a comment may show a call as an example).
std::string WithoutCommentLines(const std::string& text) {
  std::stringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t");
    out += (first != std::string::npos && line.compare(first, 2, "//") == 0) ? "" : line;
    out += '\n';
  }
  return out;
}

// The top-level items of the list that opens at text[open] ('(' or '{'), split at commas; string
// and character literals are skipped whole. Empty when the list does not close.
std::vector<std::string> Items(const std::string& text, size_t open) {
  std::vector<std::string> items(1);
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '"' || ch == '\'') {
      const size_t start = i;
      for (++i; i < text.size() && text[i] != ch; ++i)
        if (text[i] == '\\') ++i;
      if (depth >= 1) items.back() += text.substr(start, i - start + 1);
      continue;
    }
    if (ch == '(' || ch == '{' || ch == '[') {
      if (depth++ == 0) continue;
    } else if (ch == ')' || ch == '}' || ch == ']') {
      if (--depth == 0) return items;
    } else if (ch == ',' && depth == 1) {
      items.emplace_back();
      continue;
    }
    items.back() += ch;
  }
  return {};
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// An operation as the code writes it: the expression, and where.
struct Written {
  std::string expression;
  std::string where;
};

// Every operation expression of a file: the second argument of Of(...) and SystemEntry(...), the
// fourth item of an Entry{...} or of the {...} given to AppendInTransaction, and the value given
// to .operation.
std::vector<Written> OperationsWrittenIn(const std::string& path, const std::string& raw) {
  const std::string text = WithoutCommentLines(raw);
  std::vector<Written> out;
  auto line_of = [&](size_t pos) { return path + ":" + std::to_string(1 + std::count(text.begin(), text.begin() + pos, '\n')); };
  const std::regex call(R"((?:^|[^A-Za-z0-9_])(Of|SystemEntry|AppendInTransaction|Entry)\s*([({]))");
  for (std::sregex_iterator m(text.begin(), text.end(), call), end; m != end; ++m) {
    const std::string name = (*m)[1].str();
    const size_t open = static_cast<size_t>(m->position(2));
    const auto items = Items(text, open);
    if (name == "Entry") {
      if (text[open] == '{' && items.size() >= 4) out.push_back({Trim(items[3]), line_of(open)});
    } else if (name == "AppendInTransaction") {
      // AppendInTransaction(c, {at, org, user, OP, ...}); an Of(...) or a variable is read elsewhere.
      if (items.size() == 2) {
        const std::string entry = Trim(items[1]);
        if (!entry.empty() && entry.front() == '{') {
          const auto fields = Items(entry, 0);
          if (fields.size() >= 4) out.push_back({Trim(fields[3]), line_of(open)});
        }
      }
    } else if (text[open] == '(' && items.size() >= 2) {
      out.push_back({Trim(items[1]), line_of(open)});
    }
  }
  const std::regex assigned(R"(\.operation\s*=\s*([^;,}]+))");
  for (std::sregex_iterator m(text.begin(), text.end(), assigned), end; m != end; ++m)
    out.push_back({Trim((*m)[1].str()), line_of(static_cast<size_t>(m->position(0)))});
  return out;
}

TEST(OperationsTest, AreUniqueSnakeCaseAndKnown) {
  const std::regex snake("[a-z]+(_[a-z]+)*");
  EXPECT_EQ(Listed().size(), Operations().size()) << "an operation is listed twice";
  for (auto op : Operations()) {
    EXPECT_TRUE(std::regex_match(std::string(op), snake)) << op;
    EXPECT_TRUE(KnownOperation(op)) << op;
  }
  for (auto op : {"read", "export", "anonymise", "sign_in_code", "mfa_reset"}) EXPECT_TRUE(KnownOperation(op)) << op;
  for (auto op : {"", "Read", "reads", "read ", "lecture"}) EXPECT_FALSE(KnownOperation(op)) << op;
}

// The scanner itself, on the shapes the code uses.
TEST(OperationsTest, TheScannerFindsEachShapeOfWrite) {
  const std::string sample =
      "audit::AppendInTransaction(c, audit::Of(actor, \"create\", \"household\", id));\n"
      "res.hold = trail.Hold(Of(ctx.Actor(), \"export\", \"audit_trail\", 0));\n"
      "audit::Of(actor, existing ? \"update\" : \"create\", \"delivery_round\", id);\n"
      "audit::AppendInTransaction(c, {now, org, 0, code ? \"sign_in_code\" : \"sign_in_password\", \"tenant_account\", id, ip});\n"
      "audit::AppendInTransaction(c, audit::Entry{now, org, 0, \"update\", kRecordType, id, \"\"});\n"
      "SystemEntry(org, \"delete\", \"outreach_call\", id);\n"
      "e.operation = \"mfa_reset\";\n"
      "// audit::Of(actor, \"not_written\", \"x\", 1) in a comment\n"
      "ParisTimeOf(now, \"not_an_operation\");\n";
  std::set<std::string> found;
  for (const auto& w : OperationsWrittenIn("sample.cc", sample)) {
    std::smatch m;
    for (auto it = w.expression.cbegin(); std::regex_search(it, w.expression.cend(), m, std::regex("\"([^\"]*)\""));
         it = m[0].second)
      found.insert(m[1].str());
  }
  EXPECT_EQ(found, (std::set<std::string>{"create", "export", "update", "sign_in_code", "sign_in_password", "delete",
                                          "mfa_reset"}));
}

// Reads the sources: every operation written is listed; every one listed is written somewhere; an
// operation given through a variable is only the parameter of a writer (Of, SystemEntry), whose
// callers are read in turn.
TEST(OperationsTest, EveryOperationTheCodeWritesIsListedAndEveryListedOneIsWritten) {
  const std::set<std::string> pass_through = {"operation", "std::string_view operation", "std::string(operation)"};
  const std::regex literal("\"([^\"]*)\"");
  const auto listed = Listed();
  std::set<std::string> seen;
  const auto wanted = [](const std::string& path) {
    return (path.ends_with(".cc") || path.ends_with(".h")) && !path.ends_with("_test.cc") &&
           !path.ends_with("_test_fixture.h");
  };
  ForEachSourceFile(wanted, [&](const std::string& path, const std::string& text) {
    for (const auto& w : OperationsWrittenIn(path, text)) {
      bool any = false;
      for (std::sregex_iterator m(w.expression.begin(), w.expression.end(), literal), end; m != end; ++m) {
        any = true;
        const std::string op = (*m)[1].str();
        seen.insert(op);
        EXPECT_TRUE(listed.count(op)) << w.where << " writes operation \"" << op
                                      << "\" that src/modules/audit/audit_routes.cc (kOperations) does not list";
      }
      if (!any) {
        EXPECT_TRUE(pass_through.count(w.expression))
            << w.where << " writes the operation `" << w.expression
            << "`: give a literal, or add this writer to the scanner of audit_operations_test";
      }
    }
  });
  std::string unused;
  for (const auto& op : listed)
    if (!seen.count(op)) unused += " " + op;
  EXPECT_TRUE(unused.empty()) << "listed in kOperations but written nowhere in src/:" << unused;
}

TEST(OperationsTest, TheOpenApiEnumIsTheSameList) {
  const std::string spec = ReadAll(SourceDir() + "/api/openapi.yaml");
  const auto in_spec = OpenApiEnum(spec, "AuditOperation");
  ASSERT_TRUE(in_spec.has_value()) << "no AuditOperation schema in api/openapi.yaml";
  EXPECT_EQ(*in_spec, Listed());
  // Every operation in the spec refers to that schema (no second, shorter enum).
  EXPECT_EQ(spec.find("operation: { type: string, enum:"), std::string::npos);
}

}  // namespace
}  // namespace relais::audit
