// Picture registration over OpenCV 4.6 features2d (ORB, brute-force Hamming matching)
// and calib3d (RANSAC similarity). Only files under src/adapters/opencv/ see OpenCV headers.
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "evpack/adapters/picture_match.hpp"

namespace evpack {

namespace {

// Descriptor bits (of 256) up to which two features may show the same spot.
constexpr double kMaxDescriptorDistance = 50;
// Matches needed before a transform is looked for; RANSAC's inlier distance in pixels.
constexpr int kMinMatches = 8;
constexpr double kInlierDistance = 3.0;

cv::Mat as_mat(const RasterImage& image) {
  if (!image.consistent()) return {};
  return cv::Mat(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.pixels.data()),
                 static_cast<std::size_t>(image.width) * image.channels);
}

cv::Mat descriptors_of(const PictureFeatures& f) {
  cv::Mat out(static_cast<int>(f.descriptors.size()), 32, CV_8U);
  for (std::size_t i = 0; i < f.descriptors.size(); ++i) {
    std::memcpy(out.ptr(static_cast<int>(i)), f.descriptors[i].data(), 32);
  }
  return out;
}

}  // namespace

double PictureAlignment::scale() const { return std::hypot(a_to_b[0], a_to_b[3]); }

double PictureAlignment::rotation_degrees() const {
  return std::atan2(a_to_b[3], a_to_b[0]) * 180.0 / std::numbers::pi;
}

PictureFeatures find_picture_features(const RasterImage& gray, int max_features) {
  PictureFeatures out;
  if (!gray.consistent() || gray.channels != 1 || max_features <= 0) return out;
  try {
    // Small previews (240 px): a 15 px patch and border keep most of the picture usable.
    thread_local cv::Ptr<cv::ORB> orb;
    thread_local int orb_features = 0;
    if (!orb || orb_features != max_features) {
      orb = cv::ORB::create(max_features, 1.2F, 8, 15, 0, 2, cv::ORB::HARRIS_SCORE, 15, 10);
      orb_features = max_features;
    }
    std::vector<cv::KeyPoint> points;
    cv::Mat descriptors;
    orb->detectAndCompute(as_mat(gray), cv::noArray(), points, descriptors);
    if (descriptors.empty() || descriptors.cols != 32 || descriptors.type() != CV_8U) return out;
    for (std::size_t i = 0; i < points.size() && static_cast<int>(i) < descriptors.rows; ++i) {
      out.points.push_back({points[i].pt.x, points[i].pt.y});
      std::array<std::uint8_t, 32> d{};
      std::memcpy(d.data(), descriptors.ptr(static_cast<int>(i)), 32);
      out.descriptors.push_back(d);
    }
  } catch (const cv::Exception&) {
    return {};
  }
  return out;
}

std::optional<PictureAlignment> align_pictures(const PictureFeatures& a, const PictureFeatures& b) {
  if (a.descriptors.size() < static_cast<std::size_t>(kMinMatches) ||
      b.descriptors.size() < static_cast<std::size_t>(kMinMatches)) {
    return std::nullopt;
  }
  try {
    cv::BFMatcher matcher(cv::NORM_HAMMING, /*crossCheck=*/true);
    std::vector<cv::DMatch> matches;
    matcher.match(descriptors_of(a), descriptors_of(b), matches);
    std::vector<cv::Point2f> from;
    std::vector<cv::Point2f> to;
    for (const auto& m : matches) {
      if (m.distance > kMaxDescriptorDistance) continue;
      const auto& p = a.points[static_cast<std::size_t>(m.queryIdx)];
      const auto& q = b.points[static_cast<std::size_t>(m.trainIdx)];
      from.emplace_back(p[0], p[1]);
      to.emplace_back(q[0], q[1]);
    }
    if (from.size() < static_cast<std::size_t>(kMinMatches)) return std::nullopt;
    // OpenCV's RANSAC seeds its own generator with a constant: one pair always gives
    // the same transform.
    std::vector<std::uint8_t> inliers;
    const cv::Mat m = cv::estimateAffinePartial2D(from, to, inliers, cv::RANSAC, kInlierDistance, 2000, 0.99, 10);
    if (m.empty() || m.rows != 2 || m.cols != 3) return std::nullopt;
    PictureAlignment out;
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c) out.a_to_b[static_cast<std::size_t>(r * 3 + c)] = m.at<double>(r, c);
    }
    out.inliers = static_cast<int>(std::count(inliers.begin(), inliers.end(), std::uint8_t{1}));
    return out;
  } catch (const cv::Exception&) {
    return std::nullopt;
  }
}

PictureAlignment refine_alignment(const RasterImage& a_gray, const RasterImage& b_gray,
                                  const PictureAlignment& alignment) {
  if (!a_gray.consistent() || !b_gray.consistent() || a_gray.channels != 1 || b_gray.channels != 1) return alignment;
  try {
    cv::Mat m(2, 3, CV_32F);
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c)
        m.at<float>(r, c) = static_cast<float>(alignment.a_to_b[static_cast<std::size_t>(r * 3 + c)]);
    }
    // ECC's warp carries the template's (a's) coordinates into the input (b), as a_to_b does.
    cv::findTransformECC(as_mat(a_gray), as_mat(b_gray), m, cv::MOTION_AFFINE,
                         cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 60, 1e-5), cv::noArray(), 3);
    PictureAlignment out = alignment;
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c) out.a_to_b[static_cast<std::size_t>(r * 3 + c)] = m.at<float>(r, c);
    }
    const double scale_change = std::abs(out.scale() / alignment.scale() - 1);
    const double shift = std::hypot(out.a_to_b[2] - alignment.a_to_b[2], out.a_to_b[5] - alignment.a_to_b[5]);
    // A stretch along one axis or a shear is no copy: keep the similarity then.
    const double skew = std::abs(out.a_to_b[0] - out.a_to_b[4]) + std::abs(out.a_to_b[1] + out.a_to_b[3]);
    if (!std::isfinite(scale_change) || scale_change > 0.02 || shift > 3 || skew > 0.02) return alignment;
    return out;
  } catch (const cv::Exception&) {
    return alignment;  // did not converge
  }
}

RasterImage warp_onto(const RasterImage& b, const PictureAlignment& alignment, int width, int height) {
  RasterImage out;
  if (!b.consistent() || width < 1 || height < 1) return out;
  try {
    cv::Mat m(2, 3, CV_64F);
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c) m.at<double>(r, c) = alignment.a_to_b[static_cast<std::size_t>(r * 3 + c)];
    }
    out = RasterImage{width, height, b.channels,
                      std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * b.channels)};
    cv::Mat dst = as_mat(out);
    // WARP_INVERSE_MAP: m maps the output's pixels into b, which is what a_to_b says.
    cv::warpAffine(as_mat(b), dst, m, cv::Size(width, height), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_CONSTANT, cv::Scalar::all(0));
    if (dst.data != out.pixels.data()) return {};
  } catch (const cv::Exception&) {
    return {};
  }
  return out;
}

}  // namespace evpack
