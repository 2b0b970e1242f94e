// Ink on low-resolution page images: red dropped out, lines of type found, the
// page's way up judged from them. Internal to src/inspect.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "evpack/adapters/red_ink.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/inspect/document_marks.hpp"

namespace evpack {

/// Red ink vanishes in the red channel (a seal over the date, a red header over
/// nothing), black type stays: the classic drop-out for OCR of sealed papers.
/// One channel out; an image that is not BGR comes back as it is.
RasterImage red_dropout(const RasterImage& image);

/// A line of dark type, and the share of the searched columns that hold its ink
/// (a separator rule fills almost all of them; a line with a gap, such as
/// 文号 … 签发人, does not).
struct InkLine {
  MmRect box;
  double fill = 0;
};

/// Lines of dark type in a low-resolution page image (rows with ink between
/// x0 and x1 mm, y0 and y1 mm), top to bottom. Red ink does not count.
std::vector<InkLine> text_lines(const RasterImage& image, double px_per_mm, double x0, double x1, double y0, double y1);

/// Rows [top, bottom) of the lowest (or, `highest`, the highest) line of type in a
/// black-on-white crop; nullopt when it holds none.
std::optional<std::pair<int, int>> lowest_text_band(const RasterImage& bw, double px_per_mm, bool highest = false);

/// Lines of type (2.5-10 mm tall) crossing a 40 mm strip down a page image with
/// at least 2 mm of paper before the next, the most any of three strips crosses.
int level_lines(const RasterImage& image, double px_per_mm);

/// Whether the type of a page image stands on end (the page was scanned or
/// photographed sideways).
bool type_on_end(const RasterImage& image, double px_per_mm);

/// Whether an upright-looking page may be upside down: its seal stands above
/// most of its lines of type (a seal sits on the signature, below the body).
bool seal_above_text(const RasterImage& image, double px_per_mm, const std::vector<SealMark>& seals);

}  // namespace evpack
