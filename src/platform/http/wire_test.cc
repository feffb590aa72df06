#include "platform/http/wire.h"

#include <gtest/gtest.h>

#include <vector>

namespace relais::http::wire {
namespace {

using V = std::vector<std::string_view>;

bool Framed(unsigned version, V te, V cl) { return !CheckFraming(version, te, cl).has_value(); }

TEST(WireFraming, AcceptsOneChunkedOrOneLengthOrNeither) {
  EXPECT_TRUE(Framed(11, {}, {}));
  EXPECT_TRUE(Framed(11, {"chunked"}, {}));
  EXPECT_TRUE(Framed(11, {" Chunked "}, {}));
  EXPECT_TRUE(Framed(11, {}, {"12"}));
  EXPECT_TRUE(Framed(10, {}, {"12"}));
}

TEST(WireFraming, RefusesEveryOtherTransferEncoding) {
  for (std::string_view te : {"gzip", "chunked, gzip", "gzip, chunked", "chunked, chunked", "identity", "xchunked",
                              "\"chunked\"", "", "chunked;q=1", "\x0b" "chunked"}) {
    auto e = CheckFraming(11, V{te}, {});
    ASSERT_TRUE(e.has_value()) << te;
    EXPECT_EQ(e->code, ErrorCode::kInvalid);
    EXPECT_NE(e->message.find("Transfer-Encoding"), std::string::npos);
  }
  EXPECT_FALSE(Framed(11, {"chunked", "chunked"}, {}));
  EXPECT_FALSE(Framed(10, {"chunked"}, {}));
}

TEST(WireFraming, RefusesAContentLengthGivenTwiceEvenWhenEqual) {
  EXPECT_FALSE(Framed(11, {}, {"2", "2"}));
  EXPECT_FALSE(Framed(11, {}, {"2, 2"}));
  EXPECT_FALSE(Framed(11, {}, {"2,3"}));
}

bool HostOk(unsigned version, V hosts) { return !CheckHost(version, hosts).has_value(); }

TEST(WireHost, OneValidHostInHttp11) {
  EXPECT_TRUE(HostOk(11, {"relais.example.fr"}));
  EXPECT_TRUE(HostOk(11, {"127.0.0.1:8080"}));
  EXPECT_TRUE(HostOk(11, {"[::1]:8080"}));
  EXPECT_TRUE(HostOk(11, {""}));  // RFC 9112: empty when the target has no authority
  EXPECT_TRUE(HostOk(10, {}));
  EXPECT_FALSE(HostOk(11, {}));
  EXPECT_FALSE(HostOk(11, {"a", "b"}));
  EXPECT_FALSE(HostOk(10, {"a", "a"}));
}

TEST(WireHost, RefusesWhatIsNotAHost) {
  for (std::string_view h : {"relais test", "evil.example/x", "user@evil.example", "a\\b", "a\tb", "h\xc3\xa9.fr", "a?b", "a#b"}) {
    EXPECT_FALSE(HostOk(11, V{h})) << h;
  }
}

}  // namespace
}  // namespace relais::http::wire
