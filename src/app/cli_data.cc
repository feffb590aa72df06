// `relais demo` and `relais import`: filling a database with generated or exported data.
#include "app/cli_data.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "app/progress.h"
#include "modules/housing/demo_data.h"
#include "modules/housing/housing_export.h"
#include "modules/housing/housing_import.h"
#include "modules/identity/identity.h"
#include "modules/outreach/crisis_plan_store.h"
#include "modules/outreach/outreach.h"
#include "modules/outreach/vulnerability_demo.h"
#include "modules/reception/reception_demo.h"
#include "modules/outreach/vulnerability_import.h"
#include "modules/rent/ledger_demo.h"
#include "modules/rent/ledger_import.h"
#include "modules/rent/arrears_store.h"
#include "modules/identity/mfa.h"
#include "platform/audit/audit.h"
#include "platform/log/log.h"

namespace relais::app {
namespace {

int Fail(const std::string& message) {
  std::cerr << "relais: " << message << "\n";
  return 1;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The organisation an import goes to: --organisation (id or SIREN), or the only one there is.
Result<int64_t> ResolveOrganisation(db::Database& db, const std::string& given) {
  return db.Read([&](db::Connection& c) -> Result<int64_t> {
    if (!given.empty()) {
      std::optional<int64_t> id;
      if (given.size() == 9) id = c.QueryInt("SELECT id FROM organisations WHERE siren = ?", {db::P(given)});
      if (!id && given.find_first_not_of("0123456789") == std::string::npos && given.size() < 10) {
        id = c.QueryInt("SELECT id FROM organisations WHERE id = ?", {db::P(static_cast<int64_t>(std::stoll(given)))});
      }
      if (!id) return Invalid("--organisation", "organisme inconnu : " + given + " (donnez son id ou son SIREN)");
      return *id;
    }
    auto count = c.QueryInt("SELECT COUNT(*) FROM organisations").value_or(0);
    if (count == 1) return *c.QueryInt("SELECT id FROM organisations");
    if (count == 0) {
      return Invalid("--organisation", "la base ne contient aucun organisme : créez-le d'abord (relais demo, ou "
                                       "relais organisation add)");
    }
    return Invalid("--organisation", "la base contient plusieurs organismes : précisez --organisation (id ou SIREN)");
  });
}

// `relais demo --csv DIR`: the generated stock and households as the two import files.
int WriteDemoCsv(const housing::demo::Options& options, const std::string& dir) {
  if (options.landlords != 1) {
    return Fail("--csv écrit les fichiers d'un seul organisme (les références se répètent d'un organisme à "
                "l'autre) : utilisez --landlords 1");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string stock_path = (std::filesystem::path(dir) / "stock.csv").string();
  const std::string households_path = (std::filesystem::path(dir) / "households.csv").string();
  // Written under a temporary name and renamed at the end: a file that exists is complete.
  std::ofstream stock(stock_path + ".part", std::ios::binary | std::ios::trunc);
  std::ofstream households(households_path + ".part", std::ios::binary | std::ios::trunc);
  if (!stock || !households) return Fail("impossible d'écrire dans le dossier " + dir);
  stock << housing::StockCsvHeader();
  households << housing::HouseholdCsvHeader();
  ProgressLine progress("Démo CSV", options.households);
  int64_t dwellings = 0, done = 0;
  std::string buffer;
  auto generated = housing::demo::GenerateChunks(options, housing::Communes(), [&](housing::demo::Chunk& chunk) {
    buffer.clear();
    for (const auto& row : chunk.stock) housing::AppendStockCsv(buffer, row);
    stock << buffer;
    buffer.clear();
    for (const auto& row : chunk.households) housing::AppendHouseholdCsv(buffer, row);
    households << buffer;
    dwellings += static_cast<int64_t>(chunk.stock.size());
    done += static_cast<int64_t>(chunk.households.size());
    progress.Update(done);
  });
  if (!generated.ok()) return Fail(generated.error().message);
  stock.close();
  households.close();
  if (!stock || !households) return Fail("écriture incomplète dans le dossier " + dir + " (disque plein ?)");
  std::filesystem::rename(stock_path + ".part", stock_path, ec);
  if (!ec) std::filesystem::rename(households_path + ".part", households_path, ec);
  if (ec) return Fail("impossible de renommer les fichiers dans " + dir + " : " + ec.message());
  progress.Finish();
  std::cout << "Fichiers écrits : " << stock_path << " (" << GroupThousands(dwellings) << " logements), "
            << households_path << " (" << GroupThousands(done) << " ménages)\n";
  return 0;
}

// Page cache of the connection that writes a whole import or demo in one transaction: enough to
// hold a region's indexes (330,000 households: ~350 MB of database), allocated only as used.
constexpr int64_t kBulkCacheBytes = int64_t{1} << 30;

}  // namespace

// The other kinds of organisation of the demo (ADR 0011): a town social service (CCAS) serving the
// commune where the first landlord has the most households, an association serving every commune
// of the demo landlords, both working with every demo landlord; the regional association of landlords; one
// account each; a few referrals of the first landlord (one closed). Returns the accounts made.
static Result<int> MakeDemoPartners(db::Database& db, const std::vector<int64_t>& landlords) {
  return db.Write([&](db::Connection& c) -> Result<int> {
    const int64_t first = landlords.front();
    std::vector<std::pair<std::string, int64_t>> communes;  // INSEE code, households, most first
    c.Query("SELECT b.commune_insee, COUNT(*) FROM households h JOIN dwellings d ON d.id = h.dwelling_id "
            "JOIN buildings b ON b.id = d.building_id WHERE h.organisation_id = ? GROUP BY b.commune_insee "
            "ORDER BY COUNT(*) DESC, b.commune_insee",
            {db::P(first)}, [&](const db::Row& r) { communes.emplace_back(r.Str(0), r.Int(1)); });
    if (communes.empty()) return 0;
    const auto* main = housing::FindCommune(communes.front().first);
    struct Made {
      int64_t organisation = 0, user = 0;
    };
    auto make = [&](const std::string& name, const std::string& siren, const std::string& kind,
                    const std::string& email, auth::Role role, const std::string& label) -> Result<Made> {
      auto org = housing::CreateOrganisation(c, name, siren, kind);
      if (!org.ok()) return org.error();
      identity::NewStaffUser u;
      u.organisation_id = *org;
      u.email = email;
      u.display_name = label;
      u.password = housing::kDemoPassword;
      u.roles = static_cast<uint32_t>(role);
      auto user = identity::AdminCreatesStaffUser(c, u);
      if (!user.ok()) return user.error();
      return Made{*org, *user};
    };
    auto ccas = make("CCAS de " + (main ? main->name : communes.front().first) + " (démo)", "130023757", "partner",
                     "partner_worker@demo.relais.test", auth::Role::kPartnerWorker, "Intervenante CCAS (démo)");
    if (!ccas.ok()) return ccas.error();
    auto asso = make("Association Entraide Logement (démo)", "130087109", "partner",
                     "partner_worker.association@demo.relais.test", auth::Role::kPartnerWorker,
                     "Intervenant associatif (démo)");
    if (!asso.ok()) return asso.error();
    auto regional = make("Association régionale des bailleurs (démo)", "130221732", "regional",
                         "regional_observer@demo.relais.test", auth::Role::kRegionalObserver,
                         "Observatrice régionale (démo)");
    if (!regional.ok()) return regional.error();
    for (int64_t landlord : landlords) {
      if (auto r = housing::AttachPartner(c, ccas->organisation, landlord, ""); !r.ok()) return r.error();
      if (auto r = housing::AttachPartner(c, asso->organisation, landlord, ""); !r.ok()) return r.error();
    }
    if (auto r = housing::AttachPartner(c, ccas->organisation, std::nullopt, communes.front().first); !r.ok()) {
      return r.error();
    }
    // The association serves every commune where a demo landlord has buildings.
    std::vector<std::string> served;
    c.Query("SELECT DISTINCT commune_insee FROM buildings ORDER BY commune_insee", {},
            [&](const db::Row& r) { served.push_back(r.Str(0)); });
    for (const auto& insee : served) {
      if (auto r = housing::AttachPartner(c, asso->organisation, std::nullopt, insee); !r.ok()) return r.error();
    }
    // Referrals by the first landlord's social support adviser, of households of the main commune.
    auto adviser = c.QueryInt("SELECT id FROM staff_users WHERE email = 'social_support@demo.relais.test'", {});
    std::vector<int64_t> households;
    c.Query("SELECT h.id FROM households h JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b "
            "ON b.id = d.building_id WHERE h.organisation_id = ? AND b.commune_insee = ? ORDER BY h.id LIMIT 5",
            {db::P(first), db::P(communes.front().first)}, [&](const db::Row& r) { households.push_back(r.Int(0)); });
    const char* reasons[] = {"Impayés de loyer depuis trois mois : accompagnement budgétaire.",
                             "Personne âgée isolée, ne répond plus aux courriers : visite à domicile.",
                             "Demande d'aide pour un dossier de fonds de solidarité logement (FSL).",
                             "Difficultés d'entretien du logement : orientation vers un accompagnement.",
                             "Suivi social déjà engagé, à poursuivre."};
    for (size_t i = 0; i < households.size(); ++i) {
      const int64_t partner = i % 2 == 0 ? ccas->organisation : asso->organisation;
      // The tenant agreed on the phone a few days before the referral, as the law asks (issue 5).
      const CivilDate agreed = CivilFromDays(
          DaysFromCivil(ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()))) -
          static_cast<int64_t>(i) - 1);
      int64_t id = outreach::InsertReferral(c, first, partner, households[i], reasons[i], adviser.value_or(0), agreed,
                                            i % 2 == 0 ? "Le locataire, au téléphone" : "La locataire, lors d'une visite");
      if (i == households.size() - 1 && i > 1) {
        c.Exec("UPDATE referrals SET status = 'closed', closed_by = opened_by, closed_at = opened_at WHERE id = ?",
               {db::P(id)});
      }
    }
    // One current crisis plan for the first landlord: a heatwave over the whole organisation.
    outreach::CrisisPlan heatwave;
    heatwave.kind = outreach::CrisisKind::kHeatwave;
    heatwave.name = "Canicule (démo)";
    const CivilDate today =
        ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    heatwave.start_date = FormatIso(CivilFromDays(DaysFromCivil(today) - 2));
    heatwave.end_date = FormatIso(CivilFromDays(DaysFromCivil(today) + 12));
    heatwave.cadence = outreach::DefaultCadence(heatwave.kind);
    heatwave.escalation_days = outreach::DefaultEscalationDays(heatwave.kind);
    heatwave.windows = {{9 * 60, 12 * 60}, {14 * 60, 18 * 60}};
    heatwave.call_script =
        "Bonjour, ici votre bailleur. Avec la canicule, nous prenons des nouvelles : comment allez-vous ? "
        "Buvez-vous assez ? Avez-vous besoin de courses ou de médicaments ?";
    auto manager = c.QueryInt("SELECT id FROM staff_users WHERE email = 'manager@demo.relais.test'", {});
    outreach::InsertCrisisPlan(c, first, heatwave, manager.value_or(0));
    // Vulnerability profiles of some elderly members of every landlord, recorded by its call agent.
    for (int64_t landlord : landlords) {
      auto agent = c.QueryInt("SELECT id FROM staff_users WHERE organisation_id = ? ORDER BY id LIMIT 1", {db::P(landlord)});
      outreach::MakeDemoProfiles(c, landlord, agent.value_or(0), today);
    }
    return 3;
  });
}

int RunDemo(const config::Config& cfg, const DemoOptions& o) {
  log::SetQuiet(true);
  housing::demo::Options options;
  options.households = o.households;
  options.seed = o.seed;
  options.landlords = o.landlords;
  options.reference_date = ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  options.chunk_households = 20000;
  const auto& communes = housing::Communes();
  auto plans = housing::demo::PlanLandlords(options, communes);
  if (!plans.ok()) return Fail(plans.error().message);
  if (!o.csv_dir.empty()) return WriteDemoCsv(options, o.csv_dir);

  std::unique_ptr<db::Database> db;
  try {
    db = OpenAndMigrate(cfg.database_url, 2);
  } catch (const std::exception& e) {
    return Fail(std::string("base de données inaccessible : ") + e.what());
  }
  for (const auto& plan : *plans) {
    auto exists = db->Read([&](db::Connection& c) {
      return c.QueryInt("SELECT id FROM organisations WHERE siren = ?", {db::P(plan.organisation.siren)});
    });
    if (exists) {
      return Fail("la base contient déjà l'organisme de démonstration « " + plan.organisation.name +
                  " » : utilisez une autre base (--database) ou une autre graine (--seed)");
    }
  }

  ProgressLine progress("Démo", options.households);
  int64_t done = 0;
  std::vector<int64_t> organisation_ids;
  std::optional<Error> failure;
  auto generated = housing::demo::GenerateChunks(options, communes, [&](housing::demo::Chunk& chunk) {
    if (failure) return;
    auto r = db->Write([&](db::Connection& c) -> Result<Unit> {
      c.SetCacheBytes(kBulkCacheBytes);
      if (chunk.first) {
        auto id = housing::CreateOrganisation(c, chunk.landlord->organisation.name, chunk.landlord->organisation.siren);
        if (!id.ok()) return id.error();
        organisation_ids.push_back(*id);
      }
      const int64_t org = organisation_ids.back();
      auto s = housing::UpsertStock(c, org, chunk.stock);
      if (!s.ok()) return s.error();
      auto h = housing::UpsertHouseholds(c, org, chunk.households,
                                         [&](size_t n) { progress.Update(done + static_cast<int64_t>(n)); });
      if (!h.ok()) return h.error();
      return Unit{};
    });
    if (!r.ok()) failure = r.error();
    done += static_cast<int64_t>(chunk.households.size());
    progress.Update(done);
  });
  if (!generated.ok()) return Fail(generated.error().message);
  if (failure) return Fail(failure->message);
  progress.Finish();

  // Accounts: one per role for the first landlord; a manager and a call agent for the others.
  auto accounts = db->Write([&](db::Connection& c) -> Result<int> {
    int made = 0;
    for (size_t k = 0; k < organisation_ids.size(); ++k) {
      // Demo accounts sign in without a second factor: the longest grace period (ADR 0009).
      c.Exec("UPDATE organisations SET mfa_grace_days = ? WHERE id = ?",
             {db::P(int64_t{identity::kMaxGraceDays}), db::P(organisation_ids[k])});
      for (const auto& role : auth::AllRoles()) {
        if ((static_cast<uint32_t>(role.role) & auth::kLandlordRoles) == 0) continue;  // partners: below
        if (k > 0 && role.role != auth::Role::kManager && role.role != auth::Role::kCallAgent) continue;
        identity::NewStaffUser u;
        u.organisation_id = organisation_ids[k];
        u.email = std::string(role.code) + (k == 0 ? "" : ".l" + std::to_string(k + 1)) + "@demo.relais.test";
        u.display_name = std::string(role.label) + " (démo" + (k == 0 ? "" : " " + std::to_string(k + 1)) + ")";
        u.password = housing::kDemoPassword;
        u.roles = static_cast<uint32_t>(role.role);
        auto id = identity::AdminCreatesStaffUser(c, u);
        if (!id.ok()) return id.error();
        ++made;
      }
    }
    return made;
  });
  if (!accounts.ok()) return Fail(accounts.error().message);
  // Reception sites, reasons and opening hours of every landlord, once its staff exist.
  auto reception = db->Write([&](db::Connection& c) -> Result<Unit> {
    for (int64_t org : organisation_ids) reception::MakeDemoReception(c, org);
    return Unit{};
  });
  if (!reception.ok()) return Fail(reception.error().message);
  auto partners = MakeDemoPartners(*db, organisation_ids);
  if (!partners.ok()) return Fail(partners.error().message);
  // 24 months of rent ledgers per lease, with a share of households falling behind in a crisis.
  rent::DemoLedgerCounts ledgers;
  for (int64_t org : organisation_ids) {
    auto made = db->Write([&](db::Connection& c) -> Result<rent::DemoLedgerCounts> {
      c.SetCacheBytes(kBulkCacheBytes);
      return rent::MakeDemoLedgers(c, org, options.reference_date, options.seed);
    });
    if (!made.ok()) return Fail(made.error().message);
    ledgers.lines += made->lines;
    ledgers.in_arrears += made->in_arrears;
  }
  // The arrears queue is ready at once (the server computes it again each night).
  auto rent_settings = rent::ClockSettingsFrom(cfg);
  if (!rent_settings.ok()) return Fail(rent_settings.error().message);
  const auto situations = rent::ComputeEveryOrganisation(*db, options.reference_date, *rent_settings);
  std::cout << "Démo créée : " << GroupThousands(done) << " ménages, " << organisation_ids.size()
            << " organisme(s), " << *accounts + *partners << " comptes (mot de passe : " << housing::kDemoPassword << ")\n";
  std::cout << "Comptes locataires : " << GroupThousands(ledgers.lines) << " lignes sur 24 mois, "
            << GroupThousands(ledgers.in_arrears) << " ménage(s) en retard de paiement, "
            << GroupThousands(situations.with_step) << " bail(s) dans la file des impayés.\n";
  return 0;
}

// `relais import vulnerable`: the town's register, matched row by row; the matched rows are
// written in one transaction (rolled back with --dry-run), the others reported with their line.
static int RunImportVulnerable(const config::Config& cfg, const ImportOptions& o, std::string bytes,
                               const csv::Mapping* mapping) {
  auto file = outreach::ReadRegisterFile(std::move(bytes), mapping);
  for (const auto& w : file.warnings) std::cerr << "attention : " << w << "\n";
  if (!file.problems.empty()) {
    for (const auto& p : file.problems) std::cerr << csv::Describe(p) << "\n";
    std::cerr << "relais: fichier refusé, " << file.problems.size() << " erreur(s) ; rien n'a été importé.\n";
    return 1;
  }
  std::unique_ptr<db::Database> db;
  try {
    db = OpenAndMigrate(cfg.database_url, 2);
  } catch (const std::exception& e) {
    return Fail(std::string("base de données inaccessible : ") + e.what());
  }
  auto org = ResolveOrganisation(*db, o.organisation);
  if (!org.ok()) return Fail(org.error().message);
  const CivilDate today =
      ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  const Error kDryRun{ErrorCode::kConflict, "dry-run"};
  outreach::RegisterReport report;
  auto result = db->Write([&](db::Connection& c) -> Result<Unit> {
    report = outreach::ImportTownRegister(c, *org, file.rows, today);
    if (o.dry_run) return kDryRun;
    // The trail: the file (by the system), and each profile it changed.
    audit::AppendInTransaction(c, {0, *org, 0, "import", "vulnerability_profile", 0, "local"});
    for (int64_t member : report.members)
      audit::AppendInTransaction(c, {0, *org, 0, "update", "vulnerability_profile", member, "local"});
    return Unit{};
  });
  if (!result.ok() && !(o.dry_run && result.error().message == kDryRun.message)) {
    std::cerr << "relais: " << result.error().message << " ; rien n'a été importé.\n";
    return 1;
  }
  for (const auto& m : report.missed) std::cerr << "line " << m.line << ": non rapprochée : " << m.why << "\n";
  std::cout << (o.dry_run ? "Vérification seule (rien n'a été écrit) : " : "Import terminé : ")
            << GroupThousands(report.matched) << " personne(s) rapprochée(s), "
            << GroupThousands(static_cast<int64_t>(report.missed.size())) << " ligne(s) non rapprochée(s).\n";
  return 0;
}

// `relais import ledger`: the accounting's ledger lines, all or nothing, matched by line reference.
static int RunImportLedger(const config::Config& cfg, const ImportOptions& o, std::string bytes,
                           const csv::Mapping* mapping) {
  auto file = rent::ReadLedgerFile(std::move(bytes), mapping);
  for (const auto& w : file.warnings) std::cerr << "attention : " << w << "\n";
  if (!file.problems.empty()) {
    for (const auto& p : file.problems) std::cerr << csv::Describe(p) << "\n";
    std::cerr << "relais: fichier refusé, " << file.problems.size() << " erreur(s) ; rien n'a été importé.\n";
    return 1;
  }
  std::unique_ptr<db::Database> db;
  try {
    db = OpenAndMigrate(cfg.database_url, 2);
  } catch (const std::exception& e) {
    return Fail(std::string("base de données inaccessible : ") + e.what());
  }
  auto org = ResolveOrganisation(*db, o.organisation);
  if (!org.ok()) return Fail(org.error().message);
  const Error kDryRun{ErrorCode::kConflict, "dry-run"};
  const Error kRefused{ErrorCode::kInvalid, "refused"};
  rent::LedgerImport report;
  auto result = db->Write([&](db::Connection& c) -> Result<Unit> {
    c.SetCacheBytes(kBulkCacheBytes);
    report = rent::ImportLedgerLines(c, *org, file.rows);
    if (!report.problems.empty()) return kRefused;
    if (o.dry_run) return kDryRun;
    audit::AppendInTransaction(c, {0, *org, 0, "import", "ledger_line", 0, "local"});
    return Unit{};
  });
  if (!report.problems.empty()) {
    for (const auto& p : report.problems) std::cerr << csv::Describe(p) << "\n";
    std::cerr << "relais: fichier refusé, " << report.problems.size() << " erreur(s) ; rien n'a été importé.\n";
    return 1;
  }
  if (!result.ok() && !(o.dry_run && result.error().message == kDryRun.message)) {
    std::cerr << "relais: " << result.error().message << " ; rien n'a été importé.\n";
    return 1;
  }
  std::cout << (o.dry_run ? "Vérification seule (rien n'a été écrit) : " : "Import terminé : ")
            << GroupThousands(report.created) << " ligne(s) créée(s), " << GroupThousands(report.updated)
            << " mise(s) à jour, " << GroupThousands(report.unchanged) << " inchangée(s).\n";
  return 0;
}

int RunImport(const config::Config& cfg, const ImportOptions& o) {
  log::SetQuiet(true);
  auto bytes = ReadFile(o.file);
  if (!bytes) return Fail("impossible de lire le fichier " + o.file);
  std::optional<csv::Mapping> mapping;
  if (!o.mapping_file.empty()) {
    auto mbytes = ReadFile(o.mapping_file);
    if (!mbytes) return Fail("impossible de lire le fichier de correspondance " + o.mapping_file);
    auto m = csv::Mapping::Parse(std::move(*mbytes));
    if (!m.ok()) return Fail(o.mapping_file + " : " + m.error().message);
    mapping = std::move(*m);
  }
  if (o.kind == ImportOptions::kVulnerable) return RunImportVulnerable(cfg, o, std::move(*bytes), mapping ? &*mapping : nullptr);
  if (o.kind == ImportOptions::kLedger) return RunImportLedger(cfg, o, std::move(*bytes), mapping ? &*mapping : nullptr);
  const bool stock = o.kind == ImportOptions::kStock;
  housing::StockFile stock_file;
  housing::HouseholdFile household_file;
  std::vector<csv::Problem>* problems;
  std::vector<std::string>* warnings;
  size_t rows = 0;
  if (stock) {
    stock_file = housing::ReadStockFile(std::move(*bytes), mapping ? &*mapping : nullptr);
    problems = &stock_file.problems;
    warnings = &stock_file.warnings;
    rows = stock_file.rows.size();
  } else {
    household_file = housing::ReadHouseholdFile(std::move(*bytes), mapping ? &*mapping : nullptr);
    problems = &household_file.problems;
    warnings = &household_file.warnings;
    rows = household_file.rows.size();
  }
  for (const auto& w : *warnings) std::cerr << "attention : " << w << "\n";
  if (!problems->empty()) {
    for (const auto& p : *problems) std::cerr << csv::Describe(p) << "\n";
    std::cerr << "relais: fichier refusé, " << problems->size() << " erreur(s) ; rien n'a été importé.\n";
    return 1;
  }
  std::unique_ptr<db::Database> db;
  try {
    db = OpenAndMigrate(cfg.database_url, 2);
  } catch (const std::exception& e) {
    return Fail(std::string("base de données inaccessible : ") + e.what());
  }
  auto org = ResolveOrganisation(*db, o.organisation);
  if (!org.ok()) return Fail(org.error().message);

  ProgressLine progress(stock ? "Logements" : "Ménages", static_cast<int64_t>(rows));
  auto report = [&](size_t n) { progress.Update(static_cast<int64_t>(n)); };
  // The whole file in one transaction: any refusal rolls everything back. A dry run rolls back
  // on purpose, after checking the links (references) against the database too.
  const Error kDryRun{ErrorCode::kConflict, "dry-run"};
  housing::UpsertCounts counts;
  auto result = db->Write([&](db::Connection& c) -> Result<Unit> {
    c.SetCacheBytes(kBulkCacheBytes);
    auto r = stock ? housing::UpsertStock(c, *org, stock_file.rows, report)
                   : housing::UpsertHouseholds(c, *org, household_file.rows, report);
    if (!r.ok()) return r.error();
    counts = *r;
    if (o.dry_run) return kDryRun;
    // The trail records the import (one entry for the file, by the system) with its changes.
    audit::AppendInTransaction(c, {0, *org, 0, "import", stock ? "building" : "household", 0, "local"});
    return Unit{};
  });
  progress.Finish();
  if (!result.ok() && !(o.dry_run && result.error().message == kDryRun.message)) {
    const auto& lines = stock ? stock_file.lines : household_file.lines;
    std::cerr << csv::Describe(housing::ProblemOfUpsert(result.error(), lines)) << "\n";
    std::cerr << "relais: fichier refusé ; rien n'a été importé.\n";
    return 1;
  }
  std::cout << (o.dry_run ? "Vérification seule (rien n'a été écrit) : " : "Import terminé : ") << GroupThousands(counts.created)
            << " créé(s), " << GroupThousands(counts.updated) << " mis à jour, " << GroupThousands(counts.unchanged)
            << " inchangé(s).\n";
  return 0;
}

}  // namespace relais::app
