// Time watermarks: where the text is, and what it says.
//
//   upright photo ──> analysis copy (shorter side kAnalysisShort)
//     bottom band / top band ──> bright top-hat (text brighter than its surroundings)
//       ──> ink mask ──> smeared into blocks ──> text-shaped blocks kept
//       ──> black-on-white panel ──> OCR (sparse text) ──> parse_watermark_text
//
// Watermark cameras draw light text (white, or orange for date stamps) with a
// shadow, a scrim or a translucent box behind it, so a white top-hat isolates it
// from large bright areas (walls, sky, paper) that are wider than a stroke. OCR
// sees only the kept blocks, binarised: the scene around them is blanked, which
// makes Tesseract both faster and far less inventive.
#include "evpack/inspect/watermark.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <regex>
#include <sstream>
#include <string_view>
#include <tuple>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/segment_digits.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

// Shorter side of the analysis copy. At this size the smallest watermark lines
// of the common templates (place, weekday: ~1/32 of the shorter side) are still
// ~22 px tall, which Tesseract reads well, and a 12-megapixel photo costs no more
// than a phone screenshot.
constexpr int kAnalysisShort = 720;
// Bands searched, as fractions of the height: watermark templates sit at the
// bottom (今日水印 block, corner stamps, 马克 boxes) or at the top (拍摄时间 tables).
constexpr double kBottomBand = 0.45;
constexpr double kTopBand = 0.30;
// Top-hat window: wider than any stroke of the largest HH:MM (~13 px at 720).
constexpr int kTopHatWindow = 25;
// A pixel is ink when it stands this much above the local background and is bright.
constexpr int kInkContrast = 50;
constexpr int kInkBright = 160;
// Stricter thresholds for the pixels handed to OCR (cleaner strokes).
constexpr int kOcrContrast = 70;
constexpr int kOcrBright = 170;
// Warm (red minus blue) ink: orange stamp type is ~255 over a white or gray scene's ~0.
constexpr int kWarmContrast = 60;
constexpr int kWarmLevel = 120;
// Smear that joins the characters of a line into one block.
constexpr int kSmearX = 15;
constexpr int kSmearY = 5;

// --- small image helpers on 1-channel rasters ------------------------------------

// Max of B, G, R: white and saturated orange/yellow text are both "bright".
RasterImage value_channel(const RasterImage& image) {
  RasterImage out{image.width, image.height, 1, {}};
  if (image.empty()) return out;
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  out.pixels.resize(n);
  if (image.channels == 1) {
    out.pixels = image.pixels;
    return out;
  }
  const int c = image.channels;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * c];
    out.pixels[i] = std::max({p[0], p[1], p[2]});
  }
  return out;
}

// Red minus blue, clamped at 0 (BGR input): orange and yellow type stand out,
// white, gray and blue are 0. Empty for gray images.
RasterImage warm_channel(const RasterImage& image) {
  if (image.empty() || image.channels != 3) return {};
  RasterImage out{image.width, image.height, 1, {}};
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  out.pixels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * 3];
    out.pixels[i] = static_cast<std::uint8_t>(std::max(0, static_cast<int>(p[2]) - static_cast<int>(p[0])));
  }
  return out;
}

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // half-open
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// Bounding boxes of the 4-connected components of a mask.
std::vector<Box> component_boxes(const std::vector<std::uint8_t>& mask, int w, int h) {
  std::vector<Box> boxes;
  std::vector<std::uint8_t> seen(mask.size(), 0);
  std::vector<int> stack;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t start = static_cast<std::size_t>(y) * w + x;
      if (mask[start] == 0 || seen[start] != 0) continue;
      Box b{x, y, x + 1, y + 1};
      seen[start] = 1;
      stack.assign(1, static_cast<int>(start));
      while (!stack.empty()) {
        const int p = stack.back();
        stack.pop_back();
        const int px = p % w;
        const int py = p / w;
        b.x0 = std::min(b.x0, px);
        b.x1 = std::max(b.x1, px + 1);
        b.y0 = std::min(b.y0, py);
        b.y1 = std::max(b.y1, py + 1);
        const std::array<std::pair<int, int>, 4> steps{{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}};
        for (const auto& [dx, dy] : steps) {
          const int nx = px + dx;
          const int ny = py + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const std::size_t q = static_cast<std::size_t>(ny) * w + nx;
          if (mask[q] != 0 && seen[q] == 0) {
            seen[q] = 1;
            stack.push_back(static_cast<int>(q));
          }
        }
      }
      boxes.push_back(b);
    }
  }
  return boxes;
}

// Clears thin vertical rules from an ink mask: pixels in a vertical run of at
// least kRuleLength whose horizontal run is at most kRuleWidth. The yellow bar
// between the time and the date of 今日水印 (6-8 px wide at the analysis size) is one; left in, the smear joins the
// large HH:MM and the date lines into one block. Strokes of text are either
// shorter (Han characters, ~22 px) or wider (the digits of a large HH:MM).
constexpr int kRuleLength = 30;
constexpr int kRuleWidth = 9;
void drop_thin_rules(std::vector<std::uint8_t>& mask, int w, int h, int rule_length = kRuleLength,
                     int rule_width = kRuleWidth) {
  std::vector<std::uint16_t> across(mask.size(), 0);
  for (int y = 0; y < h; ++y) {
    const std::size_t row = static_cast<std::size_t>(y) * w;
    for (int x = 0; x < w;) {
      if (mask[row + x] == 0) {
        ++x;
        continue;
      }
      int end = x;
      while (end < w && mask[row + end] != 0) ++end;
      for (int k = x; k < end; ++k) across[row + k] = static_cast<std::uint16_t>(std::min(end - x, 65535));
      x = end;
    }
  }
  for (int x = 0; x < w; ++x) {
    for (int y = 0; y < h;) {
      if (mask[static_cast<std::size_t>(y) * w + x] == 0) {
        ++y;
        continue;
      }
      int end = y;
      while (end < h && mask[static_cast<std::size_t>(end) * w + x] != 0) ++end;
      if (end - y >= rule_length) {
        for (int k = y; k < end; ++k) {
          const std::size_t i = static_cast<std::size_t>(k) * w + x;
          if (across[i] <= rule_width) mask[i] = 0;
        }
      }
      y = end;
    }
  }
}

// The runs of rows [y0, y1) that hold more than `quiet` ink pixels between x0 and
// x1: the lines of a block, cut where the ink stops.
std::vector<std::pair<int, int>> inked_rows(const std::vector<std::uint8_t>& ink, int w, int x0, int x1, int y0,
                                            int y1, int quiet) {
  std::vector<std::pair<int, int>> runs;
  int start = -1;
  for (int y = y0; y <= y1; ++y) {
    int count = 0;
    for (int x = x0; y < y1 && x < x1 && count <= quiet; ++x) count += ink[static_cast<std::size_t>(y) * w + x] != 0 ? 1 : 0;
    const bool inked = count > quiet;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      runs.emplace_back(start, y);
      start = -1;
    }
  }
  return runs;
}

// The light type of a region: pixels brighter than their surroundings within
// `window` (white-top-hat of the brightest channel), or warmer (the same on red
// minus blue: orange date stamps over a white or pale scene, a shirt, a wall, are
// no brighter than it). `ink` is what makes up the blocks; `strong`, with stricter
// thresholds, the cleaner strokes handed to OCR.
struct LightInk {
  std::vector<std::uint8_t> ink;
  std::vector<std::uint8_t> strong;
  std::vector<std::uint8_t> warm;  ///< the strong pixels that are so by warmth (orange type)
};
LightInk light_ink(const RasterImage& region, int window) {
  const RasterImage v = value_channel(region);
  const std::vector<std::uint8_t> opened = open_gray(v, window).pixels;
  LightInk out{std::vector<std::uint8_t>(v.pixels.size(), 0), std::vector<std::uint8_t>(v.pixels.size(), 0),
               std::vector<std::uint8_t>(v.pixels.size(), 0)};
  for (std::size_t i = 0; i < out.ink.size(); ++i) {
    const int top_hat = v.pixels[i] - opened[i];
    out.ink[i] = top_hat > kInkContrast && v.pixels[i] > kInkBright ? 1 : 0;
    out.strong[i] = top_hat > kOcrContrast && v.pixels[i] > kOcrBright ? 1 : 0;
  }
  const RasterImage warm = warm_channel(region);
  if (!warm.empty()) {
    const std::vector<std::uint8_t> warm_opened = open_gray(warm, window).pixels;
    for (std::size_t i = 0; i < out.ink.size(); ++i) {
      const int top_hat = warm.pixels[i] - warm_opened[i];
      if (top_hat > kWarmContrast && warm.pixels[i] > kWarmLevel) out.ink[i] = 1;
      if (top_hat > kWarmContrast + 20 && warm.pixels[i] > kWarmLevel + 20) out.strong[i] = out.warm[i] = 1;
    }
  }
  return out;
}

// One band: the panel of its text-like blocks, or nothing.
std::optional<TextPanel> panel_in_band(const RasterImage& upright, PixelRect band, const std::string& where,
                                       int image_height) {
  const RasterImage region = crop(upright, band);
  if (region.empty()) return std::nullopt;
  const int w = region.width;
  const int h = region.height;
  auto [ink, strong, warm] = light_ink(region, kTopHatWindow);  // warm: only the close reading needs it
  drop_thin_rules(ink, w, h);
  drop_thin_rules(strong, w, h);
  const auto blocks = component_boxes(dilate_rect(RasterImage{w, h, 1, ink}, kSmearX, kSmearY).pixels, w, h);

  // Each block measured on its own ink: the tight box, the share of it that is
  // ink, and the longest horizontal ink run.
  struct Measured {
    Box box;
    double density = 0;
    int longest_run = 0;
  };
  // The vertical smear bridges the gap between a line and whatever lies just
  // above or below it (the next line, scenery): cut each block at the rows that
  // hold no ink.
  std::vector<Box> pieces;
  for (const Box& b : blocks) {
    for (const auto& [top, bottom] : inked_rows(ink, w, b.x0, b.x1, b.y0, b.y1, 0)) {
      pieces.push_back({b.x0, top, b.x1, bottom});
    }
  }
  std::vector<Box> lines;
  std::vector<Box> narrow;
  for (const Box& b : pieces) {
    Measured m{{b.x1, b.y1, b.x0, b.y0}};
    int count = 0;
    for (int y = b.y0; y < b.y1; ++y) {
      int run = 0;
      for (int x = b.x0; x < b.x1; ++x) {
        if (ink[static_cast<std::size_t>(y) * w + x] == 0) {
          run = 0;
          continue;
        }
        ++count;
        m.longest_run = std::max(m.longest_run, ++run);
        m.box = {std::min(m.box.x0, x), std::min(m.box.y0, y), std::max(m.box.x1, x + 1), std::max(m.box.y1, y + 1)};
      }
    }
    if (count == 0) continue;
    const Box& t = m.box;
    m.density = static_cast<double>(count) / (static_cast<double>(t.width()) * t.height());
    // A line of text is not taller than the biggest HH:MM (~1/8 of the height);
    // its ink covers a fair share of its box but not all of it (a lamp, a face, a
    // badge are solid); and no stroke runs much longer than a character is tall
    // (the rim of a bus, a window frame, a table edge do).
    if (t.height() < 8 || t.height() > image_height / 4) continue;
    if (m.density < 0.10 || m.density > 0.60 || m.longest_run > 2 * t.height()) continue;
    (t.width() < t.height() * 6 / 5 ? narrow : lines).push_back(t);
  }
  // A narrow block (the "1" of a large "14:18", set apart by wide letter spacing)
  // belongs to the line beside it when it stands on the same baseline.
  for (const Box& n : narrow) {
    for (Box& l : lines) {
      const int overlap = std::min(n.y1, l.y1) - std::max(n.y0, l.y0);
      const int gap = std::max(l.x0 - n.x1, n.x0 - l.x1);
      // Not a rule or bar (the yellow bar of 今日水印 is a tenth as wide as tall).
      if (n.width() * 4 < n.height()) break;
      if (overlap >= n.height() * 7 / 10 && n.height() * 10 >= l.height() * 6 && n.height() * 10 <= l.height() * 16 &&
          gap <= l.height()) {
        l = {std::min(l.x0, n.x0), std::min(l.y0, n.y0), std::max(l.x1, n.x1), std::max(l.y1, n.y1)};
        break;
      }
    }
  }

  // Large type is set wide: the "07" and ":45" of a big HH:MM fall apart into two
  // blocks. Blocks of one height on one baseline, closer than about half their
  // height, are one line.
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < lines.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < lines.size() && !merged; ++j) {
        const Box& a = lines[i];
        const Box& b = lines[j];
        const int lo = std::min(a.height(), b.height());
        const int hi = std::max(a.height(), b.height());
        const int overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
        const int gap = std::max(a.x0 - b.x1, b.x0 - a.x1);
        if (hi * 10 > lo * 12 || overlap < lo * 7 / 10 || gap > hi * 6 / 10) continue;
        lines[i] = {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
    }
  }

  RasterImage panel{w, h, 1, std::vector<std::uint8_t>(ink.size(), 255)};
  bool any = false;
  Box bounds{w, h, 0, 0};
  for (const Box& b : lines) {
    for (int y = b.y0; y < b.y1; ++y) {
      for (int x = b.x0; x < b.x1; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        if (strong[i] != 0) panel.pixels[i] = 0;
      }
    }
    any = true;
    bounds = {std::min(bounds.x0, b.x0), std::min(bounds.y0, b.y0), std::max(bounds.x1, b.x1),
              std::max(bounds.y1, b.y1)};
  }
  if (!any) return std::nullopt;
  // Keep a white margin around the blocks: Tesseract misreads text touching the border.
  const int margin = 12;
  const PixelRect keep{std::max(0, bounds.x0 - margin), std::max(0, bounds.y0 - margin),
                       std::min(w, bounds.x1 + margin) - std::max(0, bounds.x0 - margin),
                       std::min(h, bounds.y1 + margin) - std::max(0, bounds.y0 - margin)};
  TextPanel out;
  out.ink = crop(panel, keep);
  out.box = {band.x + keep.x, band.y + keep.y, keep.width, keep.height};
  out.where = where;
  // Lines top to bottom, left to right, in panel coordinates.
  std::sort(lines.begin(), lines.end(), [](const Box& a, const Box& b) {
    return a.y0 + a.height() / 2 < b.y0 + b.height() / 2 ||
           (a.y0 + a.height() / 2 == b.y0 + b.height() / 2 && a.x0 < b.x0);
  });
  for (const Box& b : lines) out.lines.push_back({b.x0 - keep.x, b.y0 - keep.y, b.width(), b.height()});
  return out;
}

std::string join_lines(const TextPanel& panel, const std::vector<std::string>& texts) {
  std::string text;
  int row_top = -1;
  int row_bottom = -1;
  for (std::size_t i = 0; i < panel.lines.size(); ++i) {
    if (texts[i].empty()) continue;
    const PixelRect& box = panel.lines[i];
    // Same row when the centre of this block lies within the row's height.
    const int centre = box.y + box.height / 2;
    const bool same_row = row_bottom >= 0 && centre >= row_top && centre <= row_bottom;
    if (!text.empty()) text += same_row ? ' ' : '\n';
    text += texts[i];
    if (!same_row) {
      row_top = box.y;
      row_bottom = box.y + box.height;
    }
  }
  return text;
}

// OCR of a panel block by block: one block is far cheaper for Tesseract than
// finding the layout of a sparse panel, and costs about its number of characters.
// The tallest block goes first (the large HH:MM of 今日水印, the date and time of
// stamps and tables are the biggest text); once a block showed a date or a time,
// the blocks level with it follow (every template sets the date beside the time),
// then the others by nearness; else the next tallest. Reading stops as soon as a
// date and a time are known: place, brand and code lines are read only while
// looking for them.
struct PanelRead {
  std::vector<std::string> texts;  ///< per block of the panel; empty when not read or nothing read
  std::string text;                ///< the blocks read, joined in reading order
};
Expected<PanelRead> read_panel(const TextPanel& panel, Ocr& ocr) {
  const std::size_t n = panel.lines.size();
  std::vector<std::string> texts(n);
  std::vector<bool> done(n, false);
  std::string text;
  std::optional<std::size_t> anchor;  // a block that showed a date or a time
  // Nearness to the anchor: blocks level with it (their rows overlap) before
  // those above or below, the one whose top is nearest the anchor's top first,
  // then by the distance of the centres. The place line under a 今日水印 time is
  // nearer by centre than the date beside it, and costs twice as much to read;
  // the date sits level with the top of the time, the weekday under the date.
  auto nearness = [&](std::size_t a, std::size_t b) {
    const PixelRect& p = panel.lines[a];
    const PixelRect& q = panel.lines[b];
    const bool level = p.y < q.y + q.height && q.y < p.y + p.height;
    const long dx = (2L * p.x + p.width) - (2L * q.x + q.width);
    const long dy = (2L * p.y + p.height) - (2L * q.y + q.height);
    return std::tuple{level ? 0 : 1, level ? std::abs(p.y - q.y) : 0, dx * dx + dy * dy};
  };
  for (std::size_t step = 0; step < n; ++step) {
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < n; ++i) {
      if (done[i]) continue;
      if (!next) {
        next = i;
      } else if (anchor ? nearness(i, *anchor) < nearness(*next, *anchor)
                        : panel.lines[i].height > panel.lines[*next].height) {
        next = i;
      }
    }
    const std::size_t i = *next;
    done[i] = true;
    // The block alone, nothing of its neighbours, framed in white.
    auto recognised = ocr.recognize(frame_in_white(crop(panel.ink, panel.lines[i]), 10), OcrLayout::Uniform);
    if (!recognised) return recognised.error();
    texts[i] = trim(recognised->text());
    if (texts[i].empty()) continue;
    text = join_lines(panel, texts);
    const WatermarkReading reading = parse_watermark_text(text);
    if (reading.date && reading.hour >= 0) break;
    if (!anchor) {
      const WatermarkReading own = parse_watermark_text(texts[i]);
      if (own.date || own.hour >= 0) anchor = i;
    }
  }
  return PanelRead{std::move(texts), std::move(text)};
}

// --- the closer second reading ----------------------------------------------------

// Text whose reading is worth a second look: a date or a time came out, or a run
// of digits a stamp could have made.
bool worth_a_closer_look(const std::string& text) {
  return shows_stamp(parse_watermark_text(text)) || count_ascii_digits(text) >= 6;
}

// Height the type of a block is scaled to for the second reading.
constexpr int kCloseHeight = 40;
// Top-hat window at that height: wider than any stroke (about a fifth of the type).
constexpr int kCloseWindow = 21;
// Blocks read a second time, at most (a panel rarely has more lines).
constexpr std::size_t kCloseBlocks = 8;

// at that size: black on white, framed. Orange type (most of the ink warm) is
// taken alone, so a white sheet or wall behind a date stamp does not join it.
RasterImage close_ink(const RasterImage& cut, int type_height) {
  if (cut.empty() || type_height <= 0) return {};
  // Never more than 8x: a sliver of a block must not become a poster.
  const double k = std::min(8.0, static_cast<double>(kCloseHeight) / type_height);
  const RasterImage sized = resize(cut, std::max(1, static_cast<int>(cut.width * k + 0.5)),
                                   std::max(1, static_cast<int>(cut.height * k + 0.5)));
  if (sized.empty()) return {};
  const LightInk ink = light_ink(sized, kCloseWindow);
  const auto strong = std::count(ink.strong.begin(), ink.strong.end(), 1);
  const auto warm = std::count(ink.warm.begin(), ink.warm.end(), 1);
  const std::vector<std::uint8_t>& mask = warm * 10 >= strong * 6 ? ink.warm : ink.strong;
  RasterImage out{sized.width, sized.height, 1, std::vector<std::uint8_t>(mask.size(), 255)};
  for (std::size_t i = 0; i < mask.size(); ++i) {
    if (mask[i] != 0) out.pixels[i] = 0;
  }
  return frame_in_white(out, 12);
}

// The pieces of one type size in a cut: runs of inked columns apart by more than
// `min_gap` (the large HH:MM of 今日水印, its bar, the date and weekday beside it),
// each cut at the rows without ink into its lines. Tight boxes, column by column.
std::vector<Box> type_pieces(const std::vector<std::uint8_t>& ink, int w, int h, int min_gap, int min_height) {
  std::vector<Box> out;
  std::vector<int> columns;  // x of inked columns
  for (int x = 0; x < w; ++x) {
    for (int y = 0; y < h; ++y) {
      if (ink[static_cast<std::size_t>(y) * w + x] != 0) {
        columns.push_back(x);
        break;
      }
    }
  }
  for (std::size_t a = 0; a < columns.size();) {
    std::size_t b = a + 1;
    while (b < columns.size() && columns[b] - columns[b - 1] <= min_gap) ++b;
    const int x0 = columns[a];
    const int x1 = columns[b - 1] + 1;
    // Lines are cut at rows with (almost) no ink: a stray pixel of scenery in the
    // gap between two lines must not join them.
    int fullest = 0;
    for (int y = 0; y < h; ++y) {
      int count = 0;
      for (int x = x0; x < x1; ++x) count += ink[static_cast<std::size_t>(y) * w + x];
      fullest = std::max(fullest, count);
    }
    for (const auto& [top, bottom] : inked_rows(ink, w, x0, x1, 0, h, fullest / 12)) {
      if (bottom - top < min_height) continue;
      Box piece{x1, top, x0, bottom};
      for (int y = top; y < bottom; ++y) {
        for (int x = x0; x < x1; ++x) {
          if (ink[static_cast<std::size_t>(y) * w + x] == 0) continue;
          piece.x0 = std::min(piece.x0, x);
          piece.x1 = std::max(piece.x1, x + 1);
        }
      }
      out.push_back(piece);
    }
    a = b;
  }
  return out;
}

// A region of the analysis copy, holding type `type_height` analysis px tall, cut
// again from `sharp` (the same upright photo, `scale` times the analysis size) and
// prepared for OCR piece by piece (type_pieces), each piece at its own size: the
// date beside a large HH:MM is a third as tall and would be too small to read at
// the HH:MM's scale.
std::vector<RasterImage> close_pieces(const RasterImage& sharp, double scale, PixelRect rect, int type_height) {
  const auto at = [&](double v) { return static_cast<int>(v * scale); };
  const RasterImage cut = crop(sharp, {at(rect.x), at(rect.y), at(rect.width), at(rect.height)});
  if (cut.empty() || type_height <= 0) return {};
  const int height = std::max(1, at(type_height));
  RasterImage whole = close_ink(cut, height);
  if (whole.empty()) return {};
  // The pieces, found on the ink at the close size (black on white there).
  std::vector<std::uint8_t> ink(whole.pixels.size());
  for (std::size_t i = 0; i < ink.size(); ++i) ink[i] = whole.pixels[i] == 0 ? 1 : 0;
  drop_thin_rules(ink, whole.width, whole.height, kCloseHeight * 3 / 4, kCloseHeight / 5);
  const auto pieces = type_pieces(ink, whole.width, whole.height, kCloseHeight / 4, kCloseHeight / 5);
  // Read piece by piece only when it holds type of two sizes as 今日水印 sets them:
  // a large, wide line (the HH:MM) and beside it two lines of words (twice as wide
  // as tall at least, under half its height: the date over the weekday) that
  // together span most of its height. Anything else (a stamp's date and time,
  // however spaced, with a blot of scenery) is read as one line.
  const Box* tallest = nullptr;
  for (const Box& p : pieces) {
    if (tallest == nullptr || p.height() > tallest->height()) tallest = &p;
  }
  // Words: strokes cover a fair share of the box, never all of it (a sheet of
  // paper or a wall behind the type is solid).
  const auto density = [&](const Box& p) {
    long count = 0;
    for (int y = p.y0; y < p.y1; ++y) {
      for (int x = p.x0; x < p.x1; ++x) count += ink[static_cast<std::size_t>(y) * whole.width + x];
    }
    return static_cast<double>(count) / (static_cast<double>(p.width()) * p.height());
  };
  const auto small_words = [&](const Box& p) {
    return p.height() * 2 <= tallest->height() && p.width() >= 2 * p.height() &&
           (p.x0 >= tallest->x1 || p.x1 <= tallest->x0) && density(p) <= 0.6;
  };
  bool two_sizes = false;
  if (tallest != nullptr && tallest->width() * 2 >= tallest->height() * 3) {
    for (const Box& a : pieces) {
      for (const Box& b : pieces) {
        if (&a == &b || !small_words(a) || !small_words(b)) continue;
        const bool stacked = a.y1 <= b.y0 && std::min(a.x1, b.x1) > std::max(a.x0, b.x0);
        if (stacked && (b.y1 - a.y0) * 10 >= tallest->height() * 6) two_sizes = true;
      }
    }
  }
  std::vector<RasterImage> out;
  if (!two_sizes) {
    out.push_back(std::move(whole));
    return out;
  }
  // Back from the close size (framed by 12 px) to the cut's pixels.
  const double back = static_cast<double>(height) / kCloseHeight;
  for (const Box& p : pieces) {
    const int pad = std::max(2, p.height() / 4);
    const PixelRect in_cut{static_cast<int>((p.x0 - 12 - pad) * back), static_cast<int>((p.y0 - 12 - pad) * back),
                           static_cast<int>((p.width() + 2 * pad) * back), static_cast<int>((p.height() + 2 * pad) * back)};
    out.push_back(close_ink(crop(cut, in_cut), std::max(1, static_cast<int>(p.height() * back))));
  }
  return out;
}

// What OCR makes of a close region: as one block, and, for a line of digits, once
// more restricted to kStampCharacters both as one block and as scattered text
// (the latter keeps the digits apart from a blot of scenery the region holds).
Expected<std::vector<std::string>> close_readings(const RasterImage& region, const std::string& first, Ocr& ocr) {
  std::vector<std::string> out;
  auto plain = ocr.recognize(region, OcrLayout::Uniform);
  if (!plain) return plain.error();
  out.push_back(trim(plain->text()));
  if (stamp_like(out.back()) || stamp_like(first)) {
    for (const OcrLayout layout : {OcrLayout::Uniform, OcrLayout::Sparse}) {
      auto digits = ocr.recognize(region, layout, kStampCharacters);
      if (!digits) return digits.error();
      out.push_back(trim(digits->text()));
    }
  }
  // Seven-segment type (date imprints, camera OSD) read by its bars: OCR reads
  // its 7 as 0 or 1. Empty for any other type.
  if (std::string segments = read_segment_line(region); !segments.empty()) out.push_back(std::move(segments));
  return out;
}

// The second reading of a panel whose first reading was incomplete. Blocks that
// showed digits go first, then those that showed nothing, then the rest, tallest
// first; each is read anew from close_pieces. Then, if a date stamp still shows
// its date without its time or the reverse, the line is read whole: date stamps
// set the time right beside the date, and a bright object behind one of them can
// keep it out of the blocks. A block's new text replaces its first one only when
// it makes the panel's reading more complete; reading stops once it is complete.
Expected<PanelRead> reread_panel(const TextPanel& panel, PanelRead read, const RasterImage& sharp, double scale,
                                 Ocr& ocr) {
  const std::size_t n = panel.lines.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  const auto rank = [&](std::size_t i) {
    return count_ascii_digits(read.texts[i]) > 0 ? 0 : read.texts[i].empty() ? 1 : 2;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : panel.lines[a].height > panel.lines[b].height;
  });
  if (order.size() > kCloseBlocks) order.resize(kCloseBlocks);
  int score = judge_watermark_text(read.text).score;
  const auto done = [&] { return judge_watermark_text(read.text).settled; };
  // Tries the readings of a region as the text of block i.
  const auto try_texts = [&](std::size_t i, const std::vector<std::string>& candidates) {
    for (const auto& candidate : candidates) {
      std::vector<std::string> texts = read.texts;
      texts[i] = candidate;
      std::string text = join_lines(panel, texts);
      const int s = judge_watermark_text(text).score;
      if (s <= score) continue;
      score = s;
      read.texts = std::move(texts);
      read.text = std::move(text);
    }
  };
  const auto in_photo = [&](const PixelRect& line, int pad) {
    return PixelRect{panel.box.x + line.x - pad, panel.box.y + line.y - pad, line.width + 2 * pad,
                     line.height + 2 * pad};
  };
  // The readings of a region as the text of block i: each variant (plain, digits
  // as a block, digits scattered) of all its pieces, one piece per line.
  const auto read_region = [&](std::size_t i, const PixelRect& rect, int type_height) -> Expected<bool> {
    const auto pieces = close_pieces(sharp, scale, rect, type_height);
    std::vector<std::string> variants;
    for (const RasterImage& piece : pieces) {
      if (piece.empty()) continue;
      auto readings = close_readings(piece, pieces.size() == 1 ? read.texts[i] : std::string{}, ocr);
      if (!readings) return readings.error();
      if (variants.size() < readings->size()) variants.resize(readings->size());
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const std::string& text = v < readings->size() ? (*readings)[v] : readings->front();
        if (text.empty()) continue;
        if (!variants[v].empty()) variants[v] += '\n';
        variants[v] += text;
      }
    }
    try_texts(i, variants);
    return done();
  };
  for (const std::size_t i : order) {
    const PixelRect& line = panel.lines[i];
    auto finished = read_region(i, in_photo(line, std::max(3, line.height / 3)), line.height);
    if (!finished) return finished.error();
    if (*finished) return read;
  }
  for (const std::size_t i : order) {
    const WatermarkReading own = parse_watermark_text(read.texts[i]);
    if (own.date.has_value() == (own.hour >= 0) || !stamp_like(read.texts[i])) continue;
    // "2025-05-08" is ten characters and "07:02:11" eight: the whole line is about
    // twice the date, or two and a half times the time, wide.
    const PixelRect& line = panel.lines[i];
    const int pad = std::max(3, line.height / 3);
    PixelRect whole = in_photo(line, pad);
    if (own.date) {
      whole.width += line.width * 11 / 10;
    } else {
      whole.x -= line.width * 3 / 2;
      whole.width += line.width * 3 / 2;
    }
    auto finished = read_region(i, whole, line.height);
    if (!finished) return finished.error();
    if (*finished) break;
  }
  return read;
}

}  // namespace

std::optional<WatermarkJudgement> read_segment_blocks(const RasterImage& pixels, double scale,
                                                      const std::vector<PanelReading::StampBlock>& blocks) {
  // The blocks side by side on one line (a date stamp's date and time are read
  // as two blocks when a bright object parts them) make one row.
  std::vector<PixelRect> rows;
  for (const auto& block : blocks) {
    const PixelRect& b = block.box;
    auto same_line = std::find_if(rows.begin(), rows.end(), [&](const PixelRect& r) {
      const int overlap = std::min(r.y + r.height, b.y + b.height) - std::max(r.y, b.y);
      return overlap * 2 >= std::min(r.height, b.height);
    });
    if (same_line == rows.end()) {
      rows.push_back(b);
      continue;
    }
    PixelRect& r = *same_line;
    const int x0 = std::min(r.x, b.x);
    const int y0 = std::min(r.y, b.y);
    r = {x0, y0, std::max(r.x + r.width, b.x + b.width) - x0, std::max(r.y + r.height, b.y + b.height) - y0};
  }
  std::string text;
  for (const PixelRect& row : rows) {
    // The whole line: a stamp's date runs up to four times its height beside the
    // time the first reading found, and the other way round.
    const int reach = row.height * 4;
    const int pad = std::max(2, row.height / 3);
    const auto at = [&](double v) { return static_cast<int>(v * scale); };
    const RasterImage cut = crop(pixels, {at(row.x - reach), at(row.y - pad), at(row.width + 2 * reach),
                                          at(row.height + 2 * pad)});
    const std::string line = read_segment_stamp(cut, std::max(1, at(row.height)));
    if (line.empty()) continue;
    if (!text.empty()) text += '\n';
    text += line;
  }
  if (text.empty()) return std::nullopt;
  return judge_watermark_text(text);
}

std::vector<TextPanel> find_watermark_panels(const RasterImage& upright) {
  std::vector<TextPanel> out;
  if (upright.empty()) return out;
  const int h = upright.height;
  const int w = upright.width;
  const int bottom_top = static_cast<int>(h * (1.0 - kBottomBand));
  if (auto p = panel_in_band(upright, {0, bottom_top, w, h - bottom_top}, "bottom", h)) out.push_back(std::move(*p));
  if (auto p = panel_in_band(upright, {0, 0, w, static_cast<int>(h * kTopBand)}, "top", h)) {
    out.push_back(std::move(*p));
  }
  return out;
}

Expected<PanelReading> read_watermark_panels(const RasterImage& analysis, Ocr& ocr, const SharperImage& sharper) {
  PanelReading out;
  if (analysis.empty()) return out;
  const auto panels = find_watermark_panels(analysis);
  std::vector<PanelRead> reads;
  std::optional<std::size_t> best_panel;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    auto read = read_panel(panels[p], ocr);
    if (!read) return read.error();
    reads.push_back(std::move(*read));
    WatermarkJudgement judged = judge_watermark_text(reads.back().text);
    if (shows_stamp(judged.reading) && judged.score > out.best.score) {
      out.best = std::move(judged);
      best_panel = p;
    }
    if (has_date_and_time(out.best.reading)) break;  // the bottom band held it: the top band need not be read
  }

  // A closer second look where the first left the date or the time out, read a
  // weekday the date contradicts or lost a digit of the hour, but saw signs of a
  // stamp: a date, a time, digits.
  if (!out.best.settled) {
    // The sharper copy is decoded only once a panel is worth the second look:
    // photos without any stamp never pay for it.
    const RasterImage* sharp = nullptr;
    double scale = 1;
    for (std::size_t p = 0; p < reads.size(); ++p) {
      if (!worth_a_closer_look(reads[p].text)) continue;
      if (sharp == nullptr) {
        const RasterImage& decoded = sharper.get();
        const int analysis_short = std::min(analysis.width, analysis.height);
        sharp = std::min(decoded.width, decoded.height) > analysis_short ? &decoded : &analysis;
        scale = static_cast<double>(std::min(sharp->width, sharp->height)) / analysis_short;
      }
      auto reread = reread_panel(panels[p], reads[p], *sharp, scale, ocr);
      if (!reread) return reread.error();
      WatermarkJudgement judged = judge_watermark_text(reread->text);
      if (!shows_stamp(judged.reading) || judged.score <= out.best.score) continue;
      out.best = std::move(judged);
      best_panel = p;
      reads[p] = std::move(*reread);
      if (out.best.settled) break;
    }
  }

  for (const auto& read : reads) {
    if (read.text.empty()) continue;
    out.text_seen = true;
    if (!out.text.empty()) out.text += '\n';
    out.text += read.text;
  }
  // The blocks that showed the date or the time, for a second reading by another
  // reader; when no block shows either on its own (the panel's reading joined
  // them), every block with digits.
  if (best_panel) {
    const TextPanel& panel = panels[*best_panel];
    const PanelRead& read = reads[*best_panel];
    for (const bool any_digits : {false, true}) {
      for (std::size_t i = 0; i < panel.lines.size(); ++i) {
        const WatermarkReading own = parse_watermark_text(read.texts[i]);
        const bool stamp = own.date.has_value() || own.hour >= 0;
        if (any_digits ? count_ascii_digits(read.texts[i]) < 2 : !stamp) continue;
        const PixelRect& line = panel.lines[i];
        out.stamp_blocks.push_back(
            {{panel.box.x + line.x, panel.box.y + line.y, line.width, line.height}, own.date.has_value(), own.hour >= 0});
      }
      if (!out.stamp_blocks.empty()) break;
    }
  }
  return out;
}

}  // namespace evpack
