// Hashes of a photo's picture that the reuse check (evaluate/reuse.cpp) looks up:
// the windows over the middle of the picture a re-stamped, cropped copy is matched in.
#pragma once

#include <cstdint>
#include <vector>

#include "evpack/core/raster.hpp"

namespace evpack {

/// Sizes of the core windows, as shares of watermark_free_core's width and height.
inline constexpr double kCoreWindowSizes[] = {1.0, 0.93, 0.86};
/// Shifts of the core windows' centres from the core's centre, as shares of the
/// picture's width and height (each way, each axis).
inline constexpr double kCoreWindowShifts[] = {-0.06, -0.03, 0.0, 0.03, 0.06};

/// PhotoFacts::core_window_hashes of a gray picture: the perceptual hashes of the
/// windows of each kCoreWindowSizes size around the middle of the picture
/// (watermark_free_core), centred at each pair of kCoreWindowShifts (75 in all,
/// size by size, then row by row). A copy cropped up to about a tenth and stamped
/// again has its own core hash within a few bits of one of them. Empty for an
/// empty picture.
std::vector<std::uint64_t> core_window_hashes(const RasterImage& gray);

}  // namespace evpack
