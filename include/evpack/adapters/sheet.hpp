// A sheet of paper in a photo: where it lies and how to flatten it (OpenCV in
// src/adapters/opencv/sheet.cpp). Whether the flattened sheet is good enough to
// judge is the inspector's decision.
#pragma once

#include <array>
#include <optional>

#include "evpack/core/raster.hpp"

namespace evpack {

/// A point in pixels (sub-pixel).
struct PixelPoint {
  double x = 0;
  double y = 0;
};

/// The four corners of a sheet in a photo, in pixels of the image searched:
/// top-left, top-right, bottom-right, bottom-left as the image stands (a sheet
/// photographed sideways has its own top along another side).
struct SheetOutline {
  std::array<PixelPoint, 4> corners;
  /// Share of the image the sheet covers (0..1).
  double area_share = 0;
  /// The outline touches the image's border (the sheet may be cut off).
  bool touches_border = false;
};

/// The largest four-sided bright region of the photo that stands out from what
/// surrounds it (a sheet on a desk), from the edges of a reduced copy. nullopt
/// when there is none covering at least `min_area_share` of the image. Never throws.
std::optional<SheetOutline> find_sheet(const RasterImage& image, double min_area_share = 0.2);

/// The quadrilateral `corners` (as in SheetOutline) mapped onto a width x height
/// rectangle (perspective undone). Empty for an empty image or a size under 1 px.
RasterImage flatten_sheet(const RasterImage& image, const std::array<PixelPoint, 4>& corners, int width, int height);

}  // namespace evpack
