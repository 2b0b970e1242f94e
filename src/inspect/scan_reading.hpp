// Reading a scan or a photo of paper: OCR of the regions a reviewer reads (the
// letterhead band, the number line, the signature and 成文日期). Internal to
// src/inspect.
#pragma once

#include <optional>
#include <string>

#include "document_common.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/year_brackets.hpp"
#include "red_marks.hpp"
#include "upright_pages.hpp"

namespace evpack {

/// What an OCR region holds, which decides how Tesseract reads it.
enum class RegionText {
  Block,       ///< several lines (header band, signature and date)
  NumberLine,  ///< the number line: the lowest line of type in the crop, read as one line
  FirstLine,   ///< the highest line of type in the crop, read as one line (a number under the rule)
};

/// How a region is prepared for OCR.
struct RegionRead {
  double dpi = kOcrDpi;
  bool drop_red = true;  ///< red ink (seal, header) pushed to white
  RegionText what = RegionText::Block;
  bool erase_rules = false;                         ///< long thin rules erased (the separator under the number)
  std::optional<YearBrackets>* brackets = nullptr;  ///< out: the year brackets of a number line
  bool darkest_ink = false;                         ///< only the darkest ink kept (black type under a gray seal)
  bool even_light = false;                          ///< uneven light evened out first (photographed sheets)
};

/// The text OCR reads in the region `mm_rect` (mm, upright) of page `page`,
/// prepared as `how` says; empty when it cannot be rendered or read.
std::string ocr_region(const UprightPages& pages, Ocr& ocr, int page, PageRect mm_rect, const RegionRead& how);

/// The 成文日期 the OCR text of a document's last lines shows whole, if any.
std::optional<CivilDate> issue_date_in(const std::string& text);

/// The number line of page 1, found where `marks` place it (above or under the red
/// rule, under the letterhead type, or among the first lines), read and repaired;
/// empty when no place reads as a number. `brackets`: the year brackets its ink shows.
std::string read_number_line(UprightPages& pages, Ocr& ocr, const PageMarks& marks,
                             std::optional<YearBrackets>& brackets);

/// The own number read off a scan carries 〔〕 (normalise_ocr_brackets); its
/// brackets become the ones their ink shows, and its form is judged anew.
void apply_year_brackets(const YearBrackets& brackets, DocumentFacts& facts);

/// The signature and 成文日期 lines of the last page (or the page before it when
/// the last holds only the 版记), read under the seal; pages found turned are set
/// upright in `pages`.
std::string read_issue_date_lines(UprightPages& pages, Ocr& ocr, const PageMarks& marks, bool grayscale);

/// Number and 成文日期 of scanned or photographed pages, read by OCR of the
/// regions `marks` places, into `facts`; the text read goes to `text`.
void read_scanned_pages(UprightPages& pages, const PageMarks& marks, Ocr* ocr, const InspectOptions& options,
                        DocumentFacts& facts, std::string& text);

}  // namespace evpack
