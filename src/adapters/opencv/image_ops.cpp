// Image ops over OpenCV 4.6 (+ contrib img_hash). Only files under src/adapters/opencv/ see OpenCV headers.
#include <opencv2/core.hpp>
#include <opencv2/core/ocl.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <vector>

#include "evpack/adapters/image_ops.hpp"

namespace evpack {

namespace {

// Process-wide OpenCV settings, applied once before the first call into OpenCV.
// OpenCL: img_hash and resize on tiny images are far slower through the OpenCL
// path, and an evidence checker must not depend on a GPU driver.
void init_opencv() {
  static std::once_flag once;
  std::call_once(once, [] {
    cv::ocl::setUseOpenCL(false);
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  });
}

// A Mat header over the raster's pixels (no copy); the raster must outlive it.
cv::Mat as_mat(const RasterImage& image) {
  if (!image.consistent()) return {};
  const int type = CV_8UC(image.channels);
  return cv::Mat(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels.data()),
                 static_cast<std::size_t>(image.width) * image.channels);
}

RasterImage from_mat(const cv::Mat& mat) {
  RasterImage out;
  if (mat.empty() || mat.depth() != CV_8U) return out;
  out.width = mat.cols;
  out.height = mat.rows;
  out.channels = mat.channels();
  const std::size_t row = static_cast<std::size_t>(mat.cols) * mat.channels();
  out.pixels.resize(row * mat.rows);
  for (int y = 0; y < mat.rows; ++y) std::memcpy(out.pixels.data() + row * y, mat.ptr(y), row);
  return out;
}

// A raster of a known shape that OpenCV writes into directly: `mat` is a header
// over its pixels, so the result needs neither a Mat of its own nor a copy out of
// it (each was a fresh multi-megabyte block per step of a photo's analysis).
class Target {
 public:
  Target(int width, int height, int channels)
      : image_{width, height, channels, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * channels)},
        mat_(as_mat(image_)) {}
  cv::Mat& mat() { return mat_; }
  // The raster; should OpenCV have reallocated the output, a copy of what it wrote.
  RasterImage take() {
    if (mat_.data == image_.pixels.data() && mat_.cols == image_.width && mat_.rows == image_.height &&
        mat_.channels() == image_.channels && mat_.isContinuous()) {
      return std::move(image_);
    }
    return from_mat(mat_);
  }

 private:
  RasterImage image_;
  cv::Mat mat_;
};

}  // namespace

RasterImage apply_orientation(const RasterImage& image, int orientation) {
  if (!image.consistent() || orientation < 2 || orientation > 8) return image;
  init_opencv();
  try {
    const cv::Mat src = as_mat(image);
    const bool turned = orientation >= 5;  // 5..8 swap width and height
    Target target(turned ? image.height : image.width, turned ? image.width : image.height, image.channels);
    cv::Mat& dst = target.mat();
    switch (orientation) {
      case 2:  // mirrored
        cv::flip(src, dst, 1);
        break;
      case 3:  // upside down
        cv::rotate(src, dst, cv::ROTATE_180);
        break;
      case 4:  // mirrored and upside down
        cv::flip(src, dst, 0);
        break;
      case 5:  // mirrored along the main diagonal
        cv::transpose(src, dst);
        break;
      case 6:  // stored turned 90° counter-clockwise
        cv::rotate(src, dst, cv::ROTATE_90_CLOCKWISE);
        break;
      case 7:  // mirrored along the anti-diagonal
        cv::transpose(src, dst);
        cv::flip(dst, dst, -1);
        break;
      default:  // 8: stored turned 90° clockwise
        cv::rotate(src, dst, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    }
    return target.take();
  } catch (const cv::Exception&) {
    return image;
  }
}

RasterImage apply_orientation(RasterImage&& image, int orientation) {
  if (!image.consistent() || orientation < 2 || orientation > 8) return std::move(image);
  return apply_orientation(static_cast<const RasterImage&>(image), orientation);
}

// Scale from which a shrink interpolates instead of averaging areas. Above 1/2
// every input pixel still lies under some output pixel's 2x2 footprint, so a mild
// shrink loses nothing a reader would see; OpenCV's area averaging at a fractional
// scale is a scalar loop, and the one a 12-megapixel JPEG takes (decoded at 1/4,
// 1000x750, to the 960x720 analysis size) cost about 9 % of a photo's CPU.
constexpr double kLinearFrom = 0.75;

RasterImage downscale(const RasterImage& image, int max_side) {
  if (!image.consistent() || max_side <= 0) return {};
  const int longer = std::max(image.width, image.height);
  if (longer <= max_side) return image;
  init_opencv();
  const double scale = static_cast<double>(max_side) / longer;
  const int w = std::max(1, static_cast<int>(image.width * scale + 0.5));
  const int h = std::max(1, static_cast<int>(image.height * scale + 0.5));
  try {
    Target dst(w, h, image.channels);
    cv::resize(as_mat(image), dst.mat(), cv::Size(w, h), 0, 0,
               scale >= kLinearFrom ? cv::INTER_LINEAR : cv::INTER_AREA);
    return dst.take();
  } catch (const cv::Exception&) {
    return {};
  }
}

RasterImage downscale(RasterImage&& image, int max_side) {
  if (image.consistent() && max_side > 0 && std::max(image.width, image.height) <= max_side) return std::move(image);
  return downscale(static_cast<const RasterImage&>(image), max_side);
}

RasterImage downscale_short(const RasterImage& image, int max_short) {
  const int shorter = std::min(image.width, image.height);
  const int longer = std::max(image.width, image.height);
  if (max_short <= 0 || shorter <= max_short) return downscale(image, std::max(longer, max_short));
  return downscale(image, static_cast<int>(static_cast<long long>(longer) * max_short / shorter));
}

RasterImage resize(const RasterImage& image, int width, int height) {
  if (!image.consistent() || width < 1 || height < 1) return {};
  if (width == image.width && height == image.height) return image;
  init_opencv();
  const bool shrink = static_cast<long long>(width) * height < static_cast<long long>(image.width) * image.height;
  try {
    Target dst(width, height, image.channels);
    cv::resize(as_mat(image), dst.mat(), cv::Size(width, height), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_CUBIC);
    return dst.take();
  } catch (const cv::Exception&) {
    return {};
  }
}

RasterImage crop(const RasterImage& image, PixelRect rect) {
  const int x0 = std::clamp(rect.x, 0, image.width);
  const int y0 = std::clamp(rect.y, 0, image.height);
  const int x1 = std::clamp(rect.x + std::max(0, rect.width), x0, image.width);
  const int y1 = std::clamp(rect.y + std::max(0, rect.height), y0, image.height);
  RasterImage out;
  if (!image.consistent() || x1 <= x0 || y1 <= y0) return out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.channels = image.channels;
  const std::size_t row = static_cast<std::size_t>(out.width) * out.channels;
  const std::size_t src_row = static_cast<std::size_t>(image.width) * image.channels;
  out.pixels.resize(row * out.height);
  for (int y = 0; y < out.height; ++y) {
    std::memcpy(out.pixels.data() + row * y,
                image.pixels.data() + src_row * (y0 + y) + static_cast<std::size_t>(x0) * image.channels, row);
  }
  return out;
}

RasterImage frame_in_white(const RasterImage& image, int margin) {
  if (!image.consistent() || margin <= 0) return image;
  init_opencv();
  try {
    Target out(image.width + 2 * margin, image.height + 2 * margin, image.channels);
    cv::copyMakeBorder(as_mat(image), out.mat(), margin, margin, margin, margin, cv::BORDER_CONSTANT,
                       cv::Scalar::all(255));
    return out.take();
  } catch (const cv::Exception&) {
    return image;
  }
}

RasterImage to_gray(RasterImage&& image) {
  if (image.consistent() && image.channels == 1) return std::move(image);
  return to_gray(static_cast<const RasterImage&>(image));
}

RasterImage to_gray(const RasterImage& image) {
  if (!image.consistent()) return {};
  if (image.channels == 1) return image;
  init_opencv();
  try {
    Target dst(image.width, image.height, 1);
    cv::cvtColor(as_mat(image), dst.mat(), image.channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return dst.take();
  } catch (const cv::Exception&) {
    return {};
  }
}

namespace {

// Runs `op` on a grey raster's pixels (a Mat header over them): `gray` unchanged
// when it is not one grey channel or OpenCV fails.
template <typename Op>
RasterImage on_gray(const RasterImage& gray, Op op) {
  if (!gray.consistent() || gray.channels != 1) return gray;
  init_opencv();
  try {
    return op(as_mat(gray));
  } catch (const cv::Exception&) {
    return gray;
  }
}

// One OpenCV step `step(source, destination)` from a grey raster into a new one of
// its size, as on_gray.
template <typename Step>
RasterImage gray_step(const RasterImage& gray, Step step) {
  return on_gray(gray, [&](const cv::Mat& src) -> RasterImage {
    Target out(gray.width, gray.height, 1);
    step(src, out.mat());
    return out.take();
  });
}

}  // namespace

RasterImage binarize(const RasterImage& gray) {
  return gray_step(gray, [](const cv::Mat& src, cv::Mat& dst) {
    cv::threshold(src, dst, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  });
}

RasterImage even_out_light(const RasterImage& gray, int window) {
  if (window < 3) return gray;
  return gray_step(gray, [&](const cv::Mat& src, cv::Mat& dst) {
    cv::Mat paper;
    // Closing (the brightest level around, then the darkest of those) removes the
    // type and keeps the paper's shading; a bright speck (a dropped-out red rule)
    // stays as small as it was instead of lighting up its whole neighbourhood.
    cv::morphologyEx(src, paper, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(window | 1, window | 1)));
    cv::blur(paper, paper, cv::Size((window / 2) | 1, (window / 2) | 1));
    cv::divide(src, paper, dst, 255.0);
  });
}

RasterImage binarize_darkest_ink(const RasterImage& gray) {
  return on_gray(gray, [&](const cv::Mat& src) -> RasterImage {
    cv::Mat paper_or_ink;
    const double paper = cv::threshold(src, paper_or_ink, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // The ink's own levels, as one row, for the second threshold.
    std::vector<std::uint8_t> ink;
    for (int y = 0; y < src.rows; ++y) {
      const auto* row = src.ptr<std::uint8_t>(y);
      for (int x = 0; x < src.cols; ++x) {
        if (row[x] <= paper) ink.push_back(row[x]);
      }
    }
    if (ink.size() < 64) return binarize(gray);
    cv::Mat ink_row(1, static_cast<int>(ink.size()), CV_8UC1, ink.data());
    cv::Mat unused;
    const double dark = cv::threshold(ink_row, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    Target out(gray.width, gray.height, 1);
    cv::threshold(src, out.mat(), dark, 255, cv::THRESH_BINARY);
    return out.take();
  });
}

RasterImage binarize_lightest_ink(const RasterImage& gray) {
  if (gray.channels != 1 || !gray.consistent() || gray.empty()) return {};
  return on_gray(gray, [&](const cv::Mat& src) -> RasterImage {
    double low = 0;
    double high = 0;
    cv::minMaxLoc(src, &low, &high);
    if (low == high) return {};
    cv::Mat unused;
    const double first = cv::threshold(src, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    std::vector<std::uint8_t> upper;
    for (int y = 0; y < src.rows; ++y) {
      const auto* row = src.ptr<std::uint8_t>(y);
      for (int x = 0; x < src.cols; ++x) {
        if (row[x] > first) upper.push_back(row[x]);
      }
    }
    double cut = first;
    if (!upper.empty()) {
      cv::Mat upper_row(1, static_cast<int>(upper.size()), CV_8UC1, upper.data());
      const auto [lo, hi] = std::minmax_element(upper.begin(), upper.end());
      if (*lo != *hi) cut = cv::threshold(upper_row, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    }
    Target out(gray.width, gray.height, 1);
    cv::threshold(src, out.mat(), cut, 255, cv::THRESH_BINARY_INV);
    return out.take();
  });
}

RasterImage stretch_contrast(const RasterImage& gray) {
  return gray_step(gray, [](const cv::Mat& src, cv::Mat& dst) { cv::normalize(src, dst, 0, 255, cv::NORM_MINMAX); });
}

namespace {
// A centred rectangle of odd sides (2 * (k / 2) + 1), as the callers count windows.
cv::Mat centred_rect(int kx, int ky) {
  return cv::getStructuringElement(cv::MORPH_RECT,
                                   cv::Size(2 * (std::max(kx, 1) / 2) + 1, 2 * (std::max(ky, 1) / 2) + 1));
}
}  // namespace

// The default border of cv::erode/dilate/morphologyEx (morphologyDefaultBorderValue)
// never wins the minimum or maximum: the window is in effect clipped at the border.
RasterImage open_gray(const RasterImage& gray, int window) {
  return gray_step(gray, [&](const cv::Mat& src, cv::Mat& dst) {
    cv::morphologyEx(src, dst, cv::MORPH_OPEN, centred_rect(window, window));
  });
}

RasterImage dilate_rect(const RasterImage& gray, int kx, int ky) {
  return gray_step(gray, [&](const cv::Mat& src, cv::Mat& dst) { cv::dilate(src, dst, centred_rect(kx, ky)); });
}

RasterImage level_text(const RasterImage& gray, double max_degrees) {
  return on_gray(gray, [&](const cv::Mat& img) -> RasterImage {
    cv::Mat ink;
    cv::threshold(img, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    if (points.size() < 50) return gray;
    // Shear instead of rotation for the search (same projection for small angles):
    // row of an ink pixel at angle a = y - x * tan(a). The sharpest profile has the
    // largest sum of squared row counts.
    const double step = 0.1;
    const int steps = static_cast<int>(max_degrees / step);
    const int rows = gray.height + static_cast<int>(gray.width * std::tan(max_degrees * CV_PI / 180)) * 2 + 2;
    const int offset = rows / 2 - gray.height / 2;
    std::vector<int> profile(static_cast<std::size_t>(rows));
    double best_score = -1;
    double best_angle = 0;
    for (int i = -steps; i <= steps; ++i) {
      const double a = i * step;
      const double t = std::tan(a * CV_PI / 180);
      std::fill(profile.begin(), profile.end(), 0);
      for (const auto& p : points) {
        const int row = static_cast<int>(std::lround(p.y - p.x * t)) + offset;
        if (row >= 0 && row < rows) ++profile[static_cast<std::size_t>(row)];
      }
      double score = 0;
      for (int v : profile) score += static_cast<double>(v) * v;
      // Ties (a blank or symmetric crop) keep the smaller turn.
      if (score > best_score * 1.0001 || (score >= best_score && std::abs(a) < std::abs(best_angle))) {
        best_score = score;
        best_angle = a;
      }
    }
    if (std::abs(best_angle) < 0.2) return gray;
    // Rows moved by -x*tan(a): the type slopes down to the right by a; turn it back.
    const cv::Point2f centre(gray.width / 2.0F, gray.height / 2.0F);
    const cv::Mat turn = cv::getRotationMatrix2D(centre, best_angle, 1.0);
    Target out(gray.width, gray.height, 1);
    cv::warpAffine(img, out.mat(), turn, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    return out.take();
  });
}

std::uint64_t perceptual_hash(const RasterImage& image) {
  const RasterImage gray = to_gray(image);
  if (gray.empty()) return 0;
  init_opencv();
  try {
    // PHash itself shrinks to 32x32 with bilinear sampling, which on a large input
    // reads only a few pixels per cell and so depends on noise and resolution;
    // area averaging first makes the hash a property of the picture.
    cv::Mat small;
    cv::resize(as_mat(gray), small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    thread_local const cv::Ptr<cv::img_hash::PHash> hasher = cv::img_hash::PHash::create();
    cv::Mat hash;
    hasher->compute(small, hash);
    if (hash.total() != 8) return 0;
    std::uint64_t out = 0;
    for (int i = 0; i < 8; ++i) out = (out << 8) | hash.at<std::uint8_t>(i);
    return out;
  } catch (const cv::Exception&) {
    return 0;
  }
}

double correlation(const RasterImage& a, const RasterImage& b) {
  if (!a.consistent() || !b.consistent() || a.channels != 1 || b.channels != 1 || a.width != b.width ||
      a.height != b.height || a.empty()) {
    return 0;
  }
  init_opencv();
  try {
    cv::Scalar mean_a;
    cv::Scalar mean_b;
    cv::Scalar spread_a;
    cv::Scalar spread_b;
    cv::meanStdDev(as_mat(a), mean_a, spread_a);
    cv::meanStdDev(as_mat(b), mean_b, spread_b);
    if (spread_a[0] < 1e-3 || spread_b[0] < 1e-3) return 0;  // flat: no correlation defined
    const double n = static_cast<double>(a.pixels.size());
    const double r = (as_mat(a).dot(as_mat(b)) / n - mean_a[0] * mean_b[0]) / (spread_a[0] * spread_b[0]);
    return std::clamp(r, -1.0, 1.0);
  } catch (const cv::Exception&) {
    return 0;
  }
}

}  // namespace evpack
