#include "app/cli_outreach.h"

#include <iostream>

#include "app/app.h"
#include "modules/outreach/call_store.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::app {

int RunOutreachDayEnd(const config::Config& cfg, const std::string& date) {
  log::SetQuiet(true);
  auto d = ParseDate(date);
  if (!d) {
    std::cerr << "relais: --date doit être une date AAAA-MM-JJ (valeur lue : \"" << date << "\").\n";
    return 2;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    auto report = outreach::EndCallingDay(*db, outreach::EndOfParisDay(*d), !cfg.notify_smtp_url.empty());
    audit::SealPending(*db);
    std::cout << report.closed << " appel(s) clos injoignable(s), " << report.escalations
              << " alerte(s) levée(s) pour le " << FormatIso(*d) << ".\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

int RunOutreachAddCall(const config::Config& cfg, const AddCallOptions& o) {
  log::SetQuiet(true);
  if (!ParseDate(o.date)) {
    std::cerr << "relais: --date doit être une date AAAA-MM-JJ (valeur lue : \"" << o.date << "\").\n";
    return 2;
  }
  try {
    auto db = OpenAndMigrate(cfg.database_url, 1);
    auto id = db->Write([&](db::Connection& c) -> Result<int64_t> {
      if (!c.QueryInt("SELECT id FROM members WHERE id = ? AND organisation_id = ?",
                      {db::P(o.member_id), db::P(o.organisation_id)}))
        return Invalid("member", "Membre inconnu dans cet organisme.");
      if (!c.QueryInt("SELECT id FROM crisis_plans WHERE id = ? AND organisation_id = ?",
                      {db::P(o.plan_id), db::P(o.organisation_id)}))
        return Invalid("plan", "Plan de crise inconnu dans cet organisme.");
      if (o.agent_id && !c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ?",
                                    {db::P(o.agent_id), db::P(o.organisation_id)}))
        return Invalid("agent", "Chargé·e inconnu·e dans cet organisme.");
      outreach::NewCall n{o.organisation_id, o.plan_id, o.member_id, FormatIso(*ParseDate(o.date)), o.level, "", o.agent_id};
      const int64_t id = outreach::InsertCall(c, n);
      audit::Entry e;
      e.organisation_id = o.organisation_id;
      e.operation = "create";
      e.record_type = "outreach_call";
      e.record_id = id;
      audit::AppendInTransaction(c, e);
      return id;
    });
    if (!id.ok()) {
      std::cerr << "relais: " << id.error().message << "\n";
      return 1;
    }
    audit::SealPending(*db);
    std::cout << *id << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
