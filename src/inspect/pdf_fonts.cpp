// Missing fonts: a page whose text boxes show no ink was not drawn, and its
// letterhead or seal cannot be called absent.
#include "pdf_fonts.hpp"

#include <cmath>
#include <cstdint>
#include <optional>

#include "document_common.hpp"

namespace evpack {
namespace {

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

std::string font_names(const FontTrouble& trouble) {
  std::string out;
  for (std::size_t i = 0; i < trouble.fonts.size() && i < 3; ++i) out += (i ? "、" : "") + trouble.fonts[i];
  return out.empty() ? "" : "（" + out + "）";
}

}  // namespace

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

/// Verdicts on a document some of whose pages this machine did not draw: an
/// "absent" letterhead or seal becomes "cannot verify", and a finding says why.
void judge_with_missing_fonts(const FontTrouble& fonts, const FileRecord& record, DocumentFacts& facts,
                              std::vector<Finding>& findings) {
  const std::string why = fonts.text_lost ? "字体缺失：本机缺少PDF所用中文字体的编码数据，页面文字无法显示"
                                          : "字体缺失：PDF未嵌入所用字体" + font_names(fonts) +
                                                "，本机也没有可替代的字体，页面文字无法显示";
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

}  // namespace evpack
