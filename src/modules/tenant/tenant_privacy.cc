// What the tenant module holds about a household (tenant.h), for its subject-access export: the
// tenant account (never its password hash or codes), its sessions, and its sign-ins as the audit
// trail recorded them. Its anonymisation is CloseAccountOfHousehold.
#include "modules/tenant/tenant.h"

#include "platform/core/dates.h"

namespace relais::tenant {

std::vector<db::ExportSection> HouseholdTenantRecords(db::Connection& c, int64_t org, int64_t household_id) {
  using db::ExportAs;
  const std::vector<db::Param> p{db::P(household_id), db::P(org)};
  std::vector<db::ExportSection> out;
  out.push_back(db::ExportQuery(
      c, "accounts", "Compte locataire (espace en ligne)",
      "SELECT id, login, status, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, created_at, activated_at "
      "FROM tenant_accounts WHERE household_id = ? AND organisation_id = ?",
      p,
      {{"id", "Compte n°"}, {"login", "Identifiant"}, {"status", "État"},
       {"has_password", "Mot de passe choisi", ExportAs::kFlag}, {"created_at", "Créé le", ExportAs::kInstant},
       {"activated_at", "Activé le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "sessions", "Sessions ouvertes",
      "SELECT created_at, last_seen_at, idle_expires_at, absolute_expires_at FROM tenant_sessions "
      "WHERE household_id = ? AND organisation_id = ? ORDER BY created_at",
      p,
      {{"created_at", "Ouverte le", ExportAs::kInstant}, {"last_seen_at", "Dernière activité", ExportAs::kInstant},
       {"idle_expires_at", "Expire sans activité le", ExportAs::kInstant},
       {"absolute_expires_at", "Expire au plus tard le", ExportAs::kInstant}}));
  // Sign-ins and changes of the account, from the audit trail (oldest first).
  db::ExportSection sign_ins{"sign_ins", "Connexions et modifications du compte", {}};
  const auto account = c.QueryInt("SELECT id FROM tenant_accounts WHERE household_id = ? AND organisation_id = ?",
                                  {db::P(household_id), db::P(org)});
  if (account) {
    audit::Filter f;
    f.organisation_id = org;
    f.record_type = "tenant_account";
    f.record_id = *account;
    f.limit = 1000;
    std::vector<audit::Listed> listed;
    for (;;) {
      auto page = audit::List(c, f);
      if (page.empty()) break;
      f.before_seq = page.back().seq;
      listed.insert(listed.end(), page.begin(), page.end());
    }
    for (auto it = listed.rbegin(); it != listed.rend(); ++it) {
      const char* what = it->operation == "sign_in_code"       ? "connexion par code à usage unique"
                         : it->operation == "sign_in_password" ? "connexion par mot de passe"
                         : it->operation == "update"           ? "modification (mot de passe)"
                                                               : "";
      sign_ins.records.push_back({{"at", "Le", FormatUtcMillis(it->at_ms), ""},
                                  {"operation", "Opération", it->operation, what},
                                  {"remote_ip", "Adresse IP", it->remote_ip, ""}});
    }
  }
  out.push_back(std::move(sign_ins));
  return out;
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id) {
  return {{"tenant_account", "SELECT id FROM tenant_accounts WHERE household_id = ? AND organisation_id = ?",
           {db::P(household_id), db::P(org)}}};
}

}  // namespace relais::tenant
