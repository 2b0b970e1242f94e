// Year brackets of a scanned document number, judged from their ink.
//
//   symbols ──> the year (four digits after Han characters) ──> roughly where it is
//     binarised line ──> the ink under the year's middle: a digit, and its height
//       ──> outwards, the first run of ink columns clearly taller than a digit on each side
//       ──> shape of each (the closing one mirrored): solid, hollow, round, square, tortoise
//       ──> both agree ──> ASCII or fullwidth by the gap to the outer neighbour
#include "evpack/inspect/year_brackets.hpp"

#include <algorithm>
#include <utility>

#include "evpack/inspect/ocr_repair.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

// Share of a bracket's box its ink fills at least when the bracket is solid (【】:
// about 0.5; outlines of regular weight stay under 0.4).
constexpr double kSolidFill = 0.45;
// Share of the middle rows crossed twice when the bracket is hollow (〖〗).
constexpr double kHollowRows = 0.6;
// A curved bracket's stroke lies this much further out (share of the height) a
// fifth of the way from its ends than at its middle; a straight one not at all.
constexpr double kRoundBow = 0.035;
constexpr double kStraightBow = 0.02;
// An end is flat (the serif of [) when one of its rows holds a run of ink this
// share of the bracket's width.
constexpr double kFlatEnd = 0.6;
// The first ink of an end row lies within this share of the width from the
// stroke at the corner of [, and at least this share out at a slanted or curved end.
constexpr double kCorner = 0.25;
constexpr double kTip = 0.35;
// A bracket is taller than the digits it holds (about 1.2-1.4 times).
constexpr double kTallerThanDigits = 1.05;
// A fullwidth bracket stands in its own em box: the gap to its outer neighbour is
// about a digit's height or more; an ASCII one sits close (a third to a half of it).
constexpr double kFullwidthGap = 0.8;

enum class Shape { Unknown, Tortoise, Square, Round, Solid, Hollow };

struct Band {
  const RasterImage& image;
  int top = 0;
  int bottom = 0;  // exclusive
  bool ink(int x, int y) const { return image.pixels[static_cast<std::size_t>(y) * image.width + x] < 128; }
  bool column_has_ink(int x) const {
    for (int y = top; y < bottom; ++y) {
      if (ink(x, y)) return true;
    }
    return false;
  }
};

// A run of ink columns found walking from a start column, and the empty columns
// beyond it up to the next ink (-1 when the image edge comes first).
struct Run {
  int x0 = 0;
  int x1 = 0;  // inclusive
  int outer_gap = -1;
};

std::optional<Run> next_run(const Band& band, int x, int dir) {
  const int w = band.image.width;
  while (x >= 0 && x < w && !band.column_has_ink(x)) x += dir;
  if (x < 0 || x >= w) return std::nullopt;
  const int first = x;
  while (x >= 0 && x < w && band.column_has_ink(x)) x += dir;
  const int last = x - dir;
  int gap = 0;
  while (x >= 0 && x < w && !band.column_has_ink(x)) {
    ++gap;
    x += dir;
  }
  Run run{std::min(first, last), std::max(first, last), gap};
  if (x < 0 || x >= w) run.outer_gap = -1;
  return run;
}

// First and last rows holding ink in the run's columns; {-1, -1} when none.
std::pair<int, int> ink_rows(const Band& band, const Run& run) {
  int first = -1;
  int last = -1;
  for (int y = band.top; y < band.bottom; ++y) {
    for (int x = run.x0; x <= run.x1; ++x) {
      if (band.ink(x, y)) {
        if (first < 0) first = y;
        last = y;
        break;
      }
    }
  }
  return {first, last};
}

int ink_height(const Band& band, const Run& run) {
  const auto [first, last] = ink_rows(band, run);
  return first < 0 ? 0 : last - first + 1;
}

// Shape of the ink in columns run.x0..run.x1, as an opening bracket (a closing
// one is mirrored first).
Shape shape_of(const Band& band, const Run& run, bool mirror, int digit_height) {
  // Not a structured binding: clang before 16 cannot capture one (tools/fuzz.sh uses clang 14).
  const auto rows = ink_rows(band, run);
  const int r0 = rows.first;
  const int r1 = rows.second;
  if (r0 < 0) return Shape::Unknown;
  const int w = run.x1 - run.x0 + 1;
  const int h = r1 - r0 + 1;
  if (h < kTallerThanDigits * digit_height || h < 4 || w < 2 || w > h) return Shape::Unknown;
  const auto at = [&](int cx, int ry) { return band.ink(mirror ? run.x1 - cx : run.x0 + cx, r0 + ry); };
  long filled = 0;
  std::vector<int> left(static_cast<std::size_t>(h), -1);  // first ink column of each row
  std::vector<int> runs(static_cast<std::size_t>(h), 0);   // runs of ink in each row
  std::vector<int> longest(static_cast<std::size_t>(h), 0);
  for (int ry = 0; ry < h; ++ry) {
    int length = 0;
    for (int cx = 0; cx < w; ++cx) {
      if (at(cx, ry)) {
        ++filled;
        if (left[ry] < 0) left[ry] = cx;
        if (length == 0) ++runs[ry];
        longest[ry] = std::max(longest[ry], ++length);
      } else {
        length = 0;
      }
    }
  }
  const double fill = static_cast<double>(filled) / (static_cast<double>(w) * h);
  // Mean first-ink column over rows [a, b) (shares of the height), skipping empty rows.
  const auto mean_left = [&](double a, double b) {
    double sum = 0;
    int n = 0;
    for (int ry = static_cast<int>(a * h); ry < static_cast<int>(b * h); ++ry) {
      if (left[ry] >= 0) {
        sum += left[ry];
        ++n;
      }
    }
    return n > 0 ? sum / n : -1.0;
  };
  int crossed = 0;
  int middle_rows = 0;
  for (int ry = static_cast<int>(0.3 * h); ry < static_cast<int>(0.7 * h); ++ry, ++middle_rows) {
    crossed += runs[ry] >= 2;
  }
  const double upper = mean_left(0.15, 0.25);
  const double centre = mean_left(0.45, 0.55);
  const double lower = mean_left(0.75, 0.85);
  const double bow = upper < 0 || centre < 0 || lower < 0 ? 0 : ((upper + lower) / 2 - centre) / h;
  const int end_rows = std::max(2, static_cast<int>(0.12 * h));
  int top_run = 0;
  int bottom_run = 0;
  for (int ry = 0; ry < end_rows && ry < h; ++ry) {
    top_run = std::max(top_run, longest[ry]);
    bottom_run = std::max(bottom_run, longest[h - 1 - ry]);
  }
  // Where the outermost rows start: at the stroke for the corner of [, out at the
  // tip for the slanted end of 〔 and the curve of (.
  const int top_start = std::min(left[0] < 0 ? w : left[0], left[1] < 0 ? w : left[1]);
  const int bottom_start = std::min(left[h - 1] < 0 ? w : left[h - 1], left[h - 2] < 0 ? w : left[h - 2]);
  const bool corner_top = top_start <= kCorner * w && top_run >= kFlatEnd * w;
  const bool corner_bottom = bottom_start <= kCorner * w && bottom_run >= kFlatEnd * w;
  const bool tip_top = top_start >= kTip * w;
  const bool tip_bottom = bottom_start >= kTip * w;
  // An outline crosses its middle rows twice; a solid lens once, wherever its fill.
  if (middle_rows > 0 && crossed >= kHollowRows * middle_rows) return Shape::Hollow;
  // 【 ends in heavy blocks across its whole width; a bold 〔 may fill as much of its
  // box, but ends in tips.
  if (fill >= kSolidFill && corner_top && corner_bottom) return Shape::Solid;
  if (bow >= kRoundBow && tip_top && tip_bottom) return Shape::Round;
  if (bow > kStraightBow || bow < -kStraightBow) return Shape::Unknown;
  if (corner_top && corner_bottom) return Shape::Square;
  if (tip_top && tip_bottom) return Shape::Tortoise;
  return Shape::Unknown;
}

}  // namespace

std::optional<YearBrackets> year_brackets(const RasterImage& line, const std::vector<OcrSymbol>& symbols) {
  if (!line.consistent() || line.channels != 1) return std::nullopt;
  // The year (as repair_ocr_number finds it), with Han characters (the 机关代字) before it.
  std::vector<std::string> chars;
  chars.reserve(symbols.size());
  for (const auto& sym : symbols) chars.push_back(sym.text);
  std::size_t year = symbols.size();
  for (std::size_t i = 1; i + 3 < symbols.size(); ++i) {
    if (year_start(chars, i) == YearStart::None) continue;
    year = i;
    break;
  }
  if (year == symbols.size()) return std::nullopt;
  bool han_before = false;
  for (std::size_t i = 0; i < year; ++i) han_before = han_before || is_han_char(symbols[i].text);
  if (!han_before) return std::nullopt;
  // The rows of the line: every character's box, and some room (LSTM boxes are
  // approximate: they place a character, they do not outline its ink).
  int top = line.height;
  int bottom = 0;
  for (const auto& sym : symbols) {
    top = std::min(top, sym.box.y);
    bottom = std::max(bottom, sym.box.y + sym.box.height);
  }
  const int room = std::max(2, (bottom - top) / 5);
  const Band band{line, std::max(0, top - room), std::min(line.height, bottom + room)};
  if (band.bottom - band.top < 8) return std::nullopt;
  // The ink under the middle of the year is a digit: its height is the digits'.
  const int middle = (symbols[year].box.x + symbols[year + 3].box.x + symbols[year + 3].box.width) / 2;
  const auto digit = next_run(band, std::clamp(middle, 0, line.width - 1), +1);
  if (!digit) return std::nullopt;
  const int digit_height = ink_height(band, *digit);
  if (digit_height < 6) return std::nullopt;
  // Outwards from that digit, the first run of ink clearly taller than a digit on
  // each side is a bracket; no more than three more digits lie on the way.
  const auto bracket = [&](int dir) -> std::optional<Run> {
    int x = dir < 0 ? digit->x0 - 1 : digit->x1 + 1;
    for (int step = 0; step < 4; ++step) {
      const auto run = next_run(band, x, dir);
      if (!run) return std::nullopt;
      if (ink_height(band, *run) >= kTallerThanDigits * digit_height) return run;
      x = dir < 0 ? run->x0 - 1 : run->x1 + 1;
    }
    return std::nullopt;
  };
  const auto open = bracket(-1);
  const auto close = bracket(+1);
  if (!open || !close) return std::nullopt;
  const Shape open_shape = shape_of(band, *open, false, digit_height);
  const Shape close_shape = shape_of(band, *close, true, digit_height);
  if (open_shape == Shape::Unknown || open_shape != close_shape) return std::nullopt;
  // The gaps to the outer neighbours (the 代字's last character, the serial).
  const bool fullwidth = open->outer_gap >= 0 && close->outer_gap >= 0 &&
                         (open->outer_gap + close->outer_gap) / 2.0 >= kFullwidthGap * digit_height;
  switch (open_shape) {
    case Shape::Tortoise: return YearBrackets{"〔", "〕"};
    case Shape::Square: return fullwidth ? YearBrackets{"［", "］"} : YearBrackets{"[", "]"};
    case Shape::Round: return fullwidth ? YearBrackets{"（", "）"} : YearBrackets{"(", ")"};
    case Shape::Solid: return YearBrackets{"【", "】"};
    case Shape::Hollow: return YearBrackets{"〖", "〗"};
    case Shape::Unknown: break;
  }
  return std::nullopt;
}

}  // namespace evpack
