#include "evpack/inspect/doc_number.hpp"

#include <array>
#include <string_view>

#include "evpack/util/text.hpp"

namespace evpack {
namespace {

struct BracketPair {
  std::string_view open;
  std::string_view close;
  std::string_view label;  ///< how the problem names it
};

// 〔〕 is the GB/T 9704 form; the others are what people type instead.
constexpr std::array<BracketPair, 9> kBrackets{{
    {"〔", "〕", "〔〕"},
    {"[", "]", "[]"},
    {"［", "］", "［］"},
    {"【", "】", "【】"},
    {"(", ")", "()"},
    {"（", "）", "（）"},
    {"〖", "〗", "〖〗"},
    {"﹝", "﹞", "﹝﹞"},
    {"{", "}", "{}"},
}};

int digit_of(const std::string& ch) {
  if (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') return ch[0] - '0';
  // Full-width digits U+FF10..U+FF19: EF BC 90..99.
  if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF && static_cast<unsigned char>(ch[1]) == 0xBC) {
    const int c = static_cast<unsigned char>(ch[2]);
    if (c >= 0x90 && c <= 0x99) return c - 0x90;
  }
  return -1;
}

bool is_blank(const std::string& ch) { return ch == " " || ch == "\t" || ch == "\u3000" || ch == "\u00a0"; }

/// Characters a 机关代字 is made of: Han ideographs and Latin letters.
bool is_agency_char(const std::string& ch) {
  if (ch.size() == 1) return (ch[0] >= 'A' && ch[0] <= 'Z') || (ch[0] >= 'a' && ch[0] <= 'z');
  if (ch.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(ch[0]);
  const auto b1 = static_cast<unsigned char>(ch[1]);
  // U+4E00..U+9FFF: E4 B8 80 .. E9 BF BF
  return (b0 >= 0xE4 && b0 <= 0xE9) && !(b0 == 0xE4 && b1 < 0xB8);
}

/// Words that introduce a citation; also stripped from the front of an agency.
constexpr std::array<std::string_view, 10> kCitationWords{"根据", "按照", "依据", "依照", "参照",
                                                          "转发", "落实", "贯彻", "执行", "印发"};

struct Glyphs {
  std::vector<std::string> chars;
  std::vector<std::size_t> offsets;

  explicit Glyphs(const std::string& text) : chars(split_utf8_chars(text)) {
    offsets.reserve(chars.size() + 1);
    std::size_t off = 0;
    for (const auto& c : chars) {
      offsets.push_back(off);
      off += c.size();
    }
    offsets.push_back(off);
  }
  std::size_t size() const { return chars.size(); }
  const std::string& at(std::size_t i) const {
    static const std::string kEmpty;
    return i < chars.size() ? chars[i] : kEmpty;
  }
  std::size_t skip_blanks(std::size_t i) const {
    while (i < chars.size() && is_blank(chars[i])) ++i;
    return i;
  }
};

/// Index of the bracket pair whose opening glyph is `ch`, or -1.
int open_bracket(const std::string& ch) {
  for (std::size_t k = 0; k < kBrackets.size(); ++k) {
    if (ch == kBrackets[k].open) return static_cast<int>(k);
  }
  return -1;
}

int close_bracket(const std::string& ch) {
  for (std::size_t k = 0; k < kBrackets.size(); ++k) {
    if (ch == kBrackets[k].close) return static_cast<int>(k);
  }
  return -1;
}

std::string strip_citation_prefix(std::string agency) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto word : kCitationWords) {
      if (agency.size() > word.size() && agency.compare(0, word.size(), word) == 0) {
        agency.erase(0, word.size());
        changed = true;
      }
    }
  }
  return agency;
}

/// Tries a number whose opening bracket is glyph `i`. Fills `out` and returns the
/// glyph index one past 号, or 0.
std::size_t match_at(const Glyphs& g, std::size_t i, FoundDocNumber& out) {
  const int open_kind = open_bracket(g.at(i));
  if (open_kind < 0) return 0;
  std::size_t p = g.skip_blanks(i + 1);
  int year = 0;
  std::size_t year_digits = 0;
  // Digits may stand apart: letter-spaced type ("〔２ ０ ２ ５〕"), OCR.
  while (year_digits < 4) {
    const std::size_t q = year_digits > 0 ? g.skip_blanks(p) : p;
    if (digit_of(g.at(q)) < 0) break;
    year = year * 10 + digit_of(g.at(q));
    ++year_digits;
    p = q + 1;
  }
  if ((year_digits != 4 && year_digits != 2) || digit_of(g.at(p)) >= 0) return 0;
  p = g.skip_blanks(p);
  const int close_kind = close_bracket(g.at(p));
  if (close_kind < 0) return 0;
  p = g.skip_blanks(p + 1);
  bool di = false;
  if (g.at(p) == "第") {
    di = true;
    p = g.skip_blanks(p + 1);
  }
  int serial = 0;
  std::size_t serial_digits = 0;
  bool first_zero = false;
  while (serial_digits < 6) {
    const std::size_t q = serial_digits > 0 ? g.skip_blanks(p) : p;
    if (digit_of(g.at(q)) < 0) break;
    if (serial_digits == 0 && digit_of(g.at(q)) == 0) first_zero = true;
    serial = serial * 10 + digit_of(g.at(q));
    ++serial_digits;
    p = q + 1;
  }
  if (serial_digits == 0 || digit_of(g.at(p)) >= 0) return 0;
  // Serials count from 1: "0号" (on a low-resolution scan, a misread serial) is no
  // number, rather than a wrong one.
  if (serial == 0) return 0;
  // 虚位 is padding ("05号").
  const bool leading_zero = first_zero && serial_digits >= 2;
  p = g.skip_blanks(p);
  if (g.at(p) != "号") return 0;
  const std::size_t end = p + 1;

  // 机关代字: the Han/Latin run right before the bracket (blanks allowed between).
  std::size_t a = i;
  while (a > 0 && is_blank(g.at(a - 1))) --a;
  std::size_t start = a;
  while (start > 0 && a - start < 16 && is_agency_char(g.at(start - 1))) --start;
  std::string agency;
  for (std::size_t k = start; k < a; ++k) agency += g.at(k);
  std::string stripped = strip_citation_prefix(agency);
  const bool had_citation_word = stripped.size() != agency.size();
  if (utf8_length(stripped) > 10) return 0;  // a sentence, not a 机关代字
  if (stripped.empty()) return 0;

  DocNumber& n = out.number;
  n.agency = stripped;
  n.year = year_digits == 4 ? year : 2000 + year;
  n.serial = serial;
  n.text = stripped;
  // Digits as ASCII: on paper a full-width digit is the same digit (GB/T 9704 asks
  // for Arabic numerals, not a width), and numbers compare equal across files.
  for (std::size_t k = i; k < end; ++k) {
    const int d = digit_of(g.at(k));
    if (d >= 0) {
      n.text += static_cast<char>('0' + d);
    } else if (!is_blank(g.at(k))) {
      n.text += g.at(k);
    }
  }
  if (open_kind != 0 || close_kind != 0) {
    const std::string_view used = open_kind == close_kind ? kBrackets[static_cast<std::size_t>(open_kind)].label
                                                          : std::string_view("不成对的括号");
    n.form_problems.push_back("年份应使用六角括号“〔〕”，此处为“" + std::string(used) + "”");
  }
  if (year_digits == 2) n.form_problems.push_back("年份应写全四位（如“2025”），不能简写");
  if (di) n.form_problems.push_back("序号前不加“第”字");
  if (leading_zero) n.form_problems.push_back("序号不编虚位（如“05号”应为“5号”）");

  const std::size_t agency_start = start + (utf8_length(agency) - utf8_length(stripped));
  out.offset = g.offsets[agency_start];
  out.length = g.offsets[end] - out.offset;

  // Citation context: 《…》（number） or a citation word before it on the same line.
  std::size_t before = agency_start;
  while (before > 0 && is_blank(g.at(before - 1))) --before;
  const std::string& prev = g.at(before == 0 ? g.size() : before - 1);
  bool cited = had_citation_word;
  if (prev == "（" || prev == "(") {
    cited = true;  // a number in parentheses is a reference, not the document's own
  }
  std::size_t line_start = agency_start;
  while (line_start > 0 && g.at(line_start - 1) != "\n") --line_start;
  std::string line_before;
  for (std::size_t k = line_start; k < agency_start; ++k) line_before += g.at(k);
  for (const auto word : kCitationWords) {
    if (contains(line_before, word)) cited = true;
  }
  if (contains(line_before, "》") || contains(line_before, "文件精神")) cited = true;
  out.cited = cited;

  // Own line: only blanks before it on the line, and after it blanks or 签发人：….
  std::size_t line_end = end;
  while (line_end < g.size() && g.at(line_end) != "\n") ++line_end;
  std::string line_after;
  for (std::size_t k = end; k < line_end; ++k) line_after += g.at(k);
  const std::string after_trimmed = trim(line_after);
  out.own_line = trim(line_before).empty() && (after_trimmed.empty() || after_trimmed.rfind("签发人", 0) == 0);
  return end;
}

}  // namespace

std::vector<FoundDocNumber> find_doc_numbers(const std::string& text) {
  std::vector<FoundDocNumber> out;
  const Glyphs g(text);
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (open_bracket(g.at(i)) < 0) continue;
    FoundDocNumber found;
    if (const std::size_t end = match_at(g, i, found)) {
      out.push_back(std::move(found));
      i = end - 1;
    }
  }
  return out;
}

DocNumber parse_doc_number(const std::string& text) {
  const auto found = find_doc_numbers(text);
  if (found.empty()) return {};
  return found.front().number;
}

}  // namespace evpack
