// Finding and flattening a sheet of paper in a photo, over OpenCV. Only files
// under src/adapters/opencv/ see OpenCV headers.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "evpack/adapters/sheet.hpp"

namespace evpack {
namespace {

// The sheet is looked for in a copy of this longer side: its edges are long and
// straight, and the type on it blurs into the page (fewer edges inside it).
constexpr int kSearchSide = 800;

cv::Mat as_mat(const RasterImage& image) {
  if (!image.consistent()) return {};
  return cv::Mat(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.pixels.data()),
                 static_cast<std::size_t>(image.width) * image.channels);
}

// Corners in the order top-left, top-right, bottom-right, bottom-left.
std::array<PixelPoint, 4> order_corners(const std::vector<cv::Point2f>& quad) {
  std::array<PixelPoint, 4> out{};
  auto by = [&](auto key, bool largest) {
    const auto it = std::minmax_element(quad.begin(), quad.end(),
                                        [&](const cv::Point2f& a, const cv::Point2f& b) { return key(a) < key(b); });
    const cv::Point2f p = largest ? *it.second : *it.first;
    return PixelPoint{p.x, p.y};
  };
  out[0] = by([](const cv::Point2f& p) { return p.x + p.y; }, false);
  out[2] = by([](const cv::Point2f& p) { return p.x + p.y; }, true);
  out[1] = by([](const cv::Point2f& p) { return p.x - p.y; }, true);
  out[3] = by([](const cv::Point2f& p) { return p.x - p.y; }, false);
  return out;
}

// The four-cornered outline of a contour, if it has one: its convex hull
// simplified until four corners remain (paper edges are straight; a corner
// lifted or a thumb on the edge adds a small bump).
std::optional<std::vector<cv::Point2f>> quad_of(const std::vector<cv::Point>& contour) {
  std::vector<cv::Point> hull;
  cv::convexHull(contour, hull);
  const double perimeter = cv::arcLength(hull, true);
  for (double eps = 0.01; eps <= 0.06; eps += 0.005) {
    std::vector<cv::Point> approx;
    cv::approxPolyDP(hull, approx, eps * perimeter, true);
    if (approx.size() < 4) return std::nullopt;
    if (approx.size() == 4 && cv::isContourConvex(approx)) {
      std::vector<cv::Point2f> out;
      for (const auto& p : approx) out.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
      return out;
    }
  }
  return std::nullopt;
}

// Outlines of regions that may be the sheet: closed edges (the paper's border
// against the desk), and the bright part of the picture (the paper is lighter
// than most desks, even in shade).
std::vector<std::vector<cv::Point>> candidate_contours(const cv::Mat& gray) {
  std::vector<std::vector<cv::Point>> all;
  cv::Mat blurred;
  cv::GaussianBlur(gray, blurred, cv::Size(5, 5), 0);
  for (const auto& [lo, hi] : {std::pair{20.0, 60.0}, std::pair{40.0, 120.0}}) {
    cv::Mat edges;
    cv::Canny(blurred, edges, lo, hi);
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    std::vector<std::vector<cv::Point>> found;
    cv::findContours(edges, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    all.insert(all.end(), found.begin(), found.end());
  }
  cv::Mat bright;
  cv::threshold(blurred, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::morphologyEx(bright, bright, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
  std::vector<std::vector<cv::Point>> found;
  cv::findContours(bright, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  all.insert(all.end(), found.begin(), found.end());
  return all;
}

}  // namespace

std::optional<SheetOutline> find_sheet(const RasterImage& image, double min_area_share) {
  if (!image.consistent() || image.width < 32 || image.height < 32) return std::nullopt;
  try {
    cv::Mat src = as_mat(image);
    cv::Mat gray;
    if (image.channels == 1) {
      gray = src;
    } else {
      cv::cvtColor(src, gray, image.channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    }
    const double scale = std::min(1.0, static_cast<double>(kSearchSide) / std::max(image.width, image.height));
    cv::Mat small;
    if (scale < 1) {
      cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    } else {
      small = gray;
    }
    const double image_area = static_cast<double>(small.cols) * small.rows;
    std::optional<SheetOutline> best;
    double best_area = 0;
    for (const auto& contour : candidate_contours(small)) {
      if (cv::contourArea(contour) < min_area_share * image_area * 0.8) continue;
      const auto quad = quad_of(contour);
      if (!quad) continue;
      const double area = cv::contourArea(*quad);
      if (area < min_area_share * image_area || area > 0.995 * image_area) continue;
      // The sheet is lighter than its surroundings: inside brighter than a band
      // just outside (a dark picture in a light frame is not a sheet).
      cv::Mat inside = cv::Mat::zeros(small.size(), CV_8U);
      std::vector<cv::Point> poly;
      for (const auto& p : *quad) poly.emplace_back(static_cast<int>(p.x), static_cast<int>(p.y));
      cv::fillConvexPoly(inside, poly, cv::Scalar(255));
      cv::Mat grown;
      cv::dilate(inside, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(25, 25)));
      const cv::Mat ring = grown & ~inside;
      const double in_mean = cv::mean(small, inside)[0];
      const double ring_n = cv::countNonZero(ring);
      const double out_mean = ring_n > 0 ? cv::mean(small, ring)[0] : 0;
      // A sheet has surroundings to stand out from (the whole picture is no sheet).
      if (ring_n < 0.01 * image_area || in_mean < out_mean + 8) continue;
      if (area <= best_area) continue;
      best_area = area;
      SheetOutline outline;
      outline.corners = order_corners(*quad);
      for (auto& c : outline.corners) {
        c.x /= scale;
        c.y /= scale;
      }
      outline.area_share = area / image_area;
      const double margin = 3;
      outline.touches_border = std::any_of(quad->begin(), quad->end(), [&](const cv::Point2f& p) {
        return p.x < margin || p.y < margin || p.x > small.cols - 1 - margin || p.y > small.rows - 1 - margin;
      });
      best = outline;
    }
    return best;
  } catch (const cv::Exception&) {
    return std::nullopt;
  }
}

RasterImage flatten_sheet(const RasterImage& image, const std::array<PixelPoint, 4>& corners, int width, int height) {
  RasterImage out;
  if (!image.consistent() || width < 1 || height < 1) return out;
  try {
    std::vector<cv::Point2f> from;
    for (const auto& c : corners) from.emplace_back(static_cast<float>(c.x), static_cast<float>(c.y));
    const std::vector<cv::Point2f> to = {{0, 0},
                                         {static_cast<float>(width), 0},
                                         {static_cast<float>(width), static_cast<float>(height)},
                                         {0, static_cast<float>(height)}};
    const cv::Mat transform = cv::getPerspectiveTransform(from, to);
    out.width = width;
    out.height = height;
    out.channels = image.channels;
    out.pixels.resize(static_cast<std::size_t>(width) * height * image.channels);
    cv::Mat dst(height, width, CV_8UC(image.channels), out.pixels.data());
    cv::warpPerspective(as_mat(image), dst, transform, cv::Size(width, height), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    if (dst.data != out.pixels.data()) return {};
    return out;
  } catch (const cv::Exception&) {
    return {};
  }
}

}  // namespace evpack
