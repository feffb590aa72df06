// PostgreSQL half of Backup and Restore: pg_dump --format=custom and pg_restore, run without a
// shell. The dump reads a snapshot that our own REPEATABLE READ transaction exported, so the
// schema version we report is the one of the data dumped. The password never goes on a command
// line (readable by every local user in /proc): the child gets it in PGPASSWORD.
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "platform/db/backup_internal.h"

extern char** environ;

namespace relais::db::internal {
namespace fs = std::filesystem;

namespace {

std::string QuoteConninfo(const std::string& value) {
  std::string out = "'";
  for (char ch : value) {
    if (ch == '\'' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "'";
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// The last lines of a tool's output, which say why it failed.
std::string Tail(const std::string& output, size_t max_lines = 8) {
  std::string s = Trimmed(output);
  size_t lines = 0, at = s.size();
  while (at > 0) {
    auto nl = s.rfind('\n', at - 1);
    if (++lines == max_lines || nl == std::string::npos) {
      at = nl == std::string::npos ? 0 : nl + 1;
      break;
    }
    at = nl;
  }
  return s.substr(at);
}

std::string Magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[16] = {};
  in.read(buf, sizeof buf);
  return std::string(buf, static_cast<size_t>(in.gcount()));
}

std::vector<std::string> ChildEnv(const PgTarget& t) {
  std::vector<std::string> env;
  if (t.password) env.push_back("PGPASSWORD=" + *t.password);
  return env;
}

Error ToolMissing(const std::string& name) {
  return {ErrorCode::kUnavailable,
          name + " introuvable : installez le client PostgreSQL (paquet Debian postgresql-client) ou indiquez "
                 "son dossier dans la variable RELAIS_PG_BIN", {}};
}

// Names the database exists on the server, creating it when it does not and the role may.
// Best effort: when the maintenance database cannot be reached, the connection to the target
// itself reports what is wrong.
void CreateDatabaseIfMissing(const PgTarget& t) {
  if (t.dbname.empty() || t.dbname == "postgres") return;
  // In-process: the password may go in the conninfo string (no command line to read it from).
  const std::string admin = WithDbname(t, "postgres") + (t.password ? " password=" + QuoteConninfo(*t.password) : "");
  PGconn* c = PQconnectdb(admin.c_str());
  if (PQstatus(c) == CONNECTION_OK) {
    const char* values[] = {t.dbname.c_str()};
    PGresult* r = PQexecParams(c, "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr, values, nullptr, nullptr, 0);
    const bool exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0;
    PQclear(r);
    if (!exists) {
      char* ident = PQescapeIdentifier(c, t.dbname.c_str(), t.dbname.size());
      if (ident) {
        std::string sql = std::string("CREATE DATABASE ") + ident + " TEMPLATE template0 ENCODING 'UTF8'";
        PQfreemem(ident);
        PQclear(PQexec(c, sql.c_str()));
      }
    }
  }
  PQfinish(c);
}

}  // namespace

Result<PgTarget> SplitPgUrl(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (opts == nullptr) {
    std::string why = err ? Trimmed(err) : "adresse illisible";
    PQfreemem(err);
    return Invalid("--database", "adresse PostgreSQL invalide : " + why);
  }
  PgTarget t;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || o->val[0] == '\0') continue;
    const std::string key = o->keyword;
    if (key == "password") {
      t.password = o->val;
      continue;
    }
    if (key == "dbname") t.dbname = o->val;
    if (!t.conninfo.empty()) t.conninfo += ' ';
    t.conninfo += key + "=" + QuoteConninfo(o->val);
  }
  PQconninfoFree(opts);
  return t;
}

std::string WithDbname(const PgTarget& t, const std::string& dbname) {
  // A later keyword wins in a conninfo string.
  return t.conninfo + (t.conninfo.empty() ? "" : " ") + "dbname=" + QuoteConninfo(dbname);
}

std::optional<std::string> FindPgTool(const std::string& name) {
  auto executable = [](const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); };
  if (const char* dir = std::getenv("RELAIS_PG_BIN"); dir != nullptr && dir[0] != '\0') {
    fs::path p = fs::path(dir) / name;
    if (executable(p)) return p.string();
    return std::nullopt;  // asked for this folder: do not silently take another version
  }
  std::error_code ec;
  int best = -1;
  std::string best_path;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string v = entry.path().filename().string();
    if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 4) continue;
    fs::path p = entry.path() / "bin" / name;
    if (std::stoi(v) > best && executable(p)) {
      best = std::stoi(v);
      best_path = p.string();
    }
  }
  if (best >= 0) return best_path;
  if (const char* path = std::getenv("PATH")) {
    std::string all = path;
    for (size_t start = 0; start <= all.size();) {
      auto end = all.find(':', start);
      if (end == std::string::npos) end = all.size();
      if (end > start) {
        fs::path p = fs::path(all.substr(start, end - start)) / name;
        if (executable(p)) return p.string();
      }
      start = end + 1;
    }
  }
  return std::nullopt;
}

int RunProgram(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env, std::string& output) {
  output.clear();
  // Everything is built before the spawn: the child runs nothing of ours.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    bool replaced = std::any_of(extra_env.begin(), extra_env.end(), [&](const std::string& x) {
      auto eq = x.find('=');
      return entry.substr(0, eq + 1) == std::string_view(x).substr(0, eq + 1);
    });
    if (!replaced) env_strings.emplace_back(entry);
  }
  for (const auto& x : extra_env) env_strings.push_back(x);
  std::vector<char*> env;
  for (auto& s : env_strings) env.push_back(s.data());
  env.push_back(nullptr);

  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 2);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  if (rc != 0) {
    ::close(pipefd[0]);
    output = std::string("cannot start ") + argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(pipefd[0], buf, sizeof buf);
    if (n > 0) {
      if (output.size() < (1 << 20)) output.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(pipefd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Result<BackupReport> PostgresBackup(const std::string& url, const std::string& tmp, const BackupOptions& o) {
  auto pg_dump = FindPgTool("pg_dump");
  if (!pg_dump) return ToolMissing("pg_dump");
  auto pg_restore = FindPgTool("pg_restore");
  if (!pg_restore) return ToolMissing("pg_restore");
  auto target = SplitPgUrl(url);
  if (!target.ok()) return target.error();

  auto db = Database::Open(url, 1);
  auto lease = db->Acquire(false);
  Connection& c = **lease;
  BackupReport report;
  // Our transaction fixes the snapshot and exports it; pg_dump reads exactly that snapshot, and
  // it stays valid while the transaction is open.
  c.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  std::string snapshot;
  c.Query("SELECT pg_export_snapshot()", {}, [&](const Row& r) { snapshot = r.Str(0); });
  const bool relais = c.QueryInt("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations' "
                                 "AND schemaname = ANY (current_schemas(false))").value_or(0) > 0;
  if (!relais) {
    c.Rollback();
    return Error{ErrorCode::kInvalid, "cette base n'est pas une base Relais (table schema_migrations absente)",
                 "--database"};
  }
  c.Query("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1", {},
          [&](const Row& r) { report.schema_version = r.Str(0); });
  report.tables = static_cast<int>(
      c.QueryInt("SELECT COUNT(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
          .value_or(0));
  if (o.on_snapshot) o.on_snapshot();

  std::string output;
  int status = RunProgram({*pg_dump, "--format=custom", "--no-password", "--snapshot=" + snapshot,
                           "--file=" + tmp, "--dbname=" + target->conninfo},
                          ChildEnv(*target), output);
  c.Rollback();
  if (status != 0) {
    return Error{ErrorCode::kUnavailable, "pg_dump a échoué (" + *pg_dump + ", statut " + std::to_string(status) +
                                              ") :\n" + Tail(output), {}};
  }
  // The table of contents names the tables whose data is in the archive...
  const std::string list = tmp + ".list";
  status = RunProgram({*pg_restore, "--list", "--file=" + list, tmp}, {}, output);
  int data_entries = 0;
  {
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line[0] != ';' && line.find(" TABLE DATA ") != std::string::npos) ++data_entries;
    }
  }
  std::error_code ec;
  fs::remove(list, ec);
  if (status != 0) {
    return Error{ErrorCode::kInternal, "l'archive écrite par pg_dump est illisible :\n" + Tail(output), {}};
  }
  // ...and turning the whole archive into SQL reads and decompresses every block of data: a
  // truncated or damaged file fails here (--list alone reads only the table of contents).
  status = RunProgram({*pg_restore, "--file=/dev/null", tmp}, {}, output);
  if (status != 0) {
    return Error{ErrorCode::kInternal, "l'archive écrite par pg_dump est illisible :\n" + Tail(output), {}};
  }
  if (data_entries < report.tables) {
    return Error{ErrorCode::kInternal, "l'archive écrite par pg_dump contient les données de " +
                                           std::to_string(data_entries) + " tables sur " +
                                           std::to_string(report.tables), {}};
  }
  report.checks = "archive relue en entier par pg_restore, données des " + std::to_string(data_entries) + " tables";
  return report;
}

Result<int> PostgresLoad(const std::string& src, const std::string& url, const RestoreOptions& o) {
  const std::string magic = Magic(src);
  if (magic.starts_with("SQLite format 3")) {
    return Invalid("SRC", "cette sauvegarde vient de SQLite : restaurez-la dans une base sqlite:///chemin/relais.db, "
                          "pas dans PostgreSQL");
  }
  if (!magic.starts_with("PGDMP")) {
    return Invalid("SRC", "ce fichier n'est pas une archive pg_dump au format custom (pg_dump --format=custom) : " + src);
  }
  auto pg_restore = FindPgTool("pg_restore");
  if (!pg_restore) return ToolMissing("pg_restore");
  auto target = SplitPgUrl(url);
  if (!target.ok()) return target.error();
  // Read the whole archive before touching the target (--force drops its content).
  std::string output;
  if (RunProgram({*pg_restore, "--file=/dev/null", src}, {}, output) != 0) {
    return Invalid("SRC", "l'archive pg_dump est illisible ou tronquée, rien n'a été restauré :\n" + Tail(output));
  }
  // Its table of contents has a line "214; 1259 25815 TABLE public schema_migrations owner" when it
  // is a Relais database.
  bool relais = RunProgram({*pg_restore, "--list", src}, {}, output) == 0;
  if (relais) {
    relais = false;
    for (size_t at = 0; at < output.size() && !relais;) {
      size_t end = output.find('\n', at);
      if (end == std::string::npos) end = output.size();
      const std::string_view line(output.data() + at, end - at);
      relais = line.find(" TABLE ") != std::string_view::npos && line.find(" TABLE DATA ") == std::string_view::npos &&
               line.find(" schema_migrations ") != std::string_view::npos;
      at = end + 1;
    }
  }
  if (!relais) {
    return Invalid("SRC", "cette archive pg_dump n'est pas une sauvegarde Relais (table schema_migrations absente), "
                          "rien n'a été restauré");
  }
  CreateDatabaseIfMissing(*target);

  int dropped = 0;
  {
    auto db = Database::Open(url, 1);
    auto lease = db->Acquire(true);
    Connection& c = **lease;
    std::vector<std::string> drops;
    int tables = 0;
    c.Query("SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' "
            "WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') "
            "ORDER BY c.relkind = 'r' DESC, 2",
            {}, [&](const Row& r) {
              tables += r.Text(0) == "TABLE";
              drops.push_back("DROP " + r.Str(0) + " IF EXISTS " + r.Str(1) + " CASCADE");
            });
    // Functions too (the audit trail's guard trigger): pg_restore would fail on "already exists".
    c.Query("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1",
            {}, [&](const Row& r) { drops.push_back("DROP FUNCTION IF EXISTS " + r.Str(0) + " CASCADE"); });
    if (!drops.empty() && !o.force) {
      return Conflict("la base cible n'est pas vide (" + std::to_string(tables) + " tables, " +
                      std::to_string(drops.size() - tables) + " autres objets) : "
                      "restaurez dans une base neuve ou vide, ou ajoutez --force pour remplacer tout son contenu (ses "
                      "données seront perdues)", "--database");
    }
    if (!drops.empty()) {
      c.Begin(true);
      try {
        for (const auto& sql : drops) c.ExecScript(sql);
        c.Commit();
      } catch (...) {
        c.Rollback();
        throw;
      }
      dropped = static_cast<int>(drops.size());
    }
  }
  // One transaction: a restore that fails leaves the target empty (as it was, or as --force left it).
  int status = RunProgram({*pg_restore, "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                           "--no-password", "--dbname=" + target->conninfo, src},
                          ChildEnv(*target), output);
  if (status != 0) {
    return Error{ErrorCode::kInternal, "pg_restore a échoué, rien n'a été restauré (" + *pg_restore + ", statut " +
                                           std::to_string(status) + ") :\n" + Tail(output), {}};
  }
  return dropped;
}

}  // namespace relais::db::internal
