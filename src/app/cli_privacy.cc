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

namespace {

// One line of the report: what a period did, or that it is off.
void Report(const char* what, const char* key, int months, int64_t count, CivilDate today, const char* done) {
  if (months <= 0) {
    std::cout << what << " : durée de conservation non réglée (" << key << " = 0), rien n'est fait.\n";
    return;
  }
  std::cout << GroupThousands(count) << " " << done << " " << months << " mois (avant le "
            << FormatIso(privacy::RetentionCutoff(today, months)) << ").\n";
}

}  // namespace

int RunAnonymiseDue(const config::Config& cfg) {
  log::SetQuiet(true);
  const privacy::RetentionSettings settings = RetentionSettingsOf(cfg);
  if (!settings.any()) {
    std::cout << "Durées de conservation non réglées (toutes les clés retention.* valent 0) : rien n'est anonymisé.\n"
              << "Le·la délégué·e à la protection des données les fixe (docs/privacy.md).\n";
    return 0;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const auto r = privacy::RunRetention(*db, settings, today);
    audit::SealPending(*db);  // the entries of the anonymisations join the chain now
    Report("Ménages", "retention.household_months", settings.household_months, r.households, today,
           "ménage(s) anonymisé(s) : bail terminé depuis plus de");
    Report("Dossiers d'accompagnement", "retention.support_case_months", settings.support_case_months,
           r.support_cases, today, "dossier(s) d'accompagnement anonymisé(s) : suivi terminé depuis plus de");
    Report("Comptes locataires", "retention.ledger_months", settings.ledger_months, r.ledgers, today,
           "compte(s) de bail dont les libellés et les notes d'impayé sont effacés : lignes et étapes de plus de");
    Report("Rendez-vous", "retention.appointment_months", settings.appointment_months, r.appointments, today,
           "rendez-vous anonymisé(s) : terminés depuis plus de");
    Report("Appels de veille", "retention.outreach_call_months", settings.outreach_call_months, r.outreach_calls,
           today, "appel(s) et alerte(s) dont les notes sont effacées : de plus de");
    Report("Profils de fragilité", "retention.vulnerability_profile_months", settings.vulnerability_profile_months,
           r.vulnerability_profiles, today, "profil(s) de fragilité supprimé(s) : non modifiés depuis plus de");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
