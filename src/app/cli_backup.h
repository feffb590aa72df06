// The backup commands of the relais binary: `relais backup DEST` and `relais restore SRC`.
// The work is platform/db's Backup and Restore; this is the command line around them: options,
// retention of a backup folder, and what is printed for the operator (French).
#pragma once
#include <string>

#include "platform/config/config.h"

namespace relais::app {

struct BackupCliOptions {
  std::string dest;   // a file, or a folder where relais-YYYYMMDDTHHMMSSZ.db|.dump is created
  bool force = false; // replace an existing file
  int keep = 0;       // with a folder: keep only the newest `keep` backups (0: keep all)
};
// Backs up the database of cfg while it may be serving. Exit code: 0, 1 on failure, 2 on bad usage.
int RunBackup(const config::Config& cfg, const BackupCliOptions& options);

struct RestoreCliOptions {
  std::string src;
  std::string database_url;  // required: a restore never picks its target from the configuration
  bool force = false;        // replace the content of a database that holds data
};
// Restores a backup into a new or empty database, then migrates and checks it. Exit code as above.
int RunRestore(const RestoreCliOptions& options);

}  // namespace relais::app
