// Screen captures (web pages, apps, query systems): the date a capture stands for,
// and for a credit query (indicator 4.4) which of its four required fields it shows.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/core/types.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// What a capture says.
struct ScreenReading {
  std::string text;               ///< the OCR lines, top to bottom, joined with '\n'
  std::optional<CivilDate> date;  ///< the date it stands for: publication or query date
  bool credit_query = false;      ///< it shows the result of a credit query or report
  /// Credit queries only: the fields of kQueryFieldNames it shows, in that order.
  std::vector<std::string> query_fields;
};

/// Reads the OCR lines of a whole capture. Fields are found by what their labels
/// mean (a head noun such as 时间/事项/主体/结果 and its qualifier), with the value
/// after the colon, to the right of the label, under it (phone layout) or in the
/// column under a header row; a subject shown only as the page's heading (信用中国,
/// 国家企业信用信息公示系统) is recognised by its shape. A field counts only with a
/// value of its kind (a query time needs a date). Never fails.
ScreenReading read_screen(const std::vector<OcrLine>& lines);

/// The boxes of the text lines of a one-channel capture, top to bottom, found
/// from the jumps of grey level along its rows (no OCR; screen_layout.cpp).
/// Pictures (boxes taller than any type) and specks are left out.
std::vector<PixelRect> find_text_lines(const RasterImage& gray);

/// OCR of the capture (gray, longer side as the photo inspector prepared it): its
/// text lines found by find_text_lines, an article's running text left out, the
/// rest read together in one block; then read_screen. nullopt when the OCR fails.
std::optional<ScreenReading> read_screenshot(const RasterImage& gray, Ocr& ocr);

/// QUERY_FIELDS_MISSING (warning) naming the fields a credit-query capture lacks;
/// nullopt when it is not a credit query or shows all four.
std::optional<Finding> query_fields_finding(const ScreenReading& reading, const FileRecord& record);

}  // namespace evpack
