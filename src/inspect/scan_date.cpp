// The 成文日期 of a scan: the last lines on the right half of the last page (or
// the page before), read under the seal, the page turned when it must be.
#include "scan_reading.hpp"

#include <algorithm>

#include "evpack/inspect/document_inspector.hpp"
#include "evpack/inspect/ocr_repair.hpp"
#include "page_ink.hpp"

namespace evpack {
namespace {

/// Whether OCR text of a document's last lines shows a whole 成文日期.
bool has_issue_date(const std::string& text) { return issue_date_in(text).has_value(); }

RedInkOptions marks_ink() {
  RedInkOptions ink;
  ink.px_per_mm = kMarksDpi / 25.4;
  return ink;
}

/// The end: the last lines on the right half of a page, above the page number:
/// the signature and the 成文日期 under the seal. nullopt when the page holds no
/// such lines.
std::optional<PageRect> end_region(const UprightPages& pages, int page, const RasterImage& image) {
  const double px = kMarksDpi / 25.4;
  const auto [lw, lh] = pages.size_mm(page);
  auto tail = text_lines(image, px, lw * 0.45, lw - 10, 20, lh - 32);
  if (tail.empty()) return std::nullopt;
  const std::size_t first = tail.size() > 5 ? tail.size() - 5 : 0;
  double top = tail[first].box.y - 3;
  const double bottom = tail.back().box.y + tail.back().box.height + 3;
  for (const SealMark& s : find_round_seals(analyse_red_ink(image, marks_ink()), page + 1)) {
    if (s.box.y + s.box.height > top && s.box.y < bottom) top = std::min(top, s.box.y - 3);
  }
  return PageRect{lw * 0.38, top, lw * 0.62 - 8, bottom - top};
}

/// The signature and 成文日期 lines of `page` (`image`: it at kMarksDpi), read
/// again finer, with the light evened out, or (grayscale) the darkest ink only,
/// while no whole date comes out.
std::string read_end(UprightPages& pages, Ocr& ocr, bool grayscale, int page, const RasterImage& image) {
  const auto region = end_region(pages, page, image);
  if (!region) return {};
  const PageRect& end = *region;
  std::string read = repair_ocr_date(ocr_region(pages, ocr, page, end, {}));
  // The seal's ring crossing the date often costs a character (日 read as 晶, 15日
  // as 1器, 日 lost): a date not read whole is read once more, finer.
  if (!has_issue_date(read)) {
    std::string finer = repair_ocr_date(ocr_region(pages, ocr, page, end, {.dpi = kRetryOcrDpi}));
    if (has_issue_date(finer)) read = std::move(finer);
  }
  if (!has_issue_date(read) && pages.has_sheet(page)) {
    std::string even = repair_ocr_date(ocr_region(pages, ocr, page, end, {.even_light = true}));
    if (has_issue_date(even)) read = std::move(even);
  }
  // On a grayscale scan the seal is not dropped with the red: its ring is
  // binarised as ink and breaks the date. Black type is darker than the ring:
  // keeping only the darkest ink, the date reads whole. (Not on colour scans, where
  // the red is gone already: there it thinned a 5 into a 3, docset doc_0075.)
  // A date from this third reading is taken only when it is read the same at 200
  // and at 300 dpi: alone, it once read 2月11日 as 2月1日 (tune-2), and no date is
  // better than a wrong one.
  if (grayscale && !has_issue_date(read)) {
    std::string dark = repair_ocr_date(ocr_region(pages, ocr, page, end, {.darkest_ink = true}));
    if (const auto dark_date = issue_date_in(dark)) {
      const std::string finer =
          repair_ocr_date(ocr_region(pages, ocr, page, end, {.dpi = kRetryOcrDpi, .darkest_ink = true}));
      if (issue_date_in(finer) == dark_date) read = std::move(dark);
    }
  }
  return read;
}

/// The end of `page` read upright: turned a quarter when its type stands on end,
/// the other way up when it may be upside down and shows no date.
std::string read_page_end(UprightPages& pages, Ocr& ocr, const PageMarks& marks, bool grayscale, int first_turn,
                          int page) {
  const double px = kMarksDpi / 25.4;
  const RedInkOptions ink = marks_ink();
  auto image = pages.render(page, kMarksDpi);
  if (!image) return {};
  bool suspect = marks.turned;
  if (page != 0 || !marks.turned) {
    if (type_on_end(*image, px)) {
      pages.set_orientation(page, first_turn >= 5 ? first_turn : 6);
      image = pages.render(page, kMarksDpi);
      if (!image) return {};
      suspect = true;
    } else if (seal_above_text(*image, px, find_round_seals(analyse_red_ink(*image, ink), page + 1))) {
      suspect = true;
    }
  }
  std::string read = read_end(pages, ocr, grayscale, page, *image);
  if (has_issue_date(read) || !suspect) return read;
  const int kept = pages.orientation(page);
  pages.set_orientation(page, half_turned(kept));
  if (const auto other = pages.render(page, kMarksDpi)) {
    std::string turned = read_end(pages, ocr, grayscale, page, *other);
    if (has_issue_date(turned)) return turned;
  }
  pages.set_orientation(page, kept);
  return read;
}

}  // namespace

/// The whole 成文日期 OCR text of a document's last lines shows, if any.
std::optional<CivilDate> issue_date_in(const std::string& text) {
  DocumentFacts facts;
  read_document_text(text, facts);
  return facts.issue_date;
}

std::string read_issue_date_lines(UprightPages& pages, Ocr& ocr, const PageMarks& marks, bool grayscale) {
  const int last = pages.count() - 1;
  // A page after the first may be turned too (a stack scanned with sheets the
  // wrong way round): type on end turns it a quarter; one that may be upside down
  // (the document's first page was turned, or its seal stands above its text) is
  // read the other way up when it shows no date upright.
  const int first_turn = pages.orientation(0);
  std::string end = read_page_end(pages, ocr, marks, grayscale, first_turn, last);
  // A last page holding only the 版记 (抄送, "…办公室 2025年3月6日印发": the printing
  // date, not the 成文日期) leaves the date on the page before it, with the seal
  // (tune-1: this and the darkest-ink reading in read_end read the dates of the
  // four grayscale scans missed before).
  if (!has_issue_date(end) && last > 0) {
    int before = last - 1;
    if (!marks.seals.empty() && marks.seals.front().page - 1 < last) before = marks.seals.front().page - 1;
    std::string earlier = read_page_end(pages, ocr, marks, grayscale, first_turn, before);
    if (has_issue_date(earlier)) end = std::move(earlier);
  }
  return end;
}

}  // namespace evpack
