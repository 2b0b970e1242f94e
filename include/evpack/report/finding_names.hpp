// Chinese names of finding codes, for the words people read: the console, the HTML report
// and the Excel lists show the name; the code stays in the JSON report (stable across
// versions, docs/report-format.md) and in a last column or a hover title.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace evpack {

/// The Chinese name of a finding (or rule-lint, zip, package) code: "WATERMARK_EXIF_MISMATCH"
/// -> "水印时间与拍摄时间不符". A code missing from the table gives "其他问题" (never the code).
std::string finding_name_zh(const std::string& code);

/// True when the table names `code` (tests use it to find codes without a name).
bool has_finding_name(const std::string& code);

/// Every (code, name) pair of the table, in code order.
std::vector<std::pair<std::string, std::string>> finding_names();

}  // namespace evpack
