// The data commands of the relais binary: `relais demo` and `relais import`.
#pragma once
#include <cstdint>
#include <string>

#include "platform/config/config.h"

namespace relais::app {

struct DemoOptions {
  int64_t households = 5000;
  uint64_t seed = 1;
  int landlords = 1;
  std::string csv_dir;  // non-empty: write DIR/stock.csv and DIR/households.csv instead of a database
};
// Generates demo landlords, their stock and households, and demo accounts; or, with csv_dir, the
// two import files of one landlord (docs/import.md) and no database. Exit code.
int RunDemo(const config::Config& cfg, const DemoOptions& options);

struct ImportOptions {
  enum Kind { kStock, kHouseholds, kVulnerable, kLedger } kind = kStock;
  std::string file;
  std::string mapping_file;
  std::string organisation;  // id or SIREN; empty: the only organisation
  bool dry_run = false;
};
// Validates the whole file, then writes it in one transaction (or nothing). Exit code.
int RunImport(const config::Config& cfg, const ImportOptions& options);

}  // namespace relais::app
