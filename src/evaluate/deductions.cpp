// Deductions: the rule set's deduction estimates from every finding (by role), and the
// fabrication signals gathered in one place.
#include "evaluator.hpp"

#include <algorithm>
#include <set>

namespace evpack::evaluation {

DeductionResult Evaluator::estimate_deduction(const Deduction& d, const std::vector<Finding>& all,
                                              const Evaluation& ev) {
  DeductionResult out{d.id, d.title, 0, 0, !d.detectable, ""};
  if (!d.detectable) {
    out.reason = "无法从材料中判断，需人工核查";
    return out;
  }
  // Findings that point at a deduction but cannot cost points by themselves: a
  // published work mobile, a wrong credit code, ledger rows that could not be
  // judged. They stay in the report as risks to look at.
  static const std::set<std::string> kNotDeducted{
      "PRIVACY_MOBILE",      "USCC_INVALID",      "D4_NOT_PUBLISHED",     "D4_DATE_UNREADABLE", "D4_DATE_ORDER",
      "D4_CALENDAR_UNKNOWN", "D4_LEDGER_COLUMNS", "D4_LEDGER_UNREADABLE", "D4_LEDGER_MISSING",  "CALENDAR_UNREADABLE"};
  std::set<std::string> indicators;
  std::set<std::string> privacy_files;  // one leak per file, whatever it lists
  for (const auto& f : all) {
    if (f.rule != d.id || f.severity < Severity::Warning || kNotDeducted.count(f.code)) continue;
    if (f.code.rfind("PRIVACY_", 0) == 0 && !privacy_files.insert(f.file).second) continue;
    ++out.occurrences;
    if (!f.indicator.empty()) indicators.insert(f.indicator);
  }
  switch (d.effect) {
    case DeductionEffect::ZeroTotal:
      out.reason =
          out.occurrences ? "发现" + std::to_string(out.occurrences) + "项风险，一经查实总分扣至0分" : "未发现风险";
      break;
    case DeductionEffect::MinusEach:
      out.points = out.occurrences * d.points;
      out.reason =
          out.occurrences ? std::to_string(out.occurrences) + "处，每处扣" + fmt_points(d.points) + "分" : "未发现";
      break;
    case DeductionEffect::MinusPerDomain:
      out.points = static_cast<double>(indicators.size()) * d.points;
      out.reason = out.occurrences ? "涉及" + std::to_string(indicators.size()) + "个领域" : "未发现";
      break;
    case DeductionEffect::MinusOnce:
      out.points = out.occurrences ? d.points : 0;
      out.reason =
          out.occurrences ? std::to_string(out.occurrences) + "处问题，扣" + fmt_points(d.points) + "分" : "未发现";
      break;
    case DeductionEffect::ZeroIndicator: {
      std::vector<std::string> zeroed;
      for (const auto& r : ev.indicators) {
        if (std::any_of(r.zeroed_by.begin(), r.zeroed_by.end(), [&](const ZeroCause& z) { return z.rule == d.id; })) {
          zeroed.push_back(r.id);
        }
      }
      out.occurrences = static_cast<int>(zeroed.size());
      out.reason = zeroed.empty() ? "未发现" : "指标" + join(zeroed, "、") + "被扣为0分";
      break;
    }
  }
  return out;
}

// Every fabrication signal, from the inspectors (editing software, reused photos) and from
// evaluation (future dates, the same material under several indicators), in one place.
FabricationSection Evaluator::fabrication_section(const std::vector<Finding>& all) const {
  FabricationSection out;
  std::set<std::string> files;
  for (const auto& f : all) {
    if (f.role != DeductionRole::Fabrication || f.severity < Severity::Warning) continue;
    out.signals.push_back(f);
    if (!f.file.empty()) files.insert(f.file);
  }
  sort_findings(out.signals);
  out.files = static_cast<int>(files.size());
  if (out.signals.empty()) {
    out.summary = "未发现弄虚作假（抄袭、雷同、伪造）迹象";
  } else {
    const Deduction* d1 = rules_.deduction_for(DeductionRole::Fabrication);
    const bool cancels = rules_.scored && d1 && d1->effect == DeductionEffect::ZeroTotal;
    out.summary = "发现" + std::to_string(out.signals.size()) +
                  "项可能被认定为弄虚作假（抄袭、雷同、伪造）的问题，涉及" + std::to_string(out.files) + "个文件。" +
                  (cancels ? "一经查实，将取消验收通过资格，总分直接扣至0分。" : "一经查实，可能导致验收不予通过。") +
                  "请逐项核实，换成真实、原始的材料后再提交。";
  }
  return out;
}

}  // namespace evpack::evaluation

namespace evpack {

// Runs over every finding a report shows (app) and over all findings before the
// deductions are estimated (evaluate): the one place a role becomes an id.
void name_deductions(const RuleSet& rules, std::vector<Finding>& findings) {
  for (Finding& f : findings) {
    if (f.role != DeductionRole::None) f.rule = rules.deduction_id(f.role);
  }
}

}  // namespace evpack
