#include "app/cli_privacy.h"

#include <chrono>
#include <iostream>

#include "app/app.h"
#include "app/progress.h"
#include "modules/privacy/privacy.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::app {

int RunAnonymiseDue(const config::Config& cfg) {
  log::SetQuiet(true);
  if (cfg.retention_household_months <= 0) {
    std::cout << "Durée de conservation non réglée (retention.household_months = 0) : aucun ménage anonymisé.\n"
              << "Le·la délégué·e à la protection des données la fixe (docs/privacy.md).\n";
    return 0;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const int64_t n = privacy::AnonymiseDue(*db, cfg.retention_household_months, today);
    audit::SealPending(*db);  // the entries of the anonymisations join the chain now
    std::cout << GroupThousands(n) << " ménage(s) anonymisé(s) : bail terminé depuis plus de "
              << cfg.retention_household_months << " mois (avant le "
              << FormatIso(privacy::RetentionCutoff(today, cfg.retention_household_months)) << ").\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
