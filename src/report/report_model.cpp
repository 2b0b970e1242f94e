#include "evpack/report/report_model.hpp"

#include <algorithm>
#include <set>

#include "evpack/util/text.hpp"

namespace evpack {

std::optional<ReportLang> parse_report_lang(const std::string& text) {
  const std::string t = to_lower_ascii(trim(text));
  auto starts = [&](const char* p) {
    const std::string s = p;
    return t == s || t.rfind(s + "-", 0) == 0 || t.rfind(s + "_", 0) == 0;
  };
  if (starts("zh")) return ReportLang::Zh;
  if (starts("en")) return ReportLang::En;
  return std::nullopt;
}

std::string severity_label(Severity s, ReportLang lang) {
  if (lang == ReportLang::Zh) return severity_label_zh(s);
  switch (s) {
    case Severity::Fatal: return "Fatal";
    case Severity::Error: return "Error";
    case Severity::Warning: return "Warning";
    case Severity::Info: return "Info";
  }
  return "";
}

namespace {

const char* const kUnassignedZh = "未指定科室";
const char* const kUnassignedEn = "Unassigned";

// The units of an indicator or bonus, the lead (`lead:`, else the first listed) first.
std::vector<std::string> units_of(const RuleSet& rules, const std::string& id) {
  if (id.empty()) return {};
  if (const Indicator* ind = rules.find_indicator(id)) {
    std::vector<std::string> units = ind->units;
    if (!ind->lead.empty()) {
      std::erase(units, ind->lead);
      units.insert(units.begin(), ind->lead);
    }
    return units;
  }
  for (const auto& b : rules.bonuses) {
    if (b.id == id) return b.units;
  }
  if (const Deduction* d = rules.find_deduction(id)) return d->units;  // a 双公示 ledger placed under D.4
  return {};
}

}  // namespace

std::vector<std::string> responsible_units(const CheckResult& result, const Finding& finding, ReportLang lang) {
  // The finding's own indicator, else the one its file is mapped to (a broken PDF of 6.2 is
  // 6.2's to fix), else the units its deduction names (D.4: those that publish 双公示; D.5:
  // whoever assembles the materials).
  std::vector<std::string> units = units_of(result.rules, finding.indicator);
  if (units.empty() && !finding.file.empty()) {
    const auto it = std::lower_bound(result.evidence.begin(), result.evidence.end(), finding.file,
                                     [](const Evidence& e, const std::string& p) { return e.file.rel_path < p; });
    if (it != result.evidence.end() && it->file.rel_path == finding.file) {
      units = units_of(result.rules, it->placement.indicator);
    }
  }
  if (units.empty() && !finding.rule.empty()) units = units_of(result.rules, finding.rule);
  if (units.empty()) return {lang == ReportLang::En ? kUnassignedEn : kUnassignedZh};
  return units;
}

std::string lead_unit(const CheckResult& result, const Finding& finding, ReportLang lang) {
  return responsible_units(result, finding, lang).front();
}

std::vector<std::string> supporting_units(const CheckResult& result, const Finding& finding, ReportLang lang) {
  auto units = responsible_units(result, finding, lang);
  units.erase(units.begin());
  return units;
}

std::vector<std::string> units_in_order(const CheckResult& result, ReportLang lang) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  auto add = [&](const std::string& u) {
    if (seen.insert(u).second) order.push_back(u);
  };
  for (const auto& i : result.rules.indicators) {
    for (const auto& u : i.units) add(u);
  }
  for (const auto& b : result.rules.bonuses) {
    for (const auto& u : b.units) add(u);
  }
  for (const auto& d : result.rules.deductions) {
    for (const auto& u : d.units) add(u);
  }
  std::set<std::string> rest;
  for (const auto& f : result.findings) {
    for (const auto& u : responsible_units(result, f, lang)) {
      if (!seen.count(u)) rest.insert(u);
    }
  }
  const std::string unassigned = lang == ReportLang::En ? kUnassignedEn : kUnassignedZh;
  for (const auto& u : rest) {
    if (u != unassigned) add(u);
  }
  if (rest.count(unassigned)) add(unassigned);
  return order;
}

std::string fix_advice(const Finding& finding, ReportLang lang) {
  if (!finding.advice.empty()) return finding.advice;
  const auto t = [lang](const char* zh, const char* en) { return std::string(lang == ReportLang::En ? en : zh); };
  switch (finding.severity) {
    case Severity::Fatal:
      return t("请立即核实：确属错误的应更正材料，确无问题的应准备书面说明",
               "Check at once: correct the material or prepare a written explanation");
    case Severity::Error: return t("请按问题说明补正或替换材料", "Correct or replace the material as described");
    case Severity::Warning: return t("请核对，必要时补正材料", "Check and correct the material if needed");
    case Severity::Info: return t("供参考，一般无需处理", "For information; usually nothing to do");
  }
  return "";
}

}  // namespace evpack
