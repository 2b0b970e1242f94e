// An indicator table as data (loaded from rules/*.yaml). Code knows scoring
// *modes*, never particular indicators.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/types.hpp"

namespace evpack {

/// How an indicator turns evidence into points.
enum class ScoringMode {
  Once,        ///< full points when valid evidence exists
  PerItem,     ///< points per item (event/document/case), up to cap
  PerQuarter,  ///< points per covered calendar quarter (optionally several items per quarter)
  PerMonth,    ///< points per covered month, optionally with a deadline day
  PerDomain,   ///< points per distinct key domain / sub-domain
  SubItems,    ///< the sum of named sub-items, each with its own points
  Tasks,       ///< no points: coverage of a task (systems with tasks and deadlines)
};
std::string to_string(ScoringMode mode);

/// The period a task's quantified target (min_count) applies to.
enum class TargetPeriod {
  Total,    ///< min_count items over the task's whole time frame
  Year,     ///< min_count items in every year of the time frame (">= 2 trainings a year")
  Quarter,  ///< in every quarter
  Month,    ///< in every month ("领导小组每月召开1次会议")
};
std::string to_string(TargetPeriod period);

/// Evidence kinds an indicator expects.
enum class EvidenceKind { Document, Photo, Screenshot, Ledger, Video, Any };
std::string to_string(EvidenceKind kind);

/// A composite indicator's part (1.1, 1.2, 5.3, 6.1).
struct SubItem {
  std::string id;
  std::string title;
  double points = 0;
  double cap = 0;  ///< 0 = same as points
  std::vector<std::string> keywords;
  std::optional<ScoringMode> mode;  ///< e.g. monthly records inside 1.2
};

/// A condition in the seed's brackets, e.g. "须在人民政府网站公开，否则不得分".
/// With `evidence_keywords` it is checked automatically (some evidence file whose
/// name or text contains one keyword must exist); otherwise it is a manual check.
struct Condition {
  std::string id;
  std::string text;  ///< Chinese, as in the source
  std::vector<std::string> evidence_keywords;
  bool zeroes = true;  ///< failing it zeroes the indicator
  std::string label;   ///< short Chinese name people read in messages ("政府网站公开"); "" = "得分条件"
};

struct Indicator {
  int line = 0;           ///< line in the rule file (for lint messages)
  std::string id;         ///< "1.1"
  std::string category;   ///< category id, "1"
  std::string title;      ///< short title for folders and tables
  std::string criterion;  ///< the scoring text of the source, Chinese
  ScoringMode mode = ScoringMode::Once;
  double points = 0;                  ///< per unit (item, quarter, month, domain) or total for Once
  double cap = 0;                     ///< maximum points
  int per_period_max = 1;             ///< items counted per quarter/month (3.1: 2)
  int deadline_day = 0;               ///< PerMonth: last day of the month that counts (5.4: 15); 0 = none
  bool no_backfill = false;           ///< items count only in their own period (3.1)
  std::vector<std::string> excludes;  ///< indicator ids whose evidence does not count here
  std::vector<std::string> units;     ///< 责任科室（单位）
  std::string lead;                   ///< 牵头科室; "" = the first of `units`
  std::vector<EvidenceKind> evidence;
  std::vector<std::string> zero_rules;  ///< deduction ids that zero it ("D.6", "D.7")
  std::vector<Condition> conditions;
  std::vector<std::string> keywords;  ///< mapping fallbacks
  std::vector<SubItem> sub_items;
  std::string due;                                   ///< Tasks mode: deadline or phase text ("2023-06", "2024年")
  int min_count = 0;                                 ///< quantified target, e.g. >= 2 trainings a year
  TargetPeriod min_count_per = TargetPeriod::Total;  ///< period min_count applies to
};

struct Category {
  int line = 0;       ///< line in the rule file (for lint messages)
  std::string id;     ///< "1"
  std::string title;  ///< "制度建设"
  double total = 0;   ///< as printed in the source (may disagree with its items)
  std::vector<std::string> keywords;
};

struct Bonus {
  int line = 0;    ///< line in the rule file (for lint messages)
  std::string id;  ///< "B.1"
  std::string title;
  std::string criterion;
  double points = 0;
  double cap = 0;
  std::vector<std::string> units;
  std::vector<std::string> keywords;
};

enum class DeductionEffect {
  ZeroTotal,       ///< D.1: the whole score becomes 0
  MinusEach,       ///< minus points per occurrence
  MinusPerDomain,  ///< minus points per domain
  MinusOnce,       ///< minus points once
  ZeroIndicator,   ///< the indicator concerned scores 0
};
std::string to_string(DeductionEffect effect);

struct Deduction {
  int line = 0;    ///< line in the rule file (for lint messages)
  std::string id;  ///< "D.1"
  std::string title;
  std::string criterion;
  DeductionEffect effect = DeductionEffect::MinusOnce;
  double points = 0;
  bool detectable = true;          ///< false: listed as a manual check item (D.3)
  std::vector<std::string> units;  ///< units that fix its findings (D.4: those that publish 双公示); first leads
  DeductionRole role = DeductionRole::None;  ///< the findings it counts (`role:`); None: no finding names it
  /// document_form only: words of a file name or title that make a document formal (方案,
  /// 办法 …) and, failing those, words that make it informal (台账, 记录 …).
  std::vector<std::string> formal_keywords;
  std::vector<std::string> informal_keywords;
  /// privacy_leak only: words of a file's path that mark a document able to hold
  /// personal numbers (承诺书, 签到, 台账, 花名册 …): the body of its scans and
  /// photographed pages is read by OCR for them.
  std::vector<std::string> personal_number_keywords;
};

struct Domain {
  std::string name;
  std::vector<std::string> sub_domains;
};

struct RuleSet {
  std::string id;  ///< "shandong-2025"
  std::string title;
  std::string source;  ///< where the table comes from
  std::string region;
  int year = 0;        ///< pilot year (first year for multi-year systems)
  int end_year = 0;    ///< last year for multi-year systems (0 = same as year)
  bool scored = true;  ///< false: task system, report coverage not points
  double total = 0;    ///< nominal total (100)
  std::vector<Category> categories;
  std::vector<Indicator> indicators;  ///< in table order
  std::vector<Bonus> bonuses;
  std::vector<Deduction> deductions;
  std::vector<Domain> domains;
  std::string path;    ///< file it was loaded from
  std::string sha256;  ///< of the rule file's bytes: which version of the rules a report used ("" = unknown)

  const Indicator* find_indicator(const std::string& id) const;
  const Category* find_category(const std::string& id) const;
  const Deduction* find_deduction(const std::string& id) const;
  /// The deduction that counts findings of `role`; nullptr when the rule set has none.
  const Deduction* deduction_for(DeductionRole role) const;
  /// Its id ("D.5"), or "" when the rule set has no deduction for `role`.
  std::string deduction_id(DeductionRole role) const;
  /// The role of the deduction `id`; None when there is no such deduction.
  DeductionRole role_of_deduction(const std::string& id) const;
};

}  // namespace evpack
