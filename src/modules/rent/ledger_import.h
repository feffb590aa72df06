// `relais import ledger FILE` (docs/import.md): ledger lines exported by the landlord's
// accounting, one row per line, matched to the lease of the tenant (reference_locataire) in force
// on the line's date. All or nothing: every cell is checked and every problem reported as
// "line N, column C: reason" before anything is written; then the rows are written in one
// transaction, matched by their line reference (reference_ligne): a re-import never duplicates.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "modules/rent/ledger.h"
#include "platform/csv/csv.h"
#include "platform/db/db.h"

namespace relais::rent {

std::span<const csv::Column> LedgerColumns();

struct LedgerRow {
  int64_t line = 0;              // physical line in the file
  std::string tenant_reference;  // reference_locataire
  NewLine entry;                 // lease_id left 0: found by ImportLedgerLines
};
struct LedgerFile {
  std::vector<LedgerRow> rows;
  std::vector<csv::Problem> problems;  // any: the file is refused
  std::vector<std::string> warnings;
};
// Columns: reference_ligne, reference_locataire, date, nature, montant (required), mode_paiement
// (required for a payment, empty otherwise), libelle. Refuses a line reference given twice.
LedgerFile ReadLedgerFile(std::string bytes, const csv::Mapping* mapping);

struct LedgerImport {
  int64_t created = 0, updated = 0, unchanged = 0;
  std::vector<csv::Problem> problems;  // unknown tenants, no lease on the date: roll back when any
};
// Writes the rows in the caller's write transaction: a reference already in the ledger is updated
// when it differs (its lease, date, kind, method, amount or label), else left unchanged. A tenant
// unknown to the organisation, or without a lease on the line's date, is a problem at its line;
// the caller rolls back when there is any (no audit: the caller writes it).
LedgerImport ImportLedgerLines(db::Connection& c, int64_t organisation_id, const std::vector<LedgerRow>& rows);

}  // namespace relais::rent
