// A job the server runs on a thread of its own: first after `first_delay`, then every `period`,
// until destroyed (the destructor wakes and joins the thread). A run that throws is logged by the
// caller's function; the next run still happens. Used by the daily retention and the outreach
// day end.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

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

}  // namespace relais
