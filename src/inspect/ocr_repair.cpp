// Repairs of what Tesseract reads off a scanned document's number line and date.
#include "evpack/inspect/ocr_repair.hpp"

#include <regex>
#include <vector>

#include "evpack/util/text.hpp"

namespace evpack {

YearStart year_start(const std::vector<std::string>& chars, std::size_t i) {
  if (i + 4 > chars.size()) return YearStart::None;
  for (std::size_t k = i; k < i + 4; ++k) {
    if (!is_ascii_digit_char(chars[k])) return YearStart::None;
  }
  if (chars[i] + chars[i + 1] != "19" && chars[i] + chars[i + 1] != "20") return YearStart::None;
  if (i == 0 || !is_ascii_digit_char(chars[i - 1])) return YearStart::Plain;
  // A digit in front makes it part of a longer number, except a 1 right after
  // Han characters: the opening bracket read as 1 ("青交发12025]16号").
  return i >= 2 && chars[i - 1] == "1" && is_han_char(chars[i - 2]) ? YearStart::AfterBracket : YearStart::None;
}

namespace {

/// Full-width digits (０-９) as ASCII ones: OCR of a number set in full-width
/// digits returns either, and the repairs below look for ASCII.
std::string ascii_digits(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const auto& ch : split_utf8_chars(text)) {
    // U+FF10..U+FF19: EF BC 90..99.
    if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF && static_cast<unsigned char>(ch[1]) == 0xBC &&
        static_cast<unsigned char>(ch[2]) >= 0x90 && static_cast<unsigned char>(ch[2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(ch[2]) - 0x90));
    } else {
      out += ch;
    }
  }
  return out;
}

/// The line with the blanks between two digits removed ("(20 25] 2 7号", a
/// letter-spaced number read digit by digit).
std::string join_spaced_digits(const std::string& line) {
  const auto chars = split_utf8_chars(line);
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const bool blank = chars[i] == " " || chars[i] == "\u3000" || chars[i] == "\t";
    if (blank && !out.empty() && out.back() >= '0' && out.back() <= '9') {
      std::size_t j = i;
      while (j < chars.size() && (chars[j] == " " || chars[j] == "\u3000" || chars[j] == "\t")) ++j;
      if (j < chars.size() && is_ascii_digit_char(chars[j])) {
        i = j - 1;
        continue;
      }
    }
    out += chars[i];
  }
  return out;
}

std::string repair_number_line(const std::string& line);

}  // namespace

/// A number line as OCR reads it off a scan: first as read, then, when no number
/// came out, with the blanks between digits taken out (a letter-spaced number,
/// "青交字 (20 25] 2 7号"). The first try keeps the blanks because one of them may
/// stand for a bracket read as 1 ("20251 115").
std::string repair_ocr_number(const std::string& read) {
  const std::string line = ascii_digits(read);
  std::string repaired = repair_number_line(line);
  if (repaired != line) return repaired;
  const std::string joined = join_spaced_digits(line);
  if (joined == line) return read;
  repaired = repair_number_line(joined);
  return repaired != joined ? repaired : read;
}

namespace {

/// A number line as OCR reads it off a scan: brackets misread as , j . | 1 or lost,
/// spaces anywhere, 号 misread as another character ("育交发,2025j.7号",
/// "青交办字 [2025] 17呈", "填交宁【20251 115总"). When the line holds Han characters,
/// a four-digit year, a serial and one character after it, with at most two stray
/// characters (spaces not counted) between them, it is rewritten as 代字〔年〕序号号;
/// otherwise it is returned unchanged.
std::string repair_number_line(const std::string& line) {
  // Runs of white space become one " ": a space still ends a run of digits.
  std::vector<std::string> chars;
  for (const auto& ch : split_utf8_chars(line)) {
    const bool space = ch == " " || ch == "\u3000" || ch == "\t";
    if (!space) {
      chars.push_back(ch);
    } else if (!chars.empty() && chars.back() != " ") {
      chars.emplace_back(" ");
    }
  }
  const auto stray = [&](std::size_t i) { return !is_han_char(chars[i]) && !is_ascii_digit_char(chars[i]); };
  const auto joined = [&](std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
      if (chars[i] != " ") out += chars[i];
    }
    return out;
  };
  for (std::size_t y = 0; y + 4 <= chars.size(); ++y) {
    const YearStart found = year_start(chars, y);
    if (found == YearStart::None) continue;
    const bool bracket_as_one = found == YearStart::AfterBracket;
    const std::string year = chars[y] + chars[y + 1] + chars[y + 2] + chars[y + 3];
    std::size_t s = y + 4;
    if (s < chars.size() && is_ascii_digit_char(chars[s])) {
      // "20251 115": the closing bracket read as 1, a space before the serial.
      if (!(chars[s] == "1" && s + 1 < chars.size() && chars[s + 1] == " ")) continue;
      ++s;
    }
    // Backwards over at most two stray characters to the agency's Han characters.
    std::size_t a = bracket_as_one ? y - 1 : y;
    int strays = bracket_as_one ? 1 : 0;
    while (a > 0 && stray(a - 1) && strays < 2) {
      --a;
      strays += chars[a] != " ";
    }
    std::size_t start = a;
    while (start > 0 && is_han_char(chars[start - 1]) && a - start < 10) --start;
    if (a - start < 2) continue;
    // Forwards over at most two stray characters to the serial.
    strays = s > y + 4 ? 1 : 0;
    while (s < chars.size() && stray(s) && (strays < 2 || chars[s] == " ")) {
      strays += chars[s] != " ";
      ++s;
    }
    std::size_t e = s;
    while (e < chars.size() && is_ascii_digit_char(chars[e]) && e - s < 5) ++e;
    // 号 itself is often misread (与, 弓, 亏, 己, 呈, 总 ...): any Han character right
    // after the serial stands for it, except the ones that make it a date.
    if (e == s || e >= chars.size() || !is_han_char(chars[e]) || chars[e] == "年" || chars[e] == "月" ||
        chars[e] == "日") {
      continue;
    }
    // The number on a line of its own (上行文 carry 签发人 on the same line).
    const std::string before = joined(0, start);
    const std::string after = joined(e + 1, chars.size());
    std::string out = before.empty() ? "" : before + "\n";
    out += joined(start, a) + "〔" + year + "〕" + joined(s, e) + "号";
    if (!after.empty()) out += "\n" + after;
    return out;
  }
  return line;
}

}  // namespace

/// The 成文日期 sits under the seal, whose ink blots characters of the date. Each
/// repair is narrow and leaves a well-read date as it is:
///   - a year digit eaten: "025年2月28日" (a three-digit year 0NN directly before 年
///     with no digit in front) and "25年12月15日" (two digits followed by a month)
///     are 20NN, the only century a current document has;
///   - a year's second character misread: "2825年", "2U25年", "AO25年" are 2025
///     (a four-character year before 年 and a month, its last two digits kept);
///   - a stray character between the year and the month: "2025人年7月",
///     "2025介了7月" are 2025年7月;
///   - 日 read as a digit at the end of the line: "2025年6月63", "12月148" are 6日, 14日
///     (only when the day would otherwise be impossible);
///   - 十 read as a plus sign: "七月+ 日", "二+三日" are 七月十日, 二十三日;
///   - the 〇 of a Chinese-numeral year blotted: "二了二五年", "二@〇二五年" are 二〇二五年.
std::string repair_ocr_date(const std::string& text) {
  std::string out = ascii_digits(text);
  // The century: "2825", "2U25", "AO25", "Z025" before 年 and a month.
  static const std::regex kCentury("(^|[^0-9A-Za-z])[2AZz][0-9A-Za-z]([0-9]{2}) ?年( ?[01]?[0-9] ?月)");
  out = std::regex_replace(out, kCentury, "$0120$2年$3");
  static const std::regex kLostDigit("(^|[^0-9])0([0-9]{2})\\s*年");
  // "25年12月15日": the whole century gone, the month still there.
  static const std::regex kTwoDigits("(^|[^0-9])(2[0-9])\\s*年\\s*([01]?[0-9])\\s*月");
  out = std::regex_replace(std::regex_replace(out, kLostDigit, "$0120$2年"), kTwoDigits, "$0120$2年$3月");
  // One or two stray Han characters (年 itself may be one of them) between year and month.
  static const std::regex kStray("(20[0-9]{2}) ?(?:[\\xE4-\\xE9][\\x80-\\xBF]{2} ?){1,2}([01]?[0-9]) ?月");
  out = std::regex_replace(out, kStray, "$1年$2月");
  // 日 read as a digit: a day of three digits, or of two above 31, at the end of a line.
  static const std::regex kDayDigit("(月 ?)([0-9]{1,2})([0-9])[ \\t]*(\\n|$)");
  std::string fixed;
  auto from = out.cbegin();
  for (std::sregex_iterator it(out.begin(), out.end(), kDayDigit), end; it != end; ++it) {
    const auto& m = *it;
    const int whole = std::stoi(m[2].str() + m[3].str());
    fixed.append(from, m[0].first);
    fixed += m[1].str() + (whole > 31 ? m[2].str() + "日" : m[2].str() + m[3].str()) + m[4].str();
    from = m[0].second;
  }
  fixed.append(from, out.cend());
  out = std::move(fixed);
  // 十 read as a plus sign in a Chinese-numeral month or day: "七月+ 日", "二+三日".
  // (Alternations, not bracket expressions: std::regex matches bytes, not UTF-8 characters.)
  static const std::regex kPlusTen("(月|一|二|三) ?(?:\\+|＋) ?((?:一|二|三|四|五|六|七|八|九)? ?日)");
  out = std::regex_replace(out, kPlusTen, "$1十$2");
  // 二〇二五年 with its 〇 blotted: one or two other characters between the two 二.
  static const std::regex kHanZero("二[^\\s]{1,6}?二(〇|一|二|三|四|五|六|七|八|九)年");
  out = std::regex_replace(out, kHanZero, "二〇二$1年");
  return out;
}

/// OCR cannot tell 〔 from ( [ 【 at scan resolution: the year brackets of a
/// number read from a scan are written 〔〕 (their form is judged from their ink
/// afterwards, year_brackets).
std::string normalise_ocr_brackets(const std::string& text) {
  static const std::regex kYear(
      "(?:\\(|（|\\[|［|【|〔|〖|﹝|\\{|｛)+\\s*((?:19|2\\d)\\d\\d)\\s*(?:\\)|）|\\]|］|】|〕|〗|﹞|\\}|｝)+");
  // A two-digit year (a form error the number check reports) only right before a serial and 号.
  static const std::regex kShortYear(
      "(?:\\(|（|\\[|［|【|〔|〖|﹝|\\{|｛)+\\s*(\\d\\d)\\s*(?:\\)|）|\\]|］|】|〕|〗|﹞|\\}|｝)+\\s*(\\d{1,4}\\s*号)");
  // A year's second digit misread ("〔2625〕"): documents of this century are 20NN.
  static const std::regex kCentury("〔2[1-9]([0-9]{2})〕");
  return std::regex_replace(std::regex_replace(std::regex_replace(text, kYear, "〔$1〕"), kShortYear, "〔$1〕$2"),
                            kCentury, "〔20$1〕");
}

}  // namespace evpack
