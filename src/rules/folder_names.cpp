#include "evpack/rules/folder_names.hpp"
#include "evpack/util/format.hpp"

#include <cmath>
#include <cstdio>

namespace evpack {

namespace {

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

}  // namespace

std::string windows_safe_name(const std::string& name) {
  std::string out;
  for (const char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || std::string_view("\\/:*?\"<>|").find(c) != std::string_view::npos) {
      out += '_';
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  if (out.empty()) out = "_";
  static const char* const kReserved[] = {"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                          "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                          "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  std::string stem = out.substr(0, out.find('.'));
  for (auto& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* r : kReserved) {
    if (stem == r) return "_" + out;
  }
  return out;
}

std::string category_folder_name(const RuleSet& rules, const Category& category) {
  int index = 1;
  for (const auto& c : rules.categories) {
    if (c.id == category.id) break;
    ++index;
  }
  std::string name = two_digits(index) + " " + category.title;
  if (rules.scored && category.total > 0) name += "（" + format_points(category.total) + "分）";
  return windows_safe_name(name);
}

std::string bonus_folder_name(const RuleSet& rules) {
  return two_digits(static_cast<int>(rules.categories.size()) + 1) + " 加分项";
}

std::string deduction_folder_name(const RuleSet& rules) {
  return two_digits(static_cast<int>(rules.categories.size()) + 2) + " 扣分项核查材料";
}

std::string deduction_item_folder_name(const Deduction& deduction) {
  return windows_safe_name(deduction.id + " " + deduction.title);
}

std::string indicator_folder_name(const Indicator& indicator) {
  return windows_safe_name(indicator.id + " " + indicator.title);
}

std::string bonus_item_folder_name(const Bonus& bonus) {
  const auto dot = bonus.id.find('.');
  const std::string number = dot == std::string::npos ? bonus.id : bonus.id.substr(dot + 1);
  return windows_safe_name(number + " " + bonus.title);
}

}  // namespace evpack
