// The general watermark path (see watermark_scene.hpp and read_watermark).
//
//   analysis copy ──> scene-text detector ──> every line of type, any colour or polarity
//     ──> lines near the edges first ──> recogniser, one line at a time
//     ──> lines grouped into panels ──> parse_watermark_text per panel
//     ──> stop at a settled date and time; the panel's digit lines read again
//         from the sharper pixels to confirm it
//
// Watermark apps put their stamps along the edges and in the corners (今日水印's
// block bottom-left, 拍摄时间 tables top-left, date stamps bottom-right, frames
// under the picture); banners, slides and signs fill the middle. Reading near
// the edges first finds the stamp after a few lines on most photos.
#include "evpack/inspect/watermark_scene.hpp"

#include "evpack/adapters/image_ops.hpp"
#include "evpack/util/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <regex>
#include <utility>

namespace evpack {

namespace {

// A line whose centre is this close to an edge (as a fraction of that side) is in
// the zone where watermark apps draw.
constexpr double kEdgeZone = 0.35;
// Share of the height at the top and bottom where a line of digits that reads as
// no date is taken for a date stamp the recogniser could not make out.
constexpr double kStampBand = 0.15;
// Lines under this height (analysis px) hold nothing legible; over a fifth of the
// height they are banners and slide titles, not stamps.
constexpr int kMinLineHeight = 6;

double edge_distance(const PixelRect& box, int width, int height) {
  const double cx = (box.x + box.width / 2.0) / width;
  const double cy = (box.y + box.height / 2.0) / height;
  return std::min({cx, 1 - cx, cy, 1 - cy});
}

// Two lines belong to one panel when they are stacked or set side by side with
// about a line's height between them.
bool near(const PixelRect& a, const PixelRect& b) {
  const int h = std::max(a.height, b.height);
  const int dy = std::max({0, b.y - (a.y + a.height), a.y - (b.y + b.height)});
  const int dx = std::max({0, b.x - (a.x + a.width), a.x - (b.x + b.width)});
  return dy <= h && dx <= 3 * h;
}

// The panels of the lines read so far (connected by `near`).
std::vector<ScenePanel> panels_of(const std::vector<ReadLine>& read) {
  std::vector<std::size_t> group(read.size());
  std::iota(group.begin(), group.end(), std::size_t{0});
  const auto root = [&](std::size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (std::size_t i = 0; i < read.size(); ++i) {
    for (std::size_t j = i + 1; j < read.size(); ++j) {
      if (near(read[i].line.box, read[j].line.box)) group[root(i)] = root(j);
    }
  }
  std::vector<ScenePanel> out;
  std::vector<std::size_t> index_of(read.size(), static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < read.size(); ++i) {
    const std::size_t r = root(i);
    if (index_of[r] == static_cast<std::size_t>(-1)) {
      index_of[r] = out.size();
      out.emplace_back();
    }
    out[index_of[r]].lines.push_back(read[i]);
  }
  for (auto& panel : out) {
    panel.text = join_read_lines(panel.lines);
    panel.judged = judge_watermark_text(panel.text);
  }
  return out;
}

// A line's outline grown about its centre: a cut with more of the backdrop around
// the type, for a second reading of the same pixels.
SceneTextLine widened(const SceneTextLine& line, double along, double across) {
  SceneTextLine out = line;
  float cx = 0;
  float cy = 0;
  for (const auto& c : line.corners) {
    cx += c.x / 4;
    cy += c.y / 4;
  }
  // Along the text (top-left to top-right) and across it (top-left to bottom-left).
  const float ax = (line.corners[1].x - line.corners[0].x) / 2;
  const float ay = (line.corners[1].y - line.corners[0].y) / 2;
  const float bx = (line.corners[3].x - line.corners[0].x) / 2;
  const float by = (line.corners[3].y - line.corners[0].y) / 2;
  const auto k = static_cast<float>(along);
  const auto m = static_cast<float>(across);
  out.corners[0] = {cx - k * ax - m * bx, cy - k * ay - m * by};
  out.corners[1] = {cx + k * ax - m * bx, cy + k * ay - m * by};
  out.corners[2] = {cx + k * ax + m * bx, cy + k * ay + m * by};
  out.corners[3] = {cx - k * ax + m * bx, cy - k * ay + m * by};
  return out;
}

// A line of type lying level: wider than tall (a column of type standing on end
// in a photo stored turned is not), its top edge rising or falling by under a
// tenth of its length.
bool level(const SceneTextLine& line) {
  const float dx = line.corners[1].x - line.corners[0].x;
  const float dy = line.corners[1].y - line.corners[0].y;
  return line.box.width >= line.box.height && dx > 0 && std::abs(dy) * 10 < dx;
}

// The detector cuts a line where its type is set wide (digital date stamps space
// their fields: "8  12 '25  15:03"), and a lone "8" holds the month. Level
// pieces of one type size on one baseline, about a character apart, are one line.
std::vector<SceneTextLine> merge_baselines(std::vector<SceneTextLine> lines) {
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < lines.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < lines.size() && !merged; ++j) {
        const SceneTextLine& a = lines[i];
        const SceneTextLine& b = lines[j];
        const PixelRect& p = a.box;
        const PixelRect& q = b.box;
        // The longer of the two must lie level; a lone digit beside it may be
        // taller than wide (the "8" of "8  12 '25").
        const SceneTextLine& longer = p.width >= q.width ? a : b;
        const SceneTextLine& shorter = p.width >= q.width ? b : a;
        if (!level(longer) || (!level(shorter) && shorter.box.width * 2 > shorter.box.height * 3)) continue;
        const int lo = std::min(p.height, q.height);
        const int hi = std::max(p.height, q.height);
        const int overlap = std::min(p.y + p.height, q.y + q.height) - std::max(p.y, q.y);
        const int gap = std::max(p.x - (q.x + q.width), q.x - (p.x + p.width));
        // Outlines are grown in proportion to their size, so a lone digit's box is
        // shorter than its line's: a short piece (one or two characters) joins a
        // line down to 40 % of its height when it lies within the line's rows.
        // Centred on the line's middle, as a digit of the same type is (the weekday
        // beside a large 今日水印 HH:MM sits lower, level with its bottom half).
        const PixelRect& small = p.height <= q.height ? p : q;
        const PixelRect& large = p.height <= q.height ? q : p;
        const int off_centre = std::abs((2 * small.y + small.height) - (2 * large.y + large.height)) / 2;
        const bool piece =
            small.width <= 2 * small.height && lo * 10 >= hi * 4 && overlap * 10 >= lo * 8 && off_centre * 10 <= hi;
        if ((lo * 10 < hi * 7 && !piece) || overlap * 10 < lo * 6 || gap > hi * 6 / 5) continue;
        const int x0 = std::min(p.x, q.x);
        const int y0 = std::min(p.y, q.y);
        const int x1 = std::max(p.x + p.width, q.x + q.width);
        const int y1 = std::max(p.y + p.height, q.y + q.height);
        SceneTextLine joined;
        joined.box = {x0, y0, x1 - x0, y1 - y0};
        joined.corners = {PointF{static_cast<float>(x0), static_cast<float>(y0)},
                          PointF{static_cast<float>(x1), static_cast<float>(y0)},
                          PointF{static_cast<float>(x1), static_cast<float>(y1)},
                          PointF{static_cast<float>(x0), static_cast<float>(y1)}};
        joined.score = std::max(a.score, b.score);
        lines[i] = joined;
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
    }
  }
  return lines;
}

}  // namespace

std::string join_read_lines(std::vector<ReadLine> lines) {
  std::sort(lines.begin(), lines.end(), [](const ReadLine& a, const ReadLine& b) {
    return 2 * a.line.box.y + a.line.box.height < 2 * b.line.box.y + b.line.box.height;
  });
  std::string text;
  std::size_t start = 0;
  while (start < lines.size()) {
    // A row: the lines whose centres lie within the first one's height.
    const PixelRect& first = lines[start].line.box;
    std::size_t end = start + 1;
    while (end < lines.size()) {
      const PixelRect& b = lines[end].line.box;
      const int centre = b.y + b.height / 2;
      if (centre < first.y || centre > first.y + first.height) break;
      ++end;
    }
    std::sort(lines.begin() + static_cast<std::ptrdiff_t>(start), lines.begin() + static_cast<std::ptrdiff_t>(end),
              [](const ReadLine& a, const ReadLine& b) { return a.line.box.x < b.line.box.x; });
    std::string row;
    for (std::size_t i = start; i < end; ++i) {
      if (lines[i].text.empty()) continue;
      if (!row.empty()) row += ' ';
      row += lines[i].text;
    }
    if (!row.empty()) {
      if (!text.empty()) text += '\n';
      text += row;
    }
    start = end;
  }
  return text;
}

namespace {

// The edge mosaic of SceneLook::edge_mosaic: lines found on it, mapped back into
// analysis coordinates (the sharper pixels are `scale` times the analysis copy).
Expected<std::vector<SceneTextLine>> edge_mosaic_lines(const RasterImage& sharp, double scale, int side,
                                                       SceneText& scene_text) {
  const int w = sharp.width;
  const int h = sharp.height;
  const int strip = std::max(1, static_cast<int>(std::lround(h * 0.2)));
  const int tile_width = std::max(1, static_cast<int>(std::lround(w * 0.65)));
  // Top-left, top-right, bottom-left, bottom-right; the halves overlap by a third
  // of the width, so a line centred on an edge lies whole in both.
  const std::array<PixelRect, 4> sources{{{0, 0, tile_width, strip},
                                          {w - tile_width, 0, tile_width, strip},
                                          {0, h - strip, tile_width, strip},
                                          {w - tile_width, h - strip, tile_width, strip}}};
  const double k = std::min(static_cast<double>(side) / tile_width, static_cast<double>(side) / (4.0 * strip));
  const int tw = std::max(1, static_cast<int>(tile_width * k));
  const int th = std::max(1, static_cast<int>(strip * k));
  RasterImage mosaic{side, side, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(side) * side * 3, 0)};
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const RasterImage tile = resize(crop(sharp, sources[i]), tw, th);
    if (!tile.consistent() || tile.width != tw || tile.height != th) continue;
    const int c = tile.channels;
    for (int y = 0; y < th; ++y) {
      for (int x = 0; x < tw; ++x) {
        const std::uint8_t* from = &tile.pixels[(static_cast<std::size_t>(y) * tw + x) * c];
        std::uint8_t* to = &mosaic.pixels[((static_cast<std::size_t>(i) * th + y) * side + x) * 3];
        for (int k3 = 0; k3 < 3; ++k3) to[k3] = from[c >= 3 ? k3 : 0];  // gray spread to B, G, R
      }
    }
  }
  auto found = scene_text.detect(mosaic, side);
  if (!found) return found.error();
  std::vector<SceneTextLine> out;
  for (const SceneTextLine& line : *found) {
    const int tile = std::clamp((line.box.y + line.box.height / 2) / th, 0, 3);
    // A line cut by a tile's edge is read whole from the other tile, or not at all.
    if (line.box.y < tile * th - 1 || line.box.y + line.box.height > (tile + 1) * th + 1) continue;
    const PixelRect& src = sources[static_cast<std::size_t>(tile)];
    SceneTextLine mapped = line;
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (PointF& c : mapped.corners) {
      c.x = static_cast<float>((src.x + c.x / k) / scale);
      c.y = static_cast<float>((src.y + (c.y - tile * th) / k) / scale);
      x0 = std::min(x0, c.x);
      y0 = std::min(y0, c.y);
      x1 = std::max(x1, c.x);
      y1 = std::max(y1, c.y);
    }
    mapped.box = {static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(std::ceil(x1 - x0)),
                  static_cast<int>(std::ceil(y1 - y0))};
    // The halves overlap: the same line found twice is kept once.
    const bool seen = std::any_of(out.begin(), out.end(), [&](const SceneTextLine& o) {
      const int iw = std::min(o.box.x + o.box.width, mapped.box.x + mapped.box.width) - std::max(o.box.x, mapped.box.x);
      const int ih =
          std::min(o.box.y + o.box.height, mapped.box.y + mapped.box.height) - std::max(o.box.y, mapped.box.y);
      return iw > 0 && ih > 0 &&
             2L * iw * ih >= std::min(1L * o.box.width * o.box.height, 1L * mapped.box.width * mapped.box.height);
    });
    if (!seen) out.push_back(mapped);
  }
  return out;
}

}  // namespace

Expected<SceneWatermark> read_scene_watermark(const RasterImage& analysis, SceneText& scene_text, const SceneLook& look,
                                              const std::vector<PixelRect>& skip) {
  SceneWatermark out;
  if (analysis.empty()) return out;
  const bool mosaic = look.edge_mosaic && look.read_from != nullptr && !look.read_from->empty();
  auto detected = mosaic ? edge_mosaic_lines(*look.read_from, look.scale, look.detect_side, scene_text)
                         : scene_text.detect(analysis, look.detect_side);
  if (!detected) return detected.error();
  out.lines_found = static_cast<int>(detected->size());
  const std::vector<SceneTextLine> found = merge_baselines(std::move(*detected));
  const RasterImage& pixels = look.read_from != nullptr && !look.read_from->empty() ? *look.read_from : analysis;
  const double scale = look.read_from != nullptr && !look.read_from->empty() ? look.scale : 1.0;

  struct Candidate {
    std::size_t index;
    double edge;
    bool in_zone;
  };
  const auto overlaps = [](const PixelRect& a, const PixelRect& b) {
    const int w = std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x);
    const int h = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
    return w > 0 && h > 0 && 2L * w * h >= static_cast<long>(std::min(a.width * a.height, b.width * b.height));
  };
  std::vector<Candidate> order;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const PixelRect& box = found[i].box;
    const int thickness = std::min(box.width, box.height);
    if (thickness < kMinLineHeight || thickness > analysis.height / 5) continue;
    // A square blot is one character at most (a logo, a bullet): no date or time.
    const int length = std::max(box.width, box.height);
    if (length * 10 < thickness * 14) continue;
    if (std::any_of(skip.begin(), skip.end(), [&](const PixelRect& s) { return overlaps(s, box); })) continue;
    const double edge = edge_distance(box, analysis.width, analysis.height);
    if (edge > look.margin) continue;
    order.push_back({i, edge, edge <= kEdgeZone});
  }
  // Lines are read panel by panel: the lines set close together (near) form a
  // panel, and a panel is read whole, top to bottom, before the next. A 工作记录
  // table is a dozen rows; its time row lies in its middle, farther from the edge
  // than the rows under it, and must not lose its turn to scenery nearer the edge.
  // Panels go nearest the edge first (their nearest line), those in the zone
  // where apps draw before the rest.
  {
    std::vector<std::size_t> group(order.size());
    std::iota(group.begin(), group.end(), std::size_t{0});
    const auto root = [&](std::size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (std::size_t i = 0; i < order.size(); ++i) {
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        if (near(found[order[i].index].box, found[order[j].index].box)) group[root(i)] = root(j);
      }
    }
    std::vector<double> panel_edge(order.size(), 2.0);
    std::vector<bool> panel_zone(order.size(), false);
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::size_t r = root(i);
      panel_edge[r] = std::min(panel_edge[r], order[i].edge);
      panel_zone[r] = panel_zone[r] || order[i].in_zone;
    }
    std::vector<std::size_t> roots(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) roots[i] = root(i);
    std::vector<std::size_t> by(order.size());
    std::iota(by.begin(), by.end(), std::size_t{0});
    std::stable_sort(by.begin(), by.end(), [&](std::size_t a, std::size_t b) {
      const std::size_t ra = roots[a];
      const std::size_t rb = roots[b];
      if (ra != rb) {
        if (panel_zone[ra] != panel_zone[rb]) return static_cast<bool>(panel_zone[ra]);
        if (panel_edge[ra] != panel_edge[rb]) return panel_edge[ra] < panel_edge[rb];
        return ra < rb;
      }
      return found[order[a].index].box.y < found[order[b].index].box.y;
    });
    std::vector<Candidate> sorted;
    for (const std::size_t i : by) sorted.push_back(order[i]);
    order = std::move(sorted);
  }
  if (order.size() > static_cast<std::size_t>(look.max_lines)) order.resize(static_cast<std::size_t>(look.max_lines));

  std::vector<ReadLine> read;
  for (const Candidate& c : order) {
    const SceneTextLine& line = found[c.index];
    auto text = scene_text.read(pixels, line, scale);
    if (!text) return text.error();
    ++out.lines_read;
    out.read_boxes.push_back(line.box);
    if (text->text.empty()) continue;
    read.push_back({line, text->text, text->confidence});
    // Date stamps sit along the top or bottom edge; a price tag or a plate in the
    // middle of the height is scenery ("19.99" read "19999" in a shop photo).
    const double from_top = (line.box.y + line.box.height / 2.0) / analysis.height;
    // Nor are coordinates a date ("118.930725,36.279460": long decimal fractions).
    static const std::regex kFraction("[.][0-9]{4,}");
    if (std::min(from_top, 1 - from_top) <= kStampBand && out.unread_stamp.empty() && stamp_like(text->text) &&
        !std::regex_search(text->text, kFraction) && !shows_stamp(parse_watermark_text(text->text))) {
      out.unread_stamp = text->text;
    }
    for (auto& panel : panels_of(read)) {
      if (!shows_stamp(panel.judged.reading)) continue;
      if (!out.best || panel.judged.score > out.best->judged.score) out.best = std::move(panel);
    }
    if (out.best && out.best->judged.settled) break;
  }
  return out;
}

Expected<WatermarkJudgement> reread_scene_panel(const ScenePanel& panel, const RasterImage& sharp, double scale,
                                                SceneText& scene_text, double along, double across) {
  std::vector<ReadLine> lines = panel.lines;
  for (auto& line : lines) {
    if (count_ascii_digits(line.text) < 2) continue;
    // Always a wider cut than the first reading's: the detector's outline may
    // have clipped a character at either end, and the same outline again would
    // agree on the loss.
    auto text = scene_text.read(sharp, widened(line.line, along, across), scale);
    if (!text) return text.error();
    line.text = text->text;
    line.confidence = text->confidence;
  }
  return judge_watermark_text(join_read_lines(std::move(lines)));
}

namespace {

// Height of a digit line's cut (type and margins) under which it is enlarged for
// Tesseract (measured on hold-out light panels: 15-26 px cuts misread their dates,
// the same cuts at 40 px read them whole).
constexpr int kTesseractCutHeight = 40;

// White type with a dark outline or a drop shadow over bright scenery (camera
// stamps, corner outlines, shadowed clock faces): Otsu's threshold on gray puts
// the outline in one class and type and scenery in the other, so Tesseract gets
// hollow letters. The type is the lightest and least coloured ink of its line:
// the smallest channel of each pixel, Otsu's threshold, then Otsu's again among
// the pixels above it; the upper class is drawn black on white.
RasterImage brightest_ink(const RasterImage& image) {
  if (!image.consistent()) return {};
  RasterImage least{image.width, image.height, 1, {}};
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  const auto ch = static_cast<std::size_t>(image.channels);
  least.pixels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = &image.pixels[i * ch];
    least.pixels[i] = ch == 1 ? p[0] : std::min({p[0], p[1], p[2]});
  }
  return binarize_lightest_ink(least);
}

// Black type on white for Tesseract, from a line cut in colour.
RasterImage ink_for_ocr(const RasterImage& cut, SceneInk ink) {
  if (ink == SceneInk::Brightest) return brightest_ink(cut);
  RasterImage gray = binarize(to_gray(cut));
  // Otsu's two classes: type covers less of a line's box than its backdrop, so
  // when black is the larger class the type was light on dark.
  const auto black = std::count(gray.pixels.begin(), gray.pixels.end(), std::uint8_t{0});
  if (black * 2 > static_cast<long>(gray.pixels.size())) {
    for (auto& v : gray.pixels) v = static_cast<std::uint8_t>(255 - v);
  }
  return gray;
}

}  // namespace

Expected<ScenePanel> read_scene_panel_with_ocr(const ScenePanel& panel, const RasterImage& sharp, double scale,
                                               Ocr& ocr, SceneInk ink) {
  std::vector<ReadLine> lines = panel.lines;
  for (auto& line : lines) {
    if (count_ascii_digits(line.text) < 2 || !level(line.line)) continue;
    const PixelRect& b = line.line.box;
    const int pad = std::max(2, b.height / 5);
    const auto at = [&](double v) { return static_cast<int>(std::lround(v * scale)); };
    RasterImage cut = crop(sharp, {at(b.x - pad), at(b.y - pad / 2.0), at(b.width + 2 * pad), at(b.height + pad)});
    // Tesseract misreads type under about 30 px ("2028/6/26" for 2025/6/26 at 15 px):
    // a small line is enlarged first.
    if (!cut.empty() && cut.height < kTesseractCutHeight) {
      cut =
          resize(cut, static_cast<int>(std::lround(static_cast<double>(cut.width) * kTesseractCutHeight / cut.height)),
                 kTesseractCutHeight);
    }
    const RasterImage gray = ink_for_ocr(cut, ink);
    if (gray.empty()) continue;
    auto read = ocr.recognize(frame_in_white(gray, 10), OcrLayout::SingleLine);
    if (!read) return read.error();
    line.text = trim(read->text());
  }
  ScenePanel out;
  out.text = join_read_lines(lines);
  out.judged = judge_watermark_text(out.text);
  out.lines = std::move(lines);
  return out;
}

}  // namespace evpack
