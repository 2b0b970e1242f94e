#include "wording.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace evpack::evaluation {

const char* const kQuarterNames[5] = {"", "第一季度", "第二季度", "第三季度", "第四季度"};

std::string fmt_points(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

bool contains_any(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return contains(text, w); });
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string month_list(const std::vector<int>& months) {
  std::vector<std::string> parts;
  for (const int m : months) parts.push_back(std::to_string(m) + "月");
  return join(parts, "、");
}

std::string quarter_list(const std::vector<int>& quarters) {
  std::vector<std::string> parts;
  for (const int q : quarters) parts.push_back(kQuarterNames[q]);
  return join(parts, "、");
}

std::string owners(const Indicator& ind) {
  if (ind.units.empty()) return "";
  const std::string lead = ind.lead.empty() ? ind.units.front() : ind.lead;
  std::vector<std::string> others;
  for (const auto& u : ind.units) {
    if (u != lead) others.push_back(u);
  }
  return "，由" + lead + (others.empty() ? "负责" : "牵头，" + join(others, "、") + "配合");
}

std::string strip_extension(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace evpack::evaluation
