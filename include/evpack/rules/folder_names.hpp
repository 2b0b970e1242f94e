// Folder names evpack writes (init) and packs (pack): one naming for both, made from the
// rule set alone (used by app/init, package/package_plan and package/catalogue).
#pragma once

#include <string>

#include "evpack/rules/rule_set.hpp"

namespace evpack {

/// "01 制度建设（13分）"; the bonus group is "08 加分项" (after the last category).
std::string category_folder_name(const RuleSet& rules, const Category& category);
std::string bonus_folder_name(const RuleSet& rules);
/// "1.1 成立领导小组"; bonus items "1 创新经验被推广" inside the bonus folder.
std::string indicator_folder_name(const Indicator& indicator);
std::string bonus_item_folder_name(const Bonus& bonus);
/// "09 扣分项核查材料" (after the bonus group) and "D.4 双公示迟报漏报瞒报" inside it:
/// material a reviewer checks a deduction against (the 双公示 ledger).
std::string deduction_folder_name(const RuleSet& rules);
std::string deduction_item_folder_name(const Deduction& deduction);
/// Makes a name safe on Windows: no \ / : * ? " < > |, no trailing dot/space, not a reserved device name.
std::string windows_safe_name(const std::string& name);

}  // namespace evpack
