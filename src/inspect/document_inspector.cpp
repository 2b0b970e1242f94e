// Document inspection from text: the text layer of a PDF, or OCR of the regions
// that matter on a scan. Colour checks (red letterhead, red seal) are separate.
#include "evpack/inspect/document_inspector.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <string_view>

#include "evpack/adapters/docx_reader.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/red_ink.hpp"
#include "evpack/inspect/ocr_repair.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/document_marks.hpp"
#include "evpack/inspect/doc_number.hpp"
#include "evpack/inspect/year_brackets.hpp"
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

Finding doc_finding(const FileRecord& record, std::string code, Severity severity, std::string rule,
                    std::string message, std::string advice) {
  return {std::move(code), severity, std::move(rule), record.rel_path, "", std::move(message), std::move(advice)};
}

// Resolution of the colour analysis: a 42 mm seal is ~100 px, a 0.5 mm rule ~1 px.
constexpr double kMarksDpi = 60;
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

/// Red letterhead and red seal, from pages rendered at low resolution.
PageMarks check_red_marks(const PdfDocument& doc, DocumentFacts& facts) {
  PageMarks marks;
  const int pages = doc.page_count();
  RedInkOptions ink;
  ink.px_per_mm = kMarksDpi / 25.4;
  bool colour_seen = facts.has_text_layer;  // born-digital: black is black
  bool rendered_any = false;
  std::vector<SealMark> seals;
  int checked = 0;
  std::optional<LetterheadJudgement> head;
  // Page order: the first (letterhead), then the last backwards (seals sit at the end).
  std::vector<int> order;
  if (pages > 0) order.push_back(0);
  for (int i = pages - 1; i > 0 && static_cast<int>(order.size()) < kMaxSealPages; --i) order.push_back(i);
  for (const int index : order) {
    auto image = doc.render(index, kMarksDpi);
    if (!image) continue;
    rendered_any = true;
    ++checked;
    const RedInkReport report = analyse_red_ink(*image, ink);
    if (index == 0) marks.first = *image;
    if (index == pages - 1) marks.last = *image;
    colour_seen = colour_seen || report.colour;
    if (index == 0) {
      head = judge_letterhead(head_zone(report), doc.page_size(0).width * kMmPerPt, true, facts.letterhead_text);
      marks.band = head->band;
      marks.rule = head->rule;
      // A page scanned or photographed sideways (or upside down) holds its
      // letterhead along another edge: turned upright, it is found. Its OCR regions
      // are not placed then (they would be read across the lines).
      if (head->verdict.state == Presence::Absent && !facts.has_text_layer) {
        for (const int orientation : {6, 8, 3}) {
          const RasterImage turned = apply_orientation(*image, orientation);
          const double width_mm = turned.width / ink.px_per_mm;
          auto upright = judge_letterhead(head_zone(analyse_red_ink(turned, ink)), width_mm, true, facts.letterhead_text);
          if (upright.verdict.state != Presence::Present) continue;
          upright.verdict.reason += "（页面方向不正，转正后判断）";
          head = std::move(upright);
          marks.band.reset();
          marks.rule.reset();
          marks.turned = true;
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
      head = judge_letterhead(RedInkReport{}, doc.page_size(0).width * kMmPerPt, false, facts.letterhead_text);
    }
    facts.letterhead = head->verdict;
  } else {
    facts.letterhead = {Presence::CannotVerify, 0.0, "首页无法渲染，未能检查红头"};
  }
  facts.seal = judge_seal(seals, colour_seen, checked, pages);
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
std::optional<std::pair<int, int>> lowest_text_band(const RasterImage& bw, double px_per_mm) {
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
  for (auto it = bands.rbegin(); it != bands.rend(); ++it) {
    if (it->second - it->first >= static_cast<int>(px_per_mm * 2.5)) return *it;
  }
  return std::nullopt;
}

/// What an OCR region holds, which decides how Tesseract reads it.
enum class RegionText {
  Block,       ///< several lines (header band, signature and date)
  NumberLine,  ///< the number line: the lowest line of type in the crop, read as one line
};

/// How a region is prepared for OCR.
struct RegionRead {
  double dpi = kOcrDpi;
  bool drop_red = true;  ///< red ink (seal, header) pushed to white
  RegionText what = RegionText::Block;
  bool erase_rules = false;  ///< long thin rules erased (the separator under the number)
  std::optional<YearBrackets>* brackets = nullptr;  ///< out: the year brackets of a number line
  bool darkest_ink = false;  ///< only the darkest ink kept (black type under a gray seal)
};

std::string ocr_region(const PdfDocument& doc, Ocr& ocr, int page, PageRect mm_rect, const RegionRead& how) {
  const double dpi = how.dpi;
  const double k = 72 / 25.4;
  const PageRect pt{mm_rect.x * k, mm_rect.y * k, mm_rect.width * k, mm_rect.height * k};
  if (pt.width <= 0 || pt.height <= 0) return {};
  auto image = doc.render(page, dpi, pt);
  if (!image) return {};
  RasterImage prepared = how.drop_red ? red_dropout(*image) : *image;
  // A gray separator rule under the number (a gray scan, or a tilted page) makes
  // Tesseract read nothing on the line: it goes before OCR.
  if (how.erase_rules) prepared = erase_long_rules(prepared, dpi / 25.4);
  // A page scanned at a slant (up to 3°) puts one end of a line a few mm above the
  // other: Tesseract reads a level line far better.
  OcrLayout layout = OcrLayout::Uniform;
  if (prepared.channels == 1) {
    prepared = how.darkest_ink ? binarize_darkest_ink(level_text(prepared)) : binarize(level_text(prepared));
    // Read as a block, a number line with wide gaps ("临交字  〔2025〕75号", 签发人 at
    // the right) comes back as two lines in the wrong order: cut out the line and
    // read it as one.
    if (how.what == RegionText::NumberLine) {
      if (const auto band = lowest_text_band(prepared, dpi / 25.4)) {
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

/// OCR of the few regions a reviewer reads on a scan, placed from what the
/// low-resolution look found: the letterhead band, the number line above the red
/// rule (or under the tallest type), and the last lines of the last page (signature
/// and 成文日期, under the seal). Returns text in reading order for read_document_text.
std::string ocr_key_regions(const PdfDocument& doc, Ocr& ocr, const PageMarks& marks, bool grayscale,
                            std::optional<YearBrackets>& brackets) {
  const double px = kMarksDpi / 25.4;
  const int last = doc.page_count() - 1;
  const double w = doc.page_size(0).width * kMmPerPt;
  const double h = doc.page_size(0).height * kMmPerPt;
  std::string text;
  if (w <= 0 || h <= 0) return text;
  // Header: large type, read as it is (a red header must not drop out).
  if (marks.band) {
    const MmRect& b = *marks.band;
    text += ocr_region(doc, ocr, 0, {b.x - 3, b.y - 3, b.width + 6, b.height + 6}, {.dpi = 100, .drop_red = false}) +
            "\n";
  }
  // The number line.
  std::optional<PageRect> number;
  if (marks.rule) {
    // Down to the rule's lower edge: on a slanted scan the rule's box is as tall as
    // its climb, and the number at its low end sits below the box's top. The rule
    // itself drops out with the red (or is erased when gray).
    number = PageRect{12, marks.rule->y - 14, w - 24, 14 + marks.rule->height};
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
        number = PageRect{12, l.y - 3, w - 24, l.height + 6};
        break;
      }
    }
    if (!number && !lines.empty()) {
      // No letterhead type: the head is the first lines of the page.
      const double top = lines.front().box.y - 3;
      number = PageRect{12, top, w - 24, std::min(60.0, h - top)};
    }
  }
  if (number) {
    const auto read_number = [&](double dpi, std::optional<YearBrackets>& seen) {
      const std::string read = ocr_region(
          doc, ocr, 0, *number, {.dpi = dpi, .what = RegionText::NumberLine, .erase_rules = true, .brackets = &seen});
      std::string repaired;
      std::istringstream lines(read);
      for (std::string line; std::getline(lines, line);) repaired += repair_ocr_number(line) + "\n";
      return repaired;
    };
    std::string read = read_number(kOcrDpi, brackets);
    // A year read but no number around it (a one-digit serial read as "?"): the
    // line is read once more, finer.
    static const std::regex kYear("(19|20)[0-9]{2}");
    if (find_doc_numbers(read).empty() && std::regex_search(read, kYear)) {
      std::optional<YearBrackets> seen;
      std::string finer = read_number(kRetryOcrDpi, seen);
      if (!find_doc_numbers(finer).empty()) {
        read = std::move(finer);
        brackets = seen;
      }
    }
    text += read;
  }
  // The end: the last lines on the right half of a page, above the page number:
  // the signature and the 成文日期 under the seal.
  const auto read_end = [&](int page, const RasterImage& image) -> std::string {
    const double lw = doc.page_size(page).width * kMmPerPt;
    const double lh = doc.page_size(page).height * kMmPerPt;
    auto tail = text_lines(image, px, lw * 0.45, lw - 10, 20, lh - 32);
    if (tail.empty()) return {};
    const std::size_t first = tail.size() > 5 ? tail.size() - 5 : 0;
    double top = tail[first].box.y - 3;
    const double bottom = tail.back().box.y + tail.back().box.height + 3;
    for (const SealMark& s : marks.seals) {
      if (s.page == page + 1 && s.box.y + s.box.height > top && s.box.y < bottom) top = std::min(top, s.box.y - 3);
    }
    const PageRect end{lw * 0.38, top, lw * 0.62 - 8, bottom - top};
    std::string read = repair_ocr_date(ocr_region(doc, ocr, page, end, {}));
    // The seal's ring crossing the date often costs a character (日 read as 晶, 15日
    // as 1器, 日 lost): a date not read whole is read once more, finer.
    if (!has_issue_date(read)) {
      std::string finer = repair_ocr_date(ocr_region(doc, ocr, page, end, {.dpi = kRetryOcrDpi}));
      if (has_issue_date(finer)) read = std::move(finer);
    }
    // On a grayscale scan the seal is not dropped with the red: its ring is
    // binarised as ink and breaks the date. Black type is darker than the ring:
    // keeping only the darkest ink, the date reads whole. (Not on colour scans, where
    // the red is gone already: there it thinned a 5 into a 3, docset doc_0075.)
    // A date from this third reading is taken only when it is read the same at 200
    // and at 300 dpi: alone, it once read 2月11日 as 2月1日 (tune-2), and no date is
    // better than a wrong one.
    if (grayscale && !has_issue_date(read)) {
      std::string dark = repair_ocr_date(ocr_region(doc, ocr, page, end, {.darkest_ink = true}));
      if (const auto dark_date = issue_date_in(dark)) {
        const std::string finer =
            repair_ocr_date(ocr_region(doc, ocr, page, end, {.dpi = kRetryOcrDpi, .darkest_ink = true}));
        if (issue_date_in(finer) == dark_date) read = std::move(dark);
      }
    }
    return read;
  };
  std::string end = read_end(last, marks.last);
  // A last page holding only the 版记 (抄送, "…办公室 2025年3月6日印发": the printing
  // date, not the 成文日期) leaves the date on the page before it, with the seal
  // (tune-1: this and the darkest-ink reading in read_end read the dates of the
  // four grayscale scans missed before).
  if (!has_issue_date(end) && last > 0) {
    int before = last - 1;
    if (!marks.seals.empty() && marks.seals.front().page - 1 < last) before = marks.seals.front().page - 1;
    if (const auto image = doc.render(before, kMarksDpi)) {
      std::string earlier = read_end(before, *image);
      if (has_issue_date(earlier)) end = std::move(earlier);
    }
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
      record, "PDF_FONTS_MISSING", Severity::Warning, "D.6",
      pages + (fonts.text_lost ? "的文字无法解码（缺少中文字体编码数据，如poppler-data）"
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

/// A page that is a photo of paper rather than a scan: the paper's size, angle and
/// perspective in it are unknown, so the size and place of a letterhead or seal
/// cannot be judged, only found. "Absent" becomes "cannot verify".
void judge_paper_photo(const PageRect& page, DocumentFacts& facts) {
  if (page.width <= 0 || page.height <= 0) return;
  const double ratio = std::max(page.width, page.height) / std::min(page.width, page.height);
  if (std::abs(ratio / kPaperRatio - 1) <= kPaperRatioSlack) return;
  const std::string why = "翻拍照片（页面是照片比例而非纸张比例），纸张在照片中的大小和角度无法确定";
  const std::string instead = "；请提交原件的彩色扫描件";
  if (facts.letterhead.state == Presence::Absent) {
    facts.letterhead = {Presence::CannotVerify, 0.3, why + "，无法确认缺少红头" + instead};
  }
  if (facts.seal.state == Presence::Absent) {
    facts.seal = {Presence::CannotVerify, 0.3, why + "，无法确认缺少公章" + instead};
  }
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
      out.findings.push_back(doc_finding(record, e.code, Severity::Error, "D.5", e.message,
                                         "提交未加密的PDF（另存或打印为PDF时不设置密码）"));
    } else if (e.code == "PDF_TOO_MANY_PAGES") {
      out.findings.push_back(doc_finding(record, e.code, Severity::Warning, "D.5", e.message,
                                         "拆分为多个文件，或只保留与指标相关的页面"));
    } else {
      out.findings.push_back(doc_finding(record, e.code, Severity::Warning, "D.5", e.message,
                                         "用原始文件重新导出或重新扫描为PDF"));
    }
    return out;
  }
  const PdfDocument& doc = *opened.value();
  DocumentFacts facts;
  facts.page_count = doc.page_count();
  if (doc.truncated()) {
    out.findings.push_back(doc_finding(record, "PDF_TRUNCATED", Severity::Warning, "D.5",
                                       "PDF文件不完整（文件结尾缺失，可能是复制或下载中断），部分内容可能无法显示",
                                       "用原始文件重新导出或重新复制该PDF"));
  }

  std::string text;
  std::size_t first_page_chars = 0;
  for (int i = 0; i < facts.page_count; ++i) {
    std::string page = doc.page_text(i);
    if (i == 0) first_page_chars = visible_chars(page);
    text += page;
    text += '\n';
    if (text.size() > static_cast<std::size_t>(options.max_text_chars)) break;
  }
  facts.has_text_layer = first_page_chars >= 20 && text_quality(text) >= 0.85;
  facts.scanned = !facts.has_text_layer;

  if (facts.has_text_layer) read_document_text(text, facts);
  const PageMarks marks = check_red_marks(doc, facts);
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
    judge_scan_resolution(doc.largest_image_dpi(), facts);
    judge_paper_photo(doc.page_size(0), facts);
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
  } else if (marks.turned) {
    facts.number = {Presence::CannotVerify, 0.3,
                    "扫描页面方向不正（横置或倒置），未识别发文字号，需人工核对；请将页面转正后重新扫描"};
  } else if (ocr && options.ocr) {
    std::optional<YearBrackets> brackets;
    std::string ocr_text = normalise_ocr_brackets(ocr_key_regions(doc, *ocr, marks, !facts.colour_known, brackets));
    read_document_text(ocr_text, facts);
    out.text = std::move(ocr_text);
    if (facts.own_number && brackets) apply_year_brackets(*brackets, facts);
    facts.number = facts.own_number
                       ? Verdict{Presence::Present, 0.7,
                                 "扫描件识别出发文字号“" + facts.own_number->text + "”（" + scan_bracket_note(facts) + "）"}
                       : Verdict{Presence::CannotVerify, 0.4, "扫描件中未能识别出发文字号，需人工核对"};
  } else {
    facts.number = {Presence::CannotVerify, 0.0, "扫描件且未启用文字识别，无法核对发文字号"};
  }
  if (facts.own_number && !facts.own_number->form_problems.empty()) {
    std::string problems;
    for (const auto& p : facts.own_number->form_problems) problems += (problems.empty() ? "" : "；") + p;
    out.findings.push_back(doc_finding(record, "DOC_NUMBER_FORM", Severity::Warning, "",
                                       "发文字号“" + facts.own_number->text + "”格式不规范：" + problems,
                                       "按GB/T 9704-2012书写，如“青交发〔2025〕5号”"));
  }
  out.document = std::move(facts);
  return out;
}

Inspection inspect_word(const std::string& path, const FileRecord& record, const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  auto text = read_docx_text(path, static_cast<std::size_t>(options.max_text_chars));
  if (!text) {
    out.readable = false;
    out.findings.push_back(doc_finding(record, text.error().code, Severity::Warning, "D.5", text.error().message,
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
