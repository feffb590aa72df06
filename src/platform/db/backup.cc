// Backup and Restore: what both engines share (naming, the temporary file and its atomic rename,
// migrations and checks after a restore). The engine halves are sqlite_backup.cc and
// postgres_backup.cc.
#include "platform/db/backup.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <regex>

#include "platform/db/backup_internal.h"
#include "platform/db/migrate.h"

namespace relais::db {
namespace fs = std::filesystem;

namespace {

bool IsSqliteUrl(const std::string& url) { return url.starts_with("sqlite://"); }
bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// Makes the data of a file (or the entries of a directory) durable: a backup that the rename
// announced must survive a power cut like the writes it holds.
bool Fsync(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// Tables of the database outside the system catalogs, quoted for use in SQL.
std::vector<std::string> ListTables(Connection& c) {
  std::vector<std::string> tables;
  if (c.dialect() == Dialect::kSqlite) {
    c.Query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", {},
            [&](const Row& r) { tables.push_back(Quoted(r.Str(0))); });
  } else {
    c.Query("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
            {}, [&](const Row& r) { tables.push_back(r.Str(0)); });
  }
  return tables;
}

std::string SchemaVersion(Connection& c) {
  std::string version;
  c.Query("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1", {},
          [&](const Row& r) { version = r.Str(0); });
  return version;
}

bool HasSchemaMigrations(Connection& c) {
  if (c.dialect() == Dialect::kSqlite) {
    return c.QueryInt("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
               .value_or(0) > 0;
  }
  return c.QueryInt("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations' "
                    "AND schemaname = ANY (current_schemas(false))")
             .value_or(0) > 0;
}

}  // namespace

namespace internal {

std::string BackupFileName(Dialect dialect, int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  return std::string("relais-") + stamp + (dialect == Dialect::kSqlite ? ".db" : ".dump");
}

}  // namespace internal

std::string RedactUrl(const std::string& url) {
  std::string out = url;
  // user:password@host
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto at = out.find('@', scheme + 3);
    auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ?password=... or &password=...
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    auto end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

Result<BackupReport> Backup(const std::string& url, const std::string& dest, const BackupOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Dialect dialect;
  if (IsSqliteUrl(url) && url != "sqlite::memory:") dialect = Dialect::kSqlite;
  else if (IsPostgresUrl(url)) dialect = Dialect::kPostgres;
  else return Invalid("--database", "adresse de base non prise en charge pour une sauvegarde : " + RedactUrl(url));
  if (dest.empty()) return Invalid("DEST", "indiquez le fichier ou le dossier de la sauvegarde");

  fs::path target = dest;
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    const auto now = std::chrono::system_clock::now();
    target /= internal::BackupFileName(dialect, std::chrono::duration_cast<std::chrono::seconds>(
                                                    now.time_since_epoch()).count());
  }
  target = fs::absolute(target, ec);
  if (fs::exists(target, ec) && !options.overwrite) {
    return Conflict("le fichier de sauvegarde existe déjà : " + target.string() +
                        " (choisissez un autre nom, un dossier, ou ajoutez --force pour le remplacer)",
                    "DEST");
  }
  const fs::path dir = target.parent_path();
  if (!fs::is_directory(dir, ec)) return Invalid("DEST", "le dossier de la sauvegarde n'existe pas : " + dir.string());

  // The copy is made under a hidden temporary name in the same folder, so that the rename that
  // publishes it is atomic and an interrupted backup never leaves a file that looks complete.
  const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  fs::remove(tmp, ec);
  Result<BackupReport> report = Error{};
  try {
    report = dialect == Dialect::kSqlite ? internal::SqliteBackup(url.substr(9), tmp.string(), options)
                                         : internal::PostgresBackup(url, tmp.string(), options);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  if (!report.ok()) {
    fs::remove(tmp, ec);
    return report;
  }
  if (!Fsync(tmp, false)) {
    fs::remove(tmp, ec);
    return Error{ErrorCode::kInternal, "impossible d'écrire la sauvegarde sur le disque : " + tmp.string(), "DEST"};
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error{ErrorCode::kInternal, "impossible de renommer la sauvegarde en " + target.string() + " : " + ec.message(),
                 "DEST"};
  }
  Fsync(dir, true);
  report->dialect = dialect;
  report->path = target.string();
  report->bytes = fs::file_size(target, ec);
  report->seconds = SecondsSince(start);
  return report;
}

std::vector<std::string> PruneBackups(const std::string& dir, int keep) {
  static const std::regex kName(R"(relais-\d{8}T\d{6}Z\.(db|dump))");
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && std::regex_match(entry.path().filename().string(), kName)) {
      found.push_back(entry.path());
    }
  }
  // The names sort by time (UTC stamp); keep the newest of each engine's files together.
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() > b.filename(); });
  std::vector<std::string> deleted;
  for (size_t i = static_cast<size_t>(std::max(keep, 1)); i < found.size(); ++i) {
    if (fs::remove(found[i], ec)) deleted.push_back(found[i].string());
  }
  // The temporary file of a backup that was killed (its process is gone) is never published.
  static const std::regex kTemp(R"(\.relais-\d{8}T\d{6}Z\.(db|dump)\.tmp-(\d+)(\.list)?)");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (!std::regex_match(name, m, kTemp)) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(m[2].str()));
    if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH && fs::remove(entry.path(), ec)) {
      deleted.push_back(entry.path().string());
    }
  }
  return deleted;
}

Result<RestoreReport> Restore(const std::string& src, const std::string& url, const RestoreOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!fs::is_regular_file(src, ec)) return Invalid("SRC", "fichier de sauvegarde introuvable : " + src);
  RestoreReport report;
  if (IsSqliteUrl(url) && url != "sqlite::memory:") {
    report.dialect = Dialect::kSqlite;
    fs::path file = url.substr(9);
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    auto loaded = internal::SqliteLoad(src, file.string(), options);
    if (!loaded.ok()) return loaded.error();
  } else if (IsPostgresUrl(url)) {
    report.dialect = Dialect::kPostgres;
    auto loaded = internal::PostgresLoad(src, url, options);
    if (!loaded.ok()) return loaded.error();
  } else {
    return Invalid("--database", "adresse de base non prise en charge pour une restauration : " + RedactUrl(url));
  }

  // An older backup is brought up to this version's schema, exactly as `relais serve` would.
  auto db = Database::Open(url, 1);
  {
    auto lease = db->Acquire(true);
    if (!HasSchemaMigrations(**lease)) {
      return Invalid("SRC", "la sauvegarde restaurée n'est pas une base Relais (table schema_migrations absente)");
    }
    report.backup_schema_version = SchemaVersion(**lease);
  }
  report.migrations = Migrate(*db);
  auto lease = db->Acquire(true);
  Connection& c = **lease;
  report.schema_version = SchemaVersion(c);
  auto problems = CheckIntegrity(c);
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    return Error{ErrorCode::kInternal, "la base restaurée ne passe pas les contrôles d'intégrité :" + all, {}};
  }
  if (c.dialect() == Dialect::kPostgres) c.ExecScript("ANALYZE");  // pg_restore leaves no statistics
  for (const auto& table : ListTables(c)) {
    ++report.tables;
    report.rows += c.QueryInt("SELECT COUNT(*) FROM " + table).value_or(0);
  }
  report.checks = c.dialect() == Dialect::kSqlite
                      ? "PRAGMA integrity_check ok, PRAGMA foreign_key_check ok"
                      : "contraintes revérifiées par pg_restore, toutes validées, index valides, tables lisibles";
  report.seconds = SecondsSince(start);
  return report;
}

std::vector<std::string> CheckIntegrity(Connection& c) {
  std::vector<std::string> problems;
  if (c.dialect() == Dialect::kSqlite) {
    c.Query("PRAGMA integrity_check", {}, [&](const Row& r) {
      if (r.Text(0) != "ok") problems.push_back("integrity_check : " + r.Str(0));
    });
    c.Query("PRAGMA foreign_key_check", {}, [&](const Row& r) {
      problems.push_back("foreign_key_check : la ligne " + (r.IsNull(1) ? std::string("?") : r.Str(1)) + " de " +
                         r.Str(0) + " désigne une ligne absente de " + r.Str(2));
    });
    return problems;
  }
  c.Query("SELECT conrelid::regclass::text, conname FROM pg_constraint k "
          "JOIN pg_namespace n ON n.oid = k.connamespace "
          "WHERE NOT k.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
          {}, [&](const Row& r) {
            problems.push_back("contrainte non validée : " + r.Str(1) + " sur " + r.Str(0));
          });
  c.Query("SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
          "JOIN pg_namespace n ON n.oid = t.relnamespace "
          "WHERE NOT (i.indisvalid AND i.indisready) AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
          {}, [&](const Row& r) { problems.push_back("index invalide : " + r.Str(0)); });
  // Reading every table end to end finds a damaged heap (and a missing grant) before users do.
  for (const auto& table : ListTables(c)) c.QueryInt("SELECT COUNT(*) FROM " + table);
  return problems;
}

}  // namespace relais::db
