// Small Chinese wording helpers of the evaluation's reasons and advice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evpack/rules/rule_set.hpp"

namespace evpack::evaluation {

/// "", "第一季度" … "第四季度", indexed by quarter.
extern const char* const kQuarterNames[5];

/// "3" for whole points, "1.5" otherwise.
std::string fmt_points(double v);
/// True when `needle` is non-empty and occurs in `haystack`.
bool contains(std::string_view haystack, std::string_view needle);
/// True when any of `words` occurs in `text`.
bool contains_any(std::string_view text, const std::vector<std::string>& words);
std::string join(const std::vector<std::string>& parts, const std::string& sep);
/// "1月、3月".
std::string month_list(const std::vector<int>& months);
/// "第一季度、第三季度".
std::string quarter_list(const std::vector<int>& quarters);
/// "，由局法制科牵头，A、B配合" for advice (the lead is the indicator's `lead:`, else the first
/// unit the rule file lists), or "" when the rule file names no unit.
std::string owners(const Indicator& ind);
/// The name without its last extension ("a.b.pdf" -> "a.b"; ".hidden" stays).
std::string strip_extension(const std::string& name);

}  // namespace evpack::evaluation
