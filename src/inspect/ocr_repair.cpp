// Repairs of what Tesseract reads off a scanned document's number line and date.
#include "evpack/inspect/ocr_repair.hpp"

#include <regex>
#include <vector>

#include "evpack/util/text.hpp"

namespace evpack {

namespace {

bool is_han(const std::string& ch) {
  if (ch.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(ch[0]);
  return b0 >= 0xE4 && b0 <= 0xE9;
}

bool is_digit(const std::string& ch) { return ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9'; }

}  // namespace

/// A number line as OCR reads it off a scan: brackets misread as , j . | or lost,
/// spaces anywhere ("育交发,2025j.7号"). When the line holds Han characters, a
/// four-digit year, a serial and 号 with at most two stray characters between
/// them, it is rewritten as 代字〔年〕序号号; otherwise it is returned unchanged.
std::string repair_ocr_number(const std::string& line) {
  std::vector<std::string> chars;
  for (const auto& ch : split_utf8_chars(line)) {
    if (ch != " " && ch != "\u3000" && ch != "\t") chars.push_back(ch);
  }
  for (std::size_t y = 0; y + 4 <= chars.size(); ++y) {
    if (!(is_digit(chars[y]) && is_digit(chars[y + 1]) && is_digit(chars[y + 2]) && is_digit(chars[y + 3]))) continue;
    const std::string year = chars[y] + chars[y + 1] + chars[y + 2] + chars[y + 3];
    if (year.rfind("19", 0) != 0 && year.rfind("20", 0) != 0) continue;
    if (y + 4 < chars.size() && is_digit(chars[y + 4])) continue;
    // Backwards over at most two stray characters to the agency's Han characters.
    std::size_t a = y;
    int stray = 0;
    while (a > 0 && !is_han(chars[a - 1]) && !is_digit(chars[a - 1]) && stray < 2) {
      --a;
      ++stray;
    }
    std::size_t start = a;
    while (start > 0 && is_han(chars[start - 1]) && a - start < 10) --start;
    if (a - start < 2) continue;
    // Forwards over at most two stray characters to the serial and 号.
    std::size_t s = y + 4;
    stray = 0;
    while (s < chars.size() && !is_digit(chars[s]) && !is_han(chars[s]) && stray < 2) {
      ++s;
      ++stray;
    }
    std::size_t e = s;
    while (e < chars.size() && is_digit(chars[e]) && e - s < 5) ++e;
    // 号 is sometimes read as 与, 弓, 亏 or 己 right after the serial.
    if (e == s || e >= chars.size() ||
        (chars[e] != "号" && chars[e] != "与" && chars[e] != "弓" && chars[e] != "亏" && chars[e] != "己")) {
      continue;
    }
    std::string agency;
    for (std::size_t i = start; i < a; ++i) agency += chars[i];
    std::string serial;
    for (std::size_t i = s; i < e; ++i) serial += chars[i];
    // The number on a line of its own (上行文 carry 签发人 on the same line).
    std::string before;
    for (std::size_t i = 0; i < start; ++i) before += chars[i];
    std::string after;
    for (std::size_t i = e + 1; i < chars.size(); ++i) after += chars[i];
    std::string out = before.empty() ? "" : before + "\n";
    out += agency + "〔" + year + "〕" + serial + "号";
    if (!after.empty()) out += "\n" + after;
    return out;
  }
  return line;
}

/// The 成文日期 sits under the seal, whose ink often eats the first digit of the
/// year: "025年2月28日", "e025年6月21日". A three-digit year 0NN directly before 年
/// with no digit in front is read as 20NN (the only century a current document has),
/// and so is a two-digit year followed by a month.
std::string repair_ocr_date(const std::string& text) {
  static const std::regex kLostDigit("(^|[^0-9])0([0-9]{2})\\s*年");
  // "25年12月15日": the whole century gone, the month still there.
  static const std::regex kTwoDigits("(^|[^0-9])(2[0-9])\\s*年\\s*([01]?[0-9])\\s*月");
  return std::regex_replace(std::regex_replace(text, kLostDigit, "$0120$2年"), kTwoDigits, "$0120$2年$3月");
}

/// OCR cannot tell 〔 from ( [ 【 at scan resolution: the year brackets of a
/// number read from a scan are written 〔〕 (their form is not judged on scans).
std::string normalise_ocr_brackets(const std::string& text) {
  static const std::regex kYear("(?:\\(|（|\\[|［|【|〔|〖|﹝|\\{|｛)+\\s*((?:19|20)\\d\\d)\\s*(?:\\)|）|\\]|］|】|〕|〗|﹞|\\}|｝)+");
  // A two-digit year (a form error the number check reports) only right before a serial and 号.
  static const std::regex kShortYear(
      "(?:\\(|（|\\[|［|【|〔|〖|﹝|\\{|｛)+\\s*(\\d\\d)\\s*(?:\\)|）|\\]|］|】|〕|〗|﹞|\\}|｝)+\\s*(\\d{1,4}\\s*号)");
  return std::regex_replace(std::regex_replace(text, kYear, "〔$1〕"), kShortYear, "〔$1〕$2");
}

}  // namespace evpack
