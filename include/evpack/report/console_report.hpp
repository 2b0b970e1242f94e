// The Chinese summary printed on the terminal after a check.
#pragma once

#include <string>

#include "evpack/evaluate/check_result.hpp"

namespace evpack {

struct ConsoleOptions {
  bool color = false;     ///< ANSI colours (only on a TTY)
  int max_findings = 20;  ///< findings listed in full; the rest are counted
  /// Where the findings not listed can be read ("HTML 报告 自检报告.html"); "" = 用 --html、--xlsx 或 --json 写出报告.
  std::string full_report;
};

/// Score table per category and indicator, totals, and the top findings.
std::string render_console_summary(const CheckResult& result, const ConsoleOptions& options);

/// One line saying how many inspections came from the cache (check and pack print
/// it); "" when none did.
std::string reused_inspections_line(const CheckResult& result);

/// Terminal columns a UTF-8 string occupies (CJK and full-width characters count 2).
int display_width(const std::string& text);
/// Pads with spaces to `width` columns (never truncates).
std::string pad_right(const std::string& text, int width);
/// Cuts to at most `width` columns, ending with "…" when cut.
std::string truncate_to_width(const std::string& text, int width);

}  // namespace evpack
