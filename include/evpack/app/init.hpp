// `evpack init`: the empty categorized folder tree a bureau starts from.
#pragma once

#include <string>

#include "evpack/core/expected.hpp"
#include "evpack/rules/rule_set.hpp"

namespace evpack {

struct InitSummary {
  int folders_created = 0;
  int guides_written = 0;
  int existing_kept = 0;  ///< folders that were already there (never overwritten)
};

/// Creates one folder per category and indicator under `dir` with a 说明.txt
/// (UTF-8 with BOM, CRLF, so old Windows Notepad shows it) saying what evidence
/// each indicator needs. Existing files are never overwritten.
Expected<InitSummary> init_evidence_tree(const std::string& dir, const RuleSet& rules);

/// The text of one indicator's 说明.txt (LF line endings; CRLF is applied on write).
std::string indicator_guide_text(const RuleSet& rules, const Indicator& indicator);

}  // namespace evpack
