// What the server checks on the wire before routing (platform/http/wire.h) and the helpers that
// routes use on the request (PercentDecode, QueryParam, Cookie). First byte: which; the rest is
// the request target, a head, or a field value. An accepted target is an origin-form path
// without traversal, in UTF-8, whose every query parameter decodes and is found once.
#include <cstdint>
#include <set>
#include <vector>

#include "check.h"
#include "platform/core/text.h"
#include "platform/http/http.h"
#include "platform/http/wire.h"

using namespace relais;

namespace {

void CheckTarget(std::string_view raw) {
  auto t = http::wire::ParseTarget(raw);
  if (!t.ok()) {
    CHECK(t.error().code == ErrorCode::kInvalid);
    return;
  }
  const std::string& path = t->path;
  CHECK(!path.empty() && path.front() == '/');
  CHECK(text::IsValidUtf8(path));
  CHECK(path.find('\0') == std::string::npos && path.find('\\') == std::string::npos);
  const std::string ended = path + "/";
  CHECK(ended.find("/../") == std::string::npos && ended.find("/./") == std::string::npos);
  CHECK(path.find("//") == std::string::npos);
  // The query is what came after '?', and each of its parameters reads back, once.
  http::Request r;
  r.query = t->query;
  std::set<std::string> names;
  std::string_view q = t->query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    if (!pair.empty()) {
      auto name = http::PercentDecode(pair.substr(0, pair.find('=')), true);
      CHECK(name.has_value());
      CHECK(names.insert(*name).second);
      auto value = r.QueryParam(*name);
      CHECK(value.has_value() && text::IsValidUtf8(*value));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view s = fuzz::View(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      CheckTarget(s);
      break;
    case 1: {
      for (bool plus : {false, true}) {
        auto d = http::PercentDecode(s, plus);
        if (d) {
          CHECK(d->size() <= s.size());
          CHECK(d->find('\0') == std::string::npos);
        }
      }
      break;
    }
    case 2: {
      // A head as it arrives: the server waits for more only when there is no end of head, no
      // bare LF and no more than the limit; the verdict on every prefix is reached without a crash.
      const auto verdict = http::wire::ScanHead(s, 4096);
      if (verdict == http::wire::HeadScan::kIncomplete) {
        CHECK(s.size() <= 4096);
        CHECK(s.find("\r\n\r\n") == std::string_view::npos);
        for (size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) CHECK(i > 0 && s[i - 1] == '\r');
      }
      for (size_t cut = 0; cut < s.size() && cut < 64; ++cut) (void)http::wire::ScanHead(s.substr(0, cut), 16);
      break;
    }
    case 3: {
      // Field values: Host, Transfer-Encoding, Content-Length, Cookie.
      std::vector<std::string_view> one{s}, two{s, s};
      for (unsigned v : {10u, 11u}) {
        (void)http::wire::CheckHost(v, one);
        CHECK(http::wire::CheckHost(v, two).has_value());
        (void)http::wire::CheckFraming(v, one, {});
        (void)http::wire::CheckFraming(v, {}, one);
        CHECK(http::wire::CheckFraming(v, {}, two).has_value());
      }
      http::Request r;
      r.headers.emplace_back("cookie", std::string(s));
      const std::string c = r.Cookie("relais_session");
      CHECK(c.size() <= s.size());
      break;
    }
  }
  return 0;
}
