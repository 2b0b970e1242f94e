// The decoders and encoders behind image_codec.hpp, one per library: TurboJPEG
// for JPEG (src/adapters/turbojpeg_codec.cpp), Leptonica for the other formats and
// PNG (src/adapters/leptonica_codec.cpp). src/adapters/image_codec.cpp does what
// is ours (reading files, header checks, limits) and picks one. Private to the
// adapters: nothing outside src/adapters/ includes this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "evpack/core/raster.hpp"

namespace evpack::codec {

/// A JPEG decoded at 1/`reduce` (1, 2, 4 or 8) of its size, straight to BGR.
/// nullopt when it cannot be (broken data, or CMYK, which only Leptonica turns into
/// colour). Decoder warnings (a few stray bytes) still give the picture.
std::optional<RasterImage> turbojpeg_decode(const std::uint8_t* data, std::size_t size, int reduce);
/// A 1-, 3- or 4-channel raster (gray, BGR, BGRA; alpha dropped) as a JPEG. Empty on failure.
std::vector<std::uint8_t> turbojpeg_encode(const RasterImage& image, int quality);

/// Any image file Leptonica reads (JPEG, PNG, GIF, BMP, TIFF, WebP), as BGR;
/// a JPEG at 1/`reduce` of its size. nullopt when it cannot be decoded.
std::optional<RasterImage> leptonica_decode(const std::uint8_t* data, std::size_t size, int reduce);
/// Whether this Leptonica was built with WebP support (Debian's is).
bool leptonica_reads_webp();
/// A 1-, 3- or 4-channel raster (gray, BGR, BGRA) as a PNG. Empty on failure.
std::vector<std::uint8_t> leptonica_encode_png(const RasterImage& image);

}  // namespace evpack::codec
