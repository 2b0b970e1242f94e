#include "evpack/report/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "evpack/report/console_report.hpp"

namespace evpack {

bool progress_wanted(bool stderr_is_tty, bool quiet, const char* term) {
  if (!stderr_is_tty || quiet) return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

std::string format_duration(double seconds, bool english) {
  if (!(seconds >= 0)) seconds = 0;  // also NaN
  const long long s = std::llround(std::min(seconds, 1e7));
  char buf[48];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, english ? "%llds" : "%lld秒", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, english ? "%lldm%02llds" : "%lld分%02lld秒", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, english ? "%lldh%02lldm" : "%lld小时%02lld分", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

std::string format_progress_line(const std::string& label, std::size_t done, std::size_t total, double elapsed_seconds,
                                 int columns, bool english) {
  if (total > 0) done = std::min(done, total);
  const int percent = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 0;
  std::string counts = std::to_string(done) + "/" + std::to_string(total) + (english ? " files " : " 个文件 ") +
                       std::to_string(percent) + "%";
  std::string tail;
  if (elapsed_seconds >= 1.0 && done > 0) {
    const double rate = static_cast<double>(done) / elapsed_seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, rate >= 10 ? "%.0f" : "%.1f", rate);
    tail += std::string(" ") + buf + (english ? " files/s" : " 个/秒");
    if (done < total) {
      const double left = static_cast<double>(total - done) / rate;
      tail += english ? " about " + format_duration(left, true) + " left" : " 剩余约 " + format_duration(left);
    }
  }
  const std::string text = " " + counts + tail;
  // Room left for "[...] " between the label and the counts.
  const int fixed = display_width(label) + display_width(text);
  const int bar_width = std::min(30, columns - fixed - 3);
  std::string line = label;
  if (bar_width >= 5) {
    const int filled =
        total
            ? static_cast<int>(static_cast<double>(bar_width) * static_cast<double>(done) / static_cast<double>(total))
            : 0;
    std::string bar(static_cast<std::size_t>(bar_width), ' ');
    for (int i = 0; i < filled; ++i) bar[static_cast<std::size_t>(i)] = '=';
    if (filled < bar_width && filled > 0) bar[static_cast<std::size_t>(filled)] = '>';
    line += " [" + bar + "]";
  }
  line += text;
  // The terminal wraps a line one column too long, which breaks "\r" redrawing.
  if (columns > 1 && display_width(line) > columns - 1) line = truncate_to_width(line, columns - 1);
  return line;
}

namespace {
double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

ProgressBar::ProgressBar(std::string label, Writer write, int columns, bool english, Clock clock, double min_interval)
    : label_(std::move(label)),
      write_(std::move(write)),
      columns_(columns),
      english_(english),
      clock_(clock ? std::move(clock) : Clock(steady_seconds)),
      min_interval_(min_interval) {
  start_ = clock_();
}

std::unique_ptr<ProgressBar> ProgressBar::on_stderr(std::string label, bool english) {
  int columns = 80;
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) columns = ws.ws_col;
  return std::make_unique<ProgressBar>(
      std::move(label),
      [](const std::string& s) {
        std::fputs(s.c_str(), stderr);
        std::fflush(stderr);
      },
      columns, english);
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  const std::lock_guard lock(mutex_);
  if (finished_ || !write_) return;
  const double now = clock_();
  if (done < total && now - last_draw_ < min_interval_) return;
  last_draw_ = now;
  ++draws_;
  write_("\r" + format_progress_line(label_, done, total, now - start_, columns_, english_) + "\033[K");
}

void ProgressBar::finish() {
  const std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (draws_ > 0 && write_) write_("\r\033[K");
}

std::size_t ProgressBar::draws() const {
  const std::lock_guard lock(mutex_);
  return draws_;
}

}  // namespace evpack
