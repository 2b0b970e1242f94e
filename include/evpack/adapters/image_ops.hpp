// Image decoding and analysis in our vocabulary (OpenCV in src/adapters/opencv/image_ops.cpp).
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

struct ImageLimits {
  long long max_pixels = 120'000'000;  ///< larger images are refused (decompression bombs)
  long long max_file_bytes = 512LL << 20;  ///< larger files are refused before being read
};

/// Decodes a JPEG/PNG/BMP/TIFF/WebP file to BGR, EXIF orientation NOT applied.
/// The size is read from the header first, so oversized images are refused without decoding.
/// Errors: IMAGE_CORRUPT (undecodable, truncated JPEG, unknown format), IMAGE_TOO_LARGE,
/// IMAGE_UNSUPPORTED (a valid format this build cannot decode, e.g. GIF).
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
/// Applies EXIF orientation (1..8) so that the image is upright.
RasterImage apply_orientation(const RasterImage& image, int orientation);
/// Scales so that the longer side is at most `max_side` (never enlarges).
RasterImage downscale(const RasterImage& image, int max_side);
/// Scales so that the shorter side is at most `max_short` (never enlarges).
RasterImage downscale_short(const RasterImage& image, int max_short);
/// Scales to exactly width x height: area averaging when shrinking, bicubic when
/// enlarging (type that OCR needs taller). Empty for an empty or inconsistent image
/// or a size under 1 px.
RasterImage resize(const RasterImage& image, int width, int height);
/// Crops (clamped to the image).
RasterImage crop(const RasterImage& image, PixelRect rect);
/// The image on a white canvas `margin` px wider on every side (Tesseract misreads
/// type that touches the border). Unchanged when margin <= 0 or inconsistent.
RasterImage frame_in_white(const RasterImage& image, int margin);
/// Converts to gray.
RasterImage to_gray(const RasterImage& image);
/// Turns a 1-channel crop of dark type on a light ground (a line or a few lines of
/// a scanned page) so that its lines are level: the skew within +-max_degrees is
/// the angle whose horizontal projection of the ink is sharpest. Returns the image
/// unchanged when it is level already (under 0.2°), not 1-channel, or inconsistent.
RasterImage level_text(const RasterImage& gray, double max_degrees = 3.5);
/// Black type on pure white (Otsu's threshold) for OCR of a 1-channel crop: the grain
/// of a scanned sheet otherwise reaches Tesseract's line recogniser, which works on
/// gray values. Returns the image unchanged when it is not 1-channel or inconsistent.
RasterImage binarize(const RasterImage& gray);
/// Grey-level opening of a 1-channel image by a `window` x `window` square
/// (an even side counts as the next odd one): erosion, then dilation, the window
/// clipped at the borders. The image minus its opening (the white top-hat) is the
/// bright detail narrower than the window: light type on a photo. Returns the
/// image unchanged when it is not 1-channel or inconsistent.
RasterImage open_gray(const RasterImage& gray, int window);
/// Grey-level dilation of a 1-channel image by a `kx` x `ky` rectangle (even
/// sides count as the next odd ones), clipped at the borders: every pixel becomes
/// the maximum of its window, so a mask is smeared `kx / 2` px sideways and
/// `ky / 2` px up and down. Unchanged when not 1-channel or inconsistent.
RasterImage dilate_rect(const RasterImage& gray, int kx, int ky);
/// 64-bit DCT perceptual hash (OpenCV img_hash PHash over a 32x32 area-averaged
/// gray copy, so the input's resolution does not matter). 0 for an empty image.
std::uint64_t perceptual_hash(const RasterImage& image);
/// Number of differing bits between two hashes (0..64); near-identical photos give <= 8.
constexpr int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }
/// Encodes as JPEG (for thumbnails) with the given quality (1..100). Empty on failure.
std::vector<std::uint8_t> encode_jpeg(const RasterImage& image, int quality);
/// Encodes as PNG. Empty on failure.
std::vector<std::uint8_t> encode_png(const RasterImage& image);

}  // namespace evpack
