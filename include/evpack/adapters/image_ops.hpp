// Image decoding and analysis in our vocabulary (OpenCV in src/adapters/opencv_image_ops.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

struct ImageLimits {
  long long max_pixels = 120'000'000;  ///< larger images are refused (decompression bombs)
};

/// Decodes a JPEG/PNG/BMP/TIFF/WebP file to BGR. Errors: IMAGE_CORRUPT, IMAGE_TOO_LARGE.
Expected<RasterImage> decode_image_file(const std::string& path, ImageLimits limits = {});
/// Decodes image bytes (e.g. an EXIF thumbnail).
Expected<RasterImage> decode_image_bytes(const std::vector<std::uint8_t>& bytes, ImageLimits limits = {});
/// Reads only the dimensions from the header when possible (no full decode).
std::optional<PixelRect> probe_image_size(const std::string& path);
/// Applies EXIF orientation (1..8) so that the image is upright.
RasterImage apply_orientation(const RasterImage& image, int orientation);
/// Scales so that the longer side is at most `max_side` (never enlarges).
RasterImage downscale(const RasterImage& image, int max_side);
/// Crops (clamped to the image).
RasterImage crop(const RasterImage& image, PixelRect rect);
/// Converts to gray.
RasterImage to_gray(const RasterImage& image);
/// 64-bit DCT perceptual hash (OpenCV img_hash PHash).
std::uint64_t perceptual_hash(const RasterImage& image);
/// Encodes as JPEG (for thumbnails) with the given quality.
std::vector<std::uint8_t> encode_jpeg(const RasterImage& image, int quality);
/// Encodes as PNG.
std::vector<std::uint8_t> encode_png(const RasterImage& image);

}  // namespace evpack
