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

#include "evpack/core/types.hpp"
#include "evpack/evaluate/check_result.hpp"
#include "evpack/report/report_model.hpp"

namespace evpack {

/// How the report names and links one file.
struct FileLink {
  std::string href;   ///< relative URL from the report to the file, percent-encoded
  std::string shown;  ///< the path shown: the original path (check) or the packed path (package)
};

/// What the report shows about the run besides the result.
struct HtmlReportContext {
  std::string input;  ///< the evidence folder or zip as the user named it
  std::string tool_version;
  CivilDate check_date;  ///< 检查日期 shown in the header; invalid = left out
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

}  // namespace evpack
