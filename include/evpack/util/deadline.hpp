// A per-thread deadline for the work on one file (InspectOptions::max_seconds_per_file):
// long loops (pages of a PDF) poll deadline_passed() and stop early.
#pragma once

#include <chrono>

namespace evpack {

/// Sets the calling thread's deadline to now + `budget` while it lives (none when budget <= 0),
/// restoring the previous one after.
class ScopedDeadline {
 public:
  explicit ScopedDeadline(double budget_seconds);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  std::chrono::steady_clock::time_point previous_;
};

/// True when the calling thread has a deadline and it has passed.
bool deadline_passed();

}  // namespace evpack
