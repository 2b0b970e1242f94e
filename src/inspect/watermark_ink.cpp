// The ink mask of the watermark fast path: light (white or orange) type told
// from its backdrop by a top-hat on the value and warm channels, thin rules
// dropped, component boxes and inked rows that cut the mask into lines.
#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "watermark_fast_path.hpp"

namespace evpack::fast_path {

namespace {

// A pixel is ink when it stands this much above the local background and is bright.
constexpr int kInkContrast = 50;
constexpr int kInkBright = 160;
// Stricter thresholds for the pixels handed to OCR (cleaner strokes).
constexpr int kOcrContrast = 70;
constexpr int kOcrBright = 170;
// Warm (red minus blue) ink: orange stamp type is ~255 over a white or gray scene's ~0.
constexpr int kWarmContrast = 60;
constexpr int kWarmLevel = 120;

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

}  // namespace

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

void drop_thin_rules(std::vector<std::uint8_t>& mask, int w, int h, int rule_length, int rule_width) {
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

std::vector<std::pair<int, int>> inked_rows(const std::vector<std::uint8_t>& ink, int w, int x0, int x1, int y0, int y1,
                                            int quiet) {
  std::vector<std::pair<int, int>> runs;
  int start = -1;
  for (int y = y0; y <= y1; ++y) {
    int count = 0;
    for (int x = x0; y < y1 && x < x1 && count <= quiet; ++x)
      count += ink[static_cast<std::size_t>(y) * w + x] != 0 ? 1 : 0;
    const bool inked = count > quiet;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      runs.emplace_back(start, y);
      start = -1;
    }
  }
  return runs;
}

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

}  // namespace evpack::fast_path
