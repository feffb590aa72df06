// Sections of a subject-access export read from a query (export_section.h).
#include "platform/db/export_section.h"

#include <cstdio>

#include "platform/core/dates.h"

namespace relais::db {

std::string EurosText(int64_t cents) {
  const int64_t abs = cents < 0 ? -cents : cents;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lld,%02lld €", cents < 0 ? "-" : "", static_cast<long long>(abs / 100),
                static_cast<long long>(abs % 100));
  return buf;
}

ExportSection ExportQuery(Connection& c, std::string code, std::string title, const std::string& sql,
                          const std::vector<Param>& params, const std::vector<ExportColumn>& columns) {
  ExportSection s{std::move(code), std::move(title), {}};
  c.Query(sql, params, [&](const Row& r) {
    ExportRecord rec;
    for (size_t i = 0; i < columns.size(); ++i) {
      const int col = static_cast<int>(i);
      ExportField f{columns[i].code, columns[i].label, "", ""};
      if (!r.IsNull(col)) {
        switch (columns[i].as) {
          case ExportAs::kText: f.value = r.Str(col); break;
          case ExportAs::kInstant: f.value = FormatUtcMillis(r.Int(col)); break;
          case ExportAs::kCents:
            f.value = std::to_string(r.Int(col));
            f.display = EurosText(r.Int(col));
            break;
          case ExportAs::kFlag:
            f.value = r.Int(col) != 0 ? "true" : "false";
            f.display = r.Int(col) != 0 ? "oui" : "non";
            break;
        }
      }
      rec.push_back(std::move(f));
    }
    s.records.push_back(std::move(rec));
  });
  return s;
}

}  // namespace relais::db
