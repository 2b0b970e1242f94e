// Ink on low-resolution page images: lines of type, the page's way up.
#include "page_ink.hpp"

#include <algorithm>
#include <cstdint>

#include "evpack/adapters/image_ops.hpp"

namespace evpack {

RasterImage red_dropout(const RasterImage& image) {
  if (image.channels != 3 || image.empty()) return image;
  RasterImage out;
  out.width = image.width;
  out.height = image.height;
  out.channels = 1;
  out.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  // Red pixels are pushed to white by their redness; black and gray stay as they
  // are. Only light ones are pushed all the way: black type where it crosses the
  // seal comes out of a JPEG scan tinged red ((60, 20, 20): the chroma is kept at
  // half resolution), and pushing it by its redness cut the top bar off a 5 under
  // the ring, read then as 3 (a wrong 成文日期). Type stays below red 90; seal ink,
  // even dark (150, 0, 0), is above 140.
  for (std::size_t i = 0; i < out.pixels.size(); ++i) {
    const int b = image.pixels[i * 3];
    const int g = image.pixels[i * 3 + 1];
    const int r = image.pixels[i * 3 + 2];
    const int redness = std::max(0, r - std::max(g, b));
    const int push = std::clamp(r - 90, 0, 50);  // 0 for type, 50 (full) for seal ink
    out.pixels[i] = static_cast<std::uint8_t>(std::min(255, r + 3 * redness * push / 50));
  }
  return out;
}

std::vector<InkLine> text_lines(const RasterImage& image, double px_per_mm, double x0, double x1, double y0,
                                double y1) {
  std::vector<InkLine> lines;
  if (image.empty()) return lines;
  const int c = image.channels;
  const int left = std::clamp(static_cast<int>(x0 * px_per_mm), 0, image.width);
  const int right = std::clamp(static_cast<int>(x1 * px_per_mm), 0, image.width);
  const int top = std::clamp(static_cast<int>(y0 * px_per_mm), 0, image.height);
  const int bottom = std::clamp(static_cast<int>(y1 * px_per_mm), 0, image.height);
  constexpr int kDark = 170;  // type is darker than this in the red channel; paper and red ink are lighter
  int start = -1;
  int min_x = image.width;
  int max_x = 0;
  std::vector<char> inked(static_cast<std::size_t>(std::max(0, right - left)), 0);
  auto close = [&](int end) {
    const double h = (end - start) / px_per_mm;
    if (h >= 2.5 && max_x > min_x) {
      const auto filled = std::count(inked.begin(), inked.end(), 1);
      lines.push_back({{min_x / px_per_mm, start / px_per_mm, (max_x - min_x + 1) / px_per_mm, h},
                       inked.empty() ? 0.0 : static_cast<double>(filled) / static_cast<double>(inked.size())});
    }
    start = -1;
    min_x = image.width;
    max_x = 0;
    std::fill(inked.begin(), inked.end(), 0);
  };
  for (int y = top; y < bottom; ++y) {
    const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width * c;
    int n = 0;
    int row_min = image.width;
    int row_max = 0;
    for (int x = left; x < right; ++x) {
      const std::uint8_t v = row[x * c + (c == 3 ? 2 : 0)];
      if (v < kDark) {
        ++n;
        row_min = std::min(row_min, x);
        row_max = std::max(row_max, x);
      }
    }
    if (n >= 2) {
      if (start < 0) start = y;
      for (int x = left; x < right; ++x) {
        if (row[x * c + (c == 3 ? 2 : 0)] < kDark) inked[static_cast<std::size_t>(x - left)] = 1;
      }
      min_x = std::min(min_x, row_min);
      max_x = std::max(max_x, row_max);
    } else if (start >= 0) {
      close(y);
    }
  }
  if (start >= 0) close(bottom);
  return lines;
}

/// Rows [top, bottom) of the lowest line of type in a black-on-white crop: runs of
/// rows holding ink, joined across gaps under 1 mm, at least 2.5 mm tall (a line
/// of 3号 type is ~5 mm; specks and a rule's remains are thinner).
std::optional<std::pair<int, int>> lowest_text_band(const RasterImage& bw, double px_per_mm, bool highest) {
  if (bw.channels != 1 || bw.empty()) return std::nullopt;
  std::vector<int> ink(static_cast<std::size_t>(bw.height), 0);
  for (int y = 0; y < bw.height; ++y) {
    const auto row = bw.pixels.begin() + static_cast<std::ptrdiff_t>(y) * bw.width;
    ink[static_cast<std::size_t>(y)] =
        static_cast<int>(std::count_if(row, row + bw.width, [](std::uint8_t v) { return v < 128; }));
  }
  const int min_ink = std::max(2, static_cast<int>(px_per_mm * 0.3));  // a few dots are not type
  const int join = static_cast<int>(px_per_mm);
  std::vector<std::pair<int, int>> bands;
  for (int y = 0; y < bw.height; ++y) {
    if (ink[static_cast<std::size_t>(y)] < min_ink) continue;
    if (!bands.empty() && y - bands.back().second <= join) {
      bands.back().second = y + 1;
    } else {
      bands.emplace_back(y, y + 1);
    }
  }
  const auto tall = [&](const std::pair<int, int>& b) {
    return b.second - b.first >= static_cast<int>(px_per_mm * 2.5);
  };
  if (highest) {
    const auto it = std::find_if(bands.begin(), bands.end(), tall);
    if (it != bands.end()) return *it;
    return std::nullopt;
  }
  const auto it = std::find_if(bands.rbegin(), bands.rend(), tall);
  if (it != bands.rend()) return *it;
  return std::nullopt;
}

/// Lines of type (2.5-10 mm tall) crossing a 40 mm strip down a page image with
/// at least 2 mm of paper before the next: Chinese type is set on a square grid, so
/// a strip across lines standing on end crosses rows of characters too, but those
/// are parted by a fraction of a millimetre, lines by half their height or more.
int level_lines(const RasterImage& image, double px_per_mm) {
  const double w = image.width / px_per_mm;
  const double h = image.height / px_per_mm;
  // Three strips (a last page's few lines may stop short of the middle); the
  // most lines any of them crosses.
  int most = 0;
  for (const double at : {0.3, 0.5, 0.7}) {
    const auto lines = text_lines(image, px_per_mm, w * at - 20, w * at + 20, 0, h);
    int n = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      const MmRect& l = lines[i].box;
      if (l.height >= 2.5 && l.height <= 10 && lines[i + 1].box.y - (l.y + l.height) >= 2) ++n;
    }
    most = std::max(most, n);
  }
  return most;
}

/// Whether the type of a page image stands on end (the page was scanned or
/// photographed sideways): across the page, a strip crosses many short lines of
/// type; along lines on end it sees a few tall blocks.
bool type_on_end(const RasterImage& image, double px_per_mm) {
  const int along = level_lines(image, px_per_mm);
  const int across = level_lines(apply_orientation(image, 6), px_per_mm);
  // A landscape page in a portrait document is most likely turned: more lines
  // across than along will do.
  if (image.width > image.height * 1.2) return across > along;
  return across >= 4 && across >= 2 * along + 2;
}

/// Whether an upright-looking page may be upside down: its seal stands above
/// most of its lines of type (a seal sits on the signature, below the body).
bool seal_above_text(const RasterImage& image, double px_per_mm, const std::vector<SealMark>& seals) {
  if (seals.empty()) return false;
  const double w = image.width / px_per_mm;
  const double h = image.height / px_per_mm;
  const double seal_y = seals.front().box.centre_y();
  int above = 0;
  int below = 0;
  for (const auto& l : text_lines(image, px_per_mm, 10, w - 10, 0, h)) {
    if (l.box.height < 2.5 || l.box.height > 10) continue;
    (l.box.centre_y() < seal_y ? above : below) += 1;
  }
  return below > above + 2;
}

}  // namespace evpack
