#include "app/cli_notify.h"

#include <iostream>

#include "app/app.h"
#include "platform/log/log.h"

namespace relais::app {

notify::Options NotifyOptions(const config::Config& cfg) {
  notify::Options o;
  o.smtp_url = cfg.notify_smtp_url;
  o.smtp_user = cfg.notify_smtp_user;
  o.smtp_password = cfg.notify_smtp_password;
  o.smtp_from = cfg.notify_smtp_from;
  o.smtp_require_tls = cfg.notify_smtp_require_tls;
  o.sms_spool_dir = cfg.notify_sms_spool_dir;
  o.sms_gateway_url = cfg.notify_sms_gateway_url;
  o.sms_gateway_user = cfg.notify_sms_gateway_user;
  o.sms_gateway_password = cfg.notify_sms_gateway_password;
  o.sms_sender = cfg.notify_sms_sender;
  o.max_attempts = cfg.notify_max_attempts;
  o.retry_base_ms = static_cast<int64_t>(cfg.notify_retry_base_seconds) * 1000;
  return o;
}

int RunNotifyTest(const config::Config& cfg, const NotifyTestOptions& o) {
  if (o.email.empty() == o.sms.empty()) {
    std::cerr << "relais: donnez --email ADRESSE ou --sms NUMERO (un seul des deux)\n";
    return 2;
  }
  try {
    log::SetQuiet(true);
    auto db = OpenAndMigrate(cfg.database_url, 1);
    notify::Message m;
    m.channel = o.email.empty() ? notify::Channel::kSms : notify::Channel::kEmail;
    m.recipient = o.email.empty() ? o.sms : o.email;
    if (m.recipient.find_first_of("\r\n") != std::string::npos) {
      std::cerr << "relais: destinataire invalide\n";
      return 2;
    }
    m.subject = "Relais : message d'essai";
    m.body = "Ceci est un message d'essai envoyé par Relais pour vérifier la configuration des notifications.";
    const int64_t id = db->Write([&](db::Connection& c) { return notify::Queue(c, m); });
    // Delivered now, once: the row then follows the same rules as any message (retries by the server).
    notify::Worker worker(*db, NotifyOptions(cfg));
    worker.RunOnce(notify::NowMs() + 1);
    std::string status, error;
    db->Read([&](db::Connection& c) {
      return c.Query("SELECT status, last_error FROM notify_outbox WHERE id = ?", {db::P(id)},
                     [&](const db::Row& r) {
                       status = r.Str(0);
                       error = r.OptStr(1).value_or("");
                     });
    });
    if (status == "sent") {
      std::cout << "message " << id << " envoyé\n";
      return 0;
    }
    std::cerr << "relais: message " << id << " non envoyé (" << error << ") ; le serveur réessaiera\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace relais::app
