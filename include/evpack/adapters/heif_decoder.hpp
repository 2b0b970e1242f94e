// HEIC/HEIF pictures in our vocabulary (libheif in src/adapters/libheif_decoder.cpp).
// EXIF of HEIC files is read by MetadataReader (exiv2's BMFF support); this is about pixels.
#pragma once

#include <optional>
#include <string>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// Decodes the primary image of a HEIC/HEIF file to BGR, upright: the container's
/// rotation, mirroring and crop (irot/imir/clap) are applied, so EXIF Orientation
/// must NOT be applied again. HDR images are reduced to 8 bits.
/// Errors: IMAGE_CORRUPT (broken container), IMAGE_TOO_LARGE (over limits.max_pixels,
/// checked before decoding), HEIC_NOT_DECODED (valid file but no decoder for its
/// codec in this build, or the codec failed).
Expected<RasterImage> decode_heif_file(const std::string& path, ImageLimits limits = {});

/// Size of the primary image after the container's transformations, read without
/// decoding pixels. nullopt when the file cannot be parsed.
std::optional<PixelRect> probe_heif_size(const std::string& path);

}  // namespace evpack
