#include "workflow/progress.h"

#include <fmt/format.h>

namespace nabridge::workflow {

namespace {
std::string clock_text(double s) {
  const int t = static_cast<int>(s + 0.5);
  return fmt::format("{:02d}:{:02d}", t / 60, t % 60);
}
}  // namespace

Progress::Progress(int total, int already_done, bool tty, bool quiet)
    : total_(total), done_(already_done), tty_(tty), quiet_(quiet), start_(std::chrono::steady_clock::now()) {
  if (!quiet_ && already_done > 0) fmt::print(stderr, "{} of {} tasks already in the cache\n", already_done, total_);
}

void Progress::started(const std::string& name) {
  running_.insert(name);
  if (tty_ && !quiet_) redraw();
}

void Progress::finished(const std::string& name, const std::string& outcome, double seconds) {
  running_.erase(name);
  ++done_;
  ++run_done_;
  if (quiet_) return;
  if (tty_) {
    if (outcome != "done") fmt::print(stderr, "\r\033[K{} {}\n", outcome, name);
    redraw();
  } else {
    fmt::print(stderr, "[{}/{}] {} {} ({:.1f} s)\n", done_, total_, outcome, name, seconds);
  }
}

void Progress::redraw() {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int left = total_ - done_;
  const std::string remaining = run_done_ > 0 ? "~" + clock_text(elapsed / run_done_ * left) : "?";
  std::string names;
  for (const auto& n : running_) names += (names.empty() ? "" : ", ") + n;
  fmt::print(stderr, "\r\033[K[{}/{}] elapsed {} remaining {} | {}", done_, total_, clock_text(elapsed), remaining,
             names);
}

void Progress::close() {
  if (tty_ && !quiet_) fmt::print(stderr, "\n");
}

}  // namespace nabridge::workflow
