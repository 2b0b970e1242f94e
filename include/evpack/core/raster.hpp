// An uncompressed image in our own vocabulary, so stages can pass pixels
// without knowing OpenCV or poppler.
#pragma once

#include <cstdint>
#include <vector>

namespace evpack {

/// 8-bit pixels, row-major, no padding. channels: 1 = gray, 3 = BGR.
struct RasterImage {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<std::uint8_t> pixels;

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
};

/// Integer rectangle in pixel coordinates.
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

}  // namespace evpack
