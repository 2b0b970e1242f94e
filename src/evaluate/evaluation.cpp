// evaluate(): the order of the checks, the indicators and bonuses, the totals. The parts
// of the evaluator are listed in evaluator.hpp.
#include "evpack/evaluate/evaluation.hpp"

#include <algorithm>
#include <set>

#include "evaluator.hpp"
#include "evpack/evaluate/reuse.hpp"

namespace evpack::evaluation {

Evaluator::Evaluator(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
                     const std::vector<Finding>& earlier)
    : rules_(rules), evidence_(evidence), earlier_(earlier), as_of_(options.as_of) {
  year_ = options.year ? options.year : rules.year;
  // A multi-year system (2023-2025) counts evidence of all its years unless one year is asked for.
  system_last_year_ = rules.end_year > rules.year ? rules.end_year : rules.year;
  last_year_ = options.year ? options.year : system_last_year_;
  for (std::size_t i = 0; i < evidence_.size(); ++i) {
    if (evidence_[i].placement.guide) continue;  // evpack's own 说明.txt is not evidence
    by_indicator_[evidence_[i].placement.indicator].push_back(i);
  }
}

Evaluation Evaluator::run() {
  Evaluation out;
  check_placements();
  check_dates();
  check_duplicates();
  check_same_text();
  check_names();
  check_watermark_exif();
  // Fabrication: the same or a near-same photo filed as evidence more than once.
  for (auto& f : find_reused_photos(evidence_)) findings_.push_back(std::move(f));
  name_deductions(rules_, findings_);
  for (const auto& ind : rules_.indicators) out.indicators.push_back(score_indicator(ind));
  for (const auto& bonus : rules_.bonuses) out.bonuses.push_back(score_bonus(bonus));
  add_totals(out);

  // Per-file findings from the inspectors, and those of scanning and unpacking, feed the
  // deduction estimates too.
  std::vector<Finding> all = findings_;
  all.insert(all.end(), earlier_.begin(), earlier_.end());
  for (const auto& e : evidence_) {
    all.insert(all.end(), e.inspection.findings.begin(), e.inspection.findings.end());
  }
  name_deductions(rules_, all);
  for (const auto& d : rules_.deductions) out.deductions.push_back(estimate_deduction(d, all, out));
  for (const auto& d : out.deductions) {
    out.totals.deductions += d.points;
    if (d.manual) out.manual_checks.push_back(d.id + " " + d.title + "：" + d.reason);
  }
  out.fabrication = fabrication_section(all);
  out.totals.d1_risks = static_cast<int>(out.fabrication.signals.size());
  out.totals.total = std::max(0.0, out.totals.base + out.totals.bonus - out.totals.deductions);
  sort_findings(findings_);
  out.findings = findings_;
  return out;
}

// Task coverage, category points and the base and bonus totals of scored indicators.
void Evaluator::add_totals(Evaluation& out) const {
  for (const auto& r : out.indicators) {
    if (!r.task) continue;
    ++out.coverage.tasks;
    if (r.items > 0) ++out.coverage.with_evidence;
    switch (r.status) {
      case TaskStatus::Done: ++out.coverage.done; break;
      case TaskStatus::Partial: ++out.coverage.partial; break;
      case TaskStatus::Missing: ++out.coverage.missing; break;
      case TaskStatus::NotDue: ++out.coverage.not_due; break;
      case TaskStatus::OutOfYear: ++out.coverage.out_of_year; break;
    }
  }
  for (const auto& cat : rules_.categories) {
    CategoryResult c{cat.id, cat.title, 0, cat.total};
    for (const auto& r : out.indicators) {
      if (r.category == cat.id) c.points += r.points;
    }
    out.categories.push_back(c);
  }
  out.totals.nominal = rules_.total > 0 ? rules_.total : 100;
  for (const auto& r : out.indicators) out.totals.base += r.points;
  for (const auto& b : out.bonuses) out.totals.bonus += b.points;
}

void Evaluator::add(std::string code, Severity severity, DeductionRole role, std::string file, std::string indicator,
                    std::string message, std::string advice) {
  findings_.push_back({std::move(code), severity, rules_.deduction_id(role), std::move(file), std::move(indicator),
                       std::move(message), std::move(advice), role});
}

// True when the rule set's deduction for `role` zeroes the indicator (`zero_rules`).
bool Evaluator::zeroes(const Indicator& ind, DeductionRole role) const {
  const std::string id = rules_.deduction_id(role);
  return !id.empty() && has_rule(ind, id);
}

// The readable files of an indicator, less those that also count under an indicator it
// excludes (3.1 vs 5.3).
std::vector<std::size_t> Evaluator::countable_members(const Indicator& ind) {
  std::vector<std::size_t> members = readable_items(ind.id);
  for (const auto& other : ind.excludes) {
    std::set<std::string> hashes;
    for (const std::size_t i : readable_items(other)) hashes.insert(evidence_[i].file.sha256);
    std::erase_if(members, [&](std::size_t i) {
      const bool dup = !evidence_[i].file.sha256.empty() && hashes.count(evidence_[i].file.sha256);
      if (dup) {
        add("EXCLUDED_ELSEWHERE", Severity::Info, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
            "该材料已在指标" + other + "中计分，此处不重复计分", "");
      }
      return dup;
    });
  }
  return members;
}

// The zeroing rules of a scored indicator; where the document form costs nothing, advice.
void Evaluator::apply_zeroing_rules(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
  if (zeroes(ind, DeductionRole::DocumentForm)) {
    check_documents(ind, members, r);
  } else {
    advise_documents(ind, members);
  }
  if (zeroes(ind, DeductionRole::PhotoTime)) check_photos(ind, members, r);
  check_conditions(ind, members, r);
}

IndicatorResult Evaluator::score_indicator(const Indicator& ind) {
  IndicatorResult r;
  r.id = ind.id;
  r.title = ind.title;
  r.category = ind.category;
  r.mode = ind.mode;
  r.cap = ind.cap;
  r.units = ind.units;
  if (const auto it = by_indicator_.find(ind.id); it != by_indicator_.end()) {
    for (const std::size_t i : it->second) r.files.push_back(evidence_[i].file.rel_path);
  }
  const std::vector<std::size_t> members = countable_members(ind);
  if (ind.mode == ScoringMode::Tasks) {
    if (zeroes(ind, DeductionRole::DocumentForm)) check_documents(ind, members, r);
    if (zeroes(ind, DeductionRole::PhotoTime)) check_photos(ind, members, r);
    check_conditions(ind, members, r);
    score_task(ind, group_items(members), r);
    return r;
  }
  if (members.empty()) {
    r.reason = "未找到佐证材料";
    add("NO_EVIDENCE", Severity::Warning, DeductionRole::None, "", ind.id,
        "指标" + ind.id + " " + ind.title + " 没有佐证材料（" + format_points(ind.cap) + "分）",
        "补充材料" + owners(ind));
    return r;
  }
  apply_zeroing_rules(ind, members, r);
  const Raw raw = score_mode(ind, members, r);
  r.points_if_fixed = raw.if_fixed >= 0 ? raw.if_fixed : raw.points;
  if (r.zeroed_by.empty()) {
    r.points = raw.points;
    r.reason = raw.reason;
  } else {
    r.points = 0;
    std::set<std::string> rules;
    for (const auto& z : r.zeroed_by) rules.insert(z.shown());
    r.reason = "被" + join(std::vector<std::string>(rules.begin(), rules.end()), "、") + "扣为0分（" +
               r.zeroed_by.front().message + (r.zeroed_by.front().file.empty() ? "" : "：" + r.zeroed_by.front().file) +
               (r.zeroed_by.size() > 1 ? " 等" + std::to_string(r.zeroed_by.size()) + "处" : "") + "）；修正后可得" +
               format_points(raw.points) + "分：" + raw.reason;
  }
  return r;
}

BonusResult Evaluator::score_bonus(const Bonus& bonus) {
  BonusResult b{bonus.id, bonus.title, 0, bonus.cap, {}, ""};
  if (const auto it = by_indicator_.find(bonus.id); it != by_indicator_.end()) {
    for (const std::size_t i : it->second) b.files.push_back(evidence_[i].file.rel_path);
  }
  const std::vector<Item> items = group_items(readable_items(bonus.id));
  if (items.empty()) {
    b.reason = "无材料";
    return b;
  }
  const double cap = bonus.cap > 0 ? bonus.cap : bonus.points;
  b.points = std::min(cap, static_cast<double>(items.size()) * bonus.points);
  b.reason = "共" + std::to_string(items.size()) + "项材料";
  return b;
}

}  // namespace evpack::evaluation

namespace evpack {

std::string to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::Done: return "done";
    case TaskStatus::Partial: return "partial";
    case TaskStatus::Missing: return "missing";
    case TaskStatus::NotDue: return "not_due";
    case TaskStatus::OutOfYear: return "out_of_year";
  }
  return "missing";
}

std::string task_status_label_zh(TaskStatus status) {
  switch (status) {
    case TaskStatus::Done: return "已完成";
    case TaskStatus::Partial: return "部分完成";
    case TaskStatus::Missing: return "缺佐证";
    case TaskStatus::NotDue: return "未到期";
    case TaskStatus::OutOfYear: return "不在本年度";
  }
  return "缺佐证";
}

Evaluation evaluate(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
                    const std::vector<Finding>& earlier) {
  return evaluation::Evaluator(rules, evidence, options, earlier).run();
}

}  // namespace evpack
