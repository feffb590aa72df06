// A job the server runs on a thread of its own: first after `first_delay`, then every `period`,
// until destroyed (the destructor wakes and joins the thread). A run that throws is logged by the
// caller's function; the next run still happens. Used by the daily retention and the outreach
// day end. DailyJob, below, runs a piece of work once a day from a given hour of Paris.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "platform/core/dates.h"

namespace relais {

class PeriodicJob {
 public:
  PeriodicJob(std::chrono::milliseconds first_delay, std::chrono::milliseconds period, std::function<void()> run);
  ~PeriodicJob();
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Runs `work(today)` once a day (today in Europe/Paris), at the first look at or after `hour`
// o'clock Paris time, and so at start when started later in the day. It looks `first_look` after
// start, then every `period`. `work` says whether the day's work is done: false (it failed and has
// logged why) has it run again at the next look. Stops with the object. Used by the morning's call
// lists and the nightly arrears.
class DailyJob {
 public:
  DailyJob(int hour, std::function<bool(CivilDate)> work,
           std::chrono::milliseconds first_look = std::chrono::seconds(30),
           std::chrono::milliseconds period = std::chrono::minutes(5));

 private:
  std::optional<CivilDate> done_;  // the last day whose work was done; only the job's thread uses it
  PeriodicJob job_;                // last: stopped (and joined) before done_ goes
};

}  // namespace relais
