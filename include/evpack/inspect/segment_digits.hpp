// Seven-segment digits: the date imprints of film and compact cameras (an orange
// '25 6 18 or 6 18 '25 17:38) and the on-screen displays of DV and dash cameras
// draw each digit from up to seven bars with gaps between them. OCR engines
// trained on printed type misread them (a 7 as 0 or 1, a 5 as 6); which bars are
// lit names the digit exactly.
#pragma once

#include <string>
#include <vector>

#include "evpack/core/raster.hpp"

namespace evpack {

/// Reads one line of seven-segment type from a 1-channel cut where ink is dark
/// (below 128) on white, the line filling most of the cut's height (as the close
/// reading of a watermark prepares it). Digits as read, a space where the gap
/// between two characters is wider than a digit, "'" for the year's apostrophe,
/// ':' for a colon; a character whose lit bars name no digit becomes '?'. Slanted
/// (italic) type is set upright first. Empty when the cut holds no line of at
/// least four seven-segment digits.
std::string read_segment_line(const RasterImage& cut);

/// read_segment_line on a colour cut of a photo holding one line of a stamp whose
/// type is about `type_height` px tall: orange type (red minus blue) or the
/// brightest type (white OSD) taken where it is brighter than its surroundings.
std::string read_segment_stamp(const RasterImage& cut, int type_height);

/// Lines of orange type along the bottom and top of an upright colour photo (BGR):
/// where a film camera's date imprint would be, found by colour alone, for
/// photos where neither text detector outlined the stamp (small digits on a
/// dark patch). Bounding boxes, possibly of orange scenery too: the reader
/// decides.
std::vector<PixelRect> find_orange_stamp_lines(const RasterImage& upright);

}  // namespace evpack
