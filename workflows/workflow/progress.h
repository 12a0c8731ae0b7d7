#pragma once
// Progress of a run on stderr: on a terminal one line redrawn in place (counts, elapsed and an
// estimate of the remaining time); otherwise one plain line per finished task (for logs and CI).
#include <chrono>
#include <set>
#include <string>

namespace nabridge::workflow {

class Progress {
 public:
  Progress(int total, int already_done, bool tty, bool quiet);
  void started(const std::string& name);
  void finished(const std::string& name, const std::string& outcome, double seconds);
  void close();

 private:
  void redraw();
  int total_, done_, run_done_ = 0;
  bool tty_, quiet_;
  std::set<std::string> running_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace nabridge::workflow
