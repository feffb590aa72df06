// The router with every route of Relais (app::RegisterAllRoutes) over an in-memory SQLite database
// seeded with two small demo landlords, and the web app's files. The input is a request as text:
//   METHOD\n TARGET\n (NAME: VALUE\n)* \n BODY
// The target goes through wire::ParseTarget as in the server. The session is stubbed: a cookie
// `s=ROLE` (administrator, manager, call_agent...) is an actor of landlord 1 with that role,
// `s=other` a manager of landlord 2; the CSRF token is `t`. Whatever the request: never a 5xx,
// never an exception, a JSON body that parses, a problem whose status is the answer's, and the
// security headers. POST /api/v1/session is left out: each call costs an Argon2id hash (19 MiB).
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "check.h"
#include "modules/housing/demo_data.h"
#include "modules/housing/housing.h"
#include "platform/auth/actor.h"
#include "platform/core/text.h"
#include "platform/http/router.h"
#include "platform/http/static_files.h"
#include "platform/http/wire.h"
#include "platform/log/log.h"

using namespace relais;

namespace {

struct World {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<audit::Trail> trail;  // its writer sleeps: the fuzzer never resumes a held answer
  http::Router router;
};

World* Build() {
  log::SetQuiet(true);
  auto* w = new World;
  w->db = app::OpenAndMigrate("sqlite::memory:", 1);
  housing::demo::Options options;
  options.households = 12;
  options.landlords = 2;
  options.reference_date = {2026, 11, 27};
  std::vector<int64_t> organisations;
  auto generated = housing::demo::GenerateChunks(options, housing::Communes(), [&](housing::demo::Chunk& chunk) {
    auto r = w->db->Write([&](db::Connection& c) -> Result<Unit> {
      if (chunk.first) {
        auto id = housing::CreateOrganisation(c, chunk.landlord->organisation.name, chunk.landlord->organisation.siren);
        if (!id.ok()) return id.error();
        organisations.push_back(*id);
      }
      if (auto s = housing::UpsertStock(c, organisations.back(), chunk.stock); !s.ok()) return s.error();
      if (auto h = housing::UpsertHouseholds(c, organisations.back(), chunk.households); !h.ok()) return h.error();
      return Unit{};
    });
    CHECK(r.ok());
  });
  CHECK(generated.ok() && organisations.size() == 2);
  w->trail = std::make_unique<audit::Trail>(*w->db, audit::Trail::Options{.seal_interval_ms = 3'600'000});
  app::RegisterAllRoutes(w->router, *w->db, *w->trail, config::Config{},
                         auth::SealKeyOf("fuzz-only-key-fuzz-only-key-0000"));
  // A web app of two files, for the static routes.
  const auto root = std::filesystem::temp_directory_path() / ("relais-fuzz-web-" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>Relais</title>";
  std::ofstream(root / "assets/app-1.js") << "console.log(1);";
  w->router.SetStaticFiles(http::StaticFiles::Load(root.string()));
  std::filesystem::remove_all(root);
  // The stubbed session.
  const int64_t org1 = organisations[0], org2 = organisations[1];
  w->router.SetAuthenticator([org1, org2](const http::Request& req) -> std::optional<auth::Actor> {
    const std::string who = req.Cookie("s");
    if (who.empty()) return std::nullopt;
    auth::Actor a;
    a.user_id = 1;
    a.csrf_token = "t";
    a.display_name = "Fuzz";
    if (who == "other") {
      a.organisation_id = org2;
      a.roles = static_cast<uint32_t>(auth::Role::kManager);
      return a;
    }
    auto role = auth::RoleFromCode(who);
    if (!role) return std::nullopt;
    a.organisation_id = org1;
    a.roles = static_cast<uint32_t>(*role);
    return a;
  });
  return w;
}

std::string_view Line(std::string_view& s) {
  const size_t nl = s.find('\n');
  std::string_view line = s.substr(0, nl);
  s.remove_prefix(nl == std::string_view::npos ? s.size() : nl + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = Build();
  std::string_view in = fuzz::View(data, size);
  http::Request req;
  req.method = std::string(Line(in));
  auto target = http::wire::ParseTarget(Line(in));
  if (!target.ok()) return 0;  // the server answers 400 before the router
  req.path = std::move(target->path);
  req.query = std::move(target->query);
  for (std::string_view h = Line(in); !h.empty(); h = Line(in)) {
    const size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(h.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(text::Trim(h.substr(colon + 1))));
  }
  req.body = std::string(in);
  req.request_id = "fuzz";
  if (req.method == "POST" && req.path == "/api/v1/session") return 0;

  const http::Response res = world->router.Handle(req);
  CHECK(res.status >= 200 && res.status < 500);
  bool nosniff = false;
  for (const auto& [k, v] : res.headers) nosniff = nosniff || (k == "X-Content-Type-Options" && v == "nosniff");
  CHECK(nosniff);
  if (res.content_type == "application/json" || res.content_type == "application/problem+json") {
    const auto body = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
    CHECK(!body.is_discarded());
    if (res.content_type == "application/problem+json") CHECK(body["status"] == res.status);
  }
  return 0;
}
