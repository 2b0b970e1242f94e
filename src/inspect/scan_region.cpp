// The scan path: regions of an upright page prepared and read by OCR, and the
// regions a reviewer reads put together for read_document_text.
#include "scan_reading.hpp"

#include <algorithm>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/document_inspector.hpp"
#include "evpack/inspect/ocr_repair.hpp"
#include "page_ink.hpp"

namespace evpack {
namespace {

/// OCR of the few regions a reviewer reads on a scan, placed from what the
/// low-resolution look found: the letterhead band, the number line above the red
/// rule (or under it, or under the tallest type, or the first lines of the page),
/// and the last lines of the last page (signature and 成文日期, under the seal).
/// Pages found turned are set upright in `pages`. Returns text in reading order for
/// read_document_text.
std::string ocr_key_regions(UprightPages& pages, Ocr& ocr, const PageMarks& marks, bool grayscale,
                            std::optional<YearBrackets>& brackets) {
  const auto [w, h] = pages.size_mm(0);
  std::string text;
  if (w <= 0 || h <= 0) return text;
  // Header: large type, read as it is (a red header must not drop out).
  if (marks.band) {
    const MmRect& b = *marks.band;
    text += ocr_region(pages, ocr, 0, {b.x - 3, b.y - 3, b.width + 6, b.height + 6}, {.dpi = 100, .drop_red = false}) +
            "\n";
  }
  text += read_number_line(pages, ocr, marks, brackets);
  text += read_issue_date_lines(pages, ocr, marks, grayscale);
  return text;
}

}  // namespace

std::string ocr_region(const UprightPages& pages, Ocr& ocr, int page, PageRect mm_rect, const RegionRead& how) {
  const double dpi = how.dpi;
  if (mm_rect.width <= 0 || mm_rect.height <= 0) return {};
  auto image = pages.render(page, dpi, mm_rect);
  if (!image) return {};
  RasterImage prepared = how.drop_red ? red_dropout(*image) : *image;
  // A gray separator rule under the number (a gray scan, or a tilted page) makes
  // Tesseract read nothing on the line: it goes before OCR.
  if (how.erase_rules) prepared = erase_long_rules(prepared, dpi / 25.4);
  // A page scanned at a slant (up to 3°) puts one end of a line a few mm above the
  // other: Tesseract reads a level line far better.
  OcrLayout layout = OcrLayout::Uniform;
  if (prepared.channels == 1) {
    // A photographed sheet is lit unevenly (fall-off, the phone's shadow): Otsu
    // over such a line blackened its shaded end (tune-1's phone photos).
    if (how.even_light) prepared = even_out_light(prepared, static_cast<int>(dpi / 25.4 * 12));
    prepared = how.darkest_ink ? binarize_darkest_ink(level_text(prepared)) : binarize(level_text(prepared));
    // Read as a block, a number line with wide gaps ("临交字  〔2025〕75号", 签发人 at
    // the right) comes back as two lines in the wrong order: cut out the line and
    // read it as one.
    if (how.what == RegionText::NumberLine || how.what == RegionText::FirstLine) {
      if (const auto band = lowest_text_band(prepared, dpi / 25.4, how.what == RegionText::FirstLine)) {
        const int pad = static_cast<int>(dpi / 25.4);
        const int top = std::max(0, band->first - pad);
        const int bottom = std::min(prepared.height, band->second + pad);
        prepared = crop(prepared, {0, top, prepared.width, bottom - top});
        layout = OcrLayout::SingleLine;
      }
    }
    prepared = frame_in_white(prepared, static_cast<int>(dpi / 25.4 * 3));
  }
  auto result = ocr.recognize(prepared, layout);
  if (!result) return {};
  if (how.brackets && prepared.channels == 1) {
    for (const auto& line : result->lines) {
      if ((*how.brackets = year_brackets(prepared, line.symbols))) break;
    }
  }
  return result->text();
}

/// Number and 成文日期 of scanned or photographed pages, read by OCR of the
/// regions `marks` places, into `facts`; the text read goes to `text`.
void read_scanned_pages(UprightPages& pages, const PageMarks& marks, Ocr* ocr, const InspectOptions& options,
                        DocumentFacts& facts, std::string& text) {
  if (!ocr || !options.ocr) {
    facts.number = {Presence::CannotVerify, 0.0, "扫描件且未启用文字识别，无法核对发文字号"};
    return;
  }
  std::optional<YearBrackets> brackets;
  std::string ocr_text = normalise_ocr_brackets(ocr_key_regions(pages, *ocr, marks, !facts.colour_known, brackets));
  read_document_text(ocr_text, facts);
  text = std::move(ocr_text);
  if (facts.own_number && brackets) apply_year_brackets(*brackets, facts);
  facts.number =
      facts.own_number
          ? Verdict{Presence::Present, 0.7,
                    "扫描件识别出发文字号“" + facts.own_number->text + "”（" + scan_bracket_note(facts) + "）"}
          : Verdict{Presence::CannotVerify, 0.4, "扫描件中未能识别出发文字号，需人工核对"};
}

}  // namespace evpack
