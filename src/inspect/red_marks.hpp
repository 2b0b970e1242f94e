// Red letterhead and red seal, judged from pages rendered at low resolution.
// Internal to src/inspect.
#pragma once

#include <optional>
#include <vector>

#include "evpack/adapters/red_ink.hpp"
#include "evpack/inspect/document_marks.hpp"
#include "evpack/inspect/inspection.hpp"
#include "upright_pages.hpp"

namespace evpack {

/// What the low-resolution look at the pages found, reused to place OCR regions.
struct PageMarks {
  std::optional<MmRect> band;  ///< red letterhead, page 1
  std::optional<MmRect> rule;  ///< red rule, page 1
  std::vector<SealMark> seals;
  RasterImage first;    ///< page 1 at kMarksDpi
  RasterImage last;     ///< last page at kMarksDpi
  bool turned = false;  ///< page 1's letterhead was found only with the page turned
};

/// Red letterhead and red seal, from pages rendered at low resolution, into
/// `facts` (letterhead, seal, colour_known). A first page whose letterhead is found
/// only turned is set upright in `pages`.
PageMarks check_red_marks(UprightPages& pages, bool has_text_layer, DocumentFacts& facts);

/// A scan or photo of paper coarser than kMinScanDpi cannot show that a letterhead
/// or seal is missing: such verdicts become "cannot verify".
void judge_scan_resolution(double dpi, DocumentFacts& facts);

}  // namespace evpack
