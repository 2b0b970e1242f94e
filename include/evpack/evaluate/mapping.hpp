// Mapping files to indicators from folder and file names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evpack/inspect/inspection.hpp"
#include "evpack/rules/rule_set.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

enum class MappedBy {
  None,          ///< maps nowhere
  FolderNumber,  ///< a folder named with the indicator number ("1.1", "1-1", "一、…/1.")
  FolderTitle,   ///< a folder named with the indicator's title or keyword
  FileName,      ///< the file name's number or keyword
};
std::string to_string(MappedBy how);

/// Where one file lands in a rule set.
struct Placement {
  std::string indicator;  ///< indicator or bonus id ("1.1", "B.6"); "" when unmapped
  std::string sub_item;   ///< sub-item id for composite indicators, or ""
  std::string domain;     ///< key domain / sub-domain named in the path, or ""
  std::string item_key;   ///< groups files of one event/item (the sub-folder under the indicator folder)
  int quarter_hint = 0;   ///< quarter named in a folder ("2025年第一季度" -> 1), 0 if none
  int month_hint = 0;     ///< month named in a folder ("3月" -> 3), 0 if none
  MappedBy how = MappedBy::None;
  bool loose_at_root = false;
  bool guide = false;  ///< the 说明.txt that `evpack init` writes: not evidence, never scored
  std::string why;     ///< Chinese, e.g. "文件夹“1.1 成立领导小组”"
};

/// Name of the guide file `evpack init` puts in each indicator folder.
inline constexpr const char* kGuideFileName = "说明.txt";

/// Maps one file by its path. Numbers in folder names win over titles, titles
/// over keywords; deeper folders win over shallower ones when they disagree
/// within the same category.
Placement map_file(const RuleSet& rules, const FileRecord& file);

/// Parses a leading indicator number in a folder/file name: "1.1", "1-1", "1．1",
/// "（一）", "一、", "01" ... Returns "" when the name starts with none.
std::string leading_number(const std::string& name);

/// The most specific key domain or sub-domain named in `text` ("机动车维修" over
/// "道路运输"), or "" when none.
std::string find_domain(const RuleSet& rules, std::string_view text);

/// Converts Chinese numerals 一..九十九 to int (0 when not a numeral).
int chinese_numeral_value(const std::string& text);

}  // namespace evpack
