// Seven-segment digits read by their lit bars (segment_digits.hpp).
//
//   cut (ink dark) ──> ink mask ──> sheared upright (fewest inked columns)
//     ──> characters: runs of inked columns ──> tall ones: digits by their bars,
//         narrow tall ones: 1; short ones high up: '; short ones mid-line: ':'
//     ──> text, a space where a gap is wider than the line's usual spacing
#include "evpack/inspect/segment_digits.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "evpack/adapters/image_ops.hpp"

namespace evpack {

namespace {

struct Mask {
  int w = 0;
  int h = 0;
  std::vector<std::uint8_t> on;
  bool at(int x, int y) const { return on[static_cast<std::size_t>(y) * w + x] != 0; }
};

// Shears tried, in x per row of height (italic date stamps lean 10-15 degrees).
constexpr double kMaxShear = 0.40;
constexpr double kShearStep = 0.04;
// A character is a digit when it is at least this share of the line's height tall.
constexpr double kDigitHeight = 0.70;
// A digit this narrow (of the line's height) is a 1: only its right bars are lit.
constexpr double kOneWidth = 0.30;
// A bar is lit when ink covers this share of its length somewhere across it.
constexpr double kLit = 0.5;
// Fewest digits a line of seven-segment type holds (a date: '25 6 1).
constexpr int kMinDigits = 4;

Mask ink_of(const RasterImage& cut) {
  Mask m{cut.width, cut.height, std::vector<std::uint8_t>(static_cast<std::size_t>(cut.width) * cut.height)};
  for (std::size_t i = 0; i < m.on.size(); ++i) {
    m.on[i] = cut.pixels[i * static_cast<std::size_t>(cut.channels)] < 128 ? 1 : 0;
  }
  return m;
}

// The mask sheared by `s` (x + s * (y - middle)), widened to hold every pixel.
Mask sheared(const Mask& m, double s) {
  const double middle = m.h / 2.0;
  const int reach = static_cast<int>(std::ceil(std::abs(s) * middle)) + 1;
  Mask out{m.w + 2 * reach, m.h, std::vector<std::uint8_t>(static_cast<std::size_t>(m.w + 2 * reach) * m.h)};
  for (int y = 0; y < m.h; ++y) {
    const int dx = static_cast<int>(std::lround(s * (y - middle))) + reach;
    for (int x = 0; x < m.w; ++x) {
      if (m.at(x, y)) out.on[static_cast<std::size_t>(y) * out.w + x + dx] = 1;
    }
  }
  return out;
}

int inked_columns(const Mask& m) {
  int count = 0;
  for (int x = 0; x < m.w; ++x) {
    for (int y = 0; y < m.h; ++y) {
      if (m.at(x, y)) {
        ++count;
        break;
      }
    }
  }
  return count;
}

// Upright type has its vertical bars in the fewest columns.
Mask upright(const Mask& m) {
  Mask best = m;
  int fewest = inked_columns(m);
  for (double s = -kMaxShear; s <= kMaxShear + 1e-9; s += kShearStep) {
    if (std::abs(s) < 1e-9) continue;
    Mask candidate = sheared(m, s);
    const int n = inked_columns(candidate);
    if (n < fewest) {
      fewest = n;
      best = std::move(candidate);
    }
  }
  return best;
}

struct Cell {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // ink box, x1/y1 exclusive
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// Characters: runs of columns inked within rows [r0, r1), each with the box of
// its ink there. A run may skip `bridge` empty columns: thin type leaves a gap where the middle bar of a 4
// meets its upright.
std::vector<Cell> cells_of(const Mask& m, int bridge, int r0, int r1) {
  std::vector<Cell> out;
  const auto column_inked = [&](int cx) {
    for (int y = r0; y < r1; ++y) {
      if (m.at(cx, y)) return true;
    }
    return false;
  };
  int x = 0;
  while (x < m.w) {
    if (!column_inked(x)) {
      ++x;
      continue;
    }
    Cell c{x, m.h, x, 0};
    int last = x;
    while (x < m.w && x - last <= bridge + 1) {
      if (column_inked(x)) last = x;
      ++x;
    }
    x = last + 1;
    c.x1 = x;
    for (int cx = c.x0; cx < c.x1; ++cx) {
      for (int y = r0; y < r1; ++y) {
        if (!m.at(cx, y)) continue;
        c.y0 = std::min(c.y0, y);
        c.y1 = std::max(c.y1, y + 1);
      }
    }
    out.push_back(c);
  }
  return out;
}

// The box of the ink in columns [x0, x1) and rows [r0, r1); empty when none.
Cell box_of(const Mask& m, int x0, int x1, int r0, int r1) {
  Cell c{x1, r1, x0, r0};
  for (int x = x0; x < x1; ++x) {
    for (int y = r0; y < r1; ++y) {
      if (!m.at(x, y)) continue;
      c.x0 = std::min(c.x0, x);
      c.x1 = std::max(c.x1, x + 1);
      c.y0 = std::min(c.y0, y);
      c.y1 = std::max(c.y1, y + 1);
    }
  }
  return c;
}

// Characters run together (a stamp's glow, a streak of scenery across them):
// a cell wider than 1.3 digits is cut at its emptiest column, at least
// a third of a digit in from either end, until every piece is narrower.
void split_wide(const Mask& m, std::vector<Cell>& cells, int digit_width, int r0, int r1) {
  std::vector<Cell> out;
  std::vector<Cell> todo(cells.rbegin(), cells.rend());
  while (!todo.empty()) {
    const Cell c = todo.back();
    todo.pop_back();
    const int margin = std::max(2, digit_width / 3);
    if (c.width() * 10 <= digit_width * 13 || c.width() <= 2 * margin) {
      out.push_back(c);
      continue;
    }
    int cut = -1;
    int least = r1 - r0 + 1;
    for (int x = c.x0 + margin; x < c.x1 - margin; ++x) {
      int count = 0;
      for (int y = r0; y < r1; ++y) count += m.at(x, y) ? 1 : 0;
      if (count < least) {
        least = count;
        cut = x;
      }
    }
    const Cell left = box_of(m, c.x0, cut, r0, r1);
    const Cell right = box_of(m, cut + 1, c.x1, r0, r1);
    if (right.x1 > right.x0) todo.push_back(right);
    if (left.x1 > left.x0) todo.push_back(left);
  }
  cells = std::move(out);
}

// A bar in columns [c0, c1) and rows [r0, r1): some line along it (a row of a
// horizontal bar, a column of a vertical one) inked over most of its length.
bool bar_lit(const Mask& m, int c0, int c1, int r0, int r1, bool horizontal) {
  c0 = std::max(0, c0);
  c1 = std::min(m.w, c1);
  r0 = std::max(0, r0);
  r1 = std::min(m.h, r1);
  const int length = horizontal ? c1 - c0 : r1 - r0;
  const int lines = horizontal ? r1 - r0 : c1 - c0;
  if (length <= 0) return false;
  for (int across = 0; across < lines; ++across) {
    int count = 0;
    for (int along = 0; along < length; ++along) {
      count += (horizontal ? m.at(c0 + along, r0 + across) : m.at(c0 + across, r0 + along)) ? 1 : 0;
    }
    if (count >= kLit * length) return true;
  }
  return false;
}

// Bars a b c d e f g (top, upper right, lower right, bottom, lower left, upper
// left, middle) as bits 6..0, and the digits they make, with the variants fonts
// use (a 6 without its top bar, a 7 with its upper left bar, a 9 without its bottom bar).
constexpr std::array<std::pair<int, char>, 13> kDigits{{{0b1111110, '0'},
                                                        {0b0110000, '1'},
                                                        {0b1101101, '2'},
                                                        {0b1111001, '3'},
                                                        {0b0110011, '4'},
                                                        {0b1011011, '5'},
                                                        {0b1011111, '6'},
                                                        {0b0011111, '6'},
                                                        {0b1110000, '7'},
                                                        {0b1110010, '7'},
                                                        {0b1111111, '8'},
                                                        {0b1111011, '9'},
                                                        {0b1110011, '9'}}};

char digit_of(const Mask& m, const Cell& c) {
  const int w = c.width();
  const int h = c.height();
  const int inner0 = c.x0 + w / 5;
  const int inner1 = c.x1 - w / 5;
  const int left1 = c.x0 + std::max(1, w * 3 / 10);
  const int right0 = c.x1 - std::max(1, w * 3 / 10);
  const auto row = [&](double f) { return c.y0 + static_cast<int>(std::lround(f * h)); };
  int bars = 0;
  bars |= bar_lit(m, inner0, inner1, row(0.0), row(0.2), true) ? 0b1000000 : 0;
  bars |= bar_lit(m, right0, c.x1, row(0.1), row(0.45), false) ? 0b0100000 : 0;
  bars |= bar_lit(m, right0, c.x1, row(0.55), row(0.9), false) ? 0b0010000 : 0;
  bars |= bar_lit(m, inner0, inner1, row(0.8), row(1.0), true) ? 0b0001000 : 0;
  bars |= bar_lit(m, c.x0, left1, row(0.55), row(0.9), false) ? 0b0000100 : 0;
  bars |= bar_lit(m, c.x0, left1, row(0.1), row(0.45), false) ? 0b0000010 : 0;
  bars |= bar_lit(m, inner0, inner1, row(0.4), row(0.6), true) ? 0b0000001 : 0;
  for (const auto& [pattern, digit] : kDigits) {
    if (pattern == bars) return digit;
  }
  return '?';
}

// Warm channel of one BGR pixel: red minus blue, but no more than twice the
// green, so orange and yellow type keep their level and a red object beside a
// stamp drops to a third.
int warmth(const std::uint8_t* p) { return std::clamp(std::min(p[2] - p[0], 2 * p[1]), 0, 255); }

// Height the type is scaled to before its ink is taken, and the top-hat window
// there: wider than a bar (6-9 px), narrower than the scene behind.
constexpr int kStampHeight = 40;
constexpr int kStampWindow = 31;
// Warmth a stamp's warmest pixels reach (99th percentile) to count as orange type.
constexpr int kWarmType = 100;

// The stamp's type as dark ink on white: the brightest detail narrower than the
// window in the warm channel for orange type (over a red or brown scene it is
// still the warmest), in the brightest channel otherwise (white OSD type), split from
// the glow and scene by Otsu's threshold.
RasterImage stamp_ink(const RasterImage& cut, int type_height) {
  if (cut.empty() || !cut.consistent() || type_height <= 0) return {};
  const double k = std::min(8.0, static_cast<double>(kStampHeight) / type_height);
  const RasterImage sized = resize(cut, std::max(1, static_cast<int>(cut.width * k + 0.5)),
                                   std::max(1, static_cast<int>(cut.height * k + 0.5)));
  if (sized.empty()) return {};
  const std::size_t n = static_cast<std::size_t>(sized.width) * sized.height;
  const int c = sized.channels;
  RasterImage warm{sized.width, sized.height, 1, std::vector<std::uint8_t>(n)};
  RasterImage value{sized.width, sized.height, 1, std::vector<std::uint8_t>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &sized.pixels[i * c];
    value.pixels[i] = c >= 3 ? std::max({p[0], p[1], p[2]}) : p[0];
    warm.pixels[i] = c >= 3 ? static_cast<std::uint8_t>(warmth(p)) : 0;
  }
  std::vector<std::uint8_t> sorted = warm.pixels;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(n * 99 / 100), sorted.end());
  const RasterImage& channel = sorted[n * 99 / 100] >= kWarmType ? warm : value;
  const RasterImage opened = open_gray(channel, kStampWindow);
  RasterImage ink{sized.width, sized.height, 1, std::vector<std::uint8_t>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    ink.pixels[i] = static_cast<std::uint8_t>(255 - std::max(0, channel.pixels[i] - opened.pixels[i]));
  }
  return binarize(ink);
}

// The colon of a small stamp's HH:MM is two dots a pixel or two wide, often
// lost in the digit beside it: a last field of four digits after a date that
// has its year (a 'YY or a four-digit field) and then month and day is the
// time, when it is one.
std::string with_time_colon(std::string text) {
  std::vector<std::string> fields;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t space = std::min(text.find(' ', at), text.size());
    fields.push_back(text.substr(at, space - at));
    at = space + 1;
  }
  if (fields.size() < 4) return text;
  const std::string& last = fields.back();
  const bool four_digits = last.size() == 4 && std::all_of(last.begin(), last.end(), [](char c) {
                             return std::isdigit(static_cast<unsigned char>(c)) != 0;
                           });
  const bool has_year = std::any_of(fields.begin(), fields.end() - 1, [](const std::string& f) {
    return (f.size() == 3 && f[0] == '\'') || f.size() == 4;
  });
  if (!four_digits || !has_year) return text;
  const int hour = std::stoi(last.substr(0, 2));
  const int minute = std::stoi(last.substr(2));
  if (hour > 23 || minute > 59) return text;
  text.insert(text.size() - 2, ":");
  return text;
}

// Orange type: the warm channel this high on a pixel at least this red.
constexpr int kOrangeInk = 110;
constexpr int kOrangeRed = 150;
// Bands searched for an orange stamp, as shares of the height.
constexpr double kStampBottom = 0.30;
constexpr double kStampTop = 0.20;

// Lines of orange ink in rows [y0, y1) of a BGR image: runs of rows with orange
// pixels, each cut into runs of columns no further apart than three times the
// line's height, kept when at least twice as wide as tall.
void orange_lines(const RasterImage& image, int y0, int y1, std::vector<PixelRect>& out) {
  const int w = image.width;
  const int c = image.channels;
  std::vector<std::uint8_t> ink(static_cast<std::size_t>(w) * (y1 - y0));
  std::vector<int> per_row(static_cast<std::size_t>(y1 - y0));
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * w + x) * c];
      if (p[2] >= kOrangeRed && warmth(p) >= kOrangeInk) {
        ink[static_cast<std::size_t>(y - y0) * w + x] = 1;
        ++per_row[static_cast<std::size_t>(y - y0)];
      }
    }
  }
  const int min_height = std::max(6, image.height / 80);
  const int max_height = image.height / 8;
  for (int y = 0; y < y1 - y0;) {
    if (per_row[static_cast<std::size_t>(y)] < 3) {
      ++y;
      continue;
    }
    const int top = y;
    while (y < y1 - y0 && per_row[static_cast<std::size_t>(y)] >= 3) ++y;
    const int height = y - top;
    if (height < min_height || height > max_height) continue;
    int x = 0;
    while (x < w) {
      const auto column = [&](int cx) {
        for (int r = top; r < top + height; ++r) {
          if (ink[static_cast<std::size_t>(r) * w + cx] != 0) return true;
        }
        return false;
      };
      if (!column(x)) {
        ++x;
        continue;
      }
      const int left = x;
      int last = x;
      while (x < w && x - last <= 3 * height) {
        if (column(x)) last = x;
        ++x;
      }
      if (last + 1 - left >= 2 * height) out.push_back({left, y0 + top, last + 1 - left, height});
      x = last + 1;
    }
  }
}

}  // namespace

std::vector<PixelRect> find_orange_stamp_lines(const RasterImage& upright) {
  std::vector<PixelRect> out;
  if (upright.empty() || !upright.consistent() || upright.channels < 3) return out;
  const int h = upright.height;
  orange_lines(upright, static_cast<int>(h * (1.0 - kStampBottom)), h, out);
  orange_lines(upright, 0, static_cast<int>(h * kStampTop), out);
  return out;
}

std::string read_segment_stamp(const RasterImage& cut, int type_height) {
  return read_segment_line(stamp_ink(cut, type_height));
}

std::string read_segment_line(const RasterImage& cut) {
  if (cut.empty() || !cut.consistent()) return {};
  const Mask m = upright(ink_of(cut));
  // The line's height: the height most characters share (a blot of scenery
  // joined to one digit makes it taller, ticks and colons are shorter).
  const auto line_height = [](const std::vector<Cell>& found) {
    int best = 0;
    int best_count = 0;
    for (const Cell& a : found) {
      int count = 0;
      for (const Cell& b : found) count += b.height() >= a.height() * 0.85 && b.height() <= a.height() * 1.1 ? 1 : 0;
      if (count > best_count || (count == best_count && a.height() > best)) {
        best = a.height();
        best_count = count;
      }
    }
    return best;
  };
  const int rough = line_height(cells_of(m, 0, 0, m.h));
  if (rough < 8) return {};
  std::vector<Cell> cells = cells_of(m, rough / 16, 0, m.h);
  int line = line_height(cells);
  if (line < 8) return {};
  // The band the digits share (medians of their tops and bottoms): characters
  // are found again within it, so a blot of scenery joined to a digit from
  // above or below neither makes it taller nor joins it to its neighbour.
  std::vector<int> tops;
  std::vector<int> bottoms;
  for (const Cell& c : cells) {
    if (c.height() < kDigitHeight * line || c.height() > line * 1.15) continue;
    tops.push_back(c.y0);
    bottoms.push_back(c.y1);
  }
  if (tops.empty()) return {};
  std::sort(tops.begin(), tops.end());
  std::sort(bottoms.begin(), bottoms.end());
  const int top = tops[tops.size() / 2];
  const int bottom = bottoms[bottoms.size() / 2];
  const int band0 = std::max(0, top - line / 10);
  const int band1 = std::min(m.h, bottom + line / 10);
  cells = cells_of(m, line / 16, band0, band1);
  line = bottom - top;
  // A digit's width: the median of the characters of a digit's proportions.
  std::vector<int> digit_widths;
  for (const Cell& c : cells) {
    if (c.height() >= kDigitHeight * line && c.width() >= 0.45 * line && c.width() <= 0.85 * line) {
      digit_widths.push_back(c.width());
    }
  }
  std::sort(digit_widths.begin(), digit_widths.end());
  const int typical = digit_widths.empty() ? line * 6 / 10 : digit_widths[digit_widths.size() / 2];
  split_wide(m, cells, typical, band0, band1);
  // A character cut by the edge of the cut is not read: it may be half a digit.
  std::erase_if(cells, [&](const Cell& c) { return c.x0 == 0 || c.x1 == m.w; });

  // Each character, with the left edge it would have as a whole digit (a 1 is
  // only its right bars) for the spacing.
  struct Char {
    char c;
    int left;
    int right;
  };
  std::vector<Char> chars;
  std::vector<int> widths;  // of the digits other than 1
  int digits = 0;
  int unknown = 0;
  for (const Cell& c : cells) {
    if (c.height() >= kDigitHeight * line) {
      // Read within the band the digits share: a streak of scenery just above
      // or below one digit must not light its top or bottom bar.
      const char d = c.width() <= kOneWidth * line ? '1' : digit_of(m, {c.x0, top, c.x1, bottom});
      // Neither a digit's size nor a digit's bars: a blot of scenery, left out.
      if (d == '?' && (c.height() < 0.85 * line || c.width() < 0.7 * typical)) continue;
      if (d != '1') widths.push_back(c.width());
      (d == '?' ? unknown : digits) += 1;
      chars.push_back({d, c.x0, c.x1});
    } else if (c.width() <= 0.3 * line && c.y0 <= top + line / 8 && c.y1 <= top + line / 2 &&
               c.height() >= 0.15 * line) {
      chars.push_back({'\'', c.x0, c.x1});
    } else if (c.width() <= 0.35 * line && c.y0 > top + line / 5 && c.y1 < bottom - line / 10) {
      chars.push_back({':', c.x0, c.x1});
    }
  }
  // A tick stands only before a two-digit year: other short strokes at the top
  // of the line are scenery.
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i].c != '\'') continue;
    const bool year = i + 2 < chars.size() && std::isdigit(static_cast<unsigned char>(chars[i + 1].c)) &&
                      std::isdigit(static_cast<unsigned char>(chars[i + 2].c)) &&
                      (i + 3 == chars.size() || !std::isdigit(static_cast<unsigned char>(chars[i + 3].c)) ||
                       chars[i + 3].left - chars[i + 2].right > typical / 2);
    if (!year) chars[i].c = 0;
  }
  std::erase_if(chars, [](const Char& ch) { return ch.c == 0; });
  // Mostly digits, or this is no seven-segment type.
  if (digits < kMinDigits || unknown * 4 > digits) return {};
  std::sort(widths.begin(), widths.end());
  const int digit_width = widths.empty() ? line / 2 : widths[widths.size() / 2];
  for (Char& ch : chars) {
    if (ch.c == '1') ch.left = std::min(ch.left, ch.right - digit_width);
  }
  std::vector<int> gaps;
  for (std::size_t i = 1; i < chars.size(); ++i) gaps.push_back(chars[i].left - chars[i - 1].right);
  // The tightest spacing is the one within a field ("25" of '25 8 1): a gap wider
  // by half a digit parts two fields.
  const int usual = gaps.empty() ? 0 : std::max(0, *std::min_element(gaps.begin(), gaps.end()));
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    // A tick always opens a field (the year); a colon never stands apart.
    const bool apart = gaps.empty() || i == 0 ? false
                       : chars[i].c == '\''   ? true
                                              : gaps[i - 1] > usual + digit_width / 2;
    if (apart && chars[i].c != ':' && chars[i - 1].c != ':') out += ' ';
    out += chars[i].c;
  }
  return with_time_colon(std::move(out));
}

}  // namespace evpack
