// Where the red ink is on a page image: the raw measurements behind the red
// letterhead and red seal verdicts (OpenCV in src/adapters/opencv/red_ink.cpp).
// Decisions (is this a letterhead, is this a seal) belong to the inspector.
#pragma once

#include <vector>

#include "evpack/core/raster.hpp"

namespace evpack {

/// Rectangle in millimetres from the image's top-left corner.
struct MmRect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double centre_x() const { return x + width / 2; }
  double centre_y() const { return y + height / 2; }
};

struct RedInkOptions {
  double px_per_mm = 2.0;  ///< scale of the image (dpi / 25.4)
  /// A pixel is red ink when R - max(G, B) reaches this (after a light blur) and its
  /// hue is within about 25° of pure red. Pale seals on scans measure 25-40.
  int min_redness = 20;
  double merge_mm = 4.0;      ///< ink closer than this joins one mark (characters of one header)
  double min_line_mm = 60;    ///< shortest horizontal red rule reported
  double min_circle_mm = 25;  ///< diameters searched for round marks (seals)
  double max_circle_mm = 65;
};

/// One connected group of red ink.
struct RedMark {
  MmRect box;
  double ink_share = 0;     ///< red pixels / box area
  double mean_redness = 0;  ///< mean R - max(G, B) over its red pixels (0..255)
  /// Round-seal measures, around the circle that fits the mark best (radius = half the
  /// longer side, so a seal with a missing arc keeps its size):
  MmRect circle;             ///< the fitted circle's square
  double ring_coverage = 0;  ///< share of 120 angular sectors with ink at 0.80-1.04 of the radius
  double corner_ink = 0;     ///< ink share in the circle's square outside 1.1 radius (a circle leaves corners empty)
  double inner_ink = 0;      ///< ink share inside 0.72 radius (text and star of a seal)
};

/// A long, thin horizontal red rule (the separator line under a document number).
struct RedRule {
  MmRect box;
};

struct RedInkReport {
  /// False when the image has no colour at all (grayscale or black-and-white scan):
  /// red cannot be judged, which is not the same as "no red".
  bool colour = false;
  double red_share = 0;        ///< share of red pixels in the image
  std::vector<RedMark> marks;  ///< largest first
  /// Red circles of min..max_circle_mm found by a Hough transform, measured like marks
  /// (box = circle square): finds seals whose ring is broken into separate arcs.
  std::vector<RedMark> circles;
  std::vector<RedRule> rules;  ///< top to bottom
};

/// Measures the red ink of a BGR (or gray) image. Never throws; an empty or
/// inconsistent image gives an empty report with colour == false.
RedInkReport analyse_red_ink(const RasterImage& image, const RedInkOptions& options);

/// Whitens long, thin horizontal strokes of dark ink (a gray separator rule, an
/// underline) in a 1-channel page crop so OCR reads the type beside them. Strokes
/// at least `min_length_mm` long survive a tilt of up to about 3°; characters,
/// whose strokes are shorter, are kept. Returns the image unchanged when it is not
/// 1-channel or inconsistent.
RasterImage erase_long_rules(const RasterImage& gray, double px_per_mm, double min_length_mm = 15);

}  // namespace evpack
