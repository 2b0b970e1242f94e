// Semantic checks of a loaded rule set. Codes are stable (docs/rules-format.md);
// messages are Chinese. A rule file is data typed by people from a printed
// table, so these checks look for the mistakes typing makes (duplicated ids,
// dangling references, caps that cannot be reached) and for inconsistencies
// of the source itself, which are reported, never corrected.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "evpack/rules/rule_loader.hpp"
#include "evpack/rules/task_due.hpp"
#include "evpack/util/format.hpp"

namespace evpack {

namespace {

constexpr double kEpsilon = 1e-9;

bool same(double a, double b) { return std::fabs(a - b) < kEpsilon; }

// 14 -> "14", 1.5 -> "1.5", 0.25 -> "0.25".
std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string quote(const std::string& s) { return "“" + s + "”"; }

class Linter {
 public:
  explicit Linter(const RuleSet& rules) : rules_(rules) {}

  std::vector<LintMessage> run() {
    check_duplicates();
    check_references();
    check_mode_options();
    for (const auto& ind : rules_.indicators) {
      // The lead unit must be one of the units, or the to-do lists would name a unit nobody listed.
      if (!ind.lead.empty() && std::find(ind.units.begin(), ind.units.end(), ind.lead) == ind.units.end()) {
        add(ind.line, Severity::Warning, "LEAD_NOT_IN_UNITS",
            "指标" + ind.id + " " + ind.title + "的牵头科室“" + ind.lead + "”不在其责任科室（units）中");
      }
    }
    if (rules_.scored) {
      for (const auto& ind : rules_.indicators) {
        if (ind.mode != ScoringMode::Tasks) check_points(ind);
      }
      for (const auto& bonus : rules_.bonuses) {
        if (bonus.points > bonus.cap + kEpsilon) {
          add(bonus.line, Severity::Warning, "POINTS_EXCEED_CAP",
              "加分项" + bonus.id + "每项加" + fmt(bonus.points) + "分，超过最高加分" + fmt(bonus.cap) + "分");
        }
      }
      check_category_totals();
      check_total();
    }
    return std::move(messages_);
  }

 private:
  void add(int line, Severity severity, std::string code, std::string message) {
    messages_.push_back({line, severity, std::move(code), std::move(message)});
  }

  // Ids must be unique within their list, and indicator and bonus ids share
  // one space: evidence folders are mapped to either by the same id.
  void check_duplicates() {
    std::map<std::string, int> seen;  // id -> line of first use
    const auto claim = [&](const std::string& kind, const std::string& id, int line) {
      const auto [it, fresh] = seen.emplace(kind + "\x1f" + id, line);
      if (!fresh) {
        add(line, Severity::Error, "DUPLICATE_ID",
            kind + "编号" + quote(id) + "重复" +
                (it->second > 0 ? "（第" + std::to_string(it->second) + "行已使用）" : ""));
      }
    };
    for (const auto& c : rules_.categories) claim("类别", c.id, c.line);
    for (const auto& ind : rules_.indicators) claim("指标", ind.id, ind.line);
    for (const auto& b : rules_.bonuses) claim("指标", b.id, b.line);
    for (const auto& d : rules_.deductions) claim("扣分项", d.id, d.line);
    // A role names the one deduction its findings count in.
    for (const auto& d : rules_.deductions) {
      if (d.role != DeductionRole::None) claim("扣分项类型", to_string(d.role), d.line);
    }
    for (const auto& ind : rules_.indicators) {
      std::set<std::string> subs;
      for (const auto& sub : ind.sub_items) {
        if (!subs.insert(sub.id).second) {
          add(ind.line, Severity::Error, "DUPLICATE_ID", "指标" + ind.id + "的分项编号" + quote(sub.id) + "重复");
        }
      }
      std::set<std::string> conditions;
      for (const auto& cond : ind.conditions) {
        if (!conditions.insert(cond.id).second) {
          add(ind.line, Severity::Error, "DUPLICATE_ID", "指标" + ind.id + "的条件编号" + quote(cond.id) + "重复");
        }
      }
    }
    std::set<std::string> domains;
    for (const auto& d : rules_.domains) {
      if (!domains.insert(d.name).second) {
        add(0, Severity::Error, "DUPLICATE_ID", "重点领域" + quote(d.name) + "重复");
      }
    }
  }

  void check_references() {
    for (const auto& ind : rules_.indicators) {
      if (!rules_.categories.empty() && !rules_.find_category(ind.category)) {
        std::vector<std::string> ids;
        for (const auto& c : rules_.categories) ids.push_back(c.id);
        add(ind.line, Severity::Error, "UNKNOWN_CATEGORY",
            "指标" + ind.id + "所属类别" + quote(ind.category) + "不存在（已定义的类别：" + join(ids, "、") + "）");
      }
      for (const auto& rule : ind.zero_rules) {
        if (!rules_.find_deduction(rule)) {
          add(ind.line, Severity::Error, "UNKNOWN_DEDUCTION",
              "指标" + ind.id + "的 zero_rules 引用了不存在的扣分项" + quote(rule));
        }
      }
      for (const auto& other : ind.excludes) {
        if (other == ind.id || !rules_.find_indicator(other)) {
          add(ind.line, Severity::Error, "UNKNOWN_INDICATOR",
              "指标" + ind.id + "的 excludes 引用了" + (other == ind.id ? "自身" : "不存在的指标" + quote(other)));
        }
      }
    }
  }

  // Options that only one mode reads are probably typed on the wrong indicator.
  void check_mode_options() {
    for (const auto& ind : rules_.indicators) {
      const bool periodic = ind.mode == ScoringMode::PerQuarter || ind.mode == ScoringMode::PerMonth;
      const auto ignored = [&](const std::string& option) {
        add(ind.line, Severity::Warning, "MODE_OPTION_IGNORED",
            "指标" + ind.id + "的计分方式为 " + to_string(ind.mode) + "，" + option + " 不起作用");
      };
      if (ind.per_period_max > 1 && !periodic) ignored("per_period_max");
      if (ind.no_backfill && !periodic) ignored("no_backfill");
      if (ind.deadline_day > 0 && ind.mode != ScoringMode::PerMonth) ignored("deadline_day");
      if (ind.mode != ScoringMode::Tasks) {
        if (!ind.due.empty()) ignored("due");
        if (ind.min_count > 0) ignored("min_count");
      } else {
        check_task(ind);
      }
      if (ind.min_count_per != TargetPeriod::Total && ind.min_count == 0) {
        add(ind.line, Severity::Warning, "MODE_OPTION_IGNORED",
            "指标" + ind.id + "没有量化目标（min_count），min_count_per 不起作用");
      }
      if (ind.mode == ScoringMode::PerDomain && rules_.domains.empty()) {
        add(ind.line, Severity::Warning, "NO_DOMAINS",
            "指标" + ind.id + "按领域计分，但规则文件没有定义重点领域（domains），只能按文件夹名估算");
      }
    }
  }

  // A task's time frame must parse and lie within the system's years; a task
  // without `due` is read as ongoing over the whole system period.
  void check_task(const Indicator& ind) {
    const int last = rules_.end_year ? rules_.end_year : rules_.year;
    const auto window = parse_task_due(ind.due, rules_.year, last);
    if (!window) {
      add(ind.line, Severity::Error, "TASK_DUE_INVALID", "任务" + ind.id + "：" + window.error().message);
      return;
    }
    if (rules_.year && !window->continuous && (window->to.year < rules_.year || window->from.year > last)) {
      add(ind.line, Severity::Warning, "TASK_DUE_OUTSIDE",
          "任务" + ind.id + "的完成时间“" + ind.due + "”不在规则的年度范围（" + std::to_string(rules_.year) +
              (last != rules_.year ? "-" + std::to_string(last) : std::string()) + "年）内");
    }
  }

  // How many units a mode can count in a year (0 = unbounded).
  int max_units(const Indicator& ind) const {
    switch (ind.mode) {
      case ScoringMode::PerQuarter: return 4 * std::max(ind.per_period_max, 1);
      case ScoringMode::PerMonth: return 12 * std::max(ind.per_period_max, 1);
      case ScoringMode::PerDomain: {
        int n = 0;
        for (const auto& d : rules_.domains) n += 1 + static_cast<int>(d.sub_domains.size());
        return n;
      }
      case ScoringMode::Once: return 1;
      default: return 0;
    }
  }

  static std::string unit_name(ScoringMode mode) {
    switch (mode) {
      case ScoringMode::PerQuarter: return "条（按季度）";
      case ScoringMode::PerMonth: return "个月";
      case ScoringMode::PerDomain: return "个领域";
      case ScoringMode::Once: return "次";
      default: return "项";
    }
  }

  void check_points(const Indicator& ind) {
    const std::string name = "指标" + ind.id + " " + ind.title;
    if (ind.mode == ScoringMode::SubItems) {
      check_sub_items(ind, name);
      return;
    }
    if (!ind.sub_items.empty()) {
      add(ind.line, Severity::Warning, "SUBITEMS_MISMATCH",
          name + "列有分项，但计分方式为 " + to_string(ind.mode) + "（不是 sub_items），分项分值不参与计分");
    }
    if (ind.points > ind.cap + kEpsilon) {
      add(ind.line, Severity::Warning, "POINTS_EXCEED_CAP",
          name + "每" + unit_name(ind.mode) + fmt(ind.points) + "分，超过最高分" + fmt(ind.cap) + "分");
      return;
    }
    if (ind.cap > 0 && ind.points <= 0) {
      add(ind.line, Severity::Warning, "CAP_UNREACHABLE", name + "的分值为0，永远得不到最高分" + fmt(ind.cap) + "分");
      return;
    }
    const int units = max_units(ind);
    if (units > 0 && ind.points * units + kEpsilon < ind.cap) {
      std::string how;
      switch (ind.mode) {
        case ScoringMode::PerQuarter:
          how = "每季度最多" + std::to_string(std::max(ind.per_period_max, 1)) + "条、每条" + fmt(ind.points) +
                "分，全年最多" + fmt(ind.points * units) + "分";
          break;
        case ScoringMode::PerMonth:
          how = "每月" + fmt(ind.points) + "分，全年最多" + fmt(ind.points * units) + "分";
          break;
        case ScoringMode::PerDomain:
          how = "已定义的领域和细分领域共" + std::to_string(units) + "个、每个" + fmt(ind.points) + "分，最多" +
                fmt(ind.points * units) + "分";
          break;
        default: how = "一次性计" + fmt(ind.points) + "分"; break;
      }
      add(ind.line, Severity::Warning, "CAP_UNREACHABLE", name + "：" + how + "，达不到最高分" + fmt(ind.cap) + "分");
    }
  }

  void check_sub_items(const Indicator& ind, const std::string& name) {
    if (ind.sub_items.empty()) {
      add(ind.line, Severity::Warning, "SUBITEMS_MISMATCH", name + "的计分方式为 sub_items，但没有列出分项");
      return;
    }
    double sum = 0;
    std::vector<std::string> parts;
    for (const auto& sub : ind.sub_items) {
      if (sub.cap > 0 && sub.points > sub.cap + kEpsilon) {
        add(ind.line, Severity::Warning, "POINTS_EXCEED_CAP",
            name + "的分项" + quote(sub.title) + "分值" + fmt(sub.points) + "分，超过其最高分" + fmt(sub.cap) + "分");
      }
      const double cap = sub.cap > 0 ? sub.cap : sub.points;
      sum += cap;
      parts.push_back(sub.title + " " + fmt(cap) + "分");
    }
    if (!same(sum, ind.cap)) {
      add(ind.line, Severity::Warning, "SUBITEMS_MISMATCH",
          name + "的最高分为" + fmt(ind.cap) + "分，但各分项合计" + fmt(sum) + "分（" + join(parts, "、") + "）");
    }
  }

  void check_category_totals() {
    for (const auto& cat : rules_.categories) {
      if (cat.total <= 0) continue;
      double sum = 0;
      std::vector<std::string> parts;
      for (const auto& ind : rules_.indicators) {
        if (ind.category != cat.id || ind.mode == ScoringMode::Tasks) continue;
        sum += ind.cap;
        parts.push_back(ind.id + " " + fmt(ind.cap) + "分");
      }
      if (!same(sum, cat.total)) {
        add(cat.line, Severity::Warning, "CATEGORY_TOTAL_MISMATCH",
            "类别“" + cat.id + " " + cat.title + "”印制的总分为" + fmt(cat.total) + "分，但其指标最高分合计为" +
                fmt(sum) + "分（" + (parts.empty() ? "没有指标" : join(parts, "、")) + "）");
      }
    }
  }

  void check_total() {
    if (rules_.total <= 0) return;
    double categories = 0;
    bool any_category_total = false;
    for (const auto& cat : rules_.categories) {
      categories += cat.total;
      any_category_total = any_category_total || cat.total > 0;
    }
    if (any_category_total && !same(categories, rules_.total)) {
      add(0, Severity::Warning, "TOTAL_MISMATCH",
          "各类别总分合计为" + fmt(categories) + "分，与规则总分" + fmt(rules_.total) + "分不一致");
    }
    double caps = 0;
    for (const auto& ind : rules_.indicators) {
      if (ind.mode != ScoringMode::Tasks) caps += ind.cap;
    }
    if (!same(caps, rules_.total)) {
      add(0, Severity::Warning, "TOTAL_MISMATCH",
          "全部指标最高分合计为" + fmt(caps) + "分，与规则总分" + fmt(rules_.total) + "分不一致");
    }
  }

  const RuleSet& rules_;
  std::vector<LintMessage> messages_;
};

}  // namespace

std::vector<LintMessage> lint_rule_set(const RuleSet& rules) { return Linter(rules).run(); }

}  // namespace evpack
