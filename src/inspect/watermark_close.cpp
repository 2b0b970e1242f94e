// The closer second reading of the watermark fast path: a panel's blocks cut
// again from a sharper copy with their type scaled to kCloseHeight, split into
// pieces of one type size, read plain, as digits and by their seven-segment bars
// (reread_panel); and the stamp blocks read by their bars alone
// (read_segment_blocks).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/segment_digits.hpp"
#include "evpack/util/text.hpp"
#include "watermark_fast_path.hpp"

namespace evpack {

namespace fast_path {

namespace {

// Height the type of a block is scaled to for the second reading.
constexpr int kCloseHeight = 40;
// Top-hat window at that height: wider than any stroke (about a fifth of the type).
constexpr int kCloseWindow = 21;
// Blocks read a second time, at most (a panel rarely has more lines).
constexpr std::size_t kCloseBlocks = 8;

// The light type of a cut whose type is `type_height` px tall, scaled to
// kCloseHeight: black on white, framed. Orange type (most of the ink warm) is
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

// Whether the pieces of a cut (found on `ink`, `width` px wide) hold type of two
// sizes as 今日水印 sets them: a large, wide line (the HH:MM) and beside it two
// lines of words (twice as wide as tall at least, under half its height: the
// date over the weekday) that together span most of its height. Anything else (a
// stamp's date and time, however spaced, with a blot of scenery) is read as one
// line.
bool two_type_sizes(const std::vector<Box>& pieces, const std::vector<std::uint8_t>& ink, int width) {
  const Box* tallest = nullptr;
  for (const Box& p : pieces) {
    if (tallest == nullptr || p.height() > tallest->height()) tallest = &p;
  }
  // Words: strokes cover a fair share of the box, never all of it (a sheet of
  // paper or a wall behind the type is solid).
  const auto density = [&](const Box& p) {
    long count = 0;
    for (int y = p.y0; y < p.y1; ++y) {
      for (int x = p.x0; x < p.x1; ++x) count += ink[static_cast<std::size_t>(y) * width + x];
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
  return two_sizes;
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
  // Read piece by piece only when it holds type of two sizes.
  std::vector<RasterImage> out;
  if (!two_type_sizes(pieces, ink, whole.width)) {
    out.push_back(std::move(whole));
    return out;
  }
  // Back from the close size (framed by 12 px) to the cut's pixels.
  const double back = static_cast<double>(height) / kCloseHeight;
  for (const Box& p : pieces) {
    const int pad = std::max(2, p.height() / 4);
    const PixelRect in_cut{static_cast<int>((p.x0 - 12 - pad) * back), static_cast<int>((p.y0 - 12 - pad) * back),
                           static_cast<int>((p.width() + 2 * pad) * back),
                           static_cast<int>((p.height() + 2 * pad) * back)};
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

// The readings of a region (close_pieces) as the text of one block: each variant
// (plain, digits as a block, digits scattered) of all its pieces, one piece per
// line. `first` is the block's text so far.
Expected<std::vector<std::string>> close_variants(const RasterImage& sharp, double scale, const PixelRect& rect,
                                                  int type_height, const std::string& first, Ocr& ocr) {
  const auto pieces = close_pieces(sharp, scale, rect, type_height);
  std::vector<std::string> variants;
  for (const RasterImage& piece : pieces) {
    if (piece.empty()) continue;
    auto readings = close_readings(piece, pieces.size() == 1 ? first : std::string{}, ocr);
    if (!readings) return readings.error();
    if (variants.size() < readings->size()) variants.resize(readings->size());
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const std::string& text = v < readings->size() ? (*readings)[v] : readings->front();
      if (text.empty()) continue;
      if (!variants[v].empty()) variants[v] += '\n';
      variants[v] += text;
    }
  }
  return variants;
}

// The blocks of a panel in the order of the second reading (see reread_panel),
// at most kCloseBlocks.
std::vector<std::size_t> reread_order(const TextPanel& panel, const PanelRead& read) {
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
  return order;
}

}  // namespace

bool worth_a_closer_look(const std::string& text) {
  return shows_stamp(parse_watermark_text(text)) || count_ascii_digits(text) >= 6;
}

Expected<PanelRead> reread_panel(const TextPanel& panel, PanelRead read, const RasterImage& sharp, double scale,
                                 Ocr& ocr) {
  const std::vector<std::size_t> order = reread_order(panel, read);
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
  // Reads a region anew as the text of block i; true once the panel's reading is settled.
  const auto read_region = [&](std::size_t i, const PixelRect& rect, int type_height) -> Expected<bool> {
    auto variants = close_variants(sharp, scale, rect, type_height, read.texts[i], ocr);
    if (!variants) return variants.error();
    try_texts(i, *variants);
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

}  // namespace fast_path

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
    const RasterImage cut =
        crop(pixels, {at(row.x - reach), at(row.y - pad), at(row.width + 2 * reach), at(row.height + 2 * pad)});
    const std::string line = read_segment_stamp(cut, std::max(1, at(row.height)));
    if (line.empty()) continue;
    if (!text.empty()) text += '\n';
    text += line;
  }
  if (text.empty()) return std::nullopt;
  return judge_watermark_text(text);
}

}  // namespace evpack
