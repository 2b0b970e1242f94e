// The OCR of a screen capture (screenshot.cpp reads its fields from the lines).
#pragma once
#include <optional>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/inspect/screenshot.hpp"

namespace evpack {

/// Reads `lines` of `gray` in one OCR call: each line's strip made dark type on
/// white, stacked one under another, read as one block; the lines come back in
/// the capture's pixels. nullopt when the OCR fails.
std::optional<OcrResult> read_lines_together(const RasterImage& gray, const std::vector<PixelRect>& lines, Ocr& ocr);

/// Whether each of `lines` (top to bottom) is in a table's body past its first two
/// rows: rows of three or more cells, each row's cells under the cells of the row
/// above. What a capture is checked for stands in a table's header and its first
/// rows (a query log's labels and latest query); the rest of a list of enterprises
/// or records is most of the text of a data-sharing page.
std::vector<bool> table_body(const std::vector<PixelRect>& lines);

/// Whether each of `lines` (top to bottom) is in a row of four or more short
/// words of about one width (a navigation bar, a row of tabs) that is no table's
/// header: labels of nothing.
std::vector<bool> menu_rows(const std::vector<PixelRect>& lines);

/// Whether each of `lines` is the furniture of a whole screen (at least 700 px
/// each way, shaped like a monitor's or a phone's screen; a cut-out has none): in its top 7 % or 80 px of a landscape screen (a browser's tab and address bar, a phone's status
/// bar: the page title again, a URL, the clock) or a long line in its bottom
/// tenth (a site's footer: 主办, ICP numbers). A taskbar clock is short, and read.
std::vector<bool> page_furniture(const std::vector<PixelRect>& lines, int width, int height);

/// The OCR lines of a capture: its text lines found (find_text_lines), an
/// article's running text (running_text) a table's body (table_body)
/// menus (menu_rows) and the
/// page's furniture (page_furniture) left out, a paragraph's opening read only as far as its
/// first words, the rest read together
/// (read_lines_together). A capture of other than one channel, or one where
/// no line is found, is read whole.
std::optional<OcrResult> read_capture_lines(const RasterImage& gray, Ocr& ocr);

}  // namespace evpack
