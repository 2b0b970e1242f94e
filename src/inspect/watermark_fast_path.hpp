// The parts of the watermark fast path (read_watermark_panels) shared by its
// files: the ink mask (watermark_ink.cpp), panel finding and the first reading
// (watermark_panels.cpp), the closer second reading (watermark_close.cpp).
// Internal to src/inspect: the public interface is evpack/inspect/watermark.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/inspect/watermark.hpp"

namespace evpack::fast_path {

// --- the ink mask (watermark_ink.cpp) ----------------------------------------------

// Top-hat window: wider than any stroke of the largest HH:MM (~13 px at 720).
constexpr int kTopHatWindow = 25;

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // half-open
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// Bounding boxes of the 4-connected components of a mask.
std::vector<Box> component_boxes(const std::vector<std::uint8_t>& mask, int w, int h);

// Clears thin vertical rules from an ink mask: pixels in a vertical run of at
// least kRuleLength whose horizontal run is at most kRuleWidth. The yellow bar
// between the time and the date of 今日水印 (6-8 px wide at the analysis size) is one; left in, the smear joins the
// large HH:MM and the date lines into one block. Strokes of text are either
// shorter (Han characters, ~22 px) or wider (the digits of a large HH:MM).
constexpr int kRuleLength = 30;
constexpr int kRuleWidth = 9;
void drop_thin_rules(std::vector<std::uint8_t>& mask, int w, int h, int rule_length = kRuleLength,
                     int rule_width = kRuleWidth);

// The runs of rows [y0, y1) that hold more than `quiet` ink pixels between x0 and
// x1: the lines of a block, cut where the ink stops.
std::vector<std::pair<int, int>> inked_rows(const std::vector<std::uint8_t>& ink, int w, int x0, int x1, int y0, int y1,
                                            int quiet);

// The light type of a region: pixels brighter than their surroundings within
// `window` (white-top-hat of the brightest channel), or warmer (the same on red
// minus blue: orange date stamps over a white or pale scene, a shirt, a wall, are
// no brighter than it). `ink` is what makes up the blocks; `strong`, with stricter
// thresholds, the cleaner strokes handed to OCR.
struct LightInk {
  std::vector<std::uint8_t> ink;
  std::vector<std::uint8_t> strong;
  std::vector<std::uint8_t> warm;  ///< the strong pixels that are so by warmth (orange type)
};
LightInk light_ink(const RasterImage& region, int window);

// --- the first reading (watermark_panels.cpp) --------------------------------------

// The texts of a panel's blocks joined in reading order: blocks on one row with
// a space, rows with '\n'.
std::string join_lines(const TextPanel& panel, const std::vector<std::string>& texts);

// OCR of a panel block by block: one block is far cheaper for Tesseract than
// finding the layout of a sparse panel, and costs about its number of characters.
// The tallest block goes first (the large HH:MM of 今日水印, the date and time of
// stamps and tables are the biggest text); once a block showed a date or a time,
// the blocks level with it follow (every template sets the date beside the time),
// then the others by nearness; else the next tallest. Reading stops as soon as a
// date and a time are known: place, brand and code lines are read only while
// looking for them.
struct PanelRead {
  std::vector<std::string> texts;  ///< per block of the panel; empty when not read or nothing read
  std::string text;                ///< the blocks read, joined in reading order
};
Expected<PanelRead> read_panel(const TextPanel& panel, Ocr& ocr);

// --- the closer second reading (watermark_close.cpp) -------------------------------

// Text whose reading is worth a second look: a date or a time came out, or a run
// of digits a stamp could have made.
bool worth_a_closer_look(const std::string& text);

// The second reading of a panel whose first reading was incomplete. Blocks that
// showed digits go first, then those that showed nothing, then the rest, tallest
// first; each is read anew from close_pieces. Then, if a date stamp still shows
// its date without its time or the reverse, the line is read whole: date stamps
// set the time right beside the date, and a bright object behind one of them can
// keep it out of the blocks. A block's new text replaces its first one only when
// it makes the panel's reading more complete; reading stops once it is complete.
Expected<PanelRead> reread_panel(const TextPanel& panel, PanelRead read, const RasterImage& sharp, double scale,
                                 Ocr& ocr);

}  // namespace evpack::fast_path
