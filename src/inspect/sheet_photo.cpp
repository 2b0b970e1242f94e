// Photos of paper: the sheet in the photo found, flattened and judged.
#include "sheet_photo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "document_common.hpp"
#include "evpack/adapters/sheet.hpp"

namespace evpack {
namespace {

// A sheet whose sides are in a paper's proportion within this (A4 1.414; a
// perspective view of a sheet lying flat measured 1.30-1.52 in the tune sets'
// phone photos).
constexpr double kSheetRatioMin = 1.2;
constexpr double kSheetRatioMax = 1.7;
// A sheet whose near side is more than this many times its far side is seen too
// obliquely: its far part is foreshortened beyond what a scan would show.
constexpr double kMaxForeshortening = 1.5;
// A photo of a sheet (rather than of an event) shows the sheet over at least this
// share of the frame (a sign-in sheet photographed to be read fills 35-70 %).
constexpr double kWholeSheetShare = 0.3;
// The edge of a flattened sheet whitened (type keeps 20 mm and more from the edge).
constexpr double kSheetEdgeMm = 4;

double distance(const PixelPoint& a, const PixelPoint& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// A scanner's page has the paper's proportions (A4, A3, B5, 16开: long side 1.38-1.42
// times the short one); a phone photo of paper saved as a PDF page has the
// photo's (4:3 = 1.33, 16:9 = 1.78).
constexpr double kPaperRatio = 1.4142;
constexpr double kPaperRatioSlack = 0.03;

/// Why a photographed sheet cannot show that a letterhead or seal is missing: the
/// sheet was not found whole, is too coarse or too oblique, or (a sheet seen well)
/// its colours depend on the light. A photo never proves a missing mark: in the tune
/// sets a well-seen sheet (whole, 150 dpi, square) lost its seal's red to the light.
std::string photo_doubt(const SheetView* view) {
  if (!view || !view->found) return "翻拍照片中未找到完整的纸张（纸张边缘不清或与背景分不开）";
  if (view->cut_off) return "翻拍照片中纸张不完整（被照片边缘截断）";
  if (view->dpi < kMinScanDpi) {
    return "翻拍照片中纸张的分辨率过低（约" + std::to_string(static_cast<int>(std::lround(view->dpi))) + " dpi）";
  }
  if (view->foreshortening > kMaxForeshortening) return "翻拍照片拍摄角度过斜，纸张远端变形过大";
  return "翻拍照片的颜色受光线和阴影影响，不能据此认定";
}

}  // namespace

/// The sheet of paper in a photo, flattened to A4 proportions (portrait or, when
/// the photo was taken sideways, landscape: the page is turned later like a
/// sideways scan), and how it was seen. An empty picture when no sheet was found.
std::pair<RasterImage, SheetView> sheet_of_photo(const RasterImage& photo) {
  SheetView view;
  const auto outline = find_sheet(photo);
  if (!outline) return {RasterImage{}, view};
  const auto& c = outline->corners;
  const double top = distance(c[0], c[1]);
  const double bottom = distance(c[3], c[2]);
  const double left = distance(c[0], c[3]);
  const double right = distance(c[1], c[2]);
  const double across = std::max(top, bottom);
  const double down = std::max(left, right);
  if (std::min({top, bottom, left, right}) < 16) return {RasterImage{}, view};
  const double ratio = std::max(across, down) / std::min(across, down);
  if (ratio < kSheetRatioMin || ratio > kSheetRatioMax) return {RasterImage{}, view};
  view.found = true;
  view.cut_off = outline->touches_border;
  view.foreshortening =
      std::max(std::max(top, bottom) / std::min(top, bottom), std::max(left, right) / std::min(left, right));
  const bool portrait = down >= across;
  // The short side is the sheet's 210 mm; its coarser end sets the resolution.
  const double short_px = portrait ? std::min(top, bottom) : std::min(left, right);
  view.dpi = short_px / 210 * 25.4;
  view.px_per_mm = (portrait ? across : down) / 210;
  const int short_side = static_cast<int>(std::lround(210 * view.px_per_mm));
  const int long_side = static_cast<int>(std::lround(297 * view.px_per_mm));
  RasterImage flat = flatten_sheet(photo, c, portrait ? short_side : long_side, portrait ? long_side : short_side);
  if (flat.empty()) view.found = false;
  // The outline found may hold a sliver of the desk along the paper's edge (a
  // brown desk measures as red ink: it was taken for a red rule along the top).
  // A margin of paper this wide holds nothing a reviewer reads: it is whitened.
  const int inset = static_cast<int>(std::lround(kSheetEdgeMm * view.px_per_mm));
  if (!flat.empty() && inset > 0) {
    const std::size_t c3 = static_cast<std::size_t>(flat.channels);
    for (int y = 0; y < flat.height; ++y) {
      for (int x = 0; x < flat.width; ++x) {
        if (y >= inset && y < flat.height - inset && x >= inset && x < flat.width - inset) {
          x = flat.width - inset - 1;
          continue;
        }
        std::uint8_t* p = flat.pixels.data() + (static_cast<std::size_t>(y) * flat.width + x) * c3;
        std::fill(p, p + c3, 255);
      }
    }
  }
  return {std::move(flat), view};
}

bool shows_whole_sheet(const RasterImage& photo) {
  const auto outline = find_sheet(photo, kWholeSheetShare);
  if (!outline || outline->touches_border) return false;
  const auto& c = outline->corners;
  const double across = std::max(distance(c[0], c[1]), distance(c[3], c[2]));
  const double down = std::max(distance(c[0], c[3]), distance(c[1], c[2]));
  if (std::min(across, down) < 16) return false;
  const double ratio = std::max(across, down) / std::min(across, down);
  return ratio >= kSheetRatioMin && ratio <= kSheetRatioMax;
}

/// Whether a page has a photo's proportions rather than paper's: a phone photo of
/// a sheet saved as a PDF page (the sheet lies somewhere in it, at some angle).
bool photo_shaped(const PageRect& page) {
  if (page.width <= 0 || page.height <= 0) return false;
  const double ratio = std::max(page.width, page.height) / std::min(page.width, page.height);
  return std::abs(ratio / kPaperRatio - 1) > kPaperRatioSlack;
}

/// Letterhead and seal verdicts of a photo of paper: never "absent" (photo_doubt
/// says why: the first page's sheet for the letterhead, the first page looked at
/// that was seen worst for the seal), but "cannot verify" and what to submit.
void judge_photographed(const std::vector<const SheetView*>& views, DocumentFacts& facts) {
  const std::string instead = "；请提交原件的彩色扫描件，或正对纸张、光线均匀地重新拍摄完整页面";
  if (facts.letterhead.state == Presence::Absent) {
    facts.letterhead = {Presence::CannotVerify, 0.3,
                        photo_doubt(views.empty() ? nullptr : views.front()) + "，无法确认缺少红头" + instead};
  }
  if (facts.seal.state == Presence::Absent) {
    // The first sheet not seen whole, fine and square, else the general doubt.
    const SheetView* worst = views.empty() ? nullptr : views.front();
    for (const SheetView* v : views) {
      if (!v || !v->found || v->cut_off || v->dpi < kMinScanDpi || v->foreshortening > kMaxForeshortening) {
        worst = v;
        break;
      }
    }
    facts.seal = {Presence::CannotVerify, 0.3, photo_doubt(worst) + "，无法确认缺少公章" + instead};
  }
}

}  // namespace evpack
