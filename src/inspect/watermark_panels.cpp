// Panel finding and the first reading of the watermark fast path: the text-like
// blocks of light ink in the bottom and top bands (find_watermark_panels), and
// their OCR block by block, tallest first (read_panel).
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <tuple>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/util/text.hpp"
#include "watermark_fast_path.hpp"

namespace evpack {

namespace fast_path {

namespace {

// Bands searched, as fractions of the height: watermark templates sit at the
// bottom (今日水印 block, corner stamps, 马克 boxes) or at the top (拍摄时间 tables).
constexpr double kBottomBand = 0.45;
constexpr double kTopBand = 0.30;
// Smear that joins the characters of a line into one block.
constexpr int kSmearX = 15;
constexpr int kSmearY = 5;

// The blocks of a band's ink shaped like a line of text (`lines`), and the
// narrow ones that may belong to a line beside them (`narrow`).
struct TextBlocks {
  std::vector<Box> lines;
  std::vector<Box> narrow;
};
TextBlocks text_blocks(const std::vector<std::uint8_t>& ink, int w, int h, int image_height) {
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
  TextBlocks out;
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
    (t.width() < t.height() * 6 / 5 ? out.narrow : out.lines).push_back(t);
  }
  return out;
}

// A narrow block (the "1" of a large "14:18", set apart by wide letter spacing)
// belongs to the line beside it when it stands on the same baseline.
void join_narrow_blocks(std::vector<Box>& lines, const std::vector<Box>& narrow) {
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
}

// Large type is set wide: the "07" and ":45" of a big HH:MM fall apart into two
// blocks. Blocks of one height on one baseline, closer than about half their
// height, are one line.
void join_wide_set(std::vector<Box>& lines) {
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
}

// The panel of a band (`w` x `h`, at `band` in the photo) holding the `strong`
// ink of its lines only, black on white; nothing when there are no lines.
std::optional<TextPanel> panel_of_lines(std::vector<Box> lines, const std::vector<std::uint8_t>& strong, int w, int h,
                                        PixelRect band, const std::string& where) {
  RasterImage panel{w, h, 1, std::vector<std::uint8_t>(strong.size(), 255)};
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
  auto [lines, narrow] = text_blocks(ink, w, h, image_height);
  join_narrow_blocks(lines, narrow);
  join_wide_set(lines);
  return panel_of_lines(std::move(lines), strong, w, h, band, where);
}

}  // namespace

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

}  // namespace fast_path

std::vector<TextPanel> find_watermark_panels(const RasterImage& upright) {
  std::vector<TextPanel> out;
  if (upright.empty()) return out;
  const int h = upright.height;
  const int w = upright.width;
  const int bottom_top = static_cast<int>(h * (1.0 - fast_path::kBottomBand));
  if (auto p = fast_path::panel_in_band(upright, {0, bottom_top, w, h - bottom_top}, "bottom", h)) {
    out.push_back(std::move(*p));
  }
  if (auto p = fast_path::panel_in_band(upright, {0, 0, w, static_cast<int>(h * fast_path::kTopBand)}, "top", h)) {
    out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace evpack
