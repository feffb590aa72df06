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

TEST(WireTarget, DecodesThePathAndKeepsTheQuery) {
  auto t = ParseTarget("/api/v1/households/search?q=h%C3%A9l%C3%A8ne+dupont&limit=5");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->path, "/api/v1/households/search");
  EXPECT_EQ(t->query, "q=h%C3%A9l%C3%A8ne+dupont&limit=5");
  auto accented = ParseTarget("/menages/h%C3%A9l%C3%A8ne");
  ASSERT_TRUE(accented.ok());
  EXPECT_EQ(accented->path, "/menages/h\xc3\xa9l\xc3\xa8ne");
  for (std::string_view ok : {"/", "/healthz", "/api/v1/households/", "/assets/index-3f2a.js", "/a/.b/..c/...",
                              "/x?", "/x?a", "/x?a=&b=", "/x?a=1&&b=2", "/x?%26=%3D"}) {
    EXPECT_TRUE(ParseTarget(ok).ok()) << ok;
  }
}

TEST(WireTarget, RefusesWhatIsNotAnOriginFormPath) {
  for (std::string_view bad : {"", "*", "healthz", "http://evil.example/healthz", "relais.test:443", "/heal thz",
                               "/a#b", "/a\\b", "/\xff", "/\x7f", "/a\tb", "/\xc3\xa9"}) {
    EXPECT_FALSE(ParseTarget(bad).ok()) << bad;
  }
}

TEST(WireTarget, RefusesTraversalAndBadEscapesInThePath) {
  for (std::string_view bad : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/x",
                               "/..%2fsecret.txt", "/..%5csecret.txt", "/./index.html", "/menages/.", "/menages/..",
                               "/%2e", "//etc/passwd", "/%2fetc%2fpasswd", "/file:///etc/passwd", "/a//b",
                               "/etc/passwd%00", "/%", "/%4", "/%zz", "/%%", "/%u0041", "/%ff", "/%c0%ae%c0%ae/x",
                               "/%ed%a0%80", "/a%0ab", "/a%7f", "/a%09b"}) {
    auto t = ParseTarget(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  }
}

TEST(WireTarget, RefusesABadQueryAndAParameterGivenTwice) {
  for (std::string_view bad : {"/x?q=%", "/x?q=%4", "/x?q=%zz", "/x?%zz=1", "/x?q=%FF", "/x?q=%C0%80", "/x?q=%00",
                               "/x?q=%ED%A0%80", "/x?q=%F4%90%80%80"}) {
    EXPECT_FALSE(ParseTarget(bad).ok()) << bad;
  }
  auto twice = ParseTarget("/x?limit=1&q=a&limit=200");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "limit");
  EXPECT_NE(twice.error().message.find("plusieurs fois"), std::string::npos);
  EXPECT_FALSE(ParseTarget("/x?a&a").ok());
  EXPECT_FALSE(ParseTarget("/x?a=1&%61=2").ok());  // the same name, once escaped
  EXPECT_FALSE(ParseTarget("/x?a+b=1&a%20b=2").ok());
}

TEST(WireHead, WaitsForTheWholeHead) {
  EXPECT_EQ(ScanHead("", 100), HeadScan::kIncomplete);
  EXPECT_EQ(ScanHead("GE", 100), HeadScan::kIncomplete);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r", 100), HeadScan::kIncomplete);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nHost: x\r\n", 100), HeadScan::kIncomplete);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nHost: x\r\nX-Long: aaaa", 100), HeadScan::kIncomplete);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 100), HeadScan::kComplete);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\n\r\n", 100), HeadScan::kComplete);
  // Body bytes after the head do not count.
  EXPECT_EQ(ScanHead("POST / HTTP/1.1\r\nHost: x\r\n\r\n{\n \"a\": 1}\n\n", 100), HeadScan::kComplete);
}

TEST(WireHead, MeasuresTheWholeHeadAgainstTheLimit) {
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";  // 27 bytes
  EXPECT_EQ(ScanHead(head, 27), HeadScan::kComplete);
  EXPECT_EQ(ScanHead(head, 26), HeadScan::kTooLarge);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nX: aaaaaaaaaaaaaaaaaaaaaaaa", 20), HeadScan::kTooLarge);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nX: a\r\nX: a\r\nX: a\r\n", 20), HeadScan::kTooLarge);
}

TEST(WireHead, FindsObsFoldBeforeTheParserUnfoldsIt) {
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 100), HeadScan::kObsFold);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n", 100), HeadScan::kObsFold);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\n Host: x\r\n\r\n", 100), HeadScan::kObsFold);
  EXPECT_EQ(ScanHead("GET / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked", 100), HeadScan::kObsFold);  // before the end
}

TEST(WireHead, HandsWhatCannotBeAHeadToTheParserAtOnce) {
  for (std::string_view garbage : std::vector<std::string_view>{"GET / HTTP/1.1\nHost: x", "\n", "\r\n", "GET /\r\n", "\x16\x03\x01\x00", std::string_view("\0\0\0", 3),
                                   "SSH-2.0-OpenSSH_9.2p1\r\n", "EHLO relais.test\r\n", "GET / HTTP/1.1 \r\n", "GET  / HTTP/1.1\r\n",
                                   "GET / HTTP/1.1\r\nNoColon\r\n", "GET / HTTP/1.1\r\nX Y: z\r\n", "GET / HTTP/1.1\r\n: v\r\n",
                                   "GET / HTTP/1.1\r\nX: a\rb\n", "G\xc3\xa9T / HTTP/1.1"}) {
    EXPECT_EQ(ScanHead(garbage, 1000), HeadScan::kComplete) << garbage;
  }
}

TEST(ClientAddressTest, TrustsXForwardedForOnlyFromTheConfiguredProxyAndOnlyItsLastAddress) {
  EXPECT_EQ(ClientAddress("203.0.113.7", "", ""), "203.0.113.7");
  // No proxy configured, or the peer is not it: the header is the client's word, ignored.
  EXPECT_EQ(ClientAddress("203.0.113.7", "10.9.9.9", ""), "203.0.113.7");
  EXPECT_EQ(ClientAddress("203.0.113.7", "10.9.9.9", "127.0.0.1"), "203.0.113.7");
  // From the proxy: the address it appended, not the ones the client sent before it.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.4", "127.0.0.1"), "198.51.100.4");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 198.51.100.4", "127.0.0.1"), "198.51.100.4");
  EXPECT_EQ(ClientAddress("::1", "1.2.3.4,2001:db8::5 ", "::1"), "2001:db8::5");
  // Not an address: the peer stays.
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, <script>", "127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4,", "127.0.0.1"), "127.0.0.1");
}

}  // namespace
}  // namespace relais::http::wire
