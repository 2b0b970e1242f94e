// Red ink measurements over OpenCV. Only files under src/adapters/opencv/ see OpenCV headers.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "evpack/adapters/red_ink.hpp"

namespace evpack {
namespace {

// Angular sectors sampled around a round mark.
constexpr int kSectors = 120;
// Marks smaller than this (mm²) are specks: scan noise, a red pen dot.
constexpr double kMinMarkArea = 6.0;
// At most this many marks are measured (largest first): a page is not a painting.
constexpr std::size_t kMaxMarks = 64;

// R - max(G, B) when the hue is near red, else 0. Orange (G well above B) and
// magenta (B well above G) are not the red of seals and letterheads.
inline int redness(int b, int g, int r) {
  const int hi = std::max(g, b);
  const int lo = std::min(g, b);
  const int d = r - hi;
  if (d <= 0) return 0;
  // Hue within ~25°: |G - B| small against the red excess over the lower channel.
  if (hi - lo > (r - lo) / 2 + 8) return 0;
  return d;
}

MmRect to_mm(const cv::Rect& r, double px_per_mm) {
  return {r.x / px_per_mm, r.y / px_per_mm, r.width / px_per_mm, r.height / px_per_mm};
}

double ring_coverage(const cv::Mat& mask, double cx, double cy, double radius) {
  int hit = 0;
  for (int s = 0; s < kSectors; ++s) {
    const double a = 2 * std::numbers::pi * s / kSectors;
    const double ca = std::cos(a);
    const double sa = std::sin(a);
    for (double rr = 0.80 * radius; rr <= 1.04 * radius; rr += 0.5) {
      const int x = static_cast<int>(std::lround(cx + rr * ca));
      const int y = static_cast<int>(std::lround(cy + rr * sa));
      if (x >= 0 && y >= 0 && x < mask.cols && y < mask.rows && mask.at<std::uint8_t>(y, x) != 0) {
        ++hit;
        break;
      }
    }
  }
  return static_cast<double>(hit) / kSectors;
}

// Ring, corners and inside of the circle (cx, cy, radius), in pixels.
void measure_circle(const cv::Mat& mask, double cx, double cy, double radius, double px_per_mm, RedMark& mark) {
  mark.ring_coverage = ring_coverage(mask, cx, cy, radius);
  mark.circle = {(cx - radius) / px_per_mm, (cy - radius) / px_per_mm, 2 * radius / px_per_mm, 2 * radius / px_per_mm};
  long corner_n = 0;
  long corner_ink = 0;
  long inner_n = 0;
  long inner_ink = 0;
  const int x0 = std::max(0, static_cast<int>(cx - radius));
  const int y0 = std::max(0, static_cast<int>(cy - radius));
  const int x1 = std::min(mask.cols, static_cast<int>(cx + radius + 1));
  const int y1 = std::min(mask.rows, static_cast<int>(cy + radius + 1));
  for (int y = y0; y < y1; ++y) {
    const auto* row = mask.ptr<std::uint8_t>(y);
    for (int x = x0; x < x1; ++x) {
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d > 1.1 * radius) {
        ++corner_n;
        corner_ink += row[x] != 0;
      } else if (d < 0.72 * radius) {
        ++inner_n;
        inner_ink += row[x] != 0;
      }
    }
  }
  mark.corner_ink = corner_n > 0 ? static_cast<double>(corner_ink) / corner_n : 0;
  mark.inner_ink = inner_n > 0 ? static_cast<double>(inner_ink) / inner_n : 0;
}

// Fits the circle a seal would be: radius from the longer side of the box (a
// partly covered seal keeps its full width or height), centre placed where the
// drawn arcs agree best.
void measure_round(const cv::Mat& mask, const cv::Rect& box, double px_per_mm, RedMark& mark) {
  const double radius = std::max(box.width, box.height) / 2.0;
  if (radius < 2) return;
  const double left = box.x;
  const double top = box.y;
  const double right = box.x + box.width;
  const double bottom = box.y + box.height;
  const double mx = (left + right) / 2;
  const double my = (top + bottom) / 2;
  const std::pair<double, double> centres[] = {
      {mx, my}, {mx, top + radius}, {mx, bottom - radius}, {left + radius, my}, {right - radius, my}};
  double cx = mx;
  double cy = my;
  double best = -1;
  for (const auto& [x, y] : centres) {
    const double c = ring_coverage(mask, x, y, radius);
    if (c > best + 1e-9) {
      best = c;
      cx = x;
      cy = y;
    }
  }
  measure_circle(mask, cx, cy, radius, px_per_mm, mark);
}

// Circles in the red ink (Hough transform): a seal whose ring is broken into arcs
// is several marks, but still one circle.
std::vector<RedMark> find_circles(const cv::Mat& mask, const cv::Mat& red, const RedInkOptions& options) {
  std::vector<RedMark> out;
  const double px = options.px_per_mm;
  const int min_r = static_cast<int>(options.min_circle_mm / 2 * px);
  const int max_r = static_cast<int>(std::ceil(options.max_circle_mm / 2 * px));
  if (min_r < 4 || mask.cols < 2 * min_r || mask.rows < 2 * min_r) return out;
  cv::Mat smooth;
  cv::GaussianBlur(mask, smooth, cv::Size(5, 5), 1.5);
  std::vector<cv::Vec3f> circles;
  cv::HoughCircles(smooth, circles, cv::HOUGH_GRADIENT_ALT, 1.5, options.min_circle_mm * px * 0.8, 300, 0.5, min_r,
                   max_r);
  for (const auto& c : circles) {
    RedMark mark;
    // The transform's radius is good to a pixel or two: keep the best ring nearby.
    double best_r = c[2];
    double best = -1;
    for (const double f : {0.94, 0.97, 1.0, 1.03, 1.06}) {
      const double cov = ring_coverage(mask, c[0], c[1], c[2] * f);
      if (cov > best + 1e-9) {
        best = cov;
        best_r = c[2] * f;
      }
    }
    measure_circle(mask, c[0], c[1], best_r, px, mark);
    const cv::Rect box = cv::Rect(static_cast<int>(c[0] - best_r), static_cast<int>(c[1] - best_r),
                                  static_cast<int>(2 * best_r), static_cast<int>(2 * best_r)) &
                         cv::Rect(0, 0, mask.cols, mask.rows);
    if (box.empty()) continue;
    const int count = cv::countNonZero(mask(box));
    mark.box = to_mm(box, px);
    mark.ink_share = static_cast<double>(count) / (static_cast<double>(box.width) * box.height);
    mark.mean_redness = count > 0 ? cv::mean(red(box), mask(box))[0] : 0;
    out.push_back(mark);
    if (out.size() >= kMaxMarks) break;
  }
  return out;
}

}  // namespace

RedInkReport analyse_red_ink(const RasterImage& image, const RedInkOptions& options) {
  RedInkReport report;
  if (!image.consistent() || image.channels != 3 || options.px_per_mm <= 0) return report;
  try {
    const cv::Mat src(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()),
                      static_cast<std::size_t>(image.width) * 3);
    cv::Mat bgr = src;
    // At scan resolutions a light blur takes the per-pixel noise out of the colour;
    // at low resolutions the renderer has already averaged it away.
    if (options.px_per_mm > 3.0) cv::blur(src, bgr, cv::Size(3, 3));

    const double px = options.px_per_mm;
    cv::Mat red(bgr.rows, bgr.cols, CV_8UC1);
    cv::Mat mask(bgr.rows, bgr.cols, CV_8UC1);
    long coloured = 0;
    long ink = 0;
    for (int y = 0; y < bgr.rows; ++y) {
      const auto* p = bgr.ptr<std::uint8_t>(y);
      auto* r = red.ptr<std::uint8_t>(y);
      auto* m = mask.ptr<std::uint8_t>(y);
      for (int x = 0; x < bgr.cols; ++x, p += 3) {
        const int hi = std::max({p[0], p[1], p[2]});
        const int lo = std::min({p[0], p[1], p[2]});
        coloured += hi - lo >= 6;
        const int v = redness(p[0], p[1], p[2]);
        r[x] = static_cast<std::uint8_t>(v);
        m[x] = v >= options.min_redness ? 255 : 0;
        ink += m[x] != 0;
      }
    }
    const double total = static_cast<double>(bgr.rows) * bgr.cols;
    report.red_share = ink / total;
    report.colour = coloured >= 0.01 * total || ink >= 0.0005 * total;

    // Marks: ink joined within merge_mm.
    const int merge = std::max(1, static_cast<int>(std::lround(options.merge_mm * px)));
    cv::Mat joined;
    cv::morphologyEx(mask, joined, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(merge, merge)));
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
    std::vector<std::pair<long, cv::Rect>> boxes;
    for (int i = 1; i < n; ++i) {
      const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                         stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      if (box.width * box.height / (px * px) < kMinMarkArea) continue;
      boxes.emplace_back(stats.at<int>(i, cv::CC_STAT_AREA), box);
    }
    std::sort(boxes.begin(), boxes.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first
                                : (a.second.y != b.second.y ? a.second.y < b.second.y : a.second.x < b.second.x);
    });
    if (boxes.size() > kMaxMarks) boxes.resize(kMaxMarks);
    for (const auto& [area, box] : boxes) {
      RedMark mark;
      mark.box = to_mm(box, px);
      const cv::Mat roi_mask = mask(box);
      const cv::Mat roi_red = red(box);
      const int count = cv::countNonZero(roi_mask);
      mark.ink_share = static_cast<double>(count) / (static_cast<double>(box.width) * box.height);
      mark.mean_redness = count > 0 ? cv::mean(roi_red, roi_mask)[0] : 0;
      measure_round(mask, box, px, mark);
      report.marks.push_back(mark);
    }

    report.circles = find_circles(mask, red, options);

    // Rules: long thin horizontal runs. A slight tilt (a scan turned by 3°) moves a
    // rule across rows, so rows are joined vertically before the horizontal opening.
    cv::Mat tall;
    cv::dilate(mask, tall,
               cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, std::max(3, static_cast<int>(1.5 * px)))));
    const int run = std::max(5, static_cast<int>(std::lround(std::min(25.0, options.min_line_mm / 2) * px)));
    cv::Mat runs;
    cv::morphologyEx(tall, runs, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(run, 1)));
    const int m = cv::connectedComponentsWithStats(runs, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < m; ++i) {
      const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                         stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      const MmRect mm = to_mm(box, px);
      if (mm.width >= options.min_line_mm && mm.height <= 12 && mm.height * 5 < mm.width) {
        report.rules.push_back({mm});
      }
    }
    std::sort(report.rules.begin(), report.rules.end(),
              [](const RedRule& a, const RedRule& b) { return a.box.y < b.box.y; });
  } catch (const cv::Exception&) {
    return RedInkReport{};
  }
  return report;
}

RasterImage erase_long_rules(const RasterImage& gray, double px_per_mm, double min_length_mm) {
  if (gray.channels != 1 || !gray.consistent() || px_per_mm <= 0) return gray;
  try {
    RasterImage out = gray;
    cv::Mat img(out.height, out.width, CV_8UC1, out.pixels.data(), static_cast<std::size_t>(out.width));
    cv::Mat ink;
    cv::threshold(img, ink, 170, 255, cv::THRESH_BINARY_INV);
    const int length = std::max(8, static_cast<int>(std::lround(min_length_mm * px_per_mm)));
    // A rule tilted by 3° climbs length * 0.052 px along the kernel: thicken the ink
    // vertically by that much so the tilted rule stays one run under the kernel.
    const int climb = std::max(1, static_cast<int>(std::lround(length * 0.055)));
    cv::Mat thick;
    cv::dilate(ink, thick, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 2 * climb + 1)));
    cv::Mat runs;
    cv::morphologyEx(thick, runs, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(length, 1)));
    // The opened band holds the rule and the dilation's margin: erase only its ink,
    // grown by a pixel for the anti-aliased edge.
    cv::Mat rule = runs & ink;
    cv::dilate(rule, rule, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    img.setTo(255, rule);
    return out;
  } catch (const cv::Exception&) {
    return gray;
  }
}

}  // namespace evpack
