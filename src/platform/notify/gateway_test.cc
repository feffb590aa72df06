// The SMS HTTP gateway adapter against a fake gateway this test starts on 127.0.0.1 (a thread that
// answers each POST with a chosen status and records what it received); and the MIME shape of an
// e-mail with several attachments.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/db/testing.h"
#include "platform/notify/notify.h"

namespace relais::notify {
namespace {

class FakeGateway {
 public:
  explicit FakeGateway(int status) : status_(status) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 8);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeGateway() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/sms"; }
  std::vector<std::string> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      size_t need = std::string::npos;
      for (;;) {
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
        const auto end = req.find("\r\n\r\n");
        if (end != std::string::npos && need == std::string::npos) {
          size_t length = 0;
          auto at = req.find("Content-Length: ");
          if (at != std::string::npos) length = std::stoul(req.substr(at + 16));
          need = end + 4 + length;
        }
        if (need != std::string::npos && req.size() >= need) break;
      }
      {
        std::lock_guard lock(mu_);
        requests_.push_back(req);
      }
      const std::string reply = "HTTP/1.1 " + std::to_string(status_) +
                                " X\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      ::write(c, reply.data(), reply.size());
      ::close(c);
    }
  }
  int status_;
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

Message Sms() { return {Channel::kSms, "+33612345642", "", "Rappel : rendez-vous jeudi à 14 h 30.", {}}; }

TEST(SmsGateway, PostsTheMessageAsJsonWithBasicAuthentication) {
  FakeGateway gw(202);
  Options o;
  o.sms_gateway_url = gw.url();
  o.sms_gateway_user = "bailleur";
  o.sms_gateway_password = "s3cret";
  o.sms_sender = "RELAIS";
  auto d = PostSms(o, 42, Sms());
  ASSERT_TRUE(d.ok) << d.error;
  auto reqs = gw.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_TRUE(reqs[0].starts_with("POST /sms HTTP/1.1\r\n"));
  // "bailleur:s3cret" in base64.
  EXPECT_NE(reqs[0].find("Authorization: Basic " + Base64("bailleur:s3cret")), std::string::npos);
  EXPECT_NE(reqs[0].find("Content-Type: application/json"), std::string::npos);
  auto body = nlohmann::json::parse(reqs[0].substr(reqs[0].find("\r\n\r\n") + 4));
  EXPECT_EQ(body["id"], "relais-42");
  EXPECT_EQ(body["to"], "+33612345642");
  EXPECT_EQ(body["text"], "Rappel : rendez-vous jeudi à 14 h 30.");
  EXPECT_EQ(body["sender"], "RELAIS");
}

TEST(SmsGateway, ARefusalIsAFailedAttemptNamingTheStatusNotTheText) {
  FakeGateway gw(503);
  Options o;
  o.sms_gateway_url = gw.url();
  auto d = PostSms(o, 7, Sms());
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "sms gateway: HTTP 503");
  EXPECT_EQ(gw.requests()[0].find("Authorization:"), std::string::npos);  // no user: no credentials sent
}

TEST(SmsGateway, AnUnreachableGatewayIsAFailedAttempt) {
  Options o;
  o.sms_gateway_url = "http://127.0.0.1:1/sms";
  auto d = PostSms(o, 7, Sms());
  EXPECT_FALSE(d.ok);
  EXPECT_TRUE(d.error.starts_with("sms gateway: ")) << d.error;
  EXPECT_EQ(d.error.find("+336"), std::string::npos);
}

TEST(SmsGateway, TheWorkerUsesTheGatewayWhenItIsConfigured) {
  FakeGateway gw(200);
  db::TestDatabase t("sqlite");
  Options o;
  o.sms_gateway_url = gw.url();
  o.sms_spool_dir = "/nonexistent/relais-spool";  // not used once a gateway is set
  const int64_t id = t.db().Write([&](db::Connection& c) { return Queue(c, Sms(), 1000); });
  Worker w(t.db(), o);
  EXPECT_EQ(w.RunOnce(1000), 1);
  EXPECT_EQ(w.stats().sent, 1);
  auto reqs = gw.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_NE(reqs[0].find("\"relais-" + std::to_string(id) + "\""), std::string::npos);
}

TEST(ComposeEmail, CarriesEveryAttachmentAsItsOwnPart) {
  Options o;
  o.smtp_from = "relais@bailleur.example";
  Message m{Channel::kEmail, "locataire@example.org", "Votre rendez-vous", "Bonjour,", {}};
  m.attachments = {{"rendez-vous.ics", "text/calendar; charset=utf-8; method=REQUEST", "BEGIN:VCALENDAR\r\n"},
                   {"convocation.pdf", "application/pdf", "%PDF-1.4"}};
  const std::string s = ComposeEmail(o, 5, m);
  EXPECT_NE(s.find("Content-Type: multipart/mixed; boundary="), std::string::npos);
  EXPECT_NE(s.find("Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=\"rendez-vous.ics\""),
            std::string::npos);
  EXPECT_NE(s.find("Content-Disposition: attachment; filename=\"rendez-vous.ics\""), std::string::npos);
  EXPECT_NE(s.find("Content-Disposition: attachment; filename=\"convocation.pdf\""), std::string::npos);
  EXPECT_NE(s.find(Base64("%PDF-1.4")), std::string::npos);
  EXPECT_LT(s.find("rendez-vous.ics"), s.find("convocation.pdf"));
}

}  // namespace
}  // namespace relais::notify
