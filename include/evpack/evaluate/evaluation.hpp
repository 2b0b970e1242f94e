// Scoring evidence against a rule set, and the risks found on the way.
#pragma once

#include <string>
#include <vector>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/mapping.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/rules/rule_set.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Everything evaluation needs about one file.
struct Evidence {
  FileRecord file;
  Inspection inspection;
  Placement placement;
};

/// Why an indicator scores zero (or less), naming the file.
struct ZeroCause {
  std::string rule;     ///< "D.6", "D.7", or a condition id
  std::string file;     ///< rel path, may be empty (condition not met)
  std::string message;  ///< Chinese
};

struct IndicatorResult {
  std::string id;
  std::string title;
  std::string category;
  ScoringMode mode = ScoringMode::Once;
  double points = 0;             ///< estimated points
  double cap = 0;
  double points_if_fixed = 0;    ///< what it would score without the zeroing causes
  std::string reason;            ///< one line, Chinese
  std::vector<std::string> files;        ///< rel paths mapped here
  std::vector<int> quarters_covered;     ///< 1..4
  std::vector<int> months_covered;       ///< 1..12
  std::vector<int> months_late;          ///< PerMonth with deadline: months only reported late
  std::vector<std::string> domains_covered;
  std::vector<std::string> sub_items_met;
  std::vector<ZeroCause> zeroed_by;
  std::vector<std::string> manual_checks;  ///< conditions that need a human (Chinese)
  std::vector<std::string> units;
};

struct CategoryResult {
  std::string id;
  std::string title;
  double points = 0;
  double total = 0;  ///< as printed in the rule set
};

struct BonusResult {
  std::string id;
  std::string title;
  double points = 0;
  double cap = 0;
  std::vector<std::string> files;
  std::string reason;
};

/// One deduction rule as estimated from the files.
struct DeductionResult {
  std::string id;        ///< "D.5"
  std::string title;
  double points = 0;     ///< estimated points deducted (positive)
  int occurrences = 0;   ///< findings that support it
  bool manual = false;   ///< cannot be read from files (D.3): a manual check item
  std::string reason;    ///< Chinese
};

struct Totals {
  double base = 0;        ///< sum of indicator points
  double bonus = 0;
  double deductions = 0;  ///< points deducted (positive number)
  double total = 0;       ///< base + bonus - deductions
  int d1_risks = 0;       ///< D.1 (fabrication) risks: if confirmed, the whole score becomes 0
  double nominal = 100;
};

struct EvaluateOptions {
  int year = 0;             ///< pilot year; 0 = rule set's year
  CivilDate as_of;          ///< check date; invalid = all periods due, no future-date check
};

struct Evaluation {
  std::vector<IndicatorResult> indicators;  ///< in table order
  std::vector<CategoryResult> categories;
  std::vector<BonusResult> bonuses;
  std::vector<DeductionResult> deductions;
  Totals totals;
  std::vector<Finding> findings;            ///< risks found by evaluation, sorted
  std::vector<std::string> manual_checks;   ///< rule-level manual items (D.3 ...)
};

/// Scores all evidence. Pure: no I/O, deterministic for the same input.
Evaluation evaluate(const RuleSet& rules, const std::vector<Evidence>& evidence,
                    const EvaluateOptions& options);

}  // namespace evpack
