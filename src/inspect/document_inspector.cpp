// Document inspection from text: the text layer of a PDF, or OCR of the regions
// that matter on a scan. Colour checks (red letterhead, red seal) are separate.
#include "evpack/inspect/document_inspector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string_view>

#include "evpack/adapters/docx_reader.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/red_ink.hpp"
#include "evpack/adapters/sheet.hpp"
#include "evpack/inspect/ocr_repair.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/document_marks.hpp"
#include "evpack/inspect/doc_number.hpp"
#include "evpack/inspect/year_brackets.hpp"
#include "evpack/util/deadline.hpp"
#include "evpack/util/text.hpp"

namespace evpack {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string squeeze(const std::string& line) {
  // Letter-spaced headers ("青 石 县 交 通 运 输 局 文 件") and OCR output.
  std::string out;
  for (const auto& ch : split_utf8_chars(line)) {
    if (ch != " " && ch != "\t" && ch != "\u3000" && ch != "\f") out += ch;
  }
  return out;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// A 发文机关标志: "XX局文件", "XX委员会文件", "XX人民政府办公室" ... short, near the top.
bool looks_like_letterhead(const std::string& line) {
  const std::size_t n = utf8_length(line);
  if (n < 4 || n > 40) return false;
  if (ends_with(line, "文件")) return true;
  static constexpr std::string_view kOrgs[] = {"局", "委员会", "人民政府", "办公室", "领导小组", "中心", "厅", "委"};
  for (const auto org : kOrgs) {
    if (ends_with(line, org)) return true;
  }
  return false;
}

constexpr std::string_view kTitleTails[] = {"通知", "方案", "意见", "办法", "制度", "规定", "决定", "报告",
                                            "请示", "纪要", "规则", "细则", "计划", "要点", "总结", "函", "批复"};

bool ends_like_title(const std::string& line) {
  for (const auto tail : kTitleTails) {
    if (ends_with(line, tail)) return true;
  }
  return false;
}

/// Share of characters that look like real text (Han, ASCII printable, CJK punctuation).
double text_quality(const std::string& text) {
  std::size_t good = 0;
  std::size_t total = 0;
  for (const auto& ch : split_utf8_chars(text)) {
    if (ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\f") continue;
    ++total;
    if (ch.size() == 1) {
      if (ch[0] >= 0x21 && ch[0] <= 0x7E) ++good;
    } else if (ch.size() == 3) {
      const auto b0 = static_cast<unsigned char>(ch[0]);
      // U+3000..U+9FFF (CJK punctuation, kana, Han) and U+FF00..U+FFEF (full-width forms).
      if ((b0 >= 0xE3 && b0 <= 0xE9) || (b0 == 0xEF && static_cast<unsigned char>(ch[1]) >= 0xBC)) ++good;
      if (b0 == 0xE2) ++good;  // general punctuation: “”—…
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(good) / static_cast<double>(total);
}

std::size_t visible_chars(const std::string& text) {
  std::size_t n = 0;
  for (const auto& ch : split_utf8_chars(text)) {
    if (ch != " " && ch != "\n" && ch != "\t" && ch != "\r" && ch != "\f" && ch != "\u3000") ++n;
  }
  return n;
}

Finding doc_finding(const FileRecord& record, std::string code, Severity severity, DeductionRole role,
                    std::string message, std::string advice) {
  return {std::move(code), severity, "", record.rel_path, "", std::move(message), std::move(advice), role};
}

// Resolution of the colour analysis: a 42 mm seal is ~100 px, a 0.5 mm rule ~1 px.
constexpr double kMarksDpi = 60;
// A photo looked at as a possible page of a document is decoded with at least this
// shorter side (a JPEG is reduced by 1/2, 1/4 or 1/8 only down to it): an A4 sheet
// across three quarters of it keeps about 150 dpi.
constexpr int kImageDocumentShortSide = 1800;
// A flattened sheet with fewer lines of type than this (crossing a strip down its
// middle, parted by paper) is not taken for a page of a document (a page of 3号
// type holds 22).
constexpr int kMinPageLines = 5;
// The letterhead and its rule lie in the upper half of the first page.
constexpr double kHeadZoneMm = 150;
// Pages searched for a seal (the last pages first, where seals are): enough for a
// document with attachments, bounded for a 2,000-page scan.
constexpr int kMaxSealPages = 40;
constexpr double kMmPerPt = 25.4 / 72;
// Below this resolution a scan or photo of paper does not show a letterhead or a
// seal reliably enough to call them absent (measured on the red-header documents
// of the docset rasterised at 30-100 dpi, docs/ARCHITECTURE.md): their verdicts
// become "cannot verify" instead.
constexpr double kMinScanDpi = 100;
// A page whose text boxes mostly have no ink under them was not drawn (its fonts
// failed): on a page drawn right nearly every box has ink, on one whose fonts
// failed none has.
constexpr double kMinInkedTextShare = 0.5;
// Fewer text boxes than this say too little (a page number, an invisible word).
constexpr std::size_t kMinTextBoxesForInk = 8;

/// Share of the text boxes of a page that have ink under them in its render at
/// `dpi` (any pixel clearly darker than paper or coloured); nullopt when the page
/// has too few boxes to tell.
std::optional<double> inked_text_share(const std::vector<PageTextBox>& boxes, const RasterImage& image, double dpi) {
  if (image.empty() || image.channels != 3 || boxes.size() < kMinTextBoxesForInk) return std::nullopt;
  const double scale = dpi / 72.0;
  std::size_t counted = 0;
  std::size_t inked = 0;
  for (const PageTextBox& b : boxes) {
    const int x0 = std::clamp(static_cast<int>(b.box.x * scale), 0, image.width);
    const int y0 = std::clamp(static_cast<int>(b.box.y * scale), 0, image.height);
    const int x1 = std::clamp(static_cast<int>(std::ceil((b.box.x + b.box.width) * scale)), 0, image.width);
    const int y1 = std::clamp(static_cast<int>(std::ceil((b.box.y + b.box.height) * scale)), 0, image.height);
    if (x1 <= x0 || y1 <= y0) continue;
    ++counted;
    bool ink = false;
    for (int y = y0; y < y1 && !ink; ++y) {
      const std::uint8_t* row = image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x0) * 3;
      for (int x = x0; x < x1; ++x, row += 3) {
        const int lo = std::min({row[0], row[1], row[2]});
        const int hi = std::max({row[0], row[1], row[2]});
        if (lo < 160 || hi - lo > 60) {
          ink = true;
          break;
        }
      }
    }
    inked += ink ? 1 : 0;
  }
  if (counted < kMinTextBoxesForInk) return std::nullopt;
  return static_cast<double>(inked) / static_cast<double>(counted);
}

/// Pages whose text this machine did not draw (fonts not embedded and not
/// available here, encoding data missing), and the fonts concerned.
struct FontTrouble {
  std::vector<int> pages;          ///< 1-based
  std::vector<std::string> fonts;  ///< names, each once
  bool text_lost = false;          ///< the text itself could not be decoded (no text layer came out)
  bool on_page(int page) const { return std::find(pages.begin(), pages.end(), page) != pages.end(); }
  bool any() const { return !pages.empty(); }
};

/// Looks at the fonts of the pages the verdicts rest on (`page_images`: index and
/// its render at `dpi`).
FontTrouble check_fonts(const PdfDocument& doc, const std::vector<std::pair<int, const RasterImage*>>& page_images,
                        double dpi, bool has_text_layer) {
  FontTrouble trouble;
  for (const auto& [index, image] : page_images) {
    if (trouble.on_page(index + 1)) continue;
    const PageFonts fonts = doc.page_fonts(index);
    bool bad = fonts.text_failed || !fonts.undrawn.empty();
    // Whatever the library says of the fonts it had to find: text whose boxes show
    // no ink was not drawn. (Embedded fonts are drawn from the file itself: their
    // pages skip this, and text PDFs stay fast.)
    if (!bad && image && !fonts.not_embedded.empty()) {
      const auto share = inked_text_share(doc.text_boxes(index), *image, dpi);
      bad = share && *share < kMinInkedTextShare;
    }
    if (!bad) continue;
    trouble.pages.push_back(index + 1);
    // Text that came out of the text layer was decoded, whatever failed in drawing it.
    trouble.text_lost = trouble.text_lost || (fonts.text_failed && !has_text_layer);
    const auto& names = fonts.undrawn.empty() ? fonts.not_embedded : fonts.undrawn;
    for (const auto& name : names) {
      if (std::find(trouble.fonts.begin(), trouble.fonts.end(), name) == trouble.fonts.end()) {
        trouble.fonts.push_back(name);
      }
    }
  }
  return trouble;
}

std::string font_names(const FontTrouble& trouble) {
  std::string out;
  for (std::size_t i = 0; i < trouble.fonts.size() && i < 3; ++i) out += (i ? "、" : "") + trouble.fonts[i];
  return out.empty() ? "" : "（" + out + "）";
}

// A photo of paper is rendered at most this fine to find and flatten its sheet.
constexpr double kMaxPhotoDpi = 300;
// A sheet whose sides are in a paper's proportion within this (A4 1.414; a
// perspective view of a sheet lying flat measured 1.30-1.52 in the tune sets'
// phone photos).
constexpr double kSheetRatioMin = 1.2;
constexpr double kSheetRatioMax = 1.7;
// A sheet whose near side is more than this many times its far side is seen too
// obliquely: its far part is foreshortened beyond what a scan would show.
constexpr double kMaxForeshortening = 1.5;
// The edge of a flattened sheet whitened (type keeps 20 mm and more from the edge).
constexpr double kSheetEdgeMm = 4;

/// How the sheet of paper in a photo was seen.
struct SheetView {
  bool found = false;         ///< a four-sided sheet in a paper's proportion
  bool cut_off = false;       ///< it touches the photo's border
  double dpi = 0;             ///< resolution of the paper along its coarsest side
  double foreshortening = 1;  ///< longest / shortest of its opposite sides
  double px_per_mm = 0;       ///< of the flattened sheet
};

double distance(const PixelPoint& a, const PixelPoint& b) { return std::hypot(a.x - b.x, a.y - b.y); }

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
  view.foreshortening = std::max(std::max(top, bottom) / std::min(top, bottom), std::max(left, right) / std::min(left, right));
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

/// Orientation (EXIF numbering) of a page turned by another half turn: 1 and 3,
/// 6 and 8 swap.
int half_turned(int orientation) {
  switch (orientation) {
    case 1: return 3;
    case 3: return 1;
    case 6: return 8;
    case 8: return 6;
    default: return orientation;
  }
}

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
  std::pair<double, double> size_mm(int page) const {
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
  std::optional<RasterImage> render(int page, double dpi, std::optional<PageRect> mm = std::nullopt) const {
    if (page < 0 || page >= count_) return std::nullopt;
    if (photographed() && !pages_[page].view) flatten_photo(page);
    const auto it = pages_.find(page);
    if (it == pages_.end() || it->second.sheet.empty()) {
      if (!doc_) return std::nullopt;
      // A PDF page, turned or not: the region is drawn from where it lies on the
      // unturned page and turned after (drawing the whole page and cutting it would
      // cost a full-page render per region).
      const int orientation = it == pages_.end() ? 1 : it->second.orientation;
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
    Page& p = it->second;
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

 private:
  static bool turned_sideways(int orientation) { return orientation >= 5; }
  void flatten_photo(int page) const {
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
  struct Page {
    std::optional<SheetView> view;  ///< photographed pages: the sheet as seen, once looked for
    int orientation = 1;
    RasterImage sheet;       ///< the page's own picture, when it replaces the PDF's drawing
    double px_per_mm = 0;    ///< of `sheet`
    RasterImage turned;      ///< `sheet` turned upright (cache)
  };
  const PdfDocument* doc_ = nullptr;
  int count_ = 0;
  double photo_dpi_ = 0;
  mutable std::map<int, Page> pages_;
};

/// What the low-resolution look at the pages found, reused to place OCR regions.
struct PageMarks {
  std::optional<MmRect> band;   ///< red letterhead, page 1
  std::optional<MmRect> rule;   ///< red rule, page 1
  std::vector<SealMark> seals;
  RasterImage first;            ///< page 1 at kMarksDpi
  RasterImage last;             ///< last page at kMarksDpi
  bool turned = false;          ///< page 1's letterhead was found only with the page turned
};

/// The red ink of a page's upper part, where a letterhead and its rule stand.
RedInkReport head_zone(const RedInkReport& page) {
  RedInkReport top;
  top.colour = page.colour;
  for (const auto& m : page.marks) {
    if (m.box.y < kHeadZoneMm) top.marks.push_back(m);
  }
  for (const auto& r : page.rules) {
    if (r.box.y < kHeadZoneMm) top.rules.push_back(r);
  }
  return top;
}

/// Red letterhead and red seal, from pages rendered at low resolution. A first
/// page whose letterhead is found only turned is set upright in `pages`.
PageMarks check_red_marks(UprightPages& pages, bool has_text_layer, DocumentFacts& facts) {
  PageMarks marks;
  const int count = pages.count();
  RedInkOptions ink;
  ink.px_per_mm = kMarksDpi / 25.4;
  bool colour_seen = has_text_layer;  // born-digital: black is black
  bool rendered_any = false;
  std::vector<SealMark> seals;
  int checked = 0;
  std::optional<LetterheadJudgement> head;
  // Page order: the first (letterhead), then the last backwards (seals sit at the end).
  std::vector<int> order;
  if (count > 0) order.push_back(0);
  for (int i = count - 1; i > 0 && static_cast<int>(order.size()) < kMaxSealPages; --i) order.push_back(i);
  for (const int index : order) {
    auto image = pages.render(index, kMarksDpi);
    if (!image) continue;
    rendered_any = true;
    ++checked;
    const RedInkReport report = analyse_red_ink(*image, ink);
    if (index == 0) marks.first = *image;
    if (index == count - 1) marks.last = *image;
    colour_seen = colour_seen || report.colour;
    if (index == 0) {
      head = judge_letterhead(head_zone(report), pages.size_mm(0).first, true, facts.letterhead_text);
      marks.band = head->band;
      marks.rule = head->rule;
      // A page scanned or photographed sideways (or upside down) holds its
      // letterhead along another edge: turned upright, it is found, and the page
      // is read turned from then on (number line, 成文日期).
      if (head->verdict.state == Presence::Absent && !has_text_layer) {
        for (const int orientation : {6, 8, 3}) {
          RasterImage turned = apply_orientation(*image, orientation);
          const double width_mm = turned.width / ink.px_per_mm;
          auto upright = judge_letterhead(head_zone(analyse_red_ink(turned, ink)), width_mm, true, facts.letterhead_text);
          if (upright.verdict.state != Presence::Present) continue;
          upright.verdict.reason += "（页面方向不正，转正后判断）";
          head = std::move(upright);
          marks.band = head->band;
          marks.rule = head->rule;
          marks.turned = true;
          pages.set_orientation(0, orientation);
          marks.first = std::move(turned);
          if (count == 1) marks.last = marks.first;
          break;
        }
      }
    }
    auto found = find_round_seals(report, index + 1);
    seals.insert(seals.end(), found.begin(), found.end());
    if (!seals.empty() && seals.front().confidence >= 0.8 && index != 0) break;
  }
  std::stable_sort(seals.begin(), seals.end(),
                   [](const SealMark& a, const SealMark& b) { return a.confidence > b.confidence; });
  if (!rendered_any) {
    facts.letterhead = {Presence::CannotVerify, 0.0, "页面无法渲染，未能检查红头"};
    facts.seal = {Presence::CannotVerify, 0.0, "页面无法渲染，未能检查公章"};
    return marks;
  }
  facts.colour_known = colour_seen;
  if (head) {
    if (!colour_seen && head->verdict.state == Presence::Absent) {
      head = judge_letterhead(RedInkReport{}, pages.size_mm(0).first, false, facts.letterhead_text);
    }
    facts.letterhead = head->verdict;
  } else {
    facts.letterhead = {Presence::CannotVerify, 0.0, "首页无法渲染，未能检查红头"};
  }
  facts.seal = judge_seal(seals, colour_seen, checked, count);
  if (!seals.empty()) facts.seal_page = seals.front().page;
  marks.seals = std::move(seals);
  return marks;
}

/// Red ink vanishes in the red channel (a seal over the date, a red header over
/// nothing), black type stays: the classic drop-out for OCR of sealed papers.
RasterImage red_dropout(const RasterImage& image) {
  if (image.channels != 3 || image.empty()) return image;
  RasterImage out;
  out.width = image.width;
  out.height = image.height;
  out.channels = 1;
  out.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  // Red pixels are pushed to white by their redness; black and gray stay as they
  // are. Only light ones are pushed all the way: black type where it crosses the
  // seal comes out of a JPEG scan tinged red ((60, 20, 20): the chroma is kept at
  // half resolution), and pushing it by its redness cut the top bar off a 5 under
  // the ring, read then as 3 (a wrong 成文日期). Type stays below red 90; seal ink,
  // even dark (150, 0, 0), is above 140.
  for (std::size_t i = 0; i < out.pixels.size(); ++i) {
    const int b = image.pixels[i * 3];
    const int g = image.pixels[i * 3 + 1];
    const int r = image.pixels[i * 3 + 2];
    const int redness = std::max(0, r - std::max(g, b));
    const int push = std::clamp(r - 90, 0, 50);  // 0 for type, 50 (full) for seal ink
    out.pixels[i] = static_cast<std::uint8_t>(std::min(255, r + 3 * redness * push / 50));
  }
  return out;
}

/// A line of dark type, and the share of the searched columns that hold its ink
/// (a separator rule fills almost all of them; a line with a gap, such as
/// 文号 … 签发人, does not).
struct InkLine {
  MmRect box;
  double fill = 0;
};

/// Lines of dark type in a low-resolution page image (rows with ink between
/// x0 and x1 mm, y0 and y1 mm), top to bottom. Red ink does not count.
std::vector<InkLine> text_lines(const RasterImage& image, double px_per_mm, double x0, double x1, double y0,
                                double y1) {
  std::vector<InkLine> lines;
  if (image.empty()) return lines;
  const int c = image.channels;
  const int left = std::clamp(static_cast<int>(x0 * px_per_mm), 0, image.width);
  const int right = std::clamp(static_cast<int>(x1 * px_per_mm), 0, image.width);
  const int top = std::clamp(static_cast<int>(y0 * px_per_mm), 0, image.height);
  const int bottom = std::clamp(static_cast<int>(y1 * px_per_mm), 0, image.height);
  constexpr int kDark = 170;  // type is darker than this in the red channel; paper and red ink are lighter
  int start = -1;
  int min_x = image.width;
  int max_x = 0;
  std::vector<char> inked(static_cast<std::size_t>(std::max(0, right - left)), 0);
  auto close = [&](int end) {
    const double h = (end - start) / px_per_mm;
    if (h >= 2.5 && max_x > min_x) {
      const auto filled = std::count(inked.begin(), inked.end(), 1);
      lines.push_back({{min_x / px_per_mm, start / px_per_mm, (max_x - min_x + 1) / px_per_mm, h},
                       inked.empty() ? 0.0 : static_cast<double>(filled) / static_cast<double>(inked.size())});
    }
    start = -1;
    min_x = image.width;
    max_x = 0;
    std::fill(inked.begin(), inked.end(), 0);
  };
  for (int y = top; y < bottom; ++y) {
    const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width * c;
    int n = 0;
    int row_min = image.width;
    int row_max = 0;
    for (int x = left; x < right; ++x) {
      const std::uint8_t v = row[x * c + (c == 3 ? 2 : 0)];
      if (v < kDark) {
        ++n;
        row_min = std::min(row_min, x);
        row_max = std::max(row_max, x);
      }
    }
    if (n >= 2) {
      if (start < 0) start = y;
      for (int x = left; x < right; ++x) {
        if (row[x * c + (c == 3 ? 2 : 0)] < kDark) inked[static_cast<std::size_t>(x - left)] = 1;
      }
      min_x = std::min(min_x, row_min);
      max_x = std::max(max_x, row_max);
    } else if (start >= 0) {
      close(y);
    }
  }
  if (start >= 0) close(bottom);
  return lines;
}

constexpr double kOcrDpi = 200;
// The second reading of a 成文日期 or a number line not read whole at kOcrDpi.
constexpr double kRetryOcrDpi = 300;

/// Rows [top, bottom) of the lowest line of type in a black-on-white crop: runs of
/// rows holding ink, joined across gaps under 1 mm, at least 2.5 mm tall (a line
/// of 3号 type is ~5 mm; specks and a rule's remains are thinner).
std::optional<std::pair<int, int>> lowest_text_band(const RasterImage& bw, double px_per_mm, bool highest = false) {
  if (bw.channels != 1 || bw.empty()) return std::nullopt;
  std::vector<int> ink(static_cast<std::size_t>(bw.height), 0);
  for (int y = 0; y < bw.height; ++y) {
    const auto row = bw.pixels.begin() + static_cast<std::ptrdiff_t>(y) * bw.width;
    ink[static_cast<std::size_t>(y)] = static_cast<int>(std::count_if(row, row + bw.width, [](std::uint8_t v) { return v < 128; }));
  }
  const int min_ink = std::max(2, static_cast<int>(px_per_mm * 0.3));  // a few dots are not type
  const int join = static_cast<int>(px_per_mm);
  std::vector<std::pair<int, int>> bands;
  for (int y = 0; y < bw.height; ++y) {
    if (ink[static_cast<std::size_t>(y)] < min_ink) continue;
    if (!bands.empty() && y - bands.back().second <= join) {
      bands.back().second = y + 1;
    } else {
      bands.emplace_back(y, y + 1);
    }
  }
  const auto tall = [&](const std::pair<int, int>& b) { return b.second - b.first >= static_cast<int>(px_per_mm * 2.5); };
  if (highest) {
    const auto it = std::find_if(bands.begin(), bands.end(), tall);
    if (it != bands.end()) return *it;
    return std::nullopt;
  }
  const auto it = std::find_if(bands.rbegin(), bands.rend(), tall);
  if (it != bands.rend()) return *it;
  return std::nullopt;
}

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
  bool erase_rules = false;  ///< long thin rules erased (the separator under the number)
  std::optional<YearBrackets>* brackets = nullptr;  ///< out: the year brackets of a number line
  bool darkest_ink = false;  ///< only the darkest ink kept (black type under a gray seal)
  bool even_light = false;   ///< uneven light evened out first (photographed sheets)
};

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

/// The own number read off a scan carries 〔〕 (normalise_ocr_brackets); its
/// brackets become the ones their ink shows, and its form is judged anew.
void apply_year_brackets(const YearBrackets& brackets, DocumentFacts& facts) {
  constexpr std::string_view kOpen = "〔";
  constexpr std::string_view kClose = "〕";
  DocNumber& number = *facts.own_number;
  const std::size_t open = number.text.find(kOpen);
  const std::size_t close = number.text.find(kClose);
  if (open == std::string::npos || close == std::string::npos || close < open) return;
  const std::string year = number.text.substr(open + kOpen.size(), close - open - kOpen.size());
  const std::string text = number.text.substr(0, open) + brackets.open + year + brackets.close +
                           number.text.substr(close + kClose.size());
  DocNumber judged = parse_doc_number(text);
  if (judged.text.empty()) return;
  number = std::move(judged);
  facts.number_brackets_seen = true;
}

/// A 年月日 date read without its 日 whose day is a single digit ("2025年2月1").
bool truncated_han_day(const FoundDate& d) {
  if (d.chinese_numerals || d.text.find("年") == std::string::npos) return false;
  const std::string t = trim(d.text);
  if (t.ends_with("日") || t.ends_with("号")) return false;
  const std::size_t month = t.rfind("月");
  if (month == std::string::npos) return false;
  std::size_t digits = 0;
  for (std::size_t i = month + std::string("月").size(); i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') ++digits;
  }
  return digits == 1;
}

/// The whole 成文日期 OCR text of a document's last lines shows, if any.
std::optional<CivilDate> issue_date_in(const std::string& text) {
  DocumentFacts facts;
  read_document_text(text, facts);
  return facts.issue_date;
}

/// Whether OCR text of a document's last lines shows a whole 成文日期.
bool has_issue_date(const std::string& text) { return issue_date_in(text).has_value(); }

/// Lines of type (2.5-10 mm tall) crossing a 40 mm strip down a page image with
/// at least 2 mm of paper before the next: Chinese type is set on a square grid, so
/// a strip across lines standing on end crosses rows of characters too, but those
/// are parted by a fraction of a millimetre, lines by half their height or more.
int level_lines(const RasterImage& image, double px_per_mm) {
  const double w = image.width / px_per_mm;
  const double h = image.height / px_per_mm;
  // Three strips (a last page's few lines may stop short of the middle); the
  // most lines any of them crosses.
  int most = 0;
  for (const double at : {0.3, 0.5, 0.7}) {
    const auto lines = text_lines(image, px_per_mm, w * at - 20, w * at + 20, 0, h);
    int n = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      const MmRect& l = lines[i].box;
      if (l.height >= 2.5 && l.height <= 10 && lines[i + 1].box.y - (l.y + l.height) >= 2) ++n;
    }
    most = std::max(most, n);
  }
  return most;
}

/// Whether the type of a page image stands on end (the page was scanned or
/// photographed sideways): across the page, a strip crosses many short lines of
/// type; along lines on end it sees a few tall blocks.
bool type_on_end(const RasterImage& image, double px_per_mm) {
  const int along = level_lines(image, px_per_mm);
  const int across = level_lines(apply_orientation(image, 6), px_per_mm);
  // A landscape page in a portrait document is most likely turned: more lines
  // across than along will do.
  if (image.width > image.height * 1.2) return across > along;
  return across >= 4 && across >= 2 * along + 2;
}

/// Whether an upright-looking page may be upside down: its seal stands above
/// most of its lines of type (a seal sits on the signature, below the body).
bool seal_above_text(const RasterImage& image, double px_per_mm, const std::vector<SealMark>& seals) {
  if (seals.empty()) return false;
  const double w = image.width / px_per_mm;
  const double h = image.height / px_per_mm;
  const double seal_y = seals.front().box.centre_y();
  int above = 0;
  int below = 0;
  for (const auto& l : text_lines(image, px_per_mm, 10, w - 10, 0, h)) {
    if (l.box.height < 2.5 || l.box.height > 10) continue;
    (l.box.centre_y() < seal_y ? above : below) += 1;
  }
  return below > above + 2;
}

/// OCR of the few regions a reviewer reads on a scan, placed from what the
/// low-resolution look found: the letterhead band, the number line above the red
/// rule (or under it, or under the tallest type, or the first lines of the page),
/// and the last lines of the last page (signature and 成文日期, under the seal).
/// Pages found turned are set upright in `pages`. Returns text in reading order for
/// read_document_text.
std::string ocr_key_regions(UprightPages& pages, Ocr& ocr, const PageMarks& marks, bool grayscale,
                            std::optional<YearBrackets>& brackets) {
  const double px = kMarksDpi / 25.4;
  const int last = pages.count() - 1;
  const auto [w, h] = pages.size_mm(0);
  std::string text;
  if (w <= 0 || h <= 0) return text;
  // Header: large type, read as it is (a red header must not drop out).
  if (marks.band) {
    const MmRect& b = *marks.band;
    text += ocr_region(pages, ocr, 0, {b.x - 3, b.y - 3, b.width + 6, b.height + 6}, {.dpi = 100, .drop_red = false}) +
            "\n";
  }
  // Where the number line may be, most likely first; the first that reads as a
  // number is taken.
  std::vector<std::pair<PageRect, RegionText>> places;
  if (marks.rule) {
    // Down to the rule's lower edge: on a slanted scan the rule's box is as tall as
    // its climb, and the number at its low end sits below the box's top. The rule
    // itself drops out with the red (or is erased when gray).
    places.push_back({PageRect{12, marks.rule->y - 14, w - 24, 14 + marks.rule->height}, RegionText::NumberLine});
    // The letter form (信函格式, GB/T 9704 §10.1) sets the number under the red
    // rule at the right margin: the first line below the rule.
    places.push_back({PageRect{12, marks.rule->y + marks.rule->height, w - 24, 13}, RegionText::FirstLine});
  } else {
    // Lines are found in the central columns only: over a narrow band a scan turned
    // by 3° still shows separate lines (the number line is centred, or starts at
    // the left margin and reaches past the centre line for 上行文).
    const auto lines = text_lines(marks.first, px, w / 2 - 35, w / 2 + 35, 20, std::min(h, kHeadZoneMm + 20));
    double after = -1;
    for (const auto& [l, fill] : lines) {
      if (l.height >= 8) {  // letterhead type (also black or gray); the title below is smaller
        after = l.y + l.height;
        break;
      }
    }
    const double band = 70;
    for (const auto& [l, fill] : lines) {
      // A line filling the whole band is the separator rule (gray on a gray scan) or
      // body text; the number line is shorter (centred) or has a gap (上行文: the
      // number at the left margin, 签发人 at the right).
      if (l.width >= 0.95 * band && fill >= 0.8) continue;
      if (after >= 0 && l.y > after && l.y < after + 45 && l.height >= 3 && l.height < 8) {
        places.push_back({PageRect{12, l.y - 3, w - 24, l.height + 6}, RegionText::NumberLine});
        break;
      }
    }
    // No letterhead type: the number of a document without a letterhead stands on
    // the first lines of the page, often at the right margin (outside the central
    // columns), above the title.
    // Lines are found in the right-hand columns and the central ones (over the
    // whole width a slanted scan joins them), each kept once, top to bottom.
    auto head = text_lines(marks.first, px, w - 80, w - 12, 15, std::min(h, 110.0));
    for (const auto& line : text_lines(marks.first, px, w / 2 - 35, w / 2 + 35, 15, std::min(h, 110.0))) {
      const bool seen = std::any_of(head.begin(), head.end(), [&](const InkLine& o) {
        return std::abs(o.box.centre_y() - line.box.centre_y()) < 4;
      });
      if (!seen) head.push_back(line);
    }
    std::sort(head.begin(), head.end(), [](const InkLine& a, const InkLine& b) { return a.box.y < b.box.y; });
    int tried = 0;
    for (const auto& [l, fill] : head) {
      if (l.height < 2.5 || l.height > 10) continue;
      places.push_back({PageRect{12, l.y - 3, w - 24, l.height + 6}, RegionText::NumberLine});
      if (++tried == 3) break;
    }
  }
  for (const auto& region : places) {
    // Not a structured binding: clang before 16 cannot capture one (tools/fuzz.sh uses clang 14).
    const PageRect& place = region.first;
    const RegionText how = region.second;
    const auto read_number = [&](double dpi, std::optional<YearBrackets>& seen) {
      const std::string read =
          ocr_region(pages, ocr, 0, place, {.dpi = dpi, .what = how, .erase_rules = true, .brackets = &seen});
      std::string repaired;
      std::istringstream lines(read);
      for (std::string line; std::getline(lines, line);) repaired += repair_ocr_number(line) + "\n";
      return repaired;
    };
    std::optional<YearBrackets> seen;
    std::string read = read_number(kOcrDpi, seen);
    // A year read but no number around it (a one-digit serial read as "?"): the
    // line is read once more, finer.
    static const std::regex kYear("(19|20)[0-9]{2}");
    if (find_doc_numbers(read).empty() && std::regex_search(read, kYear)) {
      std::optional<YearBrackets> finer_seen;
      std::string finer = read_number(kRetryOcrDpi, finer_seen);
      if (!find_doc_numbers(finer).empty()) {
        read = std::move(finer);
        seen = finer_seen;
      }
    }
    // A photographed sheet's shaded end comes out black from Otsu's threshold: a
    // line not read is read again with its light evened out (not first: where the
    // light is even, evening it out thinned type under a seal).
    if (find_doc_numbers(read).empty() && pages.has_sheet(0)) {
      std::optional<YearBrackets> even_seen;
      std::string even = ocr_region(pages, ocr, 0, place,
                                    {.what = how, .erase_rules = true, .brackets = &even_seen, .even_light = true});
      std::string repaired;
      std::istringstream lines(even);
      for (std::string line; std::getline(lines, line);) repaired += repair_ocr_number(line) + "\n";
      if (!find_doc_numbers(repaired).empty()) {
        read = std::move(repaired);
        seen = even_seen;
      }
    }
    if (!find_doc_numbers(read).empty()) {
      text += read;
      brackets = seen;
      break;
    }
  }
  // The end: the last lines on the right half of a page, above the page number:
  // the signature and the 成文日期 under the seal.
  RedInkOptions ink;
  ink.px_per_mm = px;
  const auto read_end = [&](int page, const RasterImage& image) -> std::string {
    const auto [lw, lh] = pages.size_mm(page);
    auto tail = text_lines(image, px, lw * 0.45, lw - 10, 20, lh - 32);
    if (tail.empty()) return {};
    const std::size_t first = tail.size() > 5 ? tail.size() - 5 : 0;
    double top = tail[first].box.y - 3;
    const double bottom = tail.back().box.y + tail.back().box.height + 3;
    for (const SealMark& s : find_round_seals(analyse_red_ink(image, ink), page + 1)) {
      if (s.box.y + s.box.height > top && s.box.y < bottom) top = std::min(top, s.box.y - 3);
    }
    const PageRect end{lw * 0.38, top, lw * 0.62 - 8, bottom - top};
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
  };
  // A page after the first may be turned too (a stack scanned with sheets the
  // wrong way round): type on end turns it a quarter; one that may be upside down
  // (the document's first page was turned, or its seal stands above its text) is
  // read the other way up when it shows no date upright.
  const int first_turn = pages.orientation(0);
  const auto read_page_end = [&](int page) -> std::string {
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
    std::string read = read_end(page, *image);
    if (has_issue_date(read) || !suspect) return read;
    const int kept = pages.orientation(page);
    pages.set_orientation(page, half_turned(kept));
    if (const auto other = pages.render(page, kMarksDpi)) {
      std::string turned = read_end(page, *other);
      if (has_issue_date(turned)) return turned;
    }
    pages.set_orientation(page, kept);
    return read;
  };
  std::string end = read_page_end(last);
  // A last page holding only the 版记 (抄送, "…办公室 2025年3月6日印发": the printing
  // date, not the 成文日期) leaves the date on the page before it, with the seal
  // (tune-1: this and the darkest-ink reading in read_end read the dates of the
  // four grayscale scans missed before).
  if (!has_issue_date(end) && last > 0) {
    int before = last - 1;
    if (!marks.seals.empty() && marks.seals.front().page - 1 < last) before = marks.seals.front().page - 1;
    std::string earlier = read_page_end(before);
    if (has_issue_date(earlier)) end = std::move(earlier);
  }
  text += end;
  return text;
}

/// Verdicts on a document some of whose pages this machine did not draw: an
/// "absent" letterhead or seal becomes "cannot verify", and a finding says why.
void judge_with_missing_fonts(const FontTrouble& fonts, const FileRecord& record, DocumentFacts& facts,
                              std::vector<Finding>& findings) {
  const std::string why = fonts.text_lost ? "字体缺失：本机缺少PDF所用中文字体的编码数据，页面文字无法显示"
                                          : "字体缺失：PDF未嵌入所用字体" + font_names(fonts) + "，本机也没有可替代的字体，页面文字无法显示";
  const std::string instead = "；请安装中文字体和poppler-data后重新检查，或提交嵌入字体的PDF或彩色扫描件";
  if (facts.letterhead.state == Presence::Absent && fonts.on_page(1)) {
    facts.letterhead = {Presence::CannotVerify, 0.3, why + "，无法判断红头" + instead};
  }
  if (facts.seal.state == Presence::Absent) {
    facts.seal = {Presence::CannotVerify, 0.3, why + "，无法确认是否缺少公章" + instead};
  }
  std::string pages;
  for (const int p : fonts.pages) pages += (pages.empty() ? "第" : "、第") + std::to_string(p) + "页";
  findings.push_back(doc_finding(
      record, "PDF_FONTS_MISSING", Severity::Warning, DeductionRole::DocumentForm,
      pages +
          (fonts.text_lost ? "的文字无法解码（缺少中文字体编码数据，如poppler-data）"
                           : "所用字体" + font_names(fonts) + "未嵌入PDF，本机没有可替代的字体，文字未能显示") +
          "：红头、文号、公章不能据此判断为缺少",
      "在本机安装中文字体（如fonts-noto-cjk）和poppler-data后重新检查；提交评审时使用嵌入字体的PDF"
      "（WPS/Word导出PDF时勾选“嵌入字体”），或提交盖章文件的彩色扫描件"));
}

/// A scan or photo of paper coarser than kMinScanDpi cannot show that a letterhead
/// or seal is missing: such verdicts become "cannot verify".
void judge_scan_resolution(double dpi, DocumentFacts& facts) {
  if (dpi <= 0 || dpi >= kMinScanDpi) return;
  const std::string why = "分辨率过低：扫描图像约" + std::to_string(static_cast<int>(std::lround(dpi))) + " dpi";
  const std::string instead = "；请提交不低于150 dpi（建议300 dpi）的彩色扫描件";
  if (facts.letterhead.state == Presence::Absent) {
    facts.letterhead = {Presence::CannotVerify, 0.3, why + "，无法判断红头" + instead};
  }
  if (facts.seal.state == Presence::Absent) {
    facts.seal = {Presence::CannotVerify, 0.3, why + "，无法确认是否缺少公章" + instead};
  }
}

// A scanner's page has the paper's proportions (A4, A3, B5, 16开: long side 1.38-1.42
// times the short one); a phone photo of paper saved as a PDF page has the
// photo's (4:3 = 1.33, 16:9 = 1.78).
constexpr double kPaperRatio = 1.4142;
constexpr double kPaperRatioSlack = 0.03;

/// Whether a page has a photo's proportions rather than paper's: a phone photo of
/// a sheet saved as a PDF page (the sheet lies somewhere in it, at some angle).
bool photo_shaped(const PageRect& page) {
  if (page.width <= 0 || page.height <= 0) return false;
  const double ratio = std::max(page.width, page.height) / std::min(page.width, page.height);
  return std::abs(ratio / kPaperRatio - 1) > kPaperRatioSlack;
}

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
  facts.number = facts.own_number
                     ? Verdict{Presence::Present, 0.7,
                               "扫描件识别出发文字号“" + facts.own_number->text + "”（" + scan_bracket_note(facts) + "）"}
                     : Verdict{Presence::CannotVerify, 0.4, "扫描件中未能识别出发文字号，需人工核对"};
}

void report_number_form(const FileRecord& record, const DocumentFacts& facts, std::vector<Finding>& findings) {
  if (!facts.own_number || facts.own_number->form_problems.empty()) return;
  std::string problems;
  for (const auto& p : facts.own_number->form_problems) problems += (problems.empty() ? "" : "；") + p;
  findings.push_back(doc_finding(record, "DOC_NUMBER_FORM", Severity::Warning, DeductionRole::None,
                                 "发文字号“" + facts.own_number->text + "”格式不规范：" + problems,
                                 "按GB/T 9704-2012书写，如“青交发〔2025〕5号”"));
}

}  // namespace

std::string scan_bracket_note(const DocumentFacts& facts) {
  return facts.number_brackets_seen ? "括号样式按扫描图像判断" : "括号样式以原件为准";
}

void read_document_text(const std::string& text, DocumentFacts& facts) {
  const auto lines = split_lines(text);
  std::vector<std::string> squeezed;
  squeezed.reserve(lines.size());
  for (const auto& line : lines) squeezed.push_back(squeeze(line));

  // The head of the document: lines before the first body paragraph. The own
  // number stands on its own line within the first lines, above the title.
  std::size_t first_content = 0;
  while (first_content < squeezed.size() && squeezed[first_content].empty()) ++first_content;
  // The 发文机关标志 may take several lines (联合行文: one line per organ, "文件" beside them).
  {
    std::string header;
    bool ends_in_wenjian = false;
    for (std::size_t i = first_content; i < squeezed.size() && i < first_content + 4; ++i) {
      const std::string& line = squeezed[i];
      if (line.empty() || utf8_length(line) > 40 || line.rfind("关于", 0) == 0 || !find_doc_numbers(line).empty() ||
          !find_dates(line).empty()) {
        break;
      }
      header += line;
      if (ends_with(line, "文件")) ends_in_wenjian = true;
    }
    if (!header.empty() && (ends_in_wenjian || looks_like_letterhead(header))) facts.letterhead_text = header;
  }

  std::size_t head_end = std::min<std::size_t>(squeezed.size(), first_content + 12);
  std::size_t title_line = squeezed.size();
  for (std::size_t i = first_content; i < head_end; ++i) {
    if (squeezed[i].rfind("关于", 0) == 0) {
      title_line = i;
      head_end = i;
      break;
    }
  }
  std::string head;
  for (std::size_t i = 0; i < head_end; ++i) head += squeezed[i] + "\n";
  for (const auto& found : find_doc_numbers(head)) {
    if (!found.cited && found.own_line) {
      facts.own_number = found.number;
      break;
    }
  }

  // Body paragraphs wrap anywhere, also inside a cited number ("（临\n交字〔2025〕2号）").
  std::string body;
  for (std::size_t i = head_end; i < squeezed.size(); ++i) body += squeezed[i];
  for (const auto& found : find_doc_numbers(body)) {
    if (facts.own_number && found.number.text == facts.own_number->text) continue;
    if (std::find(facts.cited_numbers.begin(), facts.cited_numbers.end(), found.number.text) ==
        facts.cited_numbers.end()) {
      facts.cited_numbers.push_back(found.number.text);
    }
  }

  // Title: the 关于… line, continued until it ends like a title.
  if (title_line < squeezed.size()) {
    std::string title = squeezed[title_line];
    for (std::size_t i = title_line + 1; i < squeezed.size() && i < title_line + 3 && !ends_like_title(title); ++i) {
      if (squeezed[i].empty()) break;
      title += squeezed[i];
    }
    facts.title = title;
  } else {
    for (std::size_t i = first_content; i < squeezed.size() && i < first_content + 6; ++i) {
      const std::size_t n = utf8_length(squeezed[i]);
      if (n >= 4 && n <= 40 && ends_like_title(squeezed[i])) {
        facts.title = squeezed[i];
        break;
      }
    }
  }

  // 成文日期: the date on a line of its own near the end (under the signature).
  // A Chinese-numeral date is always a 成文日期 form.
  std::optional<FoundDate> best;
  for (std::size_t i = squeezed.size(); i-- > 0;) {
    const std::string& line = squeezed[i];
    if (line.empty()) continue;
    const auto dates = find_dates(line);
    if (dates.empty()) continue;
    const FoundDate& d = dates.back();
    const std::string rest = trim(line.substr(0, d.offset) + line.substr(d.offset + d.text.size()));
    const bool alone = utf8_length(rest) <= 2 ||  // "（此页无正文）" aside, a date line is just the date
                       looks_like_letterhead(rest);
    if (alone || d.chinese_numerals) {
      // "2025年2月1" with its 日 gone is, on a scan, as likely 2月14日 with the seal's
      // ring over the last digit as 2月1日: a one-digit day without 日 is not taken
      // (no date is better than a wrong one). A two-digit day lost only its 日.
      if (!truncated_han_day(d)) best = d;
      break;
    }
  }
  if (best) {
    facts.issue_date = best->date;
    facts.issue_date_text = best->text;
  }
}

Inspection inspect_pdf(const std::string& path, const FileRecord& record, const PdfReader& pdf, Ocr* ocr,
                       const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  auto opened = pdf.open(path);
  if (!opened) {
    const Error& e = opened.error();
    out.readable = e.code == "PDF_TOO_MANY_PAGES";
    if (e.code == "PDF_ENCRYPTED") {
      out.findings.push_back(doc_finding(record, e.code, Severity::Error, DeductionRole::ArchiveOrder, e.message,
                                         "提交未加密的PDF（另存或打印为PDF时不设置密码）"));
    } else if (e.code == "PDF_TOO_MANY_PAGES") {
      out.findings.push_back(doc_finding(record, e.code, Severity::Warning, DeductionRole::ArchiveOrder, e.message,
                                         "拆分为多个文件，或只保留与指标相关的页面"));
    } else {
      out.findings.push_back(doc_finding(record, e.code, Severity::Warning, DeductionRole::ArchiveOrder, e.message,
                                         "用原始文件重新导出或重新扫描为PDF"));
    }
    return out;
  }
  const PdfDocument& doc = *opened.value();
  DocumentFacts facts;
  facts.page_count = doc.page_count();
  // Reviewers open the file on their own machines: say what it could run or carry.
  const PdfActiveContent active = doc.active_content();
  if (active.javascript) {
    out.findings.push_back(doc_finding(record, "PDF_JAVASCRIPT", Severity::Warning, DeductionRole::None,
                                       "PDF中含有JavaScript脚本，评审专家打开时阅读器可能自动运行它",
                                       "用“打印为PDF”或扫描重新生成不含脚本的文件"));
  }
  if (active.launch) {
    out.findings.push_back(
        doc_finding(record, "PDF_LAUNCH", Severity::Warning, DeductionRole::None,
                    "PDF中含有启动其他程序或文件的动作（Launch），评审专家的电脑可能被要求运行外部程序",
                    "用“打印为PDF”重新生成不含该动作的文件"));
  }
  if (active.embedded_files) {
    out.findings.push_back(doc_finding(record, "PDF_EMBEDDED_FILES", Severity::Info, DeductionRole::None,
                                       "PDF中含有附件（嵌入的文件），评审时一般不会打开附件，附件内容未检查",
                                       "如附件是佐证材料，请单独作为文件提交"));
  }
  if (doc.truncated()) {
    out.findings.push_back(doc_finding(record, "PDF_TRUNCATED", Severity::Warning, DeductionRole::ArchiveOrder,
                                       "PDF文件不完整（文件结尾缺失，可能是复制或下载中断），部分内容可能无法显示",
                                       "用原始文件重新导出或重新复制该PDF"));
  }

  std::string text;
  std::size_t first_page_chars = 0;
  for (int i = 0; i < facts.page_count; ++i) {
    if (i > 0 && deadline_passed()) break;  // FILE_TIME_LIMIT: inspect_file says so
    std::string page = doc.page_text(i);
    if (i == 0) first_page_chars = visible_chars(page);
    text += page;
    text += '\n';
    if (text.size() > static_cast<std::size_t>(options.max_text_chars)) break;
  }
  facts.has_text_layer = first_page_chars >= 20 && text_quality(text) >= 0.85;
  facts.scanned = !facts.has_text_layer;

  if (facts.has_text_layer) read_document_text(text, facts);
  UprightPages pages(&doc);
  // A phone photo of paper saved as a PDF: its sheet is found, flattened and read
  // like a scan.
  if (!facts.has_text_layer && photo_shaped(doc.page_size(0))) {
    const double dpi = doc.largest_image_dpi();
    pages.set_photographed(dpi > 0 ? dpi : 150);
  }
  const PageMarks marks = check_red_marks(pages, facts.has_text_layer, facts);
  // The reports' thumbnail, from the first page as the letterhead check rendered it.
  if (!marks.first.empty()) facts.preview = encode_jpeg(downscale(marks.first, kPreviewSide), kPreviewQuality);
  // A page whose text this machine did not draw shows no letterhead type, and a
  // text it could not decode no number: neither is then absent.
  std::vector<std::pair<int, const RasterImage*>> shown;
  if (facts.page_count > 0) shown.emplace_back(0, marks.first.empty() ? nullptr : &marks.first);
  if (facts.page_count > 1) shown.emplace_back(facts.page_count - 1, marks.last.empty() ? nullptr : &marks.last);
  const FontTrouble fonts = check_fonts(doc, shown, kMarksDpi, facts.has_text_layer);
  if (fonts.any()) judge_with_missing_fonts(fonts, record, facts, out.findings);
  if (!facts.has_text_layer && !fonts.text_lost) {
    if (pages.photographed()) {
      std::vector<const SheetView*> views;
      for (int i = 0; i < pages.count(); ++i) {
        if (i == 0 || pages.sheet_view(i)) views.push_back(pages.sheet_view(i));
      }
      judge_photographed(views, facts);
    } else {
      judge_scan_resolution(doc.largest_image_dpi(), facts);
    }
  }
  if (fonts.text_lost && !facts.has_text_layer) {
    facts.number = {Presence::CannotVerify, 0.0,
                    "字体缺失：本机无法解码该PDF的文字，未能核对发文字号；请安装中文字体和poppler-data后重新检查，"
                    "或提交嵌入字体的PDF"};
  } else if (facts.has_text_layer) {
    out.text = std::move(text);
    facts.number = facts.own_number
                       ? Verdict{Presence::Present, 0.9, "首页文头下方有发文字号“" + facts.own_number->text + "”"}
                       : Verdict{Presence::Absent, 0.8, "首页文头下方未找到本文件的发文字号"};
  } else {
    read_scanned_pages(pages, marks, ocr, options, facts, out.text);
  }
  report_number_form(record, facts, out.findings);
  out.document = std::move(facts);
  return out;
}

std::optional<Inspection> inspect_image_document(const std::string& path, const FileRecord& record, int orientation,
                                                 Ocr* ocr, const InspectOptions& options) {
  // A phone photo: decoded reduced to about the resolution the sheet needs (an A4
  // sheet filling three quarters of a 1800-pixel side is about 150 dpi).
  auto decoded = decode_image_file_reduced(path, kImageDocumentShortSide);
  if (!decoded) return std::nullopt;
  const RasterImage photo = apply_orientation(std::move(decoded.value()), orientation);
  auto [sheet, view] = sheet_of_photo(photo);
  if (!view.found || view.cut_off) return std::nullopt;
  // A page of a document holds lines of type (upright or on end); a photo of a
  // board, a banner or a screen that happens to be four-sided does not.
  const RasterImage look = resize(sheet, std::max(1, static_cast<int>(std::lround(sheet.width * kMarksDpi / 25.4 / view.px_per_mm))),
                                  std::max(1, static_cast<int>(std::lround(sheet.height * kMarksDpi / 25.4 / view.px_per_mm))));
  const double px = kMarksDpi / 25.4;
  if (look.empty() || std::max(level_lines(look, px), level_lines(apply_orientation(look, 6), px)) < kMinPageLines) {
    return std::nullopt;
  }
  Inspection out;
  out.kind = record.kind;
  DocumentFacts facts;
  facts.page_count = 1;
  facts.scanned = true;
  UprightPages pages(std::move(sheet), view.px_per_mm);
  const PageMarks marks = check_red_marks(pages, false, facts);
  if (!marks.first.empty()) facts.preview = encode_jpeg(downscale(marks.first, kPreviewSide), kPreviewQuality);
  judge_photographed({&view}, facts);
  read_scanned_pages(pages, marks, ocr, options, facts, out.text);
  report_number_form(record, facts, out.findings);
  out.document = std::move(facts);
  return out;
}

Inspection inspect_word(const std::string& path, const FileRecord& record, const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  auto text = read_docx_text(path, static_cast<std::size_t>(options.max_text_chars));
  if (!text) {
    out.readable = false;
    out.findings.push_back(doc_finding(record, text.error().code, Severity::Warning, DeductionRole::ArchiveOrder,
                                       text.error().message,
                                       "用Word或WPS重新打开并另存后提交，正式文件请提交盖章扫描件或印发的PDF"));
    return out;
  }
  DocumentFacts facts;
  facts.has_text_layer = true;
  facts.colour_known = false;
  read_document_text(text.value(), facts);
  facts.number = facts.own_number
                     ? Verdict{Presence::Present, 0.8, "Word文件中有发文字号“" + facts.own_number->text + "”"}
                     : Verdict{Presence::Absent, 0.6, "Word文件中未找到本文件的发文字号"};
  // An editable file proves neither: the issued document is the sealed paper or PDF.
  facts.letterhead = {Presence::CannotVerify, 0.9, "Word文件：红头以正式印发的PDF或盖章扫描件为准"};
  facts.seal = {Presence::Absent, 0.9, "Word文件没有加盖的公章，不能代替盖章的正式文件"};
  out.text = std::move(text.value());
  out.document = std::move(facts);
  return out;
}

}  // namespace evpack
