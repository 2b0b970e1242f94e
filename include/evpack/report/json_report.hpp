// The machine-readable report (format documented in docs/report-format.md).
#pragma once

#include <string>

#include "evpack/evaluate/check_result.hpp"

namespace evpack {

/// Facts about the run that the report records (no wall-clock time: reports
/// are deterministic for the same input and options).
struct ReportContext {
  std::string input;  ///< as given by the user (never made absolute)
  std::string tool_version;
  CivilDate check_date;  ///< the check date (--as-of, default today); invalid = left out
};

/// Renders the whole check result as pretty-printed JSON (UTF-8, sorted, stable).
std::string render_json_report(const CheckResult& result, const ReportContext& context);

}  // namespace evpack
