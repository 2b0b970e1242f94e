// A one-line progress bar for long runs on the terminal (stderr): counts, percentage,
// rate and time left. Drawn only on a TTY and never with --quiet; the line formatting is a
// pure function so it can be tested without a terminal.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace evpack {

/// True when a progress bar should be drawn: stderr is a terminal, the user did not ask
/// for --quiet, and TERM is not "dumb".
bool progress_wanted(bool stderr_is_tty, bool quiet, const char* term);

/// "45秒", "3分05秒", "1小时02分" (or "45s", "3m05s", "1h02m" when `english`).
std::string format_duration(double seconds, bool english = false);

/// One line of the bar, at most `columns` terminal columns wide, e.g.
/// "检查中 [=========>          ] 120/2000 个文件 6% 35.2 个/秒 剩余约 53秒".
/// The rate and time left appear once at least one second has passed and one item is
/// done; the bar shrinks (and finally disappears) before any text is cut.
std::string format_progress_line(const std::string& label, std::size_t done, std::size_t total, double elapsed_seconds,
                                 int columns, bool english = false);

/// A thread-safe progress bar. update() may be called from worker threads; the line is
/// redrawn at most every `min_interval` seconds (always for the last item) through `write`,
/// as "\r<line>\033[K". finish() erases the line if anything was drawn.
class ProgressBar {
 public:
  /// Monotonic seconds (the default reads std::chrono::steady_clock).
  using Clock = std::function<double()>;
  using Writer = std::function<void(const std::string&)>;

  ProgressBar(std::string label, Writer write, int columns = 80, bool english = false, Clock clock = {},
              double min_interval = 0.1);
  /// A bar on stderr sized to the terminal's width (80 when unknown).
  static std::unique_ptr<ProgressBar> on_stderr(std::string label, bool english = false);

  /// Reports `done` of `total` items.
  void update(std::size_t done, std::size_t total);
  /// Erases the bar (the terminal line is left empty for the summary that follows).
  void finish();
  /// Lines drawn so far (for tests).
  std::size_t draws() const;

 private:
  std::string label_;
  Writer write_;
  int columns_;
  bool english_;
  Clock clock_;
  double min_interval_;
  double start_ = 0;
  double last_draw_ = -1e9;
  std::size_t draws_ = 0;
  bool finished_ = false;
  mutable std::mutex mutex_;
};

}  // namespace evpack
