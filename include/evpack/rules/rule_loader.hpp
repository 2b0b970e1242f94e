// Loading and checking rule files (rules/*.yaml).
#pragma once

#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"
#include "evpack/rules/rule_set.hpp"

namespace evpack {

/// Parses a rule file. Fails with a line-numbered Chinese message ("第12行：…")
/// on YAML syntax errors, unknown scoring modes or missing required fields.
Expected<RuleSet> load_rule_set(const std::string& path);

/// Parses rule-file text already in memory; `name` stands for the file name in
/// messages and becomes RuleSet::path. Same errors as load_rule_set.
Expected<RuleSet> load_rule_set_from_string(const std::string& text, const std::string& name);

/// One problem found in a rule file.
struct LintMessage {
  int line = 0;  ///< 0 when not tied to a line
  Severity severity = Severity::Warning;
  std::string code;     ///< stable, e.g. "CATEGORY_TOTAL_MISMATCH"
  std::string message;  ///< Chinese
};

/// Semantic checks of a loaded rule set: category totals vs the sum of their
/// indicators' caps, overall total, duplicate ids, unknown categories or
/// deduction references, caps that cannot be reached or are exceeded by points.
std::vector<LintMessage> lint_rule_set(const RuleSet& rules);

/// Loads and lints a file; a load failure becomes one Error message.
std::vector<LintMessage> lint_rule_file(const std::string& path);

/// Rule files found in a directory (sorted by file name), as (id, title, path).
struct RuleSetInfo {
  std::string id;
  std::string title;
  std::string path;
  bool scored = true;
};
std::vector<RuleSetInfo> list_rule_sets(const std::string& dir);

}  // namespace evpack
