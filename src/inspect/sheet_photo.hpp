// A photo of a sheet of paper: the sheet found and flattened, and what a photo
// cannot show. Internal to src/inspect.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/inspect/inspection.hpp"

namespace evpack {

// A photo of paper is rendered at most this fine to find and flatten its sheet.
inline constexpr double kMaxPhotoDpi = 300;

/// How the sheet of paper in a photo was seen.
struct SheetView {
  bool found = false;         ///< a four-sided sheet in a paper's proportion
  bool cut_off = false;       ///< it touches the photo's border
  double dpi = 0;             ///< resolution of the paper along its coarsest side
  double foreshortening = 1;  ///< longest / shortest of its opposite sides
  double px_per_mm = 0;       ///< of the flattened sheet
};

/// The sheet of paper in a photo, flattened to A4 proportions (portrait or, when
/// the photo was taken sideways, landscape: the page is turned later like a
/// sideways scan), and how it was seen. An empty picture when no sheet was found.
std::pair<RasterImage, SheetView> sheet_of_photo(const RasterImage& photo);

/// Whether a whole sheet of paper (in a paper's proportion, not cut off by the
/// frame) covers at least a third of the photo: a photo of a sign-in sheet, a
/// notice or a form rather than of an event. Cheap on an analysis copy.
bool shows_whole_sheet(const RasterImage& photo);

/// Whether a page has a photo's proportions rather than paper's: a phone photo of
/// a sheet saved as a PDF page (the sheet lies somewhere in it, at some angle).
bool photo_shaped(const PageRect& page);

/// Letterhead and seal verdicts of a photo of paper: never "absent" (the first
/// page's sheet for the letterhead, the first page looked at that was seen worst
/// for the seal say why), but "cannot verify" and what to submit.
void judge_photographed(const std::vector<const SheetView*>& views, DocumentFacts& facts);

}  // namespace evpack
