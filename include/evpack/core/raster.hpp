// An uncompressed image in our own vocabulary, so stages can pass pixels
// without knowing OpenCV or poppler.
#pragma once

#include <cstddef>
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
  /// Not empty, 1, 3 or 4 channels, and the buffer exactly width x height x
  /// channels: rasters are plain structs anyone can fill, so adapters check this
  /// before handing the buffer to a library.
  bool consistent() const {
    return !empty() && (channels == 1 || channels == 3 || channels == 4) &&
           pixels.size() == static_cast<std::size_t>(width) * height * channels;
  }
};

/// Integer rectangle in pixel coordinates.
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

}  // namespace evpack
