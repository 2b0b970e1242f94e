// The brackets around the year of a scanned document number, judged from their ink.
//
// Tesseract reads 〔 as [ ( 【 or not at all and never returns ［ or （, so the
// text of a scanned number cannot say whether its brackets are the 〔〕 of
// GB/T 9704. Their shape can: 【】 are solid, 〖〗 hollow, ( ) curved,
// [ ] straight with flat ends, 〔〕 straight with slanted ends; a fullwidth
// （ or ［ stands in its own em box, so a wide gap separates it from its neighbour.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

struct YearBrackets {
  std::string open;   ///< "〔", "[", "［", "(", "（", "【" or "〖"
  std::string close;  ///< the matching closing bracket
  bool operator==(const YearBrackets&) const = default;
};

/// The brackets around the four-digit year of a number line. `line` is the
/// binarised image OCR read (dark ink on white, one channel); `symbols` are the
/// characters it read there. Empty when the line shows no year after Han
/// characters, or when either bracket's ink has no clear shape, or when the two
/// brackets disagree: the caller then does not judge the bracket form.
std::optional<YearBrackets> year_brackets(const RasterImage& line, const std::vector<OcrSymbol>& symbols);

}  // namespace evpack
