// Repairs of what OCR reads off a scanned document: the number line and the
// 成文日期. Each repair is narrow (it fixes misreadings seen on real scans and
// leaves any other text unchanged); the verdicts built on them say they come
// from a scan.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace evpack {

/// Whether characters [i, i + 4) of a number line as OCR read it (one character
/// per element, as split_utf8_chars gives them) are its year, 19NN or 20NN.
enum class YearStart {
  None,         ///< not a year, or part of a longer number (a digit before it)
  Plain,        ///< a year
  AfterBracket  ///< a year after a 1 that follows a Han character: the opening bracket read as 1
};
YearStart year_start(const std::vector<std::string>& chars, std::size_t i);

/// A number line as OCR reads it: brackets misread as , j . | or lost, spaces
/// anywhere, 号 read as 与/弓/亏/己 ("育交发,2025j.7号"). When the line holds Han
/// characters, a four-digit year, a serial and 号 with at most two stray characters
/// between them, it is rewritten as 代字〔年〕序号号 (on its own line, with what
/// stood before and after on lines of their own); otherwise it is returned unchanged.
std::string repair_ocr_number(const std::string& line);

/// The 成文日期 under a seal loses digits of its year: "025年2月28日" and
/// "25年12月15日" become 2025年…; a year with a digit in front is left alone.
std::string repair_ocr_date(const std::string& text);

/// OCR cannot tell 〔 from ( [ 【 at scan resolution: the brackets around a
/// four-digit year, or a two-digit year right before a serial and 号, are
/// written 〔〕 (the form is then judged from the brackets' ink, year_brackets).
std::string normalise_ocr_brackets(const std::string& text);

}  // namespace evpack
