// Dates written by people. Hand-written scanners over code points rather than
// std::regex: the inputs are UTF-8 with full-width digits and OCR spacing, and
// this runs over every page of every document.
#include "evpack/inspect/date_text.hpp"

#include <cstdint>

#include "evpack/util/text.hpp"

namespace evpack {
namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

/// One code point with the byte offset it starts at.
struct Glyph {
  char32_t cp = 0;
  std::size_t offset = 0;
  std::size_t length = 0;
};

std::vector<Glyph> decode(const std::string& text) {
  std::vector<Glyph> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    char32_t cp = c;
    if (c >= 0xF0 && c < 0xF8) {
      n = 4;
      cp = c & 0x07;
    } else if (c >= 0xE0) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      n = 2;
      cp = c & 0x1F;
    }
    if (n > 1) {
      if (i + n > text.size()) {
        n = 1;
        cp = 0xFFFD;
      } else {
        for (std::size_t k = 1; k < n; ++k) {
          const auto cc = static_cast<unsigned char>(text[i + k]);
          if ((cc & 0xC0) != 0x80) {
            n = 1;
            cp = 0xFFFD;
            break;
          }
          cp = (cp << 6) | (cc & 0x3F);
        }
      }
    } else if (c >= 0x80) {
      cp = 0xFFFD;
    }
    out.push_back({cp, i, n});
    i += n;
  }
  return out;
}

/// 0-9 for ASCII and full-width digits, -1 otherwise.
int digit_value(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<int>(cp - 0xFF10);
  return -1;
}

/// Digits of a Chinese-numeral year: 〇/○/零 and 一..九 (二〇二三).
int han_digit_value(char32_t cp) { return cp == U'Ｏ' ? 0 : chinese_digit_value(cp); }

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == 0xA0; }

/// Separators accepted between year, month and day in numeric dates.
bool is_numeric_separator(char32_t cp) {
  return cp == U'-' || cp == U'.' || cp == U'/' || cp == U'_' || cp == 0xFF0D || cp == 0xFF0E || cp == 0xFF0F ||
         cp == U'—' || cp == U'–';
}

char32_t canonical_separator(char32_t cp) {
  switch (cp) {
    case 0xFF0D:
    case U'—':
    case U'–': return U'-';
    case 0xFF0E: return U'.';
    case 0xFF0F: return U'/';
    default: return cp;
  }
}

class Cursor {
 public:
  explicit Cursor(const std::vector<Glyph>& glyphs) : glyphs_(glyphs) {}
  std::size_t size() const { return glyphs_.size(); }
  char32_t at(std::size_t i) const { return i < glyphs_.size() ? glyphs_[i].cp : 0; }
  std::size_t skip_spaces(std::size_t i) const {
    while (i < glyphs_.size() && is_space(glyphs_[i].cp)) ++i;
    return i;
  }
  /// Reads up to `max_digits` Arabic digits at i; returns count read.
  std::size_t read_number(std::size_t i, std::size_t max_digits, int& value) const {
    value = 0;
    std::size_t n = 0;
    while (n < max_digits && i + n < glyphs_.size()) {
      const int d = digit_value(glyphs_[i + n].cp);
      if (d < 0) break;
      value = value * 10 + d;
      ++n;
    }
    return n;
  }
  bool digit_at(std::size_t i) const { return i < glyphs_.size() && digit_value(glyphs_[i].cp) >= 0; }

 private:
  const std::vector<Glyph>& glyphs_;
};

/// Chinese numeral 1..31: 三, 十, 十二, 二十, 二十三, 三十一.
std::size_t read_han_small_number(const Cursor& c, std::size_t i, int& value) {
  value = 0;
  const int first = han_digit_value(c.at(i));
  if (c.at(i) == U'十') {
    const int unit = han_digit_value(c.at(i + 1));
    if (unit > 0) {
      value = 10 + unit;
      return 2;
    }
    value = 10;
    return 1;
  }
  if (first <= 0) return 0;
  if (c.at(i + 1) == U'十') {
    const int unit = han_digit_value(c.at(i + 2));
    if (unit > 0) {
      value = first * 10 + unit;
      return 3;
    }
    value = first * 10;
    return 2;
  }
  value = first;
  return 1;
}

bool plausible(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) return false;
  return CivilDate{year, month, day}.valid();
}

FoundDate make_found(const std::vector<Glyph>& glyphs, const std::string& text, std::size_t begin, std::size_t end,
                     CivilDate date, bool han) {
  FoundDate found;
  found.date = date;
  found.offset = glyphs[begin].offset;
  const std::size_t stop = end < glyphs.size() ? glyphs[end].offset : text.size();
  found.text = text.substr(found.offset, stop - found.offset);
  found.chinese_numerals = han;
  return found;
}

/// A month or day of a 年月日 date: one or two digits, the two maybe set apart by
/// a blank ("1 2 月", letter-spaced text). Returns the glyphs taken (digits and
/// the blank), 0 when there is no digit.
std::size_t read_han_form_number(const Cursor& c, std::size_t i, int& value) {
  const std::size_t n = c.read_number(i, 2, value);
  if (n != 1) return n;
  const std::size_t q = c.skip_spaces(i + 1);
  if (q == i + 1 || q - i > 3 || !c.digit_at(q) || c.digit_at(q + 1)) return n;
  const char32_t after = c.at(c.skip_spaces(q + 1));
  if (after != U'月' && after != U'日' && after != U'号') return n;
  value = value * 10 + digit_value(c.at(q));
  return q + 1 - i;
}

/// A year set letter-spaced, one digit at a time ("2 0 2 5 年"), before 年: its
/// value and the index one past its last digit, or 0.
std::size_t read_spaced_year(const Cursor& c, std::size_t i, int& year) {
  year = 0;
  std::size_t p = i;
  for (int k = 0; k < 4; ++k) {
    if (k > 0) {
      const std::size_t q = c.skip_spaces(p);
      if (q == p || q - p > 2) return 0;  // one or two blanks between the digits
      p = q;
    }
    const int d = digit_value(c.at(p));
    if (d < 0) return 0;
    year = year * 10 + d;
    ++p;
  }
  if (c.digit_at(p) || c.at(c.skip_spaces(p)) != U'年') return 0;
  return p;
}

/// Tries a numeric date starting at i (i is the first year digit, not preceded by a digit).
/// On success returns the index one past the date.
std::size_t match_numeric(const Cursor& c, std::size_t i, CivilDate& out) {
  int year = 0;
  std::size_t p = i + 4;
  if (c.read_number(i, 4, year) != 4) {
    p = read_spaced_year(c, i, year);
    if (p == 0) return 0;
  }
  // Standalone 8 digits: 20250318.
  if (c.digit_at(p)) {
    int month = 0;
    int day = 0;
    if (c.read_number(p, 2, month) != 2 || c.read_number(p + 2, 2, day) != 2) return 0;
    if (c.digit_at(p + 4)) return 0;
    if (!plausible(year, month, day)) return 0;
    out = {year, month, day};
    return p + 4;
  }
  p = c.skip_spaces(p);
  const char32_t sep = c.at(p);
  const bool han = sep == U'年';
  if (!han && !is_numeric_separator(sep)) return 0;
  p = c.skip_spaces(p + 1);
  int month = 0;
  std::size_t month_digits = han ? read_han_form_number(c, p, month) : c.read_number(p, 2, month);
  if (month_digits == 0 || c.digit_at(p + month_digits)) return 0;
  p = c.skip_spaces(p + month_digits);
  if (han) {
    if (c.at(p) != U'月') return 0;
  } else if (canonical_separator(c.at(p)) != canonical_separator(sep)) {
    return 0;
  }
  p = c.skip_spaces(p + 1);
  int day = 0;
  const std::size_t day_digits = han ? read_han_form_number(c, p, day) : c.read_number(p, 2, day);
  if (day_digits == 0 || c.digit_at(p + day_digits)) return 0;
  p += day_digits;
  if (han) {
    const std::size_t q = c.skip_spaces(p);
    if (c.at(q) == U'日' || c.at(q) == U'号') p = q + 1;
  } else if (canonical_separator(sep) == U'.' && c.at(p) == U'.' && c.digit_at(p + 1)) {
    return 0;  // 2025.3.18.5 is a version number, not a date
  }
  if (!plausible(year, month, day)) return 0;
  out = {year, month, day};
  return p;
}

/// A digit of a Chinese-numeral year as people type and OCR reads it: the zero
/// of 二〇二五 is also written ○, 零, a Latin or full-width O, a Cyrillic О, ◯ or the
/// digit 0 (二O二五, 二0二五: the IME's 〇 is hard to find, and fonts draw them alike).
int han_year_digit(char32_t cp) {
  switch (cp) {
    case U'O':
    case U'o':
    case U'0':
    case 0x041E:  // Cyrillic О
    case 0x25EF:  // ◯
      return 0;
    default: return han_digit_value(cp);
  }
}

/// Reads a number in Han digits at p and then, after any spaces, `unit` or `alt`
/// (四月, 十二 日): the position after the unit, or 0 when either is missing.
std::size_t read_han_field(const Cursor& c, std::size_t p, int& value, char32_t unit, char32_t alt) {
  const std::size_t n = read_han_small_number(c, p, value);
  if (n == 0) return 0;
  p = c.skip_spaces(p + n);
  if (c.at(p) != unit && c.at(p) != alt) return 0;
  return p + 1;
}

/// Tries 二〇二三年四月三日 at i (letter-spaced too: 二 〇 二 三 年 四 月 三 日).
std::size_t match_han(const Cursor& c, std::size_t i, CivilDate& out) {
  int year = 0;
  std::size_t p = i;
  for (std::size_t k = 0; k < 4; ++k) {
    if (k > 0) p = c.skip_spaces(p);
    const int d = han_year_digit(c.at(p));
    if (d < 0) return 0;
    year = year * 10 + d;
    ++p;
  }
  p = c.skip_spaces(p);
  if (c.at(p) != U'年') return 0;
  int month = 0;
  p = read_han_field(c, c.skip_spaces(p + 1), month, U'月', U'月');
  if (p == 0) return 0;
  int day = 0;
  p = read_han_field(c, c.skip_spaces(p), day, U'日', U'号');
  if (p == 0 || !plausible(year, month, day)) return 0;
  out = {year, month, day};
  return p;
}

}  // namespace

std::vector<FoundDate> find_dates(const std::string& text) {
  std::vector<FoundDate> found;
  const auto glyphs = decode(text);
  const Cursor c(glyphs);
  std::size_t i = 0;
  while (i < glyphs.size()) {
    CivilDate date;
    if (digit_value(glyphs[i].cp) >= 0 && (i == 0 || digit_value(glyphs[i - 1].cp) < 0)) {
      if (const std::size_t end = match_numeric(c, i, date)) {
        found.push_back(make_found(glyphs, text, i, end, date, false));
        i = end;
        continue;
      }
      while (i < glyphs.size() && digit_value(glyphs[i].cp) >= 0) ++i;  // skip the rest of this number
      continue;
    }
    if (han_digit_value(glyphs[i].cp) >= 0 && (i == 0 || han_year_digit(glyphs[i - 1].cp) < 0)) {
      if (const std::size_t end = match_han(c, i, date)) {
        found.push_back(make_found(glyphs, text, i, end, date, true));
        i = end;
        continue;
      }
    }
    ++i;
  }
  return found;
}

std::optional<CivilDate> date_from_name(const std::string& name) {
  const auto dates = find_dates(name);
  if (dates.empty()) return std::nullopt;
  return dates.front().date;
}

namespace {

/// Reads a month number (Arabic 1-12 or Chinese 一..十二) ending just before glyph `end`.
int month_before(const Cursor& c, std::size_t end) {
  if (end == 0) return 0;
  std::size_t i = end;
  while (i > 0 && is_space(c.at(i - 1))) --i;
  // Arabic digits.
  std::size_t start = i;
  while (start > 0 && digit_value(c.at(start - 1)) >= 0) --start;
  if (start < i) {
    if (i - start > 2) return 0;
    int value = 0;
    c.read_number(start, 2, value);
    return value >= 1 && value <= 12 ? value : 0;
  }
  // Chinese numerals, longest suffix that parses fully.
  for (std::size_t len = 3; len >= 1; --len) {
    if (i < len) continue;
    int value = 0;
    if (read_han_small_number(c, i - len, value) == len && value >= 1 && value <= 12) {
      // Do not take "十" out of "二十" etc.: the char before must not be a Han digit.
      if (i - len > 0 && (han_digit_value(c.at(i - len - 1)) >= 0 || c.at(i - len - 1) == U'十')) continue;
      return value;
    }
  }
  return 0;
}

int quarter_digit(char32_t cp) {
  const int d = digit_value(cp);
  if (d >= 1 && d <= 4) return d;
  const int h = han_digit_value(cp);
  if (h >= 1 && h <= 4) return h;
  return 0;
}

}  // namespace

NamedPeriod period_from_name(const std::string& name) {
  NamedPeriod period;
  const auto glyphs = decode(name);
  const Cursor c(glyphs);
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const char32_t cp = glyphs[i].cp;
    // Year: four digits not part of a longer number, 1990..2100.
    if (period.year == 0 && digit_value(cp) >= 0 && (i == 0 || digit_value(c.at(i - 1)) < 0)) {
      int year = 0;
      if (c.read_number(i, 4, year) == 4 && year >= kMinYear && year <= kMaxYear) {
        const std::size_t after = i + 4;
        // 20250318 is a date, its year still counts; 12345 is not a year.
        if (!c.digit_at(after) || (c.digit_at(after + 3) && !c.digit_at(after + 4))) period.year = year;
      }
    }
    // Quarter: 第一季度, 一季度, 1季度, 第1季, Q1.
    if (period.quarter == 0 && cp == U'季' && i > 0) {
      period.quarter = quarter_digit(c.at(i - 1));
    }
    if (period.quarter == 0 && (cp == U'Q' || cp == U'q') &&
        (i == 0 || !((c.at(i - 1) >= U'a' && c.at(i - 1) <= U'z') || (c.at(i - 1) >= U'A' && c.at(i - 1) <= U'Z')))) {
      const int q = quarter_digit(c.at(i + 1));
      if (q > 0 && !c.digit_at(i + 2)) period.quarter = q;
    }
    // Month: N月 (not 月度/月份 after a non-number such as 宣传月).
    if (period.month == 0 && cp == U'月') {
      period.month = month_before(c, i);
    }
  }
  if (period.month == 0) {
    // 2025.03 / 2025-3 style (a year followed by a month only).
    for (std::size_t i = 0; i + 5 < glyphs.size(); ++i) {
      int year = 0;
      if ((i > 0 && c.digit_at(i - 1)) || c.read_number(i, 4, year) != 4 || year < kMinYear || year > kMaxYear)
        continue;
      const char32_t sep = c.at(i + 4);
      if (sep != U'.' && sep != U'-' && sep != U'_' && sep != 0xFF0E) continue;
      int month = 0;
      const std::size_t n = c.read_number(i + 5, 2, month);
      if (n == 0 || c.digit_at(i + 5 + n)) continue;
      const char32_t next = c.at(i + 5 + n);
      if (is_numeric_separator(next) && c.digit_at(i + 6 + n)) continue;  // a full date
      if (month >= 1 && month <= 12) period.month = month;
      break;
    }
  }
  if (period.month > 0 && period.quarter == 0) period.quarter = (period.month - 1) / 3 + 1;
  return period;
}

}  // namespace evpack
