// The package catalogue (目录): every packed file under its indicator with its date, what it
// proves, its page count and original name, plus the self-check summary. One .xlsx and one
// self-contained HTML page per volume. Pure functions of the check and the plan.
#pragma once

#include <string>
#include <vector>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/evaluate/check_result.hpp"
#include "evpack/package/package_plan.hpp"

namespace evpack {

/// Facts about the package the catalogue shows.
struct CatalogueContext {
  std::string title;  ///< "青石县验收材料"
  int volume = 0;     ///< 0-based volume this catalogue is for
  std::string tool_version;
  std::string packed_on;  ///< date shown as 打包日期 ("2025-12-01"); "" to leave out
};

/// What a file proves, in one Chinese line: document number, 成文日期, letterhead/seal verdicts,
/// watermark time, EXIF time … ("文号 章交字〔2025〕25号；成文日期 2025年3月5日；红头 有；公章 有").
std::string evidence_summary(const Evidence& evidence);

/// Sheets of 目录.xlsx: 目录 (files of this volume), 得分估算, 问题清单, 未纳入文件.
std::vector<Sheet> catalogue_sheets(const CheckResult& check, const PackagePlan& plan, const CatalogueContext& context);

/// 目录.html: the same content as one self-contained page (inline CSS, no scripts, no links out).
std::string render_catalogue_html(const CheckResult& check, const PackagePlan& plan, const CatalogueContext& context);

}  // namespace evpack
