// Checks on the evidence files themselves that run before scoring: personal numbers in
// each file's text, and the 双公示 ledgers against the working-day rule. They read files
// (spreadsheet cells, the ledger, the calendar beside the rule file); evaluate() then
// counts their findings like the inspectors'.
#pragma once

#include <string>
#include <vector>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/rules/rule_set.hpp"

namespace evpack {

/// Adds to `e`'s inspection findings the personal numbers (privacy_findings) in its
/// extracted text, or, for spreadsheets and CSV files that no inspector reads, in the
/// cells of the file at `path`. A form feed in the text separates pages. Never fails: an
/// unreadable table is read as no text.
void add_privacy_findings(Evidence& e, const std::string& path);

/// Checks every 双公示 ledger among `evidence` (by name, .xlsx/.xls/.csv) against the
/// 7-working-day rule with the calendar at `calendar_path`; `root` is the folder the
/// relative paths start at (files with a disk_path are read there). A ledger that maps to
/// no indicator is placed under the rule set's DeductionRole::PublicityDelay deduction (it
/// is that deduction's material, not an unmapped file). Findings about a ledger join its
/// own; the returned ones concern no single file (no ledger, no calendar). Does nothing
/// when the rule set has no such deduction.
std::vector<Finding> check_publicity_ledgers(const RuleSet& rules, std::vector<Evidence>& evidence,
                                             const std::string& calendar_path, const std::string& root);

}  // namespace evpack
