// The transports: SMTP through libcurl; SMS by HTTP POST to a gateway (libcurl), or as files in a
// gateway's spool directory.
#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>

#include "platform/auth/token.h"
#include "platform/notify/notify.h"

namespace relais::notify {
namespace {

// "=?UTF-8?B?...?=" when the text is not plain ASCII (RFC 2047), else the text itself.
std::string EncodedWord(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80) return "=?UTF-8?B?" + Base64(s) + "?=";
  }
  return std::string(s);
}

// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045).
std::string Base64Lines(std::string_view raw) {
  const std::string b = Base64(raw);
  std::string out;
  for (size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string RfcDate() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string Domain(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "relais.invalid" : address.substr(at + 1);
}

// A file name safe inside a quoted header parameter.
std::string QuotedName(std::string name) {
  for (char& ch : name) {
    if (ch == '"' || ch == '\\' || ch == '\r' || ch == '\n') ch = '_';
  }
  return name;
}

}  // namespace

// The message as sent: headers, then a text/plain part in base64 (and the attachments, if any).
std::string ComposeEmail(const Options& o, int64_t id, const Message& m) {
  std::string s;
  s += "Date: " + RfcDate() + "\r\n";
  s += "From: " + o.smtp_from + "\r\n";
  s += "To: " + m.recipient + "\r\n";
  s += "Subject: " + EncodedWord(m.subject) + "\r\n";
  s += "Message-ID: <relais-" + std::to_string(id) + "-" + auth::RandomToken(8) + "@" + Domain(o.smtp_from) + ">\r\n";
  s += "MIME-Version: 1.0\r\n";
  const std::string text_headers =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";
  if (m.attachments.empty()) {
    s += text_headers + "\r\n" + Base64Lines(m.body);
    return s;
  }
  const std::string boundary = "relais-" + auth::RandomToken(12);
  s += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  s += "--" + boundary + "\r\n" + text_headers + "\r\n" + Base64Lines(m.body);
  for (const auto& a : m.attachments) {
    const std::string name = QuotedName(a.filename);
    std::string type = a.content_type;
    // A calendar invitation is also named in its type, so that mail clients offer to add it.
    if (type.starts_with("text/calendar") && type.find("name=") == std::string::npos) type += "; name=\"" + name + "\"";
    s += "--" + boundary + "\r\nContent-Type: " + type +
         "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"" + name +
         "\"\r\n\r\n" + Base64Lines(a.data);
  }
  s += "--" + boundary + "--\r\n";
  return s;
}

namespace {

struct Upload {
  const std::string* data;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data->size() - u->at);
  std::memcpy(buffer, u->data->data() + u->at, len);
  u->at += len;
  return len;
}

}  // namespace

Delivery SendEmail(const Options& o, int64_t id, const Message& m) {
  if (o.smtp_url.empty() || o.smtp_from.empty()) {
    return {false, "e-mail not configured (notify.smtp_url, notify.smtp_from)"};
  }
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {false, "curl_easy_init failed"};
  const std::string message = ComposeEmail(o, id, m);
  Upload upload{&message};
  const std::string from = "<" + o.smtp_from + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.recipient + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, o.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  // smtp://: STARTTLS when the server offers it (or required); smtps:// is TLS from the start.
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(o.smtp_require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!o.smtp_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, o.smtp_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, o.smtp_password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    // curl's generic text and the SMTP reply code: no address, no content.
    return {false, std::string("smtp: ") + curl_easy_strerror(rc) + " (reply " + std::to_string(response) + ")"};
  }
  return {true, {}};
}

namespace {
size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }
}  // namespace

Delivery PostSms(const Options& o, int64_t id, const Message& m) {
  if (o.sms_gateway_url.empty()) return {false, "SMS gateway not configured (notify.sms_gateway_url)"};
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {false, "curl_easy_init failed"};
  nlohmann::json payload{{"id", "relais-" + std::to_string(id)}, {"to", m.recipient}, {"text", m.body}};
  if (!o.sms_sender.empty()) payload["sender"] = o.sms_sender;
  const std::string body = payload.dump();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  headers = curl_slist_append(headers, "Accept: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, o.sms_gateway_url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  // Only the gateway's own scheme: a redirect elsewhere would hand it the message and credentials.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  if (!o.sms_gateway_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, o.sms_gateway_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, o.sms_gateway_password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return {false, std::string("sms gateway: ") + curl_easy_strerror(rc)};
  if (status < 200 || status > 299) return {false, "sms gateway: HTTP " + std::to_string(status)};
  return {true, {}};
}

Delivery WriteSms(const Options& o, int64_t id, const Message& m) {
  if (o.sms_spool_dir.empty()) return {false, "SMS not configured (notify.sms_spool_dir)"};
  namespace fs = std::filesystem;
  const fs::path dir(o.sms_spool_dir);
  const std::string name = "relais-sms-" + std::to_string(id) + ".json";
  const fs::path tmp = dir / ("." + name + ".tmp");
  const std::string content = nlohmann::json{{"id", id}, {"to", m.recipient}, {"text", m.body}}.dump() + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return {false, "sms spool: cannot create file in notify.sms_spool_dir"};
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  std::error_code ec;
  // The gateway sees a whole file or none: it reads only *.json names, and rename is atomic.
  if (ok) fs::rename(tmp, dir / name, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    return {false, "sms spool: cannot write file in notify.sms_spool_dir"};
  }
  return {true, {}};
}

}  // namespace relais::notify
