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
  std::string label;    ///< Chinese name shown to people ("条件“政府网站公开”"); "" = `rule`
  /// What people read: `label`, else `rule` ("D.6").
  const std::string& shown() const { return label.empty() ? rule : label; }
};

/// How far a task (task systems, ScoringMode::Tasks) is covered by evidence.
enum class TaskStatus {
  Done,       ///< every period that is due has its evidence (and the target is met)
  Partial,    ///< some evidence, but a due period or the quantified target is short
  Missing,    ///< no evidence although the task is due
  NotDue,     ///< nothing is due yet as of the check date
  OutOfYear,  ///< the task's time frame lies outside the year being checked (--year)
};
/// Stable lowercase name ("done", "partial", ...), used in JSON.
std::string to_string(TaskStatus status);
/// Chinese label for reports ("已完成", "部分完成", "缺佐证", "未到期", "不在本年度").
std::string task_status_label_zh(TaskStatus status);

/// A task's evidence in one period: a year, month or quarter of its time frame,
/// or the whole time frame.
struct TaskPeriod {
  std::string label;  ///< "2024年", "2023年3月", "2023年底前"
  CivilDate from;
  CivilDate to;
  int items = 0;     ///< evidence items dated in the period
  int required = 1;  ///< items the period needs (min_count per period, at least 1)
  bool due = true;   ///< the period is over as of the check date
  bool met = false;  ///< items >= required
};

struct IndicatorResult {
  std::string id;
  std::string title;
  std::string category;
  ScoringMode mode = ScoringMode::Once;
  double points = 0;  ///< estimated points
  double cap = 0;
  double points_if_fixed = 0;         ///< what it would score without the zeroing causes
  std::string reason;                 ///< one line, Chinese
  std::vector<std::string> files;     ///< rel paths mapped here
  std::vector<int> quarters_covered;  ///< 1..4
  std::vector<int> months_covered;    ///< 1..12
  std::vector<int> months_late;       ///< PerMonth with deadline: months only reported late
  std::vector<std::string> domains_covered;
  std::vector<std::string> sub_items_met;
  std::vector<ZeroCause> zeroed_by;
  std::vector<std::string> manual_checks;  ///< conditions that need a human (Chinese)
  std::vector<std::string> units;
  // Tasks mode only:
  bool task = false;  ///< a task (coverage, no points)
  std::string due;    ///< the rule file's `due` text
  TaskStatus status = TaskStatus::Missing;
  int items = 0;                    ///< evidence items counted for the task
  std::vector<TaskPeriod> periods;  ///< coverage by year, month, quarter or phase
};

/// Coverage of a task system: how many tasks are in each state.
struct TaskCoverage {
  int tasks = 0;
  int done = 0;
  int partial = 0;
  int missing = 0;
  int not_due = 0;
  int out_of_year = 0;
  int with_evidence = 0;  ///< tasks with at least one evidence item
};

/// D.1: everything in the files that could be taken for fabrication (抄袭、雷同、伪造):
/// reused photos, watermark/EXIF disagreement, editing software, identical
/// documents filed as different evidence, dates after the check date.
struct FabricationSection {
  std::string summary;           ///< Chinese, says plainly what confirmation would cost
  std::vector<Finding> signals;  ///< the D.1 findings (warning or worse), sorted
  int files = 0;                 ///< distinct files concerned
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
  std::string id;  ///< "D.5"
  std::string title;
  double points = 0;    ///< estimated points deducted (positive)
  int occurrences = 0;  ///< findings that support it
  bool manual = false;  ///< cannot be read from files (D.3): a manual check item
  std::string reason;   ///< Chinese
};

struct Totals {
  double base = 0;  ///< sum of indicator points
  double bonus = 0;
  double deductions = 0;  ///< points deducted (positive number)
  double total = 0;       ///< base + bonus - deductions
  int d1_risks = 0;       ///< D.1 (fabrication) risks: if confirmed, the whole score becomes 0
  double nominal = 100;
};

struct EvaluateOptions {
  int year = 0;     ///< year to check; 0 = the rule set's year (or years, for multi-year systems)
  CivilDate as_of;  ///< check date; invalid = all periods due, no future-date check
};

struct Evaluation {
  std::vector<IndicatorResult> indicators;  ///< in table order
  std::vector<CategoryResult> categories;
  std::vector<BonusResult> bonuses;
  std::vector<DeductionResult> deductions;
  Totals totals;
  std::vector<Finding> findings;           ///< risks found by evaluation, sorted
  std::vector<std::string> manual_checks;  ///< rule-level manual items (D.3 ...)
  TaskCoverage coverage;                   ///< task systems (RuleSet::scored == false)
  FabricationSection fabrication;          ///< D.1 risks gathered in one place
};

/// Scores all evidence. Pure: no I/O, deterministic for the same input. `earlier` holds the
/// findings of the stages before inspection (scanning the tree, unpacking a zip): they count
/// in the deduction of their role (a skipped link is archive-order clutter) but are not copied into
/// Evaluation::findings, which holds only what evaluation itself found.
Evaluation evaluate(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
                    const std::vector<Finding>& earlier = {});

/// Puts in each finding's `rule` the id of the rule set's deduction for its role ("D.5" for
/// DeductionRole::ArchiveOrder in the Shandong table), or "" when the rule set has none.
/// Findings without a role keep their `rule`. Every finding a report shows passes here.
void name_deductions(const RuleSet& rules, std::vector<Finding>& findings);

}  // namespace evpack
