// Registering one picture on another, in our vocabulary (OpenCV features2d and calib3d
// in src/adapters/opencv/picture_match.cpp): corner features, their matches, and the
// similarity transform (scale, turn, shift) most of the matches agree on.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "evpack/core/raster.hpp"

namespace evpack {

/// Corner features of a gray picture: positions (pixels) and 256-bit binary
/// descriptors (ORB), one descriptor per position.
struct PictureFeatures {
  std::vector<std::array<float, 2>> points;
  std::vector<std::array<std::uint8_t, 32>> descriptors;
};

/// Up to `max_features` ORB features of a 1-channel image. Empty for an image that
/// is not 1-channel, is inconsistent or has no corners.
PictureFeatures find_picture_features(const RasterImage& gray, int max_features = 300);

/// A transform that carries pixel (x, y) of picture a onto picture b:
/// (m[0] x + m[1] y + m[2], m[3] x + m[4] y + m[5]); a similarity (m[0] = m[4],
/// m[1] = -m[3]) as align_pictures finds it, affine once refined.
struct PictureAlignment {
  std::array<double, 6> a_to_b{};
  int inliers = 0;  ///< matched features that agree with the transform within 3 px
  /// Size of b's pixels relative to a's (2 when b is a twice larger copy).
  double scale() const;
  /// Turn of b against a, in degrees.
  double rotation_degrees() const;
};

/// The similarity transform that most mutual best matches (descriptors at most
/// 50 of 256 bits apart) agree on, by RANSAC; nullopt with fewer than 8 such
/// matches or when no transform is found.
std::optional<PictureAlignment> align_pictures(const PictureFeatures& a, const PictureFeatures& b);

/// `alignment` refined to a fraction of a pixel on the gray pictures themselves
/// (enhanced correlation, an affine transform started from it): features are
/// placed only to a pixel or two, too coarse to compare the pictures block by
/// block. The refinement is kept when it converges and stays within 2 % of
/// scale and 3 px of shift of `alignment`; otherwise `alignment` comes back.
PictureAlignment refine_alignment(const RasterImage& a_gray, const RasterImage& b_gray,
                                  const PictureAlignment& alignment);

/// `b` seen on a `width` x `height` grid through `alignment` (pixel (x, y) of the
/// result is b at a_to_b(x, y), bilinear); what falls outside b is 0. Empty when b
/// is inconsistent or the size is under 1 px.
RasterImage warp_onto(const RasterImage& b, const PictureAlignment& alignment, int width, int height);

}  // namespace evpack
