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
  const privacy::RetentionSettings settings{cfg.retention_household_months, cfg.retention_support_case_months};
  if (!settings.any()) {
    std::cout << "Durées de conservation non réglées (retention.household_months = 0, retention.support_case_months = 0) : "
                 "rien n'est anonymisé.\n"
              << "Le·la délégué·e à la protection des données les fixe (docs/privacy.md).\n";
    return 0;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const auto r = privacy::RunRetention(*db, settings, today);
    audit::SealPending(*db);  // the entries of the anonymisations join the chain now
    if (settings.household_months > 0) {
      std::cout << GroupThousands(r.households) << " ménage(s) anonymisé(s) : bail terminé depuis plus de "
                << settings.household_months << " mois (avant le "
                << FormatIso(privacy::RetentionCutoff(today, settings.household_months)) << ").\n";
    } else {
      std::cout << "Ménages : durée de conservation non réglée (retention.household_months = 0), aucun anonymisé.\n";
    }
    if (settings.support_case_months > 0) {
      std::cout << GroupThousands(r.support_cases)
                << " dossier(s) d'accompagnement anonymisé(s) : suivi terminé depuis plus de "
                << settings.support_case_months << " mois (avant le "
                << FormatIso(privacy::RetentionCutoff(today, settings.support_case_months)) << ").\n";
    } else {
      std::cout << "Dossiers d'accompagnement : durée de conservation non réglée (retention.support_case_months = 0), "
                   "aucun anonymisé.\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
