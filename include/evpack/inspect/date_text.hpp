// Dates written by people: in file names, folder names and document text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evpack/core/types.hpp"

namespace evpack {

/// A date found in text, with where it was.
struct FoundDate {
  CivilDate date;
  std::string text;               ///< as written
  std::size_t offset = 0;         ///< byte offset in the searched text
  bool chinese_numerals = false;  ///< 二〇二三年四月三日 style
};

/// All full dates (year, month, day) in a text: 2025年3月5日, 2025-03-05, 2025.3.5,
/// 2025/3/5, 20250305 (only when standalone 8 digits), 二〇二三年四月三日.
/// Invalid calendar dates are skipped.
std::vector<FoundDate> find_dates(const std::string& text);

/// The date a file or folder name carries ("2025.3.18 领导小组会议.jpg",
/// "20250318会议纪要.pdf", "2025年3月18日…"). Year-month only names give nullopt.
std::optional<CivilDate> date_from_name(const std::string& name);

/// Period named in a folder: "2025年第一季度" / "一季度" / "Q1" -> quarter 1;
/// "3月" / "2025年3月" -> month 3. Zero when absent.
struct NamedPeriod {
  int year = 0;
  int quarter = 0;
  int month = 0;
};
NamedPeriod period_from_name(const std::string& name);

}  // namespace evpack
