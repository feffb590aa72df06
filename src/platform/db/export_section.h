// Records of a subject-access export (GDPR art. 15; docs/adr/0010-subject-access-and-anonymisation.md):
// each module that holds personal data about a household answers with sections of records, a
// record being a list of fields (code for the JSON, French label for the PDF, value as text). The
// privacy module assembles them; it never reads another module's tables.
#pragma once
#include <string>
#include <vector>

#include "platform/db/db.h"

namespace relais::db {

// One field of an exported record: its code (JSON), its French label (PDF), its value as text
// ("" when empty; instants in UTC ISO 8601, money in cents) and, when it reads better, how the PDF
// shows it ("" : the value itself; money in euros, yes/no in French).
struct ExportField {
  std::string code;
  std::string label;
  std::string value;
  std::string display;
  const std::string& Shown() const { return display.empty() ? value : display; }
};
using ExportRecord = std::vector<ExportField>;
struct ExportSection {
  std::string code;   // the JSON key, e.g. "support_cases"
  std::string title;  // the French heading of the PDF
  std::vector<ExportRecord> records;
};

// How a column is read: text as it is, an instant (UTC milliseconds, shown ISO 8601), an amount in
// cents (the PDF shows euros), a 0/1 flag (the PDF shows oui/non).
enum class ExportAs { kText, kInstant, kCents, kFlag };
struct ExportColumn {
  std::string code;
  std::string label;
  ExportAs as = ExportAs::kText;
};

// Runs `sql` with `params` in the caller's transaction and makes one record per row, column i read
// as `columns[i]`. The caller authorises and scopes the query to its organisation.
ExportSection ExportQuery(Connection& c, std::string code, std::string title, const std::string& sql,
                          const std::vector<Param>& params, const std::vector<ExportColumn>& columns);

// "512,30 €" (a minus sign for a credit).
std::string EurosText(int64_t cents);

}  // namespace relais::db
