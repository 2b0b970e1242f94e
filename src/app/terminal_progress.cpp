#include "evpack/app/terminal_progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "evpack/util/format.hpp"

namespace evpack {

TerminalProgress::TerminalProgress(bool quiet, bool english)
    : shown_(progress_wanted(::isatty(STDERR_FILENO) != 0, quiet, std::getenv("TERM"))), english_(english) {}

TerminalProgress::~TerminalProgress() { finish(); }

std::function<void(std::size_t, std::size_t)> TerminalProgress::step(const std::string& label) {
  if (!shown_) return {};
  finish();
  bar_ = ProgressBar::on_stderr(label, english_);
  ProgressBar* bar = bar_.get();
  return [bar](std::size_t done, std::size_t total) { bar->update(done, total); };
}

std::function<void(const PackProgress&)> TerminalProgress::package() {
  if (!shown_) return {};
  finish();
  package_start_ = std::chrono::steady_clock::now();
  package_last_ = package_start_ - std::chrono::seconds(1);
  return [this](const PackProgress& p) {
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - package_last_ < std::chrono::milliseconds(200) && p.bytes_done != p.bytes_total) return;
    package_last_ = now;
    package_drawn_ = true;
    const double secs = std::chrono::duration<double>(now - package_start_).count();
    const double rate = secs > 0 ? static_cast<double>(p.bytes_done) / secs : 0;
    const double left = rate > 0 ? static_cast<double>(p.bytes_total - p.bytes_done) / rate : 0;
    const bool writing = p.phase == PackProgress::Phase::Writing;
    std::fprintf(stderr, "\r%s %zu/%zu 个文件  %s / %s  %.0f MB/秒  剩余约 %.0f 秒\033[K", writing ? "写入" : "校验",
                 p.files_done, p.files_total, format_megabytes(p.bytes_done).c_str(),
                 format_megabytes(p.bytes_total).c_str(), rate / 1e6, left);
  };
}

void TerminalProgress::finish() {
  if (bar_) {
    bar_->finish();
    bar_.reset();
  }
  if (package_drawn_) {
    std::fputs("\r\033[K", stderr);
    package_drawn_ = false;
  }
}

}  // namespace evpack
