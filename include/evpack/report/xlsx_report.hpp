// The findings workbook for people who live in Excel/WPS (`evpack check --xlsx`): every
// finding on one sheet, the score table on another, and a to-do sheet per responsible
// unit (责任科室), each with filters, a frozen header and widths that fit Chinese text.
// Written through the spreadsheet_writer adapter; format in docs/report-format.md.
#pragma once

#include <string>
#include <vector>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/evaluate/check_result.hpp"
#include "evpack/report/html_report.hpp"

namespace evpack {

/// Sheets of the workbook, in order: 问题清单 (all findings, worst first), 得分估算 (one row
/// per indicator and bonus), then 待办-<科室> per responsible unit in the rule table's order
/// (findings above 提示 and the unit's manual checks; 未指定科室 last). English headers and
/// sheet names with ReportLang::En. Pure and deterministic.
std::vector<Sheet> findings_sheets(const CheckResult& result, ReportLang lang = ReportLang::Zh);

/// Writes the workbook to `path` atomically. Errors: XLSX_WRITE_FAILED, OUTPUT_WRITE_FAILED.
Expected<bool> write_findings_xlsx(const std::string& path, const CheckResult& result,
                                   ReportLang lang = ReportLang::Zh);

}  // namespace evpack
