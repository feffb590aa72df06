// A progress line for long CLI jobs, drawn on stderr only when it is a terminal:
// "Ménages  123 456 / 330 000  (37 %)  41 230 lignes/s".
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace relais::app {

class ProgressLine {
 public:
  ProgressLine(std::string label, int64_t total);
  // Redraws at most ten times a second.
  void Update(int64_t done);
  // Final state and a newline (only if something was drawn).
  void Finish();

 private:
  std::string label_;
  int64_t total_;
  int64_t done_ = 0;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
  void Draw();
};

// 1234567 -> "1 234 567" (French grouping with a narrow no-break space).
std::string GroupThousands(int64_t n);

}  // namespace relais::app
