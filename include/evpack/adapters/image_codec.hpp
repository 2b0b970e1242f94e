// Image files in our vocabulary: decoding, encoding, sizes read from headers
// (src/adapters/image_codec.cpp over TurboJPEG and Leptonica).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

struct ImageLimits {
  long long max_pixels = 120'000'000;      ///< larger images are refused (decompression bombs)
  long long max_file_bytes = 512LL << 20;  ///< larger files are refused before being read
};

/// Decodes a JPEG, PNG, GIF (first frame), BMP, TIFF (first page) or WebP file to
/// BGR, EXIF orientation NOT applied; gray, palette, 16-bit and alpha images come
/// out as 8-bit BGR (alpha dropped). The size is read from the header first, so
/// oversized images are refused without decoding.
/// Errors: IMAGE_CORRUPT (undecodable, truncated JPEG, unknown format), IMAGE_TOO_LARGE,
/// IMAGE_UNSUPPORTED (a valid format this build cannot decode).
Expected<RasterImage> decode_image_file(const std::string& path, ImageLimits limits = {});
/// Decodes like decode_image_file, but a JPEG at 1/2, 1/4 or 1/8 of its stored size
/// (the largest reduction whose shorter side stays at least `min_short_side`),
/// which is several times faster than a full decode and holds a fraction of the
/// memory; other formats are decoded whole. `stored_size`, when not null, receives
/// the size written in the file's header (before any reduction).
Expected<RasterImage> decode_image_file_reduced(const std::string& path, int min_short_side,
                                                PixelRect* stored_size = nullptr, ImageLimits limits = {});
/// Decodes image bytes (e.g. an EXIF thumbnail).
Expected<RasterImage> decode_image_bytes(const std::vector<std::uint8_t>& bytes, ImageLimits limits = {});
/// Reads only the dimensions from the header when possible (no full decode):
/// JPEG, PNG, GIF, BMP, WebP, TIFF. nullopt for other or broken headers.
std::optional<PixelRect> probe_image_size(const std::string& path);
/// Same as probe_image_size, on bytes in memory.
std::optional<PixelRect> probe_image_size(const std::vector<std::uint8_t>& bytes);

/// Encodes as JPEG (for thumbnails) with the given quality (1..100); 1- or 3-channel
/// (gray or BGR) images, a 4th channel is dropped. Empty on failure.
std::vector<std::uint8_t> encode_jpeg(const RasterImage& image, int quality);
/// Encodes as PNG (1, 3 or 4 channels: gray, BGR, BGRA). Empty on failure.
std::vector<std::uint8_t> encode_png(const RasterImage& image);

}  // namespace evpack
