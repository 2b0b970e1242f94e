// The pages of a document set upright, whatever they were drawn from: a PDF page,
// a page scanned sideways, a sheet flattened out of a photo. Internal to src/inspect.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/core/raster.hpp"
#include "sheet_photo.hpp"

namespace evpack {

/// Orientation (EXIF numbering) of a page turned by another half turn: 1 and 3,
/// 6 and 8 swap.
int half_turned(int orientation);

/// The pages the verdicts are read from, each upright: a PDF page as drawn, a
/// page turned upright (scanned sideways or upside down), or a sheet cut out of a
/// photo and flattened. Positions are millimetres from the upright page's top-left
/// corner, so the letterhead, number line and 成文日期 are placed the same way on
/// all of them.
class UprightPages {
 public:
  explicit UprightPages(const PdfDocument* doc) : doc_(doc), count_(doc ? doc->page_count() : 0) {}
  /// A single page given as pixels (a photo's flattened sheet) at `px_per_mm`.
  UprightPages(RasterImage sheet, double px_per_mm) : count_(1) { set_sheet(0, std::move(sheet), px_per_mm); }

  int count() const { return count_; }
  const PdfDocument* pdf() const { return doc_; }
  /// Width and height in mm, upright.
  std::pair<double, double> size_mm(int page) const;
  int orientation(int page) const {
    const auto it = pages_.find(page);
    return it == pages_.end() ? 1 : it->second.orientation;
  }
  void set_orientation(int page, int orientation) {
    Page& p = pages_[page];
    if (p.orientation == orientation) return;
    p.orientation = orientation;
    p.turned = {};
  }
  /// The page is this picture (`px_per_mm`), not the PDF's drawing of it.
  void set_sheet(int page, RasterImage sheet, double px_per_mm) {
    Page& p = pages_[page];
    p.sheet = std::move(sheet);
    p.px_per_mm = px_per_mm;
    p.turned = {};
  }
  bool has_sheet(int page) const {
    const auto it = pages_.find(page);
    return it != pages_.end() && !it->second.sheet.empty();
  }
  /// Pixels per mm of the page's own picture (a sheet), 0 for PDF pages.
  double sheet_px_per_mm(int page) const {
    const auto it = pages_.find(page);
    return it == pages_.end() ? 0 : it->second.px_per_mm;
  }

  /// The PDF's pages are scans (pictures): each region is cut from one drawing
  /// of the whole page at the region's resolution, kept for the next regions,
  /// instead of poppler decoding the page's picture again for every region
  /// (90-160 ms each for a 300-dpi A4 scan, 6-8 regions a page).
  void set_scanned() { scanned_ = true; }

  /// The PDF's pages are photos of paper (`dpi`: their pictures' resolution):
  /// each page is the sheet found in its photo, flattened, when first used.
  void set_photographed(double dpi) { photo_dpi_ = dpi; }
  bool photographed() const { return photo_dpi_ > 0; }
  /// How the sheet of a photographed page was seen (after it was first used).
  const SheetView* sheet_view(int page) const {
    const auto it = pages_.find(page);
    return it == pages_.end() || !it->second.view ? nullptr : &*it->second.view;
  }

  /// The upright page, or the region `mm` of it, at `dpi` (BGR).
  std::optional<RasterImage> render(int page, double dpi, std::optional<PageRect> mm = std::nullopt) const;

 private:
  struct Page {
    std::optional<SheetView> view;  ///< photographed pages: the sheet as seen, once looked for
    int orientation = 1;
    RasterImage sheet;     ///< the page's own picture, when it replaces the PDF's drawing
    double px_per_mm = 0;  ///< of `sheet`
    RasterImage turned;    ///< `sheet` turned upright (cache)
  };
  /// A whole upright page drawn at `dpi` (scans only).
  struct Drawn {
    int page = 0;
    int orientation = 1;
    double dpi = 0;
    RasterImage image;
  };
  static bool turned_sideways(int orientation) { return orientation >= 5; }
  const RasterImage* drawn_page(int page, int orientation, double dpi) const;
  void flatten_photo(int page) const;
  std::optional<RasterImage> render_pdf_page(int page, int orientation, double dpi, std::optional<PageRect> mm) const;
  static std::optional<RasterImage> render_sheet(Page& p, double dpi, std::optional<PageRect> mm);

  const PdfDocument* doc_ = nullptr;
  int count_ = 0;
  double photo_dpi_ = 0;
  bool scanned_ = false;
  mutable std::map<int, Page> pages_;
  mutable std::vector<Drawn> drawn_;  ///< the last few whole pages drawn, newest last
};

}  // namespace evpack
