#include "app/progress.h"

#include <unistd.h>

#include <cstdio>

namespace relais::app {

std::string GroupThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

ProgressLine::ProgressLine(std::string label, int64_t total)
    : label_(std::move(label)), total_(total), tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressLine::Update(int64_t done) {
  done_ = done;
  if (!tty_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  Draw();
}

void ProgressLine::Draw() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int64_t rate = seconds > 0 ? static_cast<int64_t>(done_ / seconds) : 0;
  const int percent = total_ > 0 ? static_cast<int>(done_ * 100 / total_) : 100;
  std::fprintf(stderr, "\r%s  %s / %s  (%d %%)  %s lignes/s   ", label_.c_str(), GroupThousands(done_).c_str(),
               GroupThousands(total_).c_str(), percent, GroupThousands(rate).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Finish() {
  if (!tty_) return;
  done_ = total_;
  Draw();
  std::fputc('\n', stderr);
}

}  // namespace relais::app
