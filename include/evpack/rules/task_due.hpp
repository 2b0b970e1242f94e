// The time frame of a task in a task system, read from its `due` text.
#pragma once

#include <string>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// When a task's evidence counts and when it is due.
struct TaskWindow {
  CivilDate from;           ///< first day evidence counts
  CivilDate to;             ///< last day of the time frame (the deadline)
  bool deadline = false;    ///< one date was given ("2023", "2023-06"): evidence after `to` is late
  bool continuous = false;  ///< no date in the text ("持续推进"): the whole period of the system
};

/// Parses a task's `due` text against the system's years [first_year, last_year]:
/// "2023" and "2023-06" / "2023年6月" are deadlines (evidence from the first
/// year on counts), "2023-2024", "2023-03至2023-08" and "2023年3月至8月" are
/// windows, text without a date ("持续推进", "") is the whole system period.
/// Fails with a Chinese message for a month outside 1..12 or a window that ends
/// before it starts.
Expected<TaskWindow> parse_task_due(const std::string& due, int first_year, int last_year);

}  // namespace evpack
