#include "platform/core/periodic_job.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace relais {
namespace {

constexpr auto kLook = std::chrono::milliseconds(10);

CivilDate ParisToday() { return ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

TEST(DailyJob, RunsOnceForTodayInParisWhenPastTheHourAndStopsWithTheObject) {
  std::mutex mu;
  std::condition_variable ran;
  std::vector<CivilDate> days;
  {
    DailyJob job(0, [&](CivilDate d) {
      std::lock_guard lock(mu);
      days.push_back(d);
      ran.notify_all();
      return true;
    }, kLook, kLook);
    std::unique_lock lock(mu);
    ASSERT_TRUE(ran.wait_for(lock, std::chrono::seconds(10), [&] { return !days.empty(); }));
    // Many more looks: the day is done, nothing runs again.
    ran.wait_for(lock, std::chrono::milliseconds(200), [&] { return days.size() > 1; });
  }
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0], ParisToday());
}

TEST(DailyJob, AFailedDayIsTriedAgainAtTheNextLook) {
  std::mutex mu;
  std::condition_variable ran;
  int tries = 0;
  {
    DailyJob job(0, [&](CivilDate) {
      std::lock_guard lock(mu);
      ++tries;
      ran.notify_all();
      return tries >= 3;  // fails twice, then done
    }, kLook, kLook);
    std::unique_lock lock(mu);
    ASSERT_TRUE(ran.wait_for(lock, std::chrono::seconds(10), [&] { return tries >= 3; }));
    ran.wait_for(lock, std::chrono::milliseconds(200), [&] { return tries > 3; });
  }
  EXPECT_EQ(tries, 3);
}

TEST(DailyJob, NothingRunsBeforeTheHour) {
  std::atomic<int> runs = 0;
  {
    // 24 o'clock never comes: the work waits for an hour of the day it never reaches.
    DailyJob job(24, [&](CivilDate) { return ++runs > 0; }, kLook, kLook);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace relais
