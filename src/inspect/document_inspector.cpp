// Document inspection: a PDF (text layer, scan or photos of paper), a photo of a
// page, a Word file. The parts: red_marks (letterhead, seal), pdf_fonts (pages not
// drawn), sheet_photo and upright_pages (pages set upright), scan_* (OCR of a
// scan's key regions), document_text (facts from text).
#include "evpack/inspect/document_inspector.hpp"

#include <cmath>

#include "body_text.hpp"
#include "document_common.hpp"
#include "evpack/adapters/docx_reader.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/util/deadline.hpp"
#include "evpack/util/text.hpp"
#include "page_ink.hpp"
#include "pdf_fonts.hpp"
#include "red_marks.hpp"
#include "scan_reading.hpp"
#include "sheet_photo.hpp"
#include "upright_pages.hpp"

namespace evpack {
namespace {

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

// A photo looked at as a possible page of a document is decoded with at least this
// shorter side (a JPEG is reduced by 1/2, 1/4 or 1/8 only down to it): an A4 sheet
// across three quarters of it keeps about 150 dpi.
constexpr int kImageDocumentShortSide = 1800;
// A flattened sheet with fewer lines of type than this (crossing a strip down its
// middle, parted by paper) is not taken for a page of a document (a page of 3号
// type holds 22).
constexpr int kMinPageLines = 5;

void report_number_form(const FileRecord& record, const DocumentFacts& facts, std::vector<Finding>& findings) {
  if (!facts.own_number || facts.own_number->form_problems.empty()) return;
  std::string problems;
  for (const auto& p : facts.own_number->form_problems) problems += (problems.empty() ? "" : "；") + p;
  findings.push_back(doc_finding(record, "DOC_NUMBER_FORM", Severity::Warning, DeductionRole::None,
                                 "发文字号“" + facts.own_number->text + "”格式不规范：" + problems,
                                 "按GB/T 9704-2012书写，如“青交发〔2025〕5号”"));
}

/// The finding for a PDF that could not be opened.
Finding open_failure(const FileRecord& record, const Error& e) {
  if (e.code == "PDF_ENCRYPTED") {
    return doc_finding(record, e.code, Severity::Error, DeductionRole::ArchiveOrder, e.message,
                       "提交未加密的PDF（另存或打印为PDF时不设置密码）");
  }
  if (e.code == "PDF_TOO_MANY_PAGES") {
    return doc_finding(record, e.code, Severity::Warning, DeductionRole::ArchiveOrder, e.message,
                       "拆分为多个文件，或只保留与指标相关的页面");
  }
  return doc_finding(record, e.code, Severity::Warning, DeductionRole::ArchiveOrder, e.message,
                     "用原始文件重新导出或重新扫描为PDF");
}

/// Reviewers open the file on their own machines: say what it could run or carry.
void report_active_content(const PdfDocument& doc, const FileRecord& record, std::vector<Finding>& findings) {
  const PdfActiveContent active = doc.active_content();
  if (active.javascript) {
    findings.push_back(doc_finding(record, "PDF_JAVASCRIPT", Severity::Warning, DeductionRole::None,
                                   "PDF中含有JavaScript脚本，评审专家打开时阅读器可能自动运行它",
                                   "用“打印为PDF”或扫描重新生成不含脚本的文件"));
  }
  if (active.launch) {
    findings.push_back(doc_finding(record, "PDF_LAUNCH", Severity::Warning, DeductionRole::None,
                                   "PDF中含有启动其他程序或文件的动作（Launch），评审专家的电脑可能被要求运行外部程序",
                                   "用“打印为PDF”重新生成不含该动作的文件"));
  }
  if (active.embedded_files) {
    findings.push_back(doc_finding(record, "PDF_EMBEDDED_FILES", Severity::Info, DeductionRole::None,
                                   "PDF中含有附件（嵌入的文件），评审时一般不会打开附件，附件内容未检查",
                                   "如附件是佐证材料，请单独作为文件提交"));
  }
  if (doc.truncated()) {
    findings.push_back(doc_finding(record, "PDF_TRUNCATED", Severity::Warning, DeductionRole::ArchiveOrder,
                                   "PDF文件不完整（文件结尾缺失，可能是复制或下载中断），部分内容可能无法显示",
                                   "用原始文件重新导出或重新复制该PDF"));
  }
}

/// The text layer of the pages (up to max_text_chars), and whether it is one: the
/// first page holds some text and most of it is real characters.
std::string read_text_layer(const PdfDocument& doc, const InspectOptions& options, DocumentFacts& facts) {
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
  return text;
}

/// Letterhead and seal of a scan or photographed PDF that cannot be judged absent
/// (photos of paper, scans too coarse).
void judge_scan_marks(const PdfDocument& doc, const UprightPages& pages, DocumentFacts& facts) {
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

}  // namespace

Finding doc_finding(const FileRecord& record, std::string code, Severity severity, DeductionRole role,
                    std::string message, std::string advice) {
  return {std::move(code), severity, "", record.rel_path, "", std::move(message), std::move(advice), role};
}

Inspection inspect_pdf(const std::string& path, const FileRecord& record, const PdfReader& pdf, Ocr* ocr,
                       const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  auto opened = pdf.open(path);
  if (!opened) {
    out.readable = opened.error().code == "PDF_TOO_MANY_PAGES";
    out.findings.push_back(open_failure(record, opened.error()));
    return out;
  }
  const PdfDocument& doc = *opened.value();
  DocumentFacts facts;
  facts.page_count = doc.page_count();
  report_active_content(doc, record, out.findings);
  std::string text = read_text_layer(doc, options, facts);
  if (facts.has_text_layer) read_document_text(text, facts);
  UprightPages pages(&doc);
  // A phone photo of paper saved as a PDF: its sheet is found, flattened and read
  // like a scan.
  if (!facts.has_text_layer && photo_shaped(doc.page_size(0))) {
    const double dpi = doc.largest_image_dpi();
    pages.set_photographed(dpi > 0 ? dpi : 150);
  } else if (!facts.has_text_layer) {
    pages.set_scanned();
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
  if (!facts.has_text_layer && !fonts.text_lost) judge_scan_marks(doc, pages, facts);
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
    if (options.ocr && may_hold_personal_numbers(record, options)) {
      const SheetView* view = pages.photographed() ? pages.sheet_view(0) : nullptr;
      read_body_text(pages, ocr, view ? view->dpi : doc.largest_image_dpi(), record, out);
    }
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
  const RasterImage look =
      resize(sheet, std::max(1, static_cast<int>(std::lround(sheet.width * kMarksDpi / 25.4 / view.px_per_mm))),
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
  if (options.ocr && may_hold_personal_numbers(record, options)) read_body_text(pages, ocr, view.dpi, record, out);
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
