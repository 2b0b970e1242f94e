// The outcome of a check: every report and the package are made from it. A plain value
// (rules, scan, evidence, evaluation, findings); it names no inspector, toolbox or adapter,
// so report/ and package/ depend on it without depending on how the check ran (app/check.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/rules/rule_set.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

struct CheckResult {
  RuleSet rules;
  ScanResult scan;
  std::vector<Evidence> evidence;  ///< one per scanned file, sorted by rel_path
  Evaluation evaluation;
  std::vector<Finding> findings;  ///< all findings (scan, per-file, evaluation), sorted
  /// Files whose inspection came from the cache (unchanged since an earlier run).
  std::size_t reused_inspections = 0;
  /// An archive input stays unpacked (its files are where evidence[].file.disk_path says)
  /// while the result or a copy of it lives: thumbnails and the package read them after the
  /// check. Null for a folder. (Type-erased: the unpacking is app/'s business.)
  std::shared_ptr<const void> unpacked_input;
};

}  // namespace evpack
