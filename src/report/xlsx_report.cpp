#include "evpack/report/xlsx_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

struct Tr {
  ReportLang lang;
  std::string operator()(const char* zh, const char* en) const { return lang == ReportLang::En ? en : zh; }
};

std::string indicator_title(const RuleSet& rules, const std::string& id) {
  if (id.empty()) return "";
  if (const Indicator* ind = rules.find_indicator(id)) return ind->title;
  for (const auto& b : rules.bonuses) {
    if (b.id == id) return b.title;
  }
  return "";
}

// Excel sorts and filters numbers as numbers: points stay doubles, rounded to the half points
// the tables use so that 2.0000000001 never shows.
double points(double v) { return std::round(v * 100) / 100; }

std::string status_text(const IndicatorResult& i, bool scored, const Tr& t) {
  if (!i.zeroed_by.empty()) return t("被扣为0分", "Zeroed");
  if (!scored || i.mode == ScoringMode::Tasks)
    return i.files.empty() ? t("无材料", "No evidence") : t("已有材料", "Evidence found");
  if (i.cap > 0 && i.points + 1e-9 >= i.cap) return t("满分", "Full");
  if (i.points > 0) return t("部分得分", "Partial");
  return i.files.empty() ? t("无材料", "No evidence") : t("未得分", "No points");
}

// The finding's name people read (Chinese; the code in the English workbook, whose code
// column then repeats it).
std::string finding_name(const Finding& f, ReportLang lang) {
  return lang == ReportLang::En ? f.code : finding_name_zh(f.code);
}

Sheet findings_sheet(const CheckResult& result, ReportLang lang) {
  const Tr t{lang};
  Sheet sheet;
  sheet.name = t("问题清单", "Findings");
  sheet.columns = {
      {t("序号", "No."), 0, false},
      {t("严重程度", "Severity"), 0, false},
      {t("扣分规则", "Rule"), 0, false},
      {t("指标", "Indicator"), 0, false},
      {t("指标名称", "Indicator title"), 0, false},
      {t("牵头科室", "Lead unit"), 16, true},
      {t("配合科室", "Supporting units"), 20, true},
      {t("问题名称", "Finding"), 18, true},
      {t("问题说明", "Details"), 50, true},
      {t("整改建议", "How to fix"), 40, true},
      {t("文件", "File"), 40, true},
      {t("代码", "Code"), 0, false},
  };
  double n = 0;
  for (const auto& f : result.findings) {
    sheet.rows.push_back({++n, severity_label(f.severity, lang), f.rule, f.indicator,
                          indicator_title(result.rules, f.indicator), lead_unit(result, f, lang),
                          join_nonempty(supporting_units(result, f, lang), "、"), finding_name(f, lang), f.message,
                          fix_advice(f, lang), f.file, f.code});
  }
  return sheet;
}

Sheet scores_sheet(const CheckResult& result, ReportLang lang) {
  const Tr t{lang};
  const Evaluation& ev = result.evaluation;
  Sheet sheet;
  sheet.name = t("得分估算", "Scores");
  sheet.columns = {
      {t("编号", "No."), 0, false},        {t("指标", "Indicator"), 0, false}, {t("类别", "Category"), 0, false},
      {t("预计得分", "Points"), 0, false}, {t("满分", "Cap"), 0, false},       {t("修正后可得", "If fixed"), 0, false},
      {t("状态", "Status"), 0, false},     {t("说明", "Reason"), 60, true},    {t("责任科室", "Units"), 30, true},
      {t("文件数", "Files"), 0, false},
  };
  for (const auto& i : ev.indicators) {
    std::string category = i.category;
    for (const auto& c : ev.categories) {
      if (c.id == i.category) category = c.title;
    }
    sheet.rows.push_back({i.id, i.title, category, points(i.points), points(i.cap), points(i.points_if_fixed),
                          status_text(i, result.rules.scored, t), i.reason, join_nonempty(i.units, "、"),
                          static_cast<double>(i.files.size())});
  }
  for (const auto& b : ev.bonuses) {
    std::vector<std::string> units;
    for (const auto& rb : result.rules.bonuses) {
      if (rb.id == b.id) units = rb.units;
    }
    sheet.rows.push_back({b.id, b.title, t("加分项", "Bonus"), points(b.points), points(b.cap), points(b.points),
                          b.points > 0 ? t("加分", "Bonus") : t("未加分", "None"), b.reason, join_nonempty(units, "、"),
                          static_cast<double>(b.files.size())});
  }
  const Totals& tot = ev.totals;
  const auto fmt = format_points;
  const std::string formula =
      lang == ReportLang::En
          ? "base " + fmt(tot.base) + " + bonus " + fmt(tot.bonus) + " − deductions " + fmt(tot.deductions)
          : "基础分 " + fmt(tot.base) + " + 加分 " + fmt(tot.bonus) + " − 扣分 " + fmt(tot.deductions);
  sheet.rows.push_back({});
  sheet.rows.push_back({t("合计", "Total"), t("预计总分", "Estimated total"), std::string(), points(tot.total),
                        points(tot.nominal), SheetCell{}, std::string(), formula});
  return sheet;
}

Sheet unit_sheet(const CheckResult& result, const std::string& unit, ReportLang lang) {
  const Tr t{lang};
  Sheet sheet;
  sheet.name = t("待办-", "To-do ") + unit;
  sheet.columns = {
      {t("序号", "No."), 0, false},
      {t("严重程度", "Severity"), 0, false},
      {t("指标", "Indicator"), 0, false},
      {t("指标名称", "Indicator title"), 0, false},
      {t("问题名称", "Finding"), 18, true},
      {t("整改建议", "How to fix"), 40, true},
      {t("问题说明", "Details"), 48, true},
      {t("文件", "File"), 36, true},
      {t("配合科室", "Supporting units"), 18, true},
      {t("完成情况", "Done"), 10, false},
      {t("备注", "Notes"), 16, true},
      {t("代码", "Code"), 0, false},
  };
  // Each finding once, on its lead unit's sheet; the others are named as 配合.
  double n = 0;
  for (const auto& f : result.findings) {
    if (f.severity == Severity::Info) continue;
    if (lead_unit(result, f, lang) != unit) continue;
    sheet.rows.push_back({++n, severity_label(f.severity, lang), f.indicator,
                          indicator_title(result.rules, f.indicator), finding_name(f, lang), fix_advice(f, lang),
                          f.message, f.file, join_nonempty(supporting_units(result, f, lang), "、"), std::string(),
                          std::string(), f.code});
  }
  // Conditions only a person can judge belong on the list of the indicator's lead unit.
  for (const auto& i : result.evaluation.indicators) {
    if (i.manual_checks.empty()) continue;
    const Finding owner{.indicator = i.id};
    if (lead_unit(result, owner, lang) != unit) continue;
    for (const auto& m : i.manual_checks) {
      sheet.rows.push_back({++n, t("人工核查", "Manual check"), i.id, i.title, t("人工核查", "Manual check"),
                            t("逐项核实并留存证明材料", "Verify and keep proof"), m, std::string(),
                            join_nonempty(supporting_units(result, owner, lang), "、")});
    }
  }
  return sheet;
}

}  // namespace

std::vector<Sheet> findings_sheets(const CheckResult& result, ReportLang lang) {
  std::vector<Sheet> sheets;
  sheets.push_back(findings_sheet(result, lang));
  sheets.push_back(scores_sheet(result, lang));
  for (const auto& unit : units_in_order(result, lang)) {
    Sheet s = unit_sheet(result, unit, lang);
    if (!s.rows.empty()) sheets.push_back(std::move(s));
  }
  return sheets;
}

Expected<bool> write_findings_xlsx(const std::string& path, const CheckResult& result, ReportLang lang) {
  WorkbookProperties properties;
  properties.title = lang == ReportLang::En ? "evpack findings" : "信用交通县验收材料自查问题清单";
  properties.author = "evpack";
  properties.subject = result.rules.title;
  return write_xlsx(path, findings_sheets(result, lang), properties);
}

}  // namespace evpack
