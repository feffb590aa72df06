#include "platform/http/router.h"

#include <gtest/gtest.h>

#include "platform/auth/policy.h"
#include "platform/log/log.h"

namespace relais::http {
namespace {

Request Req(std::string method, std::string path, std::string body = {}) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  r.request_id = "test";
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    router_.Add("GET", "/api/v1/things/{id}", Access::kSession, [](Context& c) {
      if (!auth::Decide(c.Actor().user_id == 7)) return Problem(Forbidden("non"));
      auto id = c.IdParam();
      if (!id.ok()) return Problem(id.error());
      return Json({{"id", *id}, {"by", c.Actor().user_id}});
    });
    router_.Add("POST", "/api/v1/things", Access::kSession, [](Context&) {
      auth::Decide(true);
      return Json({{"ok", true}}, 201);
    });
    // A signed-in route that forgot its policy: its success is not sent; its refusals are.
    router_.Add("GET", "/api/v1/undecided", Access::kSession, [](Context& c) {
      if (c.req.QueryParam("fail")) return Problem(NotFound());
      return Json({{"secret", "data"}});
    });
    router_.Add("GET", "/healthz", Access::kPublic, [](Context&) { return Json({{"status", "ok"}}); });
    router_.Add("GET", "/boom", Access::kPublic, [](Context&) -> Response { throw std::runtime_error("secret"); });
    router_.Add("GET", "/api/v1/tenant/home", Access::kTenant, [](Context& c) {
      auth::Decide(c.Actor().kind == auth::Kind::kTenant);
      return Json({{"household", c.Actor().household_id}});
    });
    router_.SetAuthenticator([](const Request& r) -> std::optional<auth::Actor> {
      if (r.Cookie("s") == "tenant") {
        auth::Actor t;
        t.kind = auth::Kind::kTenant;
        t.user_id = 9;
        t.household_id = 33;
        return t;
      }
      if (r.Cookie("s") != "good") return std::nullopt;
      auth::Actor a;
      a.user_id = 7;
      a.csrf_token = "csrf-123";
      return a;
    });
  }
  Router router_;
};

TEST_F(RouterTest, MatchesParametersForASignedInActor) {
  auto r = Req("GET", "/api/v1/things/42");
  r.headers.push_back({"cookie", "a=b; s=good"});
  auto res = router_.Handle(r);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(nlohmann::json::parse(res.body)["id"], 42);
  EXPECT_EQ(nlohmann::json::parse(res.body)["by"], 7);
}

TEST_F(RouterTest, RefusesWithoutSessionAndWithoutCsrf) {
  EXPECT_EQ(router_.Handle(Req("GET", "/api/v1/things/42")).status, 401);
  auto post = Req("POST", "/api/v1/things");
  post.headers.push_back({"cookie", "s=good"});
  EXPECT_EQ(router_.Handle(post).status, 403);
  post.headers.push_back({"x-csrf-token", "csrf-12"});
  EXPECT_EQ(router_.Handle(post).status, 403);
  post.headers.back().second = "csrf-123";
  EXPECT_EQ(router_.Handle(post).status, 201);
}

TEST_F(RouterTest, RefusesASuccessWithoutAPolicyDecision) {
  auto r = Req("GET", "/api/v1/undecided");
  r.headers.push_back({"cookie", "s=good"});
  auto res = router_.Handle(r);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  // A decision taken by an earlier request on this thread does not count for the next one.
  auto decided = Req("GET", "/api/v1/things/1");
  decided.headers.push_back({"cookie", "s=good"});
  EXPECT_EQ(router_.Handle(decided).status, 200);
  EXPECT_EQ(router_.Handle(r).status, 500);
  r.query = "fail=1";
  EXPECT_EQ(router_.Handle(r).status, 404);
}

TEST_F(RouterTest, KeepsTenantsAndStaffToTheirOwnRoutes) {
  auto as = [&](std::string cookie, std::string path) {
    auto r = Req("GET", path);
    r.headers.push_back({"cookie", "s=" + cookie});
    return router_.Handle(r).status;
  };
  EXPECT_EQ(as("tenant", "/api/v1/tenant/home"), 200);
  EXPECT_EQ(as("tenant", "/api/v1/things/1"), 404);
  EXPECT_EQ(as("good", "/api/v1/tenant/home"), 404);
  EXPECT_EQ(as("good", "/api/v1/things/1"), 200);
  EXPECT_EQ(as("nobody", "/api/v1/tenant/home"), 401);
}

TEST_F(RouterTest, ChainedAuthenticatorsTryEachCookieInTurn) {
  // A second authenticator (the tenant sessions' own cookie) is asked only when the first finds nobody.
  int asked = 0;
  router_.AddAuthenticator([&asked](const Request& r) -> std::optional<auth::Actor> {
    ++asked;
    if (r.Cookie("t") != "tn_ok") return std::nullopt;
    auth::Actor t;
    t.kind = auth::Kind::kTenant;
    t.user_id = 5;
    t.household_id = 44;
    return t;
  });
  auto as = [&](std::string cookies, std::string path) {
    auto r = Req("GET", path);
    r.headers.push_back({"cookie", cookies});
    return router_.Handle(r);
  };
  auto res = as("t=tn_ok", "/api/v1/tenant/home");
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("44"), std::string::npos);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(as("s=good; t=tn_ok", "/api/v1/things/1").status, 200);  // the first wins
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(as("t=forged", "/api/v1/tenant/home").status, 401);
}

TEST_F(RouterTest, TakesOnlyJsonBodies) {
  auto post = [&](std::vector<std::string> types) {
    auto r = Req("POST", "/api/v1/things", "{}");
    r.headers.push_back({"cookie", "s=good"});
    r.headers.push_back({"x-csrf-token", "csrf-123"});
    for (auto& t : types) r.headers.push_back({"content-type", t});
    return router_.Handle(r);
  };
  for (std::string ok : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                         "application/json;charset=\"UTF-8\"", "application/json; foo=bar"}) {
    EXPECT_EQ(post({ok}).status, 201) << ok;
  }
  for (std::string bad : {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                          "multipart/form-data; boundary=x", "application/jsonx", "application/json-patch+json",
                          "application/json; charset=iso-8859-1", "json", ""}) {
    auto res = post({bad});
    EXPECT_EQ(res.status, 415) << bad;
    EXPECT_EQ(nlohmann::json::parse(res.body)["status"], 415);
  }
  EXPECT_EQ(post({}).status, 415);
  EXPECT_EQ(post({"application/json", "text/plain"}).status, 415);
  // Without a body there is nothing to type.
  auto empty = Req("POST", "/api/v1/things");
  empty.headers.push_back({"cookie", "s=good"});
  empty.headers.push_back({"x-csrf-token", "csrf-123"});
  EXPECT_EQ(router_.Handle(empty).status, 201);
}

TEST_F(RouterTest, AnswersUnknownPathsWrongMethodsAndBadIdsWithProblems) {
  auto nf = router_.Handle(Req("GET", "/nowhere"));
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.content_type, "application/problem+json");
  auto m = router_.Handle(Req("DELETE", "/healthz"));
  EXPECT_EQ(m.status, 405);
  bool allow = false;
  for (auto& [k, v] : m.headers) allow = allow || (k == "Allow" && v == "GET");
  EXPECT_TRUE(allow);
  auto r = Req("GET", "/api/v1/things/abc");
  r.headers.push_back({"cookie", "s=good"});
  EXPECT_EQ(router_.Handle(r).status, 404);
}

TEST_F(RouterTest, HidesInternalsOfAFailure) {
  auto res = router_.Handle(Req("GET", "/boom"));
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
}

TEST_F(RouterTest, SetsSecurityAndCacheHeaders) {
  auto res = router_.Handle(Req("GET", "/healthz"));
  auto header = [&](std::string_view name) {
    for (auto& [k, v] : res.headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  EXPECT_EQ(header("Cache-Control"), "no-store");
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(header("Strict-Transport-Security"), "") << "no HSTS unless Relais is reached over TLS";
}

TEST_F(RouterTest, SendsHstsOnEveryAnswerWhenReachedOverTls) {
  router_.SetHsts(true);
  for (const auto& req : {Req("GET", "/healthz"), Req("GET", "/nowhere"), Req("GET", "/boom")}) {
    auto res = router_.Handle(req);
    std::string hsts;
    for (auto& [k, v] : res.headers) {
      if (k == "Strict-Transport-Security") hsts = v;
    }
    EXPECT_EQ(hsts, "max-age=31536000; includeSubDomains") << req.path << " -> " << res.status;
  }
}

// The router looks only at the routes that can match (same number of segments, same resource
// segment or a parameter there): a parameter at the resource segment, registered before or after
// the literal routes, still competes; the most literal route wins; Allow lists the methods in
// registration order.
TEST(RouterCandidatesTest, ParametersAtTheResourceSegmentCompeteWithLiterals) {
  log::SetQuiet(true);
  Router router;
  auto answer = [](std::string name) {
    return [name](Context& c) {
      nlohmann::json body = {{"route", name}};
      for (const auto& [k, v] : c.params) body[std::string(k)] = std::string(v);
      return Json(body);
    };
  };
  router.Add("GET", "/api/v1/{kind}/list", Access::kPublic, answer("any-list"));
  router.Add("GET", "/api/v1/things/{id}", Access::kPublic, answer("thing"));
  router.Add("DELETE", "/api/v1/things/list", Access::kPublic, answer("delete-list"));
  router.Add("PUT", "/api/v1/{kind}/{id}", Access::kPublic, answer("put-any"));
  router.Add("GET", "/api/v1/things", Access::kPublic, answer("things"));
  router.Add("POST", "/api/v1/{kind}/stats", Access::kPublic, answer("post-stats"));  // after "things"
  auto route = [&](std::string method, std::string path) {
    auto res = router.Handle(Req(std::move(method), std::move(path)));
    return res.status == 200 ? nlohmann::json::parse(res.body) : nlohmann::json{{"status", res.status}};
  };
  EXPECT_EQ(route("GET", "/api/v1/things/7")["route"], "thing");
  EXPECT_EQ(route("GET", "/api/v1/things/7")["id"], "7");
  EXPECT_EQ(route("GET", "/api/v1/others/list")["route"], "any-list");
  EXPECT_EQ(route("GET", "/api/v1/others/list")["kind"], "others");
  EXPECT_EQ(route("PUT", "/api/v1/others/3")["route"], "put-any");
  EXPECT_EQ(route("PUT", "/api/v1/things/3")["status"], 405);  // "things/{id}" is more literal
  EXPECT_EQ(route("POST", "/api/v1/things/stats")["route"], "post-stats");
  EXPECT_EQ(route("POST", "/api/v1/things/stats")["kind"], "things");
  EXPECT_EQ(route("GET", "/api/v1/things")["route"], "things");
  EXPECT_EQ(route("GET", "/api/v1/things/list/more")["status"], 404);
  EXPECT_EQ(route("GET", "/api/v1/others/7")["status"], 405);
  // /api/v1/things/list: the literal DELETE route (2 literals after api/v1) beats both patterns
  // with a parameter; a GET there is a 405 that offers DELETE only.
  auto res = router.Handle(Req("GET", "/api/v1/things/list"));
  EXPECT_EQ(res.status, 405);
  std::string allow;
  for (const auto& [k, v] : res.headers) {
    if (k == "Allow") allow = v;
  }
  EXPECT_EQ(allow, "DELETE");
  auto other = router.Handle(Req("POST", "/api/v1/others/7"));
  EXPECT_EQ(other.status, 405);
  for (const auto& [k, v] : other.headers) {
    if (k == "Allow") EXPECT_EQ(v, "PUT");
  }
}

TEST(RequestTest, ReadsQueryAndCookies) {
  Request r;
  r.query = "q=h%C3%A9l%C3%A8ne+dupont&limit=20&empty";
  r.headers.push_back({"cookie", "x=1; relais_session=abc"});
  EXPECT_EQ(r.QueryParam("q"), "hélène dupont");
  EXPECT_EQ(r.QueryParam("limit"), "20");
  EXPECT_EQ(r.QueryParam("empty"), "");
  EXPECT_EQ(r.QueryParam("none"), std::nullopt);
  EXPECT_EQ(r.Cookie("relais_session"), "abc");
  EXPECT_EQ(PercentDecode("%zz", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%2", false), std::nullopt);
  EXPECT_EQ(PercentDecode("a%00b", false), std::nullopt);
  EXPECT_EQ(PercentDecode(std::string_view("a\0b", 3), true), std::nullopt);  // found by fuzz_request_target
}

}  // namespace
}  // namespace relais::http
