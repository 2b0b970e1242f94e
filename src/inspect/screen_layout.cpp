// The text lines of a screen capture found from its pixels (find_text_lines),
// which of them say nothing a capture is checked for (table_body, menu_rows,
// page_furniture; running_text is in screen_capture.cpp), and the chosen lines
// read in one OCR call (read_lines_together). See screen_capture.hpp.
//
// A capture is drawn: flat backgrounds, type with sharp edges. Where type stands,
// the grey level jumps from pixel to pixel along a row; on a background, a panel
// or a rule it does not (a panel's upright border jumps in every row, but in one
// column, for longer than any character is tall: such runs are dropped). So the
// rows and columns holding jumps cut the page into lines (a recursive XY cut):
// rows into bands, a band's columns into pieces at gaps much wider than a space,
// each piece cut again into rows when it holds more than one line. Tesseract's
// own layout analysis of a whole 1920x1080 page, done once for the running-text
// test and again when the page was read, was most of a capture's OCR time.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "evpack/adapters/image_ops.hpp"
#include "screen_capture.hpp"

namespace evpack {

namespace {

// Neighbouring pixels of a row this far apart in grey level: an edge of type.
constexpr int kEdgeStep = 24;
// An upright run of edges longer than this is a border or a picture's edge, not
// type (the tallest headings of a 2400-px capture are about 60 px).
constexpr int kLongestStroke = 80;
// Lines are cut no deeper than this (bands, pieces, bands within a piece …).
constexpr int kMaxDepth = 4;
// Captures at least this tall and wide are whole screens, with a browser's or a
// phone's bar at the top (kChromePercent of the height) and a page footer at the
// bottom (kFooterPercent).
constexpr int kFurnishedPage = 700;
constexpr int kChromePercent = 7;
constexpr int kDesktopChrome = 80;
constexpr int kFooterPercent = 10;
// Lines taller than this are pictures; shorter than this, specks and rules.
constexpr int kTallestLine = 120;
constexpr int kShortestLine = 6;

// Edge pixels: 1 where the next pixel of the row differs by kEdgeStep or more,
// without the long upright runs of borders.
std::vector<std::uint8_t> edge_map(const RasterImage& gray) {
  const int w = gray.width;
  const int h = gray.height;
  std::vector<std::uint8_t> edge(static_cast<std::size_t>(w) * h, 0);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = gray.pixels.data() + static_cast<std::size_t>(y) * w;
    std::uint8_t* out = edge.data() + static_cast<std::size_t>(y) * w;
    for (int x = 0; x + 1 < w; ++x) out[x] = std::abs(int{row[x + 1]} - int{row[x]}) >= kEdgeStep ? 1 : 0;
  }
  // Long upright runs, column by column (a jump may wander one pixel sideways
  // down an anti-aliased border: a run continues through either neighbour, and
  // through the one or two rows where a table's rule crosses it).
  std::vector<int> start(static_cast<std::size_t>(w), -1);
  std::vector<int> last(static_cast<std::size_t>(w), -1);
  const auto clear_run = [&](int x) {
    for (int y = start[x]; y <= last[x]; ++y) {
      for (int dx = -1; dx <= 1; ++dx) {
        if (x + dx >= 0 && x + dx < w) edge[static_cast<std::size_t>(y) * w + x + dx] = 0;
      }
    }
  };
  constexpr int kBridgedRows = 2;
  for (int y = 0; y <= h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto at = [&](int xx) { return xx >= 0 && xx < w && edge[static_cast<std::size_t>(y) * w + xx] != 0; };
      if (y < h && (at(x) || at(x - 1) || at(x + 1))) {
        if (start[x] < 0) start[x] = y;
        last[x] = y;
        continue;
      }
      if (start[x] >= 0 && (y == h || y - last[x] > kBridgedRows)) {
        if (last[x] - start[x] + 1 > kLongestStroke) clear_run(x);
        start[x] = -1;
      }
    }
  }
  return edge;
}

struct Cutter {
  const std::vector<std::uint8_t>& edge;
  int width;
  std::vector<PixelRect> lines;

  bool on(int x, int y) const { return edge[static_cast<std::size_t>(y) * width + x] != 0; }

  // Runs of rows [y0, y1) of region x0..x1 holding three or more edges (a short
  // border left in a row holds two: one each side).
  std::vector<std::pair<int, int>> bands(int x0, int x1, int y0, int y1) const {
    std::vector<std::pair<int, int>> out;
    int begin = -1;
    for (int y = y0; y <= y1; ++y) {
      int count = 0;
      for (int x = x0; y < y1 && x < x1 && count < 3; ++x) count += on(x, y) ? 1 : 0;
      if (count >= 3) {
        if (begin < 0) begin = y;
      } else if (begin >= 0) {
        out.emplace_back(begin, y);
        begin = -1;
      }
    }
    return out;
  }

  // Runs of columns [x0, x1) of band y0..y1 holding an edge, parted by gaps wider than `gap`.
  std::vector<std::pair<int, int>> pieces(int x0, int x1, int y0, int y1, int gap) const {
    std::vector<std::pair<int, int>> out;
    int begin = -1;
    int last = -1;
    for (int x = x0; x < x1; ++x) {
      bool ink = false;
      for (int y = y0; y < y1 && !ink; ++y) ink = on(x, y);
      if (!ink) continue;
      if (begin >= 0 && x - last - 1 > gap) {
        out.emplace_back(begin, last + 2);
        begin = -1;
      }
      if (begin < 0) begin = x;
      last = x;
    }
    if (begin >= 0) out.emplace_back(begin, last + 2);  // the edge of x is between x and x+1
    return out;
  }

  void cut(int x0, int x1, int y0, int y1, int depth) {
    for (const auto& [by0, by1] : bands(x0, x1, y0, y1)) {
      const int bh = by1 - by0;
      if (bh < kShortestLine / 2) continue;
      // A gap between pieces: wider than a space between words of the band's type.
      const int gap = std::max(8, 3 * std::min(bh, 40) / 2);
      for (const auto& [px0, px1] : pieces(x0, x1, by0, by1, gap)) {
        const auto rows = bands(px0, px1, by0, by1);
        if (rows.empty()) continue;
        const int ty0 = rows.front().first;
        const int ty1 = rows.back().second;
        const bool narrower = px0 > x0 || px1 < x1 || ty0 > by0 || ty1 < by1;
        if (depth < kMaxDepth && (rows.size() > 1 || (narrower && bh > 2 * kShortestLine && depth == 0))) {
          cut(px0, px1, ty0, ty1, depth + 1);
          continue;
        }
        lines.push_back({px0, ty0, px1 - px0, ty1 - ty0});
      }
    }
  }
};

}  // namespace

std::vector<PixelRect> find_text_lines(const RasterImage& gray) {
  if (gray.channels != 1 || gray.empty()) return {};
  const std::vector<std::uint8_t> edge = edge_map(gray);
  Cutter cutter{edge, gray.width, {}};
  cutter.cut(0, gray.width, 0, gray.height, 0);
  std::vector<PixelRect> out;
  for (const PixelRect& r : cutter.lines) {
    if (r.height < kShortestLine || r.height > kTallestLine) continue;
    if (r.width * 3 < r.height) continue;  // an upright bar or a scroll bar
    out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const PixelRect& a, const PixelRect& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  return out;
}

namespace {

// Lines side by side: their boxes share most of the shorter one's height.
bool side_by_side(const PixelRect& a, const PixelRect& b) {
  const int shared = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  return shared * 2 > std::min(a.height, b.height);
}

// How many cells of `row` stand under a cell of `above` (left edges or right
// edges within a character's height, or the two overlapping most of the narrower).
int cells_under(const std::vector<PixelRect>& row, const std::vector<PixelRect>& above) {
  int count = 0;
  for (const PixelRect& c : row) {
    for (const PixelRect& a : above) {
      const int tolerance = std::max(c.height, a.height);
      const int shared = std::min(c.x + c.width, a.x + a.width) - std::max(c.x, a.x);
      if (std::abs(c.x - a.x) <= tolerance || std::abs(c.x + c.width - a.x - a.width) <= tolerance ||
          shared * 10 >= std::min(c.width, a.width) * 6) {
        ++count;
        break;
      }
    }
  }
  return count;
}

// Rows of side-by-side lines, top to bottom (lines come sorted by top).
std::vector<std::vector<std::size_t>> rows_of(const std::vector<PixelRect>& lines) {
  std::vector<std::vector<std::size_t>> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!rows.empty() && side_by_side(lines[rows.back().front()], lines[i])) {
      rows.back().push_back(i);
    } else {
      rows.push_back({i});
    }
  }
  return rows;
}

std::vector<PixelRect> boxes_of(const std::vector<PixelRect>& lines, const std::vector<std::size_t>& row) {
  std::vector<PixelRect> out;
  for (const std::size_t i : row) out.push_back(lines[i]);
  return out;
}

}  // namespace

std::vector<bool> table_body(const std::vector<PixelRect>& lines) {
  const auto rows = rows_of(lines);
  const auto boxes = [&](const std::vector<std::size_t>& row) { return boxes_of(lines, row); };
  std::vector<bool> skip(lines.size(), false);
  int run = 0;  // rows of the current table so far
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool cells = rows[r].size() >= 3;
    const bool aligned =
        cells && r > 0 && rows[r - 1].size() >= 3 && cells_under(boxes(rows[r]), boxes(rows[r - 1])) >= 3;
    run = aligned ? run + 1 : (cells ? 1 : 0);
    if (run > 3) {
      for (const std::size_t i : rows[r]) skip[i] = true;
    }
  }
  // Lists of titles with their dates (最新动态 beside an article): a column of
  // dates one width, flush right, one under another, each with its title to its
  // left. Three rows are read (a date in a column of three is known for a list's,
  // in_list); a form's values differ in width.
  std::vector<std::size_t> column;  // the current column of dates, top to bottom
  const auto same_cell = [&](const PixelRect& a, const PixelRect& b) {
    const int h = std::max(a.height, b.height);
    return std::abs(a.x + a.width - b.x - b.width) <= h / 2 && std::abs(a.width - b.width) <= h / 2 &&
           std::abs(a.height - b.height) <= 2 && b.y > a.y && b.y - (a.y + a.height) <= 3 * h;
  };
  // Its title: the nearest line to the left of a date on its row, -1 when none.
  const auto title_of = [&](std::size_t d) {
    const PixelRect& date = lines[d];
    int best = -1;
    for (std::size_t t = 0; t < lines.size(); ++t) {
      const PixelRect& c = lines[t];
      if (!side_by_side(c, date) || c.x + c.width > date.x || date.x - (c.x + c.width) > 40 * c.height) continue;
      if (best < 0 || c.x > lines[static_cast<std::size_t>(best)].x) best = static_cast<int>(t);
    }
    return best;
  };
  std::vector<bool> listed(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (listed[i]) continue;
    column = {i};
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (same_cell(lines[column.back()], lines[j])) column.push_back(j);
    }
    // Each with its title: a form's labels of one width, flush right, have none.
    if (column.size() < 4 || std::any_of(column.begin(), column.end(), [&](std::size_t k) { return title_of(k) < 0; }))
      continue;
    for (const std::size_t k : column) listed[k] = true;
    for (std::size_t n = 3; n < column.size(); ++n) {
      skip[column[n]] = true;
      skip[static_cast<std::size_t>(title_of(column[n]))] = true;
    }
  }
  return skip;
}

namespace {

// Whether a capture has the shape of a whole screen (its longer side over its
// shorter one as on common monitors and phones, to 0.4 %; the capture may have
// been shrunk for reading): 16:9, 16:10, 1366x768, 4:3, 3:2 and the phones'
// 19.5:9, 20:9, 18.7:9.
bool whole_screen_shape(int width, int height) {
  const double ratio = static_cast<double>(std::max(width, height)) / std::max(1, std::min(width, height));
  for (const double screen : {16.0 / 9, 16.0 / 10, 1366.0 / 768, 4.0 / 3, 3.0 / 2, 2340.0 / 1080, 2400.0 / 1080,
                              2436.0 / 1125, 2244.0 / 1080, 1792.0 / 828}) {
    if (std::abs(ratio - screen) <= 0.004 * screen) return true;
  }
  return false;
}

}  // namespace

std::vector<bool> page_furniture(const std::vector<PixelRect>& lines, int width, int height) {
  std::vector<bool> skip(lines.size(), false);
  // A cut-out of a page (a region chosen with a capture tool) has no furniture:
  // its first line may be the query's.
  if (height < kFurnishedPage || width < kFurnishedPage || !whole_screen_shape(width, height)) return skip;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PixelRect& b = lines[i];
    // A desktop browser's bars are about as tall whatever the screen (80 px at 100 %).
    const int chrome_bottom = std::max(height * kChromePercent / 100, width > height ? kDesktopChrome : 0);
    const bool chrome = b.y + b.height <= chrome_bottom;
    const bool footer = b.y * 100 >= height * (100 - kFooterPercent) && b.width >= 16 * b.height;
    skip[i] = chrome || footer;
  }
  return skip;
}

std::vector<bool> menu_rows(const std::vector<PixelRect>& lines) {
  const auto rows = rows_of(lines);
  std::vector<bool> skip(lines.size(), false);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() < 4) continue;
    // Words of two to six characters, three in four of them, none more than twice another's width but the long ones.
    int short_words = 0;
    int narrowest = lines[rows[r].front()].width;
    for (const std::size_t i : rows[r]) {
      const PixelRect& b = lines[i];
      if (b.width <= 6 * b.height) ++short_words;
      narrowest = std::min(narrowest, b.width);
    }
    int even = 0;
    for (const std::size_t i : rows[r]) even += lines[i].width <= 3 * narrowest ? 1 : 0;
    if (short_words * 4 < static_cast<int>(rows[r].size()) * 3 || even * 4 < static_cast<int>(rows[r].size()) * 3)
      continue;
    // A table's header: cells stand under its words.
    if (r + 1 < rows.size() && cells_under(boxes_of(lines, rows[r + 1]), boxes_of(lines, rows[r])) >= 3) continue;
    for (const std::size_t i : rows[r]) skip[i] = true;
  }
  return skip;
}

namespace {

// A line's strip as dark type on white: its background (the strip's commonest
// grey) white, its type (the grey farthest from that) black, light type on a
// dark bar turned over.
RasterImage normalised_strip(const RasterImage& gray, const PixelRect& r) {
  RasterImage strip = crop(gray, r);
  int histogram[256] = {};
  int lo = 255;
  int hi = 0;
  for (const std::uint8_t v : strip.pixels) {
    ++histogram[v];
    lo = std::min<int>(lo, v);
    hi = std::max<int>(hi, v);
  }
  const int background = static_cast<int>(std::max_element(histogram, histogram + 256) - histogram);
  const bool light_type = hi - background > background - lo;
  const int ink = light_type ? hi : lo;
  const int span = std::max(1, std::abs(background - ink));
  for (std::uint8_t& v : strip.pixels) {
    const int toward_ink = std::abs(int{v} - background);
    v = static_cast<std::uint8_t>(std::clamp(255 - 255 * toward_ink / span, 0, 255));
  }
  return strip;
}

// Where a strip lies in the montage and in the capture.
struct Placed {
  PixelRect source;  // in the capture
  int top = 0;       // in the montage
  int height = 0;    // in the montage
  double scale = 1;  // montage pixels per capture pixel
};

// Type taller than this is shrunk to it in the montage (OCR reads it as well,
// and the montage stays small).
constexpr int kMontageType = 32;
constexpr int kMontageMargin = 10;

// Whether every wide gap between neighbouring symbols of `line` (wider than a
// line height: where screen_segments cuts a line into cells) is blank in `gray`
// within `rows`: no column of it holds a jump of grey level for most of a line
// height. The OCR places the characters of a line it reads alone approximately,
// and squeezed the last two of 青石县鑫源驾驶员培训学校有限公司 off to the right.
bool gaps_are_blank(const RasterImage& gray, const PixelRect& rows, const OcrLine& line) {
  const int h = std::max(1, line.box.height);
  for (std::size_t k = 1; k < line.symbols.size(); ++k) {
    const PixelRect& a = line.symbols[k - 1].box;
    const PixelRect& b = line.symbols[k].box;
    const int x0 = std::clamp(a.x + a.width, 0, gray.width - 1);
    const int x1 = std::clamp(b.x, 0, gray.width - 1);
    if (x1 - x0 <= h) continue;
    int blank = 0;
    int longest = 0;
    for (int x = x0; x < x1; ++x) {
      bool ink = false;
      for (int y = rows.y; y < rows.y + rows.height && !ink; ++y) {
        const std::uint8_t* row = gray.pixels.data() + static_cast<std::size_t>(y) * gray.width;
        ink = std::abs(int{row[x + 1]} - int{row[x]}) >= kEdgeStep;
      }
      blank = ink ? 0 : blank + 1;
      longest = std::max(longest, blank);
    }
    if (longest * 5 < h * 4) return false;
  }
  return true;
}

// The strips of `lines` stacked one under another on white, each strip's place in
// `placed`.
RasterImage montage_of(const RasterImage& gray, const std::vector<PixelRect>& lines, std::vector<Placed>& placed) {
  std::vector<RasterImage> strips;
  int width = 0;
  int y = kMontageMargin;
  for (const PixelRect& line : lines) {
    // A little of the background round the line: the faint edges of its type.
    const int margin = std::max(2, line.height / 8);
    const int x0 = std::max(0, line.x - margin);
    const int y0 = std::max(0, line.y - margin);
    const PixelRect r{x0, y0, std::min(gray.width, line.x + line.width + margin) - x0,
                      std::min(gray.height, line.y + line.height + margin) - y0};
    const double scale = r.height > kMontageType ? static_cast<double>(kMontageType) / r.height : 1.0;
    RasterImage strip = normalised_strip(gray, r);
    if (scale < 1.0) {
      strip = resize(strip, std::max(1, static_cast<int>(r.width * scale)),
                     std::max(1, static_cast<int>(r.height * scale)));
    }
    // Rows apart by the taller of the two lines, so OCR never joins them.
    const int gap = std::max(kMontageMargin, strip.height);
    placed.push_back({r, y, strip.height, scale});
    width = std::max(width, strip.width);
    y += strip.height + gap;
    strips.push_back(std::move(strip));
  }
  RasterImage montage;
  // White to the right of the widest strip too: the OCR places a line's last
  // characters badly when the type runs to the image's edge.
  montage.width = width + kMontageMargin + 2 * kMontageType;
  montage.height = y;
  montage.channels = 1;
  montage.pixels.assign(static_cast<std::size_t>(montage.width) * montage.height, 255);
  for (std::size_t i = 0; i < strips.size(); ++i) {
    const RasterImage& s = strips[i];
    for (int row = 0; row < s.height; ++row) {
      std::copy_n(
          s.pixels.begin() + static_cast<std::ptrdiff_t>(row) * s.width, s.width,
          montage.pixels.begin() + static_cast<std::ptrdiff_t>(placed[i].top + row) * montage.width + kMontageMargin);
    }
  }
  return montage;
}

}  // namespace

std::optional<OcrResult> read_lines_together(const RasterImage& gray, const std::vector<PixelRect>& lines, Ocr& ocr) {
  if (lines.empty()) return OcrResult{};
  std::vector<Placed> placed;
  const RasterImage montage = montage_of(gray, lines, placed);
  auto read = ocr.recognize(montage, OcrLayout::Uniform);
  if (!read) return std::nullopt;
  // Each line back to the strip its middle lies in, in the capture's pixels.
  const auto strip_at = [&](int my) -> const Placed* {
    for (const Placed& p : placed) {
      if (my >= p.top - p.height / 2 && my < p.top + p.height + p.height / 2) return &p;
    }
    return nullptr;
  };
  const auto back = [](const Placed& p, const PixelRect& b) {
    return PixelRect{p.source.x + static_cast<int>((b.x - kMontageMargin) / p.scale),
                     p.source.y + static_cast<int>((b.y - p.top) / p.scale), static_cast<int>(b.width / p.scale),
                     static_cast<int>(b.height / p.scale)};
  };
  OcrResult out;
  for (OcrLine& line : read->lines) {
    const Placed* p = strip_at(line.box.y + line.box.height / 2);
    if (p == nullptr) continue;
    line.box = back(*p, line.box);
    for (OcrSymbol& symbol : line.symbols) symbol.box = back(*p, symbol.box);
    if (!gaps_are_blank(gray, p->source, line)) line.symbols.clear();  // read whole, never cut at a false gap
    out.lines.push_back(std::move(line));
  }
  return out;
}

}  // namespace evpack
