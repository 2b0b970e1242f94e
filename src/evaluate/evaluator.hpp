// The evaluation of one archive against one rule set (evaluate() in
// include/evpack/evaluate/evaluation.hpp), one class whose parts live by concern:
//   evaluation.cpp          the run: order of the checks, indicators, bonuses, totals
//   items.cpp               files grouped into items with their dates; periods due
//   consistency_checks.cpp  placement, dates, duplicates, names, watermark vs camera clock
//   zeroing_rules.cpp       document form, photo time, conditions: what zeroes an indicator
//   scoring_modes.cpp       once, per item, per quarter, per month, per domain, sub-items
//   task_coverage.cpp       task systems: coverage per period and quantified targets
//   deductions.cpp          deduction estimates by role, the fabrication section
// Pure: no I/O, no globals; findings collect in the evaluator and are sorted at the end.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "evidence_items.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/rules/task_due.hpp"

namespace evpack::evaluation {

class Evaluator {
 public:
  Evaluator(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
            const std::vector<Finding>& earlier);

  /// Runs every check and scores everything; the findings of evaluation itself, sorted.
  Evaluation run();

 private:
  // evaluation.cpp
  void add(std::string code, Severity severity, DeductionRole role, std::string file, std::string indicator,
           std::string message, std::string advice);
  bool zeroes(const Indicator& ind, DeductionRole role) const;
  std::vector<std::size_t> countable_members(const Indicator& ind);
  void apply_zeroing_rules(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);
  IndicatorResult score_indicator(const Indicator& ind);
  BonusResult score_bonus(const Bonus& bonus);
  void add_totals(Evaluation& out) const;

  // items.cpp
  std::vector<std::size_t> readable_items(const std::string& id) const;
  std::vector<Item> group_items(const std::vector<std::size_t>& members) const;
  ItemDate item_date(const std::vector<std::size_t>& members) const;
  bool in_year(const Item& item) const;
  std::string years_label() const;
  bool quarter_due(int q) const;
  bool month_due(int m, int deadline_day) const;
  bool is_formal_document(const Evidence& e) const;

  // consistency_checks.cpp
  void check_placements();
  void check_dates();
  void check_duplicates();
  void check_same_text();
  void check_names();
  void check_name_vs_folder(const Evidence& e);
  void check_watermark_exif();

  // zeroing_rules.cpp
  void check_documents(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);
  void advise_documents(const Indicator& ind, const std::vector<std::size_t>& members);
  void check_photos(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);
  bool member_mentions(std::size_t i, const std::vector<std::string>& words) const;
  void check_conditions(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);

  // scoring_modes.cpp
  struct Raw {
    double points = 0;
    std::string reason;
    double if_fixed = -1;  ///< points once the items that do not count are fixed; -1: `points`
  };
  Raw score_mode(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);
  Raw score_once(const Indicator& ind, const std::vector<Item>& items);
  bool incomplete_query(const Evidence& e) const;
  Raw score_per_item(const Indicator& ind, const std::vector<Item>& items);
  Raw score_per_quarter(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r);
  Raw score_per_month(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r);
  Raw score_per_domain(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r);
  Raw score_sub_items(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r);
  double score_monthly_sub_item(const Indicator& ind, const SubItem& sub, const std::vector<std::size_t>& mine,
                                IndicatorResult& r, std::vector<std::string>& parts);

  // task_coverage.cpp
  struct TaskCount {
    int total = 0;
    int late = 0;
    std::vector<std::string> late_files;
  };
  bool task_window(const Indicator& ind, IndicatorResult& r, TaskWindow& w, CivilDate& deadline) const;
  std::vector<TaskPeriod> task_periods(const Indicator& ind, const TaskWindow& w) const;
  TaskCount count_task_items(const Indicator& ind, const std::vector<Item>& items, const TaskWindow& w,
                             IndicatorResult& r);
  bool assess_task_periods(const Indicator& ind, IndicatorResult& r, std::vector<std::string>& parts, bool& any_due);
  void score_task(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r);

  // deductions.cpp
  DeductionResult estimate_deduction(const Deduction& d, const std::vector<Finding>& all, const Evaluation& ev);
  FabricationSection fabrication_section(const std::vector<Finding>& all) const;

  const RuleSet& rules_;
  const std::vector<Evidence>& evidence_;
  const std::vector<Finding>& earlier_;
  CivilDate as_of_;
  int year_ = 0;              // first year checked
  int last_year_ = 0;         // last year checked (== year_ unless a multi-year system is checked whole)
  int system_last_year_ = 0;  // the rule set's last year
  std::map<std::string, std::vector<std::size_t>> by_indicator_;
  std::vector<Finding> findings_;
};

}  // namespace evpack::evaluation
