// The machine-readable report (format documented in docs/report-format.md).
#pragma once

#include <string>

#include "evpack/app/check.hpp"

namespace evpack {

/// Facts about the run that the report records (no wall-clock time: reports
/// are deterministic for the same input and options).
struct ReportContext {
  std::string input;       ///< as given by the user
  std::string tool_version;
};

/// Renders the whole check result as pretty-printed JSON (UTF-8, sorted, stable).
std::string render_json_report(const CheckResult& result, const ReportContext& context);

}  // namespace evpack
