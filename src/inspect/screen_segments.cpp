// The segments of a screen capture: OCR lines cleaned (full-width forms, glued
// dates and times, OCR's doubts) and cut at wide gaps into segments (table
// cells, form columns), and where segments stand to each other (right of, left
// of, below, above, in a column, a list or a menu row).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "evpack/inspect/date_text.hpp"
#include "evpack/util/text.hpp"
#include "screen_text.hpp"

namespace evpack::screen {

namespace {

// A gap between two characters of an OCR line wider than this many line heights
// starts a new segment: table cells, a label set far from its value, the two
// columns of a form. Words and a date's parts are under 0.6 apart; Chinese
// navigation items about 1.0 (they may stay together, they are never fields).
constexpr double kCellGap = 1.2;
// A value under its label (phone layout, table column) starts within this many
// label heights below the label's bottom edge.
constexpr double kBelowReach = 2.6;

// OCR often drops the space between a date and its time ("2025-05-0609:15:32"),
// which hides the date from find_dates (a day followed by more digits): put it back.
std::string separate_date_and_time(const std::string& text) {
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  std::string out;
  out.reserve(text.size() + 4);
  // YYYY sep M{1,2} sep DD immediately followed by H{1,2}:MM.
  std::size_t i = 0;
  while (i < text.size()) {
    bool done = false;
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && (i == 0 || !digit(i - 1))) {
      const char sep = i + 4 < text.size() ? text[i + 4] : '\0';
      if (sep == '-' || sep == '.' || sep == '/') {
        std::size_t p = i + 5;
        std::size_t month = 0;
        while (month < 2 && digit(p + month)) ++month;
        if (month > 0 && p + month < text.size() && text[p + month] == sep) {
          const std::size_t day = p + month + 1;
          // Day of two digits, then one or two hour digits and a colon.
          if (digit(day) && digit(day + 1) && digit(day + 2) &&
              ((day + 3 < text.size() && text[day + 3] == ':') ||
               (digit(day + 3) && day + 4 < text.size() && text[day + 4] == ':'))) {
            out.append(text, i, day + 2 - i);
            out.push_back(' ');
            i = day + 2;
            done = true;
          }
        }
      }
    }
    if (!done) out.push_back(text[i++]);
  }
  return out;
}

// A '?' right after a digit is OCR's doubt about it ("2025 年 02? 月 18 日"), not text.
std::string drop_doubt(std::string text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '?' && text[i - 1] >= '0' && text[i - 1] <= '9') text.erase(i--, 1);
  }
  return text;
}

// One separator through a date: OCR reads one of "2025-09-24"'s dashes as a dot
// now and then ("2025-09.24").
std::string unify_date_separators(std::string text) {
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  const auto separator = [&](std::size_t i) {
    return i < text.size() && (text[i] == '-' || text[i] == '.' || text[i] == '/');
  };
  for (std::size_t i = 0; i + 7 < text.size(); ++i) {
    if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) || !separator(i + 4))
      continue;
    std::size_t p = i + 5;
    std::size_t month = 0;
    while (month < 2 && digit(p + month)) ++month;
    if (month > 0 && separator(p + month) && text[p + month] != text[i + 4] && digit(p + month + 1)) {
      text[p + month] = text[i + 4];
    }
  }
  return text;
}

}  // namespace

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::size_t han_count(std::string_view text) {
  std::size_t n = 0;
  for (const auto& ch : split_utf8_chars(text)) n += is_han_char(ch) ? 1 : 0;
  return n;
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string clean(const std::string& raw) {
  return separate_date_and_time(
      unify_date_separators(drop_doubt(trim(remove_spaces_between_han(normalize_fullwidth(raw))))));
}

std::vector<Segment> cut_segments(const std::vector<OcrLine>& lines) {
  std::vector<Segment> out;
  const auto finish = [&](Segment& s) {
    s.text = clean(s.text);
    if (!s.text.empty()) out.push_back(std::move(s));
  };
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const OcrLine& line = lines[index];
    const auto chars = split_utf8_chars(line.text);
    const auto visible = static_cast<std::size_t>(
        std::count_if(chars.begin(), chars.end(), [](const std::string& c) { return c != " "; }));
    if (line.symbols.size() != visible) {  // no symbols (or not one per character): the line whole
      Segment s{line.text, line.box, index};
      finish(s);
      continue;
    }
    const double height = std::max(1, line.box.height);
    Segment current;
    bool open = false;
    bool space = false;
    int right = 0;
    std::size_t k = 0;
    for (const std::string& ch : chars) {
      if (ch == " ") {
        space = true;
        continue;
      }
      const OcrSymbol& symbol = line.symbols[k++];
      const int gap = symbol.box.x - right;
      if (open && gap > kCellGap * height) {
        finish(current);
        open = false;
      }
      if (!open) {
        current = Segment{"", symbol.box, index};
        open = true;
      } else {
        if (space) current.text += ' ';
        const int x1 = std::max(current.right(), symbol.box.x + symbol.box.width);
        const int y0 = std::min(current.box.y, symbol.box.y);
        const int y1 = std::max(current.bottom(), symbol.box.y + symbol.box.height);
        current.box = {current.box.x, y0, x1 - current.box.x, y1 - y0};
      }
      current.text += ch;
      right = symbol.box.x + symbol.box.width;
      space = false;
    }
    if (open) finish(current);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Geometry.

bool same_row(const Segment& a, const Segment& b) {
  const int overlap = std::min(a.bottom(), b.bottom()) - std::max(a.box.y, b.box.y);
  return overlap * 2 >= std::min(a.box.height, b.box.height);
}

const Segment* right_of(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || !same_row(o, s) || o.box.x < s.right() - s.box.height / 2) continue;
    if (best == nullptr || o.box.x < best->box.x) best = &o;
  }
  return best;
}

const Segment* left_of(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || !same_row(o, s) || o.right() > s.box.x + s.box.height / 2) continue;
    if (best == nullptr || o.right() > best->right()) best = &o;
  }
  return best;
}

const Segment* below(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  const int reach = static_cast<int>(kBelowReach * std::max(s.box.height, 1));
  for (const Segment& o : all) {
    if (&o == &s || o.box.y < s.bottom() - s.box.height / 4 || o.box.y - s.bottom() > reach) continue;
    const bool aligned = std::abs(o.box.x - s.box.x) <= s.box.height;
    const bool overlapping = std::min(o.right(), s.right()) > std::max(o.box.x, s.box.x);
    if (!aligned && !overlapping) continue;
    if (best == nullptr || o.box.y < best->box.y) best = &o;
  }
  return best;
}

const Segment* above(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || o.bottom() > s.box.y + s.box.height / 4) continue;
    const int reach = static_cast<int>(kBelowReach * std::max(o.box.height, 1));
    if (s.box.y - o.bottom() > reach) continue;
    const bool aligned = std::abs(o.box.x - s.box.x) <= o.box.height;
    const bool overlapping = std::min(o.right(), s.right()) > std::max(o.box.x, s.box.x);
    if (!aligned && !overlapping) continue;
    if (best == nullptr || o.bottom() > best->bottom()) best = &o;
  }
  return best;
}

bool in_column(const std::vector<Segment>& all, const Segment& s) {
  int column = 0;
  for (const Segment& o : all) {
    const bool aligned =
        std::abs(o.box.x - s.box.x) <= s.box.height / 2 || std::abs(o.right() - s.right()) <= s.box.height / 2;
    if (aligned && std::abs(o.box.y - s.box.y) <= 6 * s.box.height) ++column;
  }
  return column >= 3;
}

bool in_list(const std::vector<Segment>& all, const Segment& s) {
  int column = 0;
  for (const Segment& o : all) {
    if (std::abs(o.right() - s.right()) <= s.box.height && !find_dates(o.text).empty()) ++column;
  }
  return column >= 3;
}

bool in_menu_row(const std::vector<Segment>& all, const Segment& s) {
  int row = 0;
  for (const Segment& o : all) row += same_row(o, s) && utf8_length(o.text) <= 8 ? 1 : 0;
  return row >= 4;
}

}  // namespace evpack::screen
