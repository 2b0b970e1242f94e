#include "evpack/util/deadline.hpp"

namespace evpack {

namespace {

thread_local std::chrono::steady_clock::time_point t_deadline = std::chrono::steady_clock::time_point::max();

}  // namespace

ScopedDeadline::ScopedDeadline(double budget_seconds) : previous_(t_deadline) {
  if (budget_seconds > 0) {
    t_deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                        std::chrono::duration<double>(budget_seconds));
  }
}

ScopedDeadline::~ScopedDeadline() { t_deadline = previous_; }

bool deadline_passed() {
  return t_deadline != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() > t_deadline;
}

}  // namespace evpack
