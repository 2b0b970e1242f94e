// What every report says beside the check's own messages: the report language, who fixes a
// finding (责任科室: lead and supporting units) and generic advice. Shared by the HTML, Excel
// and console reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/check_result.hpp"

namespace evpack {

/// Language of the words the report itself adds (headings, labels). Messages produced by
/// the check (findings, reasons) are Chinese in both.
enum class ReportLang { Zh, En };

/// "zh", "zh-CN", "zh_CN" -> Zh; "en", "en-US" ... -> En; nullopt for anything else.
std::optional<ReportLang> parse_report_lang(const std::string& text);

/// A severity's name: 致命/严重/警告/提示, or Fatal/Error/Warning/Info.
std::string severity_label(Severity severity, ReportLang lang);

/// Responsible units (责任科室) for a finding, the lead unit first: the units of its indicator
/// (its `lead:` first, else in the rule file's order), else those of the indicator (or deduction,
/// for a 双公示 ledger) its file is mapped to, else the units its deduction lists (D.4, D.5);
/// {"未指定科室"} ("Unassigned") when none.
std::vector<std::string> responsible_units(const CheckResult& result, const Finding& finding,
                                           ReportLang lang = ReportLang::Zh);

/// The one unit that leads the fix of a finding (牵头): the first of responsible_units.
std::string lead_unit(const CheckResult& result, const Finding& finding, ReportLang lang = ReportLang::Zh);

/// The other responsible units (配合), possibly none.
std::vector<std::string> supporting_units(const CheckResult& result, const Finding& finding,
                                          ReportLang lang = ReportLang::Zh);

/// Every responsible unit: those of the rule table in its order (indicators, bonuses, deductions),
/// then other units named by findings, and 未指定科室 last when some finding has no unit.
std::vector<std::string> units_in_order(const CheckResult& result, ReportLang lang = ReportLang::Zh);

/// The advice to show for a finding: its own advice, else a generic one by severity.
std::string fix_advice(const Finding& finding, ReportLang lang = ReportLang::Zh);

}  // namespace evpack
