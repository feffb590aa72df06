#include "platform/core/periodic_job.h"

namespace relais {

PeriodicJob::PeriodicJob(std::chrono::milliseconds first_delay, std::chrono::milliseconds period,
                         std::function<void()> run) {
  thread_ = std::thread([this, first_delay, period, run = std::move(run)] {
    std::unique_lock lock(mu_);
    auto next = std::chrono::steady_clock::now() + first_delay;
    while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
      lock.unlock();
      try {
        run();
      } catch (...) {
      }
      lock.lock();
      next = std::chrono::steady_clock::now() + period;
    }
  });
}

PeriodicJob::~PeriodicJob() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

DailyJob::DailyJob(int hour, std::function<bool(CivilDate)> work, std::chrono::milliseconds first_look,
                   std::chrono::milliseconds period)
    : job_(first_look, period, [this, hour, work = std::move(work)] {
        const int64_t now = NowMillis();
        const CivilDate today = ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(now / 1000)));
        const int64_t hour_now = (now - ParisMidnightUtcMillis(today)) / 3'600'000;
        if (done_ == today || hour_now < hour) return;
        if (work(today)) done_ = today;
      }) {}

}  // namespace relais
