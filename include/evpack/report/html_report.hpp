// The self-check report people read: one self-contained HTML page (inline CSS and JS,
// no network) with the score gauge, category bars, indicator table, a section per
// indicator with its evidence (thumbnails, document verdicts, periods covered, what is
// missing), the risks by severity and by responsible unit, and the unmapped files.
// Format and anchors: docs/report-format.md.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evpack/evaluate/check_result.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// Language of the words the report itself adds (headings, labels). Messages produced by
/// the check (findings, reasons) are Chinese in both.
enum class ReportLang { Zh, En };

/// "zh", "zh-CN", "zh_CN" -> Zh; "en", "en-US" ... -> En; nullopt for anything else.
std::optional<ReportLang> parse_report_lang(const std::string& text);

/// How the report names and links one file.
struct FileLink {
  std::string href;   ///< relative URL from the report to the file, percent-encoded
  std::string shown;  ///< the path shown: the original path (check) or the packed path (package)
};

/// What the report shows about the run besides the result.
struct HtmlReportContext {
  std::string input;         ///< the evidence folder or zip as the user named it
  std::string tool_version;
  CivilDate check_date;      ///< 检查日期 shown in the header; invalid = left out
  ReportLang lang = ReportLang::Zh;
  /// FileRecord::rel_path -> its link. Files without one are named by rel_path, unlinked
  /// (a check of a zip: its files are gone after the check).
  std::map<std::string, FileLink> file_links;
};

/// A relative URL from a document in folder `from_dir` to the file `target` (both paths as
/// on disk, relative to the working directory or absolute): "../青石县佐证材料/1.1%20….pdf".
/// Every byte but unreserved characters, '/' and non-ASCII UTF-8 is percent-encoded
/// (browsers show the Chinese as is; '#', '?', '%' and spaces must not end the path).
std::string relative_file_href(const std::string& from_dir, const std::string& target);

/// Percent-encodes a '/'-separated relative path for an href, as relative_file_href does.
std::string href_encode_path(const std::string& path);

/// Renders the report as one UTF-8 HTML document. `thumbnails` are JPEG bytes as returned
/// by make_thumbnails (app/thumbnails.hpp; empty vector: no thumbnails). Pure and deterministic: the same
/// result, context and thumbnails give the same bytes.
std::string render_html_report(const CheckResult& result, const HtmlReportContext& context,
                               const std::vector<std::string>& thumbnails = {});

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
