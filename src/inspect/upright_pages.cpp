// Pages set upright: PDF pages drawn turned, sheets flattened out of photos.
#include "upright_pages.hpp"

#include <algorithm>
#include <cmath>

#include "document_common.hpp"
#include "evpack/adapters/image_ops.hpp"

namespace evpack {

int half_turned(int orientation) {
  switch (orientation) {
    case 1: return 3;
    case 3: return 1;
    case 6: return 8;
    case 8: return 6;
    default: return orientation;
  }
}

std::pair<double, double> UprightPages::size_mm(int page) const {
  double w = 0;
  double h = 0;
  const auto it = pages_.find(page);
  if (it != pages_.end() && !it->second.sheet.empty()) {
    w = it->second.sheet.width / it->second.px_per_mm;
    h = it->second.sheet.height / it->second.px_per_mm;
  } else if (doc_) {
    const PageRect size = doc_->page_size(page);
    w = size.width * kMmPerPt;
    h = size.height * kMmPerPt;
  }
  return turned_sideways(orientation(page)) ? std::pair{h, w} : std::pair{w, h};
}

std::optional<RasterImage> UprightPages::render(int page, double dpi, std::optional<PageRect> mm) const {
  if (page < 0 || page >= count_) return std::nullopt;
  if (photographed() && !pages_[page].view) flatten_photo(page);
  const auto it = pages_.find(page);
  if (it == pages_.end() || it->second.sheet.empty()) {
    if (!doc_) return std::nullopt;
    return render_pdf_page(page, it == pages_.end() ? 1 : it->second.orientation, dpi, mm);
  }
  return render_sheet(it->second, dpi, mm);
}

namespace {

// Whole pages kept drawn: the first and the last page at the two resolutions the
// checks ask for (60 dpi marks, 200 dpi reading); a 200-dpi A4 page is 11.6 MB.
constexpr std::size_t kDrawnPages = 3;
// Finer requests (second readings of one line at 300 dpi) are small regions, not
// worth a whole page (26 MB at 300 dpi).
constexpr double kMaxDrawnDpi = 200;

}  // namespace

const RasterImage* UprightPages::drawn_page(int page, int orientation, double dpi) const {
  for (const Drawn& d : drawn_) {
    if (d.page == page && d.orientation == orientation && d.dpi == dpi) return &d.image;
  }
  auto image = doc_->render(page, dpi, std::nullopt);
  if (!image) return nullptr;
  if (drawn_.size() >= kDrawnPages) drawn_.erase(drawn_.begin());
  drawn_.push_back({page, orientation, dpi, apply_orientation(std::move(image.value()), orientation)});
  return &drawn_.back().image;
}

std::optional<RasterImage> UprightPages::render_pdf_page(int page, int orientation, double dpi,
                                                         std::optional<PageRect> mm) const {
  if (scanned_ && dpi <= kMaxDrawnDpi) {
    if (const RasterImage* whole = drawn_page(page, orientation, dpi)) {
      if (!mm) return *whole;
      const double px_per_mm = dpi / 25.4;
      const int x = static_cast<int>(std::floor(mm->x * px_per_mm));
      const int y = static_cast<int>(std::floor(mm->y * px_per_mm));
      RasterImage region = crop(*whole, {x, y, static_cast<int>(std::ceil(mm->width * px_per_mm)),
                                         static_cast<int>(std::ceil(mm->height * px_per_mm))});
      if (region.empty()) return std::nullopt;
      return region;
    }
    // A page too large to draw whole is still drawn region by region.
  }
  // A PDF page, turned or not: the region is drawn from where it lies on the
  // unturned page and turned after (drawing the whole page and cutting it would
  // cost a full-page render per region).
  std::optional<PageRect> pt;
  if (mm) {
    const PageRect size = doc_->page_size(page);
    const double raw_w = size.width * kMmPerPt;
    const double raw_h = size.height * kMmPerPt;
    PageRect raw = *mm;
    switch (orientation) {
      case 3: raw = {raw_w - mm->x - mm->width, raw_h - mm->y - mm->height, mm->width, mm->height}; break;
      case 6: raw = {mm->y, raw_h - mm->x - mm->width, mm->height, mm->width}; break;
      case 8: raw = {raw_w - mm->y - mm->height, mm->x, mm->height, mm->width}; break;
      default: break;
    }
    pt = PageRect{raw.x / kMmPerPt, raw.y / kMmPerPt, raw.width / kMmPerPt, raw.height / kMmPerPt};
  }
  auto image = doc_->render(page, dpi, pt);
  if (!image) return std::nullopt;
  return apply_orientation(std::move(image.value()), orientation);
}

std::optional<RasterImage> UprightPages::render_sheet(Page& p, double dpi, std::optional<PageRect> mm) {
  // A sheet cut out of a photo: turned once, then cut and scaled.
  if (p.turned.empty()) p.turned = apply_orientation(p.sheet, p.orientation);
  const RasterImage* whole = &p.turned;
  const double px_per_mm = p.px_per_mm;
  RasterImage out = *whole;
  if (mm) {
    const PixelRect px{static_cast<int>(std::floor(mm->x * px_per_mm)), static_cast<int>(std::floor(mm->y * px_per_mm)),
                       static_cast<int>(std::ceil(mm->width * px_per_mm)),
                       static_cast<int>(std::ceil(mm->height * px_per_mm))};
    out = crop(*whole, px);
    if (out.empty()) return std::nullopt;
  }
  const double scale = dpi / 25.4 / px_per_mm;
  if (std::abs(scale - 1) > 0.02) {
    out = resize(out, std::max(1, static_cast<int>(std::lround(out.width * scale))),
                 std::max(1, static_cast<int>(std::lround(out.height * scale))));
    if (out.empty()) return std::nullopt;
  }
  return out;
}

void UprightPages::flatten_photo(int page) const {
  Page& p = pages_[page];
  p.view = SheetView{};
  if (!doc_) return;
  // The photo at its own resolution (a finer render only interpolates), capped:
  // a 12-megapixel photo of an A4 sheet holds about 300 dpi of paper.
  auto photo = doc_->render(page, std::min(photo_dpi_, kMaxPhotoDpi));
  if (!photo) return;
  auto [sheet, view] = sheet_of_photo(*photo);
  p.view = view;
  if (!sheet.empty()) {
    p.sheet = std::move(sheet);
    p.px_per_mm = view.px_per_mm;
  }
}

}  // namespace evpack
