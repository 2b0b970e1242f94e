// The one progress display of the commands: a line on standard error, redrawn in place,
// drawn only when standard error is a terminal, TERM is not "dumb" and --quiet was not
// given (progress_wanted). Counted steps (files checked, thumbnails made) use the
// ProgressBar; writing and verifying a package show bytes, rate and time left.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "evpack/package/pack.hpp"
#include "evpack/report/progress.hpp"

namespace evpack {

class TerminalProgress {
 public:
  TerminalProgress(bool quiet, bool english = false);
  ~TerminalProgress();
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  /// True when anything is drawn at all.
  bool shown() const { return shown_; }
  /// A (done, total) callback drawing a bar labelled `label` (may be called from worker
  /// threads); an empty function when nothing is shown. Ends the step before it.
  std::function<void(std::size_t, std::size_t)> step(const std::string& label);
  /// A callback for write_package's progress; empty when nothing is shown.
  std::function<void(const PackProgress&)> package();
  /// Erases the line (before a summary or an error is printed).
  void finish();

 private:
  bool shown_;
  bool english_;
  std::unique_ptr<ProgressBar> bar_;
  bool package_drawn_ = false;
  std::chrono::steady_clock::time_point package_start_{};
  std::chrono::steady_clock::time_point package_last_{};
  std::mutex mutex_;
};

}  // namespace evpack
