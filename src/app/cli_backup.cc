// `relais backup` and `relais restore` (see docs/operations.md, "Backups").
#include "app/cli_backup.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/progress.h"
#include "platform/db/backup.h"
#include "platform/log/log.h"

namespace relais::app {
namespace {

int Fail(const std::string& message) {
  std::cerr << "relais: " << message << "\n";
  return 1;
}

// 13003776 -> "12,4 Mo (13 003 776 octets)"
std::string Size(uint64_t bytes) {
  const char* units[] = {"octets", "Ko", "Mo", "Go", "To"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[64];
  if (u == 0) return GroupThousands(static_cast<int64_t>(bytes)) + " octets";
  std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  std::string s = buf;
  for (auto& ch : s) {
    if (ch == '.') ch = ',';
  }
  return s + " (" + GroupThousands(static_cast<int64_t>(bytes)) + " octets)";
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  std::string out = buf;
  for (auto& ch : out) {
    if (ch == '.') ch = ',';
  }
  return out;
}

std::string EngineName(db::Dialect d) { return d == db::Dialect::kSqlite ? "SQLite" : "PostgreSQL"; }

}  // namespace

int RunBackup(const config::Config& cfg, const BackupCliOptions& o) {
  log::SetQuiet(true);
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(o.dest, ec);
  if (o.keep < 0) {
    std::cerr << "relais: --keep doit être un nombre positif de sauvegardes à garder\n";
    return 2;
  }
  if (o.keep > 0 && !folder) {
    std::cerr << "relais: --keep ne s'emploie qu'avec un dossier comme destination (DEST = " << o.dest << ")\n";
    return 2;
  }
  db::BackupOptions options;
  options.overwrite = o.force;
  Result<db::BackupReport> report = Error{};
  try {
    report = db::Backup(cfg.database_url, o.dest, options);
  } catch (const std::exception& e) {
    return Fail(std::string("sauvegarde impossible, base de données inaccessible : ") + e.what());
  }
  if (!report.ok()) return Fail("sauvegarde impossible : " + report.error().message);
  std::cout << "Sauvegarde écrite : " << report->path << "\n"
            << "  base      : " << EngineName(report->dialect) << ", " << db::RedactUrl(cfg.database_url) << "\n"
            << "  schéma    : " << report->schema_version << " (" << report->tables << " tables)\n"
            << "  taille    : " << Size(report->bytes) << "\n"
            << "  durée     : " << Seconds(report->seconds) << "\n"
            << "  contrôles : " << report->checks << "\n";
  if (o.keep > 0) {
    auto deleted = db::PruneBackups(o.dest, o.keep);
    std::cout << "  rétention : " << o.keep << " sauvegarde(s) gardée(s), " << deleted.size() << " supprimée(s)\n";
    for (const auto& path : deleted) std::cout << "    supprimée : " << path << "\n";
  }
  return 0;
}

int RunRestore(const RestoreCliOptions& o) {
  log::SetQuiet(true);
  db::RestoreOptions options;
  options.force = o.force;
  Result<db::RestoreReport> report = Error{};
  try {
    report = db::Restore(o.src, o.database_url, options);
  } catch (const std::exception& e) {
    return Fail(std::string("restauration impossible, base de données inaccessible : ") + e.what());
  }
  if (!report.ok()) return Fail("restauration impossible : " + report.error().message);
  std::string migrations;
  for (const auto& m : report->migrations) migrations += (migrations.empty() ? "" : ", ") + m;
  std::cout << "Restauration terminée : " << o.src << "\n"
            << "  dans      : " << EngineName(report->dialect) << ", " << db::RedactUrl(o.database_url) << "\n"
            << "  schéma    : " << report->backup_schema_version << " dans la sauvegarde"
            << (migrations.empty() ? ", à jour" : ", migrations appliquées : " + migrations) << "\n"
            << "  contenu   : " << report->tables << " tables, " << GroupThousands(report->rows) << " lignes\n"
            << "  durée     : " << Seconds(report->seconds) << "\n"
            << "  contrôles : " << report->checks << "\n";
  return 0;
}

}  // namespace relais::app
