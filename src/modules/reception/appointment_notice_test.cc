// What each notice says, in French, for each kind and mode: the subject, the e-mail and the SMS.
#include "modules/reception/appointment_notice.h"

#include <gtest/gtest.h>

namespace relais::reception {
namespace {

NoticeFacts KeyHandover(NoticeKind kind) {
  NoticeFacts f;
  f.kind = kind;
  f.landlord = "Habitat Rhône Métropole";
  f.person = "Camille Martin";
  f.reason = "Remise des clés";
  f.date = "jeudi 3 décembre 2026";
  f.time = "14 h 30";
  f.place = "Agence Centre, 12 rue de la République, 69001 Lyon";
  f.documents = {"Pièce d'identité", "Attestation d'assurance"};
  f.verify_url = "https://relais.example.fr/verify/abc.def";
  return f;
}

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(ComposeNotice, EachKindSaysWhatHappenedWhenAndWhere) {
  struct Case { NoticeKind kind; const char* subject; const char* email; const char* sms; };
  const Case cases[] = {
      {NoticeKind::kBooked, "Votre rendez-vous du jeudi 3 décembre 2026 à 14 h 30", "est enregistré",
       "rendez-vous enregistré"},
      {NoticeKind::kChanged, "Votre rendez-vous a changé : jeudi 3 décembre 2026 à 14 h 30", "a changé",
       "rendez-vous modifié"},
      {NoticeKind::kReminder, "Rappel : votre rendez-vous du jeudi 3 décembre 2026 à 14 h 30", "Nous vous rappelons",
       "rappel de votre rendez-vous"},
  };
  for (const auto& c : cases) {
    const auto t = ComposeNotice(KeyHandover(c.kind));
    EXPECT_EQ(t.subject, c.subject);
    EXPECT_TRUE(Has(t.email, "Bonjour Camille Martin,")) << t.email;
    EXPECT_TRUE(Has(t.email, c.email)) << t.email;
    EXPECT_TRUE(Has(t.email, "Motif : Remise des clés"));
    EXPECT_TRUE(Has(t.email, "Date : jeudi 3 décembre 2026 à 14 h 30"));
    EXPECT_TRUE(Has(t.email, "Lieu : Agence Centre"));
    EXPECT_TRUE(Has(t.email, "- Pièce d'identité"));
    EXPECT_TRUE(Has(t.email, "justifie votre déplacement"));
    EXPECT_TRUE(Has(t.email, "https://relais.example.fr/verify/abc.def"));
    EXPECT_TRUE(Has(t.email, "rendez-vous.ics"));
    EXPECT_TRUE(Has(t.sms, c.sms)) << t.sms;
    EXPECT_TRUE(Has(t.sms, "Habitat Rhône Métropole : "));
    EXPECT_TRUE(Has(t.sms, "jeudi 3 décembre 2026 à 14 h 30"));
    EXPECT_TRUE(Has(t.sms, "Convocation envoyée par e-mail."));
    EXPECT_LE(t.sms.size(), 300u);
  }
}

TEST(ComposeNotice, ACancellationHasNoConvocationNorDocuments) {
  const auto t = ComposeNotice(KeyHandover(NoticeKind::kCancelled));
  EXPECT_EQ(t.subject, "Votre rendez-vous du jeudi 3 décembre 2026 à 14 h 30 est annulé");
  EXPECT_TRUE(Has(t.email, "Votre rendez-vous est annulé."));
  EXPECT_FALSE(Has(t.email, "Documents à apporter"));
  EXPECT_FALSE(Has(t.email, "justifie votre déplacement"));
  EXPECT_TRUE(Has(t.email, "retire ce rendez-vous de votre agenda"));
  EXPECT_TRUE(Has(t.sms, "rendez-vous annulé"));
  EXPECT_FALSE(Has(t.sms, "Convocation"));
}

TEST(ComposeNotice, TheCrisisSwitchSaysWhyAndHow) {
  auto f = KeyHandover(NoticeKind::kCrisis);
  f.mode = Mode::kPhone;
  f.crisis_message = "L'agence Centre est fermée au public du 7 au 13 décembre.";
  auto t = ComposeNotice(f);
  EXPECT_EQ(t.subject, "Votre rendez-vous du jeudi 3 décembre 2026 à 14 h 30 aura lieu à distance");
  EXPECT_TRUE(Has(t.email, "L'agence Centre est fermée au public du 7 au 13 décembre."));
  EXPECT_TRUE(Has(t.email, "maintenu, par téléphone"));
  EXPECT_TRUE(Has(t.email, "Mode : par téléphone"));
  EXPECT_FALSE(Has(t.email, "Lieu :"));
  EXPECT_FALSE(Has(t.email, "justifie votre déplacement"));
  EXPECT_TRUE(Has(t.sms, "maintenu à distance"));
  f.cancelled = true;
  f.mode = Mode::kInPerson;
  t = ComposeNotice(f);
  EXPECT_TRUE(Has(t.subject, "est annulé"));
  EXPECT_TRUE(Has(t.email, "Nous vous recontacterons"));
  EXPECT_TRUE(Has(t.sms, "rendez-vous annulé (circonstances exceptionnelles)"));
}

TEST(ComposeNotice, WithoutANameItSaysBonjour) {
  auto f = KeyHandover(NoticeKind::kBooked);
  f.person.clear();
  EXPECT_TRUE(ComposeNotice(f).email.starts_with("Bonjour,\n\n"));
}

TEST(ComposeNotice, TheWaitingListOfferSaysWhichSlotAndHowToTakeIt) {
  NoticeFacts f = KeyHandover(NoticeKind::kWaitlistOffer);
  f.offered_date = "lundi 30 novembre 2026";
  f.offered_time = "9 h 00";
  f.offered_place = f.place;
  f.tenant_account = true;
  const auto t = ComposeNotice(f);
  EXPECT_EQ(t.subject, "Un créneau plus tôt est libre : lundi 30 novembre 2026 à 9 h 00");
  EXPECT_TRUE(Has(t.email, "Bonjour Camille Martin,"));
  EXPECT_TRUE(Has(t.email, "Créneau proposé : lundi 30 novembre 2026 à 9 h 00"));
  EXPECT_TRUE(Has(t.email, "Lieu : Agence Centre"));
  EXPECT_TRUE(Has(t.email, "Votre rendez-vous actuel : jeudi 3 décembre 2026 à 14 h 30"));
  EXPECT_TRUE(Has(t.email, "« Prendre ce créneau plus tôt »")) << t.email;
  EXPECT_TRUE(Has(t.email, "votre rendez-vous actuel reste prévu"));
  EXPECT_FALSE(Has(t.email, "justifie votre déplacement"));  // not an appointment yet: no convocation
  EXPECT_FALSE(Has(t.email, "rendez-vous.ics"));
  EXPECT_TRUE(Has(t.sms, "Habitat Rhône Métropole : un créneau plus tôt est libre pour Remise des clés : "
                         "lundi 30 novembre 2026 à 9 h 00, au lieu du jeudi 3 décembre 2026 à 14 h 30.")) << t.sms;
  EXPECT_TRUE(Has(t.sms, "espace locataire"));
  EXPECT_LE(t.sms.size(), 300u);

  // An applicant has no tenant space; by phone the place is the mode.
  f.tenant_account = false;
  f.offered_mode = Mode::kPhone;
  const auto u = ComposeNotice(f);
  EXPECT_TRUE(Has(u.email, "Pour le prendre, appelez votre agence."));
  EXPECT_FALSE(Has(u.email, "espace locataire"));
  EXPECT_TRUE(Has(u.email, "Mode : par téléphone"));
  EXPECT_FALSE(Has(u.email, "Lieu :"));
  EXPECT_TRUE(Has(u.sms, "9 h 00 (par téléphone)"));
  EXPECT_TRUE(Has(u.sms, "Pour le prendre, appelez votre agence."));
}

}  // namespace
}  // namespace relais::reception
