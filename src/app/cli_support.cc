#include "app/cli_support.h"

#include <chrono>
#include <iostream>

#include "app/app.h"
#include "modules/support/support_plan.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::app {

int RunSupportCheckPlans(const config::Config& cfg, const std::string& date) {
  log::SetQuiet(true);
  CivilDate day = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!date.empty()) {
    auto d = ParseDate(date);
    if (!d) {
      std::cerr << "relais: --date doit être une date AAAA-MM-JJ (valeur lue : \"" << date << "\").\n";
      return 2;
    }
    day = *d;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const auto report = support::CheckPaymentPlans(*db, SupportSettings(cfg).plan_rules, day);
    audit::SealPending(*db);
    std::cout << report.checked << " plan(s) vérifié(s), " << report.missed_tasks << " tâche(s) d'échéance manquée, "
              << report.completed << " plan(s) soldé(s), " << report.broken << " plan(s) rompu(s) au " << FormatIso(day)
              << ".\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
