// Convocation tokens and the verdict of /verify: a table over states, modes and the clock (the
// day before, the appointment's own evening, the next day), and the PDF of a real appointment.
#include "modules/reception/convocation.h"

#include <gtest/gtest.h>

#include "platform/core/paris_time.h"

namespace relais::reception {
namespace {

const auth::SealKey kKey = auth::SealKeyOf(std::string(32, 'c'));

int64_t Utc(CivilDate d, int h, int m) { return (DaysFromCivil(d) * 86400 + h * 3600 + m * 60) * 1000; }

TEST(ConvocationToken, RoundTripsAndRefusesAnotherKey) {
  const std::string t = ConvocationToken(kKey, 12, 345);
  auto ref = ReadConvocationToken(kKey, t);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->organisation_id, 12);
  EXPECT_EQ(ref->appointment_id, 345);
  EXPECT_FALSE(ReadConvocationToken(auth::SealKeyOf(std::string(32, 'x')), t));
  EXPECT_FALSE(ReadConvocationToken(kKey, "not-a-token"));
  ConvocationSettings s;
  s.key = kKey;
  s.public_url = "https://relais.example.fr";
  EXPECT_EQ(VerifyUrl(s, t), "https://relais.example.fr/verify/" + t);
}

Appointment At(AppointmentState state, Mode mode) {
  Appointment a;
  a.id = 7;
  a.organisation_id = 1;
  a.state = state;
  a.mode = mode;
  a.start_ms = Utc({2026, 12, 3}, 13, 30);  // jeudi 3 décembre 2026, 14 h 30 in Paris
  a.end_ms = Utc({2026, 12, 3}, 14, 0);
  return a;
}

TEST(CheckConvocation, ValidOnlyInPersonActiveAndUntilTheEndOfItsDay) {
  using S = ConvocationCheck::Status;
  const int64_t before = Utc({2026, 12, 2}, 9, 0);
  const int64_t evening = Utc({2026, 12, 3}, 22, 59);  // 23 h 59 in Paris, the same day
  const int64_t next_day = Utc({2026, 12, 3}, 23, 0);  // midnight in Paris
  struct Case { AppointmentState state; Mode mode; int64_t now; S want; const char* words; };
  const Case cases[] = {
      {AppointmentState::kBooked, Mode::kInPerson, before, S::kValid, "authentique et valable"},
      {AppointmentState::kConfirmed, Mode::kInPerson, before, S::kValid, "authentique et valable"},
      {AppointmentState::kSeen, Mode::kInPerson, evening, S::kValid, "authentique et valable"},  // the trip home
      {AppointmentState::kBooked, Mode::kInPerson, evening, S::kValid, "authentique et valable"},
      {AppointmentState::kBooked, Mode::kInPerson, next_day, S::kNoLongerValid, "est passé"},
      {AppointmentState::kSeen, Mode::kInPerson, next_day, S::kNoLongerValid, "est passé"},
      {AppointmentState::kNoShow, Mode::kInPerson, evening, S::kNoLongerValid, "est passé"},
      {AppointmentState::kCancelledByTenant, Mode::kInPerson, before, S::kNoLongerValid, "annulé"},
      {AppointmentState::kCancelledByLandlord, Mode::kInPerson, before, S::kNoLongerValid, "annulé"},
      {AppointmentState::kRescheduled, Mode::kInPerson, before, S::kNoLongerValid, "déplacé"},
      {AppointmentState::kBooked, Mode::kPhone, before, S::kNoLongerValid, "à distance"},
      {AppointmentState::kConfirmed, Mode::kVideo, before, S::kNoLongerValid, "à distance"},
  };
  for (const auto& c : cases) {
    const auto check = CheckConvocation(At(c.state, c.mode), "Agence Centre, Lyon", "Remise des clés", c.now);
    EXPECT_EQ(check.status, c.want) << StateCode(c.state) << " " << ModeCode(c.mode) << " " << c.now;
    EXPECT_NE(check.message.find(c.words), std::string::npos) << check.message;
    // A genuine one always says when, where and why; nothing else.
    EXPECT_EQ(check.date, "jeudi 3 décembre 2026");
    EXPECT_EQ(check.time, "14 h 30");
    EXPECT_EQ(check.site, "Agence Centre, Lyon");
    EXPECT_EQ(check.reason, "Remise des clés");
  }
  const auto forged = CheckConvocation(std::nullopt, "x", "y", before);
  EXPECT_EQ(forged.status, S::kNotGenuine);
  EXPECT_TRUE(forged.date.empty());
  EXPECT_TRUE(forged.site.empty());
  EXPECT_TRUE(forged.reason.empty());
  EXPECT_EQ(StatusCode(S::kValid), "valid");
  EXPECT_EQ(StatusCode(S::kNoLongerValid), "no_longer_valid");
  EXPECT_EQ(StatusCode(S::kNotGenuine), "not_genuine");
}

}  // namespace
}  // namespace relais::reception
