#include "app/cli_audit.h"

#include <iostream>

#include "app/app.h"
#include "app/progress.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::app {

int RunAuditVerify(const config::Config& cfg) {
  log::SetQuiet(true);
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const auto v = audit::Verify(*db);
    if (!v.ok()) {
      std::cout << "Journal d'audit ALTÉRÉ : l'entrée n° " << *v.broken_seq << " ne se vérifie pas (" << v.reason
                << ").\n"
                << GroupThousands(v.checked) << " entrées vérifiées avant elle, à partir de la n° " << v.first_seq
                << ".\n";
      return 1;
    }
    std::cout << "Journal d'audit intègre : " << GroupThousands(v.checked) << " entrées vérifiées";
    if (v.checked > 0) std::cout << " (n° " << v.first_seq << " à " << v.last_seq << ")";
    std::cout << ".\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

int RunAuditPurge(const config::Config& cfg) {
  log::SetQuiet(true);
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const int64_t before = NowMillis() - cfg.audit_retention_days * 24LL * 3600 * 1000;
    const int64_t n = audit::Purge(*db, before);
    std::cout << GroupThousands(n) << " entrées d'audit de plus de " << cfg.audit_retention_days
              << " jours supprimées.\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
