// `relais audit verify` and `relais audit purge` (see docs/operations.md, "Audit trail").
#pragma once
#include "platform/config/config.h"

namespace relais::app {

// Checks the whole hash chain of the audit trail. Exit code 0 when it verifies, 1 when an entry
// is broken (its position and the reason are printed) or the database cannot be read.
int RunAuditVerify(const config::Config& cfg);
// Deletes the entries older than the retention (audit.retention_days), as the server does daily.
int RunAuditPurge(const config::Config& cfg);

}  // namespace relais::app
